"""The DuckDB export: the whole dataset as one database file, ``defcoop.duckdb``.

The tables of the SQLite export (``defcoop.io._sql`` describes them), typed the DuckDB way:
``BIGINT``, ``VARCHAR``, ``BOOLEAN``, ``DATE``, and lists of ids as lists (``VARCHAR[]``,
``list_contains(parties, 'VNM')``) beside their link tables; nested tables are JSON text.
Every id is a primary key. DuckDB checks a foreign key as each row arrives, and refuses one
that names a row of the same statement, so the tables are created in the order their keys
need and the references of a record type to itself (a field's ``broader``, an event's
``part_of``, an organization's ``parent``, a country's ``continued_by``) have no declared
key here; every other reference has one.

duckdb is an optional extra (``pip install "defcoop[duckdb]"``), imported on the first call.
The rows reach DuckDB as JSON lines read by its ``read_json`` with the columns' declared
types (row-by-row inserts would take seconds), in a temporary folder removed afterwards.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from defcoop._extras import require
from defcoop.io import _sql
from defcoop.io._registry import Format

if TYPE_CHECKING:
    from defcoop.dataset import Dataset

__all__ = ["FORMAT", "duckdb_files"]

_TYPES = {
    "integer": "BIGINT",
    "string": "VARCHAR",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "json": "VARCHAR",
}


def _type(column: _sql.Column) -> str:
    if column.type == "list":
        return _TYPES[column.items] + "[]"
    return _TYPES[column.type]


def duckdb_files(dataset: Dataset) -> dict[str, bytes]:
    """``defcoop.duckdb``, the database of ``dataset``, as bytes.

    Raises:
        MissingExtraError: when duckdb is not installed (``pip install "defcoop[duckdb]"``).
    """
    duckdb: Any = require("duckdb", "duckdb", purpose="the DuckDB export")
    with tempfile.TemporaryDirectory(prefix="defcoop-duckdb-") as folder:
        path = Path(folder, "defcoop.duckdb")
        connection = duckdb.connect(os.fspath(path))
        try:
            connection.execute("BEGIN TRANSACTION")  # one commit: twice as fast
            created: set[str] = set()
            for table in _sql.creation_order(_sql.tables(dataset)):
                keys = [k for k in table.foreign_keys if k.table in created]
                connection.execute(_sql.create_table(table, _type, keys=keys))
                created.add(table.name)
                if table.rows:
                    _insert(connection, table, Path(folder, f"{table.name}.jsonl"))
            connection.execute("COMMIT")
            connection.execute("CHECKPOINT")
        finally:
            connection.close()
        return {"defcoop.duckdb": path.read_bytes()}


def _insert(connection: Any, table: _sql.Table, lines: Path) -> None:
    """Fill ``table`` from its rows, written as JSON lines to ``lines`` and read back."""
    names = [c.name for c in table.columns]
    with open(lines, "w", encoding="utf-8") as file:
        for row in table.rows:
            file.write(json.dumps(dict(zip(names, row, strict=True)), default=_day) + "\n")
    declared = ", ".join(f"{_text(c.name)}: {_text(_type(c))}" for c in table.columns)
    selected = ", ".join(_sql.quoted(name) for name in names)
    connection.execute(
        f"INSERT INTO {_sql.quoted(table.name)} SELECT {selected} FROM read_json(?, "
        f"format = 'newline_delimited', columns = {{{declared}}})",
        [os.fspath(lines)],
    )


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _day(value: object) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


#: DuckDB, one database file.
FORMAT = Format(
    name="duckdb",
    suffix=".duckdb",
    title="DuckDB",
    writes="``defcoop.duckdb``: the tables of the SQLite export, lists as DuckDB lists",
    reads="with the ``duckdb`` module, DBI and duckdb in R, or the DuckDB command line",
    extra="duckdb",
    writer=duckdb_files,
)
