"""Write a dataset to a folder in any format that writes, all files or none.

The formats are those of :func:`defcoop.formats`: each is declared by its own module of
:mod:`defcoop.io` (see :class:`defcoop.io.Format`), and :func:`render` asks the format's
writer for its files. Files are written all or nothing: every file is first written into a
temporary folder beside the targets and moved into place only once all are written; existing
files are refused unless ``force=True`` (``--force``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from defcoop.io.plover import plover_lines
from defcoop.query._arguments import require_flag, require_path
from defcoop.query._csv import Formulas, formulas_mode

if TYPE_CHECKING:
    from defcoop.dataset import Dataset

# FORMATS is read from the registry on first use (the module's __getattr__, below).
__all__ = ["FORMATS", "Formulas", "export", "export_files", "plover_lines", "render"]  # noqa: F822


def render(
    dataset: Dataset, format: str, *, formulas: Formulas = "escape"
) -> dict[str, str | bytes]:
    """The files of one format, by name, as text or (Parquet) bytes; nothing is written.

    In the files spreadsheets open (CSV, the data package's tables), a text cell that starts
    like a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading
    ``'`` so that opening the file never runs it; ``formulas="raw"`` writes values as they
    are. Other formats write values as they are whatever ``formulas`` says.

    Raises:
        UnknownNameError: for a format that does not write, naming those that do.
        MissingExtraError: for a format whose extra is not installed.
        ArgumentError: for ``formulas`` other than ``"escape"`` or ``"raw"``.
    """
    from defcoop.io._registry import named

    formulas = formulas_mode(formulas)
    declared = named(format, writing=True)
    writer = declared.writer
    assert writer is not None  # named(writing=True) finds only formats that write
    if declared.formulas:
        return dict(writer(dataset, formulas=formulas))
    return dict(writer(dataset))


def export(
    dataset: Dataset,
    folder: str | os.PathLike[str],
    *,
    format: str = "json",
    force: bool = False,
    formulas: Formulas = "escape",
) -> list[Path]:
    """Write ``dataset`` into ``folder`` (created if needed) in ``format``; return the paths.

    ``formulas`` says how text that a spreadsheet would run as a formula is written, as in
    :func:`render`.

    Raises:
        ArgumentError: for a folder that is not a path, is empty or holds a NUL character,
            and for a ``force`` that is not True or False (``force="no"`` is refused, never
            read as true).
        UnknownNameError: for a format that does not write, naming those that do.
        ExportError: for files that exist when ``force`` is false, or a folder that cannot
            be written; nothing is changed then.
        MissingExtraError: for Parquet without pyarrow (``pip install "defcoop[arrow]"``).
    """
    require_path(folder, "export()", "folder")  # before rendering: a wrong call costs nothing
    require_flag(force, "force", "export()")
    return export_files(folder, render(dataset, format, formulas=formulas), force=force)


def export_files(
    folder: str | os.PathLike[str], contents: Mapping[str, str | bytes], *, force: bool = False
) -> list[Path]:
    """Write files (name: text or bytes) into ``folder``, all or nothing, as :func:`export`."""
    text = require_path(folder, "export_files()", "folder")
    require_flag(force, "force", "export_files()")
    return _write_all(Path(text), contents, force=force)


def _write_all(folder: Path, contents: Mapping[str, str | bytes], *, force: bool) -> list[Path]:
    from defcoop.io import _writer as _export

    return _export.write_all(folder, contents, force=force)


def __getattr__(name: str) -> tuple[str, ...]:
    """``FORMATS``, the names of the formats :func:`export` writes, read from the registry
    when asked for (the modules that declare them are imported then, not with this one)."""
    if name == "FORMATS":
        from defcoop.io._registry import writers

        found = globals()["FORMATS"] = writers()
        return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
