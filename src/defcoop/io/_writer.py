"""Writing files all or nothing: into a temporary folder first, then moved into place.

An export writes several files. Written one by one in place, a failure midway (a full disk,
a file that cannot be replaced) would leave a truncated file where a good one was, or a
mix of new and old files. :func:`write_all` writes every file into a temporary folder
beside the targets, and only once all are written moves them into place, each move an
atomic rename on the same file system. Existing files are refused unless ``force`` is
given; with ``force``, the old files are set aside first and put back if a move fails.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from defcoop._quote import one_line
from defcoop.errors import ExportError

__all__ = ["write_all", "write_one"]


def write_all(
    folder: Path, contents: Mapping[str, str | bytes], *, force: bool = False
) -> list[Path]:
    """Write each ``name: text`` (or bytes) into ``folder`` (created if needed); return the paths.

    Raises:
        ExportError: naming the path and the reason, one line, for every file system error
            and for existing files when ``force`` is false; nothing is changed then.
    """
    _make_folder(folder)
    targets = {name: folder / name for name in contents}
    if not force:
        existing = [str(path) for path in targets.values() if os.path.lexists(path)]
        if existing:
            raise ExportError(
                f"{_shown(existing[0])} already exists"
                + (f" (and {len(existing) - 1} more of the files)" if len(existing) > 1 else "")
                + "; remove it, choose another folder or pass --force (force=True) to replace it"
            )
    for path in targets.values():
        if os.path.isdir(path):
            raise ExportError(f"{_shown(path)} is a folder; cannot write a file there")
    staging = _staging(folder)
    try:
        for name, text in contents.items():
            _write(Path(staging, name), text)
        _move_into_place(staging, targets)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return list(targets.values())


def write_one(path: Path, text: str | bytes) -> None:
    """Write one file atomically: the old file, if any, stays whole until the new one is."""
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(
            f"cannot write {_shown(path)}: the folder {_shown(folder)} does not exist"
        )
    if path.is_dir():
        raise ExportError(f"{_shown(path)} is a folder; cannot write a file there")
    staging = _staging(folder)
    try:
        _write(Path(staging, path.name), text)
        _move_into_place(staging, {path.name: path})
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _shown(path: object) -> str:
    return one_line(os.fspath(path), 240)  # type: ignore[call-overload]


def _make_folder(folder: Path) -> None:
    if os.path.lexists(folder) and not folder.is_dir():
        raise ExportError(f"{_shown(folder)} exists and is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the folder {_shown(folder)}: {_reason(exc)}") from None


def _staging(folder: Path) -> str:
    """A new hidden temporary folder inside ``folder`` (same file system: renames are atomic)."""
    try:
        return tempfile.mkdtemp(prefix=".defcoop-export-", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write into {_shown(folder)}: {_reason(exc)}") from None


def _write(path: Path, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with open(path, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except OSError as exc:
        raise ExportError(f"cannot write {_shown(path.name)}: {_reason(exc)}") from None


def _move_into_place(staging: str, targets: Mapping[str, Path]) -> None:
    """Move every staged file to its target; on a failure, undo the moves already made."""
    backups: dict[Path, str] = {}
    moved: list[Path] = []
    try:
        for name, target in targets.items():
            if os.path.lexists(target):
                backup = os.path.join(staging, f".old-{name}")
                os.replace(target, backup)
                backups[target] = backup
            os.replace(os.path.join(staging, name), target)
            moved.append(target)
    except OSError as exc:
        for target in moved:
            with contextlib.suppress(OSError):
                os.remove(target)
        for target, backup in backups.items():
            with contextlib.suppress(OSError):
                os.replace(backup, target)
        where = exc.filename2 if exc.filename2 else exc.filename
        raise ExportError(
            f"cannot move the new files into place ({_shown(where or staging)}): {_reason(exc)}; "
            "nothing was changed"
        ) from None


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
