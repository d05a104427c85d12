"""Where each record falls in a panel: the rules of counting, record type by record type.

:mod:`defcoop.views._panel_cells` holds the grid of cells; here each agreement, event and
mechanism is placed in the cells of its parties and years, or left out with a reason
(:attr:`Panel.left_out <defcoop.views.panels.Panel.left_out>`). A record that stands for
several with no number given counts as one and marks its cells as lower bounds; an agreement
counts in force from its entry into force (or signing) to its end, and where no source gives
the end, until one does (``agreements_in_force_open``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from defcoop.model.dates import PartialDate
from defcoop.model.kinds import AgreementKind, EventKind, EventStatus, StateSystem
from defcoop.model.records import Agreement, Event, Mechanism
from defcoop.views._panel_cells import (
    OUTSIDE_COVERAGE,
    OUTSIDE_SYSTEM,
    UNDATED,
    Codes,
    Grid,
    cover,
    kept,
    place,
    touched,
)

if TYPE_CHECKING:
    from defcoop.query.collection import Collection

R = TypeVar("R", Agreement, Event, Mechanism)

SPAN = "dated only to a span of more than one year"
NO_PERIOD = "no date it was signed or entered into force"
CONTRACT = "an arms contract, not a cooperation agreement"
NO_DIRECTION = "a visit without actor and recipient"
NO_START = "no date the framework began"


def build(
    dataset: Collection,
    unit: str,
    directed: bool,
    system: StateSystem,
    years: range,
    kept_units: tuple[tuple[str, ...], ...] = (),
    watch: tuple[tuple[int, ...], int] | None = None,
) -> Grid:
    """The grid of a panel with every count, coverage mark and left-out record filled in.

    ``kept_units`` (groups of country ids, see
    :func:`~defcoop.views._panel_arguments.units_of`) keeps the units of any country of one
    group, or the dyad of two groups; ``watch`` (a unit and a year) keeps the records counted
    in that cell in :attr:`Grid.found`.
    """
    codes = Codes(dataset, system, years.start, years.stop - 1)
    only = None
    if kept_units:
        only = tuple(
            frozenset(code for p in group for code in codes.by_country.get(p, {}).values())
            for group in kept_units
        )
    grid = Grid(codes, unit, directed, only)
    if watch is not None:
        grid.watch = -1 if (row := grid.row(*watch)) is None else row
    cover(grid, dataset, codes, years)
    above = _above(dataset)

    @functools.cache
    def widen(fields: frozenset[str]) -> frozenset[str]:
        """A field set with every field above its fields (records share equal sets)."""
        return frozenset().union(*(above.get(f, frozenset({f})) for f in fields))

    def kept_records(records: Iterable[R]) -> Iterator[R]:
        """The records of the units kept: with a party filter, those of its countries."""
        if only is None:
            return iter(records)
        return (r for r in records if _among(codes, only, r.parties))

    for agreement in kept_records(dataset.agreements()):
        _agreement(grid, codes, agreement, years, widen)
    for event in kept_records(dataset.events()):
        _event(grid, codes, event, years)
    for mechanism in kept_records(dataset.mechanisms()):
        _mechanism(grid, codes, mechanism, years)
    if unit == "dyad":
        _frameworks(grid, dataset, codes, years)
    return grid


def _among(codes: Codes, only: tuple[frozenset[int], ...], parties: Sequence[str]) -> bool:
    """Whether some party has a code of each country of a party filter (in any year)."""
    held = [set(codes.by_country.get(party, {}).values()) for party in parties]
    return all(any(wanted & mine for mine in held) for wanted in only)


def _above(dataset: Collection) -> dict[str, frozenset[str]]:
    """Each field with every field above it (a record on a field answers for those too)."""
    above: dict[str, set[str]] = {f.id: {f.id} for f in dataset.fields}
    for field in dataset.fields:
        for narrower in dataset.narrower(field):
            above[narrower].add(field.id)
    return {key: frozenset(value) for key, value in above.items()}


def _weight(record: Agreement | Event) -> tuple[int, bool]:
    """How much a record weighs in a cell, and whether that is a lower bound: a record that
    stands for several with no number given counts as one, at least."""
    if record.several and record.count is None:
        return 1, True
    return record.count or 1, False


def in_force(agreement: Agreement) -> tuple[PartialDate | None, PartialDate | None]:
    """When an agreement was in force, as panels count it: from its period's start, its entry
    into force or (where that is all that is known) its signing, to its period's end or the
    day it ``ended``; the end is None where no source gives it (in force until one does)."""
    period = agreement.period
    start = period.start if period else agreement.entered_into_force or agreement.signed
    end = agreement.ended
    if end is None and period is not None and not period.open:
        end = period.end
    return start, end


def _agreement(
    grid: Grid,
    codes: Codes,
    agreement: Agreement,
    years: range,
    widen: Callable[[frozenset[str]], frozenset[str]],
) -> None:
    if agreement.kind is AgreementKind.CONTRACT:
        grid.skip("agreements_signed", CONTRACT)
        return
    fields = widen(agreement.fields)
    weight, lower = _weight(agreement)
    parties = agreement.parties
    if agreement.signed is None:
        grid.skip("agreements_signed", UNDATED)
    elif agreement.signed.year in years:
        at = (agreement.signed.year,)
        column = "agreements_signed"
        place(grid, codes, column, agreement, parties, at, weight, lower, fields)
    start, end = in_force(agreement)
    if start is None:
        grid.skip("agreements_in_force", NO_PERIOD)
        return
    last = years.stop - 1 if end is None else min(end.year, years.stop - 1)
    span = range(max(start.year, years.start), last + 1)
    if span:
        column = "agreements_in_force"
        place(grid, codes, column, agreement, parties, span, weight, lower, fields)
        if end is None:
            column = "agreements_in_force_open"
            place(grid, codes, column, agreement, parties, span, weight, lower)


def _mechanism(grid: Grid, codes: Codes, mechanism: Mechanism, years: range) -> None:
    """Count a mechanism over its period, and mark the years the reports leave open.

    Before its founding a mechanism was not at work (a known 0); over its period it was; in
    the other years (all of them when nothing dates its founding) nobody reported either
    way, so its parties' cells are unknown rather than 0.
    """
    column = "mechanisms_active"
    span = range(0) if mechanism.period is None else touched(mechanism.period, years)
    if mechanism.period is None:
        grid.skip(column, UNDATED)
    elif span:
        place(grid, codes, column, mechanism, mechanism.parties, span, 1)
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
    weight, lower = _weight(event)
    place(grid, codes, column, event, event.parties, (year,), weight, lower)
    if event.multilateral:
        column = "multilateral_events"
        place(grid, codes, column, event, event.parties, (year,), weight, lower)
    if event.kind is EventKind.VISIT and event.status is EventStatus.OCCURRED:
        _visit(grid, codes, event, year, weight, lower)


def _visit(grid: Grid, codes: Codes, event: Event, year: int, weight: int, lower: bool) -> None:
    if event.actor is None or event.recipient is None:
        grid.skip("visits", NO_DIRECTION)
        return
    if grid.unit == "state":
        place(grid, codes, "visits_made", event, (event.actor,), (year,), weight, lower)
        place(grid, codes, "visits_received", event, (event.recipient,), (year,), weight, lower)
        return
    actor, recipient = codes.of((event.actor,), year), codes.of((event.recipient,), year)
    if not actor or not recipient or actor == recipient:
        grid.skip("visits", OUTSIDE_SYSTEM)
        return
    a, b = actor[0], recipient[0]
    row = grid.row((a, b) if grid.directed else (min(a, b), max(a, b)), year)
    if row is None:
        if grid.only is None or kept(grid.only, a, b):
            grid.skip("visits", OUTSIDE_SYSTEM)
        return
    grid.add("visits", row, weight, lower, event)
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
