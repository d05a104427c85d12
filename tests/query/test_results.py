"""Results: the tuple every query returns, with a terminal repr and a notebook table."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

import defcoop
from defcoop import Dataset, Results
from defcoop.query import _display


def test_every_query_returns_results(db: Dataset) -> None:
    """Every query method and collection returns Results, empty or not."""
    answers = [
        db.agreements(),
        db.agreements(signed="1900"),
        db.events(kind="visit"),
        db.mechanisms(party="Belarus"),
        db.relationships(),
        db.people(country="VNM"),
        db.organizations(),
        db.sources,
        db.countries,
        db.fields,
    ]
    for answer in answers:
        assert type(answer) is Results


def test_results_are_tuples_equal_to_plain_tuples(db: Dataset) -> None:
    """A Results is a tuple, equal to and hashing like the plain tuple of its records."""
    found = db.events(person="Ngo Xuan Lich")
    plain = tuple(found)
    assert isinstance(found, tuple)
    assert found == plain
    assert hash(found) == hash(plain)
    assert type(found + plain) is tuple
    assert db.agreements(signed="1900") == ()


@given(st.slices(20))
def test_slices_are_results_and_match_tuple_slices(index: slice) -> None:
    """Slicing a Results gives a Results equal to the same slice of the plain tuple."""
    everything = defcoop.load().events()
    assert type(everything[index]) is Results
    assert everything[index] == tuple(everything)[index]


def test_indexing_gives_records(db: Dataset) -> None:
    """An integer index gives the record itself, negative indexes included."""
    events = db.events()
    plain = tuple(events)
    assert events[0] is plain[0]
    assert events[-1] is plain[-1]
    assert events[3] is plain[3]


def test_results_pickle(db: Dataset) -> None:
    """A Results survives pickling as a Results of equal records."""
    found = db.agreements(party="BLR")
    again = pickle.loads(pickle.dumps(found))
    assert type(again) is Results
    assert again == found


def test_repr_lists_one_record_per_line(db: Dataset) -> None:
    """The repr of several records puts each on its own line; one or none fit on one line."""
    assert repr(db.agreements(signed="1900")) == "Results()"
    (only,) = db.agreements(field="military science")
    assert repr(db.agreements(field="military science")) == f"Results({only!r})"
    lines = repr(db.people()).splitlines()
    assert lines[0] == "Results("
    assert lines[-1] == ")"
    people = [f"  {person!r}," for person in db.people()]
    assert len(people) > _display.MAX_ROWS  # so only the first 20 and last 5 are listed
    assert lines[1:-1] == [
        *people[:20],
        f"  … and {len(people) - 25} more; iterate over it or use .to_frame() for all …",
        *people[-5:],
    ]


def test_ids_in_order(db: Dataset) -> None:
    """ids() gives the records' ids in result order."""
    found = db.people(country="BLR")
    assert found.ids() == tuple(person.id for person in found)
    assert list(found.ids()) == sorted(found.ids())  # people are undated: in id order
    assert "andrei-ravkov" in found.ids()


def test_html_has_one_row_per_record(db: Dataset) -> None:
    """In a notebook, Results show a table with a header and a row per record."""
    found = db.agreements(party="Belarus")
    html = found._repr_html_()
    assert html.count("<tr>") == len(found) + 1
    assert f"<caption>{len(found)} agreements</caption>" in html
    assert len(found) > 1
    assert "<th" in html
    assert "vnm-blr-military-science-2018" in html
