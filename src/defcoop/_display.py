"""How records and results show themselves: a concise repr in a terminal, a table in Jupyter.

Jupyter calls ``_repr_html_`` on the value of a cell; everything here builds that HTML from
the attrs fields of the records, escaping every value. Nothing here imports the model, so
that the model can use :class:`RecordDisplay` as a base.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

_LABELS = ("title", "name", "label")
_DATES = ("signed", "when", "published")
_HIDDEN = frozenset({"notes", "inferred"})
_SHORT = 72
_MAX_ROWS = 50
_HEAD, _TAIL = 20, 5
_CELL = ' style="text-align:left;vertical-align:top"'


class RecordDisplay:
    """Base of the record classes: a one-line repr and an HTML table of the attributes."""

    __slots__ = ()

    def __repr__(self) -> str:
        return record_repr(self)

    def _repr_html_(self) -> str:
        return record_html(self)


def label(record: Any) -> str:
    """What a record is called: its title, name or label; the pair and framework of a dyad."""
    for name in _LABELS:
        value = getattr(record, name, None)
        if isinstance(value, str):
            return value
    parties = "-".join(getattr(record, "parties", ()))
    framework = getattr(record, "framework", None)
    text = parties or str(record.id)
    return f"{text}, {framework}" if framework else text


def date_of(record: Any) -> Any:
    """The date a record is ordered by (signed, when, published), or None."""
    for name in _DATES:
        value = getattr(record, name, None)
        if value is not None:
            return value
    return None


def shorten(text: str, limit: int = _SHORT) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis where it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def record_repr(record: Any) -> str:
    """``<Agreement some-id: Its title (2018-11)>``."""
    text = shorten(label(record))
    date = date_of(record)
    if date is not None:
        text += f" ({date})"
    return f"<{type(record).__name__} {record.id}: {text}>"


def results_repr(name: str, records: Sequence[Any]) -> str:
    """``Results(...)`` with one record per line, so that a long answer stays readable."""
    if len(records) <= 1:
        return f"{name}({''.join(map(repr, records))})"
    lines = "".join(f"  {record!r},\n" for record in records)
    return f"{name}(\n{lines})"


def text(value: Any) -> str:
    """An attribute value as plain text: lists joined, sets sorted, None empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(text(item) for item in value))
    if isinstance(value, tuple | list):
        separator = "; " if any(_is_nested(item) for item in value) else ", "
        return separator.join(text(item) for item in value)
    if _is_nested(value):
        parts = ((f.name, getattr(value, f.name)) for f in attrs.fields(type(value)))
        return " ".join(f"{name}={text(item)!r}" for name, item in parts if _filled(item))
    return str(value)


def record_html(record: Any) -> str:
    """A two-column table of a record's filled attributes, captioned with its kind and id."""
    from html import escape

    rows = [
        (f"<th{_CELL}>{escape(f.name)}</th>", _cell(getattr(record, f.name)))
        for f in attrs.fields(type(record))
        if _filled(getattr(record, f.name))
    ]
    caption = f"{escape(type(record).__name__)} <code>{escape(str(record.id))}</code>"
    body = "".join(f"<tr>{name}{value}</tr>" for name, value in rows)
    return f'<table class="defcoop-record"><caption>{caption}</caption>{body}</table>'


def results_html(records: Sequence[Any], *, caption: str | None = None) -> str:
    """A table with one row per record; long answers show their first and last rows.

    Records of one kind get a column per filled attribute (notes left out); a mix of
    kinds gets the columns they share: type, id, title or name, date and parties.
    """
    from html import escape

    count = len(records)
    if caption is None:
        caption = f"{count} {plural(records)}"
    if not records:
        return f"<p><em>{escape(caption)}: no records.</em></p>"
    kinds = {type(record) for record in records}
    if len(kinds) == 1:
        names = [f.name for f in attrs.fields(kinds.pop()) if f.name not in _HIDDEN]
        names = [n for n in names if any(_filled(getattr(r, n)) for r in records)]
        rows: Iterable[list[Any]] = ([getattr(r, n) for n in names] for r in records)
    else:
        names = ["type", "id", "title", "date", "parties"]
        rows = (
            [type(r).__name__.lower(), r.id, label(r), date_of(r), getattr(r, "parties", None)]
            for r in records
        )
    shown = list(rows)
    if count > _MAX_ROWS:
        gap = [[f"… {count - _HEAD - _TAIL} more …", *[None] * (len(names) - 1)]]
        shown = shown[:_HEAD] + gap + shown[-_TAIL:]
    return table_html("defcoop-results", caption, names, shown)


def table_html(
    css_class: str, caption: str, names: Sequence[str], rows: Iterable[Iterable[Any]]
) -> str:
    """An HTML table with a caption, a header row of ``names`` and one row per item of ``rows``."""
    from html import escape

    header = "".join(f"<th{_CELL}>{escape(name)}</th>" for name in names)
    body = "".join("<tr>" + "".join(_cell(value) for value in row) + "</tr>" for row in rows)
    return (
        f'<table class="{css_class}"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"
    )


def plural(records: Sequence[Any]) -> str:
    """The word for a collection of these records: "agreements", "people", or "records"."""
    from defcoop.loading import COLLECTIONS

    kinds = {type(record) for record in records}
    if len(kinds) == 1:
        kind = kinds.pop()
        for key, cls in COLLECTIONS.items():
            if cls is kind:
                return key if len(records) != 1 else _singular(key)
    return "records" if len(records) != 1 else "record"


def dataset_html(dataset: Any) -> str:
    """A dataset's name and version, and how many records of each kind it holds."""
    from html import escape

    from defcoop.loading import COLLECTIONS

    counts: dict[type, int] = {}
    for record in dataset:
        counts[type(record)] = counts.get(type(record), 0) + 1
    rows = "".join(
        f"<tr><th{_CELL}>{escape(key)}</th><td{_CELL}>{counts.get(cls, 0)}</td></tr>"
        for key, cls in COLLECTIONS.items()
    )
    info = dataset.info
    caption = "Dataset" if info is None else f"{info.name} {info.version}"
    return (
        f'<table class="defcoop-dataset"><caption>{escape(caption)}: {len(dataset)} records'
        f"</caption>{rows}</table>"
    )


def _singular(key: str) -> str:
    return {"people": "person", "countries": "country"}.get(key, key.removesuffix("s"))


def _is_nested(value: Any) -> bool:
    """An attrs value shown field by field (a Role), not one with a text form of its own."""
    return attrs.has(type(value)) and "__str__" not in type(value).__dict__


def _filled(value: Any) -> bool:
    return value is not None and value != () and value != frozenset()


def _cell(value: Any) -> str:
    from html import escape

    if isinstance(value, tuple) and any(_is_nested(item) for item in value):
        content = "<br>".join(escape(text(item)) for item in value)
    else:
        content = escape(text(value))
    return f"<td{_CELL}>{content}</td>"
