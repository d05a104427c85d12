"""A panel's rows as dicts, built a block of rows at a time, column by column.

A panel keeps its cells in flat columns (:class:`~defcoop.views._panel_cells.Grid`). Reading
a row cell by cell costs a dictionary look-up or two per column; a panel of every COW dyad
has hundreds of thousands of rows and dozens of field columns. Here each column of a block is
made by one list comprehension over the grid's arrays, and the block's rows are zipped from
them: the same dicts, in the same order, several times faster.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from defcoop.views._panel_cells import BOUNDED, LOWER_BOUND

if TYPE_CHECKING:
    from defcoop.views._panel_cells import Grid

BLOCK = 4096
"""Rows built at a time when a panel is iterated: few enough to keep memory flat."""


def rows(
    grid: Grid, names: Sequence[str], fields: Sequence[tuple[str, str]], start: int, stop: int
) -> list[dict[str, Any]]:
    """The rows ``start`` to ``stop`` (not included) of a panel's grid, as dicts whose keys
    are the panel's columns in order: unit codes, year, abbreviations, counts (None where not
    covered or unknown), lower-bound flags, framework (dyads), field flags."""
    span = range(start, stop)
    size = len(span)
    dyad = grid.unit == "dyad"
    keys: list[str] = [names[0]]
    values: list[Sequence[Any]] = [grid.first[start:stop]]
    if dyad:
        keys.append(names[1])
        values.append(grid.second[start:stop])
    keys.append("year")
    values.append(grid.year[start:stop])
    table = grid.abbreviations
    if dyad:
        keys += ["stateabb1", "stateabb2"]
        values.append([table.get(code) for code in grid.first[start:stop]])
        values.append([table.get(code) for code in grid.second[start:stop]])
    else:
        keys.append("stateabb")
        values.append([table.get(code) for code in grid.first[start:stop]])
    known: dict[str, list[bool]] = {}
    for name, counts in grid.counts.items():
        unknown = grid.unknown.get(name, ())
        covered = [bool(flag) for flag in grid.covered[name][start:stop]]
        for row in _within(unknown, span):
            covered[row - start] = False
        known[name] = covered
        keys.append(name)
        values.append([n if k else None for n, k in zip(counts[start:stop], covered, strict=True)])
    for name in BOUNDED[grid.unit]:
        flags: list[bool | None] = [False if k else None for k in known[name]]
        for row in _within(grid.lower.get(name, ()), span):
            if flags[row - start] is not None:
                flags[row - start] = True
        keys.append(name + LOWER_BOUND)
        values.append(flags)
    if dyad:
        keys.append("framework")
        framework = grid.framework
        values.append([framework.get(i) for i in span] if framework else [None] * size)
    field_covered = grid.field_covered[start:stop]
    none_or_zero = [0 if flag else None for flag in field_covered]
    for field, column in fields:
        marks: list[int | None] = none_or_zero.copy()
        for row in _within(grid.fields.get(field, ()), span):
            if field_covered[row - start]:
                marks[row - start] = 1
        keys.append(column)
        values.append(marks)
    return [dict(zip(keys, row, strict=True)) for row in zip(*values, strict=True)]


def _within(found: Collection[int], span: range) -> Iterable[int]:
    """The rows of ``found`` (a set of rows) inside ``span``: read from whichever of the two is
    smaller, so that a block costs no more than its own rows or the marked ones."""
    if len(found) <= len(span):
        return (row for row in found if row in span)
    return (row for row in span if row in found)


def every_row(
    grid: Grid, names: Sequence[str], fields: Sequence[tuple[str, str]]
) -> Iterator[dict[str, Any]]:
    """Every row of a panel's grid, in order, a block of :data:`BLOCK` rows at a time."""
    total = len(grid.year)
    for start in range(0, total, BLOCK):
        yield from rows(grid, names, fields, start, min(start + BLOCK, total))
