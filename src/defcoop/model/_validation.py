"""Whole-dataset checks: unique ids, references that resolve, citations inside their sources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any, NamedTuple

from defcoop._quote import quote
from defcoop.errors import Problem, made_problem
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
        self.problems.append(made_problem(origin.file, message, path, record.id, top))

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
        report = self.report
        # Records share citation objects (one per distinct text in a load): each is judged once.
        verdicts: dict[int, str | None] = {}
        for record in self.records:
            if type(record) not in walked:
                continue
            for attribute, citation in _citations(record):
                key = id(citation)
                try:
                    message = verdicts[key]
                except KeyError:
                    message = verdicts[key] = self._verdict(citation)
                if message is not None:
                    report(record, attribute, message)

    def _verdict(self, citation: Citation) -> str | None:
        """What is wrong with a citation (None when nothing is)."""
        source = self.by_id.get(citation.source)
        if not isinstance(source, Source):
            return self._unknown.message(citation.source, Source)
        if citation.paragraph > source.paragraphs:
            return (
                f"paragraph {citation.paragraph} is past the end of source "
                f"{source.id!r}, which has {source.paragraphs} paragraphs"
            )
        return None

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


CHECKS = ("references", "citations", "dates", "coverage", "cycles", "unique_keys")
"""The checks of :func:`check` after unique ids, in the order they run and report."""


def check(records: Sequence[Record], locate: Locate, only: Iterable[str] = CHECKS) -> list[Problem]:
    """Every reference, citation, date, coverage and key problem in sound records.

    ``only`` names the checks (of :data:`CHECKS`) worth running, when a quick pass
    (:func:`~defcoop.model._soundness.doubtful`) has shown the others find nothing: a file
    with many problems of one kind costs no more than the checks that find them. Ids are
    always checked, since every other check needs them.
    """
    checker = _Checker(records, locate)
    checker.unique_ids()
    wanted = set(only)
    for name in CHECKS:
        if name in wanted:
            getattr(checker, name)()
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
