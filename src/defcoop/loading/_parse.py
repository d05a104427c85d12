"""Turn the bytes of a data file into plain values: TOML or JSON, UTF-8 only.

JSON is parsed by the standard library, with a hook that refuses a key given twice in one
table. (An optional compiled parser, msgspec, was tried and measured: it saved under 3% of
loading a 100,000-record JSON file, whose time goes to structuring and checking the records,
so it was removed; benchmarks/README.md has the figures.)
"""

from __future__ import annotations

import re
from typing import Any

# A JSON escape of a UTF-16 surrogate; only then can a parsed string hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


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
