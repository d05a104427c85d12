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
import unicodedata
from typing import Any

LIMIT = 80
"""The longest a quoted value may be before it is cut, in characters."""

# Characters that would break a line or a terminal, or that cannot be seen: controls, line
# and paragraph separators, bidi controls, and the invisible and odd spaces (no-break space,
# soft hyphen, zero-width and word joiners, variation selectors, the byte order mark, tags).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\xa0\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff9-\ufffb\U000e0000-\U000e007f]"
)

# Cyrillic and Greek letters drawn like Latin ones: "VN\\u041c" (a Cyrillic em) looks exactly
# like the id "VNM". They are escaped where they could pass for Latin (see _lookalikes).
# Cyrillic A B E K M H O P C T X S I J a e o p c x y s i j d q w h y Y, then Greek
# A B E Z H I K M N O P T Y X a i k v o p u (by the Latin letters they look like).
_LATIN_LOOKALIKES = frozenset(
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0405"
    "\u0406\u0408\u0430\u0435\u043e\u0440\u0441\u0445\u0443\u0455\u0456\u0458"
    "\u0501\u051b\u051d\u04bb\u04af\u04ae"
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4"
    "\u03a5\u03a7\u03b1\u03b9\u03ba\u03bd\u03bf\u03c1\u03c5"
)
_WORD = re.compile(r"[^\W\d_]+")

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    named = _NAMED.get(match.group())
    if named is not None:
        return named
    return _code(match.group())


def _code(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _lookalikes(match: re.Match[str]) -> str:
    """A word with its Latin lookalikes escaped, where they could pass for Latin: in a word
    that also holds Latin letters, or one made only of lookalikes ("Шойгу" stays as it is)."""
    word = match.group()
    if not any(char in _LATIN_LOOKALIKES for char in word):
        return word
    latin = any(char.isascii() or "LATIN" in unicodedata.name(char, "") for char in word)
    if latin or all(char in _LATIN_LOOKALIKES for char in word):
        return "".join(_code(c) if c in _LATIN_LOOKALIKES else c for c in word)
    return word


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` with every line-breaking, control or invisible character escaped, cut to
    ``limit``.

    So that a value never looks like another, Cyrillic and Greek letters drawn like Latin
    ones are escaped where they could pass for Latin: in a word that also holds Latin
    letters, or in one made of nothing else.

    >>> print(one_line("VN\\u041c, VNM\\u200b, VNM\\xa0 but \\u0428\\u043e\\u0439\\u0433\\u0443"))
    VN\\u041c, VNM\\u200b, VNM\\xa0 but Шойгу

    Surrogates (as in file names that are not valid UTF-8) are escaped too, so that the
    result can always be printed.
    """
    if not (text.isascii() and text.isprintable()):  # printable ASCII is safe as it is
        text = _UNSAFE.sub(_escape, text)
    if not text.isascii():
        text = _WORD.sub(_lookalikes, text)
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
