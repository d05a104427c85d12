"""defcoop.strategies: each strategy makes what it promises, and hypothesis stays optional."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import attrs
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

import defcoop
from _helpers import WHOLE_DATASETS
from defcoop import (
    Agreement,
    Citation,
    Country,
    Dataset,
    DatasetInfo,
    Event,
    Field,
    FieldEvidence,
    Mechanism,
    Organization,
    PartialDate,
    Period,
    Person,
    Precision,
    Relationship,
    Role,
    Search,
    Source,
    Transfer,
)
from defcoop import strategies as dst
from defcoop.model import registry
from defcoop.strategies._building import _matching
from invariants import assert_integrity

T = TypeVar("T")

DATASETS = settings(max_examples=WHOLE_DATASETS)  # see _helpers.WHOLE_DATASETS

RECORD_STRATEGIES: list[tuple[Callable[..., st.SearchStrategy[Any]], type]] = [
    (dst.sources, Source),
    (dst.countries, Country),
    (dst.fields, Field),
    (dst.roles, Role),
    (dst.people, Person),
    (dst.organizations, Organization),
    (dst.agreements, Agreement),
    (dst.events, Event),
    (dst.mechanisms, Mechanism),
    (dst.field_evidence, FieldEvidence),
    (dst.relationships, Relationship),
    (dst.transfers, Transfer),
    (dst.citations, Citation),
    (dst.partial_dates, PartialDate),
    (dst.periods, Period),
    (dst.dataset_infos, DatasetInfo),
    (dst.searches, Search),
]


def found(strategy: st.SearchStrategy[Any], condition: Callable[[Any], bool]) -> Any:
    """An example meeting ``condition``, without shrinking it (only its existence matters)."""
    quick = settings(phases=[Phase.generate], max_examples=300, database=None)
    return find(strategy, condition, settings=quick)


def never_seen(
    strategy: st.SearchStrategy[T], seen_in: Callable[[T], Iterable[str]], wanted: set[str]
) -> list[str]:
    """What of ``wanted`` no example of ``strategy`` showed, in order.

    A fixed (derandomized) run of up to 200 examples that stops as soon as every wanted thing
    has shown: a passing run pays for the few examples it needs, a failing one for them all.
    """
    seen: set[str] = set()

    def all_seen(example: T) -> bool:
        seen.update(seen_in(example))
        return wanted <= seen

    search = settings(
        phases=[Phase.generate], max_examples=200, derandomize=True, database=None, deadline=None
    )
    with contextlib.suppress(NoSuchExample):
        find(strategy, all_seen, settings=search)
    return sorted(wanted - seen)


def dates_in(db: Dataset) -> Iterator[PartialDate | Period]:
    """Every date a dataset's records hold, sources' publication dates left out."""
    for record in db:
        for name in ("signed", "period", "when", "founded"):
            value = getattr(record, name, None)
            if value is not None:
                yield value
        for role in getattr(record, "roles", ()):
            if role.period is not None:
                yield role.period


def test_without_hypothesis_the_import_names_the_extra() -> None:
    """Importing defcoop.strategies without hypothesis raises an ImportError naming the extra."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "import defcoop\n"
        "try:\n"
        "    import defcoop.strategies\n"
        "except ImportError as error:\n"
        "    print(type(error).__name__, isinstance(error, defcoop.DefcoopError), error.name)\n"
        "    print(error)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [
        "MissingExtraError True hypothesis",
        "defcoop.strategies needs hypothesis, which is not installed; "
        'install it with: pip install "defcoop[hypothesis]"',
    ]


def test_a_strategy_for_every_record_type() -> None:
    """The public names are sorted, and every record type and date type has its strategy."""
    assert dst.__all__ == sorted(dst.__all__)
    covered = {kind for _, kind in RECORD_STRATEGIES}
    assert {Source, Country, Field, Person, Role, Organization, Agreement, Event} <= covered
    assert {Mechanism, Relationship, FieldEvidence, Citation, PartialDate, Period} <= covered
    assert {declared.cls for declared in registry.record_types()} <= covered
    assert {function.__name__ for function, _ in RECORD_STRATEGIES} | {
        "datasets",
        "record_ids",
    } == set(dst.__all__)


@pytest.mark.parametrize(("strategy", "kind"), RECORD_STRATEGIES)
@given(data=st.data())
def test_record_strategies_make_their_type(
    strategy: Callable[..., st.SearchStrategy[Any]], kind: type, data: st.DataObject
) -> None:
    """Each record strategy makes instances of its own type."""
    assert type(data.draw(strategy())) is kind


@settings(max_examples=10)  # the point is that they are drawn at all
@given(dst.relationships(field_ids=st.nothing()))
def test_with_no_fields_to_name_relationships_have_no_evidence(tie: Relationship) -> None:
    """No field ids to draw from: no evidence, and relationships without it rather than none
    (hypothesis gave up on a tenth of generated datasets, those without fields)."""
    assert dst.field_evidence(field_ids=st.nothing()).is_empty
    assert tie.evidence == ()


@given(span=dst.periods(), data=st.data())
def test_dates_lie_within_their_range(span: Period, data: st.DataObject) -> None:
    """partial_dates(within=) and periods(within=) stay inside the period given."""
    assert span.contains(data.draw(dst.partial_dates(within=span)))
    assert span.contains(data.draw(dst.periods(within=span)))
    assert span.contains(data.draw(dst.partial_dates(within=st.just(span))))


@pytest.mark.parametrize("precision", list(Precision))
def test_every_precision_is_made(precision: Precision) -> None:
    """Dates come at every precision, even within a short period."""
    within = Period.parse("2017-11/2019-02")
    date = found(dst.partial_dates(within=within), lambda d: d.precision is precision)
    assert within.contains(date)


@pytest.mark.parametrize(
    "condition",
    [
        lambda p: p.start == p.end,
        lambda p: p.start.precision < p.end.precision,
        lambda p: p.start.precision > p.end.precision,
        lambda p: p.start > p.end,
    ],
)
def test_every_shape_of_period_is_made(condition: Callable[[Period], bool]) -> None:
    """Periods of one date, ends at different precisions, a start sorting after its end."""
    found(dst.periods(), condition)


@pytest.mark.parametrize(
    "regex",
    [
        "[A-Z]{3}",
        "[0-9]{2,4}",
        "[a-z-]{1,3}",
        "[A-Za-z0-9][A-Za-z0-9_.:-]*",
        "[a-z]+[0-9]?",
        "[A-Z]{3}(?:-[0-9]{1,4})?",
        r"\w+",
    ],
)
@given(data=st.data())
def test_text_drawn_for_a_pattern_matches_it(regex: str, data: st.DataObject) -> None:
    """A pattern declared on an attribute becomes text that matches it as a whole."""
    assert re.fullmatch(regex, data.draw(_matching(regex)))


@pytest.mark.parametrize(
    ("regex", "reached"),
    [
        ("[A-Z]{3}", lambda text: "Z" in text),
        ("[0-9]{2,4}", lambda text: "9" in text and len(text) == 4),
        ("[a-z-]{1,3}", lambda text: "-" in text and len(text) == 3),
        ("[A-Za-z0-9][A-Za-z0-9_.:-]*", lambda text: text[0].isdigit() and ":" in text),
    ],
)
def test_character_classes_are_drawn_as_text_of_each_whole_class(
    regex: str, reached: Callable[[str], bool]
) -> None:
    """Character classes, each perhaps repeated, are drawn as text (not from_regex), reaching
    the last members of their classes and their longest lengths."""
    strategy = _matching(regex)
    assert "from_regex" not in repr(strategy)
    found(strategy, reached)


@given(
    sources=st.lists(dst.sources(), min_size=1, max_size=3, unique_by=lambda s: s.id),
    data=st.data(),
)
def test_citations_name_paragraphs_that_exist(sources: list[Source], data: st.DataObject) -> None:
    """citations(sources=) cites one of those sources, within its paragraphs."""
    citation = data.draw(dst.citations(sources=sources))
    source = next(s for s in sources if s.id == citation.source)
    assert 1 <= citation.paragraph <= source.paragraphs


@DATASETS
@given(dst.datasets())
def test_datasets_are_whole_and_valid(db: Dataset) -> None:
    """Generated datasets pass an independent integrity check and defcoop's own validation."""
    assert_integrity(db)
    assert list(Dataset.from_records(reversed(list(db)), info=db.info)) == list(db)
    assert all(Period.parse("1900/2100").contains(date) for date in dates_in(db))
    generated = (r for r in db if not isinstance(r, Country))
    assert all(r.id.rpartition("-")[2].isdigit() for r in generated)


@DATASETS
@given(dst.datasets())
def test_every_name_finds_one_record(db: Dataset) -> None:
    """Every code, name, label and alias of a generated dataset finds its own record."""
    for country in db.countries:
        codes = [country.numeric, None if country.cow_code is None else str(country.cow_code)]
        keys = [country.code, country.alpha2, country.name, *country.names, *codes]
        assert all(db.country(key) is country for key in keys if key is not None)
    for field in db.fields:
        assert all(db.field(key) is field for key in (field.id, field.label, *field.aliases))
    for person in db.people():
        assert all(db.person(key) is person for key in (person.id, person.name, *person.aliases))


@DATASETS
@given(data=st.data())
def test_datasets_follow_their_arguments(data: st.DataObject) -> None:
    """Given countries, sources, fields, info, sizes and dates are used as given."""
    bundled = defcoop.load()
    span = data.draw(dst.periods(within=Period.parse("1000/3000")))
    size = data.draw(st.integers(0, 3))
    info = DatasetInfo(name="mine", version="1")
    db = data.draw(
        dst.datasets(
            sizes=size,
            countries=bundled.countries,
            sources=st.just(bundled.sources),
            fields=bundled.fields,
            dates=st.just(span),
            info=info,
        )
    )
    assert (db.countries, db.sources, db.fields, db.info) == (
        bundled.countries,
        bundled.sources,
        bundled.fields,
        info,  # as given: the sources' own claims stay theirs (db.claims, db.coverage)
    )
    assert all(span.contains(date) for date in dates_in(db))
    queries = (db.agreements, db.events, db.mechanisms, db.relationships, db.people)
    assert all(len(query()) <= size for query in (*queries, db.organizations))


FEATURES: dict[str, Callable[[Dataset], bool]] = {
    "a narrower field": lambda db: any(f.broader for f in db.fields),
    "a parent organization": lambda db: any(o.parent for o in db.organizations()),
    "a dated event within a dated event": lambda db: any(
        e.part_of and e.when and db.get(e.part_of).when for e in db.events()
    ),
    "an agreement signed at an event": lambda db: any(
        a.signed and a.signed_during for a in db.agreements()
    ),
    "evidence and forums": lambda db: any(r.evidence and r.forums for r in db.relationships()),
    "roles and aliases": lambda db: any(p.roles and p.aliases for p in db.people()),
    "two relationships": lambda db: len(db.relationships()) > 1,
    "no info": lambda db: db.info is None,
    "info": lambda db: db.info is not None,
}


def test_datasets_reach_every_part_of_the_model() -> None:
    """A fixed run of datasets of 2 to 4 records a kind includes every feature of the model."""

    def features(db: Dataset) -> Iterator[str]:
        return (name for name, present in FEATURES.items() if present(db))

    assert never_seen(dst.datasets(sizes=st.integers(2, 4)), features, set(FEATURES)) == []


def _takes_a_value(value: Any, field: attrs.Attribute[Any]) -> bool:
    """Whether ``value`` is something other than what the attribute holds by default."""
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = None if default.takes_self else default.factory()
    if default is attrs.NOTHING:
        return True
    return value is not None and value != default and value not in ((), frozenset())


def test_every_attribute_takes_a_value_somewhere() -> None:
    """Generated datasets give every attribute of every record type (and part) a value.

    So that the property and fuzz tests exercise every rule: an attribute added to the model
    without a strategy that sets it (as ``cameo`` once was) fails here.
    """

    def values(record: Any) -> Iterator[str]:
        for field in attrs.fields(type(record)):
            if _takes_a_value(getattr(record, field.name), field):
                yield f"{type(record).__name__}.{field.name}"

    def set_attributes(db: Dataset) -> Iterator[str]:
        for record in db:
            yield from values(record)
            for part in (*getattr(record, "roles", ()), *getattr(record, "deliveries", ())):
                yield from values(part)
            if getattr(record, "value", None) is not None:
                yield from values(record.value)

    classes = [declared.cls for declared in registry.record_types()]
    classes += [Role, defcoop.Delivery, defcoop.Value]
    expected = {f"{cls.__name__}.{field.name}" for cls in classes for field in attrs.fields(cls)}
    # Three or four records a kind: every kind, relationships too (which need two countries),
    # shows in the first datasets; smaller ones add nothing an attribute could need.
    assert never_seen(dst.datasets(sizes=st.integers(3, 4)), set_attributes, expected) == []


@pytest.mark.parametrize("declared", registry.record_types(), ids=lambda d: d.key)
@settings(max_examples=10)
@given(data=st.data())
def test_from_type_draws_each_record_type(
    declared: registry.RecordType, data: st.DataObject
) -> None:
    """Importing defcoop.strategies registers a strategy for every declared record type, so
    that st.from_type draws valid records of it, as its own strategy does."""
    record = data.draw(st.from_type(declared.cls))
    assert type(record) is declared.cls
    assert attrs.evolve(record) == record  # the model's validators accept it
    assert callable(getattr(dst, declared.key))
