"""Which cells of a panel changed between two versions of the data: for re-running an analysis.

:func:`diff_panels` compares two panels (two :class:`~defcoop.views.panels.Panel`, two pandas
DataFrames of one, or any two sequences of row dicts) cell by cell. Rows are matched by their
key columns (the unit's codes and ``year``: ``ccode1``, ``ccode2``, ``year`` for a dyad-year
panel) and every other column is compared, whatever columns the panels have, so a column
added to the panels later is compared too. A cell whose value changed is *changed*; one that
was missing (None: no coverage, or no such row or column) and now has a value *appeared*; one
that had a value and now is missing *vanished*.

>>> import defcoop
>>> old = defcoop.load().dyad_years(years="2018", frame=False)
>>> new = [dict(row) for row in old]
>>> covered = next(row for row in new if row["visits"] is not None)
>>> covered["visits"] += 1
>>> changes = diff_panels(old, new)
>>> changes.counts()
{'changed': 1, 'appeared': 0, 'vanished': 0}
>>> cell = changes.cells[0]
>>> cell.column, cell.new - cell.old, cell.change
('visits', 1, 'changed')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any, Literal

import attrs

from defcoop._quote import described, one_line
from defcoop.errors import ArgumentError

__all__ = ["KEY_COLUMNS", "CellChange", "PanelDiff", "diff_panels"]

#: The columns that name a panel's row (the unit's codes and the year), where present.
KEY_COLUMNS = ("ccode1", "ccode2", "gwcode1", "gwcode2", "ccode", "gwcode", "year")


@attrs.frozen
class CellChange:
    """One cell whose value differs: its row's key values, its column, old and new values."""

    key: tuple[Any, ...]
    column: str
    old: Any
    new: Any
    change: Literal["changed", "appeared", "vanished"]


@attrs.frozen(repr=False)
class PanelDiff:
    """The cells that differ between two panels, in the new panel's row and column order.

    False when no cell differs. ``keys`` names the key columns, in the order of each cell's
    ``key``. :meth:`rows` gives plain rows for a table (``pandas.DataFrame(diff.rows())``).
    """

    keys: tuple[str, ...]
    cells: tuple[CellChange, ...]

    def __bool__(self) -> bool:
        return bool(self.cells)

    def __len__(self) -> int:
        return len(self.cells)

    def __repr__(self) -> str:
        counted = ", ".join(f"{n} {change}" for change, n in self.counts().items())
        return f"<PanelDiff: {counted}>"

    def counts(self) -> dict[str, int]:
        """How many cells changed, appeared and vanished."""
        result = {"changed": 0, "appeared": 0, "vanished": 0}
        for cell in self.cells:
            result[cell.change] += 1
        return result

    def by_column(self) -> dict[str, dict[str, int]]:
        """:meth:`counts` for each column with a difference, in the order columns first differ."""
        result: dict[str, dict[str, int]] = {}
        for cell in self.cells:
            counted = result.setdefault(cell.column, {"changed": 0, "appeared": 0, "vanished": 0})
            counted[cell.change] += 1
        return result

    def rows(self) -> list[dict[str, Any]]:
        """One plain row per cell: its key columns, ``column``, ``old``, ``new`` and ``change``."""
        return [
            {
                **dict(zip(self.keys, cell.key, strict=True)),
                "column": cell.column,
                "old": cell.old,
                "new": cell.new,
                "change": cell.change,
            }
            for cell in self.cells
        ]

    def __str__(self) -> str:
        counted = self.counts()
        lines = [", ".join(f"{n} cells {change}" for change, n in counted.items())]
        for cell in self.cells[:_SHOWN]:
            where = " ".join(f"{k}={v}" for k, v in zip(self.keys, cell.key, strict=True))
            lines.append(f"  {where} {cell.column}: {cell.old!r} -> {cell.new!r} ({cell.change})")
        if len(self.cells) > _SHOWN:
            lines.append(f"  ... and {len(self.cells) - _SHOWN} more (rows() has them all)")
        return "\n".join(lines)


_SHOWN = 50


def diff_panels(old: Any, new: Any, *, keys: Iterable[str] | None = None) -> PanelDiff:
    """The cells that changed, appeared or vanished from panel ``old`` to panel ``new``.

    Args:
        old: a :class:`~defcoop.views.panels.Panel`, a DataFrame, or a sequence of row dicts.
        new: the same, from the other version of the data.
        keys: the columns that name a row; by default those of :data:`KEY_COLUMNS` that
            both panels have.

    Raises:
        ArgumentError: for rows that are not mappings, a key column a row lacks, or two rows
            with the same key.
    """
    before, before_columns = _rows(old, "old")
    after, after_columns = _rows(new, "new")
    if keys is None:
        chosen = tuple(c for c in KEY_COLUMNS if c in before_columns and c in after_columns)
    elif isinstance(keys, str):
        raise ArgumentError("diff_panels() expects keys= as a list of column names, not text")
    else:
        chosen = tuple(keys)
    if not chosen:
        raise ArgumentError(
            "diff_panels(): no key columns in common; name them with keys= "
            f"(the panels have {sorted(set(before_columns) & set(after_columns))})"
        )
    old_rows = _keyed(before, chosen, "old")
    new_rows = _keyed(after, chosen, "new")
    columns = [c for c in after_columns if c not in chosen]
    columns += [c for c in before_columns if c not in chosen and c not in columns]
    cells: list[CellChange] = []
    order = list(new_rows) + [key for key in old_rows if key not in new_rows]
    for key in order:
        was, now = old_rows.get(key, {}), new_rows.get(key, {})
        if was == now:  # most rows: one comparison in C instead of one per cell
            continue
        for column in columns:
            a, b = _missing(was.get(column)), _missing(now.get(column))
            if a is None and b is None:
                continue
            if a is None:
                cells.append(CellChange(key, column, None, b, "appeared"))
            elif b is None:
                cells.append(CellChange(key, column, a, None, "vanished"))
            elif a != b:
                cells.append(CellChange(key, column, a, b, "changed"))
    return PanelDiff(chosen, tuple(cells))


def _rows(panel: Any, side: str) -> tuple[list[Mapping[str, Any]], list[str]]:
    """A panel's rows as mappings and its columns in order, from any of the accepted forms."""
    columns: list[str] = list(getattr(panel, "columns", ()))
    if hasattr(panel, "to_dict") and hasattr(panel, "iloc"):  # a pandas DataFrame
        # Missing values (NA, NaN) as None, so that equal rows compare equal.
        plain = panel.astype(object).where(panel.notna(), None)
        rows: list[Mapping[str, Any]] = plain.to_dict("records")
        return rows, [str(c) for c in columns]
    if isinstance(panel, str | bytes | Mapping) or not isinstance(panel, Iterable):
        raise ArgumentError(
            f"diff_panels() expects a panel or rows as {side}, got {described(panel)}"
        )
    rows = list(panel)
    for position, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise ArgumentError(
                f"diff_panels(): row {position} of {side} is {described(row)}, not a mapping"
            )
    if columns:  # a Panel names its columns
        return rows, [str(c) for c in columns]
    seen: dict[Any, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return rows, [str(c) for c in seen]


def _keyed(
    rows: list[Mapping[str, Any]], keys: tuple[str, ...], side: str
) -> dict[tuple[Any, ...], Mapping[str, Any]]:
    get = itemgetter(*keys)
    try:
        keyed = {(get(row) if len(keys) > 1 else (get(row),)): row for row in rows}
    except KeyError as exc:
        raise ArgumentError(
            f"diff_panels(): a row of {side} has no key column {exc.args[0]!r}"
        ) from None
    if len(keyed) < len(rows):
        seen: set[tuple[Any, ...]] = set()
        for row in rows:
            key = get(row) if len(keys) > 1 else (get(row),)
            if key in seen:
                shown = one_line(repr(dict(zip(keys, key, strict=True))), 200)
                raise ArgumentError(f"diff_panels(): two rows of {side} have the key {shown}")
            seen.add(key)
    return keyed


def _missing(value: Any) -> Any:
    """None for a missing value (None, pandas' NA or NaN), else the value as a plain number."""
    if value is None:
        return None
    try:
        if value != value:  # NaN
            return None
    except TypeError:  # pandas.NA refuses to be a truth value
        return None
    item = getattr(value, "item", None)  # numpy scalars, as DataFrame rows give them
    return item() if callable(item) and not isinstance(value, int | float | str) else value
