"""The arguments of a panel, read and checked before anything is built.

``years=`` must end, and end within the state system (a typo such as ``2008/9020`` is an
error, not a panel of seven thousand years); ``party=`` names a country or two;
``system=`` a state system.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from defcoop._quote import described
from defcoop.errors import ArgumentError, QueryError
from defcoop.model.dates import OPEN_END
from defcoop.model.kinds import StateSystem

if TYPE_CHECKING:
    from defcoop.query.collection import Collection


def system_of(value: object) -> StateSystem:
    from defcoop.query._lookup import coerce_member

    return coerce_member(value, StateSystem, "state system", "system")


def units_of(dataset: Collection, party: object, dyad: object) -> tuple[tuple[str, ...], ...]:
    """The countries a panel keeps, as groups of country ids: ``party=`` (a country, or a
    list of them) gives one group, whose units are those of any of them; ``dyad=`` (a pair)
    gives two, whose unit is their dyad. Empty: every unit."""
    if party is not None and dyad is not None:
        raise ArgumentError("give party= or dyad=, not both")
    if party is not None:
        several = isinstance(party, list | tuple | set | frozenset)
        given: list[Any] = list(party) if several else [party]  # type: ignore[call-overload]
        if not given:
            raise ArgumentError("party= expects a country or a list of countries, got none")
        return (tuple(dict.fromkeys(dataset.country(name).code for name in given)),)
    if dyad is not None:
        if not isinstance(dyad, tuple | list) or len(dyad) != 2:
            raise ArgumentError(f"dyad= expects a pair of countries, got {described(dyad)}")
        pair: list[Any] = list(dyad)
        first, second = (dataset.country(name).code for name in pair)
        if first == second:
            raise ArgumentError(f"dyad= expects two different countries, got {dyad!r}")
        return ((first,), (second,))
    return ()


LOOKAHEAD = 10
"""How many years past this one a state system runs, for memberships still running: plans
reach a few years ahead, a panel to year 9020 is a typo."""


def last_year(dataset: Collection, system: StateSystem) -> int:
    """The last year a panel of the state system may reach: :data:`LOOKAHEAD` years past this
    one (memberships still running run to the panel's end), or a later closed membership's end."""
    ends = [
        m.period.end.year
        for country in dataset.countries
        for m in country.memberships
        if m.system == system and not m.period.open
    ]
    return max([datetime.date.today().year + LOOKAHEAD, *ends])


def years_of(value: object, dataset: Collection, system: StateSystem) -> range:
    if isinstance(value, tuple) and len(value) == 2 and all(type(v) is int for v in value):
        first, last = value
    elif type(value) is int:
        first = last = value
    else:
        from defcoop.query._lookup import coerce_period

        period = coerce_period(value, "years")
        if period.end is OPEN_END:  # written "..": the year 9999 is a year like any other
            raise QueryError(f"years={value!r} must end: give a last year, such as '2008/2020'")
        first, last = period.start.year, period.end.year
    if not 1 <= first <= last <= 9999:
        raise QueryError(f"years= expects a first year no later than the last, got {value!r}")
    bound = last_year(dataset, system)
    if last > bound:
        raise QueryError(
            f"years={value!r} ends in {last}, after the last year of the {system.value} state "
            f"system ({bound}: {LOOKAHEAD} years past this one, for the memberships still "
            "running, or a later membership's end)"
        )
    return range(first, last + 1)
