"""Coverage gathered into runs of years (:func:`defcoop.model._parts.merged`) says what the
claims say, year by year, for every record type, and nothing twice where it can tell."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from defcoop.model._parts import Coverage, merged
from defcoop.model.dates import Period

PAIRS = (("VNM", "RUS"), ("VNM", "BLR"), ("VNM",))
SCOPES = ((), ("agreements",), ("events:visit",), ("agreements", "transfers"))
TYPES = ("agreements", "events:visit", "transfers", "mechanisms")
YEARS = range(1990, 2031)


@st.composite
def claims(draw: st.DrawFn) -> Coverage:
    start = draw(st.integers(1990, 2020))
    end = draw(st.none() | st.integers(start, 2025))
    period = Period.parse(f"{start}/.." if end is None else f"{start}/{end}")
    return Coverage(
        countries=draw(st.sampled_from(PAIRS)),
        period=period,
        records=list(draw(st.sampled_from(SCOPES))),
    )


def vouched(items: tuple[Coverage, ...] | list[Coverage]) -> set[tuple[tuple[str, ...], int, str]]:
    """Each (countries, year, record type) some claim vouches for."""
    found = set()
    for item in items:
        last = 2030 if item.period.open else item.period.end.year
        for year in range(item.period.start.year, last + 1):
            for kind in TYPES:
                if not item.records or kind in item.records:
                    found.add((item.countries, year, kind))
    return found


@given(st.lists(claims(), max_size=8))
def test_runs_vouch_for_what_the_claims_vouch_for(items: list[Coverage]) -> None:
    assert vouched(merged(items)) == vouched(items)


@given(st.lists(claims(), max_size=8))
def test_a_closed_run_for_some_types_never_repeats_a_year_held_for_every_type(
    items: list[Coverage],
) -> None:
    runs = merged(items)
    whole = vouched([run for run in runs if not run.records])
    for run in runs:
        if run.records and not run.period.open:
            years = range(run.period.start.year, run.period.end.year + 1)
            assert all((run.countries, year, TYPES[0]) not in whole for year in years), run


def test_the_bundled_summary_leaves_out_a_claim_that_a_wider_one_holds() -> None:
    """A source's claim for transfers over a year that a claim for everything holds already
    adds no run of its own."""
    wide = Coverage(countries=("VNM", "RUS"), period=Period.parse("2008/2025"))
    narrow = Coverage(countries=("VNM", "RUS"), period=Period.parse("2010"), records=["transfers"])
    assert [str(run) for run in merged([wide, narrow])] == ["VNM-RUS 2008\u20132025"]
