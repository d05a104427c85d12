"""The bundled data against its two sources: integrity, the sources' facts, and coverage.

Paragraphs are the blank-line separated blocks of each source, numbered from 1. Each fact
test names the paragraphs of the source text it rests on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs
import pytest

import defcoop
from _helpers import citations
from _seeds import (
    PILLAR,
    RECORD_ONLY,
    SEED_FILES,
    STRENGTHENING,
    UNCITED_KINDS,
    VNA_TALKS,
    cite,
    ids,
    p,
    runs,
    s,
    seed_citations,
    seed_paragraphs,
    words,
)
from defcoop import (
    Agreement,
    Citation,
    Event,
    EventKind,
    EventStatus,
    PartialDate,
    Precision,
    Record,
    Relationship,
    Source,
)

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
