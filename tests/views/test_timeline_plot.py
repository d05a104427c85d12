"""Timeline.plot on a phone: a narrow figure that grows in height, text 10 px high or more."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from defcoop import ArgumentError, Dataset

# A phone shows a picture 390 px wide less the page's margins (tests/test_docs.py): text of
# s points in a figure w inches wide is s / 72 * PHONE / w px high there.
PHONE = 358


@pytest.fixture
def pyplot() -> Iterator[Any]:
    """matplotlib's pyplot on the Agg backend, every figure closed afterwards."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def smallest_text_on_a_phone(figure: Any) -> float:
    """The height in px of the smallest text the figure draws, once shown on a phone."""
    from matplotlib.text import Text

    renderer = figure.canvas.get_renderer()
    width = max(figure.get_tightbbox(renderer).width, figure.get_figwidth())
    sizes = [t.get_fontsize() for t in figure.findobj(Text) if t.get_visible() and t.get_text()]
    return min(sizes) / 72 * PHONE / width


@pytest.mark.parametrize("font_size", [10, 11])
@pytest.mark.parametrize("party", ["Belarus", "Russia"])
def test_every_text_is_readable_on_a_phone(
    db: Dataset, pyplot: Any, party: str, font_size: int
) -> None:
    """With matplotlib's default text size or the gallery's, no text is under 10 px on a
    phone: the figure is narrow, and nothing in it is drawn smaller than the text size."""
    import matplotlib

    with matplotlib.rc_context({"font.size": font_size}):
        figure = db.timeline(party=party).plot().figure
        assert smallest_text_on_a_phone(figure) >= 10


def test_the_figure_grows_in_height_not_width(db: Dataset, pyplot: Any) -> None:
    """More records make a taller figure of the same width."""
    few = db.timeline(when="2018").plot().figure
    many = db.timeline(when="2009/2025").plot().figure
    assert few.get_figwidth() == many.get_figwidth()
    assert many.get_figheight() > few.get_figheight() * 2


def test_width_widens_the_figure_and_lengthens_the_labels(db: Dataset, pyplot: Any) -> None:
    """width= makes a wider figure, whose labels keep more of each title."""
    timeline = db.timeline(party="Russia", when="2018")
    narrow = timeline.plot().texts
    wide = timeline.plot(width=12).texts
    assert wide[0].figure is not None
    assert wide[0].figure.get_figwidth() == 12
    assert sum(len(t.get_text()) for t in wide) > sum(len(t.get_text()) for t in narrow)
    assert not any(t.get_text().endswith("…") for t in wide)


@pytest.mark.parametrize("width", [0, -3, 0.5, 101, float("nan"), "5", True])
def test_width_must_be_a_sensible_number_of_inches(db: Dataset, pyplot: Any, width: object) -> None:
    """A width that is not a number of inches from 1 to 100 is an ArgumentError naming it."""
    with pytest.raises(ArgumentError, match="width= a number of inches"):
        db.timeline(when="2018").plot(width=width)  # type: ignore[arg-type]


def test_width_with_axes_of_your_own_is_refused(db: Dataset, pyplot: Any) -> None:
    """Axes you pass keep their figure's size, so width= with ax= is an error, not ignored."""
    figure = pyplot.figure()
    with pytest.raises(ArgumentError, match="give only one of the two"):
        db.timeline(when="2018").plot(ax=figure.add_subplot(), width=8)


def test_labels_fit_axes_of_your_own(db: Dataset, pyplot: Any) -> None:
    """On axes of a figure of the user's, sharing it with others, labels fit their axes."""
    figure, (left, _right) = pyplot.subplots(1, 2, figsize=(8, 30))
    db.timeline(party="Belarus").plot(ax=left)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    frame = left.bbox.padded(0.5)
    for label in left.texts:
        extent = label.get_window_extent(renderer)
        assert frame.x0 <= extent.x0, label.get_text()
        assert extent.x1 <= frame.x1, label.get_text()
