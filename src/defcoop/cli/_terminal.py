"""What the command line needs of terminals and of argparse, beside its commands.

Output that never ends in a ``UnicodeEncodeError`` (escapes where the terminal's encoding
cannot show a character; JSON as ``\\u`` escapes), arguments read as the user typed them where
the locale could not decode them, options that refuse a second value, and paths that refuse
the empty string.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from defcoop.model.records import Record

__all__ = ["StoreOnce", "any_of", "as_typed", "path_argument", "print_json", "tolerant_output"]


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
    print(json.dumps(value, ensure_ascii=not utf, indent=2))


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
