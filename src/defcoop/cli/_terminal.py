"""What the command line needs of terminals and of argparse, beside its commands.

Output that never ends in a ``UnicodeEncodeError`` (escapes where the terminal's encoding
cannot show a character; JSON as ``\\u`` escapes), output that never hands a terminal a
control character or a bidi override from the data (:func:`shown`, applied to everything the
command prints by :func:`safe_terminal`), arguments read as the user typed them where the
locale could not decode them, options that refuse a second value, and paths that refuse the
empty string.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

from defcoop.model.records import Record
from defcoop.query._csv import FORMULAS

__all__ = [
    "StoreOnce",
    "any_of",
    "as_typed",
    "formulas_option",
    "path_argument",
    "print_json",
    "safe_terminal",
    "shown",
    "tolerant_output",
    "write_data",
    "write_json",
]

# What a terminal would act on rather than show: C0 controls but newline and tab (ESC starts
# colour and cursor sequences, BEL rings, CR overwrites the line), DEL, C1 controls (0x9b is
# a one-character ESC [), line and paragraph separators, and the bidi marks, embeddings,
# overrides and isolates that reorder what follows them (Trojan Source, CVE-2021-42574).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_NAMED = {"\r": "\\r"}


def shown(text: str) -> str:
    """``text`` as the command prints it: every control character but newline and tab, and
    every bidi control, escaped visibly (``\\x1b``, ``\\r``, ``\\u202e``).

    >>> shown("red \\x1b[31m, back\\r, \\u202eevil, Ngô\\tok\\n")
    'red \\\\x1b[31m, back\\\\r, \\\\u202eevil, Ngô\\tok\\n'
    """
    return _CONTROLS.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class _Shown:
    """A text stream that writes :func:`shown` text to the stream it wraps (``raw``)."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        return self.raw.write(shown(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


@contextlib.contextmanager
def safe_terminal() -> Iterator[None]:
    """Within the block, everything printed to stdout and stderr goes through :func:`shown`.

    One place for every command: a new command cannot forget to escape what it prints.
    """
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Shown(saved[0]), _Shown(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _raw(stream: Any) -> Any:
    return stream.raw if isinstance(stream, _Shown) else stream


def write_data(text: str) -> None:
    """Write a file's text (a panel's CSV) to stdout: as it is when stdout is a file or a
    pipe, so that nothing of the data changes; through :func:`shown` on a terminal."""
    stream = _raw(sys.stdout)
    isatty = getattr(stream, "isatty", None)
    stream.write(shown(text) if isatty is not None and isatty() else text)


class StoreOnce(argparse.Action):
    """Store an option's value, refusing a second one: a repeated option is a usage error.

    argparse would keep the last value silently (``--party VNM --party RUS`` would become a
    query for Russia alone). Every option that takes a value uses this unless it says how
    repeated values combine (with ``action="append"`` or ``"extend"``).
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        given: set[str] = namespace.__dict__.setdefault("_given_options", set())
        if self.dest in given:
            raise argparse.ArgumentError(self, "given twice; this option takes one value")
        given.add(self.dest)
        setattr(namespace, self.dest, values)


def path_argument(text: str) -> str:
    """A path argument: any text but the empty string, which would mean the current folder.

    The path is given back in the form the file system takes: where the locale could not
    decode the bytes typed (``LC_ALL=C``), :func:`as_typed` read them as UTF-8 for queries,
    and here they become the very bytes typed again, so that ``dạta/`` opens ``dạta/``.
    """
    if not text:
        raise argparse.ArgumentTypeError("expected a path, got an empty string")
    return os.fsdecode(text.encode("utf-8", "surrogateescape"))


def formulas_option(command: argparse.ArgumentParser) -> None:
    """Add ``--formulas escape|raw`` to a command that writes CSV (``defcoop.query._csv``)."""
    command.add_argument(
        "--formulas",
        choices=FORMULAS,
        default="escape",
        action=StoreOnce,
        help="escape (the default) writes a ' before CSV text that starts like a spreadsheet "
        "formula (= + - @, a tab or a carriage return); raw writes it as it is",
    )


def tolerant_output() -> None:
    """Let stdout and stderr print what their encoding cannot hold as escapes.

    On an ASCII or C locale, a name such as "Ngô" would otherwise end the output halfway
    with a UnicodeEncodeError. Under the C locale with UTF-8 mode off, Python opens stdout
    with ``surrogateescape``, which fails on such a name as ``strict`` does: both become
    ``backslashreplace`` (``Ng\\xf4``).
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) in _FAILING:
            reconfigure(errors="backslashreplace")


# The error handlers of a text stream that raise on a character its encoding cannot hold.
_FAILING = ("strict", "surrogateescape")


def as_typed(argument: str) -> str:
    """An argument as the user typed it: where the locale could not decode its bytes (Python
    kept them as surrogates), they are read as UTF-8, which terminals send."""
    if not any("\udc80" <= char <= "\udcff" for char in argument):
        return argument
    try:
        return os.fsencode(argument).decode("utf-8")
    except UnicodeError:
        return argument


def print_json(value: Any) -> None:
    """Print JSON, as UTF-8 where stdout takes it and with ``\\u`` escapes where it does not."""
    import codecs
    import json

    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        utf = codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        utf = False
    write_json(json.dumps(value, ensure_ascii=not utf, indent=2) + "\n")


def write_json(text: str) -> None:
    """Write JSON text to stdout with every character :func:`shown` escapes as a ``\\u``
    escape: still valid JSON, with the same values, and safe on a terminal (they can only
    occur inside strings, where ``\\u`` means the character itself)."""
    _raw(sys.stdout).write(_CONTROLS.sub(_json_escape, text))


def any_of(query: Callable[..., Sequence[Record]], options: dict[str, list[Any]]) -> list[Record]:
    """The records of a query whose repeated options are taken as OR within an option (AND
    across options): one query per combination of values, merged in the query's own order."""
    names = list(options)
    found: set[int] = set()
    answers = []
    for values in itertools.product(*(options[name] for name in names)):
        answer = query(**dict(zip(names, values, strict=True)))
        answers.append(answer)
        found.update(map(id, answer))
    if len(answers) == 1:
        return list(answers[0])
    return [record for record in query() if id(record) in found]
