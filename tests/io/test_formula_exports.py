"""Exports that spreadsheets open neutralise formulas from the data (issue 25), unless asked
for raw values; DuckDB reads every table back."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _helpers import small, write
from defcoop import Agreement, Dataset
from defcoop.cli._main import main
from defcoop.query import _tabular
from defcoop.query._csv import FORMULA_STARTS, neutral

HOSTILE = st.text(
    st.one_of(
        st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "\x1b", "\u202e"]),
        st.characters(exclude_categories=["Cs", "Cc"]),
    ),
    min_size=1,
    max_size=10,
)

TITLE = '=HYPERLINK("http://evil.invalid","x")\rsecond'


def hostile_data(tmp_path: Path) -> Path:
    data: dict[str, Any] = small()
    data["agreements"][0]["title"] = TITLE
    data["agreements"][0]["notes"] = "@SUM(1+1)\nand -more"
    data["countries"][1]["name"] = "+Laos"
    return write(tmp_path / "data" / "hostile.json", data)


def cells(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize("format", ["csv", "datapackage"])
def test_exported_text_never_starts_a_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    """Text from the data gets a leading ' where a spreadsheet would run it; numbers keep
    their value; --formulas raw writes the text as it is; DuckDB reads each file whole."""
    duckdb = pytest.importorskip("duckdb")
    data = hostile_data(tmp_path)
    for mode, out in [("escape", tmp_path / "safe"), ("raw", tmp_path / "raw")]:
        argv = ["export", "--data", str(data), "--format", format, "--out", str(out)]
        assert main([*argv, "--formulas", mode]) == 0
        capsys.readouterr()
        (agreement,) = cells(out / "agreements.csv")
        countries = {row["code"]: row for row in cells(out / "countries.csv")}
        prefix = "'" if mode == "escape" else ""
        assert agreement["title"] == prefix + TITLE
        assert agreement["notes"] == prefix + "@SUM(1+1)\nand -more"
        assert countries["LAO"]["name"] == prefix + "+Laos"
        assert countries["LAO"]["cow_code"] == "812"
        with duckdb.connect() as connection:
            query = f"select title from read_csv('{out / 'agreements.csv'}', all_varchar = true)"
            assert connection.sql(query).fetchall() == [(prefix + TITLE,)]


def test_an_unknown_formulas_mode_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--formulas takes escape or raw, nothing else."""
    assert main(["export", "--format", "csv", "--out", str(tmp_path), "--formulas", "off"]) == 2
    assert "invalid choice: 'off' (choose from escape, raw)" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@settings(max_examples=25, deadline=None)
@given(title=HOSTILE, notes=HOSTILE, raw=st.booleans())
def test_records_with_hostile_text_read_back_row_for_row(
    db: Dataset, tmp_path_factory: pytest.TempPathFactory, title: str, notes: str, raw: bool
) -> None:
    """An agreements table with hostile title and notes is read back by Python's csv module
    and by DuckDB with one row per record and the values written; escaped, no text cell
    starts like a formula."""
    duckdb = pytest.importorskip("duckdb")
    first, second = db.agreements()[:2]
    records = [attrs.evolve(first, title=title, notes=notes), second]
    text = _tabular.csv_text(records, Agreement, formulas="raw" if raw else "escape")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    shown = (lambda value: value) if raw else neutral
    assert [(row["id"], row["title"], row["notes"]) for row in rows] == [
        (first.id, shown(title), shown(notes)),
        (second.id, shown(second.title), shown(second.notes or "")),
    ]
    if not raw:
        assert not any(
            cell.startswith(FORMULA_STARTS) for row in rows for cell in row.values() if cell
        )
    path = tmp_path_factory.mktemp("csv") / "agreements.csv"
    path.write_bytes(text.encode("utf-8"))
    with duckdb.connect() as connection:
        query = (
            f"select id, title from read_csv('{path}', all_varchar = true, header = true, "
            """delim = ',', quote = '"', escape = '"')"""
        )
        found = connection.sql(query).fetchall()
    assert found == [(first.id, shown(title)), (second.id, shown(second.title))]
