"""The curation guide's coverage rule for dated records: each lies inside, or begins inside,
what one of its sources covers, unless its sources only recall it.

A panel counts a record only in cells some coverage reaches; a record dated outside its
sources' coverage would be dropped silently, or contradict the coverage its own sources
declare. So a record observed at a date (an occurred event's ``when``, an agreement's
``signed``, a transfer's order or first delivery: each record type declares it) that cites any
source declaring coverage must begin inside one coverage entry of one of those sources: an
entry naming only countries among the record's parties (one state, its pair, or every state)
whose period holds the record's first day (a report written while a visit was under way saw it
begin). A record its sources only recall (it ended before one of their claims for its parties
began) need not lie inside. Sources that declare no coverage (cited for undated facts) are not
held to it. Loading checks this (:mod:`defcoop.model._validation`), the strategies repair
their datasets with it, and ``docs/curation.md`` states it for curators. The claims' own
rules (a source's claims end no later than its date) are
:class:`defcoop.model._coverage.Observed` and :mod:`defcoop.model._claims`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from defcoop.model._parts import Coverage
from defcoop.model.dates import PartialDate, Period
from defcoop.model.records import Record, Source
from defcoop.model.registry import of

__all__ = ["covering", "observed", "outside_coverage"]


def observed(record: Record) -> tuple[str, PartialDate | Period] | None:
    """The attribute and date a record is observed at, as its record type declares it
    (:attr:`defcoop.model.registry.RecordType.observed`): an occurred event's ``when``, an
    agreement's ``signed``, a transfer's ``ordered`` (or its first delivery's year); None for
    a record not observed at a date (a planned event, an undated record) or of a type the
    rule does not hold."""
    declared = of(type(record)).observed
    return None if declared is None else declared(record)


def outside_coverage(
    records: Iterable[Record], by_id: Mapping[str, Record]
) -> Iterator[tuple[Record, str, str]]:
    """Each dated record that begins outside every coverage entry of its sources that declare
    coverage, and that no source only recalls, with the attribute and a message naming those
    sources and what they cover."""
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
        first = date.earliest
        pair = [(source, e) for source, e in entries if set(e.countries) <= parties]
        if any(e.period.earliest <= first <= e.period.latest for _, e in pair):
            continue
        if _recalled(date, pair):
            continue
        shown = "; ".join(f"{source}: {entry}" for source, entry in dict.fromkeys(entries))
        yield (
            record,
            attribute,
            f"{date} begins outside the coverage of its sources ({shown}): a panel would not "
            "count it; widen a source's coverage, or cite a source that looked at it",
        )


def _recalled(date: PartialDate | Period, pair: list[tuple[str, Coverage]]) -> bool:
    """Whether the record's sources only recall it: it ended before a claim of its sources for
    its parties began (counted where some other claim covers its year, and left out of a
    panel's counts, with the reason, where none does)."""
    return any(date.latest < entry.period.earliest for _, entry in pair)


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
