"""The Stata export: one ``.dta`` file (format 118, Stata 14 and later) per table, and the panels.

``defcoop export --format stata --out DIR`` writes ``agreements.dta``, ``events.dta``... (one
per record type, the columns of :func:`defcoop.to_frame`) and ``dyad_years.dta`` and
``state_years.dta``: the panels of every country a coverage claim names, over the years the
claims span (a panel of other countries or years is ``db.dyad_years(...)``, written with
:func:`panel_file`). Everything a Stata user needs comes from the codebook
(:func:`defcoop.codebook`), read, not written again:

- **variable labels** are :meth:`Codebook.label <defcoop.views.codebook.Codebook.label>`, at
  most 80 characters;
- **value labels** for every closed vocabulary: a vocabulary column (``kind``, ``status``,
  a date's ``_precision``...) and every flag (``several``, ``visits_lb``...) is stored as
  integer codes 0, 1, 2... in the codebook's order of values, labelled with the words;
- **dates**: each date's ``_earliest`` and ``_latest`` days are Stata dates (``%td``) beside
  its text as written (``"2018-11"``) and its ``_precision``;
- **variable names** are the column names, which all fit Stata's 32 characters; a longer one
  (a field column of a long field id) is cut to 27 characters and given ``_`` and the first
  four hexadecimal digits of the SHA-1 of its whole name, so that names stay unique and the
  same on every run; the file's variable label says the whole name is in the codebook;
- **text** up to 2,045 bytes is a ``str#`` variable and longer text (notes) a ``strL``, so
  nothing is cut; a missing text is the empty string (Stata has no missing text); lists and
  nested tables are their JSON text, as in CSV files;
- whole numbers are Stata numbers, missing (``.``) where the frame has ``<NA>``;
- the files' time stamp is the data's release day, so the same data gives the same bytes.

pandas is the writer and an optional extra (``pip install "defcoop[stata]"``, which also
installs pyreadstat to read the files back), imported on the first call.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
from typing import TYPE_CHECKING, Any

from defcoop._extras import require
from defcoop.io._registry import Format
from defcoop.model.registry import collections

if TYPE_CHECKING:
    import pandas

    from defcoop.dataset import Dataset
    from defcoop.views.codebook import CodebookTable

__all__ = ["FORMAT", "NAME_LENGTH", "STR_LENGTH", "panel_file", "stata_files", "variable_name"]

NAME_LENGTH = 32
"""The longest variable name Stata takes."""
STR_LENGTH = 2045
"""The longest text, in bytes, of a fixed-width ``str#`` variable; longer text is a ``strL``."""
# Words Stata keeps for itself (as pandas lists them), never variable names.
_RESERVED = frozenset(
    {
        *("aggregate", "array", "boolean", "break", "byte", "case", "catch", "class"),
        *("colvector", "complex", "const", "continue", "default", "delegate", "delete", "do"),
        *("double", "else", "eltypedef", "end", "enum", "explicit", "export", "external"),
        *("float", "for", "friend", "function", "global", "goto", "if", "inline", "int"),
        *("local", "long", "NULL", "pragma", "protected", "quad", "rowvector", "short"),
        *("typedef", "typename", "virtual", "_all", "_N", "_skip", "_b", "_pi", "str#", "in"),
        *("_pred", "strL", "_coef", "_rc", "using", "_cons", "_se", "with", "_n"),
    }
)


def variable_name(column: str) -> str:
    """The Stata variable name of a column: the name itself where it fits (and is no reserved
    word), else cut to 27 characters plus ``_`` and four hex digits of its SHA-1.

    >>> variable_name("agreements_in_force_open_lb")
    'agreements_in_force_open_lb'
    >>> variable_name("field_" + "x" * 40)
    'field_xxxxxxxxxxxxxxxxxxxxx_e9d0'
    """
    if len(column) <= NAME_LENGTH and column not in _RESERVED:
        return column
    digest = hashlib.sha1(column.encode()).hexdigest()[:4]
    return f"{column[: NAME_LENGTH - 5]}_{digest}"


def _stata_frame(frame: pandas.DataFrame, table: CodebookTable) -> tuple[Any, dict[str, Any]]:
    """The frame as Stata takes it, with its variable labels, value labels and date formats,
    by variable name."""
    pd: Any = require("pandas", "stata", purpose="the Stata export")
    data: dict[str, Any] = {}
    labels: dict[str, str] = {}
    coded: dict[str, dict[int, str]] = {}
    dates: dict[str, str] = {}
    for column in table.columns:
        values = frame[column.name]
        name = variable_name(column.name)
        labels[name] = _label(
            column.meaning if name == column.name else f"{column.name} (see the codebook)"
        )
        words = column.values
        if column.dtype == "boolean":
            words = ("false", "true")
            values = values.map({False: "false", True: "true"}, na_action="ignore")
        if words is not None and column.dtype != "Int64":
            codes = {word: code for code, word in enumerate(words)}
            data[name] = pd.array([codes.get(v) for v in values], dtype="Int16")
            coded[name] = dict(enumerate(words))
        elif column.dtype == "object":
            data[name] = pd.array([_json(v) for v in values], dtype="string").fillna("")
        elif column.dtype == "string":
            data[name] = values.fillna("")
        else:
            data[name] = values
            if column.dtype.startswith("datetime64"):
                dates[name] = "td"
    extra = {"labels": labels, "values": coded, "dates": dates}
    return pd.DataFrame(data, index=range(len(frame))), extra


def _label(meaning: str) -> str:
    from defcoop.views.codebook import label_of

    return label_of(meaning)


def _json(value: Any) -> str:
    if value is None or (not isinstance(value, list | dict) and value != value):
        return ""
    return json.dumps(value, ensure_ascii=False, default=str)


def _dta(
    frame: pandas.DataFrame, table: CodebookTable, title: str, stamp: datetime.datetime
) -> bytes:
    data, extra = _stata_frame(frame, table)
    long = [
        name
        for name in data.columns
        if str(data[name].dtype) == "string"
        and max((len(text.encode()) for text in data[name]), default=0) > STR_LENGTH
    ]
    sink = io.BytesIO()
    data.to_stata(
        sink,
        version=118,
        write_index=False,
        convert_dates=extra["dates"],
        variable_labels=extra["labels"],
        value_labels=extra["values"],
        convert_strl=long,
        data_label=title[:80],
        time_stamp=stamp,
    )
    return sink.getvalue()


def panel_file(panel: Any, name: str, dataset: Dataset) -> bytes:
    """One panel (``db.dyad_years(...)`` or ``db.state_years(...)``, a Panel or its frame) as
    the bytes of a ``.dta`` file, its variables described by the codebook's table ``name``
    (``"dyad_years"``, ``"directed_dyad_years"`` or ``"state_years"``)."""
    from defcoop.io.codebook import codebook

    frame = panel if hasattr(panel, "dtypes") else panel.to_frame()
    table = codebook(dataset).table(name)
    return _dta(frame, table, f"defcoop {name.replace('_', '-')} panel", _stamp(dataset))


def _stamp(dataset: Dataset) -> datetime.datetime:
    """The files' time stamp: the data's release day (or 1 January 2000 without one), so that
    the same data always gives the same bytes."""
    info = dataset.info
    released = info.released if info is not None else None
    day = released.earliest if released is not None else datetime.date(2000, 1, 1)
    return datetime.datetime(day.year, day.month, day.day)


def stata_files(dataset: Dataset) -> dict[str, bytes]:
    """One ``.dta`` file per record type, and the dyad-year and state-year panels of the
    countries and years the coverage names, by file name."""
    from defcoop.io.codebook import codebook

    book = codebook(dataset)
    version = dataset.info.version if dataset.info is not None else "unversioned"
    stamp = _stamp(dataset)
    written = {}
    for key, record_type in collections().items():
        frame = dataset.to_frame(record_type)
        title = f"defcoop {key}, data {version}"
        written[f"{key}.dta"] = _dta(frame, book.table(key), title, stamp)
    claims = dataset.claims
    countries = sorted({code for claim in claims for code in claim.countries})
    if countries:
        first = min(claim.period.start.year for claim in claims)
        ends = [claim.period.end.year for claim in claims if not claim.period.open]
        years = (first, max([first, *ends]))
        panels = (("dyad_years", dataset.dyad_years), ("state_years", dataset.state_years))
        for name, build in panels:
            frame = build(years=years, party=countries, frame=True)
            title = f"defcoop {name.replace('_', '-')}, data {version}"
            written[f"{name}.dta"] = _dta(frame, book.table(name), title, stamp)
    return written


#: Stata .dta files, one per table and panel.
FORMAT = Format(
    name="stata",
    suffix=".dta",
    title="Stata (.dta, format 118)",
    writes="one ``.dta`` per record type, and ``dyad_years.dta`` and ``state_years.dta``, "
    "with variable and value labels from the codebook",
    reads="in Stata with ``use``; in Python with ``pandas.read_stata`` or ``pyreadstat.read_dta``",
    extra="stata",
    writer=stata_files,
)
