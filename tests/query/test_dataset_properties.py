"""Dataset invariants over generated datasets: queries, names, immutability and bad arguments.

test_dataset.py holds the examples over the bundled data; here every property must hold for
any valid dataset that defcoop.strategies.datasets() makes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import defcoop
from _helpers import WHOLE_DATASETS
from defcoop import (
    Agreement,
    Country,
    DataError,
    Dataset,
    DateError,
    Event,
    EventKind,
    EventStatus,
    Mechanism,
    Organization,
    PartialDate,
    Period,
    Person,
    QueryError,
    Record,
    Relationship,
    UnknownNameError,
)
from defcoop import strategies as dst
from defcoop.model._names import normalize
from invariants import assert_integrity

DATASETS = settings(max_examples=WHOLE_DATASETS)  # see _helpers.WHOLE_DATASETS
SPAN = Period.parse("1900/2100")


# An independent model of what each query should answer ---------------------------------


def below(db: Dataset, field_id: str) -> set[str]:
    """The field and every field whose chain of broader links reaches it."""
    found = {field_id}
    grown = True
    while grown:
        fresh = {f.id for f in db.fields if f.broader in found} - found
        found |= fresh
        grown = bool(fresh)
    return found


def date_of(record: Record) -> PartialDate | Period | None:
    value = getattr(record, "signed" if isinstance(record, Agreement) else "when", None)
    assert value is None or isinstance(value, PartialDate | Period)
    return value


def within(date: PartialDate | Period | None, span: Any) -> bool:
    return date is not None and Period.coerce(span).contains(date)


def expected(db: Dataset, kind: type, filters: dict[str, Any]) -> set[Record]:
    """The records of ``kind`` that satisfy every filter, found by looking at each record."""
    tests: dict[str, Callable[[Any, Any], bool]] = {
        "field": lambda r, v: bool(r.fields & below(db, v)),
        "party": lambda r, v: v in r.parties,
        "country": lambda r, v: r.country == v,
        "person": lambda r, v: v in r.participants,
        "kind": lambda r, v: r.kind == v,
        "status": lambda r, v: r.status == v,
        "signed": lambda r, v: within(r.signed, v),
        "when": lambda r, v: within(r.when, v),
    }
    return {
        r
        for r in db
        if type(r) is kind and all(tests[name](r, value) for name, value in filters.items())
    }


def in_query_order(records: Sequence[Record]) -> bool:
    """Ordered by date, then id, with undated records last (by id among themselves)."""
    for a, b in itertools.pairwise(records):
        first, second = date_of(a), date_of(b)
        if first is not None and second is not None:
            if not (first, a.id) < (second, b.id):
                return False
        elif first is None and (second is not None or not a.id < b.id):
            return False
    return True


# Filters drawn from the dataset at hand --------------------------------------------------


def dates_near(db: Dataset, kind: type) -> st.SearchStrategy[Any]:
    """Date filters, in every form: any period, the dates records have (so that some match),
    and periods that start with a record's date but may end before it does."""
    known = [d for r in db if type(r) is kind for d in [date_of(r)] if d is not None]
    periods = dst.periods(within=SPAN)
    if known:
        spans = st.sampled_from(known).map(Period.coerce)
        parts = spans.flatmap(lambda p: dst.partial_dates(within=p).map(lambda end: (p, end)))
        starts = parts.map(lambda part: Period(part[0].start, part[1]))
        periods = st.one_of(periods, st.sampled_from(known), starts)
    return st.one_of(periods, periods.map(str))


@st.composite
def queries(draw: st.DrawFn, db: Dataset) -> tuple[str, type, dict[str, Any]]:
    """A query method, the record type it answers with, and some filters by id or code."""
    codes = st.sampled_from([c.code for c in db.countries])
    options: dict[str, tuple[type, dict[str, st.SearchStrategy[Any]]]] = {
        "agreements": (Agreement, {"party": codes, "signed": dates_near(db, Agreement)}),
        "events": (
            Event,
            {
                "party": codes,
                "kind": st.sampled_from(EventKind),
                "status": st.sampled_from(EventStatus),
                "when": dates_near(db, Event),
            },
        ),
        "mechanisms": (Mechanism, {"party": codes}),
        "relationships": (Relationship, {"party": codes}),
        "people": (Person, {"country": codes}),
        "organizations": (Organization, {"country": codes}),
    }
    if db.fields:
        # Broader fields most often, as their answers must include their narrower fields'.
        broader = [f.broader for f in db.fields if f.broader is not None]
        fields = st.sampled_from([f.id for f in db.fields] + broader * 3)
        options["agreements"][1]["field"] = options["relationships"][1]["field"] = fields
    if db.people():
        options["events"][1]["person"] = st.sampled_from([p.id for p in db.people()])
    method = draw(st.sampled_from(sorted(options)))
    kind, arguments = options[method]
    names = [name for name in sorted(arguments) if draw(st.booleans())]
    return method, kind, {name: draw(arguments[name]) for name in names}


# Queries ---------------------------------------------------------------------------------


@DATASETS
@given(data=st.data())
def test_answers_are_the_records_that_satisfy_every_filter(data: st.DataObject) -> None:
    """Every answer satisfies its filters, is a record of the dataset, and none is left out."""
    db = data.draw(dst.datasets())
    for _ in range(40):  # queries are cheap next to making a dataset
        method, kind, filters = data.draw(queries(db))
        answer = getattr(db, method)(**filters)
        assert type(answer) is defcoop.Results
        assert all(db.get(record.id) is record for record in answer)
        assert set(answer) == expected(db, kind, filters)
        assert len(set(answer)) == len(answer)


@DATASETS
@given(data=st.data())
def test_answers_are_ordered_by_date_then_id(data: st.DataObject) -> None:
    """Answers come by date, then id, undated records last, whatever the filters."""
    db = data.draw(dst.datasets())
    for _ in range(10):
        method, _kind, filters = data.draw(queries(db))
        assert in_query_order(getattr(db, method)(**filters))


@DATASETS
@given(data=st.data())
def test_filters_combine_as_set_intersection_in_any_order(data: st.DataObject) -> None:
    """Filters together answer the intersection of their answers alone, in whatever order."""
    db = data.draw(dst.datasets())
    method, _kind, filters = data.draw(queries(db))
    query = getattr(db, method)
    together = query(**filters)
    alone = [set(query(**{name: value})) for name, value in filters.items()]
    assert set(together) == set.intersection(set(query()), *alone)
    shuffled = data.draw(st.permutations(list(filters.items())))
    assert query(**dict(shuffled)) == together


@DATASETS
@given(dst.datasets())
def test_a_broader_field_answers_all_its_narrower_fields_do(db: Dataset) -> None:
    """A broader field's answers contain each narrower field's, for agreements and dyads."""
    for field in db.fields:
        if field.broader is not None:
            for query in (db.agreements, db.relationships):
                assert set(query(field=field.id)) <= set(query(field=field.broader))
            assert db.narrower(field.id) <= db.narrower(field.broader)


@DATASETS
@given(data=st.data())
def test_the_same_query_twice_gives_equal_answers(data: st.DataObject) -> None:
    """Asking again gives an equal answer, also from an equal dataset built anew."""
    db = data.draw(dst.datasets())
    again = Dataset.from_records(list(db), info=db.info)
    for _ in range(3):
        method, _kind, filters = data.draw(queries(db))
        answer = getattr(db, method)(**filters)
        assert getattr(db, method)(**filters) == answer
        assert getattr(again, method)(**filters) == answer


def spellings(names: Sequence[str | None]) -> list[str]:
    """Names as given and in other cases, as users type them."""
    given_names = [name for name in names if name is not None]
    return [*given_names, *(n.upper() for n in given_names), *(n.lower() for n in given_names)]


@DATASETS
@given(dst.datasets())
def test_every_name_of_a_thing_gives_the_same_answer(db: Dataset) -> None:
    """field=, party= and person= answer the same for an id, a label, an alias or a code."""
    for field in db.fields:
        for query in (db.agreements, db.relationships):
            answer = query(field=field.id)
            names = spellings([field.label, *field.aliases])
            assert all(query(field=name) == answer for name in [*names, field])
    for country in db.countries:
        cow = None if country.cow_code is None else str(country.cow_code)
        codes = [country.code, country.alpha2, country.numeric, cow, country.name, *country.names]
        for query in (db.agreements, db.events, db.mechanisms, db.relationships):
            answer = query(party=country.code)
            assert all(query(party=name) == answer for name in [*spellings(codes), country])
        for query in (db.people, db.organizations):
            answer = query(country=country.code)
            assert all(query(country=name) == answer for name in [*spellings(codes), country])
    for person in db.people():
        answer = db.events(person=person.id)
        names = spellings([person.name, *person.aliases])
        assert all(db.events(person=name) == answer for name in [*names, person])


# Integrity and immutability --------------------------------------------------------------


def test_the_bundled_dataset_passes_the_integrity_check(db: Dataset) -> None:
    """The bundled data satisfies the same independent integrity check as generated data."""
    assert_integrity(db)


def read_everything(db: Dataset) -> None:
    """Use every public way of reading a dataset, and scribble over whatever comes back."""
    for record in db:
        assert db.get(record.id) is record
        plain = defcoop.to_dict(record)
        copy = defcoop.from_dict(type(record), plain)
        for value in plain.values():
            if isinstance(value, list | dict):
                value.clear()
        plain.clear()
        assert copy == record
    for country in db.countries:
        assert db.country(country.code) is country
        db.agreements(party=country)
        db.events(party=country)
        db.mechanisms(party=country)
        db.relationships(party=country)
        db.people(country=country)
        db.organizations(country=country)
    for field in db.fields:
        assert db.field(field.id) is field
        db.agreements(field=field)
        db.relationships(field=field)
        db.narrower(field)
    for person in db.people():
        assert db.person(person.id) is person
        db.events(person=person)
    db.events(when=SPAN, kind="visit", status="occurred")
    db.agreements(signed=SPAN)
    records = list(db)
    Dataset.from_records(records, info=db.info)
    records.clear()
    defcoop.dumps(db)
    assert len(db) == len(list(db))


@DATASETS
@given(dst.datasets())
def test_no_public_path_changes_a_dataset(db: Dataset) -> None:
    """Reading, querying, converting and rebuilding leave a dataset and its records unchanged."""
    before = defcoop.dumps(db)
    records = list(db)
    read_everything(db)
    for record in records:
        for attribute in attrs.fields(type(record)):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(record, attribute.name, getattr(record, attribute.name))
    for name in ("info", "_by_id", "new"):
        with pytest.raises(AttributeError):
            setattr(db, name, None)
        with pytest.raises(AttributeError):
            delattr(db, name)
    assert defcoop.dumps(db) == before
    assert all(a is b for a, b in zip(db, records, strict=True))


def test_no_public_path_changes_the_loaded_bundled_dataset() -> None:
    """The same holds for the dataset load() shares: it is neither changed nor replaced."""
    db = defcoop.load()
    before = defcoop.dumps(db)
    read_everything(db)
    assert defcoop.load() is db
    assert defcoop.dumps(db) == before


def test_the_same_record_twice_is_refused() -> None:
    """A record object given twice is a reused id, not a record indexed twice."""
    records = list(defcoop.load())
    agreement = next(r for r in records if isinstance(r, Agreement))
    with pytest.raises(DataError, match="is used twice: the same agreement is given") as info:
        Dataset.from_records([*records, agreement])
    assert len(info.value.problems) == 1


# Bad arguments ---------------------------------------------------------------------------

# (method, argument): None stands for the positional argument of a lookup.
NAME_ARGUMENTS: dict[tuple[str, str | None], str] = {
    ("agreements", "field"): "field",
    ("agreements", "party"): "country",
    ("events", "party"): "country",
    ("events", "person"): "person",
    ("events", "kind"): "event kind",
    ("events", "status"): "event status",
    ("mechanisms", "party"): "country",
    ("relationships", "party"): "country",
    ("relationships", "field"): "field",
    ("people", "country"): "country",
    ("organizations", "country"): "country",
    ("country", None): "country",
    ("field", None): "field",
    ("person", None): "person",
    ("narrower", None): "field",
    ("get", None): "id",
}
DATE_ARGUMENTS = [("agreements", "signed"), ("events", "when")]


def call(db: Dataset, method: str, argument: str | None, value: Any) -> Any:
    if argument is None:
        return getattr(db, method)(value)
    return getattr(db, method)(**{argument: value})


def valid_names(db: Dataset, kind: str) -> list[str]:
    """The names a query argument accepts for ``kind``."""
    if kind == "country":
        return [
            name
            for c in db.countries
            for name in (c.code, c.alpha2, c.numeric, c.name, c.formal_name, c.cow_abbrev, *c.names)
            if name is not None
        ] + [str(c.cow_code) for c in db.countries if c.cow_code is not None]
    if kind == "field":
        return [name for f in db.fields for name in (f.id, f.label, *f.aliases)]
    if kind == "person":
        return [name for p in db.people() for name in (p.id, p.name, *p.aliases)]
    if kind == "event kind":
        return [k.value for k in EventKind]
    if kind == "event status":
        return [s.value for s in EventStatus]
    return [r.id for r in db]


def resolves(db: Dataset, kind: str, name: str) -> bool:
    """Whether a suggested name is one the query accepts."""
    if kind == "id":
        return name in db
    return normalize(name) in {normalize(valid) for valid in valid_names(db, kind)}


WRONG_TYPES = st.one_of(
    st.integers(),
    st.floats(),
    st.booleans(),
    st.binary(max_size=4),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.builds(object),
)


# Wrong types are refused before any data is looked at: the bundled dataset will do.
@given(
    where=st.sampled_from(sorted(NAME_ARGUMENTS, key=str)),
    value=WRONG_TYPES | st.text(" \t\n\u3000", max_size=3),
)
def test_wrong_types_and_empty_names_raise_query_errors(
    db: Dataset, where: tuple[str, str | None], value: Any
) -> None:
    """A name argument that is not text, or is blank, raises QueryError saying what it expects.

    Countries are the exception for ints: an int there is a Correlates of War code.
    """
    if NAME_ARGUMENTS[where] == "country" and type(value) is int:
        codes = {c.cow_code for c in db.countries}
        with pytest.raises(UnknownNameError, match="COW code"):
            call(db, *where, value if value not in codes else -1)
        return
    with pytest.raises(QueryError, match=r"expects a (string|name)") as info:
        call(db, *where, value)
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, ValueError)


@DATASETS
@given(db=dst.datasets(), where=st.sampled_from(sorted(NAME_ARGUMENTS, key=str)), data=st.data())
def test_unknown_names_raise_naming_valid_choices(
    db: Dataset, where: tuple[str, str | None], data: st.DataObject
) -> None:
    """An unknown name raises UnknownNameError whose suggestions are all names that work;
    with none close, it says how to list the names (records) or shows some (vocabularies)."""
    kind = NAME_ARGUMENTS[where]
    valid = valid_names(db, kind)
    taken = set(valid) if kind == "id" else {normalize(name) for name in valid}
    unknown = data.draw(
        st.text(min_size=1, max_size=12).filter(
            lambda t: t.strip() and (t if kind == "id" else normalize(t)) not in taken
        )
    )
    with pytest.raises(UnknownNameError) as info:
        call(db, *where, unknown)
    assert info.value.kind == kind
    assert info.value.name == unknown
    if valid:
        assert info.value.suggestions or info.value.listing
    else:
        assert not info.value.suggestions
    if not info.value.suggestions and info.value.listing:
        assert f"{info.value.listing} lists them all" in str(info.value)
    assert all(resolves(db, kind, name) for name in info.value.suggestions)
    assert all(repr(name) in str(info.value) for name in info.value.suggestions)


def parses(text: str) -> bool:
    try:
        Period.parse(text)
    except DateError:
        return False
    return True


@given(
    where=st.sampled_from(DATE_ARGUMENTS),
    value=st.sampled_from(["", "2018-13", "2019-02-29", "2020/2018", "2018/", "18", "2018-1"])
    | st.text(max_size=12).filter(lambda t: not parses(t))
    | WRONG_TYPES
    | st.sampled_from([Country(code="VNM", name="Vietnam", alpha2="VN"), EventKind.VISIT]),
)
def test_unreadable_date_filters_raise_query_errors(
    db: Dataset, where: tuple[str, str], value: Any
) -> None:
    """A date filter that is not a date, a period or their text raises QueryError."""
    with pytest.raises(QueryError, match=r"expects a PartialDate|expected a date|period|month|day"):
        call(db, *where, value)


def test_a_record_of_another_kind_is_a_wrong_type(db: Dataset) -> None:
    """A record of the wrong kind passed as a name is refused, never matched by accident."""
    with pytest.raises(QueryError, match="expects a string"):
        db.agreements(party=db.fields[0])
    with pytest.raises(QueryError, match="expects a string"):
        db.events(person=db.countries[0])
    with pytest.raises(QueryError, match="expects a string"):
        db.relationships(field=db.countries[0])
