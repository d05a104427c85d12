"""The exceptions defcoop raises, all under :class:`DefcoopError`.

Each also inherits the builtin it means, so ``except ValueError`` and
``except LookupError`` keep working for code that knows nothing of defcoop.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

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

    Attributes:
        kind: what was looked for ("field", "country", "person", "id", "event kind", ...).
        name: what the caller gave.
        suggestions: the closest valid names, best first; where none is close, a sample of
            the valid names.
    """

    def __init__(
        self, kind: str, name: str, suggestions: Sequence[str], *, close: bool = True
    ) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = tuple(suggestions)
        message = f"unknown {kind} {name!r}"
        if self.suggestions and close:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        elif self.suggestions:
            message += "; valid choices include " + ", ".join(repr(s) for s in self.suggestions)
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong in a data file: where it is and what was expected.

    ``path`` locates the value inside the file, as cattrs writes it (``$.agreements[3].signed``);
    ``record`` is the id of the record concerned where it is known.
    """

    file: str
    message: str
    path: str = "$"
    record: str | None = None
    attribute: str | None = None

    def __str__(self) -> str:
        where = self.file if self.path == "$" else f"{self.file} @ {self.path}"
        subject = ""
        if self.record is not None:
            subject = f" [{self.record}" + (f".{self.attribute}" if self.attribute else "") + "]"
        return f"{where}{subject}: {self.message}"


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
        super().__init__(
            f"{purpose} needs {module}, which is not installed; "
            f'install it with: pip install "defcoop[{extra}]"',
            name=module,
        )


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
