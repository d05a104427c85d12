"""Hypothesis strategies for defcoop records and whole datasets.

These are the generators defcoop tests itself with, for testing code built on defcoop against
many valid datasets instead of one. They need the optional extra
``pip install "defcoop[hypothesis]"``; without hypothesis, importing this module raises
:class:`~defcoop.errors.MissingExtraError`. ``import defcoop`` never imports this module.

There is one strategy per record type, each making a single valid record whose references are
arbitrary ids unless told which ids to use, and :func:`datasets`, which makes whole valid
datasets: every reference resolves, citations fall inside generated sources, fields form a
taxonomy with broader links and no cycles, dates come at every precision and nest where the
model says they must. Arguments are keyword-only: sizes, date ranges and the countries,
sources and fields of a dataset take a value or a strategy; the ids a record may refer to are
given as strategies (``country_codes=st.sampled_from(["VNM", "RUS"])``).

Example (not a doctest: hypothesis draws different examples on each run)::

    from hypothesis import given, strategies as st
    from defcoop import Period
    from defcoop import strategies as dst

    @given(dst.datasets(sizes=st.integers(0, 6), dates=Period.parse("1990/2020")))
    def test_my_timeline_lists_every_signed_agreement(db):
        timeline = my_timeline(db)  # the code under test
        assert {a.id for a in db.agreements() if a.signed} <= {row.id for row in timeline}
"""

from __future__ import annotations

import datetime
import functools
import string
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, TypeVar

import attrs

from defcoop._names import normalize
from defcoop.dataset import Dataset, DatasetInfo
from defcoop.dates import PartialDate, Period, Precision
from defcoop.errors import MissingExtraError
from defcoop.kinds import (
    AgreementKind,
    EventKind,
    EventStatus,
    MechanismKind,
    MechanismLevel,
    OrganizationKind,
    StateSystem,
)
from defcoop.model import (
    Agreement,
    Citation,
    Country,
    Coverage,
    Event,
    Field,
    FieldEvidence,
    Mechanism,
    Membership,
    Organization,
    Person,
    Record,
    Relationship,
    Role,
    Source,
)

try:
    from hypothesis import strategies as st
    from hypothesis.strategies import SearchStrategy
except ImportError as exc:  # pragma: no cover - tested in a subprocess without hypothesis
    raise MissingExtraError("hypothesis", "hypothesis", purpose="defcoop.strategies") from exc

__all__ = [
    "agreements",
    "citations",
    "countries",
    "dataset_infos",
    "datasets",
    "events",
    "field_evidence",
    "fields",
    "mechanisms",
    "organizations",
    "partial_dates",
    "people",
    "periods",
    "record_ids",
    "relationships",
    "roles",
    "sources",
]

T = TypeVar("T")
R = TypeVar("R", bound=Record)

_EVERY_DAY = Period(PartialDate(1), PartialDate(9999))  # every day a PartialDate can name
_DEFAULT_SPAN = Period(PartialDate(1900), PartialDate(2100))  # the dates of datasets()

_ID_START = string.ascii_letters + string.digits
_ID_REST = _ID_START + "_.:-"
# Letters whose case and diacritics normalize cleanly; names never hold digits or "-", so a
# generated name can never be mistaken for a generated id ("field-3") or code ("VNM", "704").
_LATIN = string.ascii_lowercase + "áàảãạâấầăắđéèêếệíìóòôốồơớờúùưứừýçñöüøł"
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщыэюя"
_SURROGATES: list[Literal["Cs"]] = ["Cs"]
# Any character but surrogates, without the UTF-8 codec table hypothesis would compute.
_CHARACTERS = st.characters(codec=None, exclude_categories=_SURROGATES)


def _strategy(value: T | SearchStrategy[T]) -> SearchStrategy[T]:
    if isinstance(value, st.SearchStrategy):
        return value
    return st.just(value)


def _maybe(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
    return st.none() | strategy


@st.composite
def _usually(draw: st.DrawFn, strategy: SearchStrategy[T]) -> T | None:
    """A value of ``strategy`` three times in four, else None (as most events have dates)."""
    return draw(strategy) if draw(st.integers(0, 3)) else None


def _pool(values: Sequence[T]) -> SearchStrategy[T]:
    """One of ``values``; nothing at all when there are none, so optional references stay None."""
    return st.sampled_from(values) if values else st.nothing()


def _lists(
    elements: SearchStrategy[T], *, min_size: int = 0, max_size: int, unique: bool = False
) -> SearchStrategy[list[T]]:
    """Lists of ``elements``; only empty ones when there are no elements to draw."""
    if elements.is_empty and min_size == 0:
        return st.just([])
    return st.lists(elements, min_size=min_size, max_size=max_size, unique=unique)


def _sets(elements: SearchStrategy[T], *, max_size: int) -> SearchStrategy[frozenset[T]]:
    return _lists(elements, max_size=max_size).map(frozenset)


@functools.cache
def _text(max_size: int = 30) -> SearchStrategy[str]:
    return st.text(_CHARACTERS, min_size=1, max_size=max_size)


@functools.cache
def _notes() -> SearchStrategy[str | None]:
    return _maybe(_text(60))


@functools.cache
def _names() -> SearchStrategy[str]:
    """Names of one to three capitalized words, Latin (with diacritics) or Cyrillic."""
    word = (
        st.sampled_from((_LATIN, _CYRILLIC))
        .flatmap(lambda letters: st.text(letters, min_size=4, max_size=9))
        .map(str.capitalize)
    )
    return st.lists(word, min_size=1, max_size=3).map(" ".join)


@functools.cache
def _urls() -> SearchStrategy[str]:
    """http(s) addresses: a host of lower-case labels and an optional path."""
    label = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
    host = st.lists(label, min_size=2, max_size=3).map(".".join)
    path = st.lists(label, max_size=3).map(lambda parts: "".join("/" + p for p in parts))
    return st.builds(
        lambda scheme, host, path: f"{scheme}://{host}{path}",
        st.sampled_from(("http", "https")),
        host,
        path,
    )


@functools.cache
def _identifiers() -> SearchStrategy[str]:
    """Ids in other datasets, ``scheme:value`` (``"dcad:1234"``)."""
    scheme = st.sampled_from(("dcad", "unts", "atop"))
    value = st.text(string.ascii_letters + string.digits + "-_.", min_size=1, max_size=8)
    return st.builds(lambda s, v: f"{s}:{v}", scheme, value)


@functools.cache
def _aliases(max_size: int = 3) -> SearchStrategy[list[str]]:
    return st.lists(_names(), unique=True, max_size=max_size)


@functools.cache
def _letters(size: int) -> SearchStrategy[str]:
    return st.text(string.ascii_uppercase, min_size=size, max_size=size)


@functools.cache
def _inferred(record_type: type[Record]) -> SearchStrategy[frozenset[str]]:
    names = sorted(set(attrs.fields_dict(record_type)) - {"id", "inferred", "notes", "sources"})
    return st.frozensets(st.sampled_from(names), max_size=2)


def _cited(citations: SearchStrategy[Citation] | None) -> SearchStrategy[list[Citation]]:
    return st.lists(_any_citations() if citations is None else citations, min_size=1, max_size=3)


@functools.cache
def record_ids() -> SearchStrategy[str]:
    """Valid record ids: a letter or digit, then letters, digits and ``_ . : -``."""
    return st.builds(str.__add__, st.sampled_from(_ID_START), st.text(_ID_REST, max_size=12))


def _ids(ids: SearchStrategy[str] | None) -> SearchStrategy[str]:
    return record_ids() if ids is None else ids


def _codes(codes: SearchStrategy[str] | None) -> SearchStrategy[str]:
    return _letters(3) if codes is None else codes


# Dates ------------------------------------------------------------------------------------


def partial_dates(
    *, within: Period | SearchStrategy[Period] | None = None
) -> SearchStrategy[PartialDate]:
    """Dates known to the year, the month or the day, each lying wholly inside ``within``.

    Args:
        within: the period every generated date lies in (default: years 1 to 9999). Where a
            coarse date would stick out of it ("2018" for a period ending in June 2018), the
            next finer precision that fits is used.
    """
    return _strategy(_EVERY_DAY if within is None else within).flatmap(_dates_in)


def periods(*, within: Period | SearchStrategy[Period] | None = None) -> SearchStrategy[Period]:
    """Periods whose ends lie inside ``within``, single dates and spans, ends at any precision.

    Args:
        within: the period every generated period lies in (default: years 1 to 9999).
    """
    return _strategy(_EVERY_DAY if within is None else within).flatmap(_periods_within)


@functools.lru_cache(maxsize=1024)
def _dates_in(span: Period) -> SearchStrategy[PartialDate]:
    return st.builds(
        _coarsest_fit,
        st.dates(span.earliest, span.latest),
        st.sampled_from(Precision),
        st.just(span),
    )


def _coarsest_fit(day: datetime.date, precision: Precision, span: Period) -> PartialDate:
    """``day`` at ``precision``, or at the first finer precision whose days all lie in ``span``."""
    candidates = (
        PartialDate(day.year),
        PartialDate(day.year, day.month),
        PartialDate(day.year, day.month, day.day),
    )
    for candidate in candidates[precision - 1 : -1]:
        if span.contains(candidate):
            return candidate
    return candidates[-1]


@functools.lru_cache(maxsize=1024)
def _periods_within(span: Period) -> SearchStrategy[Period]:
    return _periods_in(span)


@st.composite
def _periods_in(draw: st.DrawFn, span: Period) -> Period:
    first = draw(_dates_in(span))
    if draw(st.booleans()):
        return Period.of(first)
    second = draw(_dates_in(span))
    # Either order is valid as long as the start's first day is not after the end's last day.
    return Period(first, second) if first.earliest <= second.latest else Period(second, first)


# Records ----------------------------------------------------------------------------------


def citations(
    *, sources: Sequence[Source] | SearchStrategy[Source] | None = None
) -> SearchStrategy[Citation]:
    """Citations of a paragraph; with ``sources``, of a paragraph that exists in one of them.

    Args:
        sources: the sources to cite (default: any id, paragraphs 1 to 1000).
    """
    if sources is None:
        return _any_citations()
    pool = sources if isinstance(sources, st.SearchStrategy) else _pool(sources)
    return pool.flatmap(
        lambda source: st.builds(
            Citation, source=st.just(source.id), paragraph=st.integers(1, source.paragraphs)
        )
    )


@functools.cache
def _any_citations() -> SearchStrategy[Citation]:
    return st.builds(Citation, source=record_ids(), paragraph=st.integers(1, 1000))


def sources(
    *, ids: SearchStrategy[str] | None = None, dates: Period | SearchStrategy[Period] | None = None
) -> SearchStrategy[Source]:
    """Sources with or without title, publisher, date and translator.

    Args:
        ids: the source's id.
        dates: the period its publication date lies in.
    """
    return st.builds(
        Source,
        id=_ids(ids),
        title=_maybe(_text()),
        publisher=_maybe(_text()),
        published=_maybe(partial_dates(within=dates)),
        language=st.sampled_from(("en", "vi", "ru", "be")) | _text(8),
        paragraphs=st.integers(1, 60),
        translator=_maybe(_names()),
        url=_maybe(_urls()),
        authors=_lists(_names(), unique=True, max_size=3),
        accessed=_maybe(partial_dates(within=dates)),
        notes=_notes(),
    )


def countries(*, dates: Period | SearchStrategy[Period] | None = None) -> SearchStrategy[Country]:
    """Countries with codes of the ISO shapes, a name, other names and optional numeric codes.

    Codes are random letters, not real ISO codes; :func:`datasets` keeps every code and name
    distinct between the countries of one dataset. A country with a COW code has one or two
    COW memberships and perhaps a Gleditsch-Ward one under another code.

    Args:
        dates: the period its memberships lie in.
    """
    return _countries(dates)


@st.composite
def _countries(draw: st.DrawFn, dates: Period | SearchStrategy[Period] | None) -> Country:
    cow_code = draw(_maybe(st.integers(2, 999)))
    memberships: list[Membership] = []
    if cow_code is not None:
        spans = draw(st.lists(periods(within=dates), min_size=1, max_size=2))
        memberships += [Membership(system=StateSystem.COW, code=cow_code, period=p) for p in spans]
        gw = draw(_maybe(st.sampled_from([cow_code, cow_code + 1000])))
        if gw is not None:
            memberships.append(
                Membership(system=StateSystem.GW, code=gw, period=draw(periods(within=dates)))
            )
    return Country(
        code=draw(_letters(3)),
        name=draw(_names()),
        formal_name=draw(_maybe(_names())),
        alpha2=draw(_usually(_letters(2))),
        numeric=draw(_maybe(st.integers(0, 999).map("{:03d}".format))),
        cow_code=cow_code,
        cow_abbrev=draw(_maybe(_letters(3))) if cow_code is not None else None,
        names=draw(_aliases()),
        memberships=memberships,
        notes=draw(_notes()),
    )


def fields(
    *, ids: SearchStrategy[str] | None = None, field_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[Field]:
    """Fields of cooperation with a label, aliases and perhaps a broader field.

    Args:
        ids: the field's id.
        field_ids: the ids its broader field may have.
    """
    return st.builds(
        Field,
        id=_ids(ids),
        label=_names(),
        aliases=_aliases(),
        broader=_maybe(_ids(field_ids)),
        notes=_notes(),
    )


def roles(
    *,
    organization_ids: SearchStrategy[str] | None = None,
    dates: Period | SearchStrategy[Period] | None = None,
) -> SearchStrategy[Role]:
    """Positions held: a title, perhaps an organization, a rank and a period.

    Args:
        organization_ids: the ids the role's organization may have.
        dates: the period the role's period lies in.
    """
    return st.builds(
        Role,
        title=_text(),
        organization=_maybe(_ids(organization_ids)),
        rank=_maybe(_text()),
        period=_maybe(periods(within=dates)),
    )


def people(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    organization_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
    dates: Period | SearchStrategy[Period] | None = None,
) -> SearchStrategy[Person]:
    """People with aliases in other scripts, perhaps a country, and roles.

    Args:
        ids: the person's id.
        country_codes: the codes their country may have.
        organization_ids: the ids their roles' organizations may have.
        citations: the citations in ``sources``.
        dates: the period their roles' periods lie in.
    """
    return st.builds(
        Person,
        id=_ids(ids),
        name=_names(),
        aliases=_aliases(),
        country=_maybe(_codes(country_codes)),
        roles=st.lists(roles(organization_ids=organization_ids, dates=dates), max_size=2),
        sources=_cited(citations),
        notes=_notes(),
        inferred=_inferred(Person),
    )


def organizations(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    organization_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
) -> SearchStrategy[Organization]:
    """Ministries, forums and other bodies, perhaps with a country and a parent.

    Args:
        ids: the organization's id.
        country_codes: the codes its country may have.
        organization_ids: the ids its parent may have.
        citations: the citations in ``sources``.
    """
    return st.builds(
        Organization,
        id=_ids(ids),
        name=_names(),
        kind=st.sampled_from(OrganizationKind),
        country=_maybe(_codes(country_codes)),
        aliases=_aliases(2),
        parent=_maybe(_ids(organization_ids)),
        sources=_cited(citations),
        notes=_notes(),
        inferred=_inferred(Organization),
    )


def agreements(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    field_ids: SearchStrategy[str] | None = None,
    organization_ids: SearchStrategy[str] | None = None,
    event_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
    dates: Period | SearchStrategy[Period] | None = None,
) -> SearchStrategy[Agreement]:
    """Agreements between one to three parties, perhaps signed, in force, and tied to fields.

    Args:
        ids: the agreement's id.
        country_codes: the codes its parties may have.
        field_ids: the ids of the fields it may cover.
        organization_ids: the ids its signatories may have.
        event_ids: the ids of the event it may have been signed at.
        citations: the citations in ``sources``.
        dates: the period its signing date and its period lie in.
    """
    return st.builds(
        Agreement,
        id=_ids(ids),
        title=_text(),
        kind=st.sampled_from(AgreementKind),
        parties=st.lists(_codes(country_codes), unique=True, min_size=1, max_size=3),
        signatories=_lists(_ids(organization_ids), unique=True, max_size=2),
        signed=_usually(partial_dates(within=dates)),
        period=_maybe(periods(within=dates)),
        fields=_sets(_ids(field_ids), max_size=3),
        signed_during=_maybe(_ids(event_ids)),
        entered_into_force=_maybe(partial_dates(within=dates)),
        identifiers=_lists(_identifiers(), unique=True, max_size=2),
        sources=_cited(citations),
        notes=_notes(),
        inferred=_inferred(Agreement),
    ).flatmap(_counted)


def _counted(record: Agreement) -> SearchStrategy[Agreement]:
    """The record, or the record standing for several (with or without a count)."""
    several = st.builds(
        lambda count: attrs.evolve(record, several=True, count=count),
        _maybe(st.integers(2, 12)),
    )
    return st.just(record) | several


def events(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    person_ids: SearchStrategy[str] | None = None,
    organization_ids: SearchStrategy[str] | None = None,
    event_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
    dates: Period | SearchStrategy[Period] | None = None,
) -> SearchStrategy[Event]:
    """Events of every kind and status, their host (if any) among their parties.

    Args:
        ids: the event's id.
        country_codes: the codes its parties may have.
        person_ids: the ids its participants may have.
        organization_ids: the ids its organizer and forum may have.
        event_ids: the ids of the event it may be part of.
        citations: the citations in ``sources``.
        dates: the period its dates lie in.
    """
    return _events(
        _ids(ids),
        _codes(country_codes),
        _ids(person_ids),
        _ids(organization_ids),
        _ids(event_ids),
        citations,
        dates,
    )


@st.composite
def _events(
    draw: st.DrawFn,
    ids: SearchStrategy[str],
    codes: SearchStrategy[str],
    person_ids: SearchStrategy[str],
    organization_ids: SearchStrategy[str],
    event_ids: SearchStrategy[str],
    citations: SearchStrategy[Citation] | None,
    dates: Period | SearchStrategy[Period] | None,
) -> Event:
    parties = draw(_lists(codes, unique=True, max_size=3))
    cited = tuple(draw(_cited(citations)))
    actor = draw(_maybe(_pool(parties)))
    several = draw(st.booleans())
    return Event(
        id=draw(ids),
        title=draw(_text()),
        kind=draw(st.sampled_from(EventKind)),
        when=draw(_usually(periods(within=dates))),
        parties=parties,
        host=draw(_maybe(_pool(parties))),
        participants=draw(_lists(person_ids, unique=True, max_size=3)),
        status=draw(st.sampled_from(EventStatus)),
        part_of=draw(_maybe(event_ids)),
        organizer=draw(_maybe(organization_ids)),
        forum=draw(_maybe(organization_ids)),
        actor=actor,
        recipient=draw(_maybe(_pool([p for p in parties if p != actor]))),
        multilateral=draw(st.booleans()),
        several=several,
        count=draw(_maybe(st.integers(2, 12))) if several else None,
        sources=cited,
        notes=draw(_notes()),
        inferred=draw(_inferred(Event)),
    )


def mechanisms(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    field_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
) -> SearchStrategy[Mechanism]:
    """Standing committees and dialogues of every kind, perhaps with a level and fields.

    Args:
        ids: the mechanism's id.
        country_codes: the codes its parties may have.
        field_ids: the ids of the fields it may cover.
        citations: the citations in ``sources``.
    """
    return st.builds(
        Mechanism,
        id=_ids(ids),
        name=_names(),
        aliases=_aliases(2),
        kind=st.sampled_from(MechanismKind),
        parties=st.lists(_codes(country_codes), unique=True, min_size=1, max_size=3),
        level=_maybe(st.sampled_from(MechanismLevel)),
        fields=_sets(_ids(field_ids), max_size=3),
        sources=_cited(citations),
        notes=_notes(),
        inferred=_inferred(Mechanism),
    )


def field_evidence(
    *,
    field_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
) -> SearchStrategy[FieldEvidence]:
    """The citations that name one field for a relationship.

    Args:
        field_ids: the ids the field may have.
        citations: the citations in ``sources``.
    """
    return st.builds(FieldEvidence, field=_ids(field_ids), sources=_cited(citations))


def relationships(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    field_ids: SearchStrategy[str] | None = None,
    organization_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
) -> SearchStrategy[Relationship]:
    """Relationships of one to three countries, with evidence for each field and forums.

    Args:
        ids: the relationship's id.
        country_codes: the codes its parties may have.
        field_ids: the ids of the fields named for it.
        organization_ids: the ids its forums may have.
        citations: the citations in ``sources`` and in each field's evidence.
    """
    return st.builds(
        Relationship,
        id=_ids(ids),
        parties=st.lists(_codes(country_codes), unique=True, min_size=1, max_size=3),
        framework=_maybe(_text()),
        framework_since=_maybe(partial_dates()),
        evidence=st.lists(
            field_evidence(field_ids=field_ids, citations=citations),
            unique_by=lambda item: item.field,
            max_size=3,
        ),
        forums=_lists(_ids(organization_ids), unique=True, max_size=2),
        sources=_cited(citations),
        notes=_notes(),
        inferred=_inferred(Relationship),
    )


def dataset_infos(
    *, dates: Period | SearchStrategy[Period] | None = None
) -> SearchStrategy[DatasetInfo]:
    """What a dataset calls itself: a name, a version and perhaps a release date.

    Args:
        dates: the period the release date lies in.
    """
    return st.builds(
        DatasetInfo,
        name=_text(),
        version=_text(12),
        released=_maybe(partial_dates(within=dates)),
    )


# Whole datasets ---------------------------------------------------------------------------


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
    (country codes and names, field labels and aliases, people's names and aliases) each find
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
        source_list = numbered("source", count("sources", 1), sources(dates=span))
    if given_countries is not None:
        country_list = list(draw(given_countries))
    else:
        n = count("countries", 1)
        drawn = draw(st.lists(countries(dates=span), min_size=n, max_size=n))
        country_list = _distinct(drawn, _country_keys, "names")
    codes = _pool([c.code for c in country_list])
    if given_sources is None and country_list:
        coverage = st.builds(
            Coverage,
            countries=st.lists(codes, min_size=1, max_size=2, unique=True),
            period=periods(within=span),
        )
        source_list = [
            attrs.evolve(source, coverage=draw(_lists(coverage, max_size=3)))
            for source in source_list
        ]
    cites = citations(sources=source_list)
    cited = bool(source_list)
    with_parties = cited and bool(country_list)

    if given_fields is not None:
        field_list = list(draw(given_fields))
    else:
        n = count("fields")
        drawn_fields = numbered("field", n, fields(field_ids=ids("field", n)))
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
            people(country_codes=codes, organization_ids=org_ids, citations=cites, dates=span),
        ),
        lambda p: (p.id, p.name),
        "aliases",
    )

    n = count("events") if cited else 0
    drawn_events = numbered(
        "event",
        n,
        events(
            country_codes=codes,
            person_ids=_pool([p.id for p in persons]),
            organization_ids=org_ids,
            event_ids=ids("event", n),
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

    standing = numbered(
        "mechanism",
        count("mechanisms") if with_parties else 0,
        mechanisms(country_codes=codes, field_ids=field_ids, citations=cites),
    )

    pairs = relationships(
        country_codes=codes, field_ids=field_ids, organization_ids=org_ids, citations=cites
    )
    dyads: dict[frozenset[str], Relationship] = {}
    for tie in numbered("relationship", count("relationships") if with_parties else 0, pairs):
        dyads.setdefault(frozenset(tie.parties), tie)  # one relationship per set of parties

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
    ]
    drawn_info = draw(_maybe(dataset_infos(dates=span)) if info is None else _strategy(info))
    return Dataset.from_records(records, info=drawn_info)
