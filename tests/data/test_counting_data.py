"""The counting, direction and coverage metadata of the bundled data, against its sources."""

from __future__ import annotations

import defcoop
from defcoop import Agreement, Event, Period

# The two seed articles; the web reports' records are tested in test_data_vietnam_russia.py.
SEEDS = frozenset({"pillar-and-highlight", "strengthening-2016"})


def test_each_visit_with_one_direction_names_visitor_and_host(db: defcoop.Dataset) -> None:
    """A dated visit of one side to the other names the visiting side as actor, the host as
    recipient (pillar-and-highlight ¶3, ¶11, ¶13)."""
    directed = {
        e.id: (e.actor, e.recipient)
        for e in db.events(kind="visit")
        if e.actor and SEEDS & {c.source for c in e.sources}
    }
    assert directed == {
        "shoigu-visit-vnm-2018-01": ("RUS", "VNM"),
        "lich-visit-rus-2018-04": ("VNM", "RUS"),
        "aleksandr-nikolaevich-visit-vnm-2014-10": ("BLR", "VNM"),
        "ravkov-visit-vnm-2018-11": ("BLR", "VNM"),
    }
    for event in db.events(kind="visit"):
        assert event.recipient in (None, event.host)


def test_the_ministers_visits_of_2008_2013_stand_for_several(db: defcoop.Dataset) -> None:
    """strengthening-2016 ¶5 reports several visits both ways: several, no count, no actor."""
    visits = db.get("vnm-rus-minister-visits-2008-2013", Event)
    assert (visits.several, visits.count, visits.actor) == (True, None, None)
    assert visits.when == Period.parse("2008/2013")


def test_the_moscow_conference_and_the_army_games_are_multilateral(db: defcoop.Dataset) -> None:
    """Conferences and the Russian ministry's international activities involve more than two
    states; the bilateral meeting on the conference's sidelines does not."""
    multilateral = {e.id for e in db.events() if e.multilateral}
    seeds = {e for e in multilateral if SEEDS & {c.source for c in db.get(e, Event).sources}}
    assert seeds == {"mcis-7", "rus-mod-multilateral-activities-2019", "army-games-2019"}
    kinds = {db.get(e, Event).kind.value for e in multilateral}
    assert kinds == {"conference", "competition", "multilateral activity"}
    assert not db.get("lich-shoigu-meeting-2018-04", Event).multilateral


def test_agreements_the_sources_give_in_the_plural_stand_for_several(
    db: defcoop.Dataset,
) -> None:
    """Records of "agreements" (plural) are several, with no count: no source gives one."""
    several = {a.id for a in db.agreements() if a.several}
    assert several == {
        "vnm-rus-intergovernmental-agreements",
        "vnm-rus-leaders-defense-agreements",
        "vnm-blr-defense-cooperation-training",
        "vnm-blr-politics-ideology-2012",
        "vnm-blr-agreements-2014-10",
        # The reports: "important documents" signed at the seventh dialogue (December 2024).
        "vnm-rus-documents-2024-12",
    }
    assert all(a.count is None for a in db.agreements())
    assert not db.get("vnm-blr-military-science-2018", Agreement).several


def test_each_source_declares_what_it_looked_at(db: defcoop.Dataset) -> None:
    """Coverage: the two seed articles are retrospectives that mention highlights, so they
    cover nothing for counting purposes, and their notes say so."""
    for source_id in SEEDS:
        seed = db.get(source_id, defcoop.Source)
        assert seed.coverage == ()
        assert "covers nothing for counting" in " ".join((seed.notes or "").split())
    # Every source behind a dated record declares its coverage (a report cited only for an
    # undated fact declares none: a coverage it did not look at would turn missing into zero).
    dated = [r for r in db if getattr(r, "when", None) or getattr(r, "signed", None)]
    behind = {c.source for r in dated for c in r.sources} - SEEDS
    retrospective = "covers nothing for counting purposes"
    assert all(
        db.get(source_id).coverage or retrospective in (db.get(source_id).notes or "")
        for source_id in behind
    )


def test_lookups_work_for_every_state_by_every_code_and_name(db: defcoop.Dataset) -> None:
    """Every state is found by its id and, where it has them, its COW number and its own
    names; an ISO code wins over a COW abbreviation that is the same letters."""
    for country in db.countries:
        assert db.country(country.code) is country
        if country.cow_code is not None:
            assert db.country(country.cow_code) is country
        for name in (country.name, *country.names):
            assert db.country(name) is country, name
    assert db.country("AUS").name == "Australia"
    assert db.country(305).cow_abbrev == "AUS"
    assert db.country("DRV").code == "VNM"
    assert db.country("Việt Nam Dân chủ Cộng hòa").code == "VDR"
    assert db.country("Советский Союз").code == "SUN"
    assert db.country("Рэспубліка Беларусь").code == "BLR"
    assert db.get("SUN", defcoop.Country).continued_by == "RUS"
