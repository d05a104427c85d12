"""Checks of the arguments of public functions: a wrong type is an ArgumentError that says
what was expected and what came, never an AttributeError from deep inside.

>>> require_record(None, "to_dict()")
Traceback (most recent call last):
...
defcoop.errors.ArgumentError: to_dict() expects a record, got NoneType None
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from defcoop._quote import described
from defcoop.errors import ArgumentError
from defcoop.model import registry

if TYPE_CHECKING:
    from defcoop.model.records import Record


def is_record(value: object) -> bool:
    """Whether ``value`` is a record of one of the declared record types."""
    try:
        registry.of(type(value))
    except TypeError:
        return False
    return True


def is_record_class(value: object) -> bool:
    """Whether ``value`` is one of the declared record classes."""
    return isinstance(value, type) and any(d.cls is value for d in registry.record_types())


def require_record(value: object, function: str) -> Record:
    if not is_record(value):
        raise ArgumentError(f"{function} expects a record, got {described(value)}")
    return value  # type: ignore[return-value]


def require_record_class(value: object, function: str) -> type[Any]:
    if not is_record_class(value):
        raise ArgumentError(
            f"{function} expects a record class such as Agreement, got {described(value)}"
        )
    return value  # type: ignore[return-value]


def require_records(values: object, function: str) -> list[Record]:
    """The records of an iterable of records, as a list; text is not records."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise ArgumentError(f"{function} expects records, got {described(values)}")
    found = list(values)
    for position, value in enumerate(found):
        if not is_record(value):
            raise ArgumentError(
                f"{function} expects records, got {described(value)} at position {position}"
            )
    return found
