"""The codebook as a public call, as Markdown and JSON, and as an export format.

:func:`defcoop.codebook` gives the codebook of a dataset (the bundled one by default) as a frozen
structure (:class:`defcoop.views.codebook.Codebook`); :func:`markdown` and :func:`to_json`
write it for people and for programs. ``defcoop export --format codebook`` writes both, the
data package ships them beside ``datapackage.json``, and the docs' codebook page is
:func:`markdown` rendered at build time.

>>> import defcoop
>>> book = defcoop.codebook()
>>> [t.name for t in book.tables][-3:]
['dyad_years', 'directed_dyad_years', 'state_years']
>>> label("events", "cameo")
'Its CAMEO event code (two to four digits)'
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs

from defcoop.io._registry import Format
from defcoop.views.codebook import Codebook, CodebookTable, build

if TYPE_CHECKING:
    from defcoop.dataset import Dataset

__all__ = ["FORMAT", "codebook", "files", "label", "markdown", "to_json"]


def codebook(dataset: Dataset | None = None) -> Codebook:
    """The codebook of ``dataset``, or of the bundled data: every table and panel with what a
    row is, its columns (dtype, meaning, allowed values, missing-value rule) and inclusion
    rules; the search protocol behind the coverage; and the coverage table.

    The codebook is read from the declarations the tables and panels are made from, so it
    names exactly the columns they have (``tests/io/test_codebook.py`` checks it).

    Raises:
        ArgumentError: for a ``dataset`` that is not a Dataset.
    """
    if dataset is None:
        from defcoop.loading import load

        dataset = load()
    from defcoop.query.collection import require_dataset

    return build(require_dataset(dataset, "codebook()"))


def label(table: str, column: str, dataset: Dataset | None = None) -> str:
    """A label for a column of at most 80 characters (Stata's limit), from its meaning.

    Raises:
        UnknownNameError: for a table or column the codebook does not have.
    """
    return codebook(dataset).label(table, column)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table_lines(table: CodebookTable) -> list[str]:
    lines = [
        f"## {table.title}: `{table.name}`",
        "",
        f"**A row is** {table.row}",
        "",
        f"**Included:** {table.inclusion}",
        "",
    ]
    if table.kinds:
        lines += ["| kind | what it takes |", "| --- | --- |"]
        lines += [f"| {_cell(kind)} | {_cell(text)} |" for kind, text in table.kinds]
        lines.append("")
    lines += ["| column | dtype | meaning | values | missing |", "| --- | --- | --- | --- | --- |"]
    for column in table.columns:
        values = ", ".join(column.values) if column.values else ""
        meaning = column.meaning + (f" (counts {column.counts})" if column.counts else "")
        lines.append(
            f"| `{column.name}` | {column.dtype} | {_cell(meaning)} | {_cell(values)} "
            f"| {_cell(column.missing)} |"
        )
    return [*lines, ""]


def markdown(book: Codebook, *, heading: str = "# Codebook") -> str:
    """The codebook as Markdown: a section per table, then the search protocol and the
    coverage table; plain headings and tables, so that a search finds every column name."""
    lines = [
        heading,
        "",
        f"Data version {book.data_version or 'none'}, written by defcoop {book.code_version}. "
        "For each table and panel: what a row is, what is included, and each column's dtype "
        "(as pandas frames declare it), meaning, allowed values and missing-value rule.",
        "",
    ]
    for table in book.tables:
        lines += _table_lines(table)
    protocol = book.searches
    lines += ["## Search protocol", "", protocol.text, ""]
    if protocol.searches:
        lines += [
            "| search | collections | languages | queries | years | done |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for search in protocol.searches:
            cells = (
                search.id,
                ", ".join(search.collections),
                ", ".join(search.languages),
                "; ".join(search.queries),
                search.years,
                search.done,
            )
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    lines += [
        "## Coverage",
        "",
        "Each dyad over runs of years: what the coverage claims vouch for there, and the "
        "sources or searches they rest on. Where a run is not covered, panel counts are "
        "missing, not 0.",
        "",
        "| dyad | years | covered | by |",
        "| --- | --- | --- | --- |",
    ]
    for run in book.coverage:
        years = str(run.first) if run.first == run.last else f"{run.first}\N{EN DASH}{run.last}"
        lines.append(
            f"| {'-'.join(run.countries)} | {years} | {_cell(run.covered)} "
            f"| {_cell(' '.join(run.by))} |"
        )
    return "\n".join([*lines, ""])


def _plain(value: Any) -> Any:
    if attrs.has(type(value)):
        from defcoop.io.serialize import to_dict
        from defcoop.model.records import Search

        if isinstance(value, Search):
            return to_dict(value)
        return {
            field.name: _plain(getattr(value, field.name)) for field in attrs.fields(type(value))
        }
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def to_json(book: Codebook) -> str:
    """The codebook as JSON text: the same structure, as objects and lists."""
    return json.dumps(_plain(book), ensure_ascii=False, indent=2) + "\n"


def files(dataset: Dataset) -> dict[str, str]:
    """``codebook.md`` and ``codebook.json`` of a dataset."""
    book = codebook(dataset)
    return {"codebook.md": markdown(book), "codebook.json": to_json(book)}


#: The codebook, for people and for programs.
FORMAT = Format(
    name="codebook",
    suffix=".md",
    title="Codebook",
    writes="``codebook.md`` and ``codebook.json``: every table's and panel's columns, "
    "their dtypes, meanings, values and missing-value rules, and the coverage",
    writer=files,
)
