"""Strategies for dates at every precision and for periods, inside a given span."""

from __future__ import annotations

import datetime
import functools

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from defcoop.model.dates import PartialDate, Period, Precision
from defcoop.strategies._building import _EVERY_DAY


def partial_dates(
    *, within: Period | SearchStrategy[Period] | None = None
) -> SearchStrategy[PartialDate]:
    """Dates known to the year, the month or the day, each lying wholly inside ``within``.

    Args:
        within: the period every generated date lies in (default: years 1 to 9999). Where a
            coarse date would stick out of it ("2018" for a period ending in June 2018), the
            next finer precision that fits is used.
    """
    if isinstance(within, st.SearchStrategy):
        return within.flatmap(_dates_in)
    return _dates_in(_EVERY_DAY if within is None else within)


def periods(*, within: Period | SearchStrategy[Period] | None = None) -> SearchStrategy[Period]:
    """Periods whose ends lie inside ``within``, single dates and spans, ends at any precision.

    Args:
        within: the period every generated period lies in (default: years 1 to 9999).
    """
    if isinstance(within, st.SearchStrategy):
        return within.flatmap(_periods_within)
    return _periods_within(_EVERY_DAY if within is None else within)


@functools.lru_cache(maxsize=1024)
def _dates_in(span: Period) -> SearchStrategy[PartialDate]:
    return st.builds(
        _coarsest_fit,
        st.dates(span.earliest, span.latest),
        st.sampled_from(Precision),
        st.just(span),
    )


def _coarsest_fit(day: datetime.date, precision: Precision, span: Period) -> PartialDate:
    """``day`` at ``precision``, or at the first finer precision whose days all lie in ``span``."""
    candidates = (
        PartialDate(day.year),
        PartialDate(day.year, day.month),
        PartialDate(day.year, day.month, day.day),
    )
    for candidate in candidates[precision - 1 : -1]:
        if span.contains(candidate):
            return candidate
    return candidates[-1]


@functools.lru_cache(maxsize=1024)
def _periods_within(span: Period) -> SearchStrategy[Period]:
    return _periods_in(span)


@st.composite
def _periods_in(draw: st.DrawFn, span: Period) -> Period:
    first = draw(_dates_in(span))
    if draw(st.booleans()):
        return Period.of(first)
    second = draw(_dates_in(span))
    # Either order is valid as long as the start's first day is not after the end's last day.
    return Period(first, second) if first.earliest <= second.latest else Period(second, first)
