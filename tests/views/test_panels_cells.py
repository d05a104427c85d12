"""What panels say of single cells: lower bounds, agreements in force, filters, Panel.cell,
the years a panel may reach and the columns it may write."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from defcoop import (
    Agreement,
    AgreementEnding,
    AgreementKind,
    ArgumentError,
    Citation,
    Country,
    Coverage,
    DataError,
    Dataset,
    DatasetInfo,
    Field,
    Membership,
    PartialDate,
    Period,
    QueryError,
    Search,
    Source,
    StateSystem,
)
from defcoop.views.panels import Panel

ALL = Coverage(
    countries=(), period=Period.parse("2000/2010"), search="looked-for", sources=("watch",)
)
"""Every state over 2000-2010, resting on a search (a dataset's claim must)."""


def cell(panel: Panel, *key: int) -> dict[str, Any]:
    """The row of a small panel for (ccode1, ccode2, year) or (ccode, year)."""
    (row,) = [row for row in panel if tuple(row.values())[: len(key)] == key]
    return row


def states(*records: Any, coverage: tuple[Coverage, ...] = (ALL,)) -> Dataset:
    """Three states of 2000 on (COW 10, 20, 30), a source, and ``records``."""
    span = Period.parse("2000/..")
    countries = [
        Country(
            code=code,
            name=f"State {code}",
            cow_code=number,
            cow_abbrev=code[:2] + "X",
            memberships=[Membership(system=StateSystem.COW, code=number, period=span)],
        )
        for code, number in (("AAA", 10), ("BBB", 20), ("CCC", 30))
    ]
    source = Source(id="s", language="en", paragraphs=1)
    watch = Source(id="watch", language="en", paragraphs=1, published=PartialDate(2010))
    search = Search(
        id="looked-for",
        collections=("everything",),
        queries=("defence",),
        languages=("en",),
        years=Period.parse("2000/2010"),
        done=PartialDate(2011),
    )
    info = DatasetInfo(name="t", version="1", coverage=coverage)
    return Dataset.from_records([source, watch, search, *countries, *records], info=info)


def agreement(record_id: str, **details: Any) -> Agreement:
    values: dict[str, Any] = {
        "title": "An agreement",
        "kind": AgreementKind.AGREEMENT,
        "parties": ("AAA", "BBB"),
        "sources": (Citation(source="s", paragraph=1),),
    }
    return Agreement(id=record_id, **{**values, **details})


def test_bundled_several_without_count_read_a_lower_bound_not_zero(db: Dataset) -> None:
    """Vietnam-Belarus 2009 and 2014 and Vietnam-Russia 2024 read at least one agreement
    signed, marked as a lower bound (they read 0 before); 2012, which no claim for agreements
    reaches, is missing with its flag, not 0."""
    panel = db.dyad_years(years="2009/2024", party="VNM", frame=False)  # its dyads alone
    rows = {(r["ccode1"], r["year"]): r for r in panel if r["ccode2"] == 816}
    for key in ((370, 2009), (370, 2014), (365, 2024)):
        row = rows[key]
        assert row["agreements_signed"] >= 1, key
        assert row["agreements_signed_lb"] is True, key
    assert rows[370, 2012]["agreements_signed"] is None
    assert rows[370, 2012]["agreements_signed_lb"] is None


def test_bundled_agreements_stay_in_force_until_a_source_ends_them(db: Dataset) -> None:
    """Vietnam-Russia 2014-2017, after the 2013 agreements, read agreements in force, all of
    them counted so for want of a known end."""
    panel = db.dyad_years(years="2014/2017", dyad=("RUS", "VNM"), frame=False)
    assert [r["agreements_in_force"] > 0 for r in panel] == [True] * 4
    assert all(r["agreements_in_force_open"] == r["agreements_in_force"] for r in panel)


def test_in_force_runs_from_entry_into_force_to_the_end() -> None:
    """An agreement signed 2001, in force 2002, ended 2004 counts 2002-2004; one with no end
    counts from signing on, as open; a contract counts in neither column."""
    db = states(
        agreement(
            "ended",
            signed=PartialDate(2001),
            entered_into_force=PartialDate(2002, 3),
            ended=PartialDate(2004, 6),
            ending=AgreementEnding.EXPIRY,
        ),
        agreement("open", signed=PartialDate(2003)),
        agreement("arms", kind=AgreementKind.CONTRACT, signed=PartialDate(2003)),
    )
    panel = db.dyad_years(years="2000/2006", frame=False)
    counts = [
        (r["year"], r["agreements_signed"], r["agreements_in_force"], r["agreements_in_force_open"])
        for r in panel
        if (r["ccode1"], r["ccode2"]) == (10, 20)
    ]
    assert counts == [
        (2000, 0, 0, 0),
        (2001, 1, 0, 0),
        (2002, 0, 1, 0),
        (2003, 1, 2, 1),
        (2004, 0, 2, 1),
        (2005, 0, 1, 1),
        (2006, 0, 1, 1),
    ]
    assert panel.left_out["agreements_signed"] == {
        "an arms contract, not a cooperation agreement": 1
    }


def test_several_without_a_count_is_one_at_least_in_every_form() -> None:
    """A lower bound reads True in rows, ``boolean`` in the frame and ``true`` in CSV."""
    db = states(agreement("many", signed=PartialDate(2001), several=True))
    panel = db.dyad_years(years="2001", frame=False)
    row = cell(panel, 10, 20, 2001)
    assert (row["agreements_signed"], row["agreements_signed_lb"]) == (1, True)
    assert cell(panel, 10, 30, 2001)["agreements_signed_lb"] is False
    frame = panel.to_frame()
    assert str(frame["agreements_signed_lb"].dtype) == "boolean"
    assert str(frame["stateabb1"].dtype) == "string"
    header, *lines = panel.to_csv().splitlines()
    assert header.startswith("ccode1,ccode2,year,stateabb1,stateabb2,agreements_signed,")
    assert lines[0].startswith("10,20,2001,AAX,BBX,1,1,1,")
    assert ",true," in lines[0]


def test_lower_bound_flags_are_missing_where_the_count_is() -> None:
    """Outside coverage a count and its flag are both missing."""
    db = states(coverage=())
    row = cell(db.dyad_years(years="2001", frame=False), 10, 20, 2001)
    assert row["agreements_signed"] is None
    assert row["agreements_signed_lb"] is None


def test_party_and_dyad_keep_their_units_only() -> None:
    """party= keeps the dyads (or rows) of a country or of any of a list; dyad= one pair."""
    db = states(agreement("one", signed=PartialDate(2001), parties=("AAA", "BBB", "CCC")))
    pairs = {(r["ccode1"], r["ccode2"]) for r in db.dyad_years(years="2001", frame=False)}
    assert pairs == {(10, 20), (10, 30), (20, 30)}
    of_a = db.dyad_years(years="2001", party="AAA", frame=False)
    assert {(r["ccode1"], r["ccode2"]) for r in of_a} == {(10, 20), (10, 30)}
    assert all(r["agreements_signed"] == 1 for r in of_a)
    either = db.dyad_years(years="2001", party=["BBB", 30], frame=False)
    assert {(r["ccode1"], r["ccode2"]) for r in either} == {(10, 20), (10, 30), (20, 30)}
    pair = db.dyad_years(years="2001", dyad=("CCC", "State BBB"), frame=False)
    assert [(r["ccode1"], r["ccode2"]) for r in pair] == [(20, 30)]
    assert pair.metadata["dyad"] == ["CCC", "BBB"]
    assert [r["ccode"] for r in db.state_years(years="2001", party="BBB", frame=False)] == [20]


def test_bad_party_and_dyad_filters_say_what_is_expected() -> None:
    """Both filters at once, a dyad of one country or a state-year dyad are refused."""
    db = states()
    with pytest.raises(ArgumentError, match="not both"):
        db.dyad_years(years="2001", party="AAA", dyad=("AAA", "BBB"), frame=False)
    with pytest.raises(ArgumentError, match="two different"):
        db.dyad_years(years="2001", dyad=("AAA", 10), frame=False)
    with pytest.raises(ArgumentError, match="pair"):
        db.dyad_years(years="2001", dyad="AAA", frame=False)  # type: ignore[arg-type]


def test_a_cell_lists_its_records_coverage_and_sources() -> None:
    """Panel.cell gives the records counted in each column and what covers the cell."""
    looked = Source(
        id="looked",
        language="en",
        paragraphs=1,
        published=PartialDate(2002),
        coverage=(Coverage(countries=("AAA", "BBB"), period=Period.parse("2001")),),
    )
    db = states(
        looked,
        agreement("signed", signed=PartialDate(2001), several=True),
        agreement("other", signed=PartialDate(2002)),
        coverage=(),
    )
    panel = db.dyad_years(years="2000/2002", frame=False)
    found = panel.cell(20, 10, 2001)  # either order for a non-directed panel
    assert found.unit == (10, 20)
    assert found.year == 2001
    assert found.covered["agreements_signed"]
    assert found.covered["fields"]
    assert [r.id for r in found.records["agreements_signed"]] == ["signed"]
    assert [s.id for s in found.sources] == ["looked"]
    assert found.row["agreements_signed_lb"] is True
    empty = panel.cell(10, 20, 2002)  # no coverage reaches 2002: missing, whatever it holds
    assert not any(empty.covered.values())
    assert [r.id for r in empty.records["agreements_signed"]] == ["other"]
    assert empty.row["agreements_signed"] is None
    # A pair's coverage says nothing of a state's other ties: the state-year is not covered.
    assert db.state_years(years="2001", frame=False).cell(10, 2001).sources == ()
    with pytest.raises(QueryError, match="no row"):
        panel.cell(10, 20, 1999)
    with pytest.raises(ArgumentError, match="3 whole numbers"):
        panel.cell(10, 2001)


def test_a_cell_reports_coverage_column_by_column() -> None:
    """A claim for visits alone covers a cell's visit columns, not its agreement or field
    columns: Panel.cell says so per column, and the row is missing where it says no."""
    visits = Source(
        id="visits",
        language="en",
        paragraphs=1,
        published=PartialDate(2002),
        coverage=(
            Coverage(
                countries=("AAA", "BBB"),
                period=Period.parse("2001"),
                records=frozenset({"events:visit"}),
            ),
        ),
    )
    db = states(visits, agreement("signed", signed=PartialDate(2001)), coverage=())
    found = db.dyad_years(years="2001", frame=False).cell(10, 20, 2001)
    assert found.covered["visits"] is True
    assert found.covered["agreements_signed"] is False
    assert found.covered["fields"] is False
    assert found.row["visits"] == 0
    assert found.row["agreements_signed"] is None
    assert [r.id for r in found.records["agreements_signed"]] == ["signed"]


@pytest.mark.parametrize("years", ["2008/9020", (2000, 9999), "9999", 9999])
def test_years_past_the_state_system_are_refused_before_building(years: Any) -> None:
    """A typo that would build thousands of years, and the year 9999, are a QueryError."""
    with pytest.raises(QueryError, match="after the last year"):
        states().dyad_years(years=years, frame=False)


def test_an_open_end_is_written_with_dots_only() -> None:
    """``2000/..`` must end; it is not a synonym of any year."""
    with pytest.raises(QueryError, match="must end"):
        states().dyad_years(years="2000/..", frame=False)


@pytest.mark.parametrize("other", ["mil_sci", "mil.sci", "mil:sci"])
def test_field_ids_that_share_a_column_are_refused_at_load(other: str) -> None:
    """Two fields whose ids differ only by - _ . : are a DataError naming both."""
    with pytest.raises(DataError, match=r"mil-sci.*one panel column, 'field_mil_sci'"):
        Dataset.from_records([Field(id="mil-sci", label="A"), Field(id=other, label="B")])


def test_a_panel_refuses_to_write_columns_twice() -> None:
    """Fields that bypassed the checks still cannot make a panel with a column twice."""
    db = states()
    fields = [Field(id="mil-sci", label="A"), Field(id="mil_sci", label="B")]
    from defcoop.model._validation import group_by_kind, ids

    records = [*db, *fields]
    groups = group_by_kind(records)
    trusted = Dataset._trusted(groups, ids(groups), db.info)
    with pytest.raises(DataError, match="both be panel column 'field_mil_sci'"):
        trusted.dyad_years(years="2001", frame=False)


@given(
    words=st.lists(st.sampled_from(["mil", "sci", "tech", "a1"]), min_size=1, max_size=3),
    seps=st.lists(st.sampled_from("-_.:"), min_size=2, max_size=2),
)
def test_separators_never_merge_two_fields_into_one_column(
    words: list[str], seps: list[str]
) -> None:
    """Two field ids made of the same words joined by different separators are a DataError
    naming both, never one silently merged panel column."""
    first, second = (sep.join(words) for sep in seps)
    fields = [Field(id=first, label="A"), Field(id=second, label="B")]
    if first == second:
        return  # one word, or the same separator: one id, refused as an id used twice
    with pytest.raises(DataError, match="make one panel column"):
        Dataset.from_records(fields)
