"""Whole-dataset checks: unique ids, references that resolve, citations inside their sources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, compress
from operator import attrgetter
from typing import Any, NamedTuple

import attrs

from defcoop._quote import quote
from defcoop.errors import Problem
from defcoop.model import registry
from defcoop.model._inside_coverage import outside_coverage
from defcoop.model._keys import name_keys
from defcoop.model._names import normalize
from defcoop.model._taxonomy import field_column
from defcoop.model._unresolved import UnknownIds, walked_types
from defcoop.model.dates import PartialDate, Period
from defcoop.model.records import (
    Agreement,
    Citation,
    Country,
    Event,
    Field,
    Record,
    Relationship,
    Source,
)


def kind_name(record_type: type) -> str:
    """The word for a record type in messages and queries ("agreement", "person", ...)."""
    return registry.of(record_type).singular


class Origin(NamedTuple):
    """Where a record was read from: the file and its path inside the file."""

    file: str
    path: str


Locate = Callable[[Record], Origin]


def model_type(record: Record) -> type:
    """The model class a record is an instance of (its own class, or the one it derives from)."""
    try:
        return registry.of(type(record)).cls
    except TypeError:
        raise TypeError(f"not a defcoop record: {record!r}") from None


def _references(record: Record) -> Iterator[tuple[str, str, type]]:
    """Every id a record refers to, as ``(attribute path, id, expected record type)``."""
    for reference in registry.of(type(record)).references:
        expected = reference.target_type
        for path, value in _values_at(record, reference.attribute):
            if value is None:
                continue
            if isinstance(value, frozenset):
                for item in sorted(value):
                    yield path, item, expected
            elif isinstance(value, tuple):
                for i, item in enumerate(value):
                    yield f"{path}[{i}]", item, expected
            else:
                yield path, value, expected


def _values_at(record: Any, attribute: str) -> Iterator[tuple[str, Any]]:
    """The value at an attribute path: ``"parties"``, or ``"roles.organization"`` per role."""
    name, _, rest = attribute.partition(".")
    value = getattr(record, name)
    if not rest:
        yield name, value
        return
    for i, item in enumerate(value):
        for path, found in _values_at(item, rest):
            yield f"{name}[{i}].{path}", found


def _citations(record: Record) -> Iterator[tuple[str, Citation]]:
    for i, citation in enumerate(getattr(record, "sources", ())):
        yield f"sources[{i}]", citation
    if isinstance(record, Relationship):
        for i, item in enumerate(record.evidence):
            for j, citation in enumerate(item.sources):
                yield f"evidence[{i}].sources[{j}]", citation


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


_CYCLE_SHOWN = 8  # ids of a cycle shown in its message; longer cycles are cut


class _Checker:
    def __init__(self, records: Sequence[Record], locate: Locate) -> None:
        self.records = records
        self.locate = locate
        self.problems: list[Problem] = []
        self.by_id: dict[str, Record] = {}
        self._unknown = UnknownIds(self.by_id)
        # The record types holding an unknown id (or paragraph): the others are not walked.
        self._walked: tuple[set[type], set[type]] | None = None

    def report(self, record: Record, attribute: str | None, message: str) -> None:
        origin = self.locate(record)
        path = origin.path if attribute is None else f"{origin.path}.{attribute}"
        top = None if attribute is None else attribute.split("[")[0].split(".")[0]
        self.problems.append(
            Problem(
                file=origin.file,
                path=path,
                record=record.id,
                attribute=top,
                message=message,
            )
        )

    def unique_ids(self) -> None:
        positions: dict[int, int] = {}
        for position, record in enumerate(self.records):
            first = self.by_id.setdefault(record.id, record)
            if first is not record:
                origin = self.locate(first)
                self.report(
                    record,
                    "id",
                    f"id {record.id!r} is used twice: first by the {kind_name(type(first))} "
                    f"at {origin.file} @ {origin.path}",
                )
            elif positions.setdefault(id(record), position) != position:
                # The very same object given twice (records built in code) would be indexed
                # twice under one id if it were not refused here.
                self.report(
                    record,
                    "id",
                    f"id {record.id!r} is used twice: the same {kind_name(type(record))} is "
                    f"given at positions {positions[id(record)]} and {position}",
                )

    def _types(self) -> tuple[set[type], set[type]]:
        if self._walked is None:
            self._walked = walked_types(self.records, self.by_id)
        return self._walked

    def references(self) -> None:
        walked = self._types()[0]
        for record in self.records:
            if type(record) not in walked:
                continue
            for attribute, target_id, expected in _references(record):
                target = self.by_id.get(target_id)
                if isinstance(target, expected):
                    continue
                wanted = kind_name(expected)
                if target is None:
                    message = self._unknown.message(target_id, expected)
                else:
                    found = kind_name(type(target))
                    message = f"{target_id!r} is {_a(found)} {found}, not {_a(wanted)} {wanted}"
                self.report(record, attribute, message)

    def citations(self) -> None:
        walked = self._types()[1]
        for record in self.records:
            if type(record) not in walked:
                continue
            for attribute, citation in _citations(record):
                source = self.by_id.get(citation.source)
                if not isinstance(source, Source):
                    self.report(record, attribute, self._unknown.message(citation.source, Source))
                elif citation.paragraph > source.paragraphs:
                    self.report(
                        record,
                        attribute,
                        f"paragraph {citation.paragraph} is past the end of source "
                        f"{source.id!r}, which has {source.paragraphs} paragraphs",
                    )

    def dates(self) -> None:
        for record in self.records:
            if isinstance(record, Agreement) and record.signed and record.signed_during:
                self._within_event(
                    record,
                    "signed",
                    record.signed,
                    record.signed_during,
                    "signed {date} lies outside {event!r}, which took place {when}",
                )
            if isinstance(record, Event) and record.when and record.part_of:
                self._within_event(
                    record,
                    "when",
                    record.when,
                    record.part_of,
                    "{date} lies outside {event!r} ({when}), which it is part of",
                )

    def _within_event(
        self,
        record: Record,
        attribute: str,
        date: PartialDate | Period,
        event_id: str,
        message: str,
    ) -> None:
        event = self.by_id.get(event_id)
        if isinstance(event, Event) and event.when and not event.when.contains(date):
            self.report(
                record, attribute, message.format(date=date, event=event.id, when=event.when)
            )

    def cycles(self) -> None:
        """Each cycle of parent links once, at its first record: one walk over the links."""
        links = _parent_links(self.records)
        walked: dict[str, int] = {}  # each id, with the number of the walk that reached it
        for walk, start in enumerate(links):
            path: list[str] = []
            current = start
            while current in links and current not in walked:
                walked[current] = walk
                path.append(current)
                current = links[current]
            if walked.get(current) == walk:  # this walk came back to itself
                cycle = path[path.index(current) :]
                shown = cycle if len(cycle) <= _CYCLE_SHOWN else [*cycle[:_CYCLE_SHOWN], "…"]
                more = "" if len(cycle) <= _CYCLE_SHOWN else f" ({len(cycle)} records)"
                self.report(
                    self.by_id[current],
                    None,
                    "refers back to itself: " + " -> ".join([*shown, current]) + more,
                )

    def coverage(self) -> None:
        """Every dated record inside the coverage of one of its sources (the guide's rule)."""
        for record, attribute, message in outside_coverage(self.records, self.by_id):
            self.report(record, attribute, message)

    def unique_keys(self) -> None:
        """Every id, code and name that a lookup accepts finds one record (see Clash)."""
        for clash in _key_clashes(self.records):
            origin = self.locate(clash.other)
            other = f"{kind_name(type(clash.other))} {clash.other.id!r}"
            where = f"{origin.file} @ {origin.path}"
            self.report(
                clash.record,
                clash.attribute,
                f"{clash.attribute} {quote(clash.text)} is already the {clash.other_attribute} "
                f"of the {other} ({where}): {clash.message}",
            )


def _parent_links(records: Iterable[Record]) -> dict[str, str]:
    links: dict[str, str] = {}
    for record in records:
        name = registry.of(type(record)).parent
        parent = None if name is None else getattr(record, name)
        if parent is not None:
            links[record.id] = parent
    return links


class Clash(NamedTuple):
    """A key that would make a lookup ambiguous: ``record``'s ``attribute`` holds ``text``,
    which ``other`` already has (as its ``other_attribute``), or a second relationship of a pair."""

    record: Record
    attribute: str
    text: str
    other: Record
    other_attribute: str
    message: str


def _key_clashes(records: Iterable[Record]) -> Iterator[Clash]:
    """Each key that would make a lookup ambiguous.

    Ids share one namespace, and every name a record type declares (``names=`` in its
    record-type declaration: a country's codes and names, a field's label and aliases, a
    person's, organization's or mechanism's name and aliases) is a key its lookups accept;
    keys are compared without regard to case, diacritics or spacing
    (:func:`~defcoop.model._names.normalize`). So an id belongs to one record, a name may not
    be another record's id (a mechanism's alias that is an event's id), and within a record
    type a name belongs to one record (two people with one alias). A record may repeat its own
    keys (a name that is also its id). Two countries' keys may coincide only when they are of
    different kinds (``AUS`` is Australia's ISO code and Austria's COW abbreviation): lookups
    try the kinds in the order the record type declares them. A pair of countries has one
    relationship, and two fields never make one panel column (ids that differ only by ``-``,
    ``_``, ``.`` or ``:``).
    """
    ids: dict[str, Record] = {}
    names: dict[tuple[type, str], tuple[Record, str]] = {}
    countries: dict[tuple[str, str], tuple[Record, str]] = {}
    dyads: dict[frozenset[str], Record] = {}
    columns: dict[str, Record] = {}
    keyed: list[tuple[Record, list[tuple[str, str]]]] = []
    for record in records:
        if isinstance(record, Field):
            column = field_column(record.id)
            holder = columns.setdefault(column, record)
            if holder is not record and holder.id != record.id:
                why = f"ids differing only by - _ . : make one panel column, {column!r}"
                yield Clash(record, "id", record.id, holder, "panel column", why)
        first = ids.setdefault(normalize(record.id), record)
        if first is not record and first.id != record.id:  # the same id twice: unique_ids
            yield Clash(record, "id", record.id, first, "id", "an id must find one record")
        keys = list(name_keys(record))
        if keys:
            keyed.append((record, keys))
        if isinstance(record, Relationship):
            pair = dyads.setdefault(frozenset(record.parties), record)
            if pair is not record:
                shown = "+".join(sorted(record.parties))
                yield Clash(
                    record, "parties", shown, pair, "parties", "a pair has one relationship"
                )
    for record, keys in keyed:
        country = isinstance(record, Country)
        for attribute, text in keys:
            key = normalize(text)
            owner = ids.get(key)
            if (
                owner is not None
                and owner is not record
                and not (country and isinstance(owner, Country))
            ):
                yield Clash(record, attribute, text, owner, "id", "a name must not be an id")
                continue
            if country:
                kind = "name" if attribute in ("names", "name") else attribute
                first, first_attribute = countries.setdefault((kind, key), (record, attribute))
                message = "a code or name must find one country"
            else:
                first, first_attribute = names.setdefault((type(record), key), (record, attribute))
                message = f"a name must find one {kind_name(type(record))}"
            if first is not record:
                yield Clash(record, attribute, text, first, first_attribute, message)


def check(records: Sequence[Record], locate: Locate) -> list[Problem]:
    """Every reference, citation, date, coverage and key problem in sound records."""
    checker = _Checker(records, locate)
    checker.unique_ids()
    checker.references()
    checker.citations()
    checker.dates()
    checker.coverage()
    checker.cycles()
    checker.unique_keys()
    return checker.problems


def group_by_kind(records: Iterable[Record]) -> dict[type, list[Record]]:
    """Records grouped by their model class, in the order given."""
    groups: dict[type, list[Record]] = defaultdict(list)
    for record in records:
        groups[model_type(record)].append(record)
    return dict(groups)


def ids(groups: Mapping[type, Sequence[Record]]) -> dict[str, Record]:
    """Every record by id; fewer entries than records when an id is used twice."""
    by_id: dict[str, Record] = {}
    for cls, group in groups.items():
        by_id.update(zip(map(_id_of(cls), group), group, strict=True))
    return by_id


def _id_of(cls: type) -> Callable[[Any], str]:
    return attrgetter(registry.of(cls).id_attribute)


def is_sound(groups: Mapping[type, Sequence[Record]], by_id: Mapping[str, Record]) -> bool:
    """Whether :func:`check` would find nothing, answered quickly for large datasets.

    The checks are those of :func:`check`, done over each attribute of a whole record type
    at once (sets of distinct ids, citations and dates) rather than record by record. A
    false answer means only "look closer": the caller then runs :func:`check` for the
    detailed problems. ``by_id`` must hold every record (no id used twice).
    """
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
    dated = chain.from_iterable(
        groups.get(declared.cls, ()) for declared in registry.record_types() if declared.observed
    )
    return (
        _citations_sound(groups, by_id)
        and _dates_sound(groups, by_id)
        and next(outside_coverage(dated, by_id), None) is None
        and not _has_cycle(groups)
        and next(_key_clashes(_keyed(groups)), None) is None
    )


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
