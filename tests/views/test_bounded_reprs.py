"""Showing a large answer is bounded work (issue 25): reprs, tables and the timeline chart
draw their first and last rows and say how many they left out."""

from __future__ import annotations

import time

import attrs
import pytest

from defcoop import Agreement, Dataset, PartialDate, Results
from defcoop.query import _display
from defcoop.views.timeline import chronology

LARGE = 5_000


def many(db: Dataset, count: int) -> list[Agreement]:
    """``count`` dated agreements, made from a bundled one with new ids and years."""
    model = next(a for a in db.agreements() if a.signed is not None)
    return [
        attrs.evolve(model, id=f"gen-{i}", signed=PartialDate(1991 + i % 35)) for i in range(count)
    ]


def test_results_show_their_first_and_last_records(db: Dataset) -> None:
    """repr and the HTML table of 5,000 records stay small and name what they leave out."""
    records = many(db, LARGE)
    results = Results(records)
    started = time.perf_counter()
    text, html = repr(results), results._repr_html_()
    assert time.perf_counter() - started < 2
    left_out = LARGE - 25
    for shown in (text, html):
        assert f"… and {left_out} more; iterate over it or use .to_frame() for all …" in shown
        assert "gen-0" in shown
        assert f"gen-{LARGE - 1}" in shown
        assert "gen-100" not in shown
    assert len(text) < 60 * len(repr(records[0]))
    assert html.count("<tr>") == 1 + 20 + 1 + 5


def test_a_short_answer_shows_every_record(db: Dataset) -> None:
    """Up to MAX_ROWS records are all shown, with no note."""
    results = Results(many(db, _display.MAX_ROWS))
    assert "more" not in repr(results)
    assert results._repr_html_().count("<tr>") == 1 + _display.MAX_ROWS


def test_a_large_timeline_draws_a_bounded_chart(db: Dataset) -> None:
    """The timeline's chart draws MAX_ROWS records and says that .plot() draws all."""
    pytest.importorskip("matplotlib")
    timeline = chronology(many(db, 500))
    started = time.perf_counter()
    html = timeline._repr_html_()
    assert time.perf_counter() - started < 30
    assert f"{500 - _display.MAX_ROWS} more are not drawn: .plot() draws them all" in html
    assert html.count("<tr>") == 1 + 20 + 1 + 5
    assert len(html) < 400_000


def test_tables_of_evidence_are_bounded(db: Dataset) -> None:
    """Any table of many rows (evidence, a dyad's lists) shows the first and last."""
    rows = [(f"row-{i}", i) for i in range(LARGE)]
    html = _display.table_html("t", "caption", ["id", "n"], iter(rows))
    assert html.count("<tr>") == 1 + 20 + 1 + 5
    assert f"… and {LARGE - 25} more; iterate over it for all …" in html
    answer = db.evidence(many(db, 300))
    assert answer._repr_html_().count("<tr>") <= 1 + _display.MAX_ROWS
