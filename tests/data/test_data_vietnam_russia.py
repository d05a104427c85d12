"""The Vietnam-Russia public record from web reports (``reports-vietnam-russia.toml``).

What the reports add to the two seed articles: a dated record for every year from 2008 to
2025 that any report read covers, the numbered rounds of the deputy-ministerial dialogue,
the documents signed with their signing events, and the refinements of the seeds' records.
"""

from __future__ import annotations

import pytest

import defcoop
from defcoop import Agreement, Event, EventStatus, Mechanism, Source

SEEDS = frozenset({"pillar-and-highlight", "strengthening-2016"})
# Years for which no stored report read says anything of Vietnam-Russia defense ties: none
# since the 2011 Da Nang call and the committee's 13th session of November 2011 were recorded.
UNREPORTED: frozenset[int] = frozenset()
DIALOGUE_ROUNDS = {
    "defense-dialogue-vnm-rus-2013-12": ("2013-12-12", "RUS"),
    "defense-dialogue-vnm-rus-2016-03": ("2016-03-21", "RUS"),
    "defense-dialogue-vnm-rus-2017-11": ("2017-11-22", "VNM"),
    "defense-dialogue-vnm-rus-2018-12": ("2018-12-03", "RUS"),
    "defense-dialogue-vnm-rus-2019-12": ("2019-12-03", "VNM"),
    "defense-dialogue-vnm-rus-2023-07": ("2023-07-06", "RUS"),
    "defense-dialogue-vnm-rus-2024-12": ("2024-12-26", "VNM"),
    "defense-dialogue-vnm-rus-2025-09": ("2025-09-03", "VNM"),
}


def report_sources(db: defcoop.Dataset) -> list[Source]:
    """The web reports cited by Vietnam-Russia records, the seeds left out."""
    cited = {
        item.citation.source
        for found in (db.events(party="RUS"), db.agreements(party="RUS"))
        for record in found
        for item in db.evidence(record)
    }
    return [source for source in db.sources if source.id in cited - SEEDS]


def test_every_year_a_report_covers_has_a_dated_record(db: defcoop.Dataset) -> None:
    """Each year 2008-2025 but those no report covers holds an event or agreement of that year."""
    years = {
        date.earliest.year
        for date in db.timeline(party="RUS").dates()
        if date.earliest.year == date.latest.year
    }
    assert set(range(2008, 2026)) - years == UNREPORTED


def test_reports_are_many_and_in_several_languages(db: defcoop.Dataset) -> None:
    """At least 24 reports back the dyad's records, six or more of them not in English."""
    reports = report_sources(db)
    assert len(reports) >= 24
    assert sum(1 for source in reports if source.language != "en") >= 6
    for source in reports:
        assert source.url is not None, source.id
        assert source.accessed is not None, source.id


def test_the_dialogue_rounds_are_dated_in_order_of_their_numbers(db: defcoop.Dataset) -> None:
    """The eight rounds the reports number, first to eighth, fall in that order."""
    rounds = list(db.events(mechanism="vnm-rus-strategic-dialogue"))
    assert [e.id for e in rounds] == list(DIALOGUE_ROUNDS)
    assert [e.round for e in rounds] == list(range(1, 9))
    assert [(str(e.when), e.host) for e in rounds] == list(DIALOGUE_ROUNDS.values())
    assert [e.when for e in rounds] == sorted(e.when for e in rounds if e.when is not None)
    for event in rounds:
        assert event.mechanism == "vnm-rus-strategic-dialogue"
        assert event.status is EventStatus.OCCURRED
        assert event.cameo == "040"
        assert not SEEDS & {c.source for c in event.sources}, event.id


@pytest.mark.parametrize(
    ("agreement_id", "signed", "during"),
    [
        ("vnm-rus-defense-plan-2018-2020", "2018-04-04", "lich-shoigu-meeting-2018-04"),
        ("vnm-rus-mtc-agreement-2021", "2021-12-01", "giang-shoigu-talks-2021-12"),
        ("vnm-rus-military-history-memorandum-2021", "2021-12-01", "giang-shoigu-talks-2021-12"),
        ("vnm-rus-documents-2024-12", "2024-12-26", "defense-dialogue-vnm-rus-2024-12"),
        ("vnm-rus-mtc-strategy-memorandum-2008", "2008-10", "triet-visit-rus-2008-10"),
    ],
)
def test_documents_signed_at_their_events(
    db: defcoop.Dataset, agreement_id: str, signed: str, during: str
) -> None:
    """Each document a report has signed at an event names that event and its day."""
    agreement = db.get(agreement_id, Agreement)
    assert (str(agreement.signed), agreement.signed_during) == (signed, during)


def test_seed_records_take_the_finer_dates_of_the_reports(db: defcoop.Dataset) -> None:
    """The seeds' months and years become the reports' days, and a settled year is not inferred."""
    assert str(db.get("shoigu-visit-vnm-2018-01", Event).when) == "2018-01-23"
    assert str(db.get("lich-shoigu-meeting-2018-04", Event).when) == "2018-04-04"
    for event_id in ("mcis-7", "lich-visit-rus-2018-04", "lich-shoigu-meeting-2018-04"):
        assert "when" not in db.get(event_id, Event).inferred, event_id
    for event_id in ("vietnam-year-in-russia", "russia-year-in-vietnam"):
        assert str(db.get(event_id, Event).when) == "2019-05-22/2020-05-22"


def test_conflicting_reports_are_named_in_the_notes(db: defcoop.Dataset) -> None:
    """Where reports disagree, the record's notes say what each says."""
    contract = db.get("vnm-rus-arms-contract-2009-12", Agreement)
    assert contract.notes is not None
    assert "2 billion" in contract.notes
    assert "4 billion" in contract.notes
    contests = db.get("army-games-2021-vnm-contests", Event)
    assert contests.notes is not None
    assert "Military Medical Relay" in contests.notes
    visit = db.get("shoigu-visit-vnm-2025-12", Event)
    assert visit.notes is not None
    assert "8 to 10 December" in visit.notes
    assert "9 to 10 December" in visit.notes


def test_other_mechanisms_have_their_sessions(db: defcoop.Dataset) -> None:
    """The committee's sessions of 2011-2019 and the working group's meetings are events of
    theirs, numbered where the reports number them and inside the mechanism's period."""
    sessions = db.events(mechanism="vnm-rus-igc-mtc")
    assert sessions.ids() == (
        "igc-mtc-vnm-rus-2011-11",
        "igc-mtc-vnm-rus-2012-04",
        "igc-mtc-vnm-rus-2012-10",
        "igc-mtc-vnm-rus-2013-04",
        "igc-mtc-vnm-rus-2013-10",
        "igc-mtc-vnm-rus-18",
        "igc-mtc-vnm-rus-19",
        "igc-mtc-vnm-rus-21",
    )
    assert [e.round for e in sessions] == [13, None, 14, None, 15, 18, 19, 21]
    committee = db.get("vnm-rus-igc-mtc", Mechanism)
    assert committee.period is not None
    assert all(committee.period.contains(e.when) for e in sessions if e.when is not None)
    group = db.events(mechanism="vnm-rus-defense-working-group")
    assert group.ids() == ("working-group-vnm-rus-2018-09", "working-group-vnm-rus-2025-01")
    assert [e.round for e in group] == [2, None]
    assert "mechanism" in group[0].inferred
