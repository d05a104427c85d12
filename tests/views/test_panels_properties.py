"""Properties of panels over generated datasets, checked against counts made the slow way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from _helpers import WHOLE_DATASETS
from defcoop import (
    Agreement,
    Country,
    Coverage,
    Dataset,
    DatasetInfo,
    Event,
    EventKind,
    EventStatus,
    Membership,
    PartialDate,
    Period,
    Search,
    Source,
    StateSystem,
)
from defcoop import strategies as dst

SPAN = Period.parse("1990/1999")
YEARS = range(1990, 2000)
PANELS = settings(max_examples=WHOLE_DATASETS)  # whole datasets: see _helpers.WHOLE_DATASETS


@st.composite
def states(draw: st.DrawFn) -> list[Country]:
    """Two to four states, members of both systems for some or all of the years."""
    numbers = draw(st.lists(st.integers(2, 999), min_size=2, max_size=4, unique=True))
    found = []
    for i, number in enumerate(numbers):
        start, end = draw(st.integers(1990, 1994)), draw(st.integers(1995, 1999))
        memberships = [
            Membership(system=StateSystem.COW, code=number, period=Period.parse(f"{start}/{end}")),
            Membership(system=StateSystem.GW, code=number + 1000, period=SPAN),
        ]
        code = "ABCD"[i] * 3
        found.append(
            Country(code=code, name=f"State {code}", cow_code=number, memberships=memberships)
        )
    return found


# Half the datasets looked at every state all along, by a search; the others cover what their
# sources say.
WATCH = Source(id="watch", language="en", paragraphs=1, published=PartialDate(2000))
LOOKED = Search(
    id="looked",
    collections=("everything",),
    queries=("defence",),
    languages=("en",),
    years=SPAN,
    done=PartialDate(2000),
)
WORLD = DatasetInfo(
    name="d",
    version="1",
    coverage=(Coverage(countries=(), period=SPAN, search="looked", sources=("watch",)),),
)


@st.composite
def panel_datasets(draw: st.DrawFn) -> Dataset:
    """Generated datasets of two to four states, half of them covered everywhere by WORLD."""
    db = draw(dst.datasets(dates=SPAN, sizes=st.integers(0, 8), countries=states()))
    if draw(st.booleans()):
        return Dataset.from_records([*db, WATCH, LOOKED], info=WORLD)
    return db


DATASETS = panel_datasets()
YEARS_ARG = "1990/1999"
# Arms transfers go from supplier to recipient; their delivery columns may be unknown.
DIRECTED = ("transfers_ordered", "transfers_delivering", "units_delivered")
DELIVERIES = ("transfers_delivering", "units_delivered")


def code(db: Dataset, party: str, year: int, system: StateSystem) -> int | None:
    """A party's code in a year, read straight from its memberships."""
    for item in db.get(party).memberships:  # type: ignore[union-attr]
        end = YEARS.stop - 1 if item.period.open else item.period.end.year
        if item.system == system and item.period.start.year <= year <= end:
            return item.code
    return None


def codes(db: Dataset, parties: Iterable[str], year: int, system: StateSystem) -> set[int]:
    found = (code(db, party, year, system) for party in parties)
    return {c for c in found if c is not None}


def weight(record: Agreement | Event) -> int:
    """A record's weight in a cell: its count, or one (at least) where several are not counted."""
    return record.count or 1


def lower(record: Agreement | Event) -> bool:
    """Whether a record makes its cells lower bounds: several, with no number given."""
    return record.several and record.count is None


def in_force(agreement: Agreement, year: int) -> bool | None:
    """Whether an agreement counts in force in a year: True, False, or None where it counts so
    only because no source gives its end (from entry into force, or signing, onward)."""
    period = agreement.period
    start = period.start if period else agreement.entered_into_force or agreement.signed
    if start is None or year < start.year:
        return False
    end = agreement.ended or (period.end if period and not period.open else None)
    if end is None:
        return None
    return year <= end.year


def mechanisms_active(db: Dataset, a: int, b: int, year: int, system: StateSystem) -> int | None:
    """The mechanisms of (a, b) at work in the year; None where one may have been unreported."""
    active = 0
    for mechanism in db.mechanisms():
        if not {a, b} <= codes(db, mechanism.parties, year, system):
            continue
        period, founded = mechanism.period, mechanism.founded
        end = YEARS.stop - 1 if period is None or period.open else period.end.year
        if period is not None and period.start.year <= year <= end:
            active += 1
        elif founded is None or founded.year <= year:
            return None
    return active


COUNTED = (
    "agreements_signed",
    "agreements_in_force",
    "agreements_in_force_open",
    "events_occurred",
    "events_planned",
    "visits",
    "multilateral_events",
)


def expected(db: Dataset, a: int, b: int, year: int, system: StateSystem) -> dict[str, Any]:
    """Every count of the non-directed cell (a, b, year) and its lower-bound flag, record by
    record."""
    counts: dict[str, Any] = dict.fromkeys(COUNTED, 0)
    counts.update(dict.fromkeys((f"{name}_lb" for name in COUNTED), False))

    def add(column: str, record: Agreement | Event) -> None:
        counts[column] += weight(record)
        counts[f"{column}_lb"] = counts[f"{column}_lb"] or lower(record)

    for agreement in db.agreements():
        if agreement.kind == "contract" or not {a, b} <= codes(db, agreement.parties, year, system):
            continue
        if agreement.signed is not None and agreement.signed.year == year:
            add("agreements_signed", agreement)
        force = in_force(agreement, year)
        if force is not False:
            add("agreements_in_force", agreement)
        if force is None:
            add("agreements_in_force_open", agreement)
    for event in db.events():
        when = event.when
        if when is None or not when.start.year == when.end.year == year:
            continue
        if {a, b} <= codes(db, event.parties, year, system):
            occurred = event.status is EventStatus.OCCURRED
            add("events_occurred" if occurred else "events_planned", event)
            if event.multilateral:
                add("multilateral_events", event)
        visit = event.kind is EventKind.VISIT and event.status is EventStatus.OCCURRED
        if visit and event.actor and event.recipient:
            sides = (
                code(db, event.actor, year, system),
                code(db, event.recipient, year, system),
            )
            if set(sides) == {a, b} and sides[0] != sides[1]:
                add("visits", event)
    counts["mechanisms_active"] = mechanisms_active(db, a, b, year, system)
    return counts


def vouches(claim: Coverage, counted: str) -> bool:
    """Whether a claim vouches for what a column counts (``"events"``, ``"events:visit"``)."""
    words = counted.split(", ")
    key = words[0].split(":")[0]
    return not claim.records or key in claim.records or set(words) <= claim.records


def covered(db: Dataset, a: int, b: int, year: int, system: StateSystem, counted: str) -> bool:
    """Whether a claim reaches the cell (a, b, year) and vouches for what a column counts."""
    for item in db.coverage:
        if not item.period.start.year <= year <= item.period.end.year:
            continue
        if not vouches(item, counted):
            continue
        found = codes(db, item.countries, year, system)
        if not item.countries or (len(item.countries) == 1 and found & {a, b}):
            return True
        if len(item.countries) == 2 and found == {a, b}:
            return True
    return False


@PANELS
@given(db=DATASETS, system=st.sampled_from(StateSystem))
def test_each_count_is_the_records_in_its_cell(db: Dataset, system: StateSystem) -> None:
    """Each count of a covered cell is the number of records that fall in that dyad-year."""
    for row in db.dyad_years(years=(1990, 1999), system=system, frame=False):
        a, b = list(row.values())[:2]  # ccode1 and ccode2, or gwcode1 and gwcode2
        year = row["year"]
        assert a < b
        found = expected(db, a, b, year, system)
        shown = {name: row[name] for name in found if row[name] is not None}
        assert shown == {name: found[name] for name in shown}, (a, b, year)


@PANELS
@given(db=DATASETS)
def test_cells_outside_coverage_are_always_missing(db: Dataset) -> None:
    """A cell no claim vouching for a column reaches has that column missing; a covered one
    has it counted, but for the mechanisms its records leave open."""
    panel = db.dyad_years(years=(1990, 1999), frame=False)
    counted = panel.metadata["counted"]
    unknown = dict.fromkeys(DELIVERIES, 0)
    unknown["mechanisms_active"] = 0
    for row in panel:
        a, b, year = row["ccode1"], row["ccode2"], row["year"]
        for name, what in counted.items():
            inside = covered(db, a, b, year, StateSystem.COW, what)
            if name in DELIVERIES:  # deliveries may be unrecorded: see test_panel_transfers
                unknown[name] += inside and row[name] is None
                assert inside or row[name] is None, (name, a, b, year)
                continue
            open_ = (
                name == "mechanisms_active"
                and inside
                and mechanisms_active(db, a, b, year, StateSystem.COW) is None
            )
            unknown["mechanisms_active"] += open_
            assert (row[name] is None) is (not inside or open_), (name, a, b, year)
            if name + "_lb" in row:  # a lower-bound flag is missing where its count is
                assert (row[name + "_lb"] is None) is (row[name] is None), (name, a, b, year)
    assert {name: panel.metadata["unknown"].get(name, 0) for name in unknown} == unknown


def reaches(found: set[int], claim: Coverage, units: list[int]) -> bool:
    """Whether a claim of countries coded ``found`` reaches a row of ``units`` (one state or
    a dyad): every state, one state of the row, or the row's very dyad."""
    if not claim.countries:
        return True
    if len(claim.countries) == 1:
        return bool(found) and found <= set(units)
    return len(units) == 2 and found == set(units)


@PANELS
@given(db=DATASETS, directed=st.booleans())
def test_no_zero_where_no_claim_vouches_for_the_column(db: Dataset, directed: bool) -> None:
    """No cell reads 0 (or any count) in a column whose record type or kind no claim vouches
    for in that cell: there, nobody looked for those records."""
    for panel in (
        db.dyad_years(years=(1990, 1999), directed=directed, frame=False),
        db.state_years(years=(1990, 1999), frame=False),
    ):
        for row in panel:
            year = row["year"]
            units = [row["ccode1"], row["ccode2"]] if "ccode1" in row else [row["ccode"]]
            for name, what in panel.metadata["counted"].items():
                if row[name] is None:
                    continue
                reached = any(
                    vouches(claim, what)
                    and claim.period.start.year <= year <= claim.period.end.year
                    and reaches(codes(db, claim.countries, year, StateSystem.COW), claim, units)
                    for claim in db.coverage
                )
                assert reached, (name, units, year)


@PANELS
@given(db=DATASETS)
def test_directed_and_non_directed_panels_agree(db: Dataset) -> None:
    """Summed over both directions, the directed visits and transfers are the non-directed
    ones; every other count is the same in both directions and in the non-directed row."""
    undirected = {
        (r["ccode1"], r["ccode2"], r["year"]): r
        for r in db.dyad_years(years=YEARS_ARG, frame=False)
    }
    directed = {
        (r["ccode1"], r["ccode2"], r["year"]): r
        for r in db.dyad_years(years=YEARS_ARG, directed=True, frame=False)
    }
    assert len(directed) == 2 * len(undirected)
    for (a, b, year), row in undirected.items():
        there, back = directed[(a, b, year)], directed[(b, a, year)]
        if row["visits"] is None:
            assert there["visits"] is None
            assert back["visits"] is None
            continue
        assert there["visits"] + back["visits"] == row["visits"]
        assert (there["visits_lb"] or back["visits_lb"]) == row["visits_lb"]
        for name in DIRECTED:  # unknown both ways where unknown either way; else summed
            if there[name] is None or back[name] is None:
                assert row[name] is None, name
            else:
                assert there[name] + back[name] == row[name], name
        skipped = ("ccode1", "ccode2", "stateabb1", "stateabb2", "visits", "visits_lb", *DIRECTED)
        for name, value in row.items():
            if name not in skipped:
                assert there[name] == back[name] == value, name


@PANELS
@given(db=DATASETS)
def test_state_years_count_each_record_once_per_state(db: Dataset) -> None:
    """A state-year's visits made and received are the visits with that state as actor or
    recipient; its events are those with the state among the parties."""
    for row in db.state_years(years=YEARS_ARG, frame=False):
        if row["visits_made"] is None:
            continue
        state, year = row["ccode"], row["year"]
        made = received = 0
        for event in db.events(kind="visit", status="occurred"):
            w, when = weight(event), event.when
            if when is None or not when.start.year == when.end.year == year:
                continue
            if event.actor and event.recipient:
                made += w if code(db, event.actor, year, StateSystem.COW) == state else 0
                received += w if code(db, event.recipient, year, StateSystem.COW) == state else 0
        assert (row["visits_made"], row["visits_received"]) == (made, received)


def dated_in(record: Agreement | Event, year: int) -> str | None:
    """The column a record dated in ``year`` counts in: an agreement's signing, an event's
    single year (None for an agreement not signed then, an arms contract, an event of a span)."""
    if isinstance(record, Agreement):
        signed = record.signed is not None and record.signed.year == year
        return "agreements_signed" if signed and record.kind != "contract" else None
    when = record.when
    if when is None or not when.start.year == when.end.year == year:
        return None
    return "events_occurred" if record.status is EventStatus.OCCURRED else "events_planned"


@PANELS
@given(db=DATASETS, system=st.sampled_from(StateSystem))
def test_a_cell_with_a_record_of_its_year_never_reads_zero(
    db: Dataset, system: StateSystem
) -> None:
    """No dyad-year or state-year whose parties have a record dated in that year reads 0 in
    that record's column: it reads a count, a lower bound, or missing."""
    dyads = db.dyad_years(years=YEARS_ARG, system=system, frame=False)
    states = db.state_years(years=YEARS_ARG, system=system, frame=False)
    dyad_rows = {tuple(row.values())[:3]: row for row in dyads}
    state_rows = {tuple(row.values())[:2]: row for row in states}
    for record in [*db.agreements(), *db.events()]:
        for year in YEARS:
            column = dated_in(record, year)
            if column is None:
                continue
            found = sorted(codes(db, record.parties, year, system))
            cells = [dyad_rows.get((a, b, year)) for a in found for b in found if a < b]
            cells += [state_rows.get((a, year)) for a in found]
            for row in cells:
                if row is not None:
                    assert row[column] != 0, (record.id, column, row)
