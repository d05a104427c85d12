"""The ``defcoop cite`` command: citations of a source, of a record's sources, or of the dataset.

``defcoop cite ID [--format bibtex|csl-json]`` prints the entries of a source or of the sources
a record cites; ``defcoop cite --dataset [--style bibtex|csl|apa|chicago]`` prints the citation
of the dataset itself at this version, from CITATION.cff. Giving both an id and ``--dataset``,
or neither, is a usage error (exit status 2).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from defcoop.views.citation import DATASET_STYLES

__all__ = ["add_cite"]


def add_cite(
    commands: Any, parents: list[argparse.ArgumentParser], load: Callable[[Any], Any]
) -> None:
    """Add the ``cite`` command to ``commands`` (the ``defcoop`` parser's subcommands)."""
    cite = commands.add_parser(
        "cite",
        parents=parents,
        help="print citations of the dataset, of a source or of a record's sources",
        description="Print entries a reference manager imports: with --dataset, the citation "
        "of the dataset itself at this version (from CITATION.cff); for a source, its own "
        "entry; for any other record, one per source it cites, naming the paragraphs.",
    )
    cite.add_argument(
        "id", nargs="?", help="a source or record id, such as strengthening-2016 or mcis-7"
    )
    cite.add_argument(
        "--format", choices=("bibtex", "csl-json"), default=None, help="for an id: default bibtex"
    )
    cite.add_argument(
        "--dataset", action="store_true", help="cite the dataset itself, at this data version"
    )
    cite.add_argument(
        "--style", choices=DATASET_STYLES, default=None, help="with --dataset: default bibtex"
    )
    cite.set_defaults(run=lambda arguments: _run(arguments, load))


def _run(arguments: argparse.Namespace, load: Callable[[Any], Any]) -> int:
    from defcoop.errors import ArgumentError

    if arguments.dataset:
        if arguments.id is not None or arguments.format is not None:
            raise ArgumentError("--dataset cites the dataset: give no id and no --format")
        if arguments.data is not None:
            raise ArgumentError("--dataset cites the bundled dataset: give no --data")
        from defcoop.views.citation import cite_dataset

        print(cite_dataset(style=arguments.style or "bibtex"), end="")
        return 0
    if arguments.id is None:
        raise ArgumentError("cite needs a source or record id, or --dataset")
    if arguments.style is not None:
        raise ArgumentError("--style is for --dataset; a record's entries take --format")
    print(load(arguments).cite(arguments.id, style=arguments.format or "bibtex"), end="")
    return 0
