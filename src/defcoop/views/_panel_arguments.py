"""The arguments of a panel, read and checked before anything is built.

``years=`` must end, and end within the state system (a typo such as ``2008/9020`` is an
error, not a panel of seven thousand years); ``party=`` names a country or two;
``system=`` a state system.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from defcoop._quote import described
from defcoop.errors import ArgumentError, QueryError
from defcoop.model.dates import OPEN_END
from defcoop.model.kinds import StateSystem

if TYPE_CHECKING:
    from defcoop.query.collection import Collection


def system_of(value: object) -> StateSystem:
    from defcoop.query._lookup import coerce_member

    return coerce_member(value, StateSystem, "state system", "system")


def parties_of(dataset: Collection, party: object) -> tuple[str, ...]:
    """The country ids of a ``party=`` filter: none, one, or the two of a dyad."""
    if party is None:
        return ()
    given = party if isinstance(party, tuple) else (party,)
    if not 1 <= len(given) <= 2:
        raise ArgumentError(
            f"party= expects a country or a pair of countries, got {described(party)}"
        )
    found = tuple(dict.fromkeys(dataset.country(name).code for name in given))
    if len(found) != len(given):
        raise ArgumentError(f"party= names one country twice: {party!r}")
    return found


LOOKAHEAD = 10
"""How many years past this one a state system runs, for memberships still running: plans
reach a few years ahead, a panel to year 9020 is a typo."""


def last_year(dataset: Collection, system: StateSystem) -> int | None:
    """The last year of the state system in ``dataset``: its latest membership's end, or for
    memberships still running, :data:`LOOKAHEAD` years past this one (None: no members)."""
    ends = [
        (datetime.date.today().year + LOOKAHEAD if m.period.end is OPEN_END else m.period.end.year)
        for country in dataset.countries
        for m in country.memberships
        if m.system == system
    ]
    return max(ends, default=None)


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
    if bound is not None and last > bound:
        raise QueryError(
            f"years={value!r} ends in {last}, after the last year of the {system.value} state "
            f"system ({bound}: its memberships' latest end, or {LOOKAHEAD} years past this "
            "year for those still running)"
        )
    return range(first, last + 1)
