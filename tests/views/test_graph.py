"""The dataset as a networkx graph: typed nodes, typed edges, plain attributes."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest

import defcoop
from defcoop import Dataset, MissingExtraError
from defcoop.model import registry
from defcoop.views.graph import EDGE_TYPES, NODE_TYPES

nx = pytest.importorskip("networkx")


@pytest.fixture(scope="module")
def graph(db: Dataset) -> Any:
    """The bundled dataset's graph."""
    return defcoop.to_graph(db)


def edges(graph: Any, edge_type: str) -> set[tuple[str, str]]:
    """The (source, target) pairs of one edge type."""
    return {(u, v) for u, v, t in graph.edges(data="type") if t == edge_type}


def test_nodes_are_the_records_with_their_types(db: Dataset, graph: Any) -> None:
    """Every person, organization, agreement, event, mechanism and dyad is a node, and every
    country a record refers to (not the states nothing refers to)."""
    types = dict(graph.nodes(data="type"))
    present = {registry.of(type(record)).singular for record in db}
    assert set(types.values()) == set(NODE_TYPES) & present
    assert types["VNM"] == "country"
    assert types["ngo-xuan-lich"] == "person"
    assert types["rus-mod"] == "organization"
    assert types["vnm-blr-military-science-2018"] == "agreement"
    assert types["mcis-7"] == "event"
    assert types["vnm-rus-igc-mtc"] == "mechanism"
    assert types["vnm-rus"] == "relationship"
    referred = {"VNM", "RUS", "BLR", "SUN"}
    assert {n for n, kind in types.items() if kind == "country"} == referred
    expected = len(db) - len(db.sources) - len(db.fields) - len(db.countries) + len(referred)
    assert graph.number_of_nodes() == expected


def test_node_attributes(graph: Any) -> None:
    """Nodes carry a label, and a date and kind where the record has them."""
    node = graph.nodes["vnm-blr-military-science-2018"]
    assert node == {
        "type": "agreement",
        "label": "Agreement on military science",
        "date": "2018-11-15",
        "kind": "agreement",
    }
    assert graph.nodes["VNM"]["label"] == "Vietnam"


def test_typed_edges(graph: Any) -> None:
    """Edges say how records are linked: party, host, signatory, participant and the rest."""
    assert ("vnm-blr-military-science-2018", "BLR") in edges(graph, "party")
    assert ("mcis-7", "RUS") in edges(graph, "host")
    assert ("mcis-7", "ngo-xuan-lich") in edges(graph, "participant")
    assert ("vnm-blr-defense-cooperation-training", "vnm-mond") in edges(graph, "signatory")
    assert ("vnm-blr-military-science-2018", "ravkov-visit-vnm-2018-11") in edges(
        graph, "signed_during"
    )
    assert ("lich-shoigu-meeting-2018-04", "mcis-7") in edges(graph, "part_of")
    assert ("mcis-7", "rus-mod") in edges(graph, "organizer")
    assert ("vnm-rus", "arf") in edges(graph, "forum")
    assert ("vnm-rus-igc-mtc", "vnm-rus") in edges(graph, "part_of_relationship")
    assert ("ngo-xuan-lich", "VNM") in edges(graph, "country")
    assert ("rus-mod", "rus-government") in edges(graph, "parent")
    (role,) = [
        data for u, v, data in graph.edges(data=True) if (u, v) == ("ngo-xuan-lich", "vnm-mond")
    ]
    assert role == {"type": "role", "title": "Minister of National Defence"}


def test_records_belong_to_the_relationship_of_their_parties(db: Dataset, graph: Any) -> None:
    """Every agreement, event, mechanism and transfer of Vietnam and Belarus links to their dyad."""
    members = {u for u, v in edges(graph, "part_of_relationship") if v == "vnm-blr"}
    profile = db.dyad("VNM", "BLR")
    records = (*profile.agreements, *profile.events, *profile.mechanisms, *profile.transfers)
    assert members == {r.id for r in records}


def test_every_edge_is_typed_and_joins_typed_nodes(graph: Any) -> None:
    """Every edge has a documented type, is keyed by it, and joins two typed nodes."""
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert data["type"] in EDGE_TYPES
        assert key.split(":")[0] == data["type"]
        assert "type" in graph.nodes[u]
        assert "type" in graph.nodes[v]


def test_host_and_party_edges_coexist(graph: Any) -> None:
    """An event's host is also its party: both edges are kept."""
    assert set(graph["mcis-7"]["RUS"]) == {"party", "host"}


def test_graph_writes_to_graphml(graph: Any) -> None:
    """Attributes are plain text, so the graph writes to GraphML as it is."""
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    assert b"vnm-blr-military-science-2018" in buffer.getvalue()


def test_without_networkx_the_error_names_the_extra(
    db: Dataset, hide_module: Callable[[str], None]
) -> None:
    """Without networkx, to_graph raises MissingExtraError naming defcoop[networkx]."""
    hide_module("networkx")
    with pytest.raises(MissingExtraError, match=r'pip install "defcoop\[networkx\]"') as info:
        defcoop.to_graph(db)
    assert isinstance(info.value, ImportError)
    assert isinstance(info.value, defcoop.DefcoopError)
