"""The one cattrs converter that turns data-file values into records and back.

Dates are written as text (``"2018-11"``, periods ``"2018/2020"``); citations as
``"source-id#paragraph"`` or as a table ``{source = "source-id", paragraph = 3}``.
Unknown keys are errors, so that a typo in a data file is never silently dropped.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    BaseValidationError,
    CattrsError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.v import format_exception

from defcoop.errors import DataError, DefcoopError, Problem, RecordError
from defcoop.model._names import suggest
from defcoop.model._values import (
    ValueProblemError,
    shown,
    strict,
    structure_citation,
    structure_date,
    structure_enum,
    structure_period,
)
from defcoop.model.dates import PartialDate, Period
from defcoop.model.records import Citation
from defcoop.model.rules import first_repeat

T = TypeVar("T")
STRUCTURE_ERRORS = (BaseValidationError, CattrsError, DefcoopError)
"""What structuring a data-file value can raise: cattrs' grouped errors, and our own (a value
of the wrong form, a record that breaks a rule). Anything else is a bug, not a data problem."""


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
            raise ValueProblemError(f"expected a list, got {type(value).__name__} {shown(value)}")
        items, errors = [], []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except STRUCTURE_ERRORS as exc:  # gathered and re-raised below, with their paths
                note = IterableValidationNote(
                    f"Structuring {type_} @ index {index}", index, item_type
                )
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {type_!r}", errors, type_)
        if origin is frozenset and len(set(items)) != len(items):
            raise ValueProblemError(f"lists {shown(first_repeat(items))} twice")
        return origin(items)

    return structure


def _table_hook(type_: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure a table into a record, refusing a value that is not a table with a clear line."""
    from cattrs.gen import make_dict_structure_fn

    structure_table = make_dict_structure_fn(type_, converter)

    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueProblemError(f"expected a table, got {type(value).__name__} {shown(value)}")
        return structure_table(value, _type)

    return structure


@functools.cache
def make_converter() -> cattrs.Converter:
    """The converter for data files: strict types, no unknown keys, detailed errors."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    # StrEnum has a hook of its own below, more specific than the one for str.
    converter.register_structure_hook(str, functools.partial(strict, str))
    converter.register_structure_hook(int, functools.partial(strict, int))
    converter.register_structure_hook(bool, functools.partial(strict, bool))
    converter.register_structure_hook(PartialDate, structure_date)
    converter.register_structure_hook(Period, structure_period)
    converter.register_structure_hook(Citation, structure_citation)
    converter.register_structure_hook(enum.StrEnum, structure_enum)
    converter.register_structure_hook_factory(_is_collection, _collection_hook)
    converter.register_structure_hook_factory(attrs.has, _table_hook)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_unstructure_hook(Period, str)
    converter.register_unstructure_hook(Citation, lambda c: f"{c.source}#{c.paragraph}")
    converter.register_unstructure_hook(enum.StrEnum, lambda member: member.value)
    converter.register_unstructure_hook_func(_is_frozenset, sorted)
    return converter


def structure_checked(record_type: type[T], data: Any, *, name: str = "<dict>") -> T:
    """A record of ``record_type`` from plain values, or a DataError listing every problem."""
    try:
        return make_converter().structure(data, record_type)
    except STRUCTURE_ERRORS as exc:
        raise DataError(
            Problem(file=name, path=path, message=message) for path, message in error_lines(exc)
        ) from None


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
