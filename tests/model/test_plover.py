"""PLOVER beside CAMEO: the crosswalk, the events' codings and the plover= filter."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings

from defcoop import Dataset, Event, EventKind, EventStatus, QueryError, UnknownNameError
from defcoop import strategies as dst
from defcoop.model.plover import CAMEO_TO_PLOVER, MODES, Plover, PloverEvent, classify
from defcoop.model.records import Citation

# Rows of the published CAMEO-to-PLOVER table (CAMEO2PLOVER-2021.txt, openeventdata/PLOVER,
# commit 5e0c24f) for the CAMEO codes the bundled data uses and their near kin, transcribed
# by hand as (CAMEO code, PLOVER event, mode, context), independently of the module's table.
PUBLISHED_ROWS = [
    ("0312", "AGREE", None, ("military",)),
    ("036", "AGREE", None, ("diplomatic",)),
    ("040", "CONSULT", None, ()),
    ("041", "CONSULT", "phone", ()),
    ("042", "CONSULT", "visit", ()),
    ("043", "CONSULT", "visit", ()),
    ("044", "CONSULT", "third-party", ()),
    ("046", "CONSULT", None, ("diplomatic",)),
    ("057", "SUPPORT", None, ("diplomatic",)),
    ("062", "COOPERATE", None, ("military",)),
]


@pytest.mark.parametrize(("code", "event", "mode", "context"), PUBLISHED_ROWS)
def test_crosswalk_agrees_with_the_published_rows(
    code: str, event: str, mode: str | None, context: tuple[str, ...]
) -> None:
    """Each transcribed row of the published table is the crosswalk's row for that code."""
    assert CAMEO_TO_PLOVER[code] == (event, mode, context)


@pytest.mark.external("DEFCOOP_PLOVER_TABLE")
def test_crosswalk_agrees_with_the_published_file() -> None:
    """Every row of the crosswalk is the published file's (where a copy of it is at hand).

    Set DEFCOOP_PLOVER_TABLE to a copy of CAMEO2PLOVER-2021.txt to run this check; without it
    the test is deselected (the file is PLOVER's, not ours to ship).
    """
    path = os.environ["DEFCOOP_PLOVER_TABLE"]
    published = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = re.match(r"(\d{2,4}):\s*(.*)", line.split("#")[0].strip())
        if match:
            event, mode, context = ([*match[2].split(","), "", ""])[:3]
            contexts = tuple(c.strip() for c in context.split(";") if c.strip())
            published[match[1]] = (event.strip(), mode.strip() or None, contexts)
    assert {code: published.get(code) for code in CAMEO_TO_PLOVER} == dict(CAMEO_TO_PLOVER)


def test_every_table_event_is_a_plover_event() -> None:
    """The table only names PLOVER's event types, and every mode is among MODES."""
    for event, mode, _context in CAMEO_TO_PLOVER.values():
        assert event in PloverEvent.__members__
        assert mode is None or mode in MODES[event]


@pytest.mark.parametrize(
    ("cameo", "kind", "status", "expected"),
    [
        ("042", "visit", "occurred", "CONSULT-visit"),
        ("040", "conference", "occurred", "CONSULT-multilateral"),
        ("040", "meeting", "occurred", "CONSULT"),
        ("057", "signing", "occurred", "SUPPORT"),
        ("036", "meeting", "planned", "AGREE"),
        ("042", "visit", "planned", "AGREE"),
        ("0423", "visit", "occurred", "CONSULT-visit"),
        (None, "visit", "occurred", "CONSULT-visit"),
        (None, "exercise", "occurred", "COOPERATE"),
    ],
)
def test_the_issue_examples_and_the_rules(
    cameo: str | None, kind: str, status: str, expected: str
) -> None:
    """Visits consult by visit, conferences multilaterally, signings support, plans agree."""
    coding = classify(cameo, kind, status)
    assert coding is not None
    assert str(coding) == expected
    assert coding.context[-1] == "military"


def test_a_marked_multilateral_event_consults_multilaterally() -> None:
    """multilateral=True makes a CONSULT event's mode multilateral."""
    assert classify("040", "meeting", "occurred", multilateral=True) == Plover(
        event="CONSULT", mode="multilateral", context=("military",)
    )


def test_no_coding_without_a_mapped_code_or_kind() -> None:
    """An exchange year without a code, or a code outside the table, has no PLOVER coding."""
    assert classify(None, "exchange year", "occurred") is None
    assert classify("19", "visit", "occurred") is None


def test_every_bundled_event_has_a_coding(db: Dataset) -> None:
    """Every bundled event carries a PLOVER coding, derived from its code."""
    for event in db.events():
        assert event.plover == classify(event.cameo, event.kind.value, event.status.value)
        assert event.plover is not None, event.id


def test_plover_filter(db: Dataset) -> None:
    """plover= takes a type or type-mode in any case and keeps exactly the matching events."""
    visits = db.events(plover="consult-VISIT")
    assert visits.ids() == tuple(e.id for e in db.events() if str(e.plover) == "CONSULT-visit")
    assert "mcis-7" in db.events(plover="CONSULT").ids()
    conferences = db.events(plover="CONSULT-multilateral")
    assert "mcis-7" in conferences.ids()
    assert set(conferences) == set(db.events(kind="conference"))
    supports = db.events(plover="SUPPORT", party="BLR")
    assert "vnm-blr-signing-2018-11" in supports.ids()
    assert supports == tuple(
        e for e in db.events(party="BLR") if e.plover is not None and e.plover.event == "SUPPORT"
    )
    assert db.events(plover="AID").ids() == ()


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("CONSLT", UnknownNameError, "did you mean 'CONSULT'"),
        ("CONSULT-vist", UnknownNameError, "did you mean 'visit'"),
        ("AID-anything", QueryError, "no modes"),
        (" ", QueryError, "expects a name"),
        (4, QueryError, "expects a string"),
    ],
)
def test_bad_plover_filters(db: Dataset, value: object, error: type, message: str) -> None:
    """A misspelt PLOVER type or mode raises naming the closest; it never answers empty."""
    with pytest.raises(error, match=message):
        db.events(plover=value)  # type: ignore[arg-type]


def test_plover_is_not_stored() -> None:
    """PLOVER is derived: it is no attribute of the data files."""
    import attrs

    assert "plover" not in attrs.fields_dict(Event)
    event = Event(
        id="e",
        title="E",
        kind=EventKind.SIGNING,
        parties=("VNM",),
        status=EventStatus.OCCURRED,
        sources=(Citation(source="s", paragraph=1),),
    )
    assert str(event.plover) == "SUPPORT"


@settings(max_examples=max(5, settings.default.max_examples // 10))
@given(dst.datasets())
def test_filter_matches_a_scan_over_generated_datasets(db: Dataset) -> None:
    """For every PLOVER type, the indexed filter answers what a scan over the events finds."""
    for event_type in ("CONSULT", "AGREE", "SUPPORT", "COOPERATE", "CONSULT-visit"):
        scanned = tuple(e for e in db.events() if e.plover and event_type in e.plover.filter_keys())
        assert db.events(plover=event_type) == scanned
