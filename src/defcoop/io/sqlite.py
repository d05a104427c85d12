"""The SQLite export: the whole dataset as one database file, ``defcoop.sqlite``.

A table per record type, a link table per list of ids, the citations, the coverage claims,
the directed dyad-year and the state-year panels (materialised, not views: the module
``defcoop.io._sql`` says why) and a ``metadata`` table with the data and code versions.
Columns are typed ``INTEGER``, ``TEXT``, ``BOOLEAN`` (0 or 1) and ``DATE`` (ISO text,
``"2018-11-15"``); lists of ids are JSON arrays in ``TEXT`` (the link tables hold them as
rows, to join on), as are nested tables. Every id is a primary key and every reference a
foreign key (SQLite checks them once ``PRAGMA foreign_keys = ON``). Written with Python's
own ``sqlite3``: no extra is needed.

>>> import sqlite3, tempfile, defcoop
>>> from defcoop.io.exports import export
>>> folder = tempfile.mkdtemp()
>>> (path,) = export(defcoop.load(), folder, format="sqlite")
>>> connection = sqlite3.connect(path)
>>> connection.execute(
...     "SELECT a.id FROM agreements a JOIN agreement_fields f ON f.agreement = a.id"
...     " WHERE f.field = 'military-science'").fetchall()
[('vnm-blr-military-science-2018',)]
>>> connection.close()
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from defcoop.io import _sql
from defcoop.io._registry import Format

if TYPE_CHECKING:
    from defcoop.dataset import Dataset

__all__ = ["FORMAT", "sqlite_files"]

_TYPES = {
    "integer": "INTEGER",
    "string": "TEXT",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "list": "TEXT",
    "json": "TEXT",
}


def sqlite_files(dataset: Dataset) -> dict[str, bytes]:
    """``defcoop.sqlite``, the database of ``dataset``, as bytes."""
    import sqlite3

    connection = sqlite3.connect(":memory:")
    try:
        for table in _sql.tables(dataset):
            connection.execute(_sql.create_table(table, lambda c: _TYPES[c.type]))
            marks = ", ".join("?" * len(table.columns))
            connection.executemany(
                f"INSERT INTO {_sql.quoted(table.name)} VALUES ({marks})", _rows(table)
            )
        connection.commit()
        return {"defcoop.sqlite": connection.serialize()}
    finally:
        connection.close()


def _rows(table: _sql.Table) -> Iterable[Sequence[Any]]:
    """The table's rows as SQLite stores them: days as ISO text (the adapters of
    ``sqlite3`` for dates are deprecated), lists as JSON text."""
    changed = [i for i, c in enumerate(table.columns) if c.type in ("date", "list")]
    if not changed:
        return table.rows
    return (_stored(row, changed) for row in table.rows)


def _stored(row: tuple[Any, ...], changed: list[int]) -> list[Any]:
    values = list(row)
    for i in changed:
        value = values[i]
        if isinstance(value, datetime.date):
            values[i] = value.isoformat()
        elif isinstance(value, list):
            values[i] = json.dumps(value, ensure_ascii=False)
    return values


#: SQLite, one database file.
FORMAT = Format(
    name="sqlite",
    suffix=".sqlite",
    title="SQLite",
    writes="``defcoop.sqlite``: a table per record type, link tables, citations, coverage, "
    "the dyad-year and state-year panels and the versions",
    reads="with ``sqlite3``, DBI and RSQLite in R, or any SQLite client",
    writer=sqlite_files,
)
