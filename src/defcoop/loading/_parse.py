"""Turn the bytes of a data file into plain values: TOML or JSON, UTF-8 only.

JSON is parsed by the standard library, with a hook that refuses a key given twice in one
table. Where msgspec is installed (``pip install defcoop[fast]``), it parses JSON first, in
compiled code: it keeps the last of two equal keys silently, so a key given twice is detected
by counting colons (below); for that, and for any text msgspec refuses or may read otherwise,
the standard library parses the file again and has the last word, so that both ways give the
same values and the same errors.
"""

from __future__ import annotations

import re
from typing import Any

# A JSON escape of a UTF-16 surrogate; only then can a parsed string hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# A colon written as an escape, which the colon count below would not see in the text.
_ESCAPED_COLON = re.compile(r"\\u003[aA]")
_UNREAD: Any = object()


class ParseError(ValueError):
    """A file that is not valid UTF-8 TOML or JSON; the message says where."""


def parse(name: str, raw: bytes) -> Any:
    """The values in a ``.toml`` or ``.json`` file's bytes."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ParseError(
            f"is not UTF-8 text: byte {raw[exc.start]:#04x} at offset {exc.start} (line {line})"
        ) from None
    text = text.removeprefix("\ufeff")
    if not text or text.isspace():  # not strip(): that would copy a large file
        raise ParseError("is empty: expected tables of records")
    try:
        return _json(text) if name.lower().endswith(".json") else _toml(text)
    except ParseError:
        raise
    except RecursionError:
        raise ParseError("is nested too deeply to be a data file") from None
    except ValueError as exc:
        raise ParseError(f"holds a value that cannot be read: {exc}") from None


# Each parser is imported only when a file needs it: the bundled data is TOML only.


def _json(text: str) -> Any:
    document = _json_accelerated(text)
    if document is _UNREAD:
        document = _json_standard(text)
    elif _SURROGATE_ESCAPE.search(text):
        _reject_surrogates(document)
    return document


def _json_accelerated(text: str) -> Any:
    """The values of a JSON text parsed by msgspec, or ``_UNREAD`` for the standard library.

    A key given twice is lost by msgspec (the last value wins), with every colon in it and in
    the value it had. Outside strings a colon only ends a key, and msgspec writes every key
    and every string back with its colons as they are: the text and the values written back
    hold as many colons exactly when no key was lost (colons written as escapes, which only
    the text hides, send the file to the standard library).
    """
    try:
        import msgspec
    except ImportError:
        return _UNREAD
    if "\\u003" in text and _ESCAPED_COLON.search(text):
        return _UNREAD
    try:
        document = msgspec.json.decode(text)
    except (msgspec.MsgspecError, RecursionError):  # the standard library says why, or parses
        return _UNREAD
    if text.count(":") != msgspec.json.encode(document).count(b":"):
        return _UNREAD  # a key given twice: the standard library names it
    return document


def _json_standard(text: str) -> Any:
    import json

    try:
        document = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    if _SURROGATE_ESCAPE.search(text):
        _reject_surrogates(document)
    return document


def _toml(text: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(f"is not valid TOML: {exc}") from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a data file may hold")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, refusing a key given twice (json would keep the last silently)."""
    table = dict(pairs)
    if len(table) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ParseError(
                    f"is not a valid data file: the key {key!r} appears twice in one table"
                )
            seen.add(key)
    return table


def _reject_surrogates(document: Any) -> None:
    """Refuse text that escapes half of a UTF-16 pair alone: it is not a Unicode string."""
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ParseError(
                    f"holds text that is not valid Unicode: a lone surrogate "
                    f"{value[exc.start]!r} in {value[:40]!r}"
                ) from None
