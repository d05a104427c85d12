"""How results, datasets and tables show themselves: a concise repr, a table in Jupyter.

Jupyter calls ``_repr_html_`` on the value of a cell; everything here builds that HTML from
the attrs fields of the records, escaping every value. One record's own repr and table are in
:mod:`defcoop.model._show`, below the model; the names it defines are also read from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from defcoop.model import registry
from defcoop.model._show import (
    CELL,
    RecordDisplay,
    cell,
    date_of,
    filled,
    label,
    record_html,
    record_repr,
    shorten,
    text,
)

__all__ = [
    "MAX_ROWS",
    "RecordDisplay",
    "capped",
    "dataset_html",
    "date_of",
    "label",
    "left_out",
    "plural",
    "record_html",
    "record_repr",
    "results_html",
    "results_repr",
    "shorten",
    "table_html",
    "text",
]

_HIDDEN = frozenset({"notes", "inferred"})
MAX_ROWS = 50
"""The most rows a repr or a table shows; a longer one shows its first and last rows and
says how many it left out, so that showing a large answer in a notebook never hangs."""
_HEAD, _TAIL = 20, 5


def capped(items: Sequence[Any]) -> tuple[Sequence[Any], int, Sequence[Any]]:
    """The first and last items to show of ``items``, and how many are left out between.

    >>> head, left_out, tail = capped(range(1000))
    >>> len(head), left_out, list(tail)
    (20, 975, [995, 996, 997, 998, 999])
    """
    if len(items) <= MAX_ROWS:
        return items, 0, ()
    return items[:_HEAD], len(items) - _HEAD - _TAIL, items[-_TAIL:]


def left_out(count: int, hint: str = "iterate over it or use .to_frame() for all") -> str:
    """The note in place of the rows a display leaves out."""
    return f"… and {count} more; {hint} …"


def results_repr(name: str, records: Sequence[Any]) -> str:
    """``Results(...)`` with one record per line, so that a long answer stays readable; a
    long one shows its first and last records and how many it left out."""
    if len(records) <= 1:
        return f"{name}({''.join(map(repr, records))})"
    head, gap, tail = capped(records)
    lines = [f"  {record!r},\n" for record in head]
    if gap:
        lines.append(f"  {left_out(gap)}\n")
    lines += [f"  {record!r},\n" for record in tail]
    return f"{name}(\n{''.join(lines)})"


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
    head, gap, tail = capped(records)
    records = [*head, *tail]  # only the rows shown are looked at: a large answer stays quick
    kinds = {type(record) for record in records}
    if len(kinds) == 1:
        names = [f.name for f in attrs.fields(kinds.pop()) if f.name not in _HIDDEN]
        names = [n for n in names if any(filled(getattr(r, n)) for r in records)]
        rows = [[getattr(r, n) for n in names] for r in records]
    else:
        names = ["type", "id", "title", "date", "parties"]
        rows = [
            [type(r).__name__.lower(), r.id, label(r), date_of(r), getattr(r, "parties", None)]
            for r in records
        ]
    if gap:
        rows.insert(len(head), [left_out(gap), *[None] * (len(names) - 1)])
    return table_html("defcoop-results", caption, names, rows)


def table_html(
    css_class: str, caption: str, names: Sequence[str], rows: Iterable[Iterable[Any]]
) -> str:
    """An HTML table with a caption, a header row of ``names`` and one row per item of ``rows``;
    of more than :data:`MAX_ROWS` rows, the first and last, with a note of how many are left out.
    """
    from html import escape

    header = "".join(f"<th{CELL}>{escape(name)}</th>" for name in names)
    head, gap, tail = capped(rows if isinstance(rows, Sequence) else list(rows))
    if gap:
        note = [left_out(gap, "iterate over it for all"), *[None] * (len(names) - 1)]
        head = [*head, note]
    body = "".join(
        "<tr>" + "".join(cell(value) for value in row) + "</tr>" for row in [*head, *tail]
    )
    return (
        f'<table class="{css_class}"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"
    )


def plural(records: Sequence[Any]) -> str:
    """The word for a collection of these records: "agreements", "people", or "records"."""
    kinds = {type(record) for record in records}
    if len(kinds) == 1:
        declared = registry.of(kinds.pop())
        return declared.plural if len(records) != 1 else declared.singular
    return "records" if len(records) != 1 else "record"


def dataset_html(dataset: Any) -> str:
    """A dataset's name and version, and how many records of each kind it holds."""
    from html import escape

    counts: dict[type, int] = {}
    for record in dataset:
        counts[type(record)] = counts.get(type(record), 0) + 1
    rows = "".join(
        f"<tr><th{CELL}>{escape(key)}</th><td{CELL}>{counts.get(cls, 0)}</td></tr>"
        for key, cls in ((declared.key, declared.cls) for declared in registry.record_types())
    )
    info = dataset.info
    caption = "Dataset" if info is None else f"{info.name} {info.version}"
    return (
        f'<table class="defcoop-dataset"><caption>{escape(caption)}: {len(dataset)} records'
        f"</caption>{rows}</table>"
    )
