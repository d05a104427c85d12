"""CSV text that is safe to open (issue 25): formulas neutralised, every value one cell,
read back the same by Python's csv module and by DuckDB."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import defcoop
from defcoop.query._csv import FORMULA_STARTS, csv_text, neutral

HOSTILE = st.text(
    st.one_of(
        st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "'", "\x1b", "\u202e"]),
        st.characters(exclude_categories=["Cs"]),
    ),
    max_size=12,
)
CELLS = st.one_of(st.none(), HOSTILE, st.integers(-(10**6), 10**6))


def python_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def duckdb_rows(path: Path, header: list[str]) -> list[list[str]]:
    """``path`` read by DuckDB with every column as text; NULL (an empty cell) as ""."""
    duckdb = pytest.importorskip("duckdb")
    columns = ", ".join(f"'{name}': 'VARCHAR'" for name in header)
    query = (
        f"select * from read_csv('{path}', header = true, delim = ',', quote = '\"', "
        f"escape = '\"', auto_detect = false, columns = {{{columns}}})"
    )
    with duckdb.connect() as connection:
        found = connection.sql(query).fetchall()
    return [["" if value is None else value for value in row] for row in found]


def expected(rows: list[list[Any]], raw: bool) -> list[list[str]]:
    def shown(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return value if raw else neutral(value)
        return str(value)

    return [[shown(value) for value in row] for row in rows]


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.lists(CELLS, min_size=3, max_size=3), max_size=5), raw=st.booleans())
def test_hostile_text_reads_back_the_same(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[Any]], raw: bool
) -> None:
    """Python's csv module and DuckDB read every row back whole, as written; no text cell
    starts like a formula unless raw."""
    header = ["a", "b", "c"]
    text = csv_text(header, rows, formulas="raw" if raw else "escape")
    path = tmp_path_factory.mktemp("csv") / "hostile.csv"
    path.write_bytes(text.encode("utf-8"))
    want = [header, *expected(rows, raw)]
    assert python_rows(text) == want
    assert [header, *duckdb_rows(path, header)] == want
    if not raw:
        for row, written in zip(rows, want[1:], strict=True):
            for value, cell in zip(row, written, strict=True):
                assert not (isinstance(value, str) and cell.startswith(FORMULA_STARTS))


def test_a_lone_carriage_return_never_splits_a_row() -> None:
    """A value holding only \\r is quoted: the standard csv writer leaves it bare."""
    assert csv_text(["a", "b"], [["x\ry", "z"]]) == 'a,b\n"x\ry",z\n'


def test_numbers_are_never_neutralised() -> None:
    """-5 in a numeric column stays a number; the text "-5" is escaped."""
    assert csv_text(["n", "t"], [[-5, "-5"]]) == "n,t\n-5,'-5\n"


def test_formulas_must_be_escape_or_raw() -> None:
    """Any other value is an ArgumentError naming the two choices."""
    with pytest.raises(defcoop.errors.ArgumentError, match="'escape' or 'raw', got 'none'"):
        csv_text(["a"], [], formulas="none")  # type: ignore[arg-type]
