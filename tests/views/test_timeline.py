"""The timeline: every dated agreement and event in date order, drawn as a chart in notebooks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import defcoop
from defcoop import (
    Agreement,
    Dataset,
    Event,
    MissingExtraError,
    Period,
    QueryError,
    Results,
    Timeline,
    Transfer,
    UnknownNameError,
)


def date(record: Agreement | Event | Transfer) -> Period:
    """A record's timeline date: the signing date of an agreement, the period of an event, a
    transfer's deal from its order (or first delivery) to its last delivery."""
    if isinstance(record, Transfer):
        delivered = record.delivered
        start = record.ordered or (delivered.start if delivered else None)
        assert start is not None
        return Period(start, start if delivered is None else max(start, delivered.end))
    value = record.signed if isinstance(record, Agreement) else record.when
    assert value is not None
    return Period.coerce(value)


def dated_transfers(db: Dataset, party: str | int | None, when: str | None) -> list[Transfer]:
    """The transfers of ``party`` with a date, those wholly inside ``when`` where given."""
    found = [t for t in db.transfers(party=party) if t.ordered or t.deliveries]
    if when is None:
        return found
    window = Period.parse(when)
    return [t for t in found if window.contains(date(t))]


def test_timeline_holds_every_dated_agreement_and_event(db: Dataset) -> None:
    """The timeline is exactly the agreements with a signing date, the dated events and the
    transfers with an order or delivery date."""
    expected = {a.id for a in db.agreements() if a.signed} | {e.id for e in db.events() if e.when}
    expected |= {t.id for t in dated_transfers(db, None, None)}
    timeline = db.timeline()
    assert {record.id for record in timeline} == expected
    assert len(timeline) == len(expected)


def test_timeline_is_in_date_then_id_order(db: Dataset) -> None:
    """Records come in date order, then by id, agreements and events interleaved."""
    timeline = db.timeline()
    keys = [(date(record).sort_key(), record.id) for record in timeline]
    assert keys == sorted(keys)
    assert {type(record) for record in timeline} == {Agreement, Event, Transfer}
    assert timeline.dates() == tuple(date(record) for record in timeline)


def test_timeline_is_results(db: Dataset) -> None:
    """A timeline is a Results, so a tuple equal to its records."""
    timeline = db.timeline(party="BLR")
    assert type(timeline) is Timeline
    assert isinstance(timeline, Results)
    assert isinstance(timeline, tuple)
    assert repr(timeline).startswith(f"Timeline(\n  {timeline[0]!r}")


@pytest.mark.parametrize(
    ("party", "when"),
    [("BLR", None), ("Russia", "2018"), (None, "2018-11"), ("RU", "2019/2020"), (365, None)],
)
def test_filters_mean_what_they_mean_for_queries(
    db: Dataset, party: str | int | None, when: str | None
) -> None:
    """party= and when= keep what agreements(party, signed), events(party, when) and
    transfers(party) wholly inside when keep."""
    expected = {a.id for a in db.agreements(party=party, signed=when) if a.signed} | {
        e.id for e in db.events(party=party, when=when) if e.when
    }
    expected |= {t.id for t in dated_transfers(db, party, when)}
    assert {record.id for record in db.timeline(party=party, when=when)} == expected


@given(
    start=st.integers(2005, 2021),
    length=st.integers(0, 6),
    party=st.sampled_from([None, "VNM", "RUS", "BLR"]),
)
def test_any_window_keeps_the_dated_records_inside_it(
    start: int, length: int, party: str | None
) -> None:
    """For any window of years, the timeline is the sorted union of the two filtered queries."""
    db = defcoop.load()
    when = f"{start}/{start + length}"
    expected = sorted(
        [
            *(a for a in db.agreements(party=party, signed=when) if a.signed),
            *(e for e in db.events(party=party, when=when) if e.when),
            *dated_transfers(db, party, when),
        ],
        key=lambda record: (date(record).sort_key(), record.id),
    )
    timeline = db.timeline(party=party, when=when)
    assert list(timeline) == expected
    window = Period.parse(when)
    assert all(window.contains(period) for period in timeline.dates())


def test_bad_filters_raise_the_query_errors(db: Dataset) -> None:
    """A misspelt country or an unreadable date is an error, named after the timeline's argument."""
    with pytest.raises(UnknownNameError, match="Belarus"):
        db.timeline(party="Belaruss")
    with pytest.raises(QueryError, match=r"when='2018-13'"):
        db.timeline(when="2018-13")


def test_empty_timeline(db: Dataset) -> None:
    """A period with nothing in it gives an empty timeline."""
    assert db.timeline(when="1950") == ()


def test_plot_draws_a_row_per_record(db: Dataset) -> None:
    """plot() draws one labelled row per record on the axes it is given, each label the
    record's title or the start of it, shortened with an ellipsis."""
    figure_module = pytest.importorskip("matplotlib.figure")
    timeline = db.timeline(party="Belarus")
    axes = figure_module.Figure().add_subplot()
    assert timeline.plot(ax=axes) is axes
    labels = [text.get_text() for text in axes.texts]
    assert len(labels) == len(timeline)
    for label, record in zip(labels, timeline, strict=True):
        name = record.designation if isinstance(record, Transfer) else record.title
        assert label == name or (label.endswith("…") and name.startswith(label[:-1]))
    assert any(label.endswith("…") for label in labels)
    assert axes.get_title() == f"Timeline of {len(timeline)} records"


def test_plot_without_axes_makes_a_figure(db: Dataset) -> None:
    """plot() without axes makes a new pyplot figure, 4.8 inches wide, with a row per record."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    try:
        axes = db.timeline(when="2018").plot()
        assert len(axes.texts) == len(db.timeline(when="2018"))
        assert axes.figure.get_figwidth() == 4.8
    finally:
        plt.close("all")


@pytest.mark.parametrize("when", ["2018", "2009/2025"])
def test_a_saved_plot_keeps_its_labels_and_legend_whole(
    db: Dataset, when: str, tmp_path: Path
) -> None:
    """Saved as PNG without bbox_inches, every text and the legend lie inside the figure,
    each record's label inside the axes, and the legend below the dates under the axes."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    try:
        axes = db.timeline(when=when).plot()
        figure = axes.figure
        figure.savefig(tmp_path / "timeline.png")
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        inside = figure.bbox.padded(0.5)
        low, high = sorted(axes.get_xlim())
        unseen = {  # the locator's ticks past the ends of the axis, which are not drawn
            id(label)
            for tick in axes.xaxis.get_major_ticks()
            if not low <= tick.get_loc() <= high
            for label in (tick.label1, tick.label2)
        }
        texts = [
            t
            for t in figure.findobj(Text)
            if t.get_visible() and t.get_text() and id(t) not in unseen
        ]
        assert len(texts) > len(db.timeline(when=when))
        for text in texts:
            extent = text.get_window_extent(renderer)
            assert inside.contains(extent.x0, extent.y0), text.get_text()
            assert inside.contains(extent.x1, extent.y1), text.get_text()
        frame = axes.bbox.padded(0.5)
        for label in axes.texts:
            extent = label.get_window_extent(renderer)
            assert frame.x0 <= extent.x0, label.get_text()
            assert extent.x1 <= frame.x1, label.get_text()
        legend = axes.get_legend()
        assert legend is not None
        dates = [
            t.get_window_extent(renderer)
            for t in axes.get_xticklabels()
            if t.get_text() and id(t) not in unseen
        ]
        assert legend.get_window_extent(renderer).y1 < min(date.y0 for date in dates)
    finally:
        plt.close("all")


def test_plot_of_an_empty_timeline(db: Dataset) -> None:
    """An empty timeline draws an empty chart that says so."""
    figure_module = pytest.importorskip("matplotlib.figure")
    axes = db.timeline(when="1950").plot(ax=figure_module.Figure().add_subplot())
    assert axes.get_title() == "No dated records"


def test_notebook_display_is_a_chart_above_the_table(db: Dataset) -> None:
    """In a notebook, a timeline shows an SVG chart, then its table."""
    pytest.importorskip("matplotlib")
    html = db.timeline(party="Russia")._repr_html_()
    assert html.index("<svg") < html.index("<table")
    assert "<?xml" not in html
    assert html == db.timeline(party="Russia")._repr_html_()  # the same chart every time


def test_notebook_display_without_matplotlib_is_the_table(
    db: Dataset, hide_module: Callable[[str], None]
) -> None:
    """Without matplotlib the timeline still shows its table, and says how to get the chart."""
    hide_module("matplotlib")
    html = db.timeline(party="Russia")._repr_html_()
    assert "<svg" not in html
    assert "<table" in html
    assert 'pip install "defcoop[plot]"' in html


def test_plot_without_matplotlib_names_the_extra(
    db: Dataset, hide_module: Callable[[str], None]
) -> None:
    """plot() without matplotlib raises MissingExtraError naming defcoop[plot]."""
    hide_module("matplotlib")
    with pytest.raises(MissingExtraError, match=r'pip install "defcoop\[plot\]"') as info:
        db.timeline().plot()
    assert isinstance(info.value, ImportError)
    assert isinstance(info.value, defcoop.DefcoopError)
    assert info.value.extra == "plot"
    assert info.value.module == "matplotlib"


def test_the_timeline_holds_every_dated_record_type(db: Dataset) -> None:
    """The timeline shows the record types the registry declares dated, and no other: it
    reads them from the declarations rather than naming them."""
    from defcoop.model import registry

    shown = {registry.of(type(record)) for record in db.timeline()}
    assert shown == set(registry.dated())
    assert all(declared.date is not None and declared.counted for declared in shown)
