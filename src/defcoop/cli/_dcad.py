"""The ``defcoop import dcad FILE --out DIR`` command: DCAD's main file into a data file.

It writes ``DIR/dcad.json`` (one agreement per row new to the bundled data), prints on stdout
each row matched to a bundled agreement, which adds none, and on stderr each row in doubt
and each value the crosswalk leaves unmapped. ``--crosswalk`` takes a TOML file of
``[categories]`` and ``[types]`` tables; an empty name is a usage error, never ignored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from defcoop.cli._terminal import path_argument
from defcoop.errors import ArgumentError

__all__ = ["add_import"]


def add_import(commands: Any) -> None:
    """Add the ``import`` command (and its ``dcad`` dataset) to ``commands``."""
    importing = commands.add_parser(
        "import",
        help="convert another dataset's file into defcoop data files",
        description="Convert a file of another dataset into a defcoop data file that "
        "'defcoop --data DIR --bundled' and defcoop.load(DIR, bundled=True) read.",
    )
    formats = importing.add_subparsers(dest="dataset", metavar="DATASET", required=True)
    dcad = formats.add_parser(
        "dcad",
        help="the Defense Cooperation Agreement Dataset's main file",
        description="Convert DCAD-v1.0-main.csv into DIR/dcad.json: one agreement per row, "
        "parties matched by COW code against the bundled countries, rows that are bundled "
        "agreements already matched rather than added; see defcoop.io.dcad.",
    )
    dcad.add_argument("file", type=path_argument, help="the DCAD main file, DCAD-v1.0-main.csv")
    dcad.add_argument(
        "--out", metavar="DIR", type=path_argument, required=True, help="the folder to write into"
    )
    dcad.add_argument(
        "--crosswalk",
        metavar="TOML",
        type=path_argument,
        help="a TOML file with [categories] (DCAD category = field id) and [types] "
        "(DCAD type = agreement kind) tables, added to the built-in crosswalk",
    )
    dcad.add_argument("--accessed", metavar="DATE", help="the day you downloaded the file")
    dcad.add_argument("--force", action="store_true", help="replace dcad.json if it exists")
    dcad.set_defaults(run=_import_dcad)


def _crosswalk(name: str | None) -> dict[str, Any]:
    if name is None:
        return {}
    import tomllib

    try:
        crosswalk = tomllib.loads(Path(name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArgumentError(f"--crosswalk {name}: {exc}") from None
    unknown_keys = sorted(set(crosswalk) - {"categories", "types"})
    if unknown_keys:
        raise ArgumentError(
            f"--crosswalk {name}: unknown tables {unknown_keys}; expected [categories] and [types]"
        )
    return crosswalk


def _import_dcad(arguments: argparse.Namespace) -> int:
    from defcoop.errors import DateError
    from defcoop.io import dcad
    from defcoop.io.exports import export_files
    from defcoop.loading._loader import load
    from defcoop.model.dates import PartialDate

    crosswalk = _crosswalk(arguments.crosswalk)
    try:
        accessed = PartialDate.parse(arguments.accessed) if arguments.accessed else None
    except DateError as exc:
        raise ArgumentError(f"--accessed: {exc}") from None
    conversion = dcad.convert(
        arguments.file,
        base=load(),
        categories=crosswalk.get("categories"),
        types=crosswalk.get("types"),
        accessed=accessed,
    )
    for value, rows in conversion.unmapped.items():
        print(
            f"defcoop: warning: {value} is not mapped (rows {', '.join(map(str, rows))}); "
            "kept in the notes",
            file=sys.stderr,
        )
    for doubt in conversion.matches.doubts:
        print(f"defcoop: warning: doubt: {doubt}", file=sys.stderr)
    for match in conversion.matches.matches:
        print(f"matched: {match}; not added")
    written = export_files(
        arguments.out, {"dcad.json": conversion.data_file()}, force=arguments.force
    )
    for path in written:
        print(f"{path}: {len(conversion.agreements)} agreements")
    return 0
