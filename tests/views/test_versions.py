"""Views name the data version and the code version: panel metadata and graph attributes."""

from __future__ import annotations

import pytest

import defcoop
from defcoop import Dataset


def test_panel_metadata_names_both_versions(db: Dataset) -> None:
    """A panel's metadata has the data version and the code version that built it."""
    panel = db.state_years(years="2018", frame=False)
    assert panel.metadata["data_version"] == db.info.version  # type: ignore[union-attr]
    assert panel.metadata["code_version"] == defcoop.__version__


def test_graph_attributes_name_both_versions(db: Dataset) -> None:
    """The graph carries the data and code versions beside its name."""
    pytest.importorskip("networkx")
    graph = defcoop.to_graph(db)
    assert graph.graph["data_version"] == db.info.version  # type: ignore[union-attr]
    assert graph.graph["code_version"] == db.info.code_version == defcoop.__version__  # type: ignore[union-attr]
