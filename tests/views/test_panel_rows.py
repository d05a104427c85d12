"""A panel's rows, built a block at a time, are the rows its grid holds cell by cell."""

from __future__ import annotations

from typing import Any

import pytest

from _helpers import with_transfers
from defcoop import Dataset
from defcoop.views import _panel_rows
from defcoop.views._panel_cells import BOUNDED, LOWER_BOUND
from defcoop.views.panels import Panel


def cell_by_cell(panel: Panel, i: int) -> dict[str, Any]:
    """Row ``i`` read one cell at a time from the grid: the plain definition the blocks of
    ``_panel_rows`` must agree with."""
    grid = panel._grid
    names = panel._names
    row: dict[str, Any] = {names[0]: grid.first[i]}
    if grid.unit == "dyad":
        row[names[1]] = grid.second[i]
    row["year"] = grid.year[i]
    if grid.unit == "dyad":
        row["stateabb1"] = grid.abbreviations.get(grid.first[i])
        row["stateabb2"] = grid.abbreviations.get(grid.second[i])
    else:
        row["stateabb"] = grid.abbreviations.get(grid.first[i])
    known: dict[str, bool] = {}
    for name, values in grid.counts.items():
        known[name] = bool(grid.covered[name][i]) and i not in grid.unknown.get(name, ())
        row[name] = values[i] if known[name] else None
    for name in BOUNDED[grid.unit]:
        row[name + LOWER_BOUND] = (i in grid.lower.get(name, ())) if known[name] else None
    if grid.unit == "dyad":
        row["framework"] = grid.framework.get(i)
    for field, column in panel._fields:
        covered = grid.field_covered[i]
        row[column] = (1 if i in grid.fields.get(field, ()) else 0) if covered else None
    return row


@pytest.fixture(scope="module")
def transfers() -> Dataset:
    """The bundled data with the transfers of the tests' report."""
    return with_transfers()


PANELS = {
    "directed": lambda db: db.dyad_years(
        years="2005/2018", party="RUS", directed=True, frame=False
    ),
    "states": lambda db: db.state_years(years="1990/2020", frame=False),
    "vietnam": lambda db: db.dyad_years(years="1995/2020", party="VNM", frame=False),
}


@pytest.mark.parametrize("name", sorted(PANELS))
def test_rows_are_the_cells_of_the_grid(name: str, transfers: Dataset) -> None:
    """Every row, whether iterated, sliced or indexed, is the grid's cells in column order,
    with unknown, lower-bound, framework and field cells among them."""
    panel = PANELS[name](transfers)
    expected = [cell_by_cell(panel, i) for i in range(len(panel))]
    assert len(expected) > _panel_rows.BLOCK  # iterated over several blocks
    assert list(panel) == expected
    assert [list(row) for row in expected] == [list(panel.columns)] * len(expected)
    assert panel[3:-3] == expected[3:-3]
    assert panel[::7] == expected[::7]
    assert panel[5:2] == []
    assert [panel[i] for i in (0, -1, len(panel) // 2)] == [
        expected[0],
        expected[-1],
        expected[len(expected) // 2],
    ]


def test_the_bundled_panels_hold_every_kind_of_cell(transfers: Dataset) -> None:
    """The panels above reach the cases the blocks treat apart: unknown and lower-bound
    cells, frameworks and marked fields, so that the comparison means something."""
    panels = [make(transfers) for make in PANELS.values()]
    grids = [panel._grid for panel in panels]
    assert any(any(grid.unknown.values()) for grid in grids)
    assert any(any(grid.lower.values()) for grid in grids)
    assert any(grid.framework for grid in grids)
    assert any(any(grid.fields.values()) for grid in grids)
