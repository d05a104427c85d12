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
import functools
import itertools
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from defcoop.model._coverage import vouches
from defcoop.model.dates import Period
from defcoop.model.kinds import EventKind, EventStatus, StateSystem
from defcoop.model.records import Agreement, Country, Coverage, Event, Mechanism
from defcoop.views._panel_columns import COUNTED, FIELDS_COUNTED, union

if TYPE_CHECKING:
    from defcoop.query.collection import Collection

COUNTS = {
    "dyad": (
        "agreements_signed",
        "agreements_in_force",
        "events_occurred",
        "events_planned",
        "visits",
        "multilateral_events",
        "mechanisms_active",
    ),
    "state": (
        "agreements_signed",
        "agreements_in_force",
        "events_occurred",
        "events_planned",
        "visits_made",
        "visits_received",
        "multilateral_events",
        "mechanisms_active",
    ),
}
"""The count columns of each unit, in order."""


UNDATED = "undated"
SEVERAL = "several, number not given"
SPAN = "dated only to a span of more than one year"
NO_PERIOD = "no period in force"
OUTSIDE_SYSTEM = "a party outside the state system in that year"
OUTSIDE_COVERAGE = "only in cells outside the declared coverage"
NO_DIRECTION = "a visit without actor and recipient"
NO_START = "no date the framework began"


def _span(period: Period, years: range) -> range:
    """The years of ``years`` a period touches (an open period runs to the last of them)."""
    end = years.stop - 1 if period.open else period.end.year
    return range(max(period.start.year, years.start), min(end, years.stop - 1) + 1)


class Codes:
    """Each country's code in one state system, year by year, and the members of each year.

    A country continued by another (the Soviet Union by Russia) takes the other's codes;
    a membership still running when its list was last updated runs to the panel's last year.
    """

    def __init__(self, dataset: Collection, system: StateSystem, first: int, last: int) -> None:
        self.by_country: dict[str, dict[int, int]] = {}
        self.members: dict[int, list[int]] = {}
        years_of: dict[int, set[int]] = {}
        countries = {c.code: c for c in dataset.countries}
        for country in countries.values():
            holder: Country = countries.get(country.continued_by or "", country)
            table: dict[int, int] = {}
            for item in holder.memberships:
                if item.system != system:
                    continue
                for year in _span(item.period, range(first, last + 1)):
                    table[year] = item.code
            self.by_country[country.code] = table
            if holder is country:
                for year, code in table.items():
                    years_of.setdefault(code, set()).add(year)
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

    def __init__(self, codes: Codes, unit: str, directed: bool) -> None:
        self.unit, self.directed = unit, directed
        self.codes = codes
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

    def _units(self, codes: Codes) -> Iterator[tuple[tuple[int, ...], list[int]]]:
        states = codes.years_of
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

    def skip(self, column: str, reason: str) -> None:
        """Count one record left out of ``column`` for ``reason``."""
        reasons = self.left_out.setdefault(column, {})
        reasons[reason] = reasons.get(reason, 0) + 1


def build(
    dataset: Collection, unit: str, directed: bool, system: StateSystem, years: range
) -> Grid:
    """The grid of a panel with every count, coverage mark and left-out record filled in."""
    codes = Codes(dataset, system, years.start, years.stop - 1)
    grid = Grid(codes, unit, directed)
    _cover(grid, dataset, codes, years)
    above = _above(dataset)

    @functools.cache
    def widen(fields: frozenset[str]) -> frozenset[str]:
        """A field set with every field above its fields (records share equal sets)."""
        return frozenset().union(*(above.get(f, frozenset({f})) for f in fields))

    for agreement in dataset.agreements():
        _agreement(grid, codes, agreement, years, widen)
    for event in dataset.events():
        _event(grid, codes, event, years)
    for mechanism in dataset.mechanisms():
        _mechanism(grid, codes, mechanism, years)
    if unit == "dyad":
        _frameworks(grid, dataset, codes, years)
    return grid


def _cover(grid: Grid, dataset: Collection, codes: Codes, years: range) -> None:
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
        for year in _span(item.period, years):
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


def _above(dataset: Collection) -> dict[str, frozenset[str]]:
    """Each field with every field above it (a record on a field answers for those too)."""
    above: dict[str, set[str]] = {f.id: {f.id} for f in dataset.fields}
    for field in dataset.fields:
        for narrower in dataset.narrower(field):
            above[narrower].add(field.id)
    return {key: frozenset(value) for key, value in above.items()}


def _weight(grid: Grid, record: Agreement | Event, column: str) -> int | None:
    if record.several and record.count is None:
        grid.skip(column, SEVERAL)
        return None
    return record.count or 1


def _place(
    grid: Grid,
    codes: Codes,
    column: str,
    parties: Sequence[str],
    years: Iterable[int],
    weight: int,
    fields: frozenset[str] = frozenset(),
) -> None:
    """Add ``weight`` to ``column`` in every cell of ``parties`` in ``years``.

    The hot loop of a panel: a hundred thousand records make a few hundred thousand cells,
    so the common case (two parties, no direction) is written out rather than generalized.
    """
    tables = [codes.by_country.get(party) for party in parties]
    counts, flags = grid.counts[column], grid.covered[column]
    least = 2 if grid.unit == "dyad" else 1
    pairs = grid.unit == "dyad" and not grid.directed
    placed = covered = False
    if pairs and len(tables) == 2 and not fields and None not in tables:
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
            counts[row] += weight
            if flags[row]:
                covered = True
                for field in fields:
                    grid.fields.setdefault(field, set()).add(row)
    if not placed:
        grid.skip(column, OUTSIDE_SYSTEM)
    elif not covered:
        grid.skip(column, OUTSIDE_COVERAGE)


def _agreement(
    grid: Grid,
    codes: Codes,
    agreement: Agreement,
    years: range,
    widen: Callable[[frozenset[str]], frozenset[str]],
) -> None:
    fields = widen(agreement.fields)
    if agreement.signed is None:
        grid.skip("agreements_signed", UNDATED)
    elif agreement.signed.year in years:
        weight = _weight(grid, agreement, "agreements_signed")
        if weight is not None:
            at = (agreement.signed.year,)
            _place(grid, codes, "agreements_signed", agreement.parties, at, weight, fields)
    period = agreement.period
    if period is None:
        grid.skip("agreements_in_force", NO_PERIOD)
        return
    span = _span(period, years)
    if span:
        weight = _weight(grid, agreement, "agreements_in_force")
        if weight is not None:
            _place(grid, codes, "agreements_in_force", agreement.parties, span, weight, fields)


def _mechanism(grid: Grid, codes: Codes, mechanism: Mechanism, years: range) -> None:
    """Count a mechanism over its period, and mark the years the reports leave open.

    Before its founding a mechanism was not at work (a known 0); over its period it was; in
    the other years (all of them when nothing dates its founding) nobody reported either
    way, so its parties' cells are unknown rather than 0.
    """
    column = "mechanisms_active"
    span = range(0) if mechanism.period is None else _span(mechanism.period, years)
    if mechanism.period is None:
        grid.skip(column, UNDATED)
    elif span:
        _place(grid, codes, column, mechanism.parties, span, 1)
    first = years.start if mechanism.founded is None else mechanism.founded.year
    rows = grid.unknown.setdefault(column, set())
    for year in years:
        if year >= first and year not in span:
            rows.update(grid.rows_of(codes, mechanism.parties, year))


def _event(grid: Grid, codes: Codes, event: Event, years: range) -> None:
    column = "events_occurred" if event.status is EventStatus.OCCURRED else "events_planned"
    when = event.when
    if when is None:
        grid.skip(column, UNDATED)
        return
    if when.open or when.start.year != when.end.year:
        grid.skip(column, SPAN)
        return
    year = when.start.year
    if year not in years:
        return
    weight = _weight(grid, event, column)
    if weight is None:
        return
    _place(grid, codes, column, event.parties, (year,), weight)
    if event.multilateral:
        _place(grid, codes, "multilateral_events", event.parties, (year,), weight)
    if event.kind is EventKind.VISIT and event.status is EventStatus.OCCURRED:
        _visit(grid, codes, event, year, weight)


def _visit(grid: Grid, codes: Codes, event: Event, year: int, weight: int) -> None:
    if event.actor is None or event.recipient is None:
        grid.skip("visits", NO_DIRECTION)
        return
    if grid.unit == "state":
        _place(grid, codes, "visits_made", (event.actor,), (year,), weight)
        _place(grid, codes, "visits_received", (event.recipient,), (year,), weight)
        return
    actor, recipient = codes.of((event.actor,), year), codes.of((event.recipient,), year)
    if not actor or not recipient or actor == recipient:
        grid.skip("visits", OUTSIDE_SYSTEM)
        return
    a, b = actor[0], recipient[0]
    row = grid.row((a, b) if grid.directed else (min(a, b), max(a, b)), year)
    if row is None:
        grid.skip("visits", OUTSIDE_SYSTEM)
        return
    grid.counts["visits"][row] += weight
    if not grid.covered["visits"][row]:
        grid.skip("visits", OUTSIDE_COVERAGE)


def _frameworks(grid: Grid, dataset: Collection, codes: Codes, years: range) -> None:
    for relationship in dataset.relationships():
        if relationship.framework is None:
            continue
        since = relationship.framework_since
        if since is None:
            grid.skip("framework", NO_START)
            continue
        for year in range(max(since.year, years.start), years.stop):
            for row in grid.rows_of(codes, relationship.parties, year):
                grid.framework[row] = relationship.framework


def field_column(field_id: str) -> str:
    """The 0/1 column of a field of cooperation: ``field_military_science``."""
    return "field_" + "".join(ch if ch.isalnum() else "_" for ch in field_id)
