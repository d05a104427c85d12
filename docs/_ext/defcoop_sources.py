"""The sources page: every source of the bundled data, its address and the records citing it.

The page's own file, ``sources.md``, holds the introduction and a marker line; when Sphinx
reads it, the marker is replaced by MyST Markdown rendered from :func:`defcoop.load`, so the
page always lists the sources the package ships and nothing generated is committed.

It is the reading list behind the data: a count of the sources by language, then one table
row per source, oldest first (undated ones last), with its title, publisher and date, its
language, its address and the day it was read there, the countries and period it looked at
where the data declares them, and every record that cites it. Records link to their entries
on the records page, whose labels (``record-<id>``) this page shares with
``defcoop_coverage``; each source has a label of its own here, ``source-<id>``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from defcoop_coverage import label, page_filler, setup_generated_page, text

from defcoop import Citation, Dataset, Record, Relationship, Source

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MARKER = "<!-- sources: generated at build time by docs/_ext/defcoop_sources.py -->"
DOCNAME = "sources"


def source_label(source_id: str) -> str:
    """The label of a source's row on the sources page.

    >>> source_label("strengthening-2016")
    'source-strengthening-2016'
    """
    return f"source-{source_id.lower()}"


def citing(db: Dataset) -> dict[str, list[Record]]:
    """For each source id, the records that cite it (per-field evidence included), in data order."""
    found: dict[str, dict[str, Record]] = {source.id: {} for source in db.sources}
    for record in db:
        for citation in _citations(record):
            found.setdefault(citation.source, {})[record.id] = record
    return {source_id: list(records.values()) for source_id, records in found.items()}


def ordered(sources: Iterable[Source]) -> list[Source]:
    """Sources oldest first by publication date, undated ones last, then by id.

    >>> from defcoop import PartialDate, Source
    >>> old = Source(id="old", language="en", paragraphs=1, published=PartialDate(2009))
    >>> new = Source(id="new", language="en", paragraphs=1, published=PartialDate(2016, 4, 26))
    >>> undated = Source(id="a-undated", language="en", paragraphs=1)
    >>> [s.id for s in ordered([undated, new, old])]
    ['old', 'new', 'a-undated']
    """

    def key(source: Source) -> tuple[bool, int, str]:
        published = source.published
        return published is None, published.earliest.toordinal() if published else 0, source.id

    return sorted(sources, key=key)


def render(db: Dataset) -> str:
    """The sources page's generated part for ``db``, as MyST Markdown."""
    used = citing(db)
    sources = ordered(db.sources)
    addressed = sum(1 for source in sources if source.url)
    lines = [
        f"The data cites {len(sources)} sources: {addressed} with a web address, "
        f"{len(sources) - addressed} without one.",
        "",
        *_languages(sources),
        "## Every source",
        "",
        "Oldest first; a source's number of paragraphs and what cites each of them are on "
        "the [records page](records.md).",
        "",
        *_table(sources, used),
    ]
    return "\n".join(lines)


def _languages(sources: Sequence[Source]) -> list[str]:
    counts = Counter(source.language for source in sources)
    lines = ["| language | sources |", "| --- | ---: |"]
    for language, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"| `{language}` | {count} |")
    return [*lines, ""]


def _table(sources: Sequence[Source], used: dict[str, list[Record]]) -> list[str]:
    covering = any(getattr(source, "coverage", ()) for source in sources)
    titles = ["source", "published", "language", "address", *(["looked at"] * covering)]
    lines = ["```{list-table}", ":header-rows: 1", ":widths: auto", ""]
    lines += _row([*titles, "cited by"])
    for source in sources:
        cells = [
            _described(source),
            str(source.published) if source.published else "undated",
            f"`{source.language}`",
            _address(source),
            *([_coverage(source)] * covering),
            _cited_by(used.get(source.id, [])),
        ]
        lines += _row(cells)
    return [*lines, "```", ""]


def _row(cells: Sequence[str]) -> list[str]:
    lines = []
    for number, cell in enumerate(cells):
        first, *rest = cell.split("\n")
        lines.append(f"{'* - ' if number == 0 else '  - '}{first}".rstrip())
        lines += [f"    {line}".rstrip() for line in rest]
    return lines


def _described(source: Source) -> str:
    title = text(source.title) if source.title else "*untitled*"
    parts = [f"({source_label(source.id)})=", f"**{title}**"]
    byline = "; ".join(
        text(part)
        for part in (", ".join(source.authors), source.publisher, source.translator)
        if part
    )
    if source.translator:
        byline = byline.replace(text(source.translator), f"translated by {text(source.translator)}")
    if byline:
        parts.append(byline)
    parts.append(f"cited as `{source.id}`")
    return "\n\n".join(parts)


def _address(source: Source) -> str:
    if not source.url:
        return "no web address"
    read = f" (read {source.accessed})" if source.accessed else ""
    return f"<{source.url}>{read}"


def _coverage(source: Source) -> str:
    items = getattr(source, "coverage", ())
    described = (f"{'-'.join(item.countries)} {item.period}" for item in items)
    return "; ".join(described) or "none declared"


def _cited_by(records: Sequence[Record]) -> str:
    if not records:
        return "*nothing*"
    links = ", ".join(f"{{ref}}`{record.id} <{label(record.id)}>`" for record in records)
    return f"{len(records)}: {links}"


def _citations(record: Record) -> Iterator[Citation]:
    yield from getattr(record, "sources", ())
    if isinstance(record, Relationship):
        for item in record.evidence:
            yield from item.sources


_fill = page_filler(DOCNAME, MARKER, "sources", render)


def setup(app: Sphinx) -> dict[str, Any]:
    """Fill in the sources page whenever Sphinx reads it."""
    return setup_generated_page(app, DOCNAME, _fill)
