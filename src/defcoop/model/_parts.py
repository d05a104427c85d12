"""The values records hold inside them, and the shapes of rules the records share.

:class:`Citation`, :class:`Coverage`, :class:`Membership`, :class:`Role` and
:class:`FieldEvidence` are part of the public model: :mod:`defcoop.model.records` exports them, and
they are documented there. They live here, below the record classes, so that the model
stays one readable module; each is immutable and checks its rules like a record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from defcoop.model._coverage import Scopes
from defcoop.model._names import normalize
from defcoop.model.dates import PartialDate, Period
from defcoop.model.kinds import EventStatus, StateSystem
from defcoop.model.rules import (
    CURRENCY,
    ID,
    AtLeast,
    AtMost,
    AttributeNames,
    Between,
    Check,
    Each,
    InstanceOf,
    MemberOf,
    NonEmpty,
    NotBlank,
    OnlyWith,
    Rule,
    Unique,
    to_frozenset,
    to_tuple,
)

__all__ = ["Citation", "Coverage", "Delivery", "FieldEvidence", "Membership", "Role", "Value"]

# The rules of the attribute shapes the records share, each written once.
ID_ = Check(InstanceOf(str), ID)
TEXT = Check(InstanceOf(str), NonEmpty(), NotBlank())
IDS = (InstanceOf(tuple), Each(InstanceOf(str), ID), Unique())
TEXTS = Check(InstanceOf(tuple), Each(InstanceOf(str), NonEmpty(), NotBlank()), Unique())
LISTED = Check(*TEXTS.rules, NonEmpty())  # texts, at least one
ID_SET = Check(InstanceOf(frozenset), Each(InstanceOf(str), ID))
INFERRED = Check(InstanceOf(frozenset), Each(InstanceOf(str)), AttributeNames())
COUNT = Check(InstanceOf(int), AtLeast(1))
FLAG = Check(InstanceOf(bool))
SEVERAL_COUNT = Check(InstanceOf(int), AtLeast(2), OnlyWith("several"))
ROUND = Check(*COUNT.rules, OnlyWith("mechanism"))
YEAR = Check(InstanceOf(int), Between(1, 9999))
DATE = Check(InstanceOf(PartialDate))
PERIOD = Check(InstanceOf(Period))


def ids(*more: Rule) -> Check:
    return Check(*IDS, *more)


@attrs.frozen(kw_only=True, order=True)
class Citation:
    """A paragraph of a source: ``Citation(source="some-source", paragraph=3)``.

    Paragraphs are the blank-line separated blocks of the source text, numbered from 1.
    """

    source: str = attrs.field(validator=ID_)
    paragraph: int = attrs.field(validator=COUNT)

    def __str__(self) -> str:
        return f"{self.source} ¶{self.paragraph}"


@attrs.frozen(kw_only=True)
class Coverage:
    """A coverage claim: what a source or a search looked at, one state or one pair of states
    over a period, and which records it vouches for there.

    Two countries are a dyad; one is a state, with all its partners; none means every state
    (a dataset that looked at the whole world). Where a claim reaches, an absent record of
    the types it vouches for means "nothing happened"; elsewhere it means "not covered", and
    panels leave those cells missing rather than 0.

    ``records`` names what the claim vouches for: record types by their data-file key
    (``"agreements"``) or a type and one of its kinds (``"events:visit"``); empty, it vouches
    for every record type, which is what a source's own coverage has always meant. A claim in
    a dataset's ``[dataset]`` table rests on a search: ``search`` is the id of the
    :class:`Search` record that says how the records were looked for, and ``sources`` the
    ids of the sources it found; a source's own claim names neither.

    >>> str(Coverage(countries=("VNM", "RUS"), period=Period.parse("2008/2018")))
    'VNM-RUS 2008\u20132018'
    >>> str(Coverage(countries=("VNM",), period=Period.parse("2018"), records=["events:visit"]))
    'VNM 2018 (events:visit)'
    """

    countries: tuple[str, ...] = attrs.field(
        converter=to_tuple,
        validator=Check(InstanceOf(tuple), Each(InstanceOf(str), ID), Unique(), AtMost(2)),
    )
    period: Period = attrs.field(validator=PERIOD)
    records: frozenset[str] = attrs.field(
        factory=frozenset,
        converter=to_frozenset,
        validator=Check(InstanceOf(frozenset), Each(InstanceOf(str)), Scopes()),
    )
    search: str | None = attrs.field(default=None, validator=ID_)
    sources: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=ids())

    def __str__(self) -> str:
        scope = f" ({', '.join(sorted(self.records))})" if self.records else ""
        return f"{'-'.join(self.countries) or 'every state'} {self.period.words()}{scope}"


def merged(items: Iterable[Coverage]) -> tuple[Coverage, ...]:
    """Coverage gathered by countries and what it vouches for into runs of whole years.

    A panel reads coverage by the year (a cell is covered when a period reaches into its
    year), so runs of years say the same as the periods they gather, in far fewer items.
    The runs keep ``records`` (what each claim vouches for) and leave out the search and
    sources a claim rests on: those are read from the claims themselves. A year that a claim
    for every record type already holds for the same countries is left out of the runs of
    claims for some types, which say nothing more there.

    >>> parts = [Coverage(countries=("VNM", "RUS"), period=Period.parse(text))
    ...          for text in ("2018-11", "2019/2020", "2022-03/..")]
    >>> [(item.countries, str(item.period)) for item in merged(parts)]
    [(('VNM', 'RUS'), '2018/2020'), (('VNM', 'RUS'), '2022/..')]
    >>> visits = Coverage(countries=("VNM", "RUS"), period=Period.parse("2017/2019"),
    ...                   records=["events:visit"])
    >>> [str(item) for item in merged([*parts, visits])]
    ['VNM-RUS 2018\u20132020', 'VNM-RUS since 2022', 'VNM-RUS 2017 (events:visit)']
    """
    years: dict[tuple[tuple[str, ...], tuple[str, ...]], set[int]] = {}
    open_from: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
    for item in items:
        key = (item.countries, tuple(sorted(item.records)))
        found = years.setdefault(key, set())
        start = item.period.start.year
        if item.period.open:
            open_from[key] = min(open_from.get(key, start), start)
        else:
            found.update(range(start, item.period.end.year + 1))
    runs: list[Coverage] = []
    for key, found in sorted(years.items()):
        countries, records = key
        limit = open_from.get(key)
        if records:  # a year every record type is vouched for already says it all
            whole = years.get((countries, ()), set())
            whole_from = open_from.get((countries, ()))
            found = {y for y in found if y not in whole and (whole_from is None or y < whole_from)}
            if whole_from is not None and limit is not None:  # open until the whole's start
                found |= set(range(limit, whole_from)) - whole
                limit = None
        ordered = sorted(year for year in found if limit is None or year < limit)
        while ordered:
            first = last = ordered.pop(0)
            while ordered and ordered[0] == last + 1:
                last = ordered.pop(0)
            span = Period(PartialDate(first), PartialDate(last))
            runs.append(Coverage(countries=countries, period=span, records=records))
        if limit is not None:
            span = Period.parse(f"{limit}/..")
            runs.append(Coverage(countries=countries, period=span, records=records))
    return tuple(runs)


@attrs.frozen(kw_only=True)
class Membership:
    """A period during which a state belongs to a state system, under that system's code."""

    system: StateSystem = attrs.field(validator=Check(MemberOf(StateSystem)))
    code: int = attrs.field(validator=COUNT)
    period: Period = attrs.field(validator=PERIOD)


@attrs.frozen(kw_only=True)
class Role:
    """A position a person held: title, organization id, rank and dates where known."""

    title: str = attrs.field(validator=TEXT)
    organization: str | None = attrs.field(default=None, validator=ID_)
    rank: str | None = attrs.field(default=None, validator=TEXT)
    period: Period | None = attrs.field(default=None, validator=PERIOD)


@attrs.frozen(kw_only=True)
class FieldEvidence:
    """The paragraphs that name one field of cooperation for a relationship."""

    field: str = attrs.field(validator=ID_)
    sources: tuple[Citation, ...] = attrs.field(
        converter=to_tuple,
        validator=Check(InstanceOf(tuple), Each(InstanceOf(Citation)), NonEmpty()),
    )


@attrs.frozen(kw_only=True)
class Delivery:
    """The units of an arms transfer delivered in one year.

    ``count`` is given only where a source gives it (``Delivery(year=2010)``: some arrived
    that year, how many is not known).

    >>> str(Delivery(year=2010, count=4)), str(Delivery(year=2011))
    ('2010: 4', '2011')
    """

    year: int = attrs.field(validator=YEAR)
    count: int | None = attrs.field(default=None, validator=COUNT)

    def __str__(self) -> str:
        return str(self.year) if self.count is None else f"{self.year}: {self.count}"


@attrs.frozen(kw_only=True)
class Value:
    """What an arms transfer is worth, as a source states it.

    An amount of a currency (its ISO 4217 code) in the money of one year, so that it can be
    deflated.

    >>> str(Value(amount=1_000_000_000, currency="USD", year=2010))
    '1,000,000,000 USD (2010)'
    """

    amount: int = attrs.field(validator=COUNT)
    currency: str = attrs.field(validator=Check(InstanceOf(str), CURRENCY))
    year: int = attrs.field(validator=YEAR)

    def __str__(self) -> str:
        return f"{self.amount:,} {self.currency} ({self.year})"


SOURCES = Check(InstanceOf(tuple), Each(InstanceOf(Citation)), NonEmpty(), Unique())
"""The rules of ``sources``: at least one citation, none twice."""


def fields_from_evidence(instance: Any) -> frozenset[str]:
    """A relationship's fields by default: those its evidence names."""
    return frozenset(item.field for item in instance.evidence)


def cameo_roots(event: Any) -> tuple[str, ...]:
    """The keys an event is found by with ``events(cameo=...)``: its code and each shorter
    root, down to two digits ("0431" answers to "04", "043" and "0431")."""
    code = event.cameo
    return () if code is None else tuple(code[:length] for length in range(2, len(code) + 1))


def event_keys(event: Any) -> tuple[str, ...]:
    """The keys an event is found by with ``events(plover=...)``: its type, and type-mode."""
    plover = event.plover
    return () if plover is None else tuple(plover.filter_keys())


def compact(name: str) -> str:
    """The key a weapon's designation is matched by: :func:`~defcoop.model._names.normalize`d,
    without spaces or hyphens, so that "Su-30MK2", "su 30 mk2" and "SU30MK2" are one.

    >>> compact("Su-30MK2") == compact("su 30 mk2") == compact("SU30MK2")
    True
    """
    return "".join(ch for ch in normalize(name) if ch not in " -\u2010\u2011\u2012\u2013")


def designation_keys(transfer: Any) -> tuple[str, ...]:
    """The keys a transfer is found by with ``transfers(designation=...)``: its designation
    and each alias, compacted (:func:`compact`)."""
    return tuple(dict.fromkeys(map(compact, (transfer.designation, *transfer.aliases))))


def transfer_parties(transfer: Any) -> tuple[str, ...]:
    """The keys a transfer is found by with ``transfers(party=...)``: supplier and recipient."""
    return (transfer.supplier, transfer.recipient)


def observed_signed(agreement: Any) -> tuple[str, PartialDate | Period] | None:
    """An agreement is observed at its signature, where a source dates it."""
    return None if agreement.signed is None else ("signed", agreement.signed)


def observed_when(event: Any) -> tuple[str, PartialDate | Period] | None:
    """An event that occurred is observed at its date; a planned one is not (the source that
    reports a plan need not have looked at the year it names)."""
    if event.status is not EventStatus.OCCURRED or not event.when:
        return None
    return ("when", event.when)


def observed_ordered(transfer: Any) -> tuple[str, PartialDate | Period] | None:
    """A transfer is observed at its order, or, where no order date is known, at the year of
    its first delivery (the first year a panel counts it in)."""
    if transfer.ordered is not None:
        return ("ordered", transfer.ordered)
    if transfer.deliveries:
        return ("deliveries", PartialDate(min(d.year for d in transfer.deliveries)))
    return None


def delivery_years(transfer: Any) -> tuple[PartialDate, ...]:
    """A transfer's stages after its order: the years of its deliveries, in order."""
    return tuple(PartialDate(delivery.year) for delivery in transfer.deliveries)


def inferred_attribute() -> Any:
    """The ``inferred`` attribute of a cited record: names of its data attributes, as a set."""
    return attrs.field(factory=frozenset, converter=to_frozenset, validator=INFERRED)
