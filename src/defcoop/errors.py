"""The exceptions defcoop raises, all under :class:`DefcoopError`.

Each also inherits the builtin it means, so ``except ValueError`` and
``except LookupError`` keep working for code that knows nothing of defcoop.

Every error travels: it pickles (so that it comes back whole from a worker process of
``multiprocessing`` or ``concurrent.futures``) and copies with its message and its
attributes intact. Each class whose constructor takes more than the message says how to
rebuild it in ``__reduce__``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from defcoop._quote import one_line, quote

__all__ = [
    "ArgumentError",
    "DataError",
    "DateError",
    "DefcoopError",
    "ExportError",
    "MissingExtraError",
    "Problem",
    "QueryError",
    "RecordError",
    "UnknownNameError",
]


class DefcoopError(Exception):
    """The root of every error defcoop raises."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from the message alone, with the attributes restored from the state: this
        # holds for every subclass whose constructor takes the message (most), and the
        # others say how to rebuild them. BaseException's own reduce would call the
        # constructor with the message in place of its real arguments.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class DateError(DefcoopError, ValueError):
    """A date or period that cannot exist or cannot be read."""


class RecordError(DefcoopError, ValueError, TypeError):
    """A record built with a value its attribute does not allow.

    Every invalid value given to a record's constructor raises it, whatever is wrong: a value
    of the wrong type (it is a :class:`TypeError`) or of the wrong form (a :class:`ValueError`),
    so that ``except ValueError`` and ``except TypeError`` keep working as well.

    Attributes:
        attribute: the name of the attribute at fault.
        record_type: the name of the record class, where known (``"Agreement"``).
    """

    def __init__(self, attribute: str, message: str, *, record_type: str | None = None) -> None:
        self.attribute = attribute
        self.record_type = record_type
        super().__init__(f"{attribute}: {message}")


class ArgumentError(DefcoopError, ValueError, TypeError):
    """An argument of the wrong type or form.

    It is both a :class:`ValueError` and a :class:`TypeError`, as callers may expect either.
    """


class QueryError(ArgumentError):
    """A query argument of the wrong type or form, such as an empty name or an unreadable date."""


class UnknownNameError(DefcoopError, LookupError):
    """A name, code or id that matches nothing; the message names the closest valid choices.

    Only names that are really close are suggested. Where none is, the message says the name
    is not in the data and how to list what is (``listing``, such as ``db.people()``), or,
    for a vocabulary, gives a sample of the valid words.

    Attributes:
        kind: what was looked for ("field", "country", "person", "id", "event kind", ...).
        name: what the caller gave.
        suggestions: the closest valid names, best first; where none is close, a sample of
            the valid words of a vocabulary, or none for names of records.
        listing: how to list the valid names (``"db.people()"``), or None.
    """

    def __init__(
        self,
        kind: str,
        name: str,
        suggestions: Sequence[str],
        *,
        close: bool = True,
        listing: str | None = None,
    ) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = tuple(suggestions)
        self.close = close
        self.listing = listing
        message = f"unknown {kind} {quote(name)}"
        if self.suggestions and close:
            message += "; did you mean " + " or ".join(map(quote, self.suggestions)) + "?"
        elif listing is not None:
            message += f": not in the data, and no {kind} is close to it; {listing} lists them all"
        elif self.suggestions:
            message += "; valid choices include " + ", ".join(map(quote, self.suggestions))
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


_LONGEST = 240  # characters of a file name or path shown before it is cut


def _text(instance: Problem, attribute: attrs.Attribute[Any], value: object) -> None:
    """A Problem's attributes are text (None for the optional ones).

    Checked here rather than with the rules of :mod:`defcoop.model.rules`, which sit above the
    errors they raise; the message reads as theirs does.
    """
    if isinstance(value, str) or (value is None and attribute.default is None):
        return
    got = f"got {type(value).__name__} {quote(value, 60)}"
    raise RecordError(attribute.name, f"expected str, {got}", record_type="Problem")


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong in a data file: where it is and what was expected.

    ``path`` locates the value inside the file, as cattrs writes it (``$.agreements[3].signed``);
    ``record`` is the id of the record concerned where it is known. Every attribute is text
    (``record`` and ``attribute`` may be None); another value raises :class:`RecordError`.
    """

    file: str = attrs.field(validator=_text)
    message: str = attrs.field(validator=_text)
    path: str = attrs.field(default="$", validator=_text)
    record: str | None = attrs.field(default=None, validator=_text)
    attribute: str | None = attrs.field(default=None, validator=_text)

    def __str__(self) -> str:
        # Each part is escaped onto one line: one problem is always one line of a report,
        # whatever a file name, a key or a message holds.
        file, path = one_line(self.file, _LONGEST), one_line(self.path, _LONGEST)
        where = file if path == "$" else f"{file} @ {path}"
        subject = ""
        if self.record is not None:
            subject = f" [{self.record}" + (f".{self.attribute}" if self.attribute else "") + "]"
        return one_line(f"{where}{subject}: {self.message}")


def made_problem(
    file: str, message: str, path: str, record: str | None, attribute: str | None
) -> Problem:
    """A :class:`Problem` from text the library has already checked (a file name, a record's
    id, a message it wrote), built without the validators that guard users' arguments.

    A load that finds a problem in each of 100,000 records builds 100,000 of them, and the
    validators were a tenth of that work.

    >>> made_problem("a.json", "no source has the id 'x'", "$.agreements[0]", "a1", None)
    Problem(file='a.json', message="no source has the id 'x'", path='$.agreements[0]', \
record='a1', attribute=None)
    """
    problem = _new(Problem)
    _set(problem, "file", file)
    _set(problem, "message", message)
    _set(problem, "path", path)
    _set(problem, "record", record)
    _set(problem, "attribute", attribute)
    return problem


_new, _set = object.__new__, object.__setattr__


class ExportError(DefcoopError, OSError):
    """A file that cannot be written; the message names it and says why, on one line.

    Nothing was changed when it is raised: files are written all or nothing.
    """


class MissingExtraError(DefcoopError, ImportError):
    """A call that needs an optional dependency which is not installed.

    The message names the extra that installs it (``pip install "defcoop[pandas]"``).

    Attributes:
        extra: the name of the optional extra ("pandas", "networkx", "plot").
        module: the module that could not be imported.
    """

    def __init__(self, module: str, extra: str, *, purpose: str) -> None:
        self.extra = extra
        self.module = module
        self.purpose = purpose
        super().__init__(
            f"{purpose} needs {module}, which is not installed; "
            f'install it with: pip install "defcoop[{extra}]"',
            name=module,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # ImportError keeps ``name`` and ``path`` outside ``__dict__``.
        rebuild, (cls, args, state) = super().__reduce__()
        return (rebuild, (cls, args, {**state, "name": self.name, "path": self.path}))


class DataError(DefcoopError, ValueError):
    """A dataset that cannot be loaded; lists every problem found at one stage of loading.

    Attributes:
        problems: every :class:`Problem`, in file order.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the data:"]
        lines += [f"  - {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


def _rebuild(cls: type[DefcoopError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    """An exception of ``cls`` with these ``args`` and attributes, without calling its
    constructor (whose arguments differ from class to class): the inverse of ``__reduce__``."""
    error = cls.__new__(cls)
    error.args = args
    for name, value in state.items():
        setattr(error, name, value)
    return error
