"""Dyad-year and state-year panels of the bundled data and of small datasets built here."""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

import attrs
import pytest

import defcoop
from defcoop import (
    Citation,
    Country,
    Coverage,
    Dataset,
    DatasetInfo,
    Event,
    EventKind,
    Mechanism,
    Membership,
    PartialDate,
    Period,
    QueryError,
    Source,
    StateSystem,
    UnknownNameError,
)
from defcoop.views.panels import Panel


def cell(panel: Panel, *key: int) -> dict[str, Any]:
    """The row of a panel for (ccode1, ccode2, year) or (ccode, year).

    Found by bisection, as rows come in the order of the unit's codes, then the year (as the
    panel's docstring says): a scan would build every row of a panel of all COW dyads.
    """
    index = bisect.bisect_left(panel, key, key=lambda row: tuple(row.values())[: len(key)])
    row = panel[index]
    assert tuple(row.values())[: len(key)] == key, f"no row {key}"
    return row


def test_vietnam_belarus_2018_counts_what_the_source_reports(db: Dataset) -> None:
    """2018: Ravkov's visit with its talks, reception and signing, the commission's 17th
    session; the two documents signed then; five agreements in force, three of them with no
    known end, one of them standing for several (a lower bound)."""
    panel = db.dyad_years(years="2008/2020", frame=False)
    belarus = cell(panel, 370, 816, 2018)
    assert (belarus["agreements_signed"], belarus["events_occurred"], belarus["visits"]) == (
        2,
        5,
        1,
    )
    assert (belarus["agreements_in_force"], belarus["multilateral_events"]) == (5, 0)
    assert (belarus["agreements_in_force_open"], belarus["agreements_in_force_lb"]) == (3, True)
    assert belarus["agreements_signed_lb"] is False
    assert belarus["field_military_science"] == 1
    assert belarus["field_military_medicine"] == 0


def test_vietnam_russia_counts_are_the_records_of_the_year(db: Dataset) -> None:
    """2018: the two ministers' visits, and as many events as the data dates to 2018."""
    row = cell(db.dyad_years(years="2018", frame=False), 365, 816, 2018)
    assert row["visits"] == 2  # Shoigu in Vietnam, Lich in Russia
    dated = list(db.events(party="RUS", when="2018", status="occurred"))
    assert row["events_occurred"] == sum(e.count or 1 for e in dated if not e.several or e.count)
    assert row["multilateral_events"] >= 1  # the Moscow Conference on International Security


def test_cells_no_source_looked_at_are_missing_not_zero(db: Dataset) -> None:
    """Nobody looked at China-Vietnam, nor at Vietnam-Belarus in 2008 or 2022."""
    panel = db.dyad_years(years="2008/2022", frame=False)
    for key in ((710, 816, 2018), (370, 816, 2022), (370, 816, 2008)):
        row = cell(panel, *key)
        assert row["events_occurred"] is None
        assert row["field_defense_cooperation"] is None
    assert cell(panel, 365, 816, 2010)["agreements_signed"] == 0  # covered, nothing signed


def test_years_only_retrospectives_mentioned_are_missing(db: Dataset) -> None:
    """Vietnam-Belarus 2010, 2012 and 2016 were only recalled, by retrospectives and later
    reports: every count there is missing, not 0."""
    panel = db.dyad_years(years="2008/2022", frame=False)
    for key in ((370, 816, 2010), (370, 816, 2012), (370, 816, 2016)):
        row = cell(panel, *key)
        assert all(row[name] is None for name in panel.metadata["counted"]), key
    # The other years the retrospectives claimed are covered by reports of the same year.
    for pair, year in (
        (("VNM", "RUS"), 2011),
        (("VNM", "RUS"), 2014),
        (("VNM", "BLR"), 2013),
        (("VNM", "BLR"), 2015),
    ):
        found = [
            claim
            for claim in db.claims
            if set(claim.countries) <= set(pair)
            and claim.period.start.year <= year <= claim.period.end.year
        ]
        assert found, (pair, year)
        for claim in found:
            source = db.get(claim.sources[0], Source)
            dated = source.published or source.accessed
            assert dated is not None
            assert claim.period.latest <= dated.latest


def test_a_claim_for_some_kinds_covers_only_the_columns_counting_them() -> None:
    """A claim for visits alone counts visits and leaves every other column missing."""
    db = _two_states(
        _visit("a", "2001", actor="AAA", recipient="BBB"),
        coverage=(
            Coverage(
                countries=("AAA", "BBB"), period=Period.parse("2001"), records=["events:visit"]
            ),
        ),
    )
    panel = db.dyad_years(years="2001", frame=False)
    row = cell(panel, 10, 20, 2001)
    assert row["visits"] == 1
    assert row["events_occurred"] is None
    assert row["agreements_signed"] is None
    assert panel.metadata["counted"]["visits"] == "events:visit"
    assert panel.metadata["left_out"]["events_occurred"] == {
        "only in cells outside the declared coverage": 1
    }


def test_what_cannot_be_put_in_a_year_is_left_out_and_counted(db: Dataset) -> None:
    """Undated records and spans of years are counted by column and reason; several with no
    number are not left out but counted as lower bounds."""
    left = db.dyad_years(years="2008/2020", frame=False).left_out
    assert left["events_occurred"]["dated only to a span of more than one year"] >= 1
    assert left["events_occurred"]["undated"] >= 1  # the press and media delegations
    undated = [a for a in db.agreements() if a.signed is None]
    # The 2012 Vietnam-Belarus agreements, recalled by a later report, fall in a year that
    # no claim for agreements reaches.
    outside = {"only in cells outside the declared coverage": 1}
    assert left["agreements_signed"] == {"undated": len(undated), **outside}
    never = [a for a in undated if a.entered_into_force is None and a.period is None]
    reason = "no date it was signed or entered into force"
    assert left["agreements_in_force"] == {reason: len(never)}
    assert "mechanisms_active" not in left  # every bundled mechanism has a period
    unstarted = [r for r in db.relationships() if r.framework and not r.framework_since]
    assert left["framework"] == {"no date the framework began": len(unstarted)}


def test_directed_panels_say_who_visited_whom(db: Dataset) -> None:
    """Directed rows run both ways; visits count from the first state to the second."""
    panel = db.dyad_years(years="2018", directed=True, frame=False)
    visits = sorted((r["ccode1"], r["ccode2"]) for r in panel if r["visits"])
    assert visits == [(365, 816), (370, 816), (816, 365)]
    assert len(panel) == 2 * len(db.dyad_years(years="2018", frame=False))


def test_non_directed_rows_keep_the_lower_code_first(db: Dataset) -> None:
    """ccode1 < ccode2 in every row, each pair once a year, ordered by codes then year."""
    rows = [
        (r["ccode1"], r["ccode2"], r["year"]) for r in db.dyad_years(years="1990/1992", frame=False)
    ]
    assert all(a < b for a, b, _ in rows)
    assert rows == sorted(set(rows))


def test_the_soviet_union_and_russia_are_one_cow_state(db: Dataset) -> None:
    """COW code 365 runs through 1991: the state system has no gap, and SUN maps to 365."""
    states = db.state_years(years="1991/1992", frame=False)
    assert [r["year"] for r in states if r["ccode"] == 365] == [1991, 1992]
    assert not [r for r in states if r["ccode"] == 370 and r["year"] < 1991]


def test_gleditsch_ward_codes_follow_their_own_list(db: Dataset) -> None:
    """GW numbers Germany 260 after 1990 (COW: 255) and counts Serbia as 340 after 2006."""
    panel = db.state_years(years="2000", system="gw", frame=False)
    codes = {r["gwcode"] for r in panel}
    assert {260, 816, 365} <= codes
    assert 255 not in codes
    assert panel.columns[:2] == ("gwcode", "year")


def test_state_years_are_covered_only_by_a_state_s_own_coverage(db: Dataset) -> None:
    """The bundled sources look at pairs, not at all of any state's ties: all missing."""
    panel = db.state_years(years="2018", frame=False)
    assert all(r["events_occurred"] is None for r in panel)


def test_frames_have_nullable_integers_and_metadata(db: Dataset) -> None:
    """to_frame(): Int64 codes and counts, <NA> outside coverage, the panel's metadata."""
    frame = db.dyad_years(years="2018")  # pandas is installed: a DataFrame straight away
    assert frame.equals(db.dyad_years(years="2018", frame=False).to_frame())
    assert str(frame["ccode1"].dtype) == "Int64"
    assert str(frame["visits"].dtype) == "Int64"
    assert frame["visits"].isna().sum() == len(frame) - 2
    assert frame.attrs["unit"] == "dyad-year"
    assert frame.attrs["system"] == "cow"
    assert frame.attrs["years"] == [2018, 2018]
    assert frame.attrs["data_version"] == db.info.version  # type: ignore[union-attr]
    assert any(re.fullmatch(r"VNM-RUS \d{4}\u20132025", c) for c in frame.attrs["coverage"])
    # In 2018 both dyads' mechanisms were at work: only a deal delivered in years its sources
    # leave unrecorded can leave a cell unknown (its delivery columns).
    assert "mechanisms_active" not in frame.attrs["unknown"]
    assert set(frame.attrs["unknown"]) <= {"transfers_delivering", "units_delivered"}
    assert frame["mechanisms_active"].isna().sum() == len(frame) - 2


def test_mechanisms_count_over_their_period_and_are_unknown_around_it(db: Dataset) -> None:
    """Vietnam-Russia: three mechanisms at work 2018-2021; before 2018 one of them (the working
    group, its founding undated) and after June 2021 another (the committee, no later report)
    may have been at work unreported, so those covered cells are missing, not a guess."""
    panel = db.dyad_years(years="2008/2025", frame=False)
    active = {year: cell(panel, 365, 816, year)["mechanisms_active"] for year in range(2008, 2026)}
    assert {year: active[year] for year in range(2018, 2022)} == dict.fromkeys(range(2018, 2022), 3)
    assert all(active[year] is None for year in (*range(2008, 2018), *range(2022, 2026)))
    assert cell(panel, 365, 816, 2012)["events_occurred"] is not None  # covered all the same
    assert panel.metadata["unknown"]["mechanisms_active"] >= 14
    assert [cell(panel, 370, 816, y)["mechanisms_active"] for y in (2018, 2019)] == [1, 1]


def test_a_founding_date_makes_the_years_before_it_known_zeros(db: Dataset) -> None:
    """Given a founding date for the working group, the years before it are plain counts."""
    group = attrs.evolve(
        db.get("vnm-rus-defense-working-group", Mechanism), founded=PartialDate(2018, 9)
    )
    records = [group if r.id == group.id else r for r in db]
    panel = Dataset.from_records(records, info=db.info).dyad_years(years="2008/2021", frame=False)
    active = [cell(panel, 365, 816, y)["mechanisms_active"] for y in (2008, 2013, 2017, 2021)]
    assert active == [1, 2, 2, 3]  # the committee from 1999, the dialogue from December 2013


def test_rows_are_plain_values_without_pandas(db: Dataset, hide_module: Any) -> None:
    """Without pandas a panel is still plain rows; to_frame() names the extra to install."""
    hide_module("pandas")
    panel = db.dyad_years(years="2018")
    assert isinstance(panel, Panel)
    assert isinstance(panel[0], dict)
    assert json.loads(json.dumps(panel[-1]))["year"] == 2018
    assert isinstance(db.state_years(years="2018"), Panel)
    with pytest.raises(defcoop.MissingExtraError, match="pandas"):
        panel.to_frame()
    with pytest.raises(defcoop.MissingExtraError, match="pandas"):
        db.dyad_years(years="2018", frame=True)


def test_bad_arguments_say_what_is_expected(db: Dataset) -> None:
    """Unreadable years and unknown systems raise, naming what would do."""
    with pytest.raises(defcoop.ArgumentError, match="expects frame=True, False or None"):
        db.dyad_years(years="2018", frame="yes")  # type: ignore[call-overload]
    with pytest.raises(QueryError, match="must end"):
        db.dyad_years(years="2008/..", frame=False)
    with pytest.raises(QueryError, match="years"):
        db.dyad_years(years="twenty", frame=False)
    with pytest.raises(UnknownNameError, match="'cow'"):
        db.dyad_years(years="2018", system="cw", frame=False)


def _two_states(*events: Event, coverage: tuple[Coverage, ...] = ()) -> Dataset:
    span = Period.parse("2000/..")
    states = [
        Country(
            code=code,
            name=name,
            cow_code=number,
            memberships=[Membership(system=StateSystem.COW, code=number, period=span)],
        )
        for code, name, number in (("AAA", "Aland", 10), ("BBB", "Bland", 20))
    ]
    source = Source(
        id="s", language="en", paragraphs=1, published=PartialDate(2002), coverage=coverage
    )
    info = DatasetInfo(name="t", version="1")
    return Dataset.from_records([source, *states, *events], info=info)


def _visit(record_id: str, when: str, **details: Any) -> Event:
    return Event(
        id=record_id,
        title="A visit",
        kind=EventKind.VISIT,
        when=Period.parse(when),
        parties=("AAA", "BBB"),
        sources=(Citation(source="s", paragraph=1),),
        **details,
    )


def test_a_count_weighs_a_record_that_stands_for_several() -> None:
    """A record of three visits counts three; one of several, number not given, one at least:
    its cells are lower bounds."""
    db = _two_states(
        _visit("a", "2001", several=True, count=3, actor="AAA", recipient="BBB"),
        _visit("b", "2001", several=True),
        _visit("c", "2001-05", actor="BBB", recipient="AAA"),
        coverage=(Coverage(countries=("AAA",), period=Period.parse("2001")),),
    )
    row = cell(db.dyad_years(years="2001", directed=True, frame=False), 10, 20, 2001)
    assert (row["events_occurred"], row["visits"]) == (5, 3)
    assert (row["events_occurred_lb"], row["visits_lb"]) == (True, False)
    assert cell(db.dyad_years(years="2001", frame=False), 10, 20, 2001)["visits"] == 4
    assert db.dyad_years(years="2001", frame=False).left_out == {
        "visits": {"a visit without actor and recipient": 1}
    }
    states = db.state_years(years="2001", frame=False)
    assert (cell(states, 10, 2001)["visits_made"], cell(states, 10, 2001)["visits_received"]) == (
        3,
        1,
    )
    assert cell(states, 20, 2001)["visits_made"] is None  # only AAA's ties were looked at


def test_csv_leaves_a_missing_count_empty(db: Dataset) -> None:
    """CSV text: a header, then rows; a missing count is an empty cell, a zero is 0, a
    lower-bound flag true or false."""
    lines = db.dyad_years(years="2018", frame=False).to_csv().splitlines()
    assert lines[0].startswith("ccode1,ccode2,year,stateabb1,stateabb2,agreements_signed")
    assert any(
        line.startswith("370,816,2018,BLR,DRV,2,5,3,5,0,1,0,1,0,0,0,false,true,true,")
        for line in lines
    )
    assert any(line.startswith("2,20,2018,USA,CAN,,,") for line in lines)
