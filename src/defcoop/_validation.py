"""Whole-dataset checks: unique ids, references that resolve, citations inside their sources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from defcoop._names import normalize, suggest
from defcoop.errors import Problem
from defcoop.model import (
    Agreement,
    Citation,
    Country,
    Event,
    Field,
    Mechanism,
    Organization,
    Person,
    Record,
    Relationship,
    Source,
)

_KIND_NAMES: dict[type, str] = {
    Source: "source",
    Country: "country",
    Field: "field",
    Person: "person",
    Organization: "organization",
    Agreement: "agreement",
    Event: "event",
    Mechanism: "mechanism",
    Relationship: "relationship",
}


def kind_name(record_type: type) -> str:
    """The word for a record type in messages and queries ("agreement", "person", ...)."""
    return _KIND_NAMES[record_type]


@attrs.frozen
class Origin:
    """Where a record was read from: the file and its path inside the file."""

    file: str
    path: str


Locate = Callable[[Record], Origin]


def _references(record: Record) -> Iterator[tuple[str, str, type]]:
    """Every id a record refers to, as ``(attribute path, id, expected record type)``."""
    if isinstance(record, Field) and record.broader is not None:
        yield "broader", record.broader, Field
    if isinstance(record, Person):
        if record.country is not None:
            yield "country", record.country, Country
        for i, role in enumerate(record.roles):
            if role.organization is not None:
                yield f"roles[{i}].organization", role.organization, Organization
    if isinstance(record, Organization):
        if record.country is not None:
            yield "country", record.country, Country
        if record.parent is not None:
            yield "parent", record.parent, Organization
    if isinstance(record, Agreement | Event | Mechanism | Relationship):
        for i, party in enumerate(record.parties):
            yield f"parties[{i}]", party, Country
    if isinstance(record, Agreement | Mechanism | Relationship):
        for field in sorted(record.fields):
            yield "fields", field, Field
    if isinstance(record, Agreement):
        for i, org in enumerate(record.signatories):
            yield f"signatories[{i}]", org, Organization
        if record.signed_during is not None:
            yield "signed_during", record.signed_during, Event
    if isinstance(record, Event):
        for i, person in enumerate(record.participants):
            yield f"participants[{i}]", person, Person
        for name in ("part_of", "organizer", "forum"):
            target = getattr(record, name)
            if target is not None:
                yield name, target, Event if name == "part_of" else Organization
    if isinstance(record, Relationship):
        for i, forum in enumerate(record.forums):
            yield f"forums[{i}]", forum, Organization


def _citations(record: Record) -> Iterator[tuple[str, Citation]]:
    for i, citation in enumerate(getattr(record, "sources", ())):
        yield f"sources[{i}]", citation
    if isinstance(record, Relationship):
        for i, item in enumerate(record.evidence):
            for j, citation in enumerate(item.sources):
                yield f"evidence[{i}].sources[{j}]", citation


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


class _Checker:
    def __init__(self, records: Sequence[Record], locate: Locate) -> None:
        self.records = records
        self.locate = locate
        self.problems: list[Problem] = []
        self.by_id: dict[str, Record] = {}

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

    def references(self) -> None:
        for record in self.records:
            for attribute, target_id, expected in _references(record):
                target = self.by_id.get(target_id)
                if isinstance(target, expected):
                    continue
                wanted = kind_name(expected)
                if target is None:
                    pool = [r.id for r in self.by_id.values() if isinstance(r, expected)]
                    close = suggest(target_id, pool)
                    hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
                    message = f"no {wanted} has the id {target_id!r}{hint}"
                else:
                    found = kind_name(type(target))
                    message = f"{target_id!r} is {_a(found)} {found}, not {_a(wanted)} {wanted}"
                self.report(record, attribute, message)

    def citations(self) -> None:
        for record in self.records:
            for attribute, citation in _citations(record):
                source = self.by_id.get(citation.source)
                if not isinstance(source, Source):
                    pool = [r.id for r in self.by_id.values() if isinstance(r, Source)]
                    close = suggest(citation.source, pool)
                    hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
                    self.report(
                        record,
                        attribute,
                        f"no source has the id {citation.source!r}{hint}",
                    )
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
                event = self.by_id.get(record.signed_during)
                if (
                    isinstance(event, Event)
                    and event.when
                    and not event.when.contains(record.signed)
                ):
                    self.report(
                        record,
                        "signed",
                        f"signed {record.signed} lies outside {event.id!r}, "
                        f"which took place {event.when}",
                    )
            if isinstance(record, Event) and record.when and record.part_of:
                parent = self.by_id.get(record.part_of)
                if (
                    isinstance(parent, Event)
                    and parent.when
                    and not parent.when.contains(record.when)
                ):
                    self.report(
                        record,
                        "when",
                        f"{record.when} lies outside {parent.id!r} ({parent.when}), "
                        "which it is part of",
                    )

    def cycles(self) -> None:
        links: dict[str, str] = {}
        for record in self.records:
            parent = (
                record.broader
                if isinstance(record, Field)
                else record.parent
                if isinstance(record, Organization)
                else record.part_of
                if isinstance(record, Event)
                else None
            )
            if parent is not None:
                links[record.id] = parent
        reported: set[str] = set()
        for start in links:
            seen = [start]
            current = links[start]
            while current in links and current not in seen:
                seen.append(current)
                current = links[current]
            if current in seen and current == start and not reported & set(seen):
                reported.update(seen)
                self.report(
                    self.by_id[start],
                    None,
                    "refers back to itself: " + " -> ".join([*seen, start]),
                )

    def unique_keys(self) -> None:
        """Codes and names that find a country or a dyad must find only one."""
        owners: dict[str, Record] = {}
        for record in self.records:
            if isinstance(record, Country):
                keys = [
                    f"alpha2 {record.alpha2}",
                    *([f"numeric {record.numeric}"] if record.numeric else []),
                    *([f"cow_code {record.cow_code}"] if record.cow_code is not None else []),
                    *(f"name {normalize(n)!r}" for n in (record.name, *record.names)),
                ]
            elif isinstance(record, Relationship):
                keys = ["parties " + "+".join(sorted(record.parties))]
            else:
                continue
            for key in keys:
                first = owners.setdefault(key, record)
                if first is not record:
                    self.report(
                        record,
                        key.split(" ")[0],
                        f"{key} is already used by {first.id!r}",
                    )


def check(records: Sequence[Record], locate: Locate) -> list[Problem]:
    """Every reference, citation and date problem in a structurally sound set of records."""
    checker = _Checker(records, locate)
    checker.unique_ids()
    checker.references()
    checker.citations()
    checker.dates()
    checker.cycles()
    checker.unique_keys()
    return checker.problems


def group_by_kind(records: Iterable[Record]) -> dict[type, list[Record]]:
    """Records grouped by their class, in the order given."""
    groups: dict[type, list[Record]] = defaultdict(list)
    for record in records:
        groups[type(record)].append(record)
    return groups
