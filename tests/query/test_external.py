"""Records found by their ids in public registers: db.get() with a Wikidata id or UNTS number."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import defcoop
from _helpers import WHOLE_DATASETS, assert_refused, small
from defcoop import (
    Agreement,
    AgreementKind,
    Citation,
    Country,
    DataError,
    Dataset,
    Person,
    QueryError,
    UnknownNameError,
)
from defcoop import strategies as dst
from defcoop.model import registry


def dataset(**changes: dict[str, Any]) -> Dataset:
    """The small dataset of the helpers, with a person, and the given attributes set on the
    record of each id (``VNM={"wikidata": "Q881"}``)."""
    data = small()
    data["people"] = [{"id": "someone", "name": "Some One", "sources": ["src#1"]}]
    for records in data.values():
        for record in records:
            record.update(changes.get(record.get("id", record.get("code")), {}))
    return _load(data)


def test_get_finds_each_kind_by_its_register_ids() -> None:
    """A country's, a person's and an agreement's Wikidata id, and an agreement's UNTS
    number, each find their record, with or without its kind."""
    db = dataset(
        VNM={"wikidata": "Q881"},
        someone={"wikidata": "Q42"},
        deal={"wikidata": "Q7", "unts": "I:33521"},
    )
    assert db.get("Q881") is db.get("VNM")
    assert db.get("Q881", Country).code == "VNM"
    assert db.get("Q42", Person).id == "someone"
    assert db.get("Q7").id == db.get("I:33521", Agreement).id == "deal"


def test_an_unknown_register_id_suggests_the_closest() -> None:
    """A Wikidata id no record holds is an UnknownNameError naming the close ones held."""
    db = dataset(VNM={"wikidata": "Q881"}, LAO={"wikidata": "Q819"})
    with pytest.raises(UnknownNameError) as raised:
        db.get("Q882")
    assert (raised.value.kind, raised.value.name) == ("wikidata id", "Q882")
    assert "Q881" in raised.value.suggestions
    with pytest.raises(UnknownNameError, match=r"\[r.unts for r in db.agreements\(\)\]"):
        db.get("II:965")


def test_a_register_id_of_another_kind_is_not_found() -> None:
    """get() with a kind refuses a register id held by a record of another kind, listing
    where that kind's ids are."""
    db = dataset(VNM={"wikidata": "Q881"})
    with pytest.raises(UnknownNameError, match=r"\[r.wikidata for r in db.people\(\)\]"):
        db.get("Q881", Person)


def test_an_unknown_id_keeps_the_usual_error() -> None:
    """Text that is not written as a register id gets the error for ids, as before."""
    db = dataset(VNM={"wikidata": "Q881"})
    with pytest.raises(UnknownNameError) as raised:
        db.get("dea")
    assert (raised.value.kind, raised.value.suggestions) == ("id", ("deal",))


def test_a_register_id_held_by_two_kinds_needs_a_kind() -> None:
    """Ids are unique within a record type; one held by two types is ambiguous without
    ``kind``, and found with it."""
    db = dataset(VNM={"wikidata": "Q881"}, someone={"wikidata": "Q881"})
    with pytest.raises(QueryError, match="ambiguous"):
        db.get("Q881")
    assert db.get("Q881", Person).id == "someone"


@pytest.mark.parametrize(
    ("changes", "attribute"),
    [
        ({"VNM": {"wikidata": "Q5"}, "LAO": {"wikidata": "Q5"}}, "wikidata"),
        ({"deal": {"unts": "I:1"}}, "unts"),
    ],
)
def test_two_records_of_a_type_never_share_a_register_id(
    changes: dict[str, dict[str, str]], attribute: str
) -> None:
    """Loading refuses a Wikidata id or UNTS number held by two records of one type."""
    data = small()
    data["agreements"].append({**data["agreements"][0], "id": "deal-2", "unts": "I:1"})
    for records in data.values():
        for record in records:
            record.update(changes.get(record.get("id", record.get("code")), {}))
    with pytest.raises(DataError) as raised:
        _load(data)
    assert [p.attribute for p in raised.value.problems] == [attribute]


def _load(data: dict[str, list[dict[str, Any]]]) -> Dataset:
    records = [
        defcoop.from_dict(registry.by_key(key).cls, item)  # type: ignore[union-attr]
        for key, items in data.items()
        for item in items
    ]
    return Dataset.from_records(records)


@pytest.mark.parametrize("value", ["q881", "Q0", "Q08", "881", "Q881 ", "Q\u0668\u0668", ""])
def test_a_wikidata_id_is_q_and_a_number(value: str) -> None:
    """A Wikidata id is Q and a number in ASCII digits, without a leading zero."""
    assert_refused(Country, {"code": "VNM", "name": "Vietnam"}, "wikidata", value)


@pytest.mark.parametrize("value", ["33521", "I-33521", "III:5", "I:0", "i:5", "I:"])
def test_a_unts_number_is_written_as_the_un_writes_it(value: str) -> None:
    """A UNTS registration number is I or II, a colon and the serial number."""
    valid = {"id": "deal", "title": "A deal", "parties": ["VNM"]}
    valid |= {"kind": AgreementKind.MEMORANDUM, "sources": [Citation(source="s", paragraph=1)]}
    assert_refused(Agreement, valid, "unts", value)


@settings(max_examples=WHOLE_DATASETS)  # whole datasets: see _helpers.WHOLE_DATASETS
@given(db=dst.datasets(sizes=st.integers(1, 4)))
def test_every_register_id_finds_its_record(db: Dataset) -> None:
    """In any valid dataset, each register id a record holds finds that record, with or
    without its kind, and an id nobody holds is an UnknownNameError."""
    held = set()
    for record in db:
        for attribute in registry.of(type(record)).external:
            value = getattr(record, attribute)
            values = value if isinstance(value, tuple) else () if value is None else (value,)
            for one in values:  # an agreement's identifiers are a list of ids
                held.add(one)
                assert db.get(one) is record
                assert db.get(one, type(record)) is record
    unheld = next(f"Q{n}" for n in range(1, len(held) + 2) if f"Q{n}" not in held)
    with pytest.raises(UnknownNameError):
        db.get(unheld)
