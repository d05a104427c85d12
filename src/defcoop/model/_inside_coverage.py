"""The curation guide's coverage rule: every dated record lies inside what one of its sources
looked at.

A panel counts a record only in cells some coverage reaches; a record dated outside its
sources' coverage would be dropped silently, or contradict the coverage its own sources
declare. So a record observed at a date (an occurred event's ``when``, an agreement's
``signed``) that cites any source declaring coverage must lie inside one coverage entry of one
of those sources: an entry naming only countries among the record's parties (one state, its
pair, or every state) whose period contains the whole date. Sources that declare no coverage
(cited for undated facts) are not held to it; another source may be cited for a detail of
another time. Loading checks this (:mod:`defcoop.model._validation`), the strategies repair
their datasets with it, and ``docs/curation.md`` states it for curators. Here too is the check
of the countries a dataset's own coverage names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from defcoop._quote import quote
from defcoop.errors import Problem
from defcoop.model._names import Suggester, did_you_mean
from defcoop.model._parts import Coverage
from defcoop.model.dates import PartialDate, Period
from defcoop.model.kinds import EventStatus
from defcoop.model.records import Agreement, Country, Event, Record, Source

__all__ = ["check_coverage", "covering", "observed", "outside_coverage"]


def observed(record: Record) -> tuple[str, PartialDate | Period] | None:
    """The attribute and date a record is observed at: an occurred event's ``when``, an
    agreement's ``signed``; None for others. A planned event is not observed at its date: the
    source that reports the plan need not have looked at the year it names."""
    if isinstance(record, Event) and record.status is EventStatus.OCCURRED and record.when:
        return "when", record.when
    if isinstance(record, Agreement) and record.signed is not None:
        return "signed", record.signed
    return None


def outside_coverage(
    records: Iterable[Record], by_id: Mapping[str, Record]
) -> Iterator[tuple[Record, str, str]]:
    """Each dated record outside every coverage entry of its sources that declare coverage,
    with the attribute and a message naming those sources and what they cover."""
    declared: dict[str, tuple[Coverage, ...]] = {}
    for record in records:
        seen = observed(record)
        if seen is None:
            continue
        attribute, date = seen
        entries: list[tuple[str, Coverage]] = []
        for citation in record.sources:  # type: ignore[union-attr]
            found = declared.get(citation.source)
            if found is None:
                source = by_id.get(citation.source)
                found = source.coverage if isinstance(source, Source) else ()
                declared[citation.source] = found
            entries += [(citation.source, entry) for entry in found]
        if not entries:
            continue
        parties = set(getattr(record, "parties", ()))
        if any(set(e.countries) <= parties and e.period.contains(date) for _, e in entries):
            continue
        shown = "; ".join(f"{source}: {entry}" for source, entry in dict.fromkeys(entries))
        yield (
            record,
            attribute,
            f"{date} lies outside the coverage of its sources ({shown}): a panel would not "
            "count it; widen a source's coverage, or cite a source that looked at it",
        )


def covering(record: Record) -> Coverage | None:
    """A coverage entry that covers a dated record: its first party (or every state, for a
    record without parties) over its date. None for a record that is not dated."""
    seen = observed(record)
    if seen is None:
        return None
    date = seen[1]
    period = date if isinstance(date, Period) else Period(date, date)
    parties = tuple(getattr(record, "parties", ()))[:1]
    return Coverage(countries=parties, period=period)


def check_coverage(info: Any, by_id: Mapping[str, Record]) -> list[Problem]:
    """Problems with the countries a dataset's own ``coverage`` names (a ``[dataset]`` table)."""
    problems = []
    suggester: Suggester | None = None
    for i, item in enumerate(getattr(info, "coverage", ())):
        for j, country in enumerate(item.countries):
            if not isinstance(by_id.get(country), Country):
                if suggester is None:
                    suggester = Suggester([r.id for r in by_id.values() if isinstance(r, Country)])
                close = did_you_mean(suggester.close(country))
                message = f"no country has the id {quote(country)}{close}"
                path = f"$.dataset.coverage[{i}].countries[{j}]"
                problems.append(Problem(file="[dataset]", path=path, message=message))
    return problems
