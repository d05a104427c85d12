"""The ``defcoop`` command: query, check and export the data from a shell.

Run ``defcoop --help`` (or ``python -m defcoop --help``) for the commands. Query commands take
the same filters as the Python API and print aligned text, or JSON with ``--json``; a filter
given more than once keeps the records that match any of its values (``--party BLR --party
RUS``), and different filters combine with AND. Errors
go to stderr, one line per problem: the exit status is 2 for a usage error (an unknown
option, an option given twice, an unreadable date, an empty path) and 1 for a data, lookup or
file system error (an invalid file, a misspelt name with suggestions, a folder that cannot
be written); Ctrl-C ends it with status 130 and one line, a closed pipe quietly with 141
(:mod:`defcoop.cli._exits` declares each status once).

Output is UTF-8 where the terminal takes it; elsewhere (an ASCII or C locale) characters it
cannot show are printed as escapes (JSON as ``\\u`` escapes, so it stays valid JSON), never a
traceback. Arguments the locale cannot decode are read as the UTF-8 the user typed, and
paths open the files whose names were typed, whatever the locale.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import attrs

from defcoop._version import __version__
from defcoop.cli import _exits
from defcoop.cli._terminal import StoreOnce as _StoreOnce
from defcoop.cli._terminal import any_of as _any_of
from defcoop.cli._terminal import as_typed as _as_typed
from defcoop.cli._terminal import formulas_option as _formulas_option
from defcoop.cli._terminal import path_argument as _path
from defcoop.cli._terminal import print_json as _print_json
from defcoop.cli._terminal import safe_terminal as _safe_terminal
from defcoop.cli._terminal import tolerant_output as _tolerant_output
from defcoop.dataset import Dataset
from defcoop.errors import DataError
from defcoop.model import registry
from defcoop.model._names import did_you_mean, suggest
from defcoop.model.records import Record
from defcoop.query import _display

__all__ = ["main"]

#: What a date filter takes, for the command line's help.
_DATE_HELP = "a date or period such as 2018, 2018-11 or 2018/2020"


@attrs.frozen
class _Listing:
    """One listing command: what it lists, its filters as (option, help), its text columns."""

    summary: str
    filters: tuple[tuple[str, str], ...]
    columns: tuple[str, ...]


def _listings() -> dict[str, _Listing]:
    """A command for each record type with a query method, read from its declaration
    (:mod:`defcoop.model.registry`), and the timeline, a view of agreements and events.

    A record type with query indexes is queried by ``Dataset.select`` with each index's
    filter and its date, so that a new record type is a new command.
    """
    listings = {
        declared.key: _Listing(
            declared.summary or declared.key,
            (
                *((ix.filter, ix.help or f"by {ix.filter}") for ix in declared.indexes),
                *(((declared.date, _DATE_HELP),) if declared.date else ()),
                *declared.filters,
            ),
            declared.columns,
        )
        for declared in registry.record_types()
        if declared.indexes
    }
    listings["timeline"] = _Listing(
        "every dated agreement, event and arms transfer, in date order",
        (("party", "a country involved, by code or name"), ("when", _DATE_HELP)),
        ("date", "type", "id", "title"),
    )
    return listings


class _ParserExitError(Exception):
    """Raised instead of exiting the interpreter, so that main() returns the status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """An argument parser that returns instead of exiting and suggests misspelt commands."""

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """Options that take one value refuse a second (see :class:`_StoreOnce`)."""
        if args and args[0].startswith("-") and kwargs.get("action", "store") == "store":
            kwargs["action"] = _StoreOnce
        return super().add_argument(*args, **kwargs)

    def _print_message(self, message: str, file: Any = None) -> None:
        """Print as argparse does, but let a failure to write be seen: argparse ignores it,
        so that ``defcoop --help > /dev/full`` would succeed having printed nothing."""
        if message:
            (file or sys.stderr).write(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self._print_message(message, sys.stderr)
        raise _ParserExitError(status)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if choices is not None and value not in choices:
            names = [str(choice) for choice in choices]
            close = suggest(str(value), names)
            hint = did_you_mean(close)
            raise argparse.ArgumentError(
                action, f"invalid choice: {value!r} (choose from {', '.join(names)}){hint}"
            )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (the process's arguments by default), printing
    everything through ``defcoop.cli._terminal.shown`` (data never controls a terminal).

    Returns:
        The exit status, 0 on success, 1 for a data, lookup or file system error, 2 for a
        usage error, 130 when interrupted (Ctrl-C) and 141 when the reader of the output
        went away, as ``defcoop.cli._exits.EXITS`` declares them error class by error
        class. Output that cannot be written (``defcoop --help > /dev/full``) is an error.
    """
    with _safe_terminal():
        try:
            _tolerant_output()
            if argv is None:
                argv = [_as_typed(argument) for argument in sys.argv[1:]]
            return _exits.flushed(_run(argv))
        except _exits.HANDLED as exc:
            return _exits.ended(exc)


def _run(argv: Sequence[str]) -> int:
    parser = _parser()
    try:
        arguments = parser.parse_args(argv)
    except _ParserExitError as exc:
        return exc.status
    if arguments.command is None:
        parser.print_help(sys.stderr)
        return _exits.USAGE
    run: Callable[[argparse.Namespace], int] = arguments.run
    return run(arguments)


def _parser() -> _Parser:
    parser = _Parser(
        prog="defcoop",
        description="Query, check and export defcoop data: bilateral defense cooperation, "
        "every record citing the paragraphs of its sources.",
        epilog="Run 'defcoop COMMAND --help' for a command's options.",
    )
    parser.add_argument(
        "--version", action="version", version=f"defcoop {__version__}", help="print the version"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    data = _Parser(add_help=False)
    data.add_argument(
        "--data", metavar="PATH", type=_path, help="query a TOML/JSON file or folder instead"
    )
    data.add_argument(
        "--bundled", action="store_true", help="with --data: add the records to the bundled data"
    )
    output = _Parser(add_help=False)
    output.add_argument("--json", action="store_true", help="print JSON instead of text")

    for name, listing in _listings().items():
        what = listing.summary
        command = commands.add_parser(
            name, parents=[data, output], help=f"list {what}", description=f"List {what}."
        )
        for option, text in listing.filters:
            command.add_argument(
                f"--{option}",
                metavar=option.upper(),
                action="append",
                help=f"{text}; repeated: any of them",
            )
        command.set_defaults(run=_query)

    show = commands.add_parser(
        "show",
        parents=[data, output],
        help="show one record and its evidence",
        description="Show one record by id, with its citations resolved to their sources.",
    )
    show.add_argument("id", help="a record id, such as mcis-7 or VNM")
    show.set_defaults(run=_show)

    validate = commands.add_parser(
        "validate",
        help="check a data file or folder",
        description="Check TOML/JSON data files as defcoop.load() does; "
        "exit status 1 and every problem listed on stderr when they are invalid.",
    )
    validate.add_argument("path", type=_path, help="a .toml or .json file, or a folder of them")
    validate.add_argument(
        "--bundled", action="store_true", help="check the files combined with the bundled data"
    )
    validate.set_defaults(run=_validate)

    from defcoop.io import _registry

    writing = [f for f in _registry.formats() if f.writer is not None]
    export = commands.add_parser(
        "export",
        parents=[data],
        help=f"write the data as {', '.join(f.name for f in writing)}",
        description="Write the whole dataset to a folder in one of the formats that "
        "defcoop.formats() lists. "
        + " ".join(
            f"{f.name}: {_plain_text(f.writes or f.title)}"
            + (f", with defcoop[{f.extra}]." if f.extra else ".")
            for f in writing
        )
        + " Files are written all or nothing, and existing files are kept unless --force "
        "is given.",
    )
    export.add_argument(
        "--format", choices=[f.name for f in writing], default="json", help="default json"
    )  # fmt: skip
    export.add_argument(
        "--out", metavar="DIR", type=_path, required=True, help="the folder to write into"
    )
    export.add_argument("--force", action="store_true", help="replace files that exist")
    _formulas_option(export)
    export.set_defaults(run=_export)

    from defcoop.cli._dcad import add_import

    add_import(commands)

    from defcoop.cli._cite import add_cite

    add_cite(commands, [data], _dataset)

    from defcoop.cli._diff import add_diff

    add_diff(commands)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of data files",
        description="Print the JSON Schema (draft 2020-12) of defcoop data files.",
    )
    schema.set_defaults(run=_schema)

    from defcoop.cli._panel import add_panel

    add_panel(commands, [data], _dataset)
    return parser


def _dataset(arguments: argparse.Namespace) -> Dataset:
    from defcoop.loading._loader import load

    return load(arguments.data, bundled=arguments.bundled)


def _query(arguments: argparse.Namespace) -> int:
    dataset = _dataset(arguments)
    listing = _listings()[arguments.command]
    columns = listing.columns
    options = {
        option: list(dict.fromkeys(getattr(arguments, option)))
        for option, _text in listing.filters
        if getattr(arguments, option) is not None
    }
    command = arguments.command
    declared = registry.by_key(command)
    query = (
        dataset.timeline if declared is None else functools.partial(dataset.select, declared.cls)
    )
    records = _any_of(query, options)
    if arguments.json and arguments.command == "timeline":
        _print_json([{"type": _column(r, "type"), **_plain(r)} for r in records])
    elif arguments.json:
        _print_json([_plain(record) for record in records])
    elif records:
        print(_aligned(columns, [[_column(r, c) for c in columns] for r in records]))
    else:
        print(f"defcoop: no {arguments.command} match", file=sys.stderr)
    return 0


def _show(arguments: argparse.Namespace) -> int:

    dataset = _dataset(arguments)
    record = dataset.get(arguments.id)
    evidence = dataset.evidence(record)
    if arguments.json:
        _print_json(
            {
                "kind": registry.of(type(record)).singular,
                "record": _plain(record),
                "evidence": [
                    {
                        "source": item.source.id,
                        "paragraph": item.paragraph,
                        "field": item.field,
                        "title": item.title,
                        "publisher": item.publisher,
                        "published": None if item.published is None else str(item.published),
                    }
                    for item in evidence
                ],
            }
        )
        return 0
    values = [(name, _words(value)) for name, value in _attributes(record)]
    width = max(len(name) for name, _value in values)
    print(f"{type(record).__name__} {record.id}")
    for name, value in values:
        print(f"  {name.ljust(width)}  {value}")
    print()
    print(evidence)
    return 0


def _validate(arguments: argparse.Namespace) -> int:
    from defcoop.loading._loader import load

    try:
        dataset = load(arguments.path, bundled=arguments.bundled)
    except DataError as exc:
        print(f"defcoop: {arguments.path} is invalid: {exc}", file=sys.stderr)
        return 1
    print(f"{arguments.path}: valid, {len(dataset)} records")
    return 0


def _export(arguments: argparse.Namespace) -> int:
    from defcoop.io.exports import export

    for path in export(
        _dataset(arguments),
        arguments.out,
        format=arguments.format,
        force=arguments.force,
        formulas=arguments.formulas,
    ):
        print(path)
    return 0


def _schema(_arguments: argparse.Namespace) -> int:
    from defcoop.io.schema import json_schema

    _print_json(json_schema())
    return 0


def _plain_text(text: str) -> str:
    """A declaration's words without their reStructuredText markup, for ``--help``."""
    import re

    return re.sub(r":\w+:`~?([^`]+)`", r"\1", text).replace("``", "")


def _plain(record: Record) -> dict[str, Any]:
    from defcoop.io.serialize import to_dict

    return to_dict(record)


def _attributes(record: Record) -> list[tuple[str, Any]]:
    """The filled attributes to show; citations are left to the evidence printed below."""
    import attrs

    return [
        (field.name, getattr(record, field.name))
        for field in attrs.fields(type(record))
        if field.name not in ("id", "sources", "evidence")
        and _display.text(getattr(record, field.name))
    ]


def _column(record: Record, column: str) -> str:
    if column == "date":
        return _words(_display.date_of(record))
    if column == "type":
        return type(record).__name__.lower()
    if column == "title":  # what names the record: a title, or a transfer's designation
        return _display.label(record)
    return _words(getattr(record, column, None))


def _words(value: Any) -> str:
    """A value as text; a date or period as people write it ("November 2018")."""
    from defcoop.model.dates import PartialDate, Period

    if isinstance(value, PartialDate | Period):
        return value.words()
    return _display.text(value)


def _aligned(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows as columns padded to their widest cell; the last column is not padded."""
    table = [list(header), *[list(row) for row in rows]]
    widths = [max(len(row[i]) for row in table) for i in range(len(header) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]])
        for row in table
    )
