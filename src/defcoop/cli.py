"""The ``defcoop`` command: query, check and export the data from a shell.

Run ``defcoop --help`` (or ``python -m defcoop --help``) for the commands. Query commands take
the same filters as the Python API and print aligned text, or JSON with ``--json``. Errors
go to stderr: the exit status is 2 for a usage error (an unknown option, an unreadable date)
and 1 for a data or lookup error (an invalid file, a misspelt name, with suggestions).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from defcoop import _display, registry
from defcoop._names import did_you_mean, suggest
from defcoop.dataset import Dataset
from defcoop.errors import ArgumentError, DataError, DefcoopError, UnknownNameError
from defcoop.model import Record

__all__ = ["main"]

_QUERIES: dict[str, tuple[str, list[tuple[str, str]], list[str]]] = {
    # command: (what it lists, its filters as (option, help), the columns of its text output)
    "agreements": (
        "agreements and plans, by date signed",
        [
            ("field", "a field of cooperation by id, label or alias (narrower fields match)"),
            ("party", "a country among the parties, by code or name"),
            ("signed", "a date or period such as 2018, 2018-11 or 2018/2020"),
        ],
        ["id", "signed", "parties", "title"],
    ),
    "events": (
        "visits, meetings, conferences and other events, by date",
        [
            ("kind", "an event kind such as visit or meeting"),
            ("party", "a country involved, by code or name"),
            ("person", "a participant by id, name or alias"),
            ("when", "a date or period such as 2018, 2018-11 or 2018/2020"),
            ("status", "occurred or planned"),
            ("cameo", "a CAMEO event code such as 042, or a root such as 04"),
        ],
        ["id", "when", "kind", "status", "title"],
    ),
    "mechanisms": (
        "standing committees and dialogues",
        [("party", "a country among the parties, by code or name")],
        ["id", "level", "parties", "name"],
    ),
    "relationships": (
        "relationships between pairs of countries",
        [
            ("party", "a country of the pair, by code or name"),
            ("field", "a field of cooperation named for the pair"),
        ],
        ["id", "parties", "framework"],
    ),
    "people": (
        "people the sources name",
        [("country", "their country, by code or name")],
        ["id", "country", "name"],
    ),
    "organizations": (
        "governments, ministries, armed forces, departments and forums",
        [("country", "their country, by code or name")],
        ["id", "kind", "country", "name"],
    ),
    "timeline": (
        "every dated agreement and event, in date order",
        [
            ("party", "a country involved, by code or name"),
            ("when", "a date or period such as 2018 or 2018/2020"),
        ],
        ["date", "type", "id", "title"],
    ),
}


class _ParserExitError(Exception):
    """Raised instead of exiting the interpreter, so that main() returns the status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """An argument parser that returns instead of exiting and suggests misspelt commands."""

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
    """Run the command line with ``argv`` (the process's arguments by default).

    Returns:
        The exit status, 0 on success, 1 for a data or lookup error and 2 for a usage error.
    """
    parser = _parser()
    try:
        arguments = parser.parse_args(argv)
        if arguments.command is None:
            parser.print_help(sys.stderr)
            return 2
        run: Callable[[argparse.Namespace], int] = arguments.run
        return run(arguments)
    except _ParserExitError as exc:
        return exc.status
    except DataError as exc:
        print(f"defcoop: {exc}", file=sys.stderr)
        return 1
    except UnknownNameError as exc:
        print(f"defcoop: error: {exc}", file=sys.stderr)
        return 1
    except ArgumentError as exc:
        print(f"defcoop: error: {exc}", file=sys.stderr)
        return 2
    except DefcoopError as exc:
        print(f"defcoop: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (``defcoop events | head``): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _parser() -> _Parser:
    parser = _Parser(
        prog="defcoop",
        description="Query, check and export defcoop data: bilateral defense cooperation, "
        "every record citing the paragraphs of its sources.",
        epilog="Run 'defcoop COMMAND --help' for a command's options.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    data = _Parser(add_help=False)
    data.add_argument("--data", metavar="PATH", help="query a TOML/JSON file or folder instead")
    data.add_argument(
        "--bundled", action="store_true", help="with --data: add the records to the bundled data"
    )
    output = _Parser(add_help=False)
    output.add_argument("--json", action="store_true", help="print JSON instead of text")

    for name, (what, filters, _columns) in _QUERIES.items():
        command = commands.add_parser(
            name, parents=[data, output], help=f"list {what}", description=f"List {what}."
        )
        for option, text in filters:
            command.add_argument(f"--{option}", metavar=option.upper(), help=text)
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
    validate.add_argument("path", help="a .toml or .json file, or a folder of them")
    validate.add_argument(
        "--bundled", action="store_true", help="check the files combined with the bundled data"
    )
    validate.set_defaults(run=_validate)

    export = commands.add_parser(
        "export",
        parents=[data],
        help="write the data as JSON or CSV files",
        description="Write the whole dataset to a folder: one JSON file (the data-file schema, "
        "which defcoop.load() reads back) or one CSV file per kind of record.",
    )
    export.add_argument("--format", choices=("json", "csv"), default="json", help="default json")
    export.add_argument("--out", metavar="DIR", required=True, help="the folder to write into")
    export.set_defaults(run=_export)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of data files",
        description="Print the JSON Schema (draft 2020-12) of defcoop data files.",
    )
    schema.set_defaults(run=_schema)
    return parser


def _dataset(arguments: argparse.Namespace) -> Dataset:
    from defcoop.loading import load

    return load(arguments.data, bundled=arguments.bundled)


def _query(arguments: argparse.Namespace) -> int:
    dataset = _dataset(arguments)
    _what, filters, columns = _QUERIES[arguments.command]
    options = {
        option: getattr(arguments, option)
        for option, _text in filters
        if getattr(arguments, option) is not None
    }
    records: Sequence[Record] = getattr(dataset, arguments.command)(**options)
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
                        "field": item.field.id if item.field else None,
                        "title": item.title,
                        "publisher": item.publisher,
                        "published": None if item.published is None else str(item.published),
                    }
                    for item in evidence
                ],
            }
        )
        return 0
    values = [(name, _display.text(value)) for name, value in _attributes(record)]
    width = max(len(name) for name, _value in values)
    print(f"{type(record).__name__} {record.id}")
    for name, value in values:
        print(f"  {name.ljust(width)}  {value}")
    print()
    print(evidence)
    return 0


def _validate(arguments: argparse.Namespace) -> int:
    from defcoop.loading import load

    try:
        dataset = load(arguments.path, bundled=arguments.bundled)
    except DataError as exc:
        print(f"defcoop: {arguments.path} is invalid: {exc}", file=sys.stderr)
        return 1
    print(f"{arguments.path}: valid, {len(dataset)} records")
    return 0


def _export(arguments: argparse.Namespace) -> int:
    from defcoop import _tabular
    from defcoop.serialize import dumps

    dataset = _dataset(arguments)
    folder = Path(arguments.out)
    folder.mkdir(parents=True, exist_ok=True)
    if arguments.format == "json":
        written = {folder / "defcoop.json": dumps(dataset)}
    else:
        written = {
            folder / f"{key}.csv": _tabular.csv_text((r for r in dataset if type(r) is cls), cls)
            for key, cls in ((d.key, d.cls) for d in registry.record_types())
        }
    for path, content in written.items():
        path.write_text(content, encoding="utf-8", newline="")
        print(path)
    return 0


def _schema(_arguments: argparse.Namespace) -> int:
    from defcoop.schema import json_schema

    _print_json(json_schema())
    return 0


def _plain(record: Record) -> dict[str, Any]:
    from defcoop.serialize import to_dict

    return to_dict(record)


def _print_json(value: Any) -> None:
    import json

    print(json.dumps(value, ensure_ascii=False, indent=2))


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
        return _display.text(_display.date_of(record))
    if column == "type":
        return type(record).__name__.lower()
    return _display.text(getattr(record, column, None))


def _aligned(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows as columns padded to their widest cell; the last column is not padded."""
    table = [list(header), *[list(row) for row in rows]]
    widths = [max(len(row[i]) for row in table) for i in range(len(header) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]])
        for row in table
    )
