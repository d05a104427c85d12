"""Dataset.select: any record type queried by the filters its declaration names."""

from __future__ import annotations

from typing import Any

import pytest

from defcoop import (
    Agreement,
    Dataset,
    Event,
    Mechanism,
    Organization,
    Person,
    QueryError,
    Relationship,
    Transfer,
    UnknownNameError,
)
from defcoop.model import registry

QUERIES: list[tuple[type[Any], dict[str, Any]]] = [
    (Agreement, {"field": "military science"}),
    (Agreement, {"party": "Belarus", "signed": "2018/2020"}),
    (Person, {"country": "RUS"}),
    (Organization, {"country": 816}),
    (Mechanism, {"party": "Russia"}),
    (Relationship, {"field": "military education"}),
    (Event, {"kind": "visit", "party": "BLR", "when": "2018"}),
    (Event, {"plover": "CONSULT"}),
    (Transfer, {"designation": "su 30mk2"}),
]


@pytest.mark.parametrize(("kind", "filters"), QUERIES, ids=lambda value: str(value))
def test_select_answers_as_the_query_method(
    db: Dataset, kind: type[Any], filters: dict[str, Any]
) -> None:
    """By class or by key, select gives what the type's own query method gives."""
    method = getattr(db, registry.of(kind).key)
    expected = method(**filters)
    assert db.select(kind, **filters) == expected
    assert db.select(registry.of(kind).key, **filters) == expected


EVENT_FILTERS: list[dict[str, Any]] = [
    {"kind": "VISIT"},
    {"status": "planned"},
    {"party": "Viet Nam", "actor": "VNM"},
    {"recipient": "Belarus", "party": 816},
    {"person": "Шойгу"},
    {"mechanism": "vnm-rus-strategic-dialogue"},
    {"when": "2019"},
]


@pytest.mark.parametrize("filters", EVENT_FILTERS, ids=str)
def test_filters_read_from_the_declaration_alone(db: Dataset, filters: dict[str, Any]) -> None:
    """Read from the declaration only (references by name, vocabularies in any case), event
    filters find what the hand-written event query finds."""
    assert db._select(Event, filters) == db.events(**filters)
    assert db._select(Event, filters), filters  # each finds something in the bundled data


def test_a_record_stands_for_its_id(db: Dataset) -> None:
    """A reference filter takes the record itself, as it takes its id or name."""
    mechanism = db.get("vnm-rus-strategic-dialogue", Mechanism)
    by_record = db._select(Event, {"mechanism": mechanism})
    assert by_record == db._select(Event, {"mechanism": mechanism.id})
    assert db.select(Person, country=db.country("VNM")) == db.people(country="VNM")


def test_types_without_filters_give_every_record(db: Dataset) -> None:
    """Sources, countries, fields and searches take no filter: select lists them all."""
    assert db.select("sources") == db.sources
    assert db.select("fields") == db.fields
    with pytest.raises(QueryError, match="sources take no filters"):
        db.select("sources", party="VNM")


def test_unknown_filters_and_values_name_the_closest(db: Dataset) -> None:
    """A misspelt filter names the type's filters; a value that names nothing, the closest."""
    with pytest.raises(UnknownNameError, match="party"):
        db.select(Mechanism, partie="VNM")
    with pytest.raises(UnknownNameError, match="visit"):
        db._select(Event, {"kind": "visitt"})
    with pytest.raises(UnknownNameError, match="vnm-rus-strategic-dialogue"):
        db._select(Event, {"mechanism": "vnm-rus-strategic-dialog"})
    with pytest.raises(QueryError, match="expects a string"):
        db.select(Person, country=[])
    with pytest.raises(UnknownNameError, match="record kind"):
        db.select("agreement_s")
    for kind in ([], None, 3, str):
        with pytest.raises(QueryError, match="kind="):
            db.select(kind)  # type: ignore[call-overload]
