"""PartialDate and Period: parsing, validation, ordering and containment."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from defcoop import DateError, PartialDate, Period, Precision
from defcoop.strategies import partial_dates, periods


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018", PartialDate(2018)),
        ("2018-11", PartialDate(2018, 11)),
        ("2018-11-15", PartialDate(2018, 11, 15)),
        ("2016-02-29", PartialDate(2016, 2, 29)),
    ],
)
def test_parse_examples(text: str, expected: PartialDate) -> None:
    """Each documented text form parses to the date it names and prints back unchanged."""
    assert PartialDate.parse(text) == expected
    assert str(expected) == text


@pytest.mark.parametrize(
    "text",
    ["2018-13", "2018-02-30", "2017-02-29", "2018-00", "0000", "18", "2018/11", "", "2018-1"],
)
def test_parse_rejects_impossible_or_malformed(text: str) -> None:
    """Impossible days and months and malformed text raise DateError."""
    with pytest.raises(DateError):
        PartialDate.parse(text)


def test_day_needs_a_month() -> None:
    """A day without a month is rejected, as is a non-integer part."""
    with pytest.raises(DateError, match="needs a month"):
        PartialDate(2018, None, 3)
    with pytest.raises(DateError, match="must be an int"):
        PartialDate(2018, True)  # type: ignore[arg-type]


def test_parse_rejects_non_text() -> None:
    """Parsing something other than text is a DateError, not an AttributeError."""
    with pytest.raises(DateError):
        PartialDate.parse(2018)  # type: ignore[arg-type]


@given(partial_dates())
def test_parse_round_trip(date: PartialDate) -> None:
    """parse(str(d)) == d for every date at every precision."""
    assert PartialDate.parse(str(date)) == date


@given(partial_dates())
def test_earliest_and_latest_bound_the_date(date: PartialDate) -> None:
    """A date's earliest day is not after its latest, and a day-precise date is one day."""
    assert date.earliest <= date.latest
    assert (date.earliest == date.latest) == (date.precision is Precision.DAY)
    assert date.earliest.year == date.latest.year == date.year


def test_coarser_sorts_before_finer() -> None:
    """Dates order by earliest day, then coarser before finer."""
    dates = [
        PartialDate(2018, 1, 1),
        PartialDate(2018),
        PartialDate(2017, 12, 31),
        PartialDate(2018, 1),
    ]
    assert [str(d) for d in sorted(dates)] == ["2017-12-31", "2018", "2018-01", "2018-01-01"]


@given(partial_dates(), partial_dates())
def test_order_is_total_and_follows_the_calendar(a: PartialDate, b: PartialDate) -> None:
    """Exactly one of <, ==, > holds, and an earlier first day means an earlier date."""
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)
    if a.earliest < b.earliest:
        assert a < b


@given(partial_dates(), partial_dates())
def test_order_is_consistent_with_the_calendar(a: PartialDate, b: PartialDate) -> None:
    """Equal dates stand for the same days; a date wholly before another sorts before it."""
    assert (a == b) is ((a.earliest, a.latest) == (b.earliest, b.latest))
    if a.latest < b.earliest:
        assert a < b
    if a <= b:
        assert a.earliest <= b.earliest


@given(partial_dates(), partial_dates(), partial_dates())
def test_order_is_transitive(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    """If a <= b and b <= c then a <= c."""
    if a <= b and b <= c:
        assert a <= c


def test_comparison_with_other_types_is_refused() -> None:
    """Comparing a date with a plain value raises TypeError instead of guessing."""
    with pytest.raises(TypeError):
        _ = PartialDate(2018) < 2019  # type: ignore[operator]
    assert PartialDate(2018) != "2018"


@given(periods())
def test_period_round_trip(period: Period) -> None:
    """Period.parse(str(p)) == p."""
    assert Period.parse(str(period)) == period


@given(periods(), periods())
def test_period_order_is_total_and_follows_the_start(p: Period, q: Period) -> None:
    """Exactly one of <, ==, > holds between periods; they order by start, then end."""
    assert [p < q, p == q, p > q].count(True) == 1
    if p.start != q.start:
        assert (p < q) is (p.start < q.start)
    else:
        assert (p < q) is (p.end < q.end)


@given(partial_dates(), partial_dates())
def test_period_exists_unless_it_starts_after_it_ends(start: PartialDate, end: PartialDate) -> None:
    """Period(start, end) is valid exactly when start's first day is not after end's last."""
    if start.earliest > end.latest:
        with pytest.raises(DateError, match="starts after it ends"):
            Period(start, end)
    else:
        period = Period(start, end)
        assert (period.earliest, period.latest) == (start.earliest, end.latest)


def test_period_rejects_start_after_end() -> None:
    """A period whose start is wholly after its end is an error; overlapping ends are fine."""
    with pytest.raises(DateError, match="starts after it ends"):
        Period(PartialDate(2020), PartialDate(2018))
    assert Period(PartialDate(2018, 5), PartialDate(2018)).latest == dt.date(2018, 12, 31)


def test_period_of_a_single_date_prints_as_the_date() -> None:
    """A single date is a period of itself and is written as that date."""
    period = Period.coerce("2018-11")
    assert period == Period.of(PartialDate(2018, 11))
    assert str(period) == "2018-11"
    assert Period.coerce(PartialDate(2018)) == Period.parse("2018")
    assert Period.coerce(period) is period


@given(periods(), periods())
def test_contains_matches_day_ranges(outer: Period, inner: Period) -> None:
    """contains() holds exactly when the inner range of days lies within the outer one."""
    expected = outer.earliest <= inner.earliest and inner.latest <= outer.latest
    assert outer.contains(inner) is expected
    assert outer.contains(outer)


def test_period_parse_rejects_bad_text() -> None:
    """Malformed period text raises DateError."""
    for text in ["2018/", "/2018", "2018/2019/2020", "2020/2018"]:
        with pytest.raises(DateError):
            Period.parse(text)


def test_dates_in_words_keep_their_precision() -> None:
    """A date reads as people write it, no more precise than it is."""
    assert [PartialDate.parse(t).words() for t in ("2018", "2018-11", "2018-04-05")] == [
        "2018",
        "November 2018",
        "5 April 2018",
    ]
    assert f"{PartialDate(2018, 11):words}" == "November 2018"
    assert f"{PartialDate(2018, 11)}" == "2018-11"


def test_periods_in_words_say_nothing_twice() -> None:
    """A period names its shared month and year once, with an en dash between its ends."""
    words = {
        "2008/2013": "2008\u20132013",
        "2018-04-04/2018-04-05": "4\u20135 April 2018",
        "2018-11/2018-12": "November\u2013December 2018",
        "2018-11-30/2018-12-02": "30 November \u2013 2 December 2018",
        "2018-12-30/2019-01-02": "30 December 2018 \u2013 2 January 2019",
        "2008/2013-05": "2008 \u2013 May 2013",
        "2018-11": "November 2018",
        "1954-07-21/..": "since 21 July 1954",
    }
    assert {text: Period.parse(text).words() for text in words} == words


def test_a_period_has_the_precision_of_its_coarser_end() -> None:
    """Period.precision: the coarser end's; a period still running, its start's."""
    assert Period.parse("2008/2013-05").precision is Precision.YEAR
    assert Period.parse("2018-04-04/2018-04-05").precision is Precision.DAY
    still = Period.parse("1954-07-21/..")
    assert (still.precision, still.open, str(still)) == (Precision.DAY, True, "1954-07-21/..")
    assert Period.parse("2018/2019").open is False
