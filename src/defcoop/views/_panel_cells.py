"""The cells of a panel: which states are in the system when, and what falls in each cell.

A panel is a grid of units (a dyad or a state) by year. The grid holds every unit of the
state system's members in each year; counts are added record by record to the cells a record
falls in; coverage marks, column by column, the cells where some claim looked for the records
that column counts (:data:`COUNTED`). Everything is kept
in flat columns (lists indexed by row) so that a panel of every COW dyad over decades, some
800,000 rows, is built without a Python object per cell.
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from defcoop.model._coverage import vouches
from defcoop.model.dates import Period
from defcoop.model.kinds import StateSystem
from defcoop.model.records import Country, Coverage, Record
from defcoop.views._panel_columns import COUNTED, FIELDS_COUNTED, union

if TYPE_CHECKING:
    from defcoop.query.collection import Collection

COUNTS = {
    "dyad": (
        "agreements_signed",
        "agreements_in_force",
        "agreements_in_force_open",
        "events_occurred",
        "events_planned",
        "visits",
        "multilateral_events",
        "mechanisms_active",
    ),
    "state": (
        "agreements_signed",
        "agreements_in_force",
        "agreements_in_force_open",
        "events_occurred",
        "events_planned",
        "visits_made",
        "visits_received",
        "multilateral_events",
        "mechanisms_active",
    ),
}
"""The count columns of each unit, in order."""

LOWER_BOUND = "_lb"
"""The suffix of a count's companion column, true where the count is a lower bound."""

BOUNDED = {
    unit: tuple(c for c in names if c != "mechanisms_active") for unit, names in COUNTS.items()
}
"""The counts that a record standing for several, with no number given, makes lower bounds
(a mechanism is always one)."""

UNDATED = "undated"
OUTSIDE_SYSTEM = "a party outside the state system in that year"
OUTSIDE_COVERAGE = "only in cells outside the declared coverage"


def touched(period: Period, years: range) -> range:
    """The years of ``years`` a period touches (an open period runs to the last of them)."""
    end = years.stop - 1 if period.open else period.end.year
    return range(max(period.start.year, years.start), min(end, years.stop - 1) + 1)


class Codes:
    """Each country's code in one state system, year by year, and the members of each year.

    A country continued by another (the Soviet Union by Russia) takes the other's codes;
    a membership still running when its list was last updated runs to the panel's last year.
    """

    def __init__(self, dataset: Collection, system: StateSystem, first: int, last: int) -> None:
        self.system = system
        self.by_country: dict[str, dict[int, int]] = {}
        self.abbreviations: dict[int, str | None] = {}
        """Each code's COW abbreviation, that of the country holding the code."""
        years_of: dict[int, set[int]] = {}
        countries = {c.code: c for c in dataset.countries}
        for country in countries.values():
            holder: Country = countries.get(country.continued_by or "", country)
            table: dict[int, int] = {}
            for item in holder.memberships:
                if item.system != system:
                    continue
                for year in touched(item.period, range(first, last + 1)):
                    table[year] = item.code
            self.by_country[country.code] = table
            if holder is country:
                for year, code in table.items():
                    years_of.setdefault(code, set()).add(year)
                    self.abbreviations.setdefault(code, country.cow_abbrev)
        self.years_of = {code: sorted(years) for code, years in sorted(years_of.items())}

    def of(self, parties: Iterable[str], year: int) -> list[int]:
        """The distinct codes of ``parties`` in ``year`` (parties outside the system left out)."""
        found: list[int] = []
        for party in parties:
            code = self.by_country.get(party, {}).get(year)
            if code is not None and code not in found:
                found.append(code)
        return found


class Grid:
    """The rows of a panel, their cells' counts and which of them are covered."""

    def __init__(
        self,
        codes: Codes,
        unit: str,
        directed: bool,
        only: tuple[frozenset[int], ...] | None = None,
    ) -> None:
        self.unit, self.directed, self.only = unit, directed, only
        self.codes = codes
        self.system, self.abbreviations = codes.system, codes.abbreviations
        self.starts: dict[tuple[int, ...], tuple[int, list[int]]] = {}
        first: list[int] = []
        second: list[int] = []
        year: list[int] = []
        for key, years in self._units(codes):
            self.starts[key] = (len(year), years)
            first += [key[0]] * len(years)
            if unit == "dyad":
                second += [key[1]] * len(years)
            year += years
        # Machine integers: compact, and read by numpy without a copy for a DataFrame.
        self.first, self.second, self.year = array("q", first), array("q", second), array("q", year)
        size = len(year)
        zeros = bytes(8 * size)
        self.counts = {name: array("q", zeros) for name in COUNTS[unit]}
        self.covered: dict[str, bytearray] = {name: bytearray(size) for name in COUNTED}
        """Per count column, 1 in the rows some claim covers for what the column counts."""
        self.field_covered = bytearray(size)
        """1 in the rows whose field columns are covered (see :data:`FIELDS_COUNTED`)."""
        self.fields: dict[str, set[int]] = {}
        self.framework: dict[int, str] = {}
        self.left_out: dict[str, dict[str, int]] = {}
        self.unknown: dict[str, set[int]] = {}
        """Rows whose count in a column the records leave open (missing, though covered)."""
        self.lower: dict[str, set[int]] = {}
        """Rows whose count in a column is a lower bound: a record stands for several there."""
        self.watch = -1
        """A row whose records are kept in :attr:`found` (none: -1), for :meth:`Panel.cell`."""
        self.found: dict[str, list[Record]] = {}

    def _units(self, codes: Codes) -> Iterator[tuple[tuple[int, ...], list[int]]]:
        states = codes.years_of
        if self.only is not None and self.unit == "state":  # the states a party filter keeps
            wanted = frozenset().union(*self.only)
            states = {code: years for code, years in states.items() if code in wanted}
        if self.unit == "state":
            for code, years in states.items():
                yield (code,), years
            return
        pairs: Iterable[tuple[int, int]] = (
            itertools.permutations(states, 2)
            if self.directed
            else itertools.combinations(states, 2)
        )
        sets = {code: frozenset(years) for code, years in states.items()}
        # Most memberships are one run of years: two runs meet in a run, found without sets.
        runs = {
            code: (years[0], years[-1])
            for code, years in states.items()
            if years[-1] - years[0] + 1 == len(years)
        }
        for a, b in pairs:  # in order already: the states are sorted, and so are their pairs
            if self.only is not None and not kept(self.only, a, b):
                continue
            years_a, years_b = states[a], states[b]
            if years_a == years_b:  # the common case: members over the same years
                yield (a, b), years_a
            elif a in runs and b in runs:
                first, last = max(runs[a][0], runs[b][0]), min(runs[a][1], runs[b][1])
                if first <= last:
                    yield (a, b), list(range(first, last + 1))
            else:
                common = sets[a] & sets[b]
                if common:
                    yield (a, b), sorted(common)

    def row(self, key: tuple[int, ...], year: int) -> int | None:
        """The row of a unit in a year, or None where the unit is not in the grid that year."""
        found = self.starts.get(key)
        if found is None:
            return None
        start, years = found
        offset = year - years[0]
        if 0 <= offset < len(years) and years[offset] == year:
            return start + offset
        offset = bisect.bisect_left(years, year)
        return start + offset if offset < len(years) and years[offset] == year else None

    def keys(self, codes: Sequence[int]) -> list[tuple[int, ...]]:
        """The units a record between states ``codes`` falls in (no direction)."""
        if self.unit == "state":
            return [(code,) for code in codes]
        pairs = (
            itertools.permutations(codes, 2)
            if self.directed
            else itertools.combinations(sorted(codes), 2)
        )
        return list(pairs)

    def rows_of(self, codes: Codes, parties: Sequence[str], year: int) -> Iterator[int]:
        """The rows of every unit ``parties`` make up in ``year`` (none with too few members)."""
        found = codes.of(parties, year)
        for key in self.keys(found) if len(found) >= (2 if self.unit == "dyad" else 1) else ():
            row = self.row(key, year)
            if row is not None:
                yield row

    def add(self, column: str, row: int, weight: int, lower: bool, record: Record) -> None:
        """Add ``weight`` to a cell: a lower bound if ``lower``; keep the record if watched."""
        self.counts[column][row] += weight
        if lower:
            self.lower.setdefault(column, set()).add(row)
        if row == self.watch:
            self.found.setdefault(column, []).append(record)

    def skip(self, column: str, reason: str) -> None:
        """Count one record left out of ``column`` for ``reason``."""
        reasons = self.left_out.setdefault(column, {})
        reasons[reason] = reasons.get(reason, 0) + 1


def kept(only: tuple[frozenset[int], ...], a: int, b: int) -> bool:
    """Whether the dyad (a, b) is one a party filter keeps: with one country, a dyad it is in;
    with two, their dyad (each country's codes, over time, in ``only``)."""
    if len(only) == 1:
        return a in only[0] or b in only[0]
    first, second = only[0], only[1]
    return (a in first and b in second) or (a in second and b in first)


def cover(grid: Grid, dataset: Collection, codes: Codes, years: range) -> None:
    """Mark each column's covered cells: the claims that vouch for what it counts, read once
    per distinct set of columns they vouch for (most datasets have one or two)."""
    columns = {**COUNTED, "": FIELDS_COUNTED}  # the transfer columns are added later
    groups: dict[tuple[str, ...], list[Coverage]] = {}
    for item in dataset.coverage:
        scope = tuple(name for name, counted in columns.items() if vouches(item.records, counted))
        if scope:
            groups.setdefault(scope, []).append(item)
    marks = {scope: _marks(grid, items, codes, years) for scope, items in groups.items()}
    for name in columns:
        found = [flags for scope, flags in marks.items() if name in scope]
        flags = union(found, len(grid.year))
        if name:
            grid.covered[name] = flags
        else:
            grid.field_covered = flags


def _marks(grid: Grid, items: Iterable[Coverage], codes: Codes, years: range) -> bytearray:
    """1 in every row that one of ``items`` reaches (its dyad, either state, or everyone)."""
    covered = bytearray(len(grid.year))
    everywhere: set[int] = set()
    states: dict[int, set[int]] = {}
    dyads: dict[tuple[int, int], set[int]] = {}
    for item in items:
        for year in touched(item.period, years):
            found = codes.of(item.countries, year)
            if not item.countries:
                everywhere.add(year)
            elif len(item.countries) == 1 and found:
                states.setdefault(found[0], set()).add(year)
            elif len(found) == 2:
                dyads.setdefault((min(found), max(found)), set()).add(year)
    if everywhere >= set(years):  # every state in every year: all covered at once
        return bytearray(b"\x01" * len(covered))
    empty: frozenset[int] = frozenset()
    for key, (start, unit_years) in grid.starts.items():
        a = key[0]
        reach = everywhere | states.get(a, empty)
        if len(key) > 1:
            b = key[1]
            reach = reach | states.get(b, empty) | dyads.get((min(a, b), max(a, b)), empty)
        if not reach:
            continue
        for offset, year in enumerate(unit_years):
            if year in reach:
                covered[start + offset] = 1
    return covered


def place(
    grid: Grid,
    codes: Codes,
    column: str,
    record: Record,
    parties: Sequence[str],
    years: Iterable[int],
    weight: int,
    lower: bool = False,
    fields: frozenset[str] = frozenset(),
) -> None:
    """Add ``weight`` to ``column`` in every cell of ``parties`` in ``years``.

    The hot loop of a panel: a hundred thousand records make a few hundred thousand cells,
    so the common case (two parties, no direction, a plain count) is written out rather than
    generalized.
    """
    tables = [codes.by_country.get(party) for party in parties]
    counts, flags = grid.counts[column], grid.covered[column]
    least = 2 if grid.unit == "dyad" else 1
    pairs = grid.unit == "dyad" and not grid.directed
    placed = covered = False
    plain = not fields and not lower and grid.watch < 0
    if plain and pairs and len(tables) == 2 and None not in tables:
        # Two parties, no direction: most records of most datasets.
        first, second = tables
        for year in years:
            a, b = first.get(year), second.get(year)  # type: ignore[union-attr]
            if a is None or b is None or a == b:
                continue
            row = grid.row((a, b) if a < b else (b, a), year)
            if row is None:
                continue
            placed = True
            counts[row] += weight
            covered = covered or bool(flags[row])
        if not placed:
            grid.skip(column, OUTSIDE_SYSTEM)
        elif not covered:
            grid.skip(column, OUTSIDE_COVERAGE)
        return
    for year in years:
        found: list[int] = []
        for table in tables:
            code = None if table is None else table.get(year)
            if code is not None and code not in found:
                found.append(code)
        if len(found) < least:
            continue
        if pairs and len(found) == 2:
            a, b = found
            keys: Iterable[tuple[int, ...]] = ((a, b) if a < b else (b, a),)
        else:
            keys = grid.keys(found)
        for key in keys:
            row = grid.row(key, year)
            if row is None:
                continue
            placed = True
            grid.add(column, row, weight, lower, record)
            if flags[row]:
                covered = True
                for field in fields:
                    grid.fields.setdefault(field, set()).add(row)
    if not placed:
        if grid.only is None:  # with a party filter, a record may fall only in units left out
            grid.skip(column, OUTSIDE_SYSTEM)
    elif not covered:
        grid.skip(column, OUTSIDE_COVERAGE)
