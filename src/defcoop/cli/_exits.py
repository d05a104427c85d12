"""The exit status of the ``defcoop`` command for each way it can end, declared once.

:data:`EXITS` says, for each error the command may meet, the status it exits with, what
it prints on stderr and what it means; :func:`ended` applies it, and the command-line page
of the documentation prints it as a table (``docs/_ext/defcoop_cli.py``), so that the
documented status and the real one cannot differ. The statuses follow Unix custom: 0 for
success, 1 for a failure, 2 for a usage error, and 128 plus the signal's number where a
signal would have ended a Unix tool: 130 for Ctrl-C (SIGINT), 141 for a reader that went
away (SIGPIPE, as in ``defcoop events | head -1``).

>>> status_of(UnknownNameError("field", "militery", ["military"]))
1
>>> status_of(QueryError("an unreadable date"))
2
>>> status_of(KeyboardInterrupt())
130
"""

from __future__ import annotations

import os
import sys

import attrs

from defcoop._quote import one_line
from defcoop.errors import (
    ArgumentError,
    DataError,
    DateError,
    DefcoopError,
    ExportError,
    MissingExtraError,
    QueryError,
    RecordError,
    UnknownNameError,
)

__all__ = ["EXITS", "HANDLED", "OK", "USAGE", "Exit", "ended", "exit_of", "flushed", "status_of"]

OK = 0
"""The status of a command that did what was asked."""

USAGE = 2
"""The status of a usage error (argparse's own, and :class:`~defcoop.errors.ArgumentError`)."""


@attrs.frozen
class Exit:
    """How the command ends on an error of one class.

    Attributes:
        error: the exception class (subclasses included, unless declared before it).
        status: the exit status.
        meaning: what it means, for the documentation's table.
        shown: what stderr gets: ``"error"`` for ``defcoop: error: MESSAGE`` on one line,
            ``"problems"`` for ``defcoop: MESSAGE`` (a data error's list of problems, one
            line each), ``"interrupted"`` for ``defcoop: interrupted``, ``"nothing"``.
    """

    error: type[BaseException]
    status: int
    meaning: str
    shown: str = "error"


#: Each error the command handles, most specific first: the first whose class matches wins.
EXITS: tuple[Exit, ...] = (
    Exit(DataError, 1, "invalid data files: every problem, one line each", "problems"),
    Exit(UnknownNameError, 1, "a name, code or id that matches nothing, with suggestions"),
    Exit(QueryError, USAGE, "a filter that cannot be read, such as an unreadable date"),
    Exit(
        ArgumentError,
        USAGE,
        "a usage error: an unknown command or option, an option given "
        "twice, an empty path (argparse's own errors exit with it too)",
    ),
    Exit(ExportError, 1, "a file that cannot be written; nothing was changed"),
    Exit(MissingExtraError, 1, "a format that needs an optional extra which is not installed"),
    Exit(DateError, 1, "a date in the data that cannot exist"),
    Exit(RecordError, 1, "a record that cannot be built from the data"),
    Exit(DefcoopError, 1, "any other error of defcoop"),
    Exit(
        BrokenPipeError,
        141,
        "the reader of the output went away (`defcoop events | head "
        "-1`): stops quietly, as a tool ended by SIGPIPE does",
        "nothing",
    ),
    Exit(
        OSError,
        1,
        "a file that cannot be read, or output that cannot be written (a full disk, `> /dev/full`)",
    ),
    Exit(
        KeyboardInterrupt,
        130,
        "interrupted by Ctrl-C (SIGINT): one line, no traceback; "
        "files being exported are left as they were",
        "interrupted",
    ),
)

#: The exceptions :func:`ended` turns into a status.
HANDLED: tuple[type[BaseException], ...] = tuple(exit.error for exit in EXITS)


def exit_of(error: BaseException) -> Exit:
    """The declaration that applies to ``error``: the first in :data:`EXITS` it is an instance
    of."""
    for declared in EXITS:
        if isinstance(error, declared.error):
            return declared
    raise TypeError(f"no exit status is declared for {type(error).__name__}")


def status_of(error: BaseException) -> int:
    """The exit status of ``error``."""
    return exit_of(error).status


def ended(error: BaseException) -> int:
    """Report ``error`` on stderr as its declaration says; return its exit status.

    Where the output itself failed (a broken pipe, a full disk), what is still buffered for
    stdout is dropped, so that the interpreter's own flush at exit does not fail again; what
    a command printed before another error still reaches stdout.
    """
    declared = exit_of(error)
    if isinstance(error, OSError) and not isinstance(error, DefcoopError):
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            _drop_output()
    if declared.shown == "problems":
        _say(f"defcoop: {error}")
    elif declared.shown == "interrupted":
        _say("defcoop: interrupted")
    elif declared.shown == "error":
        text = getattr(error, "strerror", None) if _bare(error) else str(error)
        _say(f"defcoop: error: {one_line(text or type(error).__name__, 400)}")
    return declared.status


def flushed(status: int) -> int:
    """``status`` once everything printed has reached stdout: a failure to write it there
    (``> /dev/full``) is an error, not a silent success."""
    sys.stdout.flush()
    return status


def _bare(error: BaseException) -> bool:
    """An OSError with no file named (most often the output failing): its reason alone
    (``No space left on device``) reads better than its ``[Errno 28]`` form."""
    return (
        isinstance(error, OSError)
        and not isinstance(error, DefcoopError)
        and error.filename is None
        and bool(error.strerror)
    )


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # stderr is gone too: the status alone tells


def _drop_output() -> None:
    """Point stdout at the null device: what is buffered goes nowhere, without a new error."""
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file (tests capture it)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)
