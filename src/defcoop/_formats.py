"""Turn the bytes of a data file into plain values: TOML or JSON, UTF-8 only."""

from __future__ import annotations

import json
import tomllib
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
    if not text.strip():
        raise ParseError("is empty: expected tables of records")
    try:
        if name.endswith(".json"):
            return json.loads(text, parse_constant=_reject_constant)
        return tomllib.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(f"is not valid TOML: {exc}") from None
    except RecursionError:
        raise ParseError("is nested too deeply to be a data file") from None
    except ValueError as exc:
        raise ParseError(f"holds a value that cannot be read: {exc}") from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a data file may hold")
