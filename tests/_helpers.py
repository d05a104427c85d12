"""Helpers shared by several test modules: written once here, imported where needed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import defcoop
from defcoop import Citation, DataError, Record
from defcoop.cli import main


def citations(record: Record) -> Iterator[Citation]:
    """Every citation a record carries, its fields' evidence included."""
    yield from getattr(record, "sources", ())
    for item in getattr(record, "evidence", ()):
        yield from item.sources


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line's main() in process: (exit status, stdout, stderr)."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write(path: Path, content: Any) -> Path:
    """Write ``content`` to ``path``, making its folders: bytes and text as they are,
    anything else as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


def problems_of(path: Any, **kwargs: Any) -> list[str]:
    """The problem lines a load of ``path`` reports, as one DataError (a ValueError too)."""
    with pytest.raises(DataError) as raised:
        defcoop.load(path, **kwargs)
    assert isinstance(raised.value, ValueError)
    return [str(problem) for problem in raised.value.problems]

