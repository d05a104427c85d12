"""Turn the bytes of a data file into plain values: TOML or JSON, UTF-8 only."""

from __future__ import annotations

from typing import Any


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
        return _json(text) if name.endswith(".json") else _toml(text)
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
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None


def _toml(text: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(f"is not valid TOML: {exc}") from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a data file may hold")
