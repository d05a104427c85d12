"""Records as Apache Arrow tables and Parquet files, for DuckDB, Polars, Spark and pandas.

pyarrow is an optional extra (``pip install "defcoop[arrow]"``), imported on the first call.
Each record type is one table in the layout of the CSV export, with real types: lists stay
lists (``list<string>``; a person's roles and a relationship's evidence are lists of structs, a
transfer's value is one struct), integers stay integers, and each date keeps its text as
written (``"2018-11"``) beside its precision (``signed_precision``: ``"year"``, ``"month"`` or
``"day"``) and the first and last day it may mean (``signed_earliest``, ``signed_latest``,
Arrow ``date32``), so that a query can compare dates without losing what the source did not
say. Citations are text, ``"source-id#paragraph"``, as in data files.

>>> import defcoop
>>> table = defcoop.load().to_arrow("agreements")
>>> str(table.schema.field("fields").type), str(table.schema.field("signed_earliest").type)
('list<item: string>', 'date32[day]')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from defcoop._extras import require
from defcoop.model.records import Record
from defcoop.query import _columns, _tabular

if TYPE_CHECKING:
    import pyarrow

__all__ = ["from_arrow", "schema", "to_arrow"]


def _pa(purpose: str) -> Any:
    return require("pyarrow", "arrow", purpose=purpose)


def _arrow_type(pa: Any, kind: str) -> Any:
    kinds = {"string": pa.string(), "integer": pa.int64(), "boolean": pa.bool_()}
    return {**kinds, "date": pa.date32()}[kind]


def schema(record_type: type[Record]) -> pyarrow.Schema:
    """The Arrow schema of a record type's table (see the module's description)."""
    pa = _pa("defcoop.query.arrow.schema()")
    fields = []
    for column in _columns.columns(record_type):
        nested = [
            pa.field(name, pa.list_(pa.string()) if kind == "array" else _arrow_type(pa, kind))
            for name, kind in column.object_fields
        ]
        if column.type == "array" and column.items == "object":
            arrow_type = pa.list_(pa.struct(nested))
        elif column.type == "object":  # one nested table, such as a transfer's value
            arrow_type = pa.struct(nested)
        elif column.type == "array":
            arrow_type = pa.list_(_arrow_type(pa, column.items or "string"))
        else:
            arrow_type = _arrow_type(pa, column.type)
        fields.append(pa.field(column.name, arrow_type, nullable=not column.required))
    return pa.schema(fields)


def to_arrow(records: Iterable[Record], kind: type[Record] | str | None = None) -> pyarrow.Table:
    """An Arrow table of records of one kind, one row per record, in the order given.

    Args:
        records: records of one kind (a query's answer, or ``db.agreements()``).
        kind: their record type or data-file key (``"agreements"``); needed for an empty
            answer, read from the records otherwise.

    Raises:
        MissingExtraError: when pyarrow is not installed (``pip install "defcoop[arrow]"``).
        QueryError: for records of more than one kind.
    """
    from defcoop.query._arguments import require_records

    rows = require_records(records, "to_arrow()")
    pa = _pa("to_arrow()")
    from defcoop.query._lookup import record_kind

    kinds = {type(record) for record in rows}
    record_type = record_kind(kind) if kind is not None else next(iter(kinds), None)
    if record_type is None or kinds - {record_type}:
        from defcoop.errors import QueryError

        names = sorted(k.__name__ for k in kinds | ({record_type} if record_type else set()))
        raise QueryError(
            "to_arrow() makes a table of one kind of record, got "
            + (", ".join(names) if names else "no records and no kind=")
        )
    names = [column.name for column in _columns.columns(record_type)]
    data = [_tabular.row(record) for record in rows]
    return pa.Table.from_pylist(
        [{name: row.get(name) for name in names} for row in data], schema=schema(record_type)
    )


def from_arrow(table: pyarrow.Table, kind: type[Record] | str) -> list[Record]:
    """The records of a table that :func:`defcoop.to_arrow` made (or a Parquet file read back).

    Each row is checked as :func:`defcoop.from_dict` checks a record; the extra date columns
    are left out, since they follow from the dates. ``kind`` is the record type or its
    data-file key.

    Raises:
        DataError: listing every problem of a row that is not a valid record.
    """
    import attrs

    from defcoop.model._converter import structure_checked
    from defcoop.query._lookup import record_kind

    record_type = record_kind(kind)
    names = [field.name for field in attrs.fields(record_type)]
    return [
        structure_checked(
            record_type, {n: row[n] for n in names if row.get(n) is not None}, name=f"row {i}"
        )
        for i, row in enumerate(table.to_pylist(), start=1)
    ]


def dataset_table(records: Iterable[Record], kind: str | type[Record]) -> pyarrow.Table:
    """Every record of one kind among ``records`` (a dataset), as :meth:`Dataset.to_arrow`
    documents."""
    from defcoop.query._lookup import record_kind

    record_type = record_kind(kind)
    return to_arrow((r for r in records if type(r) is record_type), record_type)
