"""The JSON Schema (draft 2020-12) of defcoop data files, generated from the model.

The schema is built by walking the attrs fields of every record type the registry declares
(:mod:`defcoop.model.registry`): their types give the JSON types, the rules declared on them
(:mod:`defcoop.model.rules`) the patterns, lengths, bounds and enums. Nothing is written by hand, so
the schema cannot drift from the model; a validator that is not a declaration of rules stops
the walk, so that a check is never silently left out.

What a schema cannot say is left to :func:`defcoop.load`: references between records,
citations past the end of a source, a host among the parties, dates that do not exist.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from defcoop.io._registry import Format
from defcoop.model import registry
from defcoop.model._jsonschema import reference
from defcoop.query.collection import DatasetInfo

if TYPE_CHECKING:
    from defcoop.dataset import Dataset

__all__ = ["FORMAT", "SCHEMA_DIALECT", "json_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of :func:`~defcoop.json_schema`."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data file, as a new dict each call.

    A data file is a table of record lists under the keys ``sources``, ``countries``,
    ``fields``, ``people``, ``organizations``, ``agreements``, ``events``, ``mechanisms`` and
    ``relationships``, with an optional ``dataset`` table; :func:`defcoop.dumps` writes one.

    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["$defs"]["Event"]["properties"]["kind"]["enum"][:3]
    ['visit', 'meeting', 'conference']
    """
    definitions: dict[str, Any] = {}
    properties: dict[str, Any] = {"dataset": reference(DatasetInfo, definitions)}
    for declared in registry.record_types():
        properties[declared.key] = {
            "type": "array",
            "description": f"{declared.cls.__name__} records.",
            "items": reference(declared.cls, definitions),
        }
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "defcoop data file",
        "description": (
            "Records of bilateral defense cooperation, each citing the paragraphs of the "
            "sources that state it. Generated from the defcoop model; references between "
            "records are checked by defcoop.load(), not by this schema."
        ),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "minProperties": 1,
        "$defs": dict(sorted(definitions.items())),
    }


def _files(_dataset: Dataset) -> dict[str, str]:
    """The schema of data files (the same whatever the dataset), as ``defcoop schema`` prints
    it and ``docs/defcoop.schema.json`` keeps it."""
    return {"defcoop.schema.json": json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"}


#: The JSON Schema of data files.
FORMAT = Format(
    name="json-schema",
    suffix=".schema.json",
    title="JSON Schema (draft 2020-12)",
    writes="``defcoop.schema.json``, the JSON Schema of data files (``defcoop schema``)",
    writer=_files,
)
