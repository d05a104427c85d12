"""The checks of a dataset's own coverage claims (its ``[dataset]`` table), which rest on a
search and the sources it found; a source's own claims are checked by its ``coverage``
attribute's rules (:class:`defcoop.model._coverage.Observed`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from defcoop._quote import quote
from defcoop.errors import Problem
from defcoop.model._names import Suggester, did_you_mean
from defcoop.model.dates import PartialDate
from defcoop.model.records import Country, Record, Search, Source

__all__ = ["check_coverage"]


def check_coverage(info: Any, by_id: Mapping[str, Record]) -> list[Problem]:
    """Problems with a dataset's own coverage claims (its ``[dataset]`` table).

    Each claim names countries of the dataset, the search it rests on (a :class:`Search`)
    and the sources that search found; it lies within the years searched and ends no later
    than the search was done, nor than its latest source was published (or, undated, read),
    compared to the day at the precision given.
    """
    problems: list[Problem] = []
    suggesters: dict[type, Suggester] = {}

    def report(path: str, message: str) -> None:
        problems.append(Problem(file="[dataset]", path=path, message=message))

    def unknown(kind: type, word: str, value: str) -> str:
        if kind not in suggesters:
            suggesters[kind] = Suggester([r.id for r in by_id.values() if isinstance(r, kind)])
        return f"no {word} has the id {quote(value)}{did_you_mean(suggesters[kind].close(value))}"

    for i, item in enumerate(getattr(info, "coverage", ())):
        at = f"$.dataset.coverage[{i}]"
        for j, country in enumerate(item.countries):
            if not isinstance(by_id.get(country), Country):
                report(f"{at}.countries[{j}]", unknown(Country, "country", country))
        search = by_id.get(item.search or "")
        if item.search is None:
            report(
                f"{at}.search",
                f"claim {item} names no search: a dataset's claim names the search it rests "
                'on (search = "search-id"), a record under searches',
            )
        elif not isinstance(search, Search):
            report(f"{at}.search", unknown(Search, "search", item.search))
        if not item.sources:
            report(
                f"{at}.sources",
                f"claim {item} names no sources: a dataset's claim names the sources its "
                'search found (sources = ["source-id", ...])',
            )
        dates: list[PartialDate] = []
        for j, source_id in enumerate(item.sources):
            source = by_id.get(source_id)
            if not isinstance(source, Source):
                report(f"{at}.sources[{j}]", unknown(Source, "source", source_id))
            elif (date := source.published or source.accessed) is not None:
                dates.append(date)
        latest = max(dates, key=lambda date: date.latest, default=None)
        if latest is not None and item.period.latest > latest.latest:
            report(
                f"{at}.period",
                f"claim {item} ends after its latest source's date, {latest}: a claim reaches "
                "no later than the publication of its latest source (or, undated, the day it "
                f"was read), compared to the day ({item.period.latest.isoformat()} is after "
                f"{latest.latest.isoformat()})",
            )
        if isinstance(search, Search):
            if not search.years.contains(item.period):
                report(
                    f"{at}.period",
                    f"claim {item} reaches outside the years search {search.id!r} looked at, "
                    f"{search.years}",
                )
            if item.period.latest > search.done.latest:
                report(
                    f"{at}.period",
                    f"claim {item} ends after search {search.id!r} was done, {search.done}",
                )
    return problems
