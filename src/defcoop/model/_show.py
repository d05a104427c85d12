"""How one record shows itself: a concise repr in a terminal, a table in Jupyter.

The record classes of :mod:`defcoop.model.records` derive from :class:`RecordDisplay`, so this
module sits below the model and knows records only through their attrs fields and their record-type
declarations (:mod:`defcoop.model.registry`): which attribute names them, which dates them. Results,
datasets and other tables are shown by :mod:`defcoop.query._display`.
"""

from __future__ import annotations

from typing import Any

import attrs

from defcoop.model import registry
from defcoop.model._order import Ordered

_SHORT = 72
CELL = ' style="text-align:left;vertical-align:top"'


class RecordDisplay(Ordered):
    """Base of the record classes: a one-line repr, an HTML table of the attributes, and the
    order of queries (:mod:`defcoop.model._order`).

    Its one slot, ``__weakref__``, is the records' own (so that attrs adds none): every record
    class then adds only its attributes' slots to this base, which lets the fast path build
    records through a mutable sibling class instead of a subclass
    (:func:`defcoop.loading.fast._codegen._twin`).
    """

    __slots__ = ("__weakref__",)

    def __repr__(self) -> str:
        return record_repr(self)

    def _repr_html_(self) -> str:
        return record_html(self)


def label(record: Any) -> str:
    """What a record is called: its title, name or label; the pair and framework of a dyad."""
    name = _declared(record, "label")
    value = None if name is None else getattr(record, name)
    if isinstance(value, str):
        return value
    parties = "-".join(getattr(record, "parties", ()))
    framework = getattr(record, "framework", None)
    text = parties or str(record.id)
    return f"{text}, {framework}" if framework else text


def date_of(record: Any) -> Any:
    """The date a record is dated and ordered by (its type's declared date), or None."""
    name = _declared(record, "date")
    return None if name is None else getattr(record, name)


def _declared(record: Any, detail: str) -> str | None:
    """One detail of the record type's declaration, None for a value that is not a record."""
    try:
        declared = registry.of(type(record))
    except TypeError:
        return None
    value: str | None = getattr(declared, detail)
    return value


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


def text(value: Any) -> str:
    """An attribute value as plain text: lists joined, sets sorted, None empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(text(item) for item in value))
    if isinstance(value, tuple | list):
        separator = "; " if any(is_nested(item) for item in value) else ", "
        return separator.join(text(item) for item in value)
    if is_nested(value):
        parts = ((f.name, getattr(value, f.name)) for f in attrs.fields(type(value)))
        return " ".join(f"{name}={text(item)!r}" for name, item in parts if filled(item))
    return str(value)


def record_html(record: Any) -> str:
    """A two-column table of a record's filled attributes, captioned with its kind and id."""
    from html import escape

    rows = [
        (f"<th{CELL}>{escape(f.name)}</th>", cell(getattr(record, f.name)))
        for f in attrs.fields(type(record))
        if filled(getattr(record, f.name))
    ]
    caption = f"{escape(type(record).__name__)} <code>{escape(str(record.id))}</code>"
    body = "".join(f"<tr>{name}{value}</tr>" for name, value in rows)
    return f'<table class="defcoop-record"><caption>{caption}</caption>{body}</table>'


def is_nested(value: Any) -> bool:
    """An attrs value shown field by field (a Role), not one with a text form of its own."""
    return attrs.has(type(value)) and "__str__" not in type(value).__dict__


def filled(value: Any) -> bool:
    return value is not None and value != () and value != frozenset()


def cell(value: Any) -> str:
    from html import escape

    if isinstance(value, tuple) and any(is_nested(item) for item in value):
        content = "<br>".join(escape(text(item)) for item in value)
    else:
        content = escape(text(value))
    return f"<td{CELL}>{content}</td>"
