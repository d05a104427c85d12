"""The bundled data against its two sources: integrity, the sources' facts, and coverage.

Paragraphs are the blank-line separated blocks of each source, numbered from 1. Each fact
test names the paragraphs of the source text it rests on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs
import pytest

import defcoop
from _helpers import citations
from defcoop import (
    Agreement,
    AgreementKind,
    Citation,
    Country,
    Event,
    EventKind,
    EventStatus,
    Field,
    Mechanism,
    MechanismLevel,
    PartialDate,
    Precision,
    Record,
    Relationship,
    Source,
)

PILLAR = "pillar-and-highlight"
STRENGTHENING = "strengthening-2016"
# The seed articles, kept beside the tests (tests/fixtures/seeds/README.md says where from).
SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
SEED_FILES = {PILLAR: "pillar-and-highlight.txt", STRENGTHENING: "strengthening-2016.txt"}
UNCITED_KINDS = (Source, Country, Field)
RECORD_ONLY = frozenset({"id", "inferred", "notes", "sources"})


def p(*paragraphs: int) -> set[Citation]:
    """Citations of paragraphs of pillar-and-highlight."""
    return {Citation(source=PILLAR, paragraph=n) for n in paragraphs}


def s(*paragraphs: int) -> set[Citation]:
    """Citations of paragraphs of strengthening-2016."""
    return {Citation(source=STRENGTHENING, paragraph=n) for n in paragraphs}


def ids(records: Iterable[Record]) -> list[str]:
    """The ids of records, in the order given."""
    return [record.id for record in records]


def seed_citations(record: Record) -> set[Citation]:
    """The citations of a record that point into one of the two seed articles."""
    return {c for c in getattr(record, "sources", ()) if c.source in SEED_FILES}


def seed_citations_for(relationship: Relationship, field: str) -> set[Citation]:
    """The seed citations of a relationship's evidence for one field."""
    return {c for c in relationship.sources_for(field) if c.source in SEED_FILES}


def seed_paragraphs(source_id: str) -> list[str]:
    """The blank-line separated blocks of a source's seed file."""
    text = (SEEDS / SEED_FILES[source_id]).read_text(encoding="utf-8")
    return [block.strip() for block in re.split(r"\n\s*\n", text.strip())]


def words(text: str) -> list[str]:
    """The lower-cased words of a text, punctuation dropped."""
    return re.findall(r"[a-z0-9]+", text.lower())


def runs(tokens: list[str], length: int) -> set[tuple[str, ...]]:
    """Every run of ``length`` consecutive tokens."""
    return {tuple(tokens[i : i + length]) for i in range(len(tokens) - length + 1)}


# Integrity over every record ---------------------------------------------------------------


def test_bundled_sources_are_the_two_seed_documents_and_web_reports(db: defcoop.Dataset) -> None:
    """The two seed articles (15 and 9 paragraphs) and web reports, each with its address."""
    seeds = {s.id: s.paragraphs for s in db.sources if s.id in SEED_FILES}
    assert seeds == {PILLAR: 15, STRENGTHENING: 9}
    reports = [source for source in db.sources if source.id not in SEED_FILES]
    assert reports
    for report in reports:
        assert report.url is not None, report.id
        assert report.url.startswith(("http://", "https://")), report.id
        assert report.accessed is not None, report.id


def test_every_record_but_sources_countries_and_fields_cites_a_paragraph(
    db: defcoop.Dataset,
) -> None:
    """Every person, organization, agreement, event, mechanism and relationship cites a source."""
    cited = [record for record in db if not isinstance(record, UNCITED_KINDS)]
    assert cited
    assert [record.id for record in cited if not record.sources] == []


def test_every_citation_lies_within_its_source(db: defcoop.Dataset) -> None:
    """Every citation, evidence included, names a bundled source and one of its paragraphs."""
    lengths = {source.id: source.paragraphs for source in db.sources}
    outside = [
        (record.id, str(citation))
        for record in db
        for citation in citations(record)
        if not 1 <= citation.paragraph <= lengths.get(citation.source, 0)
    ]
    assert outside == []


@pytest.mark.parametrize("source_id", [PILLAR, STRENGTHENING])
def test_source_paragraph_count_matches_its_seed_file(db: defcoop.Dataset, source_id: str) -> None:
    """A source's ``paragraphs`` is the number of blank-line separated blocks of its text."""
    source = db.get(source_id)
    assert isinstance(source, Source)
    assert source.paragraphs == len(seed_paragraphs(source_id))


def test_every_inferred_name_is_a_set_attribute_of_its_record(db: defcoop.Dataset) -> None:
    """Every name in ``inferred`` is a data attribute of the record, and that attribute is set."""
    checked = 0
    for record in db:
        names = set(attrs.fields_dict(type(record))) - RECORD_ONLY
        for name in getattr(record, "inferred", ()):
            checked += 1
            assert name in names, f"{record.id}: {name!r} is not an attribute"
            assert getattr(record, name) not in (None, (), frozenset()), f"{record.id}: {name}"
    assert checked > 0


def test_no_record_cites_the_same_paragraph_twice(db: defcoop.Dataset) -> None:
    """No citation list, record or evidence, names a paragraph twice."""
    lists = [(record.id, getattr(record, "sources", ())) for record in db]
    lists += [
        (f"{record.id}/{item.field}", item.sources)
        for record in db
        if isinstance(record, Relationship)
        for item in record.evidence
    ]
    assert [name for name, cited in lists if len(set(cited)) != len(cited)] == []


COPY_RUN = 8  # eight or more consecutive words of a source is a copy (DEVELOPERS.md)


def own_words(record: Record) -> Iterator[tuple[str, str]]:
    """The texts of a record written in our own words: its notes and its title or name.

    A source's title is the document's own and is left out; so are names of people,
    countries, fields, organizations and mechanisms, which are facts that carry over.
    """
    if record.notes:
        yield "notes", record.notes
    if isinstance(record, (Event, Agreement)):
        yield "title", record.title


@pytest.mark.parametrize("attribute", ["notes", "title"])
def test_no_note_or_title_copies_eight_words_of_a_seed(db: defcoop.Dataset, attribute: str) -> None:
    """Notes and titles paraphrase the seeds: none repeats eight consecutive words of one."""
    seed_runs = set().union(
        *(runs(words(" ".join(seed_paragraphs(source_id))), COPY_RUN) for source_id in SEED_FILES)
    )
    copied = [
        (record.id, " ".join(run))
        for record in db
        for name, text in own_words(record)
        if name == attribute
        for run in sorted(runs(words(text), COPY_RUN) & seed_runs)
    ]
    assert copied == []


def test_the_copy_check_finds_a_copied_title() -> None:
    """The run check catches a title lifted from a seed paragraph, so the test above can fail."""
    lifted = "Visit of Major General Aleksandr Nikolaevich, Director of the General Department"
    seed = words(" ".join(seed_paragraphs(PILLAR)))
    assert runs(words(lifted), COPY_RUN) & runs(seed, COPY_RUN)


# Sources and countries ---------------------------------------------------------------------


def test_strengthening_2016_metadata_comes_from_its_title_dateline_and_footer(
    db: defcoop.Dataset,
) -> None:
    """The 2016 article is dated 26 April 2016 to the day (¶2) and published by the ministry."""
    source = db.get(STRENGTHENING)
    assert isinstance(source, Source)
    assert source.published == PartialDate(2016, 4, 26)
    assert source.published.precision is Precision.DAY
    assert source.publisher == "Ministry of National Defence - Socialist Republic of VietNam"
    assert source.translator is None


def test_strengthening_2016_title_is_its_first_paragraph(db: defcoop.Dataset) -> None:
    """The 2016 article's title is kept exactly as its first paragraph prints it."""
    source = db.get(STRENGTHENING)
    assert isinstance(source, Source)
    assert source.title == seed_paragraphs(STRENGTHENING)[0]


def test_pillar_source_is_undated_and_translated_by_tran_hoai(db: defcoop.Dataset) -> None:
    """The 2018-19 text states no publisher or date, and its ¶15 credits Tran Hoai."""
    source = db.get(PILLAR)
    assert isinstance(source, Source)
    assert (source.published, source.publisher) == (None, None)
    assert source.translator == "Tran Hoai"


def test_pillar_byline_is_its_last_paragraph(db: defcoop.Dataset) -> None:
    """The translator recorded for the 2018-19 text is the one its last paragraph names."""
    source = db.get(PILLAR)
    assert isinstance(source, Source)
    assert seed_paragraphs(PILLAR)[-1] == f"Translated by {source.translator}"


@pytest.mark.parametrize(
    ("name", "code", "alpha2", "numeric", "cow_code"),
    [
        ("Vietnam", "VNM", "VN", "704", 816),
        ("Russia", "RUS", "RU", "643", 365),
        ("Belarus", "BLR", "BY", "112", 370),
    ],
)
def test_country_codes(
    db: defcoop.Dataset, name: str, code: str, alpha2: str, numeric: str, cow_code: int
) -> None:
    """Each country has its ISO 3166-1 codes and its Correlates of War number, each finding it."""
    country = db.country(name)
    assert (country.code, country.alpha2, country.numeric, country.cow_code) == (
        code,
        alpha2,
        numeric,
        cow_code,
    )
    assert {db.country(key).code for key in (code, alpha2, numeric, str(cow_code))} == {code}
    assert db.country(cow_code).code == code


def test_soviet_union_has_iso_3166_3_codes_and_no_cow_number_of_its_own(
    db: defcoop.Dataset,
) -> None:
    """The former Soviet Union is SUN/SU/810, sharing COW number 365 with Russia, not holding it."""
    country = db.country("former Soviet Union")
    assert (country.code, country.alpha2, country.numeric, country.cow_code) == (
        "SUN",
        "SU",
        "810",
        None,
    )
    assert db.country("365").code == "RUS"


def test_dataset_holds_every_state_of_the_cow_and_gw_lists(db: defcoop.Dataset) -> None:
    """Every COW state number (217 in the 2016 list) has one record, and so has every GW one."""
    cow = [c.cow_code for c in db.countries if c.cow_code is not None]
    assert len(cow) == len(set(cow)) == 217
    assert all(c.codes("cow") == (c.cow_code,) for c in db.countries if c.cow_code)
    gw = {code for c in db.countries for code in c.codes("gw")}
    assert {816, 815, 365, 260, 340, 345, 970, 971} <= gw
    assert {"VNM", "RUS", "BLR", "SUN", "VDR", "CHN", "USA", "DEU"} <= {
        c.code for c in db.countries
    }
    named = {c.code for r in db.relationships() for c in map(db.country, r.parties)}
    assert named == {"BLR", "RUS", "SUN", "VNM"}


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

VNA_TALKS = "vietnamplus-2018-11-15-ministers-talks"
SPUTNIK_BY = "sputnik-by-2018-11-15-plan-signed"
VTV_2014 = "vtv-2014-10-08-thanh-receives-gura"


def cite(source: str, *paragraphs: int) -> set[Citation]:
    """Citations of paragraphs of any source."""
    return {Citation(source=source, paragraph=n) for n in paragraphs}


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


# People ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "person_id"),
    [
        ("Ngô Xuân Lịch", "ngo-xuan-lich"),
        ("NGO XUAN LICH", "ngo-xuan-lich"),
        ("ngo xuan lich", "ngo-xuan-lich"),
        ("Сергей Шойгу", "sergei-shoigu"),
        ("Shoigu", "sergei-shoigu"),
        ("SERGEI SHOIGU", "sergei-shoigu"),
        ("Ravkov Andrei Alekseevich", "andrei-ravkov"),
        ("Андрей Алексеевич Равков", "andrei-ravkov"),
        ("Шойгу", "sergei-shoigu"),
        ("Sergey Shoigu", "sergei-shoigu"),
        ("Равков", "andrei-ravkov"),
        ("Раўкоў", "andrei-ravkov"),
        ("Andrey Ravkov", "andrei-ravkov"),
        ("Аляксандр Мікалаевіч", "aleksandr-nikolaevich"),
    ],
)
def test_person_lookup_ignores_case_diacritics_and_script(
    db: defcoop.Dataset, name: str, person_id: str
) -> None:
    """A person is found by any spelling, case, diacritics or script of their name."""
    assert db.person(name).id == person_id


def test_unknown_person_is_an_error_not_a_guess(db: defcoop.Dataset) -> None:
    """A person the sources do not name is not found."""
    with pytest.raises(defcoop.UnknownNameError):
        db.person("Vo Nguyen Giap")


def test_a_family_name_shared_by_millions_is_not_an_alias(db: defcoop.Dataset) -> None:
    """ "Ngo" alone names no one: it is the family name of millions, not Ngo Xuan Lich's alias."""
    assert "Ngo" not in db.person("ngo-xuan-lich").aliases
    with pytest.raises(defcoop.UnknownNameError):
        db.person("Ngo")


def test_ravkov_holds_each_rank_over_its_own_period(db: defcoop.Dataset) -> None:
    """Ravkov took office as a Major General; he was a Lieutenant General later in the term."""
    roles = db.person("andrei-ravkov").roles
    assert [(role.title, role.rank, str(role.period)) for role in roles] == [
        ("Minister of Defence", "Major General", "2014-11-27"),
        ("Minister of Defence", "Lieutenant General", "2018-02-23/2020-01-20"),
    ]
    first, second = (role.period for role in roles)
    assert first is not None
    assert second is not None
    assert first.latest < second.earliest


def test_shoigu_rank_agrees_with_his_notes(db: defcoop.Dataset) -> None:
    """Shoigu's role and notes give the same rank, General of the Army."""
    shoigu = db.person("sergei-shoigu")
    assert [role.rank for role in shoigu.roles] == ["General of the Army"]
    assert shoigu.notes is not None
    assert "General of the Army" in shoigu.notes


@pytest.mark.parametrize(
    ("person_id", "country", "organization", "cited"),
    [
        ("ngo-xuan-lich", "VNM", "vnm-mond", p(3, 4, 5, 12)),
        ("sergei-shoigu", "RUS", "rus-mod", p(3, 4, 5)),
        ("andrei-ravkov", "BLR", "blr-mod", p(12, 13)),
        ("aleksandr-nikolaevich", "BLR", "blr-gdiw", p(11)),
    ],
)
def test_people_the_sources_name(
    db: defcoop.Dataset, person_id: str, country: str, organization: str, cited: set[Citation]
) -> None:
    """Each person named has a country, a role in the right body and the paragraphs naming them."""
    person = db.person(person_id)
    assert person.country == country
    assert {role.organization for role in person.roles} == {organization}
    assert seed_citations(person) == cited


def test_people_are_exactly_the_four_named(db: defcoop.Dataset) -> None:
    """The seeds name four people: Lich, Shoigu, Ravkov and Aleksandr Nikolaevich."""
    assert ids(person for person in db.people() if seed_citations(person)) == [
        "aleksandr-nikolaevich",
        "andrei-ravkov",
        "ngo-xuan-lich",
        "sergei-shoigu",
    ]


# Field aliases -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "field_id"),
    [
        ("military techniques", "military-technology"),
        ("military technical cooperation", "military-technology"),
        ("UN peacekeeping operations", "peacekeeping"),
        ("peacekeeping operation", "peacekeeping"),
        ("training", "personnel-training"),
        ("information and experience sharing", "experience-sharing"),
        ("visit exchange", "delegation-exchange"),
        ("strategic viewpoints", "strategic-exchange"),
        ("ASEAN-led regional security mechanisms", "multilateral-cooperation"),
    ],
)
def test_source_wordings_reach_their_field(db: defcoop.Dataset, alias: str, field_id: str) -> None:
    """A field is found by the wording a source uses for it."""
    assert db.field(alias).id == field_id


def test_queries_accept_source_wordings(db: defcoop.Dataset) -> None:
    """Queries take a source's wording of a field: peacekeeping and training find their records."""
    assert ids(db.relationships(field="UN peacekeeping operations")) == ["vnm-blr", "vnm-rus"]
    assert ids(db.agreements(field="training")) == [
        "vnm-blr-defense-cooperation-training",
        "vnm-rus-arms-contract-2009-12",
        "vnm-blr-agreements-2014-10",
        "vnm-blr-training-protocol-2025-05",
    ]
    assert ids(db.relationships(field="information and experience sharing")) == ["vnm-blr"]


# Coverage ----------------------------------------------------------------------------------


def test_every_paragraph_with_a_fact_is_cited(db: defcoop.Dataset) -> None:
    """Every paragraph carrying a fact is cited; only the 2016 dateline and the byline are not."""
    cited = {(c.source, c.paragraph) for record in db for c in citations(record)}
    expected = {(PILLAR, n) for n in range(1, 15)}
    expected |= {(STRENGTHENING, n) for n in (1, 3, 4, 5, 6, 7, 8, 9)}
    assert sorted(expected - cited) == []


# CAMEO event codes -------------------------------------------------------------------------

CAMEO = {
    # Visits, from the visitor's side: 042 make a visit.
    "vnm-rus-minister-visits-2008-2013": "042",
    "shoigu-visit-vnm-2018-01": "042",
    "lich-visit-rus-2018-04": "042",
    "aleksandr-nikolaevich-visit-vnm-2014-10": "042",
    "vnm-blr-press-media-delegations": "042",
    "ravkov-visit-vnm-2018-11": "042",
    # A conference and a meeting within it: 040 consult.
    "mcis-7": "040",
    "lich-shoigu-meeting-2018-04": "040",
    # The signing witnessed in November 2018: 057 sign formal agreement.
    "vnm-blr-signing-2018-11": "057",
    # Planned, so an intention: 036 to meet (delegation exchanges), 0312 to cooperate militarily.
    "vietnam-year-in-russia": "036",
    "russia-year-in-vietnam": "036",
    "rus-mod-multilateral-activities-2019": "0312",
    # Pledged in ¶8, then held (the reports): a multilateral competition taken part in, 062.
    "army-games-2019": "062",
}


def test_every_event_has_its_cameo_code(db: defcoop.Dataset) -> None:
    """Each event of the seeds carries the CAMEO code its file comment's rules give it."""
    assert {e.id: e.cameo for e in db.events() if seed_citations(e)} == CAMEO


def test_cameo_codes_follow_kind_and_status(db: defcoop.Dataset) -> None:
    """Visits and port calls are 042, signings 057, competitions held and exercises 062,
    planned events intentions (03), other meetings 04."""
    for found in db.events():
        assert found.cameo is not None
        if found.status is EventStatus.PLANNED:
            assert found.cameo.startswith("03"), found.id
        elif found.kind in (EventKind.VISIT, EventKind.DELEGATION_EXCHANGE, EventKind.PORT_CALL):
            assert found.cameo == "042", found.id
        elif found.kind is EventKind.SIGNING:
            assert found.cameo == "057", found.id
        elif found.kind in (
            EventKind.COMPETITION,
            EventKind.MULTILATERAL_ACTIVITY,
            EventKind.EXERCISE,
        ):
            assert found.cameo == "062", found.id
        else:
            assert found.cameo.startswith("04"), found.id


# Findings of the independent check of the data (issue 12) --------------------------------


def test_asean_cites_only_the_paragraph_naming_asean(db: defcoop.Dataset) -> None:
    """2016 ¶7 names ASEAN+, not ASEAN: it backs ``asean-plus`` and no longer ``asean``."""
    assert set(db.get("asean").sources) == p(5)
    assert s(7) <= set(db.get("asean-plus").sources)


def test_ministers_visits_do_not_cite_the_unnamed_meetings_of_paragraph_5(
    db: defcoop.Dataset,
) -> None:
    """¶5 reports agreements made at unnamed high-level meetings, so no visit cites it."""
    for visit_id in ("shoigu-visit-vnm-2018-01", "lich-visit-rus-2018-04"):
        assert seed_citations(db.get(visit_id, Event)) == p(3), visit_id


@pytest.mark.parametrize(
    ("record_id", "inferred"),
    [
        # Neither source says the ministries belong to their governments.
        ("vnm-mond", {"parent"}),
        ("rus-mod", {"parent"}),
        # ¶11 gives "(2009-2019)" without saying what the years are.
        ("vnm-blr-defense-cooperation-training", {"signed", "period"}),
        # ¶11 and VTV say "reached" and "agreed", not that a document was signed.
        ("vnm-blr-agreements-2014-10", {"signed"}),
    ],
)
def test_inferred_values_are_marked(
    db: defcoop.Dataset, record_id: str, inferred: set[str]
) -> None:
    """Values the sources imply rather than state are listed in ``inferred``."""
    assert db.get(record_id).inferred == inferred


@pytest.mark.parametrize(
    "record_id", ["vnm-blr-military-science-2018", "vnm-blr-delegation-exchange-plan-2019"]
)
def test_the_reports_settle_the_caption_link_to_the_november_2018_documents(
    db: defcoop.Dataset, record_id: str
) -> None:
    """¶12 names no document; VNA ties the ministers' signing to both, so no inference remains."""
    record = db.get(record_id, Agreement)
    assert p(12) | cite(VNA_TALKS, 1) <= set(record.sources)
    assert record.inferred == frozenset()
    assert record.notes is not None
    assert "inference" not in record.notes.replace("no longer an inference", "")


def test_mcis_notes_say_where_the_seventh_conferences_year_comes_from(
    db: defcoop.Dataset,
) -> None:
    """The seed gives the seventh conference no year; the forum's notes name a report giving it."""
    forum = db.get("mcis")
    assert forum.notes is not None
    assert "4 April 2018" in forum.notes
    assert Citation(source="defense-aerospace-2018-04-04-plan", paragraph=7) in forum.sources


def test_source_notes_describe_documents_not_file_names(db: defcoop.Dataset) -> None:
    """A source's notes tell a reader what the document is, never an internal file name."""
    for source in db.sources:
        assert source.notes is not None, source.id
        assert not re.search(r"\.txt\b|seed file", source.notes, re.IGNORECASE), source.id
