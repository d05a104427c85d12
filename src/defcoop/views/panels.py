"""Dyad-year and state-year panels, the units of analysis of international relations research.

:meth:`Dataset.dyad_years <defcoop.Dataset.dyad_years>` and :meth:`Dataset.state_years
<defcoop.Dataset.state_years>` count what the data holds for every pair of states (or every
state) of a state system in every year, following the field's conventions: columns
``ccode1``, ``ccode2`` and ``year`` (``gwcode1``, ``gwcode2`` for the Gleditsch-Ward system),
one row per pair and year while both are members of the system; non-directed panels keep
``ccode1 < ccode2``, directed ones have a row for each direction.

Counts are missing (None; ``<NA>`` in a DataFrame), never 0, in the cells that no coverage
reaches (:attr:`Dataset.coverage <defcoop.Dataset.coverage>`): there, no record means that
nobody looked. Coverage is read column by column: each column counts one record type (and
perhaps some of its kinds, ``metadata["counted"]``), and a cell is covered only where a
claim vouches for those records (``Coverage.records``), so a
claim for visits alone leaves the agreement columns missing. Records that cannot be put in a
year are left out and counted in :attr:`Panel.left_out`, by column and reason, rather than
guessed: undated records, records that stand for several with no number given, events dated
only to a span of years. A standing mechanism counts over the period the reports show it at
work; in covered cells where it may have been at work unreported (after its founding, or in
any year when nothing dates its founding, but outside that period), ``mechanisms_active`` is
missing too, and
``metadata["unknown"]`` says in how many cells.

>>> import defcoop
>>> panel = defcoop.load().dyad_years(years="2018", frame=False)
>>> [row for row in panel if row["events_occurred"]][0]["ccode1"]
365

With pandas installed, ``frame=None`` (the default) gives the DataFrame straight away, and
``frame=False`` these plain rows whatever is installed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from defcoop._extras import require
from defcoop._quote import described
from defcoop._version import __version__
from defcoop.errors import ArgumentError, QueryError
from defcoop.model.dates import PartialDate, Period
from defcoop.model.kinds import StateSystem
from defcoop.views import _panel_cells, _panel_columns, _panel_transfers

if TYPE_CHECKING:
    import pandas

    from defcoop.query.collection import Collection

__all__ = ["Panel", "YearsFilter"]

YearsFilter = str | Period | PartialDate | tuple[int, int] | int
"""The forms a panel's years take, ``"2008/2020"``, a Period, a date, ``(2008, 2020)``
or one year."""

_DESCRIPTIONS = {
    "agreements_signed": "agreements signed in the year",
    "agreements_in_force": "agreements whose period covers the year",
    "events_occurred": "events that took place in the year",
    "events_planned": "events planned for the year",
    "visits": "visits from the first state to the second (both ways when not directed)",
    "visits_made": "visits the state made",
    "visits_received": "visits the state received",
    "multilateral_events": "events involving more than the two parties",
    "mechanisms_active": (
        "standing mechanisms reported at work in the year (their period covers it); missing"
        " where a mechanism of the unit may have been at work unreported: after its founding"
        " (any year, if undated) but outside its period"
    ),
    "framework": "the relationship's framework, from the year it began",
    **_panel_transfers.DESCRIPTIONS,
}


class Panel(Sequence[dict[str, Any]]):
    """A dyad-year or state-year panel as plain rows (dicts), and a DataFrame on request.

    The panels come in this form without pandas, or with ``frame=False``.

    Rows come in the order of the unit's codes, then the year. Counts are ints, or None
    outside the declared coverage; field columns (``field_<id>``) are 1 where an agreement
    signed or in force that year covers the field or one below it, 0 where none does.
    :meth:`to_frame` gives a pandas DataFrame with nullable ``Int64`` columns and the panel's
    :attr:`metadata` in ``frame.attrs``.
    """

    __slots__ = ("_fields", "_grid", "_names", "columns", "metadata")

    def __init__(self, grid: Any, metadata: dict[str, Any], fields: list[str]) -> None:
        """Built by :func:`build_panel` (``grid`` is its private table of cells)."""
        self._grid: _panel_cells.Grid = grid
        self.metadata: dict[str, Any] = metadata
        """Unit, system, years, directed, coverage, data version, what was left out, and how
        many covered cells each column leaves ``unknown``."""
        unit = ["ccode1", "ccode2"] if grid.unit == "dyad" else ["ccode"]
        if metadata["system"] == StateSystem.GW.value:
            unit = [name.replace("ccode", "gwcode") for name in unit]
        self._names = unit
        self._fields = [(f, _panel_cells.field_column(f)) for f in fields]
        framework = ["framework"] if grid.unit == "dyad" else []
        self.columns: tuple[str, ...] = (
            *unit,
            "year",
            *grid.counts,
            *framework,
            *(column for _field, column in self._fields),
        )
        """The column names, in order."""

    @property
    def left_out(self) -> Mapping[str, Mapping[str, int]]:
        """How many records were left out of each column, and why.

        ``{"events_occurred": {"undated": 1}}``: one undated event.
        """
        left: Mapping[str, Mapping[str, int]] = self.metadata["left_out"]
        return left

    def __len__(self) -> int:
        return len(self._grid.year)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._row(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("panel row out of range")
        return self._row(index)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(self._row, range(len(self)))

    def __repr__(self) -> str:
        meta = self.metadata
        first, last = meta["years"]
        kind = "directed " if meta.get("directed") else ""
        return f"<Panel {kind}{meta['unit']} {meta['system']} {first}-{last}: {len(self)} rows>"

    def _row(self, i: int) -> dict[str, Any]:
        grid = self._grid
        row: dict[str, Any] = {self._names[0]: grid.first[i]}
        if grid.unit == "dyad":
            row[self._names[1]] = grid.second[i]
        row["year"] = grid.year[i]
        for name, values in grid.counts.items():
            known = grid.covered[name][i] and i not in grid.unknown.get(name, ())
            row[name] = values[i] if known else None
        if grid.unit == "dyad":
            row["framework"] = grid.framework.get(i)
        covered = grid.field_covered[i]
        for field, column in self._fields:
            row[column] = (1 if i in grid.fields.get(field, ()) else 0) if covered else None
        return row

    def to_frame(self) -> pandas.DataFrame:
        """The panel as a pandas DataFrame: codes, year and counts as nullable ``Int64``.

        Counts outside the coverage are ``<NA>``; ``frame.attrs`` holds :attr:`metadata`.

        Raises:
            MissingExtraError: when pandas is not installed (``pip install "defcoop[pandas]"``).
        """
        pd: Any = require("pandas", "pandas", purpose="Panel.to_frame()")
        import numpy as np

        grid = self._grid

        def missing_in(flags: bytearray) -> Any:
            return np.frombuffer(bytes(flags), dtype=np.uint8) == 0

        none = np.zeros(len(self), dtype=bool)

        def integers(values: Any, mask: Any) -> Any:
            return pd.arrays.IntegerArray(np.frombuffer(values, dtype=np.int64).copy(), mask)

        data: dict[str, Any] = {self._names[0]: integers(grid.first, none)}
        if grid.unit == "dyad":
            data[self._names[1]] = integers(grid.second, none)
        data["year"] = integers(grid.year, none)
        for name, values in grid.counts.items():
            mask = missing_in(grid.covered[name])
            unknown = grid.unknown.get(name)
            if unknown:
                mask[np.fromiter(unknown, dtype=np.int64, count=len(unknown))] = True
            data[name] = integers(values, mask)
        if grid.unit == "dyad":
            framework = np.full(len(self), None, dtype=object)
            for row, text in grid.framework.items():
                framework[row] = text
            data["framework"] = pd.array(framework, dtype="string")
        for field, column in self._fields:
            flags = np.zeros(len(self), dtype=np.int64)
            rows = grid.fields.get(field)
            if rows:
                flags[np.fromiter(rows, dtype=np.int64, count=len(rows))] = 1
            data[column] = pd.arrays.IntegerArray(flags, missing_in(grid.field_covered))
        frame = pd.DataFrame(data, columns=list(self.columns), copy=False)
        frame.attrs.update(json.loads(json.dumps(self.metadata)))
        return frame

    def to_csv(self) -> str:
        """The panel as CSV text: a header, then one line per row; a missing count is empty."""
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self:
            writer.writerow(["" if value is None else value for value in row.values()])
        return buffer.getvalue()


def build_panel(
    dataset: Collection,
    unit: str,
    *,
    years: YearsFilter,
    directed: bool = False,
    system: StateSystem | str = StateSystem.COW,
) -> Panel:
    """A panel of ``dataset``; see :meth:`Dataset.dyad_years <defcoop.Dataset.dyad_years>`."""
    if type(directed) is not bool:
        raise ArgumentError(f"directed= expects True or False, got {described(directed)}")
    chosen = _system(system)
    span = _years(years)
    grid = _panel_cells.build(dataset, unit, directed, chosen, span)
    _panel_transfers.add(grid, dataset, span)
    fields = [f.id for f in dataset.fields]
    metadata = {
        "unit": f"{unit}-year",
        "directed": directed if unit == "dyad" else None,
        "system": chosen.value,
        "years": [span.start, span.stop - 1],
        "coverage": [str(item) for item in dataset.coverage],
        "data_version": None if dataset.info is None else dataset.info.version,
        "code_version": __version__,
        "fields": fields,
        "columns": {**_DESCRIPTIONS},
        "counted": {name: str(_panel_columns.COUNTED[name]) for name in grid.counts},
        "left_out": {
            column: dict(sorted(reasons.items()))
            for column, reasons in sorted(grid.left_out.items())
        },
        "unknown": {
            column: count
            for column, rows in sorted(grid.unknown.items())
            if (count := sum(1 for row in rows if grid.covered[column][row]))
        },
    }
    return Panel(grid, metadata, fields)


def deliver(panel: Panel, frame: bool | None) -> Panel | pandas.DataFrame:
    """The panel in the form asked for: its DataFrame for ``frame=True``, and for ``None``
    where pandas is installed; else the panel of plain rows itself."""
    if frame is not None and type(frame) is not bool:
        raise ArgumentError(f"frame= expects True, False or None, got {described(frame)}")
    if frame is None:
        try:
            import pandas  # noqa: F401  (only to learn whether it is there)
        except ImportError:
            return panel
        frame = True
    return panel.to_frame() if frame else panel


def _system(value: object) -> StateSystem:
    from defcoop.query._lookup import coerce_member

    return coerce_member(value, StateSystem, "state system", "system")


def _years(value: object) -> range:
    if isinstance(value, tuple) and len(value) == 2 and all(type(v) is int for v in value):
        first, last = value
    elif type(value) is int:
        first = last = value
    else:
        from defcoop.query._lookup import coerce_period

        period = coerce_period(value, "years")
        if period.open:
            raise QueryError(f"years={value!r} must end: give a last year, such as '2008/2020'")
        first, last = period.start.year, period.end.year
    if not 1 <= first <= last <= 9998:
        raise QueryError(f"years= expects a first year no later than the last, got {value!r}")
    return range(first, last + 1)
