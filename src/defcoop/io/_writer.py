"""Writing files all or nothing: into a temporary folder first, then moved into place.

An export writes several files. Written one by one in place, a failure midway (a full disk,
a file that cannot be replaced) would leave a truncated file where a good one was, or a
mix of new and old files. :func:`write_all` writes every file into a temporary folder
beside the targets, and only once all are written moves them into place, each move an
atomic rename on the same file system. Existing files are refused unless ``force`` is
given; with ``force``, the old files are set aside first and put back if a move fails or is
interrupted (Ctrl-C included): the folder then holds the old files or the new ones, never
neither.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from defcoop._quote import one_line
from defcoop.errors import ExportError

__all__ = ["write_all", "write_one"]

_OLD = ".old-"  # the prefix of an old file set aside in the staging folder


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
    with _staged(folder) as staging:
        for name, text in contents.items():
            _write(Path(staging, name), text)
        _move_into_place(staging, targets)
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
    with _staged(folder) as staging:
        _write(Path(staging, path.name), text)
        _move_into_place(staging, {path.name: path})


def _shown(path: object) -> str:
    return one_line(os.fspath(path), 240)  # type: ignore[call-overload]


def _make_folder(folder: Path) -> None:
    if os.path.lexists(folder) and not folder.is_dir():
        raise ExportError(f"{_shown(folder)} exists and is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the folder {_shown(folder)}: {_reason(exc)}") from None


@contextlib.contextmanager
def _staged(folder: Path) -> Iterator[str]:
    """A staging folder (:func:`_staging`), removed afterwards unless it holds the only copy
    of an old file that could not be put back."""
    staging = _staging(folder)
    try:
        yield staging
    except BaseException:
        # After a failure, an old file still set aside (".old-NAME") is one that could not
        # be put back: its folder stays. After success, the old files are garbage.
        if not any(name.startswith(_OLD) for name in os.listdir(staging)):
            shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)


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
    """Move every staged file to its target; on a failure, undo the moves already made.

    Undone on any exception, Ctrl-C (KeyboardInterrupt) included, so that the folder holds
    either all the old files or all the new ones, never neither. Each move is recorded
    before it is made: an interruption that lands between a rename and its record would
    otherwise leave a file set aside that nobody puts back.
    """
    backups: dict[Path, str] = {}
    moved: list[Path] = []
    try:
        for name, target in targets.items():
            if os.path.lexists(target):
                backup = backups[target] = os.path.join(staging, f"{_OLD}{name}")
                os.replace(target, backup)
            moved.append(target)
            os.replace(os.path.join(staging, name), target)
    except BaseException as exc:
        kept = _undo(moved, backups)
        if kept:
            # An old file could not be put back: it stays in the staging folder, which
            # _staged keeps (never deleted while it holds the only copy).
            raise ExportError(
                f"cannot move the new files into place, nor put back {_shown(kept[0])}: "
                f"the old files are kept in {_shown(staging)}"
            ) from exc
        if not isinstance(exc, OSError):
            raise  # Ctrl-C and the like go on, the folder as it was
        where = exc.filename2 if exc.filename2 else exc.filename
        raise ExportError(
            f"cannot move the new files into place ({_shown(where or staging)}): {_reason(exc)}; "
            "nothing was changed"
        ) from None


def _undo(moved: list[Path], backups: Mapping[Path, str]) -> list[Path]:
    """Remove the new files moved in and put the old ones back; return the targets whose
    old file could not be put back."""
    for target in moved:
        if target not in backups or os.path.lexists(backups[target]):
            # The new file, if it was moved in: its old one (if any) is still set aside.
            with contextlib.suppress(OSError):
                os.remove(target)
    kept = []
    for target, backup in backups.items():
        if os.path.lexists(backup):
            try:
                os.replace(backup, target)
            except OSError:
                kept.append(target)
    return kept


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
