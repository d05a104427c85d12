"""The command line's cite for one record or several, --version, and names not in the data."""

from __future__ import annotations

import pytest

import defcoop
from _helpers import run


def test_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    """defcoop --version prints the package's version and exits with status 0."""
    assert run(capsys, "--version") == (0, f"defcoop {defcoop.__version__}\n", "")


def test_cite_of_several_records_gives_each_source_once(
    capsys: pytest.CaptureFixture[str], db: defcoop.Dataset
) -> None:
    """Several ids give one bibliography that pybtex reads: each source once, every key unique."""
    pybtex = pytest.importorskip("pybtex.database")
    ids = [a.id for a in db.agreements(party="BLR")[:4]]
    status, out, err = run(capsys, "cite", *ids)
    assert (status, err) == (0, "")
    entries = pybtex.parse_string(out, "bibtex").entries
    assert set(entries) == {s.id for s in db.evidence([db.get(i) for i in ids]).sources}
    assert out.count("@misc{") == len(entries)


def test_cite_for_one_field_of_a_relationship(
    capsys: pytest.CaptureFixture[str], db: defcoop.Dataset
) -> None:
    """--field gives only the sources a relationship cites for that field."""
    status, out, _err = run(capsys, "cite", "vnm-blr", "--field", "military science")
    assert status == 0
    assert out == db.cite("vnm-blr", field="military science")
    assert out != db.cite("vnm-blr")


def test_a_name_not_in_the_data_says_how_to_list_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An unknown person with nothing close is said to be absent, with no unrelated names."""
    status, out, err = run(capsys, "events", "--person", "Xi Jinping")
    assert (status, out) == (1, "")
    assert "not in the data" in err
    assert "db.people()" in err
    assert "did you mean" not in err
