"""Whole valid datasets: every reference resolves, every name finds one record."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from defcoop.dataset import Dataset
from defcoop.model import registry
from defcoop.model._inside_coverage import covering, outside_coverage
from defcoop.model._names import normalize
from defcoop.model.dates import Period
from defcoop.model.records import (
    Agreement,
    Country,
    Coverage,
    Event,
    Field,
    Record,
    Relationship,
    Source,
)
from defcoop.query.collection import DatasetInfo
from defcoop.strategies._building import _DEFAULT_SPAN, R, _lists, _maybe, _pool, _strategy
from defcoop.strategies._coverage import claims_within, dataset_claims, dataset_infos, searches
from defcoop.strategies._dates import partial_dates, periods
from defcoop.strategies._records import (
    agreements,
    citations,
    countries,
    events,
    fields,
    mechanisms,
    organizations,
    people,
    relationships,
    sources,
)
from defcoop.strategies._transfers import transfers


def datasets(
    *,
    sizes: int | SearchStrategy[int] | None = None,
    countries: Sequence[Country] | SearchStrategy[Sequence[Country]] | None = None,
    sources: Sequence[Source] | SearchStrategy[Sequence[Source]] | None = None,
    fields: Sequence[Field] | SearchStrategy[Sequence[Field]] | None = None,
    dates: Period | SearchStrategy[Period] | None = None,
    info: DatasetInfo | SearchStrategy[DatasetInfo | None] | None = None,
) -> SearchStrategy[Dataset]:
    """Whole valid datasets, checked by :meth:`~defcoop.Dataset.from_records` like any other.

    Every reference resolves to a record of the right kind; citations name paragraphs that
    exist; fields form a taxonomy whose broader links never loop, and so do organizations'
    parents and events' ``part_of``; an agreement signed during an event is signed within
    the event's dates, and an event part of another lies within it; each pair of countries
    has at most one relationship. Ids read ``agreement-3``; the names a query accepts
    (country codes and names, field labels, people's and mechanisms' names, and aliases) each find
    exactly one record, so a query by any of them gives the same answer as by id.

    Args:
        sizes: how many records of each kind to make, drawn once per kind (default 0 to 4);
            there is always at least one source and one country, unless given.
        countries: the countries to use instead of generated ones (codes and names distinct).
        sources: the sources to use instead of generated ones.
        fields: the field taxonomy to use instead of a generated one.
        dates: the period every date in the dataset lies in (default 1900 to 2100).
        info: the dataset's :class:`~defcoop.DatasetInfo`; by default sometimes one, sometimes None.
    """
    return _datasets(
        st.integers(0, 4) if sizes is None else _strategy(sizes),
        None if countries is None else _strategy(countries),
        None if sources is None else _strategy(sources),
        None if fields is None else _strategy(fields),
        _strategy(_DEFAULT_SPAN if dates is None else dates),
        info,
    )


# The id records are drawn with: numbered() gives each its own ("event-3") after drawing, so
# drawing a random one first (a dozen choices through from_regex) would be thrown away.
_NUMBERED = st.just("numbered")


def _distinct(records: Iterable[R], keys: Callable[[R], Iterable[str]], aliases: str) -> list[R]:
    """The records none of whose ``keys`` an earlier one has, less aliases already taken.

    So that every name a query accepts finds exactly one record.
    """
    taken: set[str] = set()
    kept: list[R] = []
    for record in records:
        own = {normalize(key) for key in keys(record)}
        if own & taken:
            continue
        names = tuple(name for name in getattr(record, aliases) if normalize(name) not in taken)
        taken |= own | {normalize(name) for name in names}
        changes: dict[str, Any] = {aliases: names}
        kept.append(attrs.evolve(record, **changes))
    return kept


def _country_keys(country: Country) -> list[str]:
    keys = [country.code, country.name, country.alpha2, country.numeric, country.formal_name]
    keys += [country.cow_abbrev, None if country.cow_code is None else str(country.cow_code)]
    return [key for key in keys if key is not None]


def _number(record_id: str) -> int:
    return int(record_id.rpartition("-")[2])


def _earlier(kind: str, position: int, target: str | None) -> str | None:
    """``target`` moved, if needed, to a record of ``kind`` numbered below ``position``.

    A link to the record itself or to a later one becomes a link to an earlier one (by the
    remainder of its number), or None for the first record: so links never loop.
    """
    if target is None or position == 0 or not target.startswith(f"{kind}-"):
        return None
    return f"{kind}-{_number(target) % position}"


@st.composite
def _datasets(
    draw: st.DrawFn,
    sizes: SearchStrategy[int],
    given_countries: SearchStrategy[Sequence[Country]] | None,
    given_sources: SearchStrategy[Sequence[Source]] | None,
    given_fields: SearchStrategy[Sequence[Field]] | None,
    dates: SearchStrategy[Period],
    info: DatasetInfo | SearchStrategy[DatasetInfo | None] | None,
) -> Dataset:
    # Each kind is drawn as one list, numbered ("event-3"), then repaired where a record points
    # at itself or at a later one (so links never loop) or at dates outside its container.
    span = draw(dates)

    def count(kind: str, at_least: int = 0) -> int:
        return max(at_least, draw(sizes, label=f"number of {kind}"))

    def numbered(kind: str, n: int, strategy: SearchStrategy[R]) -> list[R]:
        drawn = draw(st.lists(strategy, min_size=n, max_size=n)) if n else []
        changes: list[dict[str, Any]] = [{"id": f"{kind}-{i}"} for i in range(n)]
        return [
            attrs.evolve(record, **change) for record, change in zip(drawn, changes, strict=True)
        ]

    def ids(kind: str, n: int) -> SearchStrategy[str]:
        return _pool([f"{kind}-{i}" for i in range(n)])

    if given_sources is not None:
        source_list = list(draw(given_sources))
    else:
        source_list = numbered("source", count("sources", 1), sources(ids=_NUMBERED, dates=span))
    if given_countries is not None:
        country_list = list(draw(given_countries))
    else:
        n = count("countries", 1)
        drawn = draw(st.lists(countries(dates=span), min_size=n, max_size=n))
        country_list = _distinct(drawn, _country_keys, "names")
        # A country continued by another is continued by an earlier one of the dataset.
        country_list = [
            attrs.evolve(
                country,
                continued_by=None
                if country.continued_by is None or i == 0
                else country_list[sum(map(ord, country.continued_by)) % i].code,
            )
            for i, country in enumerate(country_list)
        ]
    codes = _pool([c.code for c in country_list])
    if given_sources is None and country_list:
        # A source's own claims end by its date (published, else accessed); none without one.
        source_list = [
            attrs.evolve(source, coverage=[c for c in drawn if c is not None])
            for source in source_list
            for bound in [source.published or source.accessed]
            for drawn in [
                draw(_lists(claims_within(span, codes, bound.latest), max_size=2)) if bound else []
            ]
        ]
    cites = citations(sources=source_list)
    cited = bool(source_list)
    with_parties = cited and bool(country_list)

    if given_fields is not None:
        field_list = list(draw(given_fields))
    else:
        n = count("fields")
        drawn_fields = numbered("field", n, fields(ids=_NUMBERED, field_ids=ids("field", n)))
        field_list = _distinct(drawn_fields, lambda f: (f.id, f.label), "aliases")
        kept = {f.id for f in field_list}
        field_list = [
            attrs.evolve(f, broader=broader if broader in kept else None)
            for f in field_list
            for broader in [_earlier("field", _number(f.id), f.broader)]
        ]
    field_ids = _pool([f.id for f in field_list])

    n = count("organizations") if cited else 0
    orgs = [
        attrs.evolve(o, parent=_earlier("organization", i, o.parent))
        for i, o in enumerate(
            numbered(
                "organization",
                n,
                organizations(
                    ids=_NUMBERED,
                    country_codes=codes,
                    organization_ids=ids("organization", n),
                    citations=cites,
                ),
            )
        )
    ]
    org_ids = ids("organization", n)

    n = count("people") if cited else 0
    persons = _distinct(
        numbered(
            "person",
            n,
            people(
                ids=_NUMBERED,
                country_codes=codes,
                organization_ids=org_ids,
                citations=cites,
                dates=span,
            ),
        ),
        lambda p: (p.id, p.name),
        "aliases",
    )

    # Mechanisms come before events, whose rounds may name them.
    standing = _distinct(
        numbered(
            "mechanism",
            count("mechanisms") if with_parties else 0,
            mechanisms(
                ids=_NUMBERED, country_codes=codes, field_ids=field_ids, citations=cites, dates=span
            ),
        ),
        lambda m: (m.id, m.name),
        "aliases",
    )

    n = count("events") if cited else 0
    drawn_events = numbered(
        "event",
        n,
        events(
            ids=_NUMBERED,
            country_codes=codes,
            person_ids=_pool([p.id for p in persons]),
            organization_ids=org_ids,
            event_ids=ids("event", n),
            mechanism_ids=_pool([m.id for m in standing]),
            citations=cites,
            dates=span,
        ),
    )
    happenings: dict[str, Event] = {}
    for i, event in enumerate(drawn_events):
        parent = happenings.get(_earlier("event", i, event.part_of) or "")
        event = attrs.evolve(event, part_of=None if parent is None else parent.id)
        if parent and parent.when and event.when and not parent.when.contains(event.when):
            event = attrs.evolve(event, when=draw(periods(within=parent.when)))
        happenings[event.id] = event

    deals: list[Agreement] = []
    for deal in numbered(
        "agreement",
        count("agreements") if with_parties else 0,
        agreements(
            ids=_NUMBERED,
            country_codes=codes,
            field_ids=field_ids,
            organization_ids=org_ids,
            event_ids=_pool(list(happenings)),
            citations=cites,
            dates=span,
        ),
    ):
        venue = happenings.get(deal.signed_during or "")
        if venue and venue.when and deal.signed and not venue.when.contains(deal.signed):
            deal = attrs.evolve(deal, signed=draw(partial_dates(within=venue.when)))
        deals.append(deal)

    pairs = relationships(
        ids=_NUMBERED,
        country_codes=codes,
        field_ids=field_ids,
        organization_ids=org_ids,
        citations=cites,
    )
    dyads: dict[frozenset[str], Relationship] = {}
    # A relationship is between two countries: none where there is only one.
    paired = with_parties and len(country_list) >= 2
    for tie in numbered("relationship", count("relationships") if paired else 0, pairs):
        dyads.setdefault(frozenset(tie.parties), tie)  # one relationship per set of parties

    # A transfer is between two countries: none where there is only one.
    trade = numbered(
        "transfer",
        count("transfers") if paired else 0,
        transfers(
            ids=_NUMBERED,
            country_codes=codes,
            agreement_ids=_pool([deal.id for deal in deals]),
            citations=cites,
            dates=span,
        ),
    )

    found = numbered("search", count("searches"), searches(ids=_NUMBERED, dates=span))
    records: list[Record] = [
        *source_list,
        *country_list,
        *field_list,
        *orgs,
        *persons,
        *happenings.values(),
        *deals,
        *standing,
        *dyads.values(),
        *found,
        *trade,
    ]
    drawn_info = draw(_maybe(dataset_infos(dates=span)) if info is None else _strategy(info))
    records = _covered(_held_once(records), given=given_sources is not None)
    if info is None and drawn_info is not None and country_list:
        claims = draw(dataset_claims(span, codes, found, source_list))
        drawn_info = attrs.evolve(drawn_info, coverage=tuple(claims))
    return Dataset.from_records(records, info=drawn_info)


def _held_once(records: list[Record]) -> list[Record]:
    """The records with each id in a public register (a Wikidata id, a UNTS number, an id in
    another dataset: the ``external`` attributes of their types) held by the first record
    only, across types, so that ``db.get()`` finds one record by it; later holders lose it."""
    held: set[str] = set()
    kept: list[Record] = []
    for record in records:
        changes: dict[str, Any] = {}
        for attribute in registry.of(type(record)).external:
            value = getattr(record, attribute)
            if isinstance(value, tuple):  # a list of ids (an agreement's identifiers)
                kept_ids = tuple(item for item in value if item not in held)
                if kept_ids != value:
                    changes[attribute] = kept_ids
                held.update(value)
                continue
            if value is not None and value in held:
                changes[attribute] = None
            held.add(value)
        kept.append(attrs.evolve(record, **changes) if changes else record)
    return kept


def _covered(records: list[Record], *, given: bool) -> list[Record]:
    """The records with each dated one inside its sources' coverage, as loading requires: a
    drawn source whose coverage misses a record dated by it gains an entry that covers the
    record; with sources given (used as given), the record loses its date instead (and is
    looked at again: a transfer without an order is dated by its first delivery)."""
    while True:
        repaired = _cover_once(records, given=given)
        if repaired is None:
            return records
        records = repaired


def _cover_once(records: list[Record], *, given: bool) -> list[Record] | None:
    """One pass of :func:`_covered`; None where every dated record is inside already."""
    by_id = {record.id: record for record in records}
    extra: dict[str, list[Coverage]] = {}
    undated: dict[str, dict[str, Any]] = {}
    for record, attribute, _message in outside_coverage(records, by_id):
        cited = (c.source for c in record.sources)  # type: ignore[union-attr]
        first = next(s for s in cited if getattr(by_id.get(s), "coverage", ()))
        entry = covering(record)
        source = by_id[first]
        bound = getattr(source, "published", None) or getattr(source, "accessed", None)
        # A source's claim ends no later than its date (model._coverage.Observed): a record
        # after it loses its date instead, as with sources given.
        if given or entry is None or bound is None or entry.period.latest > bound.latest:
            undated[record.id] = {attribute: _empty(type(record), attribute)}
            continue
        extra.setdefault(first, []).append(entry)
    if not extra and not undated:
        return None
    return [
        attrs.evolve(record, coverage=(*record.coverage, *extra[record.id]))
        if isinstance(record, Source) and record.id in extra
        else attrs.evolve(record, **undated[record.id])
        if record.id in undated
        else record
        for record in records
    ]


def _empty(cls: type, attribute: str) -> Any:
    """The value an attribute holds when nothing is known: its default (None, or empty)."""
    default: Any = attrs.fields_dict(cls)[attribute].default
    factory = getattr(default, "factory", None)  # an attrs.Factory
    return default if factory is None else factory()
