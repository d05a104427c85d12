"""A dyad profile: everything a dataset holds about one pair of countries, in one object."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from defcoop._quote import described
from defcoop.errors import QueryError
from defcoop.model import registry
from defcoop.model.records import (
    Agreement,
    Country,
    Event,
    Mechanism,
    Record,
    Relationship,
    Transfer,
)
from defcoop.model.rules import Check, Each, InstanceOf, Pairs, Rule, to_tuple
from defcoop.query import _display
from defcoop.query._lookup import record_kind
from defcoop.query.results import Results
from defcoop.views.timeline import Timeline, chronology

if TYPE_CHECKING:
    from defcoop.query.collection import Collection, CountryName

__all__ = ["DyadProfile"]

_HELD = tuple(declared for declared in registry.record_types() if declared.counted)
"""The record types a profile holds: those panels count, by their parties. Each is the
attribute named by its key where the class has one, and otherwise in ``more``."""

R = TypeVar("R", bound=Record)


def _pairs(value: object) -> object:
    """``more`` given as a mapping becomes (key, records) pairs, each records as Results;
    anything else is left for the attribute's rules to report."""
    if isinstance(value, dict):
        value = tuple(value.items())
    if isinstance(value, list | tuple):
        return tuple(
            (pair[0], _results(pair[1])) if isinstance(pair, tuple) and len(pair) == 2 else pair
            for pair in value
        )
    return value


@attrs.frozen
class _HeldPair(Rule):
    """A (data-file key, records) pair of ``more``: a counted type without an attribute of
    its own, and records of that type."""

    def problem(self, value: Any, instance: Any) -> str | None:
        if not (isinstance(value, tuple) and len(value) == 2):
            return f"expected a (key, records) pair, got {described(value)}"
        key, records = value
        declared = registry.by_key(key) if isinstance(key, str) else None
        if declared is None or declared not in _HELD or key in _OWN:
            return f"expected the key of a counted type without an attribute, got {described(key)}"
        if not (isinstance(records, Results) and all(isinstance(r, declared.cls) for r in records)):
            return f"expected Results of {declared.cls.__name__} for {key}"
        return None


def _results(value: Iterable[Any]) -> Results[Any]:
    """Records given as a list or tuple become Results; anything else is left for the
    attribute's rules to report."""
    if isinstance(value, list | tuple) and not isinstance(value, Results):
        return Results(value)
    return value  # type: ignore[return-value]


@attrs.frozen(kw_only=True, repr=False)
class DyadProfile:
    """One pair of countries: their relationship and the records both are parties to.

    ``transfers`` are the arms transfers between the two, in either direction (the supplier
    and recipient of each say which way). :meth:`records` gives the records of any type that
    panels count, by class or data-file key: a record type without an attribute of its own
    here is held in ``more``, as (data-file key, records) pairs, so that a new record type
    reaches the profile from its declaration alone.

    Built by :meth:`Dataset.dyad <defcoop.Dataset.dyad>`, with the countries in the order
    given; records with more parties than the pair count when both are among them. A value
    of another type raises :class:`~defcoop.RecordError` naming the attribute, as records do.

    >>> import defcoop
    >>> profile = defcoop.load().dyad("VNM", "Belarus")
    >>> profile.relationship.framework, len(profile.agreements), len(profile.events)
    ('strategic partnership', 15, 60)
    >>> profile  # doctest: +ELLIPSIS
    <DyadProfile VNM-BLR: strategic partnership; 15 agreements, 60 events, ...>
    """

    countries: tuple[Country, Country] = attrs.field(
        converter=to_tuple, validator=Check(InstanceOf(tuple), Each(InstanceOf(Country)), Pairs())
    )
    relationship: Relationship | None = attrs.field(
        default=None, validator=Check(InstanceOf(Relationship))
    )
    agreements: Results[Agreement] = attrs.field(
        converter=_results, validator=Check(InstanceOf(Results), Each(InstanceOf(Agreement)))
    )
    events: Results[Event] = attrs.field(
        converter=_results, validator=Check(InstanceOf(Results), Each(InstanceOf(Event)))
    )
    mechanisms: Results[Mechanism] = attrs.field(
        converter=_results, validator=Check(InstanceOf(Results), Each(InstanceOf(Mechanism)))
    )
    transfers: Results[Transfer] = attrs.field(
        factory=Results,
        converter=_results,
        validator=Check(InstanceOf(Results), Each(InstanceOf(Transfer))),
    )
    more: tuple[tuple[str, Results[Any]], ...] = attrs.field(
        default=(), converter=_pairs, validator=Check(InstanceOf(tuple), Each(_HeldPair()))
    )

    @overload
    def records(self, kind: type[R]) -> Results[R]: ...

    @overload
    def records(self, kind: str) -> Results[Record]: ...

    def records(self, kind: type[Any] | str) -> Results[Any]:
        """The pair's records of one type panels count, by class or data-file key.

        >>> import defcoop
        >>> profile = defcoop.load().dyad("VNM", "BLR")
        >>> profile.records("agreements") == profile.agreements
        True
        """
        declared = registry.of(record_kind(kind))
        if declared not in _HELD:
            raise QueryError(f"a dyad profile holds {_KEYS}, not {declared.key}")
        return self._held(declared)

    @property
    def timeline(self) -> Timeline:
        """The pair's dated agreements, events and transfers, in date order."""
        return chronology(record for declared in _HELD for record in self._held(declared))

    def __repr__(self) -> str:
        framework = self.relationship.framework if self.relationship else None
        counts = ", ".join(f"{len(self._held(d))} {d.key}" for d in _HELD)
        if self.relationship is None:
            said = "no relationship recorded"
        else:
            said = framework or f"relationship {self.relationship.id}, no framework stated"
        return f"<DyadProfile {self._pair()}: {said}; {counts}>"

    def _repr_html_(self) -> str:
        from html import escape

        first, second = self.countries
        heading = f"{escape(first.name)} &ndash; {escape(second.name)}"
        parts = [f"<h4>{heading}</h4>"]
        if self.relationship is None:
            parts.append("<p><em>No relationship recorded for this pair.</em></p>")
        else:
            parts.append(_display.record_html(self.relationship))
        for declared in _HELD:
            found = self._held(declared)
            caption = f"{declared.key.capitalize()} ({len(found)})"
            parts.append(_display.results_html(found, caption=caption))
        return '<div class="defcoop-dyad">' + "".join(parts) + "</div>"

    def _held(self, declared: registry.RecordType) -> Results[Any]:
        """The records of one type the profile holds."""
        if declared.key in _OWN:
            found: Results[Any] = getattr(self, declared.key)
            return found
        return dict(self.more).get(declared.key, Results())

    def _pair(self) -> str:
        return "-".join(country.code for country in self.countries)


def build_dyad(dataset: Collection, first: CountryName, second: CountryName) -> DyadProfile:
    """The profile of ``first`` and ``second`` in ``dataset``.

    Raises:
        UnknownNameError: for a country that is not in the dataset.
        QueryError: when both name the same country.
    """
    one, two = dataset.country(first), dataset.country(second)
    if one.code == two.code:
        raise QueryError(f"a dyad needs two different countries, got {one.code} twice")
    pair = {one.code, two.code}
    relationship = next(
        (r for r in dataset.relationships(party=one) if set(r.parties) == pair), None
    )
    held = {
        declared.key: Results(
            r for r in dataset.select(declared.cls, party=one) if two.code in r.parties
        )
        for declared in _HELD
    }
    own = {key: found for key, found in held.items() if key in _OWN}
    more = tuple((key, found) for key, found in held.items() if key not in _OWN)
    # Built without the constructor's checks, which are for users' values: these are the
    # dataset's own records, of the right types by their queries (half the cost, unchecked).
    profile: DyadProfile = object.__new__(DyadProfile)
    values = {"countries": (one, two), "relationship": relationship, "more": more, **own}
    for name in _OWN:
        object.__setattr__(profile, name, values[name])
    return profile


_OWN = frozenset(field.name for field in attrs.fields(DyadProfile))
"""The attributes of a profile, among them the keys of the types with one of their own."""
_KEYS = ", ".join(declared.key for declared in _HELD)
