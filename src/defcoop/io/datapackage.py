"""The dataset as a Frictionless Data Package (v2): CSV tables and a described, linked whole.

``defcoop export --format datapackage --out DIR`` (or :func:`files`) writes one CSV file per
record type, in the layout of ``--format csv`` (lists as JSON arrays, each date followed by
its precision and its first and last day), and ``datapackage.json``: for each table a Table
Schema with each column's type and constraints (read from the JSON Schema of data files),
its primary key, and foreign keys for every column that holds the id of another record.
The descriptor's ``version`` is the data's; ``defcoop`` names the data and code versions.

Lists of ids (an agreement's parties, an event's participants, the fields a record covers)
cannot carry a foreign key inside one cell, so each also gets a *link table* of its own,
``agreement_parties.csv`` with columns ``agreement`` and ``country``, whose two foreign keys
point at the records on both sides; and ``citations.csv`` lists every citation as ``record``,
``record_type``, ``source``, ``paragraph`` (and ``field`` for a relationship's per-field
evidence), with a foreign key to the sources. A package validates with the ``frictionless``
library (``frictionless validate DIR/datapackage.json``).

The codebook (:func:`defcoop.codebook`) ships beside the descriptor as ``codebook.md`` and
``codebook.json`` (named under the descriptor's ``defcoop`` property), and each field's
``description`` is its meaning as the codebook gives it: both read the model's one
declaration of meanings.

Nothing needs an optional dependency.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from defcoop._version import __version__
from defcoop.io._registry import Format
from defcoop.io._relations import citation_rows, links
from defcoop.model.records import Record
from defcoop.query import _columns, _tabular
from defcoop.query._csv import Formulas, csv_text

if TYPE_CHECKING:
    from defcoop.dataset import Dataset

__all__ = ["FORMAT", "descriptor", "files"]

_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
_TABLE_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
_RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"


def _collections() -> dict[str, type[Record]]:
    from defcoop.model.registry import collections

    return collections()


def _key_of(record_type: type[Record]) -> str:
    return next(key for key, cls in _collections().items() if cls is record_type)


def _field(column: _columns.Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type}
    if column.description:
        field["description"] = column.description
    if column.type == "array":
        field["description"] = (field.get("description", "") + " (a JSON array)").lstrip()
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.pattern and column.type == "string":
        constraints["pattern"] = column.pattern.removeprefix("^").removesuffix("$")
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(name: str, fields: list[dict[str, Any]], schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "type": "table",
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"$schema": _TABLE_PROFILE, "fields": fields, **schema},
    }


def _foreign_key(column: str, target: type[Record]) -> dict[str, Any]:
    return {
        "fields": [column],
        "reference": {"resource": _key_of(target), "fields": [_columns.key_column(target)]},
    }


def descriptor(dataset: Dataset) -> dict[str, Any]:
    """The ``datapackage.json`` of a dataset, as a new dict."""
    resources = []
    for key, record_type in _collections().items():
        single = [
            _foreign_key(name, target)
            for name, target, several in _columns.references(record_type)
            if not several
        ]
        schema: dict[str, Any] = {"primaryKey": [_columns.key_column(record_type)]}
        if single:
            schema["foreignKeys"] = single
        fields = [_field(column) for column in _columns.columns(record_type)]
        resources.append(_resource(key, fields, schema))
    for link in links():
        table, owner, target = link.table, link.owner, link.target
        owner_column, target_column = link.columns
        fields = [
            {"name": owner_column, "type": "string", "constraints": {"required": True}},
            {"name": target_column, "type": "string", "constraints": {"required": True}},
        ]
        keys = [_foreign_key(owner_column, owner), _foreign_key(target_column, target)]
        resources.append(
            _resource(
                table,
                fields,
                {"primaryKey": [owner_column, target_column], "foreignKeys": keys},
            )
        )
    citation_fields: list[dict[str, Any]] = [
        {"name": "record", "type": "string", "constraints": {"required": True}},
        {"name": "record_type", "type": "string", "constraints": {"required": True}},
        {"name": "source", "type": "string", "constraints": {"required": True}},
        {"name": "paragraph", "type": "integer", "constraints": {"required": True, "minimum": 1}},
        {"name": "field", "type": "string"},
    ]
    resources.append(
        _resource(
            "citations",
            citation_fields,
            {"foreignKeys": [_foreign_key("source", _collections()["sources"])]},
        )
    )
    info = dataset.info
    package: dict[str, Any] = {
        "$schema": _PACKAGE_PROFILE,
        "name": "defcoop",
        "title": info.name if info else "defcoop data",
        "description": "Bilateral defense cooperation: every record cites the paragraphs of "
        "its sources (written by defcoop).",
    }
    if info is not None:
        package["version"] = info.version
    # Which defcoop wrote the package, beside the data's version (a property of our own, which
    # the Data Package standard allows).
    package["defcoop"] = {
        "data_version": None if info is None else info.version,
        "code_version": __version__,
        "codebook": list(_CODEBOOK),
    }
    package["resources"] = resources
    return package


_CODEBOOK = ("codebook.md", "codebook.json")


def files(dataset: Dataset, *, formulas: Formulas = "escape") -> dict[str, str]:
    """Every file of the package by name: the CSV tables, the codebook and
    ``datapackage.json``.

    A text cell that a spreadsheet would run as a formula gets a leading ``'`` unless
    ``formulas="raw"`` (``defcoop.query._csv``).
    """
    from defcoop.io import codebook

    written: dict[str, str] = codebook.files(dataset)
    by_type: dict[type, list[Record]] = {}
    for record in dataset:
        by_type.setdefault(type(record), []).append(record)
    for key, record_type in _collections().items():
        written[f"{key}.csv"] = _tabular.csv_text(
            by_type.get(record_type, ()), record_type, formulas=formulas
        )
    for link in links():
        rows = link.rows(by_type.get(link.owner, ()))
        written[f"{link.table}.csv"] = csv_text(list(link.columns), rows, formulas=formulas)
    written["citations.csv"] = csv_text(
        ["record", "record_type", "source", "paragraph", "field"],
        ((*row[:4], "" if row[4] is None else row[4]) for row in citation_rows(dataset)),
        formulas=formulas,
    )
    written["datapackage.json"] = (
        json.dumps(descriptor(dataset), ensure_ascii=False, indent=2) + "\n"
    )
    return written


#: A Frictionless Data Package (v2).
FORMAT = Format(
    name="datapackage",
    suffix=".csv",
    title="Frictionless Data Package (v2)",
    writes="the CSV tables, link tables, ``citations.csv``, the codebook and ``datapackage.json``",
    reads="with the ``frictionless`` library (``frictionless validate DIR/datapackage.json``)",
    writer=files,
    formulas=True,
)
