"""What the DCAD tests share: a main file written from CSV lines under DCAD's header."""

from __future__ import annotations

from pathlib import Path

from defcoop.io import dcad

HEADER = ",".join(dcad.COLUMNS)
"""The header of DCAD's main file, its columns in the file's order."""


def write(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    """``DCAD-v1.0-main.csv`` in ``tmp_path``: ``header``, then each line, each ended by a
    newline."""
    path = tmp_path / "DCAD-v1.0-main.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path
