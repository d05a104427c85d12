"""The ``defcoop panel`` command: a dyad-year or state-year panel as CSV or JSON.

``defcoop panel dyad-year --years 2008/2020 [--directed] [--system cow|gw] [--party COUNTRY]...
[--dyad COUNTRY COUNTRY] --format csv|json``. ``--party`` may be repeated: the rows of any of
the countries given. Every other option is given at most once: a second ``--years`` or
``--system`` is a usage error (exit status 2), never silently the last one; ``--directed``
twice is ``--directed``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Mapping
from typing import Any

from defcoop.cli._terminal import StoreOnce, formulas_option, write_data, write_json

__all__ = ["add_panel"]


def add_panel(
    commands: Any, parents: list[argparse.ArgumentParser], load: Callable[[Any], Any]
) -> None:
    """Add the ``panel`` command to ``commands`` (the ``defcoop`` parser's subcommands)."""
    panel = commands.add_parser(
        "panel",
        parents=parents,
        help="write a dyad-year or state-year panel",
        description="Write a dyad-year or state-year panel of counts (agreements signed and in "
        "force, events, visits, multilateral events, mechanisms, fields) for every dyad or "
        "state of a state system: missing, not 0, where no coverage reaches. CSV by default: "
        "a missing count is an empty cell. JSON: the rows and the panel's metadata (unit, "
        "system, years, coverage, data version, and the records left out and why).",
    )
    panel.add_argument("unit", choices=("dyad-year", "state-year"), help="the unit of the rows")
    panel.add_argument(
        "--years", required=True, action=StoreOnce, metavar="YEARS", help="such as 2008/2020"
    )
    panel.add_argument("--directed", action="store_true", help="dyad-year: one row per direction")
    panel.add_argument(
        "--party",
        action="append",
        metavar="COUNTRY",
        help="only the rows of this country, by code or name; repeated: of any of them",
    )
    panel.add_argument(
        "--dyad",
        nargs=2,
        action=StoreOnce,
        metavar="COUNTRY",
        help="dyad-year: only the rows of this pair of countries",
    )
    panel.add_argument(
        "--system", choices=("cow", "gw"), default="cow", action=StoreOnce, help="default cow"
    )
    panel.add_argument(
        "--format", choices=("csv", "json"), default="csv", action=StoreOnce, help="default csv"
    )
    formulas_option(panel)
    panel.set_defaults(run=lambda arguments: _run(arguments, load))


def _run(arguments: argparse.Namespace, load: Callable[[Any], Any]) -> int:
    from defcoop.errors import ArgumentError

    dataset = load(arguments)
    if arguments.unit == "state-year" and arguments.directed:
        raise ArgumentError("--directed is for dyad-year panels only")
    if arguments.unit == "state-year" and arguments.dyad:
        raise ArgumentError("--dyad is for dyad-year panels only; give --party for state-years")
    if arguments.unit == "dyad-year":
        panel = dataset.dyad_years(
            years=arguments.years,
            directed=arguments.directed,
            system=arguments.system,
            party=arguments.party,
            dyad=None if arguments.dyad is None else tuple(arguments.dyad),
            frame=False,
        )
    else:
        panel = dataset.state_years(
            years=arguments.years, system=arguments.system, party=arguments.party, frame=False
        )
    if arguments.format == "csv":
        write_data(panel.to_csv(formulas=arguments.formulas))
    else:
        write_json(panel_json(panel.metadata, list(panel)) + "\n")
    return 0


_FLAT = frozenset({str, int, float, bool, type(None)})
"""The types of the values a row may hold for :func:`panel_json` to encode it at C speed."""

# Every row's items one to a line, three spaces in, as indent=1 puts them inside the list of
# rows, by the standard library's C encoder (given an indent, json takes its Python encoder).
_ROWS = json.JSONEncoder(ensure_ascii=False, separators=(",\n   ", ": "))


def panel_json(metadata: Mapping[str, Any], rows: list[Mapping[str, Any]]) -> str:
    """``{"metadata": ..., "rows": [...]}`` as ``json.dumps(..., ensure_ascii=False,
    indent=1)`` writes it, character for character, in a fraction of the time: a panel of
    every dyad has hundreds of thousands of rows, and the indenting encoder is pure Python.
    Rows holding anything but text, numbers, booleans and None are left to that encoder."""
    document = {"metadata": metadata, "rows": rows}
    if not rows or not all(row and _FLAT.issuperset(map(type, row.values())) for row in rows):
        return json.dumps(document, ensure_ascii=False, indent=1)
    head = json.dumps({"metadata": metadata}, ensure_ascii=False, indent=1)
    # '[{"a": 1,\n   "b": 2},\n   {"a": 3, ...}]': a row ends where "}," meets a new line
    # and "{" (a line break inside a value is written as an escape, never as itself).
    body = _ROWS.encode(rows)[2:-2].replace("},\n   {", "\n  },\n  {\n   ")
    return head[: -len("\n}")] + ',\n "rows": [\n  {\n   ' + body + "\n  }\n ]\n}"
