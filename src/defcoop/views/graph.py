"""A dataset as a networkx graph of typed nodes and typed edges.

networkx is an optional extra (``pip install "defcoop[networkx]"``), imported on the first
call. Node and edge attributes are plain text, so the graph can be written to GraphML or
GEXF as it is.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from defcoop._extras import require
from defcoop.model import registry
from defcoop.model.records import Country, Record, Relationship
from defcoop.query import _display

if TYPE_CHECKING:
    import networkx

    from defcoop.query.collection import Collection

__all__ = ["EDGE_TYPES", "NODE_TYPES", "to_graph"]

NODE_TYPES = tuple(declared.singular for declared in registry.record_types() if declared.node)
"""The ``type`` of every node: one per kind of record in the graph (those declared nodes)."""

EDGE_TYPES = {
    "party": "agreement, event, mechanism or relationship -> country among its parties",
    "host": "event -> the country where it took place",
    "actor": "event -> the country that acts (for a visit, the visiting side)",
    "recipient": "event -> the country acted upon (for a visit, the host side); transfer -> "
    "the country that receives the weapons",
    "supplier": "transfer -> the country that supplies the weapons",
    "contract": "transfer -> the agreement that is its contract",
    "signatory": "agreement -> organization that signed it",
    "signed_during": "agreement -> event it was signed at",
    "participant": "event -> person who took part",
    "part_of": "event -> event it happened within",
    "organizer": "event -> organization that organized it",
    "round_of": "event -> mechanism it is a round or session of",
    "forum": "event or relationship -> organization or forum it happened in",
    "part_of_relationship": "agreement, event, mechanism or transfer -> relationship of two of "
    "its parties (a transfer's supplier and recipient)",
    "country": "person or organization -> its country",
    "parent": "organization -> organization it belongs to",
    "role": "person -> organization they held a position in (attribute ``title``)",
}
"""The ``type`` of every edge, and what it links."""

_NODE_KINDS = tuple(declared.cls for declared in registry.record_types() if declared.node)
_IN_RELATIONSHIPS = tuple(declared.cls for declared in registry.record_types() if declared.counted)
"""The record types that are part of the relationship of two of their parties: those panels
count, by their parties."""


def to_graph(dataset: Collection) -> networkx.MultiDiGraph:
    """A directed multigraph of a dataset's countries, people, organizations and records.

    Nodes are keyed by record id and carry ``type`` (one of
    :data:`~defcoop.views.graph.NODE_TYPES`), ``label`` and, where the record has one, ``date``
    (its text, e.g. ``"2018-11"``); edges carry ``type`` (one of
    :data:`~defcoop.views.graph.EDGE_TYPES`), which is also their key (``role:<title>`` for
    roles, one edge per position held). Sources and fields are not nodes: query them from the
    dataset by id. Countries are nodes when a record refers to them: the bundled list of every
    state would otherwise add some two hundred nodes without an edge.

    Raises:
        MissingExtraError: when networkx is not installed (``pip install "defcoop[networkx]"``).
    """
    from defcoop.query.collection import require_dataset

    require_dataset(dataset, "to_graph()")
    nx: Any = require("networkx", "networkx", purpose="to_graph()")
    graph = nx.MultiDiGraph()
    if dataset.info is not None:
        graph.graph["name"] = f"{dataset.info.name} {dataset.info.version}"
        graph.graph["data_version"] = dataset.info.version
        graph.graph["code_version"] = dataset.info.code_version
    records = [r for r in dataset if isinstance(r, _NODE_KINDS) and not isinstance(r, Country)]
    for record in records:
        graph.add_node(record.id, **_node(record))
    # Relationships by their pair of parties, in query order: each record looks up the pairs
    # of its own parties, so that the graph costs time linear in the records.
    relationships = {
        frozenset(r.parties): (position, r)
        for position, r in enumerate(r for r in records if isinstance(r, Relationship))
    }
    for record in records:
        for target, edge, extra in _edges(record, relationships):
            if target not in graph:  # a country, added with the first edge that reaches it
                graph.add_node(target, **_node(dataset.get(target)))
            # One edge of a type between two nodes, except roles: one per title held.
            key = f"{edge}:{extra['title']}" if "title" in extra else edge
            graph.add_edge(record.id, target, key=key, type=edge, **extra)
    return graph


def _node(record: Record) -> dict[str, str]:
    attributes = {"type": registry.of(type(record)).singular, "label": _display.label(record)}
    date = _display.date_of(record)
    if date is not None:
        attributes["date"] = str(date)
    kind = getattr(record, "kind", None)
    if kind is not None:
        attributes["kind"] = str(kind)
    return attributes


def _edges(
    record: Record, relationships: Mapping[frozenset[str], tuple[int, Relationship]]
) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Every edge from ``record``: (target id, edge type, extra attributes).

    Each reference its record type declares with an edge type gives edges; so do a host,
    which is among the parties rather than a reference of its own, and the relationship of
    two of a counted record's parties.
    """
    for reference in registry.of(type(record)).references:
        if reference.edge is None:
            continue
        name, _, inner = reference.attribute.partition(".")
        value = getattr(record, name)
        if inner:  # an attribute of each item, such as the organization of each role
            for item in value:
                target = getattr(item, inner)
                if target is not None:
                    yield target, reference.edge, _item_details(item)
        elif isinstance(value, tuple | frozenset):
            for target in value:
                yield target, reference.edge, {}
        elif value is not None:
            yield value, reference.edge, {}
    host = getattr(record, "host", None)  # an event's: among its parties, not a reference
    if host is not None:
        yield host, "host", {}
    if isinstance(record, _IN_RELATIONSHIPS) and relationships:
        pairs = map(frozenset, itertools.combinations(getattr(record, "parties", ()), 2))
        found = sorted(filter(None, map(relationships.get, pairs)), key=lambda item: item[0])
        for _position, relationship in found:
            yield relationship.id, "part_of_relationship", {}


def _item_details(item: object) -> dict[str, str]:
    """What an edge from an item of a list says of it: a role's title."""
    title = getattr(item, "title", None)
    return {} if title is None else {"title": title}
