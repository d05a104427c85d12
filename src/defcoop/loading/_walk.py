"""Which files a load reads: every data file it was pointed at, or an error naming what it
could not read. Nothing is skipped silently.

The rules, stated in the curation guide:

- A path to a file reads that file; it must be a regular file (after following symbolic
  links) whose name ends in ``.toml`` or ``.json``, in any case (``.JSON`` too).
- A path to a folder reads every such file below it, in every subfolder, following symbolic
  links to files and folders, in the order of their paths.
- Entries whose names start with a dot are left out on purpose, files and folders alike:
  hidden folders such as ``.git`` and the ``.ipynb_checkpoints`` folders of Jupyter (which
  hold stale copies of the data files) are not data. Files with other suffixes are not data
  either (a ``README.md`` beside the data).
- Everything else that cannot be read is a problem, reported by name: a folder or file that
  cannot be opened, a symbolic link that leads nowhere or back into a folder already read, a
  FIFO, socket or device with a data file's name.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

from defcoop.errors import DataError, Problem

# The check of a path argument lives with the other argument checks (one check for load(),
# export(), dump() and the readers of other datasets); its old name here still works.
from defcoop.query._arguments import require_path as check_path  # noqa: F401

if TYPE_CHECKING:
    from pathlib import Path  # imported by data_files: a bundled load never needs it

SUFFIXES = (".toml", ".json")
"""The suffixes of data files, compared without regard to case."""


def is_data_name(name: str) -> bool:
    """Whether a file of this name is a data file: ``.toml`` or ``.json``, in any case.

    >>> is_data_name("agreements.JSON"), is_data_name("notes.md")
    (True, False)
    """
    return name.lower().endswith(SUFFIXES)


def is_ignored(name: str) -> bool:
    """Whether a folder entry is left out on purpose: hidden (``.git``, ``.ipynb_checkpoints``).

    >>> is_ignored(".ipynb_checkpoints"), is_ignored("data")
    (True, False)
    """
    return name.startswith(".")


def data_files(path: str) -> list[tuple[str, Path]]:
    """The data files ``path`` names, as ``(name shown in messages, path)``, in path order.

    Raises:
        DataError: naming every entry that cannot be read, or saying there is no data file.
    """
    from pathlib import Path

    problems: list[Problem] = []
    found: list[tuple[str, Path]] = []
    info = _stat(path, problems)
    if info is None:
        raise DataError(problems)
    if stat.S_ISDIR(info.st_mode):
        _walk(Path(path), {_key(info)}, set(), found, problems)
        if not found and not problems:
            problems.append(Problem(file=path, message="no .toml or .json files here"))
    elif not stat.S_ISREG(info.st_mode):
        problems.append(Problem(file=path, message=f"is {_special(info.st_mode)}, not a data file"))
    elif not is_data_name(path):
        suffix = Path(path).suffix or "no suffix"
        problems.append(Problem(file=path, message=f"expected a .toml or .json file, got {suffix}"))
    else:
        found.append((path, Path(path)))
    if problems:
        raise DataError(problems)
    return found


def _key(info: os.stat_result) -> tuple[int, int]:
    return (info.st_dev, info.st_ino)


def _stat(path: str, problems: list[Problem]) -> os.stat_result | None:
    """The status of what ``path`` leads to (links followed); None, with a problem, if none."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        message = (
            "is a symbolic link to nothing (its target does not exist)"
            if os.path.islink(path)
            else "no such file or directory"
        )
    except OSError as exc:
        message = f"cannot be read: {exc.strerror or exc}"
    problems.append(Problem(file=path, message=message))
    return None


def _walk(
    folder: Path,
    above: set[tuple[int, int]],
    seen: set[tuple[int, int]],
    found: list[tuple[str, Path]],
    problems: list[Problem],
) -> None:
    """Add the data files under ``folder``; ``above`` holds the folders on the way down."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError as exc:
        problems.append(Problem(file=str(folder), message=f"cannot be read: {exc.strerror}"))
        return
    for name in names:
        if is_ignored(name):
            continue
        entry = folder / name
        info = _stat(str(entry), problems)
        if info is None:
            continue
        if stat.S_ISDIR(info.st_mode):
            key = _key(info)
            if key in above:
                problems.append(
                    Problem(file=str(entry), message="is a link back to a folder above it (a loop)")
                )
            elif key in seen:
                problems.append(
                    Problem(file=str(entry), message="leads to a folder that is already read")
                )
            else:
                seen.add(key)
                _walk(entry, above | {key}, seen, found, problems)
        elif not is_data_name(name):
            continue
        elif stat.S_ISREG(info.st_mode):
            found.append((str(entry), entry))
        else:
            problems.append(
                Problem(file=str(entry), message=f"is {_special(info.st_mode)}, not a data file")
            )


def _special(mode: int) -> str:
    """What a file that is neither a folder nor a regular file is, in words."""
    for test, words in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return words
    return "not a regular file"
