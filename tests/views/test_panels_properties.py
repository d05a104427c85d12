"""Properties of panels over generated datasets, checked against counts made the slow way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

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
    Period,
    StateSystem,
)
from defcoop import strategies as dst

SPAN = Period.parse("1990/1999")
YEARS = range(1990, 2000)
PANELS = settings(max_examples=max(10, settings.default.max_examples // 3))


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


# Half the datasets looked at every state all along; the others cover what their sources say.
WORLD = DatasetInfo(name="d", version="1", coverage=(Coverage(countries=(), period=SPAN),))
DATASETS = dst.datasets(
    dates=SPAN, sizes=st.integers(0, 8), countries=states(), info=st.sampled_from([None, WORLD])
)
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


def covered(db: Dataset, a: int, b: int, year: int, system: StateSystem) -> bool:
    for item in db.coverage:
        if not item.period.start.year <= year <= item.period.end.year:
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
        if row["events_occurred"] is None:
            continue
        found = expected(db, a, b, year, system)
        assert {name: row[name] for name in found} == found, (a, b, year)


@PANELS
@given(db=DATASETS)
def test_cells_outside_coverage_are_always_missing(db: Dataset) -> None:
    """A cell no coverage reaches has every count missing; a covered one has none missing,
    but for the mechanisms its records leave open."""
    panel = db.dyad_years(years=(1990, 1999), frame=False)
    unit = ("ccode1", "ccode2", "year", "stateabb1", "stateabb2", "framework")
    counts = [c for c in panel.columns if c not in unit]
    unknown = dict.fromkeys(DELIVERIES, 0)
    unknown["mechanisms_active"] = 0
    for row in panel:
        a, b, year = row["ccode1"], row["ccode2"], row["year"]
        inside = covered(db, a, b, year, StateSystem.COW)
        open_ = inside and mechanisms_active(db, a, b, year, StateSystem.COW) is None
        unknown["mechanisms_active"] += open_
        for name in DELIVERIES:  # deliveries may be unrecorded: tested in test_panel_transfers
            unknown[name] += inside and row[name] is None
        values = [
            row[name]
            for name in counts
            if not (open_ and name == "mechanisms_active")
            and (name not in DELIVERIES or not inside)
        ]
        assert all(v is not None for v in values) if inside else all(v is None for v in values)
        assert (row["mechanisms_active"] is None) is (not inside or open_)
    assert {name: panel.metadata["unknown"].get(name, 0) for name in unknown} == unknown


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
        if row["events_occurred"] is None:
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
