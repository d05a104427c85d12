"""Arms transfers in the views: timeline, dyad profile, graph, evidence, citations, display."""

from __future__ import annotations

import pytest

import defcoop
from _helpers import with_transfers
from defcoop import Dataset, PartialDate, Period, Transfer


@pytest.fixture(scope="module")
def db() -> Dataset:
    """The bundled data with three transfers."""
    return with_transfers()


def test_the_timeline_dates_a_transfer_from_order_to_last_delivery(db: Dataset) -> None:
    """A transfer is on the timeline from its order to its last delivery."""
    timeline = db.timeline(party="RUS")
    dates = dict(zip((r.id for r in timeline), timeline.dates(), strict=True))
    assert dates["rus-vnm-project-636-1-2009"] == Period(PartialDate(2009, 12), PartialDate(2016))
    assert dates["vnm-rus-repair-2015"] == Period.parse("2015")


def test_the_timeline_keeps_transfers_wholly_within_when(db: Dataset) -> None:
    """when= keeps a transfer whose order and deliveries all lie within the period."""
    kept = [r.id for r in db.timeline(when="2013/2016") if isinstance(r, Transfer)]
    assert kept == ["rus-vnm-su-30mk2-sample-2013", "vnm-rus-repair-2015"]


def test_the_timeline_draws_orders_and_deliveries() -> None:
    """The chart draws a diamond per order and a bar per delivery year, with a legend."""
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    transfers = with_transfers().dyad("VNM", "RUS").transfers
    ax = defcoop.Timeline(transfers).plot()
    assert len(ax.patches) == 4 + 3  # the submarines' four delivery years, the fighters' three
    assert sum(1 for line in ax.lines if line.get_marker() == "D") == 3
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert "transfer ordered" in labels


def test_the_dyad_profile_holds_transfers_both_ways(db: Dataset) -> None:
    """A pair's profile lists the transfers between them, whichever way they went."""
    profile = db.dyad("Vietnam", "Russia")
    assert [t.id for t in profile.transfers] == [t.id for t in db.transfers()]
    assert "3 transfers" in repr(profile)
    assert "Transfers (3)" in profile._repr_html_()
    assert set(db.transfers()) <= set(profile.timeline)
    assert db.dyad("VNM", "BLR").transfers == ()


def test_the_graph_links_supplier_recipient_and_relationship(db: Dataset) -> None:
    """A transfer is a node linked to its supplier, its recipient and the pair's relationship."""
    pytest.importorskip("networkx")
    graph = defcoop.to_graph(db)
    kilo = "rus-vnm-project-636-1-2009"
    assert graph.nodes[kilo]["type"] == "transfer"
    assert graph.nodes[kilo]["label"] == "Project 636.1"
    edges = {(target, kind) for _, target, kind in graph.edges(kilo, data="type")}
    assert {("RUS", "supplier"), ("VNM", "recipient")} <= edges
    assert any(kind == "part_of_relationship" for _, kind in edges)


def test_evidence_and_citations_resolve_a_transfer_s_sources(db: Dataset) -> None:
    """A transfer's evidence names its paragraphs; its citation entries name the report."""
    evidence = db.evidence("rus-vnm-project-636-1-2009")
    assert [str(item.citation) for item in evidence.items] == [
        "arms-report-2016 ¶1",
        "arms-report-2016 ¶2",
    ]
    assert "Evidence for transfer rus-vnm-project-636-1-2009 (Project 636.1)" in str(evidence)
    assert "Arms for Vietnam" in db.cite("rus-vnm-project-636-1-2009")


def test_a_transfer_shows_itself_on_one_line_and_as_a_table(db: Dataset) -> None:
    """Its repr names the designation and order date; its HTML lists parts as written."""
    kilo = db.get("rus-vnm-project-636-1-2009", Transfer)
    assert repr(kilo) == "<Transfer rus-vnm-project-636-1-2009: Project 636.1 (2009-12)>"
    html = kilo._repr_html_()
    assert "2013: 2, 2014: 2, 2015: 1, 2016: 1" in html
    assert "2,000,000,000 USD (2009)" in html
    assert "deliveries" in db.transfers()._repr_html_()
