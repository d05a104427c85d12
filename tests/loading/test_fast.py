"""The fast structurer: the same records as cattrs for sound tables, and a refusal otherwise."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from defcoop import Agreement, Dataset, DatasetInfo, Event, Organization, Person, Relationship
from defcoop.loading.fast._fast import Structurer, UnsoundError
from defcoop.model._converter import STRUCTURE_ERRORS, make_converter

IDS = ["VNM", "RUS", "a-1", "x.y:z", "bad id", "", "-x", "ü"]
TEXTS = ["A title", "", " "]
DATES = ["2018", "2018-11", "2018-11-15", "2018-02-30", "2018/2019", "2019/2018", "x", ""]
CITES = ["src#1", "src#0", "src", "src#x", "a b#1", {"source": "src", "paragraph": 2}, {"x": 1}]
ODD = [None, 3, True, 1.5, [], {}, ["VNM", "VNM"], "VNM"]
CAMEOS = ["042", "04", "0421", "4", "04210", "٠٤٢", "04a"]
IDENTIFIERS = ["dcad:12", "dcad:12", "x", "Dcad:1", "atop:3 4"]
COUNTS = [1, 2, 3, 0, -1, 2**64, True, 2.0]
WIKIDATA = ["Q881", "Q1", "q881", "Q0", "881", 881]
UNTS = ["I:33521", "II:965", "I-33521", "III:1", 33521]


def ids(minimum: int = 0) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(IDS[:4]), min_size=minimum, max_size=3, unique=True)


def agreement_values() -> tuple[dict[str, Any], dict[str, Any]]:
    """Strategies for each attribute of an agreement table: required, optional."""
    required = {
        "id": st.sampled_from(IDS[:4]),
        "title": st.sampled_from(TEXTS[::2]),
        "kind": st.sampled_from(["agreement", "plan", "treaty", "contract"]),
        "parties": ids(1),
        "sources": st.lists(st.sampled_from(CITES[:1] + CITES[5:6]), min_size=1, max_size=2),
    }
    optional = {
        "signatories": ids(),
        "signed": st.sampled_from(DATES[:3]),
        "period": st.sampled_from(DATES[:5]),
        "fields": st.lists(st.sampled_from(IDS[:4]), max_size=3),
        "signed_during": st.sampled_from(IDS[:4]),
        "entered_into_force": st.sampled_from(DATES[:3]),
        "ended": st.sampled_from(DATES[:3]),
        "ending": st.sampled_from(["expiry", "termination", "lapse"]),
        "renewed": st.sampled_from(DATES[:3]),
        "scope": st.sampled_from(["general", "sector", "Sector"]),
        "identifiers": st.lists(st.sampled_from(IDENTIFIERS), max_size=2),
        "wikidata": st.sampled_from(WIKIDATA),
        "unts": st.sampled_from(UNTS),
        "several": st.sampled_from([True, True, False, 1]),
        "count": st.sampled_from(COUNTS),
        "notes": st.sampled_from(TEXTS[::2]),
        "inferred": st.lists(st.sampled_from(["signed", "parties"]), max_size=2),
    }
    return required, optional


def agreements() -> st.SearchStrategy[dict[str, Any]]:
    required, optional = agreement_values()
    return st.fixed_dictionaries(required, optional=optional)


def event_values() -> tuple[dict[str, Any], dict[str, Any]]:
    """Strategies for each attribute of an event table: required, optional."""
    required = {
        "id": st.sampled_from(IDS[:4]),
        "title": st.sampled_from(TEXTS[::2]),
        "kind": st.sampled_from(["visit", "exchange year"]),
        "parties": ids(),
        "sources": st.lists(st.sampled_from(CITES[:1]), min_size=1, max_size=2),
    }
    optional = {
        "when": st.sampled_from(DATES[:5]),
        "host": st.sampled_from(IDS[:4]),
        "participants": ids(),
        "status": st.sampled_from(["occurred", "planned"]),
        "part_of": st.sampled_from(IDS[:4]),
        "organizer": st.sampled_from(IDS[:4]),
        "forum": st.sampled_from(IDS[:4]),
        "cameo": st.sampled_from(CAMEOS),
        "actor": st.sampled_from(IDS[:4]),
        "recipient": st.sampled_from(IDS[:4]),
        "multilateral": st.booleans(),
        "several": st.sampled_from([True, True, False, 1]),
        "count": st.sampled_from(COUNTS),
        "mechanism": st.sampled_from(IDS[:4]),
        "round": st.sampled_from(COUNTS),
        "notes": st.sampled_from(TEXTS[::2]),
        "inferred": st.lists(st.sampled_from(["when", "host", "cameo"]), max_size=2),
    }
    return required, optional


def events() -> st.SearchStrategy[dict[str, Any]]:
    required, optional = event_values()
    return st.fixed_dictionaries(required, optional=optional)


@pytest.mark.parametrize(("cls", "values"), [(Agreement, agreement_values), (Event, event_values)])
def test_the_differential_tables_set_every_attribute(cls: type, values: Any) -> None:
    """The tables compared with cattrs give every attribute a value, so none goes untested."""
    required, optional = values()
    assert {*required, *optional} == {field.name for field in attrs.fields(cls)}


@st.composite
def spoiled(draw: st.DrawFn, tables: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    """A table with some values replaced by wrong or doubtful ones, or a key added or lost."""
    table = dict(draw(tables))
    for _ in range(draw(st.integers(0, 2))):
        key = draw(st.sampled_from([*table, "signd", "host", "status", "when", "title", "cameo"]))
        if draw(st.booleans()) and key in table:
            del table[key]
        else:
            table[key] = draw(st.sampled_from(IDS + TEXTS + DATES + CITES + ODD + CAMEOS + [CITES]))
    return table


def same_as_cattrs(cls: type, table: dict[str, Any]) -> None:
    """The fast path gives cattrs' record, or refuses where cattrs refuses (or doubts)."""
    fast = Structurer().function(cls)
    assert fast is not None
    try:
        expected = make_converter().structure(table, cls)
    except STRUCTURE_ERRORS:  # cattrs refusing is one of the two outcomes compared
        with pytest.raises(UnsoundError):  # the one way the fast path refuses
            fast(table)
        return
    try:
        found = fast(table)
    except UnsoundError:  # a doubt is allowed: cattrs then builds the record
        return
    assert found == expected
    assert type(found) is type(expected)


@given(spoiled(agreements()))
def test_agreements_match_cattrs(table: dict[str, Any]) -> None:
    """For any agreement table, the fast path builds cattrs' record or refuses it."""
    same_as_cattrs(Agreement, table)


@given(spoiled(events()))
def test_events_match_cattrs(table: dict[str, Any]) -> None:
    """For any event table, the fast path builds cattrs' record or refuses it."""
    same_as_cattrs(Event, table)


@pytest.mark.parametrize(
    ("cls", "table"),
    [
        (DatasetInfo, {"name": "x", "version": "1", "released": "2020-01"}),
        (
            Person,
            {
                "id": "p",
                "name": "P",
                "roles": [{"title": "Minister", "period": "2018"}],
                "sources": ["s#1"],
            },
        ),
        (Organization, {"id": "o", "name": "O", "kind": "ministry", "sources": ["s#1"]}),
        (
            Relationship,
            {
                "id": "r",
                "parties": ["A", "B"],
                "sources": ["s#1"],
                "evidence": [{"field": "f", "sources": ["s#2"]}],
            },
        ),
    ],
)
def test_other_types_through_their_init(cls: type, table: dict[str, Any]) -> None:
    """Record types without a bulk path are built by their own __init__, equal to cattrs'."""
    fast = Structurer().function(cls)
    assert fast is not None
    assert fast(table) == make_converter().structure(table, cls)


def test_equal_values_are_shared() -> None:
    """Equal dates, citations and id lists read in one load are one object, saving memory."""
    table = {
        "id": "a",
        "title": "A",
        "kind": "plan",
        "parties": ["VNM", "RUS"],
        "signed": "2018-11",
        "sources": ["s#1"],
    }
    fast = Structurer().function(Agreement)
    assert fast is not None
    first, second = fast(table), fast(dict(table, id="b"))
    assert first.signed is second.signed
    assert first.parties is second.parties
    assert first.sources[0] is second.sources[0]


def test_bundled_data_needs_no_cattrs() -> None:
    """Every bundled record takes the fast path, so load() never imports cattrs."""
    code = "import sys, defcoop; defcoop.load(); print('cattrs' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_record_classes_list_no_internal_subclasses(db: Dataset) -> None:
    """After a load through the fast path, no record class has a subclass: each one's twin is
    a sibling, and the fast path still builds records by plain assignment where it did."""
    from defcoop.loading.fast import _codegen
    from defcoop.model import registry

    assert len(db) > 0
    direct = set()
    for declared in registry.record_types():
        assert declared.cls.__subclasses__() == []
        assert not issubclass(_codegen._twin(declared.cls), declared.cls)
        if "r.__class__ = " in (_codegen.source_of(declared.cls) or ""):
            direct.add(declared.cls)
    # A relationship's evidence relates to its fields, a check the fast path leaves to attrs.
    assert direct >= {Agreement, Event, Organization, Person}
