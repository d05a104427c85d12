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
claim vouches for those records (``Coverage.records``), so a claim for visits alone leaves
the agreement columns missing. A count is never a false zero: each is exact, a lower bound,
or missing, and says which. A record that stands for several with no number given ("several
agreements were signed") counts as one, at least, and its cells are lower bounds: each count
column but ``mechanisms_active`` has a boolean companion, ``agreements_signed_lb`` and so
on, true where the count is "at least n" (missing where the count is).
``agreements_in_force`` counts an agreement from the year it entered into force (or was
signed, where that is all that is known) to the year of its end (its period's end, or
``ended``: termination or expiry); where no source gives an end it counts as in force until
one does, and ``agreements_in_force_open`` says how many of the cell's agreements are
counted so. Arms contracts (kind ``contract``) are not counted as agreements. Records that
cannot be put in a year are left out and counted in :attr:`Panel.left_out`, by column and
reason, rather than guessed: undated records, events dated only to a span of years, visits
without a direction. A standing mechanism counts over the period the reports show it at
work; in covered cells where it may have been at work unreported (after its founding, or in
any year when nothing dates its founding, but outside that period), ``mechanisms_active`` is
missing too, and ``metadata["unknown"]`` says in how many cells.

>>> import defcoop
>>> panel = defcoop.load().dyad_years(years="2018", frame=False)
>>> [row for row in panel if row["events_occurred"]][0]["ccode1"]
365

Each row carries the states' COW abbreviations beside their codes (``stateabb1``,
``stateabb2``, or ``stateabb``); ``party=`` keeps the units of a country (or of any of a
list of countries), ``dyad=`` those of one dyad:

>>> rows = defcoop.load().dyad_years(years="2018", dyad=("VNM", "BLR"), frame=False)
>>> [(r["stateabb1"], r["stateabb2"], r["agreements_signed"]) for r in rows]
[('BLR', 'DRV', 2)]

:meth:`Panel.cell` says what makes up one cell: the records counted there, by column, and
the coverage and sources that make it covered.

With pandas installed, ``frame=None`` (the default) gives the DataFrame straight away, and
``frame=False`` these plain rows whatever is installed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs

from defcoop._extras import require
from defcoop._version import __version__
from defcoop.errors import ArgumentError, DataError, Problem, QueryError
from defcoop.model._taxonomy import field_column
from defcoop.model.dates import PartialDate, Period
from defcoop.model.kinds import StateSystem
from defcoop.model.records import Country, Coverage, Record, Source
from defcoop.query._arguments import require_flag
from defcoop.query._csv import Formulas, csv_text
from defcoop.views import (
    _panel_arguments,
    _panel_cells,
    _panel_columns,
    _panel_records,
    _panel_rows,
    _panel_transfers,
)
from defcoop.views._panel_cells import LOWER_BOUND

if TYPE_CHECKING:
    import pandas

    from defcoop.query.collection import Collection

__all__ = ["Cell", "DyadFilter", "Panel", "PartyFilter", "YearsFilter", "column_names"]

PartyFilter = str | int | Country | Sequence[str | int | Country]
"""The forms a panel's ``party=`` takes: a country, or a list of countries (the units of any of
them), each by code or name as ``party=`` of the queries."""

DyadFilter = tuple[str | int | Country, str | int | Country]
"""The form a panel's ``dyad=`` takes: two countries, whose dyad alone the panel keeps."""

YearsFilter = str | Period | PartialDate | tuple[int, int] | int
"""The forms a panel's years take, ``"2008/2020"``, a Period, a date, ``(2008, 2020)``
or one year."""


@attrs.frozen(kw_only=True)
class Cell:
    """What makes up one cell of a panel: its row, the records counted in it, and what covers it.

    ``records`` maps each count column to the records counted there (a record standing for
    several appears once); ``coverage`` lists the coverage claims that reach the cell (a
    source's or the dataset's own, for whatever records), and ``sources`` the sources whose
    coverage reaches it. ``covered`` says, column by column, whether a claim vouching for what
    the column counts reaches the cell (``"fields"`` for the field columns): a column not
    covered is missing there, whatever its records.
    """

    unit: tuple[int, ...]
    """The state's code, or the dyad's two codes, in the panel's order."""
    year: int
    row: dict[str, Any]
    """The panel's row for the cell."""
    records: Mapping[str, tuple[Record, ...]]
    coverage: tuple[Coverage, ...]
    sources: tuple[Source, ...]
    covered: Mapping[str, bool]
    """Each count column (and ``"fields"``): whether a claim for what it counts reaches the
    cell."""


class Panel(Sequence[dict[str, Any]]):
    """A dyad-year or state-year panel as plain rows (dicts), and a DataFrame on request.

    The panels come in this form without pandas, or with ``frame=False``.

    Rows come in the order of the unit's codes, then the year. Counts are ints, or None
    outside the declared coverage; each ``<count>_lb`` is True where its count is a lower
    bound; field columns (``field_<id>``) are 1 where an agreement signed or in force that
    year covers the field or one below it, 0 where none does. :meth:`to_frame` gives a pandas
    DataFrame with one declared dtype per column (nullable ``Int64``, ``boolean``, ``string``)
    and the panel's :attr:`metadata` in ``frame.attrs``; :meth:`cell` what makes up one cell.
    """

    __slots__ = ("_built", "_fields", "_grid", "_names", "columns", "metadata")

    def __init__(
        self, grid: Any, metadata: dict[str, Any], fields: list[str], built: Any = None
    ) -> None:
        """Built by :func:`build_panel` (``grid`` is its private table of cells; ``built``
        the dataset and arguments it was built from, for :meth:`cell`)."""
        self._grid: _panel_cells.Grid = grid
        self._built: tuple[Collection, dict[str, Any]] | None = built
        self.metadata: dict[str, Any] = metadata
        """Unit, system, years, directed, party, coverage, data version, what was left out,
        and how many covered cells each column leaves ``unknown``."""
        self._names = _unit_columns(grid.unit, metadata["system"])
        self._fields = [(f, field_column(f)) for f in fields]
        self.columns: tuple[str, ...] = column_names(grid.unit, metadata["system"], fields)
        """The column names, in order."""
        _unique_columns(self.columns, fields)

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
            start, stop, step = index.indices(len(self))
            if step == 1:
                return _panel_rows.rows(self._grid, self._names, self._fields, start, stop)
            return [self._row(i) for i in range(start, stop, step)]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("panel row out of range")
        return self._row(index)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return _panel_rows.every_row(self._grid, self._names, self._fields)

    def __repr__(self) -> str:
        meta = self.metadata
        first, last = meta["years"]
        kind = "directed " if meta.get("directed") else ""
        return f"<Panel {kind}{meta['unit']} {meta['system']} {first}-{last}: {len(self)} rows>"

    def _row(self, i: int) -> dict[str, Any]:
        return _panel_rows.rows(self._grid, self._names, self._fields, i, i + 1)[0]

    def cell(self, *key: int) -> Cell:
        """What makes up the cell of ``(ccode1, ccode2, year)``, or ``(ccode, year)`` in a
        state-year panel (codes of the panel's system; the dyad's codes in either order for a
        non-directed panel): its row, the records counted in it, and what covers it.

        Raises:
            QueryError: for a cell the panel has no row for.
        """
        grid = self._grid
        size = 3 if grid.unit == "dyad" else 2
        if len(key) != size or not all(type(k) is int for k in key):
            names = ", ".join([*self._names, "year"])
            raise ArgumentError(f"cell() expects {size} whole numbers ({names}), got {key!r}")
        *codes, year = key
        if grid.unit == "dyad" and not grid.directed:
            codes = sorted(codes)
        row = grid.row(tuple(codes), year)
        if row is None or self._built is None:
            raise QueryError(f"the panel has no row for {tuple(key)!r}: {self!r}")
        dataset, arguments = self._built
        watched = _panel_records.build(
            dataset,
            grid.unit,
            grid.directed,
            StateSystem(self.metadata["system"]),
            range(year, year + 1),
            kept_units=arguments["units"],
            watch=(tuple(codes), year),
        )
        claims, sources = _covering(dataset, watched, tuple(codes), year)
        return Cell(
            unit=tuple(codes),
            year=year,
            row=self._row(row),
            records={name: tuple(found) for name, found in watched.found.items()},
            coverage=claims,
            sources=sources,
            covered={
                **{name: bool(grid.covered[name][row]) for name in grid.counts},
                "fields": bool(grid.field_covered[row]),
            },
        )

    def to_frame(self) -> pandas.DataFrame:
        """The panel as a pandas DataFrame, each column of one declared dtype whatever the data:
        codes, year, counts and field flags nullable ``Int64``, lower-bound flags ``boolean``,
        abbreviations and framework ``string``.

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

        def rows(found: Any) -> Any:
            return np.fromiter(found, dtype=np.int64, count=len(found))

        def texts(codes: Any) -> Any:
            table = grid.abbreviations
            values = np.array([table.get(code) for code in codes], dtype=object)
            return pd.array(values, dtype="string")

        data: dict[str, Any] = {self._names[0]: integers(grid.first, none)}
        if grid.unit == "dyad":
            data[self._names[1]] = integers(grid.second, none)
        data["year"] = integers(grid.year, none)
        if grid.unit == "dyad":
            data["stateabb1"], data["stateabb2"] = texts(grid.first), texts(grid.second)
        else:
            data["stateabb"] = texts(grid.first)
        masks: dict[str, Any] = {}
        for name, values in grid.counts.items():
            mask = masks[name] = missing_in(grid.covered[name])
            unknown = grid.unknown.get(name)
            if unknown:
                mask[rows(unknown)] = True
            data[name] = integers(values, mask)
        for name in _panel_cells.BOUNDED[grid.unit]:
            flags = np.zeros(len(self), dtype=bool)
            lower = grid.lower.get(name)
            if lower:
                flags[rows(lower)] = True
            data[name + LOWER_BOUND] = pd.arrays.BooleanArray(flags, masks[name].copy())
        if grid.unit == "dyad":
            framework = np.full(len(self), None, dtype=object)
            for row, text in grid.framework.items():
                framework[row] = text
            data["framework"] = pd.array(framework, dtype="string")
        for field, column in self._fields:
            flags = np.zeros(len(self), dtype=np.int64)
            found = grid.fields.get(field)
            if found:
                flags[rows(found)] = 1
            data[column] = pd.arrays.IntegerArray(flags, missing_in(grid.field_covered))
        frame = pd.DataFrame(data, columns=list(self.columns), copy=False)
        frame.attrs.update(json.loads(json.dumps(self.metadata)))
        return frame

    def to_csv(self, *, formulas: Formulas = "escape") -> str:
        """The panel as CSV text: a header, then one line per row; a missing value is empty,
        a lower-bound flag ``true`` or ``false``; text that starts like a spreadsheet formula
        gets a leading ``'`` unless ``formulas="raw"`` (``defcoop.query._csv``)."""
        flags = {True: "true", False: "false"}
        rows = ([flags[v] if v is True or v is False else v for v in row.values()] for row in self)
        return csv_text(self.columns, rows, formulas=formulas)


def _unit_columns(unit: str, system: str) -> list[str]:
    names = ["ccode1", "ccode2"] if unit == "dyad" else ["ccode"]
    if system == StateSystem.GW.value:
        names = [name.replace("ccode", "gwcode") for name in names]
    return names


def column_names(unit: str, system: StateSystem | str, fields: Sequence[str]) -> tuple[str, ...]:
    """The columns of a panel of ``unit`` (``"dyad"`` or ``"state"``) in the state system
    ``system``, with a column for each of ``fields`` (ids), in order: the unit's codes, the
    year, the abbreviations, the counts, their lower-bound flags, the framework (dyads) and
    the field columns."""
    unit_names = _unit_columns(unit, StateSystem(system).value)
    return (
        *unit_names,
        "year",
        *(["stateabb1", "stateabb2"] if unit == "dyad" else ["stateabb"]),
        *_panel_cells.COUNTS[unit],
        *_panel_transfers.COLUMNS[unit],
        *(name + LOWER_BOUND for name in _panel_cells.BOUNDED[unit]),
        *(["framework"] if unit == "dyad" else []),
        *(field_column(field) for field in fields),
    )


def _unique_columns(columns: Sequence[str], fields: Sequence[str]) -> None:
    """Refuse a panel whose columns are not unique: two field ids differing only by ``-``,
    ``_``, ``.`` or ``:`` would lose values and shift CSV rows under their header. Loading
    refuses such fields; this guards what is written from records built without checks."""
    seen: dict[str, str] = {}
    problems = []
    for field in fields:
        column = field_column(field)
        other = seen.setdefault(column, field)
        if other != field:
            message = (
                f"fields {other!r} and {field!r} would both be panel column {column!r}: "
                "ids that differ only by - _ . or : must not both be fields"
            )
            problems.append(Problem(file="<panel>", path=field, record=field, message=message))
    if problems or len(set(columns)) != len(columns):
        if not problems:
            twice = sorted({c for c in columns if list(columns).count(c) > 1})
            message = f"the panel would have columns twice: {', '.join(twice)}"
            problems.append(Problem(file="<panel>", path="columns", message=message))
        raise DataError(problems)


def _covering(
    dataset: Collection, grid: _panel_cells.Grid, unit: tuple[int, ...], year: int
) -> tuple[tuple[Coverage, ...], tuple[Source, ...]]:
    """The coverage claims (the dataset's own and its sources') that reach a cell, and the
    sources that make them; read as the panel reads coverage (by the year)."""
    codes = _panel_cells.Codes(dataset, grid.system, year, year)

    def reaches(item: Coverage) -> bool:
        if not _panel_cells.touched(item.period, range(year, year + 1)):
            return False
        found = codes.of(item.countries, year)
        if not item.countries:
            return True
        if len(item.countries) == 1:
            return bool(found) and found[0] in unit
        return len(found) == 2 and sorted(found) == sorted(unit)

    own = dataset.info.coverage if dataset.info is not None else ()
    claims = [item for item in own if reaches(item)]
    sources = []
    for source in dataset.sources:
        reaching = [item for item in source.coverage if reaches(item)]
        if reaching:
            sources.append(source)
            claims += [item for item in reaching if item not in claims]
    return tuple(claims), tuple(sources)


def build_panel(
    dataset: Collection,
    unit: str,
    *,
    years: YearsFilter,
    directed: bool = False,
    system: StateSystem | str = StateSystem.COW,
    party: PartyFilter | None = None,
    dyad: DyadFilter | None = None,
) -> Panel:
    """A panel of ``dataset``; see :meth:`Dataset.dyad_years <defcoop.Dataset.dyad_years>`."""
    require_flag(directed, "directed", f"{unit}_years()")
    chosen = _panel_arguments.system_of(system)
    span = _panel_arguments.years_of(years, dataset, chosen)
    if dyad is not None and unit != "dyad":
        raise ArgumentError("dyad= is for dyad-year panels; give party= for state-years")
    units = _panel_arguments.units_of(dataset, party, dyad)
    grid = _panel_records.build(dataset, unit, directed, chosen, span, units)
    _panel_transfers.add(grid, dataset, span)
    fields = [f.id for f in dataset.fields]
    metadata = {
        "unit": f"{unit}-year",
        "directed": directed if unit == "dyad" else None,
        "system": chosen.value,
        "years": [span.start, span.stop - 1],
        "party": list(units[0]) if len(units) == 1 else None,
        "dyad": [group[0] for group in units] if len(units) == 2 else None,
        "coverage": [str(item) for item in dataset.coverage],
        "data_version": None if dataset.info is None else dataset.info.version,
        "code_version": __version__,
        "fields": fields,
        "columns": dict(_panel_columns.MEANINGS),
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
    return Panel(grid, metadata, fields, (dataset, {"units": units}))


def deliver(panel: Panel, frame: bool | None) -> Panel | pandas.DataFrame:
    """The panel in the form asked for: its DataFrame for ``frame=True``, and for ``None``
    where pandas is installed; else the panel of plain rows itself."""
    require_flag(frame, "frame", f"{panel.metadata['unit'].replace('-', '_')}s()", none=True)
    if frame is None:
        try:
            import pandas  # noqa: F401  (only to learn whether it is there)
        except ImportError:
            return panel
        frame = True
    return panel.to_frame() if frame else panel
