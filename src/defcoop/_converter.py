"""The one cattrs converter that turns data-file values into records and back.

Dates are written as text (``"2018-11"``, periods ``"2018/2020"``); citations as
``"source-id#paragraph"`` or as a table ``{source = "source-id", paragraph = 3}``.
Unknown keys are errors, so that a typo in a data file is never silently dropped.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import re
import reprlib
from collections.abc import Callable
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.v import format_exception

from defcoop._names import suggest
from defcoop.dates import PartialDate, Period
from defcoop.errors import DefcoopError, RecordError
from defcoop.model import Citation

_CITATION_TEXT = re.compile(r"(?P<source>[^#\s]+)#(?P<paragraph>\d+)")
# Data files hold paragraph numbers and state codes; anything past 64 bits is a mistake, and
# would not survive a round trip through JSON (Python refuses to print ints of 4,300+ digits).
_LARGEST_INT = 2**63 - 1

_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 50
_SHORT.maxlist = _SHORT.maxdict = _SHORT.maxtuple = 3
_SHORT.maxlevel = 3


def _shown(value: Any) -> str:
    """A value as messages show it: its repr, cut short for long texts and deep or long lists."""
    if isinstance(value, int) and abs(value) > _LARGEST_INT:
        return f"a number of {value.bit_length()} bits"
    return _SHORT.repr(value)


class _ValueProblemError(DefcoopError, ValueError):
    """A value in a data file that has the right type but not an allowed form."""


def _structure_date(value: Any, _type: Any) -> PartialDate:
    if isinstance(value, _dt.datetime):
        raise _ValueProblemError(f"expected a date, got a date and time {value.isoformat()!r}")
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise _ValueProblemError(f"expected a date as text such as '2018-11', got {_shown(value)}")
    return PartialDate.parse(value)


def _structure_period(value: Any, _type: Any) -> Period:
    if isinstance(value, _dt.date):
        return Period.of(_structure_date(value, PartialDate))
    if not isinstance(value, str):
        raise _ValueProblemError(
            f"expected a period as text such as '2018/2020', got {_shown(value)}"
        )
    return Period.parse(value)


def _structure_citation(value: Any, _type: Any) -> Citation:
    if isinstance(value, str):
        match = _CITATION_TEXT.fullmatch(value)
        if match is None:
            raise _ValueProblemError(
                f"expected a citation as 'source-id#paragraph', got {_shown(value)}"
            )
        digits = match["paragraph"]
        if len(digits) > len(str(_LARGEST_INT)) or int(digits) > _LARGEST_INT:
            raise _ValueProblemError(
                f"expected a paragraph number below 2**63, got one of {len(digits)} digits"
            )
        return Citation(source=match["source"], paragraph=int(digits))
    if isinstance(value, dict):
        return _plain_citation(value)
    raise _ValueProblemError(
        f"expected a citation as 'source-id#paragraph' or a table, got {_shown(value)}"
    )


def _structure_enum(value: Any, type_: type[enum.StrEnum]) -> enum.StrEnum:
    if isinstance(value, str):
        for member in type_:
            if member.value == value:
                return member
    choices = [member.value for member in type_]
    close = suggest(str(value), choices) if isinstance(value, str) else []
    hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
    raise _ValueProblemError(
        f"expected one of {', '.join(map(repr, choices))}, got {_shown(value)}{hint}"
    )


def _strict(expected: type, value: Any, _type: Any) -> Any:
    # bool is an int and TOML has real booleans: `paragraph = true` must not become 1.
    if type(value) is not expected:
        raise _ValueProblemError(
            f"expected {expected.__name__}, got {type(value).__name__} {_shown(value)}"
        )
    if isinstance(value, int) and abs(value) > _LARGEST_INT:
        raise _ValueProblemError(f"expected a number below 2**63, got {_shown(value)}")
    return value


def _is_frozenset(type_: Any) -> bool:
    return type_ is frozenset or get_origin(type_) is frozenset


def _is_collection(type_: Any) -> bool:
    return get_origin(type_) in (tuple, frozenset)


def _collection_hook(type_: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure lists into tuples and frozensets, refusing a lone string or a table."""
    origin = get_origin(type_)
    item_type = get_args(type_)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise _ValueProblemError(f"expected a list, got {type(value).__name__} {_shown(value)}")
        items, errors = [], []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:  # noqa: BLE001 - gathered and re-raised below, with paths
                note = IterableValidationNote(
                    f"Structuring {type_} @ index {index}", index, item_type
                )
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {type_!r}", errors, type_)
        return origin(items)

    return structure


def _table_hook(type_: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure a table into a record, refusing a value that is not a table with a clear line."""
    from cattrs.gen import make_dict_structure_fn

    structure_table = make_dict_structure_fn(type_, converter)

    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, dict):
            raise _ValueProblemError(
                f"expected a table, got {type(value).__name__} {_shown(value)}"
            )
        return structure_table(value, _type)

    return structure


@functools.cache
def make_converter() -> cattrs.Converter:
    """The converter for data files: strict types, no unknown keys, detailed errors."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    # StrEnum has a hook of its own below, more specific than the one for str.
    converter.register_structure_hook(str, functools.partial(_strict, str))
    converter.register_structure_hook(int, functools.partial(_strict, int))
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_structure_hook(Period, _structure_period)
    converter.register_structure_hook(Citation, _structure_citation)
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_structure_hook_factory(_is_collection, _collection_hook)
    converter.register_structure_hook_factory(attrs.has, _table_hook)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_unstructure_hook(Period, str)
    converter.register_unstructure_hook(Citation, lambda c: f"{c.source}#{c.paragraph}")
    converter.register_unstructure_hook(enum.StrEnum, lambda member: member.value)
    converter.register_unstructure_hook_func(_is_frozenset, sorted)
    return converter


def _plain_citation(value: dict[str, Any]) -> Citation:
    unknown = set(value) - {"source", "paragraph"}
    if unknown:
        raise _ValueProblemError(
            f"a citation has only 'source' and 'paragraph', not {sorted(unknown)}"
        )
    missing = {"source", "paragraph"} - set(value)
    if missing:
        raise _ValueProblemError(f"a citation needs {' and '.join(sorted(missing))}")
    for key, expected in (("source", str), ("paragraph", int)):
        _strict(expected, value[key], expected)
    return Citation(source=value["source"], paragraph=value["paragraph"])


def _leaf(exc: BaseException, type_: Any) -> tuple[str | None, str]:
    """The attribute at fault (where the error names one) and one line saying what was expected."""
    if isinstance(exc, ForbiddenExtraKeysError):
        names = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        parts = []
        for key in sorted(exc.extra_fields):
            close = suggest(key, names, limit=1)
            parts.append(f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        return None, f"unknown key{'s' if len(parts) > 1 else ''} {', '.join(parts)}"
    if isinstance(exc, KeyError):
        return None, "required key missing"
    if isinstance(exc, RecordError):
        return exc.attribute, str(exc).partition(": ")[2]
    if isinstance(exc, DefcoopError):
        return None, str(exc)
    # attrs validators raise with (message, attribute, ...) as their arguments.
    if len(exc.args) > 1 and isinstance(exc.args[1], attrs.Attribute):
        return exc.args[1].name, str(exc.args[0])
    return None, format_exception(exc, type_) + (f": {exc}" if str(exc) else "")


def error_lines(exc: BaseException, path: str = "$") -> list[tuple[str, str]]:
    """Flatten a cattrs error tree into ``(path, message)`` pairs, one per problem.

    Paths are written as cattrs writes them: ``$.agreements[3].signed``.
    """
    pairs: list[tuple[Exception, str, Any]]
    if isinstance(exc, IterableValidationError):
        indexed, without = exc.group_exceptions()
        pairs = [(sub, f"{path}[{note.index!r}]", note.type) for sub, note in indexed]
    elif isinstance(exc, ClassValidationError):
        named, without = exc.group_exceptions()
        pairs = [(sub, f"{path}.{note.name}", note.type) for sub, note in named]
    else:
        attribute, message = _leaf(exc, None)
        return [(path if attribute is None else f"{path}.{attribute}", message)]
    lines = []
    for sub, sub_path, sub_type in pairs:
        if isinstance(sub, IterableValidationError | ClassValidationError):
            lines += error_lines(sub, sub_path)
        else:
            lines.append((sub_path, _leaf(sub, sub_type)[1]))
    for sub in without:
        lines += error_lines(sub, path)
    return lines
