"""DCAD import: rows matched to the agreements the base holds, doubts reported, UNTS kept."""

from __future__ import annotations

from pathlib import Path

import pytest

import defcoop
from _dcad_files import write
from defcoop import Agreement
from defcoop.cli._main import main
from defcoop.io import dcad

FRAMEWORK_1998 = "vnm-rus-military-cooperation-agreement-1998"
STATEMENT_1998 = "vnm-rus-joint-political-statement-1998"


def row(**cells: str) -> str:
    """One CSV row in DCAD's layout: Vietnam and Russia, then the cells given."""
    values = dict.fromkeys(dcad.COLUMNS, "")
    values.update(ccode1="816", ccode2="365", type="sector")
    values.update(cells)
    return ",".join(values[column] for column in dcad.COLUMNS)


@pytest.fixture
def three(tmp_path: Path) -> Path:
    """A match (parties, year and kind of a bundled framework agreement), a doubt (a month
    holding a bundled agreement's day) and a row new to the bundled data."""
    return write(
        tmp_path,
        row(DCAid="M-1", ccode1="365", ccode2="816", signYear="1998", type="general"),
        row(DCAid="M-2", signYear="1998", signMonth="8"),
        row(DCAid="M-3", signYear="1995", UNTS="54321"),
    )


def test_match_doubt_and_new(three: Path) -> None:
    """The match adds no agreement; the doubt and the new row are added; all reported."""
    conversion = dcad.convert(three, base=defcoop.load())
    report = conversion.matches
    assert [(m.row, m.dcaid, m.agreement, m.by) for m in report.matches] == [
        (1, "M-1", FRAMEWORK_1998, "parties, date and kind")
    ]
    [doubt] = report.doubts
    assert (doubt.row, doubt.dcaid) == (2, "M-2")
    assert STATEMENT_1998 in doubt.candidates
    assert "was signed 1998-08-25, the row says 1998-08" in doubt.reason
    assert [a.id for a in conversion.agreements] == ["dcad-M-2", "dcad-M-3"]
    assert (report.new, report.crosswalk) == (2, {"M-1": FRAMEWORK_1998})
    assert str(report).splitlines()[0] == "1 matched, 1 in doubt, 2 new"


def test_a_row_with_no_agreement_like_it_is_new(tmp_path: Path) -> None:
    """Other parties, or another year, is no match and no doubt."""
    path = write(tmp_path, row(DCAid="N-1", ccode2="370", signYear="1998", type="general"))
    conversion = dcad.convert(path, base=defcoop.load())
    assert conversion.matches.matches == conversion.matches.doubts == ()
    assert len(conversion.agreements) == 1


def test_read_joins_the_match_into_the_base_agreement(three: Path) -> None:
    """The matched agreement gains the row's identifier and citation; nothing counts twice."""
    with pytest.warns(dcad.DcadWarning, match="rows in doubt: row 2"):
        db = dcad.read(three)
    joined = db.get(FRAMEWORK_1998, Agreement)
    assert "dcad:M-1" in joined.identifiers
    assert "dcad ¶1" in [str(c) for c in joined.sources]
    assert "dcad-M-1" not in {a.id for a in db.agreements()}
    assert len(db.agreements(party="RUS", signed="1998")) == 3  # the bundled two, and M-2


def test_reading_again_matches_by_identifier(three: Path) -> None:
    """A base that holds the rows already matches each by its dcad: identifier."""
    with pytest.warns(dcad.DcadWarning):
        once = dcad.read(three)
    again = dcad.convert(three, base=once)
    assert {m.dcaid: m.by for m in again.matches.matches} == {
        "M-1": "identifier",
        "M-2": "identifier",
        "M-3": "identifier",
    }
    assert len(again.agreements) == 0


def test_two_rows_for_one_agreement_leave_the_second_in_doubt(tmp_path: Path) -> None:
    """A bundled agreement is matched once; the second row like it is a doubt."""
    general = {"signYear": "1998", "type": "general"}
    path = write(tmp_path, row(DCAid="D-1", **general), row(DCAid="D-2", **general))
    report = dcad.convert(path, base=defcoop.load()).matches
    assert [m.dcaid for m in report.matches] == ["D-1"]
    assert [(d.dcaid, d.reason) for d in report.doubts] == [("D-2", "row 1 matched it already")]


@pytest.mark.parametrize(
    ("cell", "identifiers", "unmapped"),
    [
        ("54321", ("dcad:U-1", "unts:54321"), {}),
        ("I-54321", ("dcad:U-1", "unts:I-54321"), {}),
        ("0", ("dcad:U-1",), {}),
        ("NA", ("dcad:U-1",), {}),
        ("1", ("dcad:U-1",), {"UNTS 1": (1,)}),
        ("yes", ("dcad:U-1",), {"UNTS yes": (1,)}),
    ],
)
def test_unts_numbers_are_kept_as_identifiers(
    tmp_path: Path, cell: str, identifiers: tuple[str, ...], unmapped: dict[str, tuple[int]]
) -> None:
    """A registration number becomes unts:<n>; a flag or text is kept in notes, reported."""
    path = write(tmp_path, row(DCAid="U-1", signYear="1995", UNTS=cell))
    conversion = dcad.convert(path, base=defcoop.load())
    [agreement] = conversion.agreements
    assert agreement.identifiers == identifiers
    assert conversion.unmapped == unmapped


def test_cli_reports_matches_and_doubts(
    capsys: pytest.CaptureFixture[str], three: Path, tmp_path: Path
) -> None:
    """defcoop import dcad prints each match on stdout and each doubt on stderr."""
    assert main(["import", "dcad", str(three), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert f"matched: row 1 (DCAid M-1) is {FRAMEWORK_1998}" in captured.out
    assert "2 agreements" in captured.out
    assert "doubt: row 2 (DCAid M-2) may be" in captured.err


def test_agreements_build_lazily_and_alike(three: Path) -> None:
    """The agreements are built from their rows when asked: equal each time, sliceable."""
    agreements = dcad.convert(three, base=defcoop.load()).agreements
    assert list(agreements) == [agreements[0], agreements[1]]
    assert [a.id for a in agreements[1:]] == ["dcad-M-3"]
    assert agreements[-1].title == "Agreement on defense cooperation between Vietnam and Russia"
