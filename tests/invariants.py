"""What every valid dataset satisfies, checked independently of defcoop's own validation.

Shared by the property tests over generated datasets and over whatever a fuzzed load accepts.
"""

from __future__ import annotations

from typing import Any

from _helpers import citations
from defcoop import (
    Agreement,
    Country,
    Dataset,
    Event,
    Field,
    Mechanism,
    Organization,
    Person,
    Record,
    Relationship,
    Source,
)
from defcoop.model._names import normalize

# For each record type, the attributes holding ids and the type of record each must name.
REFERENCES: dict[type, dict[str, type]] = {
    Field: {"broader": Field},
    Person: {"country": Country, "roles.organization": Organization},
    Organization: {"country": Country, "parent": Organization},
    Agreement: {
        "parties": Country,
        "signatories": Organization,
        "fields": Field,
        "signed_during": Event,
    },
    Event: {
        "parties": Country,
        "host": Country,
        "participants": Person,
        "part_of": Event,
        "organizer": Organization,
        "forum": Organization,
    },
    Mechanism: {"parties": Country, "fields": Field},
    Relationship: {
        "parties": Country,
        "fields": Field,
        "forums": Organization,
        "evidence.field": Field,
    },
}

# The links that must never loop: a field's broader field, an organization's parent, an
# event's enclosing event.
PARENTS: dict[type, str] = {Field: "broader", Organization: "parent", Event: "part_of"}


def ids_in(record: Record, attribute: str) -> list[str]:
    """The ids held by ``attribute`` (``"roles.organization"`` looks inside each role)."""
    outer, _, inner = attribute.partition(".")
    value: Any = getattr(record, outer)
    if inner:
        return [i for item in value for i in [getattr(item, inner)] if i is not None]
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def assert_integrity(db: Dataset) -> None:
    """Ids unique; references resolve to the right kind; citations inside their sources; links
    never loop; dates nest; dyads, country codes and country names unique."""
    records = list(db)
    by_id = {r.id: r for r in records}
    assert len(by_id) == len(records) == len(db)
    for record in records:
        assert db.get(record.id) is record
        for attribute, kind in REFERENCES.get(type(record), {}).items():
            for target in ids_in(record, attribute):
                assert isinstance(by_id.get(target), kind), (record.id, attribute, target)
        for citation in citations(record):
            source = by_id.get(citation.source)
            assert isinstance(source, Source), (record.id, citation)
            assert 1 <= citation.paragraph <= source.paragraphs, (record.id, citation)
        if isinstance(record, Event) and record.host is not None:
            assert record.host in record.parties
    for kind, attribute in PARENTS.items():
        for record in (r for r in records if isinstance(r, kind)):
            seen = {record.id}
            parent = getattr(record, attribute)
            while parent is not None:
                assert parent not in seen, (record.id, attribute, parent)
                seen.add(parent)
                parent = getattr(by_id[parent], attribute)
    for record in records:
        if isinstance(record, Agreement) and record.signed and record.signed_during:
            venue = by_id[record.signed_during]
            assert isinstance(venue, Event)
            assert venue.when is None or venue.when.contains(record.signed)
        if isinstance(record, Event) and record.when and record.part_of:
            parent = by_id[record.part_of]
            assert isinstance(parent, Event)
            assert parent.when is None or parent.when.contains(record.when)
    dyads = [frozenset(r.parties) for r in records if isinstance(r, Relationship)]
    assert len(set(dyads)) == len(dyads)
    countries = [r for r in records if isinstance(r, Country)]
    for key in ("alpha2", "numeric", "cow_code", "cow_abbrev"):
        values = [getattr(c, key) for c in countries if getattr(c, key) is not None]
        assert len(set(values)) == len(values), key
    names = [name for c in countries for name in {normalize(n) for n in (c.name, *c.names)}]
    assert len(set(names)) == len(names)
