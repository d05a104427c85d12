"""The ``defcoop panel`` command: panels as CSV or JSON, and options given once."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import defcoop
from _helpers import run
from defcoop.cli._panel import panel_json


def test_dyad_year_csv_has_the_field_s_columns(capsys: pytest.CaptureFixture[str]) -> None:
    """CSV with ccode1, ccode2, year first; empty cells where nobody looked."""
    status, out, _err = run(capsys, "panel", "dyad-year", "--years", "2018")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:3] == ["ccode1", "ccode2", "year"]
    belarus = next(r for r in rows if (r["ccode1"], r["ccode2"]) == ("370", "816"))
    assert (belarus["events_occurred"], belarus["visits"]) == ("5", "1")
    china = next(r for r in rows if (r["ccode1"], r["ccode2"]) == ("710", "816"))
    assert china["events_occurred"] == ""


def test_json_gives_rows_and_metadata(
    capsys: pytest.CaptureFixture[str], db: defcoop.Dataset
) -> None:
    """--format json: rows with null for missing counts, and what was left out and why."""
    status, out, _err = run(
        capsys, "panel", "dyad-year", "--years", "2018", "--directed", "--format", "json"
    )
    assert status == 0
    document = json.loads(out)
    assert document["metadata"]["directed"] is True
    assert (
        document["metadata"]["unknown"]
        == db.dyad_years(years="2018", frame=False).metadata["unknown"]
    )
    visits = {(r["ccode1"], r["ccode2"]) for r in document["rows"] if r["visits"]}
    assert visits == {(365, 816), (816, 365), (370, 816)}


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.sampled_from(['},\n   {"x": 1', "}, {", "\n", '"', "\\", "é", "\u2028"])
)
VALUES = SCALARS | st.lists(SCALARS, max_size=2) | st.dictionaries(st.text(), SCALARS, max_size=2)


@given(
    metadata=st.dictionaries(st.text(), VALUES, max_size=3),
    rows=st.lists(st.dictionaries(st.text(), SCALARS | VALUES, max_size=4), max_size=4)
    | st.lists(st.dictionaries(st.text(), SCALARS, max_size=4), max_size=4),
)
def test_panel_json_is_the_standard_library_s_indented_text(
    metadata: dict[str, object], rows: list[dict[str, object]]
) -> None:
    """The fast writer of ``--format json`` gives, character for character, the text of
    ``json.dumps(..., ensure_ascii=False, indent=1)``, whatever the rows hold."""
    document = {"metadata": metadata, "rows": rows}
    assert panel_json(metadata, rows) == json.dumps(document, ensure_ascii=False, indent=1)


def test_state_years_in_the_gleditsch_ward_system(capsys: pytest.CaptureFixture[str]) -> None:
    """state-year --system gw: gwcode and year."""
    status, out, _err = run(capsys, "panel", "state-year", "--years", "2000", "--system", "gw")
    assert status == 0
    assert out.splitlines()[0].startswith("gwcode,year,")


@pytest.mark.parametrize(
    "argv",
    [
        ("--years", "2018", "--years", "2019"),
        ("--years", "2018", "--system", "cow", "--system", "gw"),
        ("--years", "2018", "--format", "csv", "--format", "json"),
    ],
)
def test_an_option_given_twice_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    """A second value never silently replaces the first: exit status 2, and why."""
    status, out, err = run(capsys, "panel", "dyad-year", *argv)
    assert status == 2
    assert out == ""
    assert "given twice" in err


def test_directed_is_for_dyads_and_years_must_read(capsys: pytest.CaptureFixture[str]) -> None:
    """--directed on state-years and unreadable years are refused with a message."""
    status, _out, err = run(capsys, "panel", "state-year", "--years", "2018", "--directed")
    assert (status, "dyad-year" in err) == (2, True)
    status, _out, err = run(capsys, "panel", "dyad-year", "--years", "last year")
    assert status != 0
    assert "years" in err


def test_party_and_dyad_keep_their_rows(capsys: pytest.CaptureFixture[str]) -> None:
    """--party (repeatable: any of them) and --dyad keep those rows only."""
    status, out, _err = run(
        capsys, "panel", "dyad-year", "--years", "2018", "--dyad", "VNM", "Belarus"
    )
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["stateabb1"], r["stateabb2"], r["agreements_signed_lb"]) for r in rows] == [
        ("BLR", "DRV", "false")
    ]
    status, out, _err = run(
        capsys, "panel", "state-year", "--years", "2018", "--party", "BLR", "--party", "RUS"
    )
    assert status == 0
    assert [r["stateabb"] for r in csv.DictReader(io.StringIO(out))] == ["RUS", "BLR"]
