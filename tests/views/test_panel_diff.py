"""diff_panels: the cells of a panel that changed, appeared or vanished between two versions."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from defcoop import ArgumentError, Dataset
from defcoop.views.panel_diff import diff_panels

_CELL = st.none() | st.integers(0, 3)


def test_a_panel_equals_itself(db: Dataset) -> None:
    """The same panel built twice has no changed cell."""
    assert not diff_panels(
        db.dyad_years(years="2018", frame=False), db.dyad_years(years="2018", frame=False)
    )


def test_years_added_and_dropped_appear_and_vanish(db: Dataset) -> None:
    """A panel of later years: the covered cells of the new year appear, the old year's vanish."""
    old = db.dyad_years(years="2017/2018", frame=False)
    new = db.dyad_years(years="2018/2019", frame=False)
    changes = diff_panels(old, new)
    assert changes.keys == ("ccode1", "ccode2", "year")
    years = {change: {c.key[2] for c in changes.cells if c.change == change} for change in
             ("appeared", "vanished", "changed")}  # fmt: skip
    assert years == {"appeared": {2019}, "vanished": {2017}, "changed": set()}
    covered_2019 = [r for r in new if r["year"] == 2019 and r["visits"] is not None]
    assert changes.by_column()["visits"]["appeared"] == len(covered_2019)


def test_the_frame_and_the_rows_give_the_same_cells(db: Dataset) -> None:
    """DataFrames (missing values as NA) and plain rows of the same panels agree."""
    pytest.importorskip("pandas")
    old = db.state_years(years="2017/2018", frame=True)
    new = db.state_years(years="2018/2019", frame=True)
    as_frames = diff_panels(old, new)
    as_rows = diff_panels(
        db.state_years(years="2017/2018", frame=False),
        db.state_years(years="2018/2019", frame=False),
    )
    assert as_frames.rows() == as_rows.rows()
    assert all(type(c.key[0]) is int for c in as_frames.cells)


def test_a_new_column_is_compared_too() -> None:
    """Columns only one panel has are compared like any other: their values appear."""
    old = [{"ccode": 2, "year": 2000, "a": 1}]
    new = [{"ccode": 2, "year": 2000, "a": 1, "b": 0}]
    changes = diff_panels(old, new)
    assert changes.rows() == [
        {"ccode": 2, "year": 2000, "column": "b", "old": None, "new": 0, "change": "appeared"}
    ]
    assert "1 cells appeared" in str(changes)
    assert repr(changes) == "<PanelDiff: 0 changed, 1 appeared, 0 vanished>"


@pytest.mark.parametrize(
    ("old", "keys", "message"),
    [
        ([{"year": 1}, {"year": 1}], None, "two rows of old have the key {'year': 1}"),
        ([{"x": 1}], ["year"], "a row of old has no key column 'year'"),
        ([{"x": 1}], None, "no key columns in common"),
        ("rows", None, "expects a panel or rows as old"),
        ([1], None, "row 0 of old is"),
        ([{"year": 1}], "year", "keys= as a list of column names"),
    ],
)
def test_bad_panels_are_refused(old: Any, keys: Any, message: str) -> None:
    """Duplicate keys, missing key columns and rows that are not mappings are refused."""
    with pytest.raises(ArgumentError, match=message.replace("{", r"\{").replace("}", r"\}")):
        diff_panels(old, [{"year": 1, "x": 1}], keys=keys)


@given(
    st.dictionaries(st.integers(1990, 1995), st.tuples(_CELL, _CELL)),
    st.dictionaries(st.integers(1990, 1995), st.tuples(_CELL, _CELL)),
)
def test_every_differing_cell_is_reported_once(
    first: dict[int, tuple[Any, Any]], second: dict[int, tuple[Any, Any]]
) -> None:
    """Each cell that differs is reported once, as changed, appeared or vanished by its values."""
    old = [{"year": y, "a": a, "b": b} for y, (a, b) in first.items()]
    new = [{"year": y, "a": a, "b": b} for y, (a, b) in second.items()]
    changes = diff_panels(old, new, keys=["year"])
    expected = {}
    for year in first.keys() | second.keys():
        for column, position in (("a", 0), ("b", 1)):
            was = first.get(year, (None, None))[position]
            now = second.get(year, (None, None))[position]
            if was != now:
                kind = "appeared" if was is None else "vanished" if now is None else "changed"
                expected[(year, column)] = (was, now, kind)
    found = {(c.key[0], c.column): (c.old, c.new, c.change) for c in changes.cells}
    assert found == expected
    assert len(changes.cells) == len(found)
    assert bool(changes) == bool(expected)
