"""DCAD import: every fault of a file or an argument is defcoop's own error, naming where."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import defcoop
from _dcad_files import HEADER, write
from defcoop import ArgumentError, DataError, DefcoopError, UnknownNameError
from defcoop.cli._main import main
from defcoop.io import dcad

FIXTURE = Path(__file__).parents[1] / "fixtures" / "DCAD-v1.0-main-synthetic.csv"


def row(**cells: str) -> str:
    """One CSV row in DCAD's layout: synthetic defaults, then the cells given."""
    values = dict.fromkeys(dcad.COLUMNS, "")
    values.update(ccode1="816", ccode2="365", signYear="2001", type="sector", DCAid="SYN-9")
    values.update(cells)
    return ",".join(values[column] for column in dcad.COLUMNS)


def problems(path: Path) -> list[tuple[str, str | None, str]]:
    """The (row, column, message) of each problem converting ``path`` raises."""
    with pytest.raises(DataError) as info:
        dcad.convert(path, base=defcoop.load())
    return [(p.path, p.attribute, p.message) for p in info.value.problems]


def test_an_unclosed_quote_is_a_data_error(tmp_path: Path) -> None:
    """A quote opened and never closed names its row, not a _csv.Error."""
    path = write(tmp_path, row(DCAid="SYN-1"), row(DCAid="SYN-2", source='"open'))
    [(where, _column, message)] = problems(path)
    assert where == "row 2"
    assert "quote" in message


def test_a_cell_past_the_csv_limit_is_a_data_error(tmp_path: Path) -> None:
    """A cell beyond the csv module's own limit (an open quote swallowing the file) too."""
    path = write(tmp_path, row(DCAid="SYN-1", source='"' + "x" * 200_000))
    [(where, _column, message)] = problems(path)
    assert where == "row 1"
    assert "not valid CSV" in message


def test_an_oversized_cell_names_its_row_and_column(tmp_path: Path) -> None:
    """A cell over MAX_CELL characters is one problem; the other rows are still read."""
    big = "y" * (dcad.MAX_CELL + 1)
    path = write(tmp_path, row(DCAid="SYN-1", source=big), row(DCAid="SYN-2", ccode1="x"))
    found = problems(path)
    assert [(w, c) for w, c, _ in found] == [("row 1", "source"), ("row 2", "ccode1")]
    assert f"over the {dcad.MAX_CELL:,}" in found[0][2]


@pytest.mark.parametrize(
    "code", ["8_16", "\u0668\u0661\u0666", "\uff18\uff11\uff16", "+816", "816.0", "-816", " 8 16"]
)
def test_codes_are_ascii_digits_only(tmp_path: Path, code: str) -> None:
    """Digits int() takes (separators, other scripts, a sign) are not a COW code."""
    [(where, column, message)] = problems(write(tmp_path, row(ccode1=code)))
    assert (where, column) == ("row 1", "ccode1")
    assert "ASCII digits" in message


@pytest.mark.parametrize(
    "year", ["2_001", "\u0662\u0660\u0660\u0661", "\uff12\uff10\uff10\uff11", "+2001"]
)
def test_date_parts_are_ascii_digits_only(tmp_path: Path, year: str) -> None:
    """A year in other digits is a problem of its column."""
    [(where, column, _message)] = problems(write(tmp_path, row(signYear=year)))
    assert (where, column) == ("row 1", "signYear")


def test_a_repeated_header_column_is_refused(tmp_path: Path) -> None:
    """Two columns of one name: which to read is unclear, so the file is refused."""
    header = HEADER.replace("cowName2", "ccode1")
    [(where, _column, message)] = problems(write(tmp_path, row(), header=header))
    assert where == "header"
    assert "'ccode1' is given twice (columns 1 and 4)" in message


def test_a_missing_column_names_the_nearest(tmp_path: Path) -> None:
    """A misspelt column is reported with the nearest name the header has."""
    header = HEADER.replace("DCAid", "DCAId")
    [(_where, _column, message)] = problems(write(tmp_path, row(), header=header))
    assert "no column DCAid" in message
    assert "DCAId" in message


@pytest.mark.parametrize("extra", [",surplus", ",,"])
def test_extra_and_missing_cells_are_problems_of_their_row(tmp_path: Path, extra: str) -> None:
    """A row wider or narrower than the header is reported, never read shifted."""
    short = ",".join(row().split(",")[:12])
    found = problems(write(tmp_path, row(DCAid="SYN-1") + extra, short))
    assert [w for w, _c, _m in found] == ["row 1", "row 2"]
    assert "more than the header's 30" in found[0][2]
    assert "fewer than the header's 30" in found[1][2]


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    """Latin-1 text is one problem naming the file, not a UnicodeDecodeError."""
    path = tmp_path / "latin.csv"
    path.write_bytes((HEADER + "\n" + row(source="Bogot\xe1") + "\n").encode("latin-1"))
    with pytest.raises(DataError, match="is not UTF-8 text"):
        dcad.convert(path, base=defcoop.load())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    """A named pipe is refused at once (opening it to read would wait for a writer)."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(DataError, match="is a FIFO"):
        dcad.convert(fifo, base=defcoop.load())


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    """/dev/zero would never end; a folder is no file."""
    with pytest.raises(DataError, match="character device"):
        dcad.convert("/dev/zero", base=defcoop.load())
    with pytest.raises(DataError, match=r"folder|cannot be read"):
        dcad.convert(tmp_path, base=defcoop.load())


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ({"path": 123}, "path= expects a file name"),
        ({"path": b"DCAD.csv"}, "path= expects a file name"),
        ({"path": "DCAD\0.csv"}, "NUL"),
        ({"base": "bundled"}, "base= expects a Dataset"),
        ({"categories": ["7"]}, "categories= expects a mapping"),
        ({"categories": {"7": 7}}, "maps texts to texts"),
        ({"types": {"1": 1}}, "maps texts to texts"),
        ({"accessed": "2026-12-01"}, "accessed= expects a PartialDate"),
        ({"missing": "NA"}, "one text would be read as its characters"),
        ({"missing": ["NA", None]}, "missing= expects texts"),
    ],
)
def test_arguments_of_the_wrong_type(arguments: dict[str, Any], words: str) -> None:
    """Each wrong argument is an ArgumentError saying what was expected."""
    given: dict[str, Any] = {"path": FIXTURE, "base": defcoop.load(), **arguments}
    with pytest.raises(ArgumentError, match=words):
        dcad.convert(given.pop("path"), **given)


def test_a_bad_crosswalk_kind_names_the_nearest() -> None:
    """A misspelt kind in types= suggests the kinds it may mean."""
    with pytest.raises(UnknownNameError, match="framework agreement"):
        dcad.convert(FIXTURE, base=defcoop.load(), types={"general": "framwork agreement"})


def test_an_unknown_crosswalk_field_names_the_nearest() -> None:
    """A misspelt field in categories= is an error naming the fields it may mean."""
    with pytest.raises(UnknownNameError, match="military science"):
        dcad.convert(FIXTURE, base=defcoop.load(), categories={"7": "militery science"})


def test_cli_empty_crosswalk_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--crosswalk "" is refused (exit 2), never read as no crosswalk."""
    argv = ["import", "dcad", str(FIXTURE), "--out", str(tmp_path), "--crosswalk", ""]
    assert main(argv) == 2
    assert "expected a path" in capsys.readouterr().err
    assert not (tmp_path / "dcad.json").exists()


def test_every_fault_is_a_defcoop_error(tmp_path: Path) -> None:
    """Whatever the fault, nothing but a DefcoopError leaves the reader."""
    faults = ['"', "\0", "a,b\n1", HEADER + "\n" + row(ccode1="\u0663")]
    for number, text in enumerate(faults):
        path = tmp_path / f"{number}.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DefcoopError):
            dcad.convert(path, base=defcoop.load())
