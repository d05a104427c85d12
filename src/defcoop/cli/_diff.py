"""The ``defcoop diff OLD NEW`` command: the records added, removed and changed between two data.

Each side is a data folder (``src/defcoop/data`` of a checkout, a folder of your own files),
one data file, such as the JSON dump ``defcoop export --format json`` writes, or an
installed release's wheel (``defcoop-*.whl``), whose bundled data is read from inside it;
``--bundled`` adds the bundled data to both sides, to compare files of your own that refer to
it.
Data packages cannot be read back (defcoop writes them, but has no reader for them): compare
the JSON dumps of the same data instead. The report is text, or JSON with ``--json``; the
exit status is 0 whether or not the data differ, unless ``--exit-code`` asks for 1 when they
do (as ``git diff --exit-code``).
"""

from __future__ import annotations

import argparse
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from defcoop.cli._terminal import path_argument, write_json

__all__ = ["add_diff", "load_side"]

_WHEEL_DATA = "defcoop/data/"


def add_diff(commands: Any) -> None:
    """Add the ``diff`` command to ``commands`` (the ``defcoop`` parser's subcommands)."""
    diff = commands.add_parser(
        "diff",
        help="list the records added, removed and changed between two versions of the data",
        description="Compare two versions of the data record by record, by id: the records "
        "added, removed and changed, with each changed attribute's old and new value. OLD and "
        "NEW are data folders, data files (such as the JSON of 'defcoop export --format "
        "json') or release wheels (defcoop-*.whl, whose bundled data is read). Data packages "
        "cannot be read back: compare JSON dumps instead.",
    )
    diff.add_argument("old", type=path_argument, help="the old data: a folder, file or wheel")
    diff.add_argument("new", type=path_argument, help="the new data: a folder, file or wheel")
    diff.add_argument(
        "--bundled",
        action="store_true",
        help="add the bundled data to each side (for files of your own that refer to it)",
    )
    diff.add_argument("--json", action="store_true", help="print JSON instead of text")
    diff.add_argument(
        "--exit-code", action="store_true", help="exit with status 1 when the data differ"
    )
    diff.set_defaults(run=_run)


def _run(arguments: argparse.Namespace) -> int:
    old = load_side(arguments.old, bundled=arguments.bundled)
    changes = old.diff(load_side(arguments.new, bundled=arguments.bundled))
    if arguments.json:
        write_json(changes.to_json())
    else:
        print(changes)
    return 1 if arguments.exit_code and changes else 0


def load_side(path: str, *, bundled: bool = False) -> Any:
    """The dataset at ``path``: a data folder or file, or the bundled data of a wheel.

    With ``bundled``, a folder's or file's records are added to the bundled data, as
    ``defcoop.load(path, bundled=True)`` does; a wheel's data is whole already.

    Raises:
        ArgumentError: for a data package, which cannot be read back, or a wheel without data.
        DataError: for invalid data, as :func:`defcoop.load` does.
    """
    from defcoop.errors import ArgumentError
    from defcoop.loading._loader import load

    where = Path(path)
    if where.name == "datapackage.json" or (where / "datapackage.json").is_file():
        raise ArgumentError(
            f"{path}: a data package cannot be read back; compare the JSON dumps of the same "
            "data instead (defcoop export --format json)"
        )
    if where.suffix == ".whl" and where.is_file():
        if bundled:
            raise ArgumentError(f"{path}: a wheel's data is whole already; drop --bundled")
        with tempfile.TemporaryDirectory(prefix="defcoop-diff-") as scratch:
            try:
                with zipfile.ZipFile(where) as wheel:
                    members = [n for n in wheel.namelist() if n.startswith(_WHEEL_DATA)]
                    members = [n for n in members if not n.endswith("/")]
                    for name in members:
                        relative = name.removeprefix(_WHEEL_DATA)
                        if "/" not in relative:  # the data is one flat folder
                            (Path(scratch) / relative).write_bytes(wheel.read(name))
            except zipfile.BadZipFile as exc:
                raise ArgumentError(f"{path}: not a wheel ({exc})") from None
            if not members:
                raise ArgumentError(f"{path}: the wheel holds no {_WHEEL_DATA} folder")
            return load(scratch)
    return load(path, bundled=bundled)
