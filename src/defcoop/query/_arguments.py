"""Checks of the arguments of public functions: a wrong type is an ArgumentError that says
what was expected and what came, never an AttributeError from deep inside.

>>> require_record(None, "to_dict()")
Traceback (most recent call last):
...
defcoop.errors.ArgumentError: to_dict() expects a record, got NoneType None

Every boolean keyword of the public API (``force=``, ``bundled=``, ``directed=``, ...) goes
through :func:`require_flag`, and every path argument through :func:`require_path`: one
check each, so that ``force="no"`` is refused everywhere rather than read as true, and a
NUL byte in a path is the library's error everywhere rather than the operating system's
bare ``ValueError``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from defcoop._quote import described, quote
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


def require_flag(value: object, argument: str, function: str, *, none: bool = False) -> None:
    """Refuse anything but ``True`` or ``False`` (or ``None`` where ``none``) for a keyword.

    Truthiness would read ``force="no"`` or ``force=0.0`` as a choice the caller never
    made; numpy's booleans are refused too, as every value that is not a ``bool``.

    >>> require_flag("no", "force", "export()")
    Traceback (most recent call last):
    ...
    defcoop.errors.ArgumentError: export() expects force=True or False, got str 'no'
    """
    if type(value) is bool or (none and value is None):
        return
    choices = "True, False or None" if none else "True or False"
    raise ArgumentError(f"{function} expects {argument}={choices}, got {described(value)}")


def require_path(path: object, function: str, argument: str = "path") -> str:
    """``path`` as text if it names a path; an :class:`ArgumentError` naming ``argument``
    otherwise.

    An empty path would mean the current folder to the operating system, which nobody means
    by giving an empty string; a NUL character cannot be in any path, and the operating
    system's answer to it is a bare ``ValueError`` that names neither the call nor the
    argument.

    >>> require_path("a\\x00.json", "dump()")
    Traceback (most recent call last):
    ...
    defcoop.errors.ArgumentError: dump() expects a path without NUL, got path='a\\x00.json'
    """
    if not isinstance(path, str | os.PathLike):
        raise ArgumentError(f"{function} expects a path, got {described(path)}")
    text = os.fspath(path)
    if not isinstance(text, str):
        raise ArgumentError(f"{function} expects a path as text, got bytes {text!r:.60}")
    if not text:
        raise ArgumentError(f"{function} expects a path, got an empty string")
    if "\x00" in text:
        raise ArgumentError(f"{function} expects a path without NUL, got {argument}={quote(text)}")
    return text
