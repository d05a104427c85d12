"""The SQLite and DuckDB exports: every record, the link tables, typed columns, keys, the
panels answering as the Python API does, and writes all or nothing."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from defcoop import Dataset, ExportError, MissingExtraError
from defcoop.io import _panel_tables, _sql
from defcoop.io._relations import links
from defcoop.io.exports import export
from defcoop.model import registry
from defcoop.model.records import Source
from defcoop.query import _columns

duckdb = pytest.importorskip("duckdb")

PANEL_VISITS = """
    SELECT year, ccode1, ccode2, visits, visits_lb FROM dyad_years
    WHERE stateabb1 IN ('DRV', 'RUS') AND stateabb2 IN ('DRV', 'RUS')
    ORDER BY year, ccode1
"""


@pytest.fixture
def files(exported: Callable[..., Path]) -> dict[str, Path]:
    """Both databases of the bundled data (written once, tests/io/conftest.py)."""
    folder = exported("sqlite", "duckdb") / "db"
    return {"sqlite": folder / "defcoop.sqlite", "duckdb": folder / "defcoop.duckdb"}


Query = Callable[[str], list[tuple[Any, ...]]]


@pytest.fixture(params=["sqlite", "duckdb"])
def query(request: pytest.FixtureRequest, files: dict[str, Path]) -> Iterator[Query]:
    """A function running SQL against one of the two databases, read only."""
    if request.param == "sqlite":
        connection: Any = sqlite3.connect(f"file:{files['sqlite']}?mode=ro", uri=True)
    else:
        connection = duckdb.connect(str(files["duckdb"]), read_only=True)
    yield lambda sql: [tuple(row) for row in connection.execute(sql).fetchall()]
    connection.close()


def test_every_record_is_in_its_table(db: Dataset, query: Query) -> None:
    """Each record type's table holds the id of every record of the type, once."""
    for declared in registry.record_types():
        key = _columns.key_column(declared.cls)
        found = [row[0] for row in query(f'SELECT "{key}" FROM {declared.key}')]
        expected = [getattr(r, key) for r in db if type(r) is declared.cls]
        assert sorted(found) == sorted(expected), declared.key


def test_link_tables_hold_every_listed_id(db: Dataset, query: Query) -> None:
    """Each list of ids of each record becomes its rows of a link table."""
    assert {"agreement_parties", "event_participants", "relationship_forums"} <= {
        link.table for link in links()
    }
    for link in links():
        owner, target = link.columns
        found = Counter(query(f"SELECT {owner}, {target} FROM {link.table}"))
        expected = Counter(
            (record.id, item)
            for record in db
            if type(record) is link.owner
            for item in getattr(record, link.attribute)
        )
        assert found == expected, link.table


def test_visits_per_year_by_direction_vietnam_russia(db: Dataset, query: Query) -> None:
    """The panel table answers "visits per year by direction, Vietnam-Russia" with the
    numbers of db.dyad_years(), missing where the panel's count is."""
    rows = query(PANEL_VISITS)
    (first, _), (last, _) = rows[0][:2], rows[-1][:2]
    panel = db.dyad_years(years=(first, last), dyad=("VNM", "RUS"), directed=True, frame=False)
    expected = sorted(
        (r["year"], r["ccode1"], r["ccode2"], r["visits"], r["visits_lb"]) for r in panel
    )
    assert [(*row[:4], None if row[4] is None else bool(row[4])) for row in rows] == expected
    assert sum(row[3] or 0 for row in rows) >= 10  # a real answer, not empty cells


def test_visit_records_per_year_match_the_events(db: Dataset, query: Query) -> None:
    """Counting the visit records in SQL gives what db.events() gives."""
    rows = query("""
        SELECT actor, recipient, CAST(substr(CAST(when_earliest AS VARCHAR), 1, 4) AS INTEGER)
               AS year, count(*)
        FROM events WHERE kind = 'visit' AND actor IN ('VNM', 'RUS')
        AND recipient IN ('VNM', 'RUS') AND when_earliest IS NOT NULL
        GROUP BY actor, recipient, year
    """)
    expected = Counter(
        (e.actor, e.recipient, e.when.earliest.year)
        for actor, recipient in (("VNM", "RUS"), ("RUS", "VNM"))
        for e in db.events(kind="visit", actor=actor, recipient=recipient)
        if e.when is not None
    )
    assert {(a, r, y): n for a, r, y, n in rows} == dict(expected)
    assert sum(expected.values()) >= 10


def test_panels_hold_every_row_of_the_python_panels(db: Dataset, query: Query) -> None:
    """The state-year table is db.state_years() for the states the coverage names."""
    scope = _panel_tables.scope(db)
    assert scope is not None
    panel = db.state_years(years=scope.years, party=["VNM", "RUS", "BLR"], frame=False)
    rows = query(f"SELECT {', '.join(panel.columns)} FROM state_years ORDER BY ccode, year")
    flags = [i for i, c in enumerate(panel.columns) if c.endswith("_lb")]
    fixed = [
        tuple(bool(v) if i in flags and v is not None else v for i, v in enumerate(r)) for r in rows
    ]
    assert fixed == [tuple(r.values()) for r in panel]


def test_metadata_names_the_versions(db: Dataset, query: Query) -> None:
    """The metadata table carries the data and code versions and the coverage."""
    import json

    import defcoop

    values = dict(query("SELECT key, value FROM metadata"))
    assert values["data_version"] == db.info.version  # type: ignore[union-attr]
    assert values["code_version"] == defcoop.__version__
    assert json.loads(values["coverage"]) == [str(c) for c in db.coverage]
    assert json.loads(values["dyad_years"])[0]["directed"] is True


def test_columns_are_typed(files: dict[str, Path]) -> None:
    """Ids, counts, flags and days are declared with their SQL types."""
    connection = sqlite3.connect(files["sqlite"])
    declared = {
        (table, row[1]): row[2]
        for table in ("agreements", "dyad_years", "events")
        for row in connection.execute(f"PRAGMA table_info({table})")
    }
    connection.close()
    assert declared["agreements", "signed_earliest"] == "DATE"
    assert declared["agreements", "signed_precision"] == "TEXT"
    assert declared["dyad_years", "visits"] == "INTEGER"
    assert declared["dyad_years", "visits_lb"] == "BOOLEAN"
    connection = duckdb.connect(str(files["duckdb"]), read_only=True)
    types = dict(
        connection.execute(
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns"
        ).fetchall()
    )
    connection.close()
    assert types["agreements.signed_earliest"] == "DATE"
    assert types["agreements.parties"] == "VARCHAR[]"
    assert types["dyad_years.visits_lb"] == "BOOLEAN"
    assert types["people.roles"] == "VARCHAR"  # JSON text


def test_panel_column_types_are_those_of_the_frames(db: Dataset) -> None:
    """Each panel column's SQL type is the kind of dtype Panel.to_frame() gives it."""
    frame = db.dyad_years(years=2018, dyad=("VNM", "RUS"), directed=True, frame=True)
    kinds = {"Int64": "integer", "boolean": "boolean", "string": "string"}
    for name, dtype in frame.dtypes.items():
        assert _panel_tables.column_type(str(name)) == kinds[str(dtype)], name


def test_keys_hold(files: dict[str, Path]) -> None:
    """Every foreign key of the SQLite file holds, and DuckDB declares the keys it checks."""
    connection = sqlite3.connect(files["sqlite"])
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = connection.execute("SELECT * FROM pragma_foreign_key_list('events')").fetchall()
    connection.close()
    assert {(row[2], row[3]) for row in keys} >= {("countries", "actor"), ("events", "part_of")}
    connection = duckdb.connect(str(files["duckdb"]), read_only=True)
    declared = connection.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints()"
        " WHERE constraint_type = 'FOREIGN KEY'"
    ).fetchall()
    connection.close()
    assert ("event_participants", ["person"]) in declared
    assert ("transfers", ["contract"]) in declared


def test_tables_come_after_the_tables_they_refer_to(db: Dataset) -> None:
    """DuckDB's order of creation puts each table after those its keys name."""
    seen: set[str] = set()
    for table in _sql.creation_order(_sql.tables(db)):
        assert {k.table for k in table.foreign_keys} - {table.name} <= seen, table.name
        seen.add(table.name)


def test_without_coverage_the_panels_have_columns_and_no_rows(db: Dataset, tmp_path: Path) -> None:
    """A dataset claiming no coverage gets empty panel tables, never rows of zeros."""
    records = [attrs.evolve(r, coverage=()) if isinstance(r, Source) else r for r in db]
    blank = Dataset.from_records(records, info=db.info)
    (path,) = export(blank, tmp_path, format="sqlite")
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT count(*) FROM dyad_years").fetchone() == (0,)
    names = [row[1] for row in connection.execute("PRAGMA table_info(dyad_years)")]
    connection.close()
    assert names[:3] == ["ccode1", "ccode2", "year"]
    assert "field_military_science" in names


def _tables_of(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    connection = duckdb.connect(str(path), read_only=True)
    names = [row[0] for row in connection.execute("SHOW TABLES").fetchall()]
    found = {
        name: sorted(map(repr, connection.execute(f"SELECT * FROM {name}").fetchall()))
        for name in names
    }
    connection.close()
    return found  # type: ignore[return-value]


def test_duckdb_rewrites_all_or_nothing(
    db: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second export keeps the file unless forced; a forced export that fails leaves the
    old file whole; one that succeeds writes the same tables again (DuckDB files are not
    byte-stable, so their contents are compared)."""
    import os

    small = Dataset.from_records(list(db.fields), info=db.info)
    (path,) = export(small, tmp_path, format="duckdb")
    before = _tables_of(path)
    assert len(before["fields"]) == len(db.fields)
    with pytest.raises(ExportError, match="already exists"):
        export(small, tmp_path, format="duckdb")
    path.write_bytes(b"changed by hand")
    real_replace = os.replace

    def failing(source: Any, target: Any) -> None:
        if str(target).endswith("defcoop.duckdb"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(ExportError, match="nothing was changed"):
        export(small, tmp_path, format="duckdb", force=True)
    monkeypatch.undo()
    assert path.read_bytes() == b"changed by hand"
    assert [p.name for p in tmp_path.iterdir()] == ["defcoop.duckdb"]
    export(small, tmp_path, format="duckdb", force=True)
    assert _tables_of(path) == before


def test_duckdb_without_the_extra_names_it(
    db: Dataset, tmp_path: Path, hide_module: Callable[[str], None]
) -> None:
    """Without duckdb, the export raises MissingExtraError naming the extra, writing nothing."""
    hide_module("duckdb")
    with pytest.raises(MissingExtraError, match=r"defcoop\[duckdb\]"):
        export(db, tmp_path / "out", format="duckdb")
    assert not (tmp_path / "out").exists()
