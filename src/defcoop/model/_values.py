"""Data-file values (text, dates, citations, vocabulary words) checked and turned into model values.

These are the leaf rules of the data-file schema. The cattrs converter registers them as its
hooks and the fast loader calls them directly, so both read every value the same way; this
module imports neither cattrs nor anything heavy.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import reprlib
from typing import Any

from defcoop.errors import DefcoopError
from defcoop.model._names import did_you_mean, suggest
from defcoop.model.dates import PartialDate, Period
from defcoop.model.records import Citation

# One spelling per paragraph number: ASCII digits, no leading zero ("src#03" is "src#3").
CITATION_TEXT = re.compile(r"(?P<source>[^#\s]+)#(?P<paragraph>[1-9][0-9]*)")
# Data files hold paragraph numbers and state codes; anything past 64 bits is a mistake, and
# would not survive a round trip through JSON (Python refuses to print ints of 4,300+ digits).
LARGEST_INT = 2**63 - 1
PARAGRAPH_DIGITS = 18
"""The most digits of a paragraph number written in a citation's text (no leading zero),
as the JSON Schema's pattern says it; every such number is below :data:`LARGEST_INT`."""

_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 50
_SHORT.maxlist = _SHORT.maxdict = _SHORT.maxtuple = 3
_SHORT.maxlevel = 3


def shown(value: Any) -> str:
    """A value as messages show it: its repr, cut short for long texts and deep or long lists."""
    if isinstance(value, int) and abs(value) > LARGEST_INT:
        return f"a number of {value.bit_length()} bits"
    return _SHORT.repr(value)


class ValueProblemError(DefcoopError, ValueError):
    """A value in a data file that has the right type but not an allowed form."""


def structure_date(value: Any, _type: Any = None) -> PartialDate:
    """A :class:`PartialDate` from its text or from a TOML date (not a date and time)."""
    if isinstance(value, _dt.datetime):
        raise ValueProblemError(f"expected a date, got a date and time {value.isoformat()!r}")
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise ValueProblemError(f"expected a date as text such as '2018-11', got {shown(value)}")
    return PartialDate.parse(value)


def structure_period(value: Any, _type: Any = None) -> Period:
    """A :class:`Period` from ``start/end`` text, a single date's text or a TOML date."""
    if isinstance(value, _dt.date):
        return Period.of(structure_date(value, PartialDate))
    if not isinstance(value, str):
        raise ValueProblemError(
            f"expected a period as text such as '2018/2020', got {shown(value)}"
        )
    return Period.parse(value)


def structure_citation(value: Any, _type: Any = None) -> Citation:
    """A :class:`Citation` from ``"source-id#paragraph"`` or a ``{source, paragraph}`` table."""
    if isinstance(value, str):
        return Citation(**citation_text(value))
    if isinstance(value, dict):
        return plain_citation(value)
    raise ValueProblemError(
        f"expected a citation as 'source-id#paragraph' or a table, got {shown(value)}"
    )


def citation_text(value: str) -> dict[str, Any]:
    """The ``source`` and ``paragraph`` of a citation's text, ``"source-id#paragraph"``.

    >>> citation_text("some-source#3")
    {'source': 'some-source', 'paragraph': 3}
    """
    match = CITATION_TEXT.fullmatch(value)
    if match is None:
        raise ValueProblemError(f"expected a citation as 'source-id#paragraph', got {shown(value)}")
    source, digits = match.groups()
    if len(digits) > PARAGRAPH_DIGITS:
        raise ValueProblemError(
            f"expected a paragraph number of at most {PARAGRAPH_DIGITS} digits, "
            f"got one of {len(digits)} digits"
        )
    return {"source": source, "paragraph": int(digits)}


def structure_enum(value: Any, type_: type[enum.StrEnum]) -> enum.StrEnum:
    """The member of ``type_`` whose value is exactly ``value``, with suggestions if none is."""
    if isinstance(value, str):
        for member in type_:
            if member.value == value:
                return member
    choices = [member.value for member in type_]
    close = suggest(str(value), choices) if isinstance(value, str) else []
    hint = did_you_mean(close)
    raise ValueProblemError(
        f"expected one of {', '.join(map(repr, choices))}, got {shown(value)}{hint}"
    )


def strict(expected: type, value: Any, _type: Any = None) -> Any:
    """``value`` if its type is exactly ``expected``: ``true`` is not the number 1."""
    # bool is an int and TOML has real booleans: `paragraph = true` must not become 1.
    if expected is int and type(value) is float and value.is_integer():
        # JSON, and the JSON Schema, do not tell 4.0 from 4: both are the integer 4.
        value = int(value) if abs(value) <= LARGEST_INT else value
    if type(value) is not expected:
        raise ValueProblemError(
            f"expected {expected.__name__}, got {type(value).__name__} {shown(value)}"
        )
    if isinstance(value, int) and abs(value) > LARGEST_INT:
        raise ValueProblemError(f"expected a number below 2**63, got {shown(value)}")
    return value


def plain_citation(value: dict[str, Any]) -> Citation:
    """A :class:`Citation` from a table with exactly ``source`` and ``paragraph``."""
    unknown = set(value) - {"source", "paragraph"}
    if unknown:
        raise ValueProblemError(
            f"a citation has only 'source' and 'paragraph', not {sorted(unknown)}"
        )
    missing = {"source", "paragraph"} - set(value)
    if missing:
        raise ValueProblemError(f"a citation needs {' and '.join(sorted(missing))}")
    return Citation(
        source=strict(str, value["source"], str), paragraph=strict(int, value["paragraph"], int)
    )
