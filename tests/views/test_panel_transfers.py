"""The arms-transfer columns of panels: directed counts, units, and never a false number."""

from __future__ import annotations

import bisect
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from _helpers import WHOLE_DATASETS, with_transfers
from defcoop import Dataset, Delivery, Period, StateSystem, Transfer, TransferStatus
from defcoop import strategies as dst

RUSSIA, VIETNAM = 365, 816
COLUMNS = ("transfers_ordered", "transfers_delivering", "units_delivered")


def cells(panel: Any, first: int, second: int) -> dict[int, tuple[Any, ...]]:
    """The transfer columns of one pair (in its row's order), by year.

    Its rows are found by bisection, as rows come in the order of the codes, then the year
    (the panel's docstring): a scan would build every row of a panel of all COW dyads."""
    pair = (first, second)
    start = bisect.bisect_left(panel, pair, key=lambda row: (row["ccode1"], row["ccode2"]))
    found: dict[int, tuple[Any, ...]] = {}
    for index in range(start, len(panel)):
        row = panel[index]
        if (row["ccode1"], row["ccode2"]) != pair:
            break
        found[row["year"]] = tuple(row[name] for name in COLUMNS)
    return found


def test_directed_rows_count_what_the_first_state_supplied_the_second() -> None:
    """Orders in their year, deals delivering and their units; unknown units stay missing."""
    panel = with_transfers().dyad_years(years="2012/2017", directed=True, frame=False)
    assert cells(panel, RUSSIA, VIETNAM) == {
        2012: (0, 0, 0),
        2013: (1, 1, 2),  # the Su-30MK2 order; two submarines delivered
        2014: (0, 2, None),  # a delivery of fighters without a count: no sum can be exact
        2015: (0, 2, None),
        2016: (0, 2, 3),
        2017: (0, 0, 0),
    }
    assert cells(panel, VIETNAM, RUSSIA)[2015] == (1, 0, 0)  # the overhaul Vietnam sold


def test_non_directed_rows_add_both_directions() -> None:
    """Without direction, a pair's row holds what went either way."""
    panel = with_transfers().dyad_years(years="2015", frame=False)
    assert cells(panel, RUSSIA, VIETNAM) == {2015: (1, 2, None)}
    assert panel.metadata["unknown"]["units_delivered"] == 1


def test_transfers_without_an_order_date_are_left_out_and_counted() -> None:
    """A deal not ordered (planned) or without an order date is counted in ``left_out``."""
    db = with_transfers()
    kilo = db.get("rus-vnm-project-636-1-2009", Transfer)
    planned = attrs.evolve(kilo, id="planned", status=TransferStatus.PLANNED, deliveries=())
    undated = attrs.evolve(kilo, id="undated", ordered=None)
    panel = Dataset.from_records([*db, planned, undated]).dyad_years(years="2013", frame=False)
    assert panel.left_out["transfers_ordered"] == {"planned, not ordered": 1, "undated": 1}


def test_a_deal_delivered_in_unrecorded_years_leaves_its_delivery_cells_unknown() -> None:
    """Delivered with no delivery years listed: from its order on, deliveries are unknown."""
    db = with_transfers()
    kilo = db.get("rus-vnm-project-636-1-2009", Transfer)
    vague = attrs.evolve(kilo, id="vague", ordered=kilo.ordered, deliveries=())
    panel = Dataset.from_records([*db, vague]).dyad_years(
        years="2008/2012", directed=True, frame=False
    )
    found = cells(panel, RUSSIA, VIETNAM)
    assert found[2009][1:] == (None, None)
    assert found[2012] == (0, None, None)
    assert found[2008] == (0, 0, 0)  # before the order: known


def test_state_years_count_what_each_state_supplied_and_received() -> None:
    """A state-year counts orders and units by side, with the state's own coverage."""
    db = with_transfers()  # its coverage is of pairs: the states' own cells are not covered
    rows = {
        (row["ccode"], row["year"]): row
        for row in db.state_years(years="2013", frame=False)
        if row["ccode"] in (RUSSIA, VIETNAM)
    }
    assert rows[(RUSSIA, 2013)]["transfers_supplied"] is None
    world = _covering_every_state(db)
    rows = {
        (row["ccode"], row["year"]): row
        for row in world.state_years(years="2013", frame=False)
        if row["ccode"] in (RUSSIA, VIETNAM)
    }
    russia, vietnam = rows[(RUSSIA, 2013)], rows[(VIETNAM, 2013)]
    assert (russia["transfers_supplied"], russia["transfers_received"]) == (1, 0)
    assert (vietnam["transfers_supplied"], vietnam["transfers_received"]) == (0, 1)
    assert (russia["units_supplied"], vietnam["units_received"]) == (2, 2)


def _covering_every_state(db: Dataset) -> Dataset:
    """``db`` with a dataset-wide coverage of every state over 1990-2025, resting on a
    search and a source published at its end."""
    from defcoop import Coverage, DatasetInfo, PartialDate, Search, Source

    span = Period.parse("1990/2025")
    watch = Source(id="watch", language="en", paragraphs=1, published=PartialDate(2025))
    looked = Search(
        id="looked",
        collections=("everything",),
        queries=("arms",),
        languages=("en",),
        years=span,
        done=PartialDate(2026),
    )
    claim = Coverage(countries=(), period=span, search="looked", sources=("watch",))
    info = DatasetInfo(name="with transfers", version="1", coverage=(claim,))
    return Dataset.from_records([*db, watch, looked], info=info)


SPAN = Period.parse("1990/1999")


@settings(max_examples=WHOLE_DATASETS)  # whole datasets: see _helpers.WHOLE_DATASETS
@given(dst.datasets(dates=SPAN, sizes=st.integers(0, 5)))
def test_each_directed_transfer_count_is_the_deals_in_its_cell(db: Dataset) -> None:
    """In a covered directed cell, each transfer column is what the deals from the first
    state to the second give that year, and missing exactly where a count is not known."""
    panel = db.dyad_years(years=(1990, 1999), directed=True, system=StateSystem.COW, frame=False)
    code = {c.cow_code: c.code for c in db.countries if c.cow_code is not None}
    for row in panel:
        cell = panel.cell(row["ccode1"], row["ccode2"], row["year"])
        if not cell.covered["transfers_ordered"]:  # no claim for transfers reaches the cell
            assert all(row[name] is None for name in COLUMNS)
            continue
        supplier, recipient, year = code[row["ccode1"]], code[row["ccode2"]], row["year"]
        deals = db.transfers(supplier=supplier, recipient=recipient)
        ordered = [
            t
            for t in deals
            if t.ordered and t.ordered.year == year and t.status is not TransferStatus.PLANNED
        ]
        assert row["transfers_ordered"] == len(ordered)
        delivering = [d for t in deals for d in t.deliveries if d.year == year]
        open_ = any(_may_have_delivered(t, year) for t in deals)
        if open_:
            assert row["transfers_delivering"] is None
            assert row["units_delivered"] is None
            continue
        assert row["transfers_delivering"] == len(delivering)
        units = [d.count for d in delivering]
        assert row["units_delivered"] == (None if None in units else sum(units))


def _may_have_delivered(transfer: Transfer, year: int) -> bool:
    """Whether a deal may have delivered in ``year`` without a record of it."""
    start = transfer.ordered.year if transfer.ordered else 1990
    if transfer.status is TransferStatus.DELIVERED and not transfer.deliveries:
        return year >= start
    if transfer.status is TransferStatus.IN_DELIVERY:
        last = transfer.deliveries[-1].year if transfer.deliveries else start - 1
        return year > last and year >= start
    return False


def test_a_lower_bound_never_reads_as_a_count() -> None:
    """Two deliveries in one cell, one without its count: the units are missing, not 4."""
    db = with_transfers()
    kilo = db.get("rus-vnm-project-636-1-2009", Transfer)
    another = attrs.evolve(kilo, id="another", deliveries=(Delivery(year=2013),))
    panel = Dataset.from_records([*db, another]).dyad_years(
        years="2013", directed=True, frame=False
    )
    assert cells(panel, RUSSIA, VIETNAM)[2013] == (1, 2, None)
