"""The quick pass over a whole dataset: which of the detailed checks could find a problem.

A clean load runs only this pass. Each check of :func:`~defcoop.model._validation.check` is
done here over each attribute of a whole record type at once (sets of distinct ids,
citations and dates) rather than record by record, and answers only "sound" or "look
closer". When some check says "look closer", the loader runs the detailed version of that
check alone, so a file with 20,000 misspelt citations pays for the citation check, not for
the key, date and coverage checks that have nothing to say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain, compress
from operator import attrgetter
from typing import Any

import attrs

from defcoop.model import registry
from defcoop.model._inside_coverage import outside_coverage
from defcoop.model._validation import _key_clashes, _values_at
from defcoop.model.dates import PartialDate, Period
from defcoop.model.records import Agreement, Citation, Event, Record, Relationship, Source


def doubtful(
    groups: Mapping[type, Sequence[Record]], by_id: Mapping[str, Record]
) -> frozenset[str]:
    """The checks of :data:`~defcoop.model._validation.CHECKS` that could find a problem.

    Empty exactly when :func:`~defcoop.model._validation.check` would find nothing. A check
    named here may still find nothing in detail (the quick pass is allowed to be wary), but
    a check not named is certain to find nothing. ``by_id`` must hold every record (no id
    used twice).
    """
    tests: dict[str, Callable[[], bool]] = {
        "references": lambda: _references_sound(groups, by_id),
        "citations": lambda: _citations_sound(groups, by_id),
        "dates": lambda: _dates_sound(groups, by_id),
        "coverage": lambda: _coverage_sound(groups, by_id),
        "cycles": lambda: not _has_cycle(groups),
        "unique_keys": lambda: next(_key_clashes(_keyed(groups)), None) is None,
    }
    return frozenset(name for name, sound in tests.items() if not sound())


def is_sound(groups: Mapping[type, Sequence[Record]], by_id: Mapping[str, Record]) -> bool:
    """Whether :func:`~defcoop.model._validation.check` would find nothing.

    >>> from defcoop.model._validation import group_by_kind, ids
    >>> groups = group_by_kind([Source(id="report", language="en", paragraphs=3)])
    >>> is_sound(groups, ids(groups))
    True
    """
    return not doubtful(groups, by_id)


def _references_sound(groups: Mapping[type, Sequence[Record]], by_id: Mapping[str, Record]) -> bool:
    for cls, group in groups.items():
        for reference in registry.of(cls).references:
            expected = reference.target_type
            if "." in reference.attribute:  # inside the items of a list: record by record
                for record in group:
                    for _, value in _values_at(record, reference.attribute):
                        found = value if isinstance(value, tuple | frozenset) else (value,)
                        if any(
                            v is not None and not isinstance(by_id.get(v), expected) for v in found
                        ):
                            return False
                continue
            values = _distinct(group, reference.attribute)
            if not all(isinstance(by_id.get(value), expected) for value in values):
                return False
    return True


def _coverage_sound(groups: Mapping[type, Sequence[Record]], by_id: Mapping[str, Record]) -> bool:
    dated = chain.from_iterable(
        groups.get(declared.cls, ()) for declared in registry.record_types() if declared.observed
    )
    return next(outside_coverage(dated, by_id), None) is None


def _keyed(groups: Mapping[type, Sequence[Record]]) -> Iterator[Record]:
    for group in groups.values():
        yield from group


def _distinct(group: Sequence[Record], name: str) -> set[Any]:
    values = list(map(attrgetter(name), group))
    if values and isinstance(values[0], tuple | frozenset):
        # Loaded records share equal id lists: look into each shared list once.
        lists = dict(zip(map(id, values), values, strict=True)).values()
        return set(chain.from_iterable(lists))
    found = set(values)
    found.discard(None)
    return found


def _citations_sound(groups: Mapping[type, Sequence[Record]], by_id: Mapping[str, Record]) -> bool:
    cited: list[Citation] = []
    for cls, group in groups.items():
        if "sources" not in attrs.fields_dict(cls):
            continue
        cited += chain.from_iterable(map(attrgetter("sources"), group))
    for relationship in groups.get(Relationship, ()):
        for item in relationship.evidence:  # type: ignore[union-attr]
            cited += item.sources
    # Records share equal citations, so each distinct object is checked once.
    for citation in dict(zip(map(id, cited), cited, strict=True)).values():
        source = by_id.get(citation.source)
        if not isinstance(source, Source) or citation.paragraph > source.paragraphs:
            return False
    return True


def _dates_sound(groups: Mapping[type, Sequence[Record]], by_id: Mapping[str, Record]) -> bool:
    spans: dict[int, tuple[int, int]] = {}

    def span(value: PartialDate | Period) -> tuple[int, int]:
        known = spans.get(id(value))
        if known is None:
            known = spans[id(value)] = (value.earliest.toordinal(), value.latest.toordinal())
        return known

    def inside(inner: PartialDate | Period, outer: Period) -> bool:
        (low, high), (start, end) = span(inner), span(outer)
        return start <= low and high <= end

    # A date inside the event it names: an agreement's signing, an event's part of another.
    for cls, link, date in ((Agreement, "signed_during", "signed"), (Event, "part_of", "when")):
        group = groups.get(cls, ())
        for record in compress(group, map(attrgetter(link), group)):
            inner, outer = getattr(record, date), by_id.get(getattr(record, link))
            if inner and isinstance(outer, Event) and outer.when and not inside(inner, outer.when):
                return False
    return True


def _has_cycle(groups: Mapping[type, Sequence[Record]]) -> bool:
    links: dict[str, str] = {}
    for cls, group in groups.items():
        name = registry.of(cls).parent
        if name is None:
            continue
        links.update(
            (record.id, getattr(record, name))
            for record in compress(group, map(attrgetter(name), group))
        )
    walked: dict[str, str] = {}
    for start in links:
        current: str | None = start
        while current is not None and current not in walked:
            walked[current] = start
            current = links.get(current)
        if current is not None and walked[current] == start:
            return True
    return False
