"""The query index: the same answers, in the same order, as a scan over every record."""

from __future__ import annotations

import calendar

from hypothesis import given
from hypothesis import strategies as st

from defcoop import (
    Agreement,
    AgreementKind,
    Citation,
    Country,
    Dataset,
    Event,
    EventKind,
    EventStatus,
    Field,
    PartialDate,
    Period,
    Source,
)
from defcoop.query._table import _bounds

CITE = (Citation(source="s", paragraph=1),)
CODES = ["AAA", "BBB", "CCC", "DDD"]
FIELDS = {"root": None, "a": "root", "a1": "a", "a2": "a", "b": "root"}


@st.composite
def dates(draw: st.DrawFn, low: int = 1998, high: int = 2002) -> PartialDate:
    year = draw(st.integers(low, high))
    precision = draw(st.integers(1, 3))
    if precision == 1:
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == 2:
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, calendar.monthrange(year, month)[1])))


@st.composite
def periods(draw: st.DrawFn, low: int = 1998, high: int = 2002) -> Period:
    within = dates(low, high)
    a, b = draw(within), draw(within)
    start, end = sorted((a, b), key=lambda d: d.earliest)
    return Period(start, end)


# The strategies a dataset draws from, built once rather than for every record drawn.
NUMBERS = st.integers(0, 99)
PARTIES = st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True)
SOME_PARTIES = st.lists(st.sampled_from(CODES), max_size=2, unique=True)
SOME_FIELDS = st.frozensets(st.sampled_from(list(FIELDS)), max_size=3)
SIGNED = st.none() | dates()
WHEN = st.none() | periods()
KINDS = st.sampled_from(EventKind)
STATUSES = st.sampled_from(EventStatus)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    records: list[object] = [Source(id="s", language="en", paragraphs=3)]
    records += [Country(code=c, name=f"Country {c}", alpha2=c[:2]) for c in CODES]
    records += [Field(id=f, label=f"field {f}", broader=up) for f, up in FIELDS.items()]
    for i in range(draw(st.integers(0, 30))):
        records.append(
            Agreement(
                id=f"agreement-{draw(NUMBERS):02d}-{i}",
                title="A",
                kind=AgreementKind.PLAN,
                parties=draw(PARTIES),
                fields=draw(SOME_FIELDS),
                signed=draw(SIGNED),
                sources=CITE,
            )
        )
        records.append(
            Event(
                id=f"event-{i}",
                title="E",
                kind=draw(KINDS),
                parties=draw(SOME_PARTIES),
                when=draw(WHEN),
                status=draw(STATUSES),
                sources=CITE,
            )
        )
    return Dataset.from_records(records)  # type: ignore[arg-type]


def sort_key(value: PartialDate | Period | None, record_id: str) -> tuple[object, ...]:
    return (value is None, () if value is None else value.sort_key(), record_id)


@given(
    datasets(),
    st.none() | st.sampled_from(list(FIELDS)),
    st.none() | st.sampled_from(CODES),
    st.none() | periods(1997, 2003),
)
def test_agreements_match_a_scan(
    db: Dataset, field: str | None, party: str | None, signed: Period | None
) -> None:
    """Any combination of filters gives exactly the agreements a scan keeps, in date-id order."""
    everything = sorted(
        (r for r in db if isinstance(r, Agreement)), key=lambda a: sort_key(a.signed, a.id)
    )
    below = db.narrower(field) if field else None
    expected = [
        a
        for a in everything
        if (below is None or not below.isdisjoint(a.fields))
        and (party is None or party in a.parties)
        and (signed is None or (a.signed is not None and signed.contains(a.signed)))
    ]
    assert list(db.agreements(field=field, party=party, signed=signed)) == expected


@given(
    datasets(),
    st.none() | st.sampled_from(CODES),
    st.none() | periods(1997, 2003),
    st.none() | st.sampled_from(EventKind),
    st.none() | st.sampled_from(EventStatus),
)
def test_events_match_a_scan(
    db: Dataset,
    party: str | None,
    when: Period | None,
    kind: EventKind | None,
    status: EventStatus | None,
) -> None:
    """Events, dated by periods of any length, are filtered and ordered as a scan would."""
    everything = sorted(
        (r for r in db if isinstance(r, Event)), key=lambda e: sort_key(e.when, e.id)
    )
    expected = [
        e
        for e in everything
        if (party is None or party in e.parties)
        and (kind is None or e.kind is kind)
        and (status is None or e.status is status)
        and (when is None or (e.when is not None and when.contains(e.when)))
    ]
    assert list(db.events(party=party, when=when, kind=kind, status=status)) == expected


@given(st.lists(dates(1, 9999) | periods(1, 9999), min_size=2, max_size=2))
def test_bounds_order_like_sort_key(values: list[PartialDate | Period]) -> None:
    """The one-integer key orders dates and periods as their sort_key() does."""
    a, b = values
    if type(a) is not type(b):
        return
    assert (_bounds(a)[0] < _bounds(b)[0]) == (a.sort_key() < b.sort_key())
    assert (_bounds(a)[0] == _bounds(b)[0]) == (a.sort_key() == b.sort_key())
    assert _bounds(a)[1:] == (a.earliest.toordinal(), a.latest.toordinal())


def test_postings_are_built_once(db: Dataset) -> None:
    """A combination of filters builds its index on first use and reuses it after."""
    table = db._tables[Agreement]
    db.agreements(field="military science", party="BLR")
    built = table._postings[("field", "party")]
    db.agreements(field="defense cooperation", party="VNM", signed="2018")
    assert table._postings[("field", "party")] is built
