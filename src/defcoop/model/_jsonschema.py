"""The JSON Schema of one record class, from its attrs fields and their declared rules.

The walk behind :func:`defcoop.json_schema`, kept below the dataset so that the column
descriptions of the export formats (:mod:`defcoop.query._columns`) read the same definitions.
"""

from __future__ import annotations

import enum
import functools
import typing
from typing import Any

import attrs

from defcoop.model import records as model
from defcoop.model import registry
from defcoop.model._values import LARGEST_INT, PARAGRAPH_DIGITS
from defcoop.model.dates import PartialDate, Period
from defcoop.model.rules import Check, rules_of

# ASCII digits, as the loader reads them (\d would be any script's digits to some validators).
_YEAR = r"(?!0000)[0-9]{4}"
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12][0-9]|3[01])"
_DATE = rf"{_YEAR}(?:-{_MONTH}(?:-{_DAY})?)?"
_DATE_FORMS = {
    PartialDate: ("a date known to the year, month or day: 2018, 2018-11 or 2018-11-15", _DATE),
    Period: (
        "a date, or a period from one date to another (2018/2020) or still running (2018/..)",
        rf"{_DATE}(?:/(?:{_DATE}|\.\.))?",
    ),
}


@functools.cache
def _record_definitions() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for declared in registry.record_types():
        reference(declared.cls, found)
    return found


def definitions() -> dict[str, Any]:
    """The definitions (``$defs``) of every record type and of the values they hold."""
    return dict(_record_definitions())


def reference(cls: type[Any], definitions: dict[str, Any]) -> dict[str, Any]:
    """A ``$ref`` to the definition of an attrs class, adding the definition on first use."""
    name = cls.__name__
    if name not in definitions:
        definitions[name] = {}  # claimed first, so that a class may refer to itself
        definitions[name] = _object(cls, definitions)
    return {"$ref": f"#/$defs/{name}"}


def _object(cls: type[Any], definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties = {}
    required = []
    for field in attrs.fields(cls):
        if field.default is attrs.NOTHING:
            required.append(field.name)
        properties[field.name] = _field(cls, field, hints[field.name], definitions)
    schema: dict[str, Any] = {"type": "object"}
    description = (cls.__doc__ or "").strip().splitlines()
    if description:
        schema["description"] = description[0].replace("``", "")
    schema["properties"] = properties
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    if cls is model.Citation:
        description = schema.pop("description")
        return {"description": description, "oneOf": [_citation_text(properties), schema]}
    return schema


def _field(
    cls: type[Any], field: attrs.Attribute[Any], hint: Any, definitions: dict[str, Any]
) -> dict[str, Any]:
    arguments = typing.get_args(hint)
    optional = type(None) in arguments
    if optional:
        (hint,) = [argument for argument in arguments if argument is not type(None)]
    schema = _type(hint, definitions)
    _constrain(schema, field, cls)
    if optional:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def _type(hint: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    """The schema of a value of type ``hint`` as the converter reads it from a file."""
    origin = typing.get_origin(hint)
    if origin in (tuple, frozenset):
        schema: dict[str, Any] = {
            "type": "array",
            "items": _type(typing.get_args(hint)[0], definitions),
        }
        if origin is frozenset:
            schema["uniqueItems"] = True  # a set: the loader refuses an item listed twice
        return schema
    if hint in _DATE_FORMS:
        description, pattern = _DATE_FORMS[hint]
        return {"type": "string", "pattern": f"^{pattern}$", "description": description}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [member.value for member in hint]}
    if hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer", "minimum": -LARGEST_INT, "maximum": LARGEST_INT}
    if attrs.has(hint):
        return reference(hint, definitions)
    raise TypeError(f"json_schema() does not know how to describe {hint!r}")


def _constrain(schema: dict[str, Any], field: attrs.Attribute[Any], cls: type[Any]) -> None:
    """Add what the rules declared on ``field`` require of a value to its schema, in place.

    Each rule says its own keywords (:meth:`defcoop.model.rules.Rule.json_schema`); a rule that
    relates a value to other attributes (a host among the parties) says none, and
    :func:`defcoop.load` checks it. A validator that is not a declaration of rules stops the
    walk, so that a check is never silently left out of the schema.
    """
    if field.validator is not None and not isinstance(field.validator, Check):
        raise TypeError(f"json_schema() does not know the validator of {cls.__name__}.{field.name}")
    for rule in rules_of(field):
        schema.update(rule.json_schema(schema, cls))


def _citation_text(properties: dict[str, Any]) -> dict[str, Any]:
    """The text form of a citation, ``source-id#paragraph``, from the fields' own patterns."""
    source = properties["source"]["pattern"].removeprefix("^").removesuffix("$")
    return {
        "type": "string",
        "pattern": f"^{source}#[1-9][0-9]{{0,{PARAGRAPH_DIGITS - 1}}}$",
        "description": "a citation as source-id#paragraph",
    }
