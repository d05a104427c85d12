"""Values as error messages show them: escaped onto one line and cut short.

A message about one problem is one line, whatever the data holds: a key with a newline, a
name with a control character, a value of a million characters. Every value a message
quotes goes through :func:`quote` (or :func:`one_line` for text that is not quoted, such
as a file name), so that the line-per-problem reports of :class:`~defcoop.DataError` and
the command line stay readable and parsable.

>>> quote("a\\nb")
"'a\\\\nb'"
>>> quote("x" * 500)
"'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (500 characters)"
>>> one_line("line one\\nline two")
'line one\\\\nline two'
"""

from __future__ import annotations

import re
from typing import Any

LIMIT = 80
"""The longest a quoted value may be before it is cut, in characters."""

# Characters that would break a line or a terminal: controls, line and paragraph separators,
# and the characters str.isprintable() refuses among the formats.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    named = _NAMED.get(match.group())
    if named is not None:
        return named
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` with every line-breaking or control character escaped, cut to ``limit``.

    Surrogates (as in file names that are not valid UTF-8) are escaped too, so that the
    result can always be printed.
    """
    text = _UNSAFE.sub(_escape, text)
    if not text.isascii():
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if limit is not None and len(text) > limit:
        return f"{text[:limit]}… ({len(text)} characters)"
    return text


def quote(value: Any, limit: int = LIMIT) -> str:
    """A value as messages quote it: its repr, on one line, cut to about ``limit`` characters.

    A value whose repr itself fails is named by its type, so that reporting an error never
    raises a second one.
    """
    if isinstance(value, str):
        if len(value) > limit:
            return f"{one_line(repr(value[: limit - 16]))[:-1]}…' ({len(value)} characters)"
        return one_line(repr(value))
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"a number of {value.bit_length()} bits"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a broken repr must not hide the error being reported
        return f"<{type(value).__name__} object>"
    return one_line(text, limit)


def described(value: Any) -> str:
    """A value's type and its quoted value, for "expected X, got ..." messages.

    >>> described(3)
    'int 3'
    """
    return f"{type(value).__name__} {quote(value)}"
