"""Records as flat rows of plain values: the shared ground of DataFrames and CSV files.

Each attrs field is one column holding its data-file value (dates as text, citations as
``"source#paragraph"``, sets as sorted lists). A date column is followed by three more, so
that its precision is kept beside it: ``<name>_precision`` ("year", "month" or "day"; for a
period, the coarser of its two ends) and ``<name>_earliest`` / ``<name>_latest``, the first
and last day the date may mean.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from defcoop._extras import require
from defcoop.model import registry
from defcoop.model._fieldtypes import date_fields
from defcoop.model.dates import Period
from defcoop.model.records import Record

if typing.TYPE_CHECKING:
    import pandas

    from defcoop.query import _csv

DATE_PARTS = ("precision", "earliest", "latest")


def columns(cls: type[Any]) -> tuple[str, ...]:
    """The columns of a record type: its fields, each date followed by its three extra columns."""
    names: list[str] = []
    dates = date_fields(cls)
    for field in attrs.fields(cls):
        names.append(field.name)
        if field.name in dates:
            names += [f"{field.name}_{part}" for part in DATE_PARTS]
    return tuple(names)


def row(record: Record) -> dict[str, Any]:
    """One record as a row: its data-file values, plus the extra columns of its dates."""
    from defcoop.model._converter import make_converter

    values: dict[str, Any] = make_converter().unstructure(record)
    for name in date_fields(type(record)):
        date = getattr(record, name)
        if date is None:
            values.update(dict.fromkeys((f"{name}_{part}" for part in DATE_PARTS), None))
            continue
        precision = (
            min(date.start.precision, date.end.precision)
            if isinstance(date, Period)
            else date.precision
        )
        values[f"{name}_precision"] = precision.name.lower()
        values[f"{name}_earliest"] = date.earliest
        values[f"{name}_latest"] = date.latest
    return values


def table(
    records: Iterable[Record], kind: type[Any] | None = None
) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """Column names and rows for ``records``.

    Records of one kind (or ``kind`` when given, for an empty table) get that kind's
    columns; a mix of kinds gets a leading ``type`` column (``"agreement"``, ``"event"``) and
    the union of their columns.
    """
    records = list(records)
    kinds = list(dict.fromkeys(type(record) for record in records))
    if kind is not None or len(kinds) <= 1:
        chosen = kind or (kinds[0] if kinds else None)
        return (columns(chosen) if chosen else ()), [row(r) for r in records]
    names = ["type", *dict.fromkeys(name for k in kinds for name in columns(k))]
    return tuple(names), [{"type": registry.of(type(r)).singular, **row(r)} for r in records]


def date_columns(names: Sequence[str]) -> list[str]:
    """The extra columns that hold days (``*_earliest``, ``*_latest``) among ``names``."""
    return [name for name in names if name.endswith(("_earliest", "_latest"))]


def csv_text(
    records: Iterable[Record], kind: type[Any], *, formulas: _csv.Formulas = "escape"
) -> str:
    """Records of one kind as CSV text: a header row, then one row per record, in order.

    Lists and nested tables are written as JSON (``["VNM", "RUS"]``), so that nothing is lost
    to a separator that may occur in a value; None is an empty cell; days are ISO dates.
    Text that a spreadsheet would run as a formula gets a leading ``'`` unless
    ``formulas="raw"``, and a value holding a line break is quoted (``defcoop.query._csv``).
    Rows end with a bare newline, so the same records always give the same bytes.
    """
    import datetime as _dt
    import json

    from defcoop.query import _csv  # imported when CSV is written, not by every load

    def cell(value: Any) -> Any:
        if isinstance(value, list | dict):
            return _Written(json.dumps(value, ensure_ascii=False))
        if isinstance(value, _dt.date):
            return _Written(value.isoformat())
        return value

    names, rows = table(records, kind)
    body = ([cell(row.get(name)) for name in names] for row in rows)
    return _csv.csv_text(names, body, formulas=formulas)


class _Written:
    """A cell written by defcoop itself (JSON, an ISO day), never read as a formula."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


class JsonList(list[Any]):
    """A list whose text is JSON, so that a DataFrame's list cells are written to CSV
    (``frame.to_csv()``) as :func:`csv_text` writes them: ``["VNM", "RUS"]``.

    It is a list in every other way (``JsonList(["VNM"]) == ["VNM"]``).
    """

    __slots__ = ()

    def __repr__(self) -> str:
        import json

        return json.dumps(self, ensure_ascii=False)

    __str__ = __repr__


def frame(records: Iterable[Record], kind: type[Any] | None, purpose: str) -> pandas.DataFrame:
    """A pandas DataFrame of :func:`table`'s columns and rows, each column of one declared
    dtype whatever the rows (:func:`defcoop.query._columns.dtypes`).

    Date columns hold datetimes; whole-number columns (codes, counts) are nullable ``Int64``,
    never floats or objects; flags are ``boolean``; text, codes (``cameo``) and ids are
    ``string``; lists are :class:`JsonList`, written to CSV as JSON like :func:`csv_text`.
    An empty frame has the same columns and dtypes as a full one.

    Raises:
        MissingExtraError: when pandas is not installed (``pip install "defcoop[pandas]"``).
    """
    pd: Any = require("pandas", "pandas", purpose=purpose)
    from defcoop.query import _columns  # the JSON Schema walk, only for frames

    records = list(records)
    kinds = [kind] if kind is not None else list(dict.fromkeys(map(type, records)))
    names, rows = table(records, kind)
    for row in rows:
        for name, value in row.items():
            if type(value) is list:
                row[name] = JsonList(value)
    result = pd.DataFrame.from_records(rows, columns=list(names))
    declared = _columns.dtypes(kinds)
    for name in names:
        dtype = declared.get(name, "object")
        if dtype == "string":
            values = [row.get(name) for row in rows]
            result[name] = pd.array([None if v is None else str(v) for v in values], dtype="string")
        elif dtype != "object":
            result[name] = result[name].astype(dtype)
    return result
