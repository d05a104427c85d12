"""A dataset as a networkx graph of typed nodes and typed edges.

networkx is an optional extra (``pip install "defcoop[networkx]"``), imported on the first
call. Node and edge attributes are plain text, so the graph can be written to GraphML or
GEXF as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from defcoop import _display
from defcoop._extras import require
from defcoop._validation import kind_name
from defcoop.model import (
    Agreement,
    Country,
    Event,
    Mechanism,
    Organization,
    Person,
    Record,
    Relationship,
)

if TYPE_CHECKING:
    import networkx

    from defcoop.dataset import Dataset

__all__ = ["EDGE_TYPES", "NODE_TYPES", "to_graph"]

NODE_TYPES = (
    "country",
    "person",
    "organization",
    "agreement",
    "event",
    "mechanism",
    "relationship",
)
"""The ``type`` of every node: one per kind of record in the graph."""

EDGE_TYPES = {
    "party": "agreement, event, mechanism or relationship -> country among its parties",
    "host": "event -> the country where it took place",
    "actor": "event -> the country that acts (for a visit, the visiting side)",
    "recipient": "event -> the country acted upon (for a visit, the host side)",
    "signatory": "agreement -> organization that signed it",
    "signed_during": "agreement -> event it was signed at",
    "participant": "event -> person who took part",
    "part_of": "event -> event it happened within",
    "organizer": "event -> organization that organized it",
    "forum": "event or relationship -> organization or forum it happened in",
    "part_of_relationship": "agreement, event or mechanism -> relationship of two of its parties",
    "country": "person or organization -> its country",
    "parent": "organization -> organization it belongs to",
    "role": "person -> organization they held a position in (attribute ``title``)",
}
"""The ``type`` of every edge, and what it links."""

_NODE_KINDS = (Country, Person, Organization, Agreement, Event, Mechanism, Relationship)


def to_graph(dataset: Dataset) -> networkx.MultiDiGraph:
    """A directed multigraph of a dataset's countries, people, organizations and records.

    Nodes are keyed by record id and carry ``type`` (one of
    :data:`~defcoop.graph.NODE_TYPES`), ``label`` and, where the record has one, ``date`` (its
    text, e.g. ``"2018-11"``); edges carry ``type`` (one of :data:`~defcoop.graph.EDGE_TYPES`),
    which is also their key (``role:<title>`` for roles, one edge per position held). Sources
    and fields are not nodes: query them from the dataset by id. Countries are nodes when a
    record refers to them: the bundled list of every state would otherwise add some two
    hundred nodes without an edge.

    Raises:
        MissingExtraError: when networkx is not installed (``pip install "defcoop[networkx]"``).
    """
    nx: Any = require("networkx", "networkx", purpose="to_graph()")
    graph = nx.MultiDiGraph()
    if dataset.info is not None:
        graph.graph["name"] = f"{dataset.info.name} {dataset.info.version}"
    records = [r for r in dataset if isinstance(r, _NODE_KINDS) and not isinstance(r, Country)]
    for record in records:
        graph.add_node(record.id, **_node(record))
    relationships = [r for r in records if isinstance(r, Relationship)]
    for record in records:
        for target, edge, extra in _edges(record, relationships):
            if target not in graph:
                graph.add_node(target, **_node(dataset.get(target)))
            # One edge of a type between two nodes, except roles: one per title held.
            key = f"{edge}:{extra['title']}" if "title" in extra else edge
            graph.add_edge(record.id, target, key=key, type=edge, **extra)
    return graph


def _node(record: Record) -> dict[str, str]:
    attributes = {"type": kind_name(type(record)), "label": _display.label(record)}
    date = _display.date_of(record)
    if date is not None:
        attributes["date"] = str(date)
    kind = getattr(record, "kind", None)
    if kind is not None:
        attributes["kind"] = str(kind)
    return attributes


def _edges(
    record: Record, relationships: list[Relationship]
) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Every edge from ``record``: (target id, edge type, extra attributes)."""
    if isinstance(record, Agreement | Event | Mechanism | Relationship):
        for party in record.parties:
            yield party, "party", {}
    if isinstance(record, Agreement | Event | Mechanism):
        for relationship in relationships:
            if set(relationship.parties) <= set(record.parties):
                yield relationship.id, "part_of_relationship", {}
    if isinstance(record, Agreement):
        for organization in record.signatories:
            yield organization, "signatory", {}
        if record.signed_during is not None:
            yield record.signed_during, "signed_during", {}
    if isinstance(record, Event):
        for name in ("host", "actor", "recipient"):
            target = getattr(record, name)
            if target is not None:
                yield target, name, {}
        for person in record.participants:
            yield person, "participant", {}
        for name in ("part_of", "organizer", "forum"):
            target = getattr(record, name)
            if target is not None:
                yield target, name, {}
    if isinstance(record, Relationship):
        for forum in record.forums:
            yield forum, "forum", {}
    if isinstance(record, Person | Organization) and record.country is not None:
        yield record.country, "country", {}
    if isinstance(record, Organization) and record.parent is not None:
        yield record.parent, "parent", {}
    if isinstance(record, Person):
        for role in record.roles:
            if role.organization is not None:
                yield role.organization, "role", {"title": role.title}
