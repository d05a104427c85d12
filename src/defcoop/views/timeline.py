"""A chronology of agreements, events and arms transfers, which draws itself as a chart.

A chronology is read faster as a picture than as a table: in Jupyter a :class:`Timeline`
shows a chart above its table when matplotlib is installed (``defcoop[plot]``), and the
table alone otherwise. :meth:`~defcoop.Timeline.plot` draws the chart on demand.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from defcoop._extras import require
from defcoop.errors import MissingExtraError
from defcoop.model import registry
from defcoop.model.dates import PartialDate, Period
from defcoop.model.records import Record
from defcoop.query import _display
from defcoop.query._lookup import coerce_period
from defcoop.query.results import Results

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from defcoop.query.collection import Collection, CountryName, DateFilter

__all__ = ["Timeline"]

_PALETTE = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown")
"""The colors of the dated record types, in declaration order (matplotlib's own cycle)."""
_WIDTH = 4.8  # inches: text of 10 points is 10 px high on a phone screen 358 px wide
_ROW = 2.2  # a row's height in font sizes: a label and, under it, its bar
_BAR = 0.2  # the middle of a row's bar, below the row's label, in rows
_HEIGHT = 0.3  # a bar's height, in rows
_GAP = 0.02  # between a label and the bar under it, in rows
_EM = 0.6  # a character's average width in font sizes, a little over DejaVu Sans's
_DOT = _dt.timedelta(days=7)  # spans shorter than a week are drawn as dots, to stay visible


class Timeline(Results[Record]):
    """Dated agreements, events and transfers in date order, then id; a :class:`~defcoop.Results`.

    The record types are those panels count that have a date
    (:func:`defcoop.model.registry.dated`), each dated by its declared date: agreements by
    when they were signed, events by when they took place, arms transfers from their order
    (or, without one, their first delivery) to their last delivery, the stages their type
    declares. Built by :meth:`Dataset.timeline <defcoop.Dataset.timeline>`:

    >>> import defcoop
    >>> timeline = defcoop.load().timeline(party="Russia", when="2018-04")
    >>> for date, record in zip(timeline.dates(), timeline):
    ...     print(date, record.id)
    2018-04 lich-visit-rus-2018-04
    2018-04-04 lich-shoigu-meeting-2018-04
    2018-04-04 vnm-rus-defense-plan-2018-2020
    2018-04-04/2018-04-05 mcis-7
    """

    __slots__ = ()

    def dates(self) -> tuple[Period, ...]:
        """Each record's date as a period (a signing date becomes a period of one date; a
        transfer's runs from its order to its last delivery)."""
        return tuple(_date(record) for record in self)

    def plot(self, *, ax: Axes | None = None, width: float | None = None) -> Axes:
        """Draw the timeline with matplotlib and return the axes.

        Each record is a row: its label above a bar over every day its date may mean, so that
        a year-precise date is as wide as its year (spans under a week are dots); agreements
        and events have their own colors, and planned events are drawn hollow. A transfer's
        order is a diamond and each year with a delivery a bar over that year, on the
        transfer's row.

        The chart is made to be read on a phone: a new figure is ``width`` inches wide (4.8 by
        default, so that text stays 10 px high or more on a screen 358 px wide) and grows in
        height with the number of rows; labels span the width of the axes, shortened with an
        ellipsis where they do not fit (the table and ``record.title`` keep them whole); the
        dates are shown above and below the rows, and the legend below them. Pass a larger
        ``width`` for a wide screen or a printed page.

        A figure made here has matplotlib's constrained layout, which makes room for the
        dates and the legend, so that ``savefig`` keeps them whole without
        ``bbox_inches="tight"``. Axes you pass keep the size and layout of their figure: give
        it ``layout="constrained"`` too.

        Args:
            ax: the axes to draw on; a new figure (through pyplot) when None.
            width: the width in inches of the new figure; only without ``ax``.

        Raises:
            ArgumentError: when ``ax`` is not matplotlib axes, when ``width`` is not a number
                of inches from 1 to 100, or when both are given.
            MissingExtraError: when matplotlib is not installed (``defcoop[plot]``).
        """
        if ax is None:
            pyplot = require("matplotlib.pyplot", "plot", purpose="Timeline.plot()")
            inches = _WIDTH if width is None else _width(width)
            _figure, ax = pyplot.subplots(figsize=_size(len(self), inches), layout="constrained")
        else:
            axes = require("matplotlib.axes", "plot", purpose="Timeline.plot()")
            from defcoop.errors import ArgumentError

            if not isinstance(ax, axes.Axes):
                from defcoop._quote import described

                raise ArgumentError(f"plot() expects ax= matplotlib Axes, got {described(ax)}")
            if width is not None:
                raise ArgumentError(
                    "plot() takes width= for a figure of its own; axes passed as ax= keep "
                    "the size of their figure (give only one of the two)"
                )
        _draw(self, ax)
        return ax

    def _repr_html_(self) -> str:
        """The chart and the table; of a long timeline, the chart draws the first
        :data:`~defcoop.query._display.MAX_ROWS` records and says so (``.plot()`` draws all),
        so that showing it in a notebook never hangs."""
        table = _display.results_html(self, caption=f"Timeline of {len(self)} records")
        try:
            chart = _svg(self[: _display.MAX_ROWS])
        except MissingExtraError:
            return table + '<p><em>pip install "defcoop[plot]" to see this as a chart.</em></p>'
        if len(self) > _display.MAX_ROWS:
            more = len(self) - _display.MAX_ROWS
            chart += f"<p><em>The first {_display.MAX_ROWS} records; {more} more are not "
            chart += "drawn: .plot() draws them all.</em></p>"
        return f'<div class="defcoop-timeline">{chart}</div>{table}'


def build_timeline(
    dataset: Collection, *, party: CountryName | None = None, when: DateFilter | None = None
) -> Timeline:
    """The timeline of a dataset, filtered as :meth:`Dataset.timeline` says: the records of
    every dated type (:func:`~defcoop.model.registry.dated`) among ``party``'s, whose span lies
    wholly within ``when``."""
    within = None if when is None else coerce_period(when, "when")
    found: list[Record] = []
    for declared in registry.dated():
        records: Iterable[Record] = dataset.select(declared.cls, party=party)
        if within is not None:
            records = [r for r in records if _dated(r) and _inside(_date(r), within)]
        found += records
    return chronology(found)


def chronology(records: Iterable[Record]) -> Timeline:
    """The dated ones among ``records`` as a :class:`Timeline`, in date order, then id."""
    return Timeline(sorted(filter(_dated, records), key=_order))


def _stages(record: Record) -> tuple[PartialDate | Period, ...]:
    """The stages ``record``'s type declares (a transfer's delivery years), or none."""
    stages = registry.of(type(record)).stages
    return () if stages is None else stages.of(record)


def _own_date(record: Record) -> PartialDate | Period | None:
    """The value of ``record``'s declared date."""
    attribute = registry.of(type(record)).date
    return None if attribute is None else getattr(record, attribute)


def _dated(record: Record) -> bool:
    return _own_date(record) is not None or bool(_stages(record))


def _inside(period: Period, within: Period) -> bool:
    return within.earliest <= period.earliest and period.latest <= within.latest


def _date(record: Record) -> Period:
    """The span of ``record``: its date (or, without one, its first stage) to its last stage."""
    parts = [Period.coerce(part) for part in (_own_date(record), *_stages(record)) if part]
    assert parts, "a timeline holds dated records only"
    if len(parts) == 1:
        return parts[0]
    return Period(parts[0].start, max(part.end for part in parts))


def _order(record: Record) -> tuple[Any, str]:
    return (_date(record).sort_key(), record.id)


def _color(declared: registry.RecordType) -> str:
    """The color of a dated record type: its place among them, in matplotlib's cycle."""
    return _PALETTE[registry.dated().index(declared) % len(_PALETTE)]


def _planned(record: Record) -> bool:
    """A dated record its type does not hold as observed at its date (a planned event)."""
    observed = registry.of(type(record)).observed
    return observed is not None and observed(record) is None


def _width(width: object) -> float:
    """``width`` as inches of figure, or ArgumentError."""
    if isinstance(width, bool) or not isinstance(width, int | float) or not 1 <= width <= 100:
        from defcoop._quote import described
        from defcoop.errors import ArgumentError

        raise ArgumentError(
            f"plot() expects width= a number of inches from 1 to 100, got {described(width)}"
        )
    return float(width)


def _font_size() -> float:
    """matplotlib's text size in points (the ``font.size`` setting)."""
    matplotlib = require("matplotlib", "plot", purpose="Timeline.plot()")
    return float(matplotlib.rcParams["font.size"])


def _size(count: int, width: float = _WIDTH) -> tuple[float, float]:
    """A figure ``width`` inches wide and tall enough for ``count`` rows, a title, the dates
    above and below, and a legend of up to three lines."""
    points = _font_size() * (_ROW * max(count, 1) + 14)
    return (width, points / 72)


def _draw(records: Iterable[Record], ax: Axes) -> None:
    dates_module = require("matplotlib.dates", "plot", purpose="Timeline.plot()")
    rows = list(records)
    if not rows:
        ax.set_title("No dated records")
        ax.set_yticks([])
        return
    size = _font_size()
    characters = _characters(ax, size)
    on_row = ax.get_yaxis_transform()  # x in axes fractions, y in rows
    for row, record in enumerate(rows):
        label = _display.shorten(_display.label(record), characters)
        ax.text(0.01, row - _GAP, label, transform=on_row, va="bottom", ha="left", clip_on=True)
        if registry.of(type(record)).stages is not None:
            _draw_stages(record, row, ax, dates_module)
            continue
        period = _date(record)
        start = dates_module.date2num(period.earliest)
        end = dates_module.date2num(period.latest + _dt.timedelta(days=1))
        color = _color(registry.of(type(record)))
        face = "none" if _planned(record) else color
        if period.latest - period.earliest < _DOT:
            middle = (start + end) / 2
            ax.plot([middle], [row + _BAR], marker="o", color=color, markerfacecolor=face)
        else:
            ax.barh(
                row + _BAR, end - start, left=start, height=_HEIGHT, color=face, edgecolor=color
            )
    ax.set_yticks([])
    ax.set_ylim(len(rows) - 1 + _BAR + _HEIGHT, -1 + _BAR + _HEIGHT / 2)
    locator = dates_module.AutoDateLocator(minticks=3, maxticks=6)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(dates_module.ConciseDateFormatter(locator, show_offset=False))
    ax.tick_params(axis="x", labeltop=True, top=True)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(f"Timeline of {len(rows)} records")
    _legend(ax, _handles(rows), size)


def _characters(ax: Axes, size: float) -> int:
    """How many characters of a label fit across ``ax`` in text of ``size`` points: the axes'
    width once laid out (nearly the figure's in a figure of its own, whose layout has not run
    yet), at :data:`_EM` of the size per character on average."""
    figure = ax.get_figure(root=True)
    assert figure is not None, "axes to draw on belong to a figure"
    share = ax.get_position().width
    if figure.get_layout_engine() is not None and len(figure.axes) == 1:
        share = 1.0
    points = share * figure.get_figwidth() * 72 - 3 * size
    return max(8, int(points / (_EM * size)))


def _legend(ax: Axes, handles: list[Any], size: float) -> None:
    """The legend below the axes, under their dates, in as many columns as the figure's width
    holds."""
    mpl = require("matplotlib", "plot", purpose="Timeline.plot()")
    figure = ax.get_figure(root=True)
    assert figure is not None, "axes to draw on belong to a figure"
    longest = max(len(handle.get_label()) for handle in handles)
    column = (longest * _EM + 4) * size  # the label, its handle and the space between columns
    columns = max(1, min(len(handles), int(figure.get_figwidth() * 72 // column)))
    ticks = (mpl.rcParams["xtick.major.size"] + mpl.rcParams["xtick.major.pad"]) / size
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        borderaxespad=1.6 + ticks,  # in font sizes: below the dates under the axes
        ncols=columns,
    )


def _handles(rows: Sequence[Record]) -> list[Any]:
    """The legend's entries for the record types among ``rows``, in declaration order: a
    color per type, a hollow one for its planned records where there are any; for a type
    with stages, its date's marker and its stages' bars."""
    patches = require("matplotlib.patches", "plot", purpose="Timeline.plot()")
    present = {registry.of(type(record)) for record in rows}
    handles: list[Any] = []
    for declared in registry.dated():
        if declared not in present:
            continue
        color, word = _color(declared), declared.singular
        if declared.stages is None:
            handles.append(patches.Patch(color=color, label=word))
            if any(_planned(r) for r in rows if registry.of(type(r)) is declared):
                handles.append(
                    patches.Patch(facecolor="none", edgecolor=color, label=f"planned {word}")
                )
            continue
        lines = require("matplotlib.lines", "plot", purpose="Timeline.plot()")
        handles += [
            lines.Line2D(
                [], [], color=color, marker="D", linestyle="", label=f"{word} {declared.date}"
            ),
            patches.Patch(color=color, alpha=0.6, label=declared.stages.label),
        ]
    return handles


def _draw_stages(record: Record, row: int, ax: Axes, dates_module: Any) -> None:
    """The row of a record with stages: a bar over each stage (a transfer's delivery years)
    and a diamond at its own date (the middle of the days it may mean)."""
    color = _color(registry.of(type(record)))
    for stage in map(Period.coerce, _stages(record)):
        start = dates_module.date2num(stage.earliest)
        end = dates_module.date2num(stage.latest + _dt.timedelta(days=1))
        ax.barh(row + _BAR, end - start, left=start, height=_HEIGHT, color=color, alpha=0.6)
    own = _own_date(record)
    if own is not None:
        own = Period.coerce(own)
        start = dates_module.date2num(own.earliest)
        end = dates_module.date2num(own.latest + _dt.timedelta(days=1))
        ax.plot([(start + end) / 2], [row + _BAR], marker="D", color=color, linestyle="")


def _svg(timeline: Sequence[Record]) -> str:
    """The chart as inline SVG with text kept as text; no pyplot, so no global figure."""
    import io

    matplotlib = require("matplotlib", "plot", purpose="the timeline chart")
    figure_module = require("matplotlib.figure", "plot", purpose="the timeline chart")
    figure = figure_module.Figure(figsize=_size(len(timeline)), layout="constrained")
    _draw(timeline, figure.add_subplot())
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "defcoop"}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]
