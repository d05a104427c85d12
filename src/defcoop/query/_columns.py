"""The typed columns of each record type's table, read from the JSON Schema of data files.

CSV files, data-package table schemas, DataFrames and Arrow tables share one layout (that of
:mod:`defcoop.query._tabular`): one column per attribute, and after each date three more
(``_precision``, ``_earliest``, ``_latest``). What each column holds (its type, pattern,
vocabulary, whether it may be empty) is not written again here: it is read from the JSON
Schema that :func:`defcoop.json_schema` derives from the model, what it means from the
model's declared meanings (``defcoop.model._meanings``), and the references between record
types from the checker's table of references.
"""

from __future__ import annotations

import functools
import typing
from typing import Any

import attrs

from defcoop.model import _jsonschema, _meanings, registry
from defcoop.model._fieldtypes import date_fields
from defcoop.model.records import Record

__all__ = ["Column", "columns", "dtypes", "key_column", "references"]


@attrs.frozen
class Column:
    """One column: its name, its type and what its values must be.

    ``type`` is ``"string"``, ``"integer"``, ``"boolean"``, ``"date"`` (an ISO day),
    ``"array"`` or ``"object"`` (one nested table, such as a transfer's value); ``items`` is
    the type of an array's items (``"string"``, or ``"object"`` for nested tables such as a
    person's roles). ``object_fields`` names the nested tables' attributes and their types.
    ``description`` is what the column means, as the model declares it.
    """

    name: str
    type: str
    required: bool
    description: str | None = None
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    items: str | None = None
    object_fields: tuple[tuple[str, str], ...] = ()


@functools.cache
def _definitions() -> dict[str, Any]:
    return _jsonschema.definitions()


def _leaf_type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return "string" if schema["$ref"].endswith("/Citation") else "object"
    return "string" if "enum" in schema else str(schema["type"])


_known: dict[type, tuple[Column, ...]] = {}


def columns(record_type: type[Record]) -> tuple[Column, ...]:
    """The columns of a record type's table, in order."""
    found = _known.get(record_type)
    if found is None:
        found = _known[record_type] = _columns_of(record_type)
    return found


def _columns_of(record_type: type[Record]) -> tuple[Column, ...]:
    definition = _definitions()[record_type.__name__]
    key = registry.of(record_type).key
    required = set(definition.get("required", ()))
    dates = date_fields(record_type)
    found: list[Column] = []
    for name, schema in definition["properties"].items():
        options = schema.get("anyOf", [schema])
        optional = {"type": "null"} in options
        (value,) = [option for option in options if option != {"type": "null"}]
        column_type = "array" if value.get("type") == "array" else _leaf_type(value)
        items = _leaf_type(value["items"]) if column_type == "array" else None
        nested: tuple[tuple[str, str], ...] = ()
        part = value["items"] if items == "object" else value if column_type == "object" else None
        if part is not None:  # a list of nested tables (roles), or one (a transfer's value)
            target = _definitions()[part["$ref"].rsplit("/", 1)[1]]["properties"]
            nested = tuple((key, _nested_type(prop)) for key, prop in target.items())
        found.append(
            Column(
                name=name,
                type=column_type,
                required=name in required and not optional,
                description=_meanings.meaning(key, name),
                pattern=value.get("pattern"),
                enum=tuple(value["enum"]) if "enum" in value else None,
                minimum=value.get("minimum"),
                items=items,
                object_fields=nested,
            )
        )
        if name in dates:
            found += [
                Column(
                    name=f"{name}_precision",
                    type="string",
                    required=False,
                    description=f"how precisely {name} is known: to the year, month or day",
                    enum=("year", "month", "day"),
                ),
                Column(f"{name}_earliest", "date", False, f"the first day {name} may mean"),
                Column(f"{name}_latest", "date", False, f"the last day {name} may mean"),
            ]
    return tuple(found)


def _nested_type(schema: dict[str, Any]) -> str:
    options = schema.get("anyOf", [schema])
    (value,) = [option for option in options if option != {"type": "null"}]
    if value.get("type") == "array":
        return "array"
    return _leaf_type(value)


def key_column(record_type: type[Record]) -> str:
    """The column that identifies a record: ``code`` for countries, ``id`` for the rest."""
    return registry.of(record_type).id_attribute


def references(record_type: type[Record]) -> tuple[tuple[str, type[Record], bool], ...]:
    """The columns of a record type that hold ids of other records: (name, type, several).

    From the record type's declared references (:mod:`defcoop.model.registry`); a reference inside
    the items of a list (a role's organization) is not a column of its own.
    """
    hints = typing.get_type_hints(record_type)
    return tuple(
        (
            reference.attribute,
            reference.target_type,
            typing.get_origin(hints[reference.attribute]) in (tuple, frozenset),
        )
        for reference in registry.of(record_type).references
        if "." not in reference.attribute
    )


_DTYPES = {"integer": "Int64", "boolean": "boolean", "string": "string", "date": "datetime64[s]"}


def dtypes(kinds: typing.Sequence[type[Record]]) -> dict[str, str]:
    """The pandas dtype of each column of a table of records of ``kinds``, declared once per
    column whatever the rows: nullable ``Int64`` for whole numbers, ``boolean``, ``string``
    for text and codes (``cameo``, ids), ``datetime64[s]`` for days, ``object`` for lists.
    A table of several kinds has a ``type`` column (``string``) and every kind's columns."""
    found: dict[str, str] = {"type": "string"} if len(kinds) > 1 else {}
    for kind in kinds:
        for column in columns(kind):
            found.setdefault(column.name, _DTYPES.get(column.type, "object"))
    return found
