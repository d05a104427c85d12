"""The ``defcoop cite`` command: citations of sources, of records' sources, or of the dataset.

``defcoop cite ID... [--style bibtex|csl-json] [--field FIELD]`` prints one entry per source
the records cite (``--format`` is the older name of ``--style``); ``defcoop cite --dataset
[--style bibtex|csl|apa|chicago]`` prints the citation of the dataset itself at this version,
from CITATION.cff. Giving ids and ``--dataset``, or neither, is a usage error (exit status 2).
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
    from defcoop.views.cite import STYLES

    cite = commands.add_parser(
        "cite",
        parents=parents,
        help="print citations of the dataset, of sources, or of the sources of records",
        description="Print entries a reference manager imports: with --dataset, the citation "
        "of the dataset itself at this version (from CITATION.cff); for a source, its own "
        "entry; for any other record, one per source it cites, naming the paragraphs. Several "
        "ids give one entry per source, whichever records cite it, each with a key of its own.",
    )
    cite.add_argument(
        "id", nargs="*", help="source or record ids, such as strengthening-2016 or mcis-7"
    )
    cite.add_argument(
        "--field",
        metavar="FIELD",
        help="for a relationship, only the sources cited for this field of cooperation",
    )
    cite.add_argument(
        "--dataset", action="store_true", help="cite the dataset itself, at this data version"
    )
    cite.add_argument(
        "--style",
        "--format",
        dest="style",
        choices=sorted({*STYLES, *DATASET_STYLES}),
        default=None,
        help=f"for ids: {' or '.join(STYLES)}; with --dataset: {', '.join(DATASET_STYLES)}; "
        "default bibtex (--format is its older name)",
    )
    cite.set_defaults(run=lambda arguments: _run(arguments, load))


def _run(arguments: argparse.Namespace, load: Callable[[Any], Any]) -> int:
    from defcoop.errors import ArgumentError
    from defcoop.views.cite import STYLES

    style = arguments.style or "bibtex"
    if arguments.dataset:
        if arguments.id or arguments.field is not None:
            raise ArgumentError("--dataset cites the dataset: give no id and no --field")
        if arguments.data is not None:
            raise ArgumentError("--dataset cites the bundled dataset: give no --data")
        if style not in DATASET_STYLES:
            raise ArgumentError(f"--dataset takes --style {', '.join(DATASET_STYLES)}")
        from defcoop.views.citation import cite_dataset

        print(cite_dataset(style=style), end="")
        return 0
    if not arguments.id:
        raise ArgumentError("cite needs source or record ids, or --dataset")
    if style not in STYLES:
        raise ArgumentError(f"citations of records take --style {' or '.join(STYLES)}")
    dataset = load(arguments)
    records = [dataset.get(record_id) for record_id in arguments.id]
    print(dataset.cite(records, style=style, field=arguments.field), end="")
    return 0
