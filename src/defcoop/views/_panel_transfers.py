"""The arms-transfer columns of a panel: deals ordered, deals delivering, units delivered.

A transfer is directed, from its supplier to its recipient. In a directed dyad-year panel the
row ``(ccode1, ccode2)`` counts what the first state supplied to the second; a non-directed
panel sums both directions, as ``visits`` does. A state-year panel counts what each state
supplied and received. Each column group is one function, added to a grid the rest of the
panel has built (:mod:`defcoop.views._panel_cells`), so that the transfer columns stay apart
from the others:

- ``transfers_ordered``: deals ordered in the year (by ``Transfer.ordered``; a deal without
  an order date, or only planned, is left out and counted in ``left_out``);
- ``transfers_delivering``: deals with a delivery in the year (``Transfer.deliveries``);
- ``units_delivered``: the units those deliveries brought. Missing, never a number, in a
  cell where any delivery lacks its count: a sum of the counts given would be a lower bound
  read as an exact count.

Deliveries are known only where the sources list them: a deal said to be delivered (or in
delivery) with no delivery years, or still in delivery after its last listed year, may have
delivered in years nobody recorded, so from its order (or the panel's first year) to the
panel's last year the delivery columns of its cells are missing, not 0, and
``metadata["unknown"]`` counts them.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING

from defcoop.model.kinds import TransferStatus
from defcoop.model.records import Transfer
from defcoop.views._panel_cells import OUTSIDE_COVERAGE, OUTSIDE_SYSTEM, UNDATED, Grid

if TYPE_CHECKING:
    from defcoop.query.collection import Collection

COLUMNS = {
    "dyad": ("transfers_ordered", "transfers_delivering", "units_delivered"),
    "state": (
        "transfers_supplied",
        "transfers_received",
        "units_supplied",
        "units_received",
    ),
}
"""The transfer columns of each unit, in order."""

NOT_ORDERED = "planned, not ordered"
UNKNOWN_DELIVERIES = "delivered in years not recorded"


def add(grid: Grid, dataset: Collection, years: range) -> None:
    """Add the transfer columns of ``grid.unit`` to the grid, and fill them in."""
    size = len(grid.year)
    for name in COLUMNS[grid.unit]:
        grid.counts[name] = array("q", bytes(8 * size))
    for transfer in dataset.transfers():
        if grid.unit == "dyad":
            _dyad_orders(grid, transfer, years)
            _dyad_deliveries(grid, transfer, years)
        else:
            _state_orders(grid, transfer, years)
            _state_deliveries(grid, transfer, years)


def _ordered_year(grid: Grid, transfer: Transfer, columns: Iterable[str]) -> int | None:
    """The year a transfer counts as ordered in, or None (and why, in ``left_out``)."""
    if transfer.status is TransferStatus.PLANNED:
        reason = NOT_ORDERED
    elif transfer.ordered is None:
        reason = UNDATED
    else:
        return transfer.ordered.year
    for column in columns:
        grid.skip(column, reason)
    return None


def _open_years(transfer: Transfer, years: range) -> range:
    """The years in which a transfer may have delivered without a record of it."""
    listed = transfer.deliveries
    if transfer.status is TransferStatus.DELIVERED and not listed:
        first = years.start if transfer.ordered is None else transfer.ordered.year
    elif transfer.status is TransferStatus.IN_DELIVERY:
        first = listed[-1].year + 1 if listed else years.start
        if transfer.ordered is not None:
            first = max(first, transfer.ordered.year)
    else:
        return range(0)
    return range(max(first, years.start), years.stop)


# Directed pairs ----------------------------------------------------------------------------


def _pair_row(grid: Grid, transfer: Transfer, year: int, column: str) -> int | None:
    """The dyad row of a transfer in a year: supplier first when directed; or None."""
    codes = grid.codes
    supplier = codes.of((transfer.supplier,), year)
    recipient = codes.of((transfer.recipient,), year)
    if not supplier or not recipient or supplier == recipient:
        grid.skip(column, OUTSIDE_SYSTEM)
        return None
    a, b = supplier[0], recipient[0]
    row = grid.row((a, b) if grid.directed else (min(a, b), max(a, b)), year)
    if row is None:
        grid.skip(column, OUTSIDE_SYSTEM)
    elif not grid.covered[column][row]:
        grid.skip(column, OUTSIDE_COVERAGE)
    return row


def _dyad_orders(grid: Grid, transfer: Transfer, years: range) -> None:
    column = "transfers_ordered"
    year = _ordered_year(grid, transfer, (column,))
    if year is None or year not in years:
        return
    row = _pair_row(grid, transfer, year, column)
    if row is not None:
        grid.counts[column][row] += 1


def _dyad_deliveries(grid: Grid, transfer: Transfer, years: range) -> None:
    deals, units = "transfers_delivering", "units_delivered"
    for delivery in transfer.deliveries:
        if delivery.year not in years:
            continue
        row = _pair_row(grid, transfer, delivery.year, deals)
        if row is None:
            continue
        grid.counts[deals][row] += 1
        if delivery.count is None:
            grid.unknown.setdefault(units, set()).add(row)
        else:
            grid.counts[units][row] += delivery.count
    for year in _open_years(transfer, years):
        found = grid.codes.of((transfer.supplier, transfer.recipient), year)
        if len(found) == 2:
            a, b = found
            row = grid.row((a, b) if grid.directed else (min(a, b), max(a, b)), year)
            if row is not None:
                for column in (deals, units):
                    grid.unknown.setdefault(column, set()).add(row)


# States ------------------------------------------------------------------------------------


def _state_row(grid: Grid, country: str, year: int, column: str) -> int | None:
    found = grid.codes.of((country,), year)
    row = grid.row((found[0],), year) if found else None
    if row is None:
        grid.skip(column, OUTSIDE_SYSTEM)
    elif not grid.covered[column][row]:
        grid.skip(column, OUTSIDE_COVERAGE)
    return row


def _state_orders(grid: Grid, transfer: Transfer, years: range) -> None:
    sides = (("transfers_supplied", transfer.supplier), ("transfers_received", transfer.recipient))
    year = _ordered_year(grid, transfer, (column for column, _ in sides))
    if year is None or year not in years:
        return
    for column, country in sides:
        row = _state_row(grid, country, year, column)
        if row is not None:
            grid.counts[column][row] += 1


def _state_deliveries(grid: Grid, transfer: Transfer, years: range) -> None:
    sides = (("units_supplied", transfer.supplier), ("units_received", transfer.recipient))
    for delivery in transfer.deliveries:
        if delivery.year not in years:
            continue
        for column, country in sides:
            row = _state_row(grid, country, delivery.year, column)
            if row is None:
                continue
            if delivery.count is None:
                grid.unknown.setdefault(column, set()).add(row)
            else:
                grid.counts[column][row] += delivery.count
    for year in _open_years(transfer, years):
        for column, country in sides:
            found = grid.codes.of((country,), year)
            row = grid.row((found[0],), year) if found else None
            if row is not None:
                grid.unknown.setdefault(column, set()).add(row)
