"""docs/r.md: every SQL query its R lines send is run from Python against the same files
(R is not installed here) and answers as db.dyad_years() and db.events() do."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from defcoop import Dataset

duckdb = pytest.importorskip("duckdb")

PAGE = Path(__file__).parents[2] / "docs" / "r.md"
BLOCK = re.compile(r"<!-- r: (\w+) -->\n```r\n(.*?)```", re.S)
CALL = re.compile(r'(?:(\w+) <- )?(dbGetQuery|dbExecute)\(con, "(.*?)"\)', re.S)


def _blocks() -> dict[str, str]:
    return dict(BLOCK.findall(PAGE.read_text(encoding="utf-8")))


def _connect(label: str, block: str, folder: Path) -> Any:
    """The Python connection matching the block's dbConnect(), to the file it names."""
    (call,) = re.findall(r"dbConnect\((.*)\)", block)
    named = re.findall(r'"([^"]+\.(?:sqlite|duckdb))"', call)
    if label == "sqlite":
        assert "RSQLite::SQLite()" in call
        return sqlite3.connect(folder / named[0])
    assert "duckdb::duckdb()" in call
    if named:
        return duckdb.connect(str(folder / named[0]), read_only=True)
    return duckdb.connect()


def test_the_page_has_a_block_for_each_route() -> None:
    """The page shows R lines for the SQLite and DuckDB files, Parquet and the data package."""
    assert set(_blocks()) == {"sqlite", "duckdb", "parquet", "datapackage"}


@pytest.mark.parametrize("label", ["sqlite", "duckdb", "parquet", "datapackage"])
def test_the_pages_queries_answer_as_the_api(
    label: str, db: Dataset, exported: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each query of the block, run in order against the files the R lines open, gives the
    visits per year by direction, Vietnam-Russia, that Python gives."""
    block = _blocks()[label]
    folder = exported(label)
    monkeypatch.chdir(folder)  # the R lines name files relative to the working folder
    connection = _connect(label, block, folder)
    answers: dict[str, list[tuple[Any, ...]]] = {}
    try:
        for name, function, sql in CALL.findall(block):
            result = connection.execute(sql)
            if function == "dbGetQuery":
                answers[name] = [tuple(row) for row in result.fetchall()]
    finally:
        connection.close()
    assert answers, label
    if "visits" in answers:
        assert answers["visits"] == _panel_visits(db, answers["visits"])
    if "records" in answers:
        assert answers["records"] == _record_visits(db)


def _panel_visits(db: Dataset, found: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    years = (found[0][0], found[-1][0])
    panel = db.dyad_years(years=years, dyad=("VNM", "RUS"), directed=True, frame=False)
    rows = sorted(
        (r["year"], r["stateabb1"], r["stateabb2"], r["visits"], r["visits_lb"]) for r in panel
    )
    # SQLite gives a BOOLEAN as 0 or 1, equal to False and True
    assert sum(row[3] or 0 for row in rows) >= 10
    return rows


def _record_visits(db: Dataset) -> list[tuple[Any, ...]]:
    counted = Counter(
        (e.actor, e.recipient, e.when.earliest.year)
        for actor, recipient in (("VNM", "RUS"), ("RUS", "VNM"))
        for e in db.events(kind="visit", actor=actor, recipient=recipient)
        if e.when is not None and e.when.earliest.year == e.when.latest.year
    )
    return sorted(
        ((a, r, y, n) for (a, r, y), n in counted.items()), key=lambda row: (row[2], row[0])
    )
