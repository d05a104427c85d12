"""The bundled sources as a reader meets them: findable, cited within, and honest about coverage.

Every source must carry what a reader needs to find the document again (for a web report:
address, title, publisher, date, language and the day it was read; for a seed article
without those, notes that describe it), every citation must point inside its source, and
every dated record must lie inside the coverage its sources declare, so that a year no
source looked at reads as missing, not as zero.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import defcoop
from _helpers import citations
from defcoop import Event, Record, Source
from defcoop.model import _inside_coverage as rule

SEEDS = frozenset({"pillar-and-highlight", "strengthening-2016"})
DATA = Path(defcoop.__file__).parent / "data"
CHANGELOG = Path(__file__).parents[2] / "CHANGELOG.md"
ISO_639_1 = re.compile(r"[a-z]{2}")


def web_reports(db: defcoop.Dataset) -> list[Source]:
    """The sources other than the two seed articles."""
    return [source for source in db.sources if source.id not in SEEDS]


def dated(record: Record) -> object:
    """The date a record is observed at (an occurred event's ``when``, an agreement's
    ``signed``), as the coverage rule reads it."""
    seen = rule.observed(record)
    return None if seen is None else seen[1]


def outside_coverage(db: defcoop.Dataset) -> list[tuple[str, str]]:
    """``(record, attribute)`` for each dated record that begins outside what its sources
    cover and that they do not only recall, by the rule loading enforces
    (:mod:`defcoop.model._inside_coverage`)."""
    by_id = {record.id: record for record in db}
    return sorted((r.id, attribute) for r, attribute, _ in rule.outside_coverage(db, by_id))


def unreleased_data_section() -> str:
    """The ``### Data`` part of the changelog's Unreleased section."""
    text = CHANGELOG.read_text(encoding="utf-8")
    unreleased = text.split("## [Unreleased]", 1)[1].split("\n## ", 1)[0]
    assert "### Data" in unreleased, "the Unreleased section has no Data part"
    return unreleased.split("### Data", 1)[1].split("\n### ", 1)[0]


# What a reader needs to find each source ----------------------------------------------------


def test_no_web_page_is_two_sources(db: defcoop.Dataset) -> None:
    """Each web address is one source: a page read twice is merged, not cited under two ids."""
    by_address: dict[str, list[str]] = {}
    for report in web_reports(db):
        assert report.url is not None, report.id
        address = report.url.split("://", 1)[-1].rstrip("/").removeprefix("www.")
        by_address.setdefault(address, []).append(report.id)
    assert {a: ids for a, ids in by_address.items() if len(ids) > 1} == {}


def test_every_web_report_has_address_title_language_and_reading_date(
    db: defcoop.Dataset,
) -> None:
    """A web report carries its http(s) address, a title, its language and the day it was read."""
    reports = web_reports(db)
    assert len(reports) >= 16
    for report in reports:
        assert report.url is not None, report.id
        assert report.url.startswith(("http://", "https://")), report.id
        assert report.title, report.id
        assert report.accessed is not None, report.id
        assert report.accessed.precision is defcoop.Precision.DAY, report.id
    with_publisher = [report for report in reports if report.publisher]
    assert len(with_publisher) >= 0.9 * len(reports)


def test_every_source_language_is_an_iso_639_1_code(db: defcoop.Dataset) -> None:
    """Languages are two-letter ISO 639-1 codes, so that sources can be counted by language."""
    assert [s.id for s in db.sources if not ISO_639_1.fullmatch(s.language)] == []


def test_a_missing_date_title_or_publisher_is_explained_in_the_notes(db: defcoop.Dataset) -> None:
    """Where a source lacks a publication date, title or publisher, its notes say so."""
    words = {
        "published": ("date", "year", "undated"),
        "title": ("title", "headline"),
        "publisher": ("publisher",),
    }
    unexplained = [
        (source.id, attribute)
        for source in db.sources
        for attribute, said in words.items()
        if getattr(source, attribute) is None
        and not any(word in (source.notes or "").lower() for word in said)
    ]
    assert unexplained == []


def test_seed_articles_are_described_in_their_notes(db: defcoop.Dataset) -> None:
    """The seed articles say in their notes what they are and where they were published."""
    for source_id in sorted(SEEDS):
        source = db.get(source_id, Source)
        assert source.notes is not None
        assert len(source.notes.split()) >= 40, source_id
        assert source.url is not None, source_id
        assert not re.search(r"\.txt\b|seed file", source.notes, re.IGNORECASE), source_id


def test_reports_are_read_in_several_languages(db: defcoop.Dataset) -> None:
    """Besides English, the reports are in at least four other languages of the region."""
    languages = {report.language for report in web_reports(db)}
    assert {"vi", "ru"} <= languages
    assert len(languages - {"en"}) >= 4


# Citations ----------------------------------------------------------------------------------


def test_every_web_report_is_cited(db: defcoop.Dataset) -> None:
    """No report is listed without a record citing it."""
    cited = {citation.source for record in db for citation in citations(record)}
    assert [s.id for s in web_reports(db) if s.id not in cited] == []


# Coverage -----------------------------------------------------------------------------------


RETROSPECTIVE = "covers nothing for counting purposes"
"""What the notes of a retrospective that mentions highlights say: it declares no coverage."""


def backs_a_dated_record(db: defcoop.Dataset, source_id: str) -> bool:
    """Whether a dated record (one a panel counts) cites the source."""
    return any(
        dated(record) is not None and any(c.source == source_id for c in citations(record))
        for record in db
    )


def test_every_report_behind_a_dated_record_declares_its_coverage(db: defcoop.Dataset) -> None:
    """A report behind a dated record says which countries over which period it looked at.

    A report cited only for undated facts (who held an office, a meeting of unknown year)
    declares none, and says so: a coverage it did not look at would turn a panel's missing
    cells into zeros. So does a retrospective that mentions highlights, whatever it backs,
    and a report without a date (a claim cannot be bounded by a day nobody knows), which
    says so; the dated records it backs lie inside the coverage of their other sources, or
    are held by none (a source that declares no coverage is not held to the rule).
    """
    for report in web_reports(db):
        if RETROSPECTIVE in (report.notes or ""):
            assert not report.coverage, report.id
        elif report.published is None and not report.coverage:
            assert "no coverage" in (report.notes or ""), report.id
        elif backs_a_dated_record(db, report.id):
            assert report.coverage, report.id
        elif not report.coverage:
            assert "no coverage" in (report.notes or ""), report.id


def test_every_dated_record_lies_inside_its_sources_coverage(db: defcoop.Dataset) -> None:
    """Every dated record lies inside what at least one of its sources covers."""
    assert outside_coverage(db) == []


def test_loading_refuses_a_record_outside_its_sources_coverage(db: defcoop.Dataset) -> None:
    """An event dated after its report's period, or about other countries, is a DataError
    naming it, never a record a panel drops silently; a planned event is not held to it."""
    report = defcoop.from_dict(
        Source,
        {
            "id": "a-report",
            "title": "A report",
            "publisher": "A publisher",
            "language": "en",
            "paragraphs": 2,
            "published": "2018-11-30",
            "coverage": [{"countries": ["VNM", "BLR"], "period": "2018-11"}],
        },
    )

    def visit(record_id: str, when: str, parties: list[str]) -> Event:
        return defcoop.from_dict(
            Event,
            {
                "id": record_id,
                "title": "A visit",
                "kind": "visit",
                "when": when,
                "parties": parties,
                "sources": ["a-report#1"],
            },
        )

    countries = [db.country(code) for code in ("VNM", "BLR", "RUS")]
    planned = defcoop.from_dict(
        Event, {**defcoop.to_dict(visit("planned", "2019-01", ["VNM", "BLR"])), "status": "planned"}
    )
    inside = visit("inside", "2018-11-14/2018-11-17", ["VNM", "BLR"])
    records = [inside, visit("too-late", "2019-01", ["VNM", "BLR"]), planned]
    # One that begins inside, and one the report only recalls (before its claim), are fine.
    begun = visit("begun", "2018-11-29/2018-12-02", ["VNM", "BLR"])
    recalled = visit("recalled", "2017", ["VNM", "BLR"])
    with pytest.raises(defcoop.DataError) as caught:
        defcoop.Dataset.from_records(
            [
                *countries,
                report,
                *records,
                begun,
                recalled,
                visit("other", "2018-11", ["VNM", "RUS"]),
            ]
        )
    assert sorted(p.record for p in caught.value.problems) == ["other", "too-late"]
    assert {p.attribute for p in caught.value.problems} == {"when"}
    assert "a-report: VNM-BLR November 2018" in str(caught.value)
    # A second source that covers the record's date is enough.
    wider = defcoop.from_dict(
        Source,
        {
            **defcoop.to_dict(report),
            "id": "b-report",
            "published": "2020",
            "coverage": [{"countries": ["VNM", "BLR"], "period": "2019"}],
        },
    )
    late = defcoop.from_dict(
        Event, {**defcoop.to_dict(records[1]), "sources": ["a-report#1", "b-report#1"]}
    )
    both = defcoop.Dataset.from_records([*countries, report, wider, inside, late, planned])
    assert outside_coverage(both) == []


# The changelog ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(DATA.glob("reports-*.toml")), ids=lambda path: path.name)
def test_changelog_data_section_names_each_reports_file(path: Path) -> None:
    """The Unreleased Data part of the changelog says which file of reports was added."""
    assert path.name in unreleased_data_section()


def test_changelog_names_the_bundled_data_version(db: defcoop.Dataset) -> None:
    """The Unreleased section names the data version the bundled files carry."""
    text = CHANGELOG.read_text(encoding="utf-8")
    unreleased = text.split("## [Unreleased]", 1)[1].split("\n## ", 1)[0]
    assert db.info is not None
    assert db.info.version in unreleased
