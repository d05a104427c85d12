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
from collections.abc import Callable
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
        document = {"metadata": panel.metadata, "rows": list(panel)}
        write_json(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return 0
