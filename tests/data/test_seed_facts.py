"""The bundled data against its two seed articles: the facts of Vietnam-Russia and
Vietnam-Belarus ties each article states, with the paragraphs each rests on."""

from __future__ import annotations

import pytest

import defcoop
from _seeds import (
    SPUTNIK_BY,
    VNA_TALKS,
    VTV_2014,
    cite,
    ids,
    p,
    s,
    seed_citations,
    seed_citations_for,
)
from defcoop import (
    Agreement,
    AgreementKind,
    Citation,
    Event,
    EventStatus,
    Mechanism,
    MechanismLevel,
    PartialDate,
    Precision,
    Relationship,
)

# Vietnam and Russia ------------------------------------------------------------------------


def test_vnm_rus_framework_is_the_comprehensive_strategic_partnership(
    db: defcoop.Dataset,
) -> None:
    """Both sources place Vietnam-Russia defense ties in a comprehensive strategic partnership."""
    rel = db.get("vnm-rus", Relationship)
    assert db.relationships(party="RUS") == (rel,)
    assert set(rel.parties) == {"VNM", "RUS"}
    assert rel.framework == "comprehensive strategic partnership"
    assert p(1, 3, 14) | s(1, 8) <= set(rel.sources)


def test_vnm_sun_relationship_is_the_2016_articles_soviet_background(
    db: defcoop.Dataset,
) -> None:
    """The 2016 article (¶3-4) records Soviet support for Vietnam but names no field for it."""
    rel = db.get("vnm-sun", Relationship)
    assert db.relationships(party="SUN") == (rel,)
    assert set(rel.sources) == s(3, 4)
    assert rel.fields == frozenset()


def test_vnm_rus_fields(db: defcoop.Dataset) -> None:
    """The fields named for Vietnam and Russia are exactly those of ¶5, ¶7 (2018) and ¶6 (2016)."""
    assert db.get("vnm-rus", Relationship).fields == {
        "defense-cooperation",
        "military-technology",
        "personnel-training",
        "military-education",
        "scientific-research",
        "military-science",
        "military-medicine",
        "peacekeeping",
        "delegation-exchange",
        "services",
        "defense-security-consultation",
        "strategic-exchange",
        "multilateral-cooperation",
    }


def test_vnm_blr_fields(db: defcoop.Dataset) -> None:
    """The fields of ¶10, ¶11 and ¶13, and those the reports add for Vietnam and Belarus."""
    rel = db.get("vnm-blr", Relationship)
    seed_fields = {field for field in rel.fields if seed_citations_for(rel, field)}
    assert seed_fields == {
        "defense-cooperation",
        "personnel-training",
        "experience-sharing",
        "press-and-media",
        "delegation-exchange",
        "military-communications",
        "military-science",
    }
    # Named only by the web reports: study in Belarus, military technology and medicine,
    # peacekeeping training, and ties between services (2009-2025).
    assert rel.fields - seed_fields == {
        "military-education",
        "military-technology",
        "military-medicine",
        "peacekeeping",
        "services",
    }


@pytest.mark.parametrize(
    ("rel_id", "field", "expected"),
    [
        ("vnm-rus", "peacekeeping", p(7) | s(6)),
        ("vnm-rus", "military-technology", p(3, 5, 7) | s(4)),
        ("vnm-rus", "personnel-training", p(7) | s(6)),
        ("vnm-rus", "military-education", s(6)),
        ("vnm-rus", "scientific-research", p(7)),
        ("vnm-rus", "military-science", s(6)),
        ("vnm-rus", "military-medicine", p(7) | s(6)),
        ("vnm-rus", "delegation-exchange", p(3, 7, 8) | s(6, 8)),
        ("vnm-rus", "services", s(6)),
        ("vnm-rus", "defense-security-consultation", p(5)),
        # ¶3 names "the deputy ministerial-level dialogue on defense strategy"; 2016 ¶5 the
        # deputy-ministerial dialogue mechanism.
        ("vnm-rus", "strategic-exchange", p(3, 7) | s(5)),
        # ¶8: the international multilateral activities Vietnam vowed to join.
        ("vnm-rus", "multilateral-cooperation", p(5, 8) | s(7)),
        ("vnm-rus", "defense-cooperation", p(1, 2, 3, 6, 14) | s(1, 3, 4, 5, 7, 8)),
        ("vnm-blr", "defense-cooperation", p(1, 10, 11, 14)),
        ("vnm-blr", "personnel-training", p(11, 13)),
        ("vnm-blr", "experience-sharing", p(11, 13)),
        ("vnm-blr", "press-and-media", p(11)),
        ("vnm-blr", "delegation-exchange", p(11, 13)),
        ("vnm-blr", "military-communications", p(13)),
        ("vnm-blr", "military-science", p(13)),
    ],
)
def test_field_evidence(
    db: defcoop.Dataset, rel_id: str, field: str, expected: set[Citation]
) -> None:
    """A relationship's field is backed by exactly the seed paragraphs that name it for the pair."""
    assert seed_citations_for(db.get(rel_id, Relationship), field) == expected


def test_vnm_rus_forums_are_those_of_the_2016_article(db: defcoop.Dataset) -> None:
    """The pair cooperates in the UN, ARF, ASEAN+ and EAS (strengthening-2016 ¶7)."""
    rel = db.get("vnm-rus", Relationship)
    assert set(rel.forums) == {"un", "arf", "asean-plus", "eas"}
    for forum in ("un", "arf", "asean-plus", "eas"):
        assert s(7) <= set(db.get(forum).sources), forum
    assert set(rel.sources_for("multilateral-cooperation")) == p(5, 8) | s(7)


def test_vnm_rus_sources_back_its_forums(db: defcoop.Dataset) -> None:
    """The relationship's own citations include the paragraphs its forums rest on (2016 ¶7, ¶5)."""
    assert s(7) | p(5) <= set(db.get("vnm-rus", Relationship).sources)


def test_intergovernmental_committee_on_military_technical_cooperation(
    db: defcoop.Dataset,
) -> None:
    """Vietnam and Russia run an intergovernmental committee on military-technical cooperation."""
    committee = db.get("vnm-rus-igc-mtc", Mechanism)
    assert ids(db.mechanisms(party="RUS")) == [
        "vnm-rus-defense-working-group",
        "vnm-rus-igc-mtc",
        "vnm-rus-strategic-dialogue",
    ]
    assert committee.level is MechanismLevel.INTERGOVERNMENTAL
    assert committee.fields == {"military-technology"}
    assert seed_citations(committee) == p(3)


def test_deputy_ministerial_defense_strategy_dialogue_is_cited_by_both_sources(
    db: defcoop.Dataset,
) -> None:
    """The deputy-ministerial dialogue on defense strategy is in 2018 ¶3 and 2016 ¶5."""
    dialogue = db.get("vnm-rus-strategic-dialogue", Mechanism)
    assert dialogue.level is MechanismLevel.DEPUTY_MINISTERIAL
    assert dialogue.fields == {"strategic-exchange"}
    assert seed_citations(dialogue) == p(3) | s(5)


def test_belarus_standing_mechanism_is_the_reports_committee(db: defcoop.Dataset) -> None:
    """The seeds name no Vietnam-Belarus mechanism; the reports name a committee with rounds."""
    (committee,) = db.mechanisms(party="BLR")
    assert committee.id == "vnm-blr-igc-mtc"
    assert not seed_citations(committee)
    assert committee.level is MechanismLevel.INTERGOVERNMENTAL
    sessions = [e for e in db.events(party="BLR") if e.mechanism == committee.id]
    # Dated sessions in date order, then the undated ones the reports number; the Hanoi
    # session of July 2015 has no stated number.
    assert [(e.round, str(e.when)) for e in sessions] == [
        (None, "2015-07-09"),
        (16, "2017-10-18"),
        (17, "2018-11-17/2018-11-20"),
        (18, "2019-11-28"),
        (10, "None"),
        (12, "None"),
        (13, "None"),
        (15, "None"),
    ]
    assert committee.period is not None
    for session in sessions:
        if session.when is not None:
            assert committee.period.contains(session.when), session.id


def test_ministerial_visits_2008_2013(db: defcoop.Dataset) -> None:
    """The two defense ministers made several official visits from 2008 to 2013 (2016 ¶5)."""
    visit = db.get("vnm-rus-minister-visits-2008-2013", Event)
    assert visit in db.events(party="RUS", when="2008/2013")
    assert (str(visit.when), visit.host, visit.participants) == ("2008/2013", None, ())
    assert set(visit.sources) == s(5)


def test_shoigu_visit_to_vietnam_january_2018(db: defcoop.Dataset) -> None:
    """Shoigu visited Vietnam in January 2018 (¶3); the reports give the day, 23 January."""
    visit = db.get("shoigu-visit-vnm-2018-01", Event)
    assert visit in db.events(person="Shoigu", kind="visit", when="2018-01")
    assert (str(visit.when), visit.host) == ("2018-01-23", "VNM")
    assert visit.status is EventStatus.OCCURRED
    assert "when" not in visit.inferred
    assert seed_citations(visit) == p(3)
    assert Citation(source="xinhua-2018-01-23-forge-defense-ties", paragraph=2) in visit.sources


def test_lich_visit_to_russia_april_2018(db: defcoop.Dataset) -> None:
    """Lich visited Russia in April (¶3); the year, 2018, is stated by the Russian ministry."""
    visit = db.get("lich-visit-rus-2018-04", Event)
    assert visit in db.events(person="Ngo Xuan Lich", kind="visit", when="2018")
    assert (str(visit.when), visit.host) == ("2018-04", "RUS")
    assert visit.inferred == set()
    assert seed_citations(visit) == p(3)
    assert Citation(source="defense-aerospace-2018-04-04-plan", paragraph=3) in visit.sources


def test_seventh_moscow_conference_on_international_security(db: defcoop.Dataset) -> None:
    """Lich took part in the seventh Moscow Conference on 4 and 5 April 2018 (¶3, ¶4)."""
    conference = db.get("mcis-7", Event)
    assert conference in db.events(kind="conference", when="2018")
    assert str(conference.when) == "2018-04-04/2018-04-05"
    assert (conference.host, conference.forum) == ("RUS", "mcis")
    assert set(conference.participants) == {"ngo-xuan-lich", "sergei-shoigu"}
    assert conference.inferred == {"multilateral"}
    assert conference.multilateral
    assert seed_citations(conference) == p(3, 4)
    assert Citation(source="defense-aerospace-2018-04-04-plan", paragraph=7) in conference.sources


def test_lich_shoigu_meeting_on_the_conference_sidelines(db: defcoop.Dataset) -> None:
    """Lich and Shoigu met on the sidelines of the seventh Moscow Conference (caption, ¶4)."""
    meeting = db.get("lich-shoigu-meeting-2018-04", Event)
    assert meeting in db.events(kind="meeting", person="Ngo Xuan Lich")
    assert (meeting.part_of, str(meeting.when)) == ("mcis-7", "2018-04-04")
    assert set(meeting.participants) == {"ngo-xuan-lich", "sergei-shoigu"}
    assert p(4) <= set(meeting.sources)


def test_vnm_rus_plan_2018_2020(db: defcoop.Dataset) -> None:
    """A 2018-2020 plan (¶6), signed on 4 April 2018 at the ministers' meeting in Moscow; the
    reports add the military-technical plan for 2018 approved in October 2017."""
    plans = [a for a in db.agreements(party="RUS") if a.kind is AgreementKind.PLAN]
    assert ids(plans) == ["vnm-rus-mtc-plan-2018", "vnm-rus-defense-plan-2018-2020"]
    plan = db.get("vnm-rus-defense-plan-2018-2020", Agreement)
    assert not seed_citations(db.get("vnm-rus-mtc-plan-2018", Agreement))
    assert (str(plan.period), str(plan.signed)) == ("2018/2020", "2018-04-04")
    assert (plan.signed_during, set(plan.signatories)) == (
        "lich-shoigu-meeting-2018-04",
        {"rus-mod", "vnm-mond"},
    )
    assert seed_citations(plan) == p(6)


def test_vnm_rus_agreements_are_the_three_the_sources_report(db: defcoop.Dataset) -> None:
    """The seeds' Vietnam-Russia documents: the 2018-2020 plan, leaders' and governments' ones."""
    found = {a.id: seed_citations(a) for a in db.agreements(party="RUS") if seed_citations(a)}
    assert found == {
        "vnm-rus-defense-plan-2018-2020": p(6),
        "vnm-rus-leaders-defense-agreements": p(6),
        "vnm-rus-intergovernmental-agreements": s(4),
    }


def test_intergovernmental_agreements_include_military_techniques(db: defcoop.Dataset) -> None:
    """The two governments signed agreements in strategic fields, military techniques among them."""
    found = db.agreements(field="military techniques")
    assert "vnm-rus-intergovernmental-agreements" in ids(found)
    assert all("military-technology" in agreement.fields for agreement in found)
    signed = db.get("vnm-rus-intergovernmental-agreements", Agreement)
    assert set(signed.signatories) == {"vnm-government", "rus-government"}
    assert signed.signed is None


def test_exchange_years_2019_2020_are_planned(db: defcoop.Dataset) -> None:
    """A Vietnam Year in Russia and a Russia Year in Vietnam, 2019-2020 (¶8), to the day."""
    years = db.events(kind="exchange year")
    assert {e.id: e.host for e in years} == {
        "vietnam-year-in-russia": "RUS",
        "russia-year-in-vietnam": "VNM",
    }
    for year in years:
        assert (str(year.when), year.status) == ("2019-05-22/2020-05-22", EventStatus.PLANNED)
        assert seed_citations(year) == p(8)


def test_army_games_2019_pledged_and_held(db: defcoop.Dataset) -> None:
    """Vietnam pledged to join the Army Games 2019 (¶8); the reports show them held 3-17 August."""
    games = db.get("army-games-2019", Event)
    assert (str(games.when), games.status) == ("2019-08-03/2019-08-17", EventStatus.OCCURRED)
    assert (games.forum, games.organizer) == ("army-games", "rus-mod")
    assert games.part_of == "rus-mod-multilateral-activities-2019"
    assert seed_citations(games) == p(8)


def test_planned_events_are_exactly_those_of_paragraph_8(db: defcoop.Dataset) -> None:
    """Of the seeds' events only the exchange years and the 2019 multilateral activities are
    planned (¶8); the other planned events are the intentions the web reports record."""
    planned = db.events(status="planned")
    assert {e.id for e in planned if seed_citations(e)} == {
        "vietnam-year-in-russia",
        "russia-year-in-vietnam",
        "rus-mod-multilateral-activities-2019",
    }
    assert {c for e in planned for c in seed_citations(e)} == p(8)
    assert set(ids(planned)) - {
        "vietnam-year-in-russia",
        "russia-year-in-vietnam",
        "rus-mod-multilateral-activities-2019",
    } == {
        "cam-ranh-drill-2018-06",
        "continental-union-2022",
        "giang-visit-blr-planned-2025-05",
        "igc-mtc-vnm-rus-22-planned-2020",
        "igc-mtc-vnm-rus-22-planned-2021",
        "lukashenko-visit-vnm-planned-2015",
        "lukashenko-visit-vnm-planned-2025",
        "naval-working-group-planned-2018",
        "sergeyev-visit-vnm-planned-1998",
        "tropical-centre-committee-planned-2011-11",
        "vnm-navy-call-vladivostok-planned-2018",
    }


# Vietnam and Belarus -----------------------------------------------------------------------
# The seed article's records (¶10-¶14), as the web reports refine them.


def test_vnm_blr_framework_is_a_strategic_partnership_since_12_may_2025(
    db: defcoop.Dataset,
) -> None:
    """The ties became a strategic partnership on 12 May 2025; the seed's wording stays cited."""
    rel = db.get("vnm-blr", Relationship)
    assert db.relationships(party="BLR") == (rel,)
    assert rel.framework == "strategic partnership"
    assert rel.framework_since == PartialDate(2025, 5, 12)
    assert p(1, 10) <= set(rel.sources)
    assert cite("tienphong-2025-05-12-joint-statement", 1) <= set(rel.sources)
    statement = db.get("vnm-blr-strategic-partnership-statement-2025", Agreement)
    assert statement.signed == rel.framework_since


def test_military_science_agreement_signed_15_november_2018(db: defcoop.Dataset) -> None:
    """The one agreement on military science, signed by the two ministries on 15 November 2018."""
    found = db.agreements(field="military science")
    assert ids(found) == ["vnm-blr-military-science-2018"]
    (signed,) = found
    assert str(signed.signed) == "2018-11-15"
    assert set(signed.parties) == {"VNM", "BLR"}
    assert set(signed.signatories) == {"vnm-mond", "blr-mod"}
    assert signed.signed_during == "ravkov-visit-vnm-2018-11"
    assert seed_citations(signed) == p(12, 13)
    assert cite(VNA_TALKS, 1) | cite(SPUTNIK_BY, 4) <= set(signed.sources)


def test_ravkov_visit_to_vietnam_14_to_17_november_2018(db: defcoop.Dataset) -> None:
    """Ravkov visited Vietnam in November 2018 (¶13); the reports give the days, 14-17."""
    visits = db.events(person="Ravkov", kind="visit")
    assert ids(visits) == ["ravkov-visit-vnm-2018-11"]
    (visit,) = visits
    assert (str(visit.when), visit.host) == ("2018-11-14/2018-11-17", "VNM")
    assert (visit.actor, visit.recipient) == ("BLR", "VNM")
    assert seed_citations(visit) == p(13)
    assert cite(VNA_TALKS, 1) <= set(visit.sources)


def test_delegation_exchange_plan_for_2019(db: defcoop.Dataset) -> None:
    """During Ravkov's visit the two sides signed a plan on military delegation exchange in 2019."""
    found = db.agreements(party="BLR", field="delegation exchange")
    assert ids(found) == ["vnm-blr-delegation-exchange-plan-2019"]
    (plan,) = found
    assert plan.kind is AgreementKind.PLAN
    assert (str(plan.signed), str(plan.period)) == ("2018-11-15", "2019")
    assert plan.signed_during == "ravkov-visit-vnm-2018-11"
    assert seed_citations(plan) == p(12, 13)
    assert plan.notes is not None
    assert "Sputnik" in plan.notes  # the other name the plan goes by


def test_signing_of_15_november_2018_is_no_longer_inferred(db: defcoop.Dataset) -> None:
    """The caption's signing (¶12) is the one that closed the ministers' talks on 15 November."""
    signing = db.get("vnm-blr-signing-2018-11", Event)
    assert str(signing.when) == "2018-11-15"
    assert set(signing.participants) == {"ngo-xuan-lich", "andrei-ravkov"}
    assert signing.inferred == frozenset()
    assert (signing.host, signing.part_of) == ("VNM", "lich-ravkov-talks-2018-11-15")
    assert seed_citations(signing) == p(12)
    assert cite(VNA_TALKS, 1) <= set(signing.sources)


def test_defense_cooperation_and_training_agreements_2009_2019(db: defcoop.Dataset) -> None:
    """The defense ministries' agreements cover 2009-2019, their 2009 signing inferred (¶11)."""
    found = db.get("vnm-blr-defense-cooperation-training", Agreement)
    assert (str(found.signed), str(found.period)) == ("2009", "2009/2019")
    assert found.signed.precision is Precision.YEAR
    assert found.inferred == {"signed", "period"}
    assert set(found.signatories) == {"vnm-mond", "blr-mod"}
    assert found.fields == {"defense-cooperation", "personnel-training"}
    assert seed_citations(found) == p(11)
    assert cite("charter97-2009-08-31-tanks-to-vietnam", 3) <= set(found.sources)


def test_political_and_ideological_departments_agreements_june_2012(
    db: defcoop.Dataset,
) -> None:
    """The VPA's politics department and Belarus's ideology department signed in June 2012 (¶11)."""
    found = db.get("vnm-blr-politics-ideology-2012", Agreement)
    assert str(found.signed) == "2012-06"
    assert set(found.signatories) == {"vpa-gdp", "blr-gdiw"}
    assert set(found.sources) == p(11)


def test_agreements_reached_during_the_october_2014_visit(db: defcoop.Dataset) -> None:
    """Agreements reached in Gura's October 2014 visit (¶11), their fields named by VTV."""
    found = db.get("vnm-blr-agreements-2014-10", Agreement)
    assert str(found.signed) == "2014-10"
    assert found.signed_during == "aleksandr-nikolaevich-visit-vnm-2014-10"
    assert found.fields == {"press-and-media", "experience-sharing", "personnel-training"}
    assert found.inferred == {"signed"}
    assert cite(VTV_2014, 4, 5) <= set(found.sources)
    visit = db.get(found.signed_during, Event)
    assert (str(visit.when), visit.host, visit.participants) == (
        "2014-10",
        "VNM",
        ("aleksandr-nikolaevich",),
    )
    assert seed_citations(found) == seed_citations(visit) == p(11)
    talks = db.get("lich-gura-talks-2014-10", Event)
    assert (talks.part_of, str(talks.when)) == (visit.id, "2014-10-07/2014-10-08")


def test_press_and_media_agreements_are_the_2012_and_2014_ones(db: defcoop.Dataset) -> None:
    """Press and media experience sharing carried out the June 2012 and October 2014 agreements."""
    found = db.agreements(field="press and media")
    assert ids(found) == ["vnm-blr-politics-ideology-2012", "vnm-blr-agreements-2014-10"]
    # The 2012 agreements' fields are still read from what carried them out; VTV names 2014's.
    assert [a.inferred for a in found] == [{"fields"}, {"signed"}]
    delegations = db.get("vnm-blr-press-media-delegations", Event)
    assert (delegations.when, set(delegations.sources)) == (None, p(11))


def test_vnm_blr_agreements_in_date_order(db: defcoop.Dataset) -> None:
    """Vietnam-Belarus documents with a signing date, ordered by it, from 2009 to 2025."""
    found = [a for a in db.agreements(party="Belarus") if a.signed is not None]
    assert [(a.id, str(a.signed)) for a in found] == [
        ("vnm-blr-defense-cooperation-training", "2009"),
        ("vnm-blr-politics-ideology-2012", "2012-06"),
        ("vnm-blr-agreements-2014-10", "2014-10"),
        ("vnm-blr-delegation-exchange-plan-2019", "2018-11-15"),
        ("vnm-blr-military-science-2018", "2018-11-15"),
        ("vnm-blr-defence-protocol-2024-12", "2024-12-17"),
        ("vnm-blr-strategic-partnership-statement-2025", "2025-05-12"),
        ("vnm-blr-training-protocol-2025-05", "2025-05-12"),
    ]


def test_agreements_signed_in_november_2018(db: defcoop.Dataset) -> None:
    """Only the military science agreement and the 2019 plan were signed in November 2018."""
    assert ids(db.agreements(signed="2018-11")) == [
        "vnm-blr-delegation-exchange-plan-2019",
        "vnm-blr-military-science-2018",
    ]
