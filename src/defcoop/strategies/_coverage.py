"""Searches and coverage claims that obey the claim rules: what a claim vouches for, the
search and sources it rests on, and no end after the latest date it could observe."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from defcoop.model._coverage import claimable
from defcoop.model.dates import PartialDate, Period
from defcoop.model.records import Coverage, Search, Source
from defcoop.strategies._building import _ids, _lists, _maybe, _names, _notes, _text
from defcoop.strategies._dates import partial_dates, periods


def searches(
    *, ids: SearchStrategy[str] | None = None, dates: Period | SearchStrategy[Period] | None = None
) -> SearchStrategy[Search]:
    """Searches over some years of ``dates``, done on a day of ``dates`` (perhaps before the
    years end: such a search's claims end when it was done).

    Args:
        ids: the search's id.
        dates: the period its years and its date lie in.
    """
    return st.builds(
        Search,
        id=_ids(ids),
        collections=_lists(_text(), unique=True, min_size=1, max_size=3),
        queries=_lists(_text(), unique=True, min_size=1, max_size=3),
        languages=_lists(
            st.sampled_from(("en", "vi", "ru", "be", "fr")), unique=True, min_size=1, max_size=3
        ),
        years=periods(within=dates),
        done=partial_dates(within=dates),
        by=_maybe(_names()),
        notes=_notes(),
    )


def scopes() -> SearchStrategy[frozenset[str]]:
    """What a claim vouches for: often everything (empty), else some record types and kinds."""
    some = st.frozensets(st.sampled_from(claimable()), min_size=1, max_size=3)
    return st.just(frozenset()) | some


def observed(source: Source) -> Period | None:
    """The widest period a claim of ``source`` may span: up to its date (published, else
    accessed), or None for a source with neither."""
    bound = source.published or source.accessed
    return None if bound is None else Period(PartialDate(1), bound)


@st.composite
def claims_within(
    draw: st.DrawFn, span: Period, codes: SearchStrategy[str], last: datetime.date
) -> Coverage | None:
    """A claim of one state or a pair over a period of ``span`` ending by ``last``, or None
    where ``span`` begins after ``last``."""
    if span.earliest > last:
        return None
    end = min(last, span.latest)
    within = Period(span.start, PartialDate(end.year, end.month, end.day))
    return Coverage(
        countries=draw(st.lists(codes, min_size=1, max_size=2, unique=True)),
        period=draw(periods(within=within)),
        records=draw(scopes()),
    )


@st.composite
def dataset_claims(
    draw: st.DrawFn,
    span: Period,
    codes: SearchStrategy[str],
    found: Sequence[Search],
    source_list: Sequence[Source],
) -> list[Coverage]:
    """Claims of a ``[dataset]`` table, each resting on a search of ``found`` and some dated
    sources, within the years searched and ending by the search and its latest source."""
    dated = [s for s in source_list if s.published or s.accessed]
    if not found or not dated:
        return []
    made: list[Coverage] = []
    for _ in range(draw(st.integers(0, 2))):
        search = draw(st.sampled_from(list(found)))
        cited = draw(st.lists(st.sampled_from(dated), min_size=1, max_size=2, unique_by=id))
        latest = max((s.published or s.accessed).latest for s in cited)  # type: ignore[union-attr]
        first = max(search.years.start, span.start, key=lambda d: d.earliest)
        end = min(search.years.end, span.end, key=lambda d: d.latest)
        if first.earliest > end.latest:
            continue
        within = Period(first, end)
        claim = draw(claims_within(within, codes, min(latest, search.done.latest)))
        if claim is not None and within.contains(claim.period):
            made.append(
                Coverage(
                    countries=claim.countries,
                    period=claim.period,
                    records=claim.records,
                    search=search.id,
                    sources=tuple(s.id for s in cited),
                )
            )
    return made
