"""CSV text that is safe to open: spreadsheet formulas neutralised, every row one row.

Every CSV file defcoop writes (``--format csv``, the data package's tables, panels) goes
through :func:`csv_text`, for two reasons.

*Formulas.* A spreadsheet opening a CSV file runs a cell that starts with ``=``, ``+``,
``-`` or ``@`` as a formula, and some also start one after a tab or a carriage return: text
from a source (or a hostile data file) could then run commands or leak data on the reader's
machine. Following the OWASP rule on CSV injection, a *text* cell that starts with one of
those characters is written with a leading apostrophe (``'=1+1``), which spreadsheets show
as text. Only text is changed: numbers (a COW code, a count, ``-5``) are written as numbers,
so numeric columns read back as numbers; a cell is text when its value is a ``str``, whatever
it looks like, so a title ``"-5"`` is written ``'-5``. ``formulas="raw"`` writes every value
as it is, for readers that need them unchanged (``defcoop export --formulas raw``).

*Rows.* A cell holding a line break, a lone carriage return, a comma or a double quote is
quoted (with ``""`` for a quote inside), so that no value splits a row, whatever reads it
(Python's :mod:`csv`, DuckDB, pandas, a spreadsheet). Rows end with a bare newline, so the
same values always give the same bytes.

>>> print(csv_text(["title", "year"], [["=HYPERLINK(1)", -5], ["a,b", 2018]]), end="")
title,year
'=HYPERLINK(1),-5
"a,b",2018
>>> csv_text(["note"], [["one\\rtwo"]])
'note\\n"one\\rtwo"\\n'
>>> print(csv_text(["title"], [["=1+1"]], formulas="raw"), end="")
title
=1+1
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from defcoop._quote import quote
from defcoop.errors import ArgumentError

__all__ = ["FORMULAS", "FORMULA_STARTS", "Formulas", "csv_text", "formulas_mode", "neutral"]

Formulas = Literal["escape", "raw"]

FORMULAS: tuple[Formulas, ...] = ("escape", "raw")
"""How text cells that look like formulas are written: ``"escape"`` (the default, with a
leading ``'``) or ``"raw"`` (as they are)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP)."""

_QUOTED = (",", '"', "\n", "\r")
"""The characters that make a cell quoted."""
_NEEDS_QUOTES = re.compile("[" + re.escape("".join(_QUOTED)) + "]")


def formulas_mode(value: object) -> Formulas:
    """``value`` checked as a ``formulas=`` argument.

    Raises:
        ArgumentError: for anything but ``"escape"`` or ``"raw"``, naming both.
    """
    if value == "escape" or value == "raw":
        return "escape" if value == "escape" else "raw"
    raise ArgumentError(f"formulas must be 'escape' or 'raw', got {quote(value)}")


def neutral(text: str) -> str:
    """``text`` as a spreadsheet shows it without running it: a leading ``'`` when it starts
    like a formula.

    >>> neutral("=SUM(A1:A9)"), neutral("-5"), neutral("Hanoi")
    ("'=SUM(A1:A9)", "'-5", 'Hanoi')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _field(value: Any, escape: bool) -> str:
    if value is None:
        return ""
    text = str(value)
    if escape and isinstance(value, str):
        text = neutral(text)
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, formulas: Formulas = "escape"
) -> str:
    """A header row and ``rows`` as CSV text; None is an empty cell, other values their
    ``str()``, and a ``str`` value is neutralised unless ``formulas="raw"``.

    The header is written as it is: column names are defcoop's own.
    """
    escape = formulas_mode(formulas) == "escape"
    lines = [",".join(_field(name, False) for name in header)]
    for row in rows:
        # Empty cells and whole numbers, most cells of a panel, need no quoting: written
        # here without a call per cell (a bool is not one of them: its type is bool).
        cells = [
            "" if value is None else str(value) if type(value) is int else _field(value, escape)
            for value in row
        ]
        # A row of one empty cell is written "" so that it is not read as a blank line.
        lines.append('""' if cells == [""] else ",".join(cells))
    return "\n".join(lines) + "\n"
