"""The coverage and records pages: what the bundled data holds, made at build time.

Each page's own file holds its introduction and a marker line; when Sphinx reads it, the
marker is replaced by MyST Markdown rendered from :func:`defcoop.load`, so the pages always
show the data the package ships and nothing generated is committed.

The coverage page (``coverage.md``) is short: one table, each dyad by year, saying what the
coverage claims vouch for and on how many sources or searches they rest
(:func:`defcoop_coverage_table.render_glance`).

The records page (``records.md``) is the long reference listing (:func:`render`). It opens
with the sources and searches behind each dyad's years, by id. Sources come next, described
for a reader (title, authors, publisher, date, language, translator, address) with the
records that cite each of their paragraphs. Then one compact table per record type: a row per
record, carrying a label (``record-<id>``) other pages may link to, its date, what it is,
its parties, every other filled attribute (references to other records are links, inferred
values are marked) and its citations; the records' notes follow each table. Every dated
agreement and event is also drawn as a timeline, by :meth:`defcoop.Timeline.plot` through
matplotlib's ``plot`` directive.

Plain text is escaped for Markdown by :func:`text`; text inside a role (a link's title) is
not Markdown, so it goes through :func:`role_text` instead, and no backslash shows.
"""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs
from defcoop_coverage_table import render_glance, render_table

import defcoop
from defcoop import (
    Citation,
    Coverage,
    Dataset,
    FieldEvidence,
    Membership,
    Record,
    Relationship,
    Role,
    Source,
)
from defcoop.views.cite import LANGUAGES

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MARKER = "<!-- records: generated at build time by docs/_ext/defcoop_coverage.py -->"
DOCNAME = "records"
GLANCE_MARKER = "<!-- coverage: generated at build time by docs/_ext/defcoop_coverage.py -->"
GLANCE_DOCNAME = "coverage"

# Attributes whose values are ids of other records; they are shown as links.
REFERENCES = frozenset(
    {
        "actor",
        "broader",
        "continued_by",
        "contract",
        "countries",
        "country",
        "field",
        "fields",
        "forum",
        "forums",
        "host",
        "mechanism",
        "organization",
        "organizer",
        "parent",
        "part_of",
        "participants",
        "parties",
        "recipient",
        "signatories",
        "signed_during",
        "supplier",
    }
)
# Columns of the tables, each filled from the first of its attributes a record type has.
_DATE = ("signed", "when", "ordered")
_WHAT = ("kind", "category", "status", "level", "framework")
_WHO = ("parties", "country", "supplier")
_SHOWN_APART = frozenset({"id", "code", "sources", "notes", "inferred"})
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")

# The sections of the page after the sources: title, what they hold, how to list them.
SECTIONS: Sequence[tuple[str, str, str]] = (
    ("Relationships", "what the sources say of each pair of countries", "relationships"),
    ("Agreements", "agreements and plans, by date signed", "agreements"),
    ("Events", "visits, meetings and other events, by date", "events"),
    ("Mechanisms", "standing committees and dialogues", "mechanisms"),
    ("Arms transfers", "arms transfers, by date ordered", "transfers"),
    ("People", "the people the sources name", "people"),
    ("Organizations", "ministries, forums and other bodies", "organizations"),
    ("Countries", "reference data: they cite no source", "countries"),
    ("Fields", "the taxonomy of fields of cooperation: cites no source", "fields"),
    ("Searches", "the searches coverage claims rest on: they cite no source", "searches"),
)

TIMELINE_PLOT = """\
```{eval-rst}
.. plot::
   :filename-prefix: coverage-timeline
   :include-source: false
   :alt: Every dated agreement and event of the bundled data, as bars over their dates

   import defcoop

   defcoop.load().timeline().plot()
```
"""


def text(value: str) -> str:
    """``value`` as Markdown that shows it literally: every ASCII punctuation mark escaped.

    >>> text("ASEAN+ [2018] *")
    'ASEAN\\\\+ \\\\[2018\\\\] \\\\*'
    """
    return _PUNCTUATION.sub(r"\\\1", " ".join(value.split()))


def role_text(value: str) -> str:
    """``value`` as the title of a role such as ``{ref}``: not Markdown, so nothing is
    escaped; only what would end the title (a backquote, an opening angle bracket) changes.

    >>> role_text("[Report on  Cam Ranh], `2018`")
    "[Report on Cam Ranh], '2018'"
    """
    angle = "\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}"
    return " ".join(value.split()).replace("`", "'").replace("<", angle)


def label(record_id: str) -> str:
    """The label of a record's entry on the coverage page.

    >>> label("VNM")
    'record-vnm'
    """
    return f"record-{record_id.lower()}"


def heading(db: Dataset, record: Record) -> tuple[str | None, str]:
    """What a record's entry is called, and the attribute that holds it (None if made up).

    The heading is the record's title, name or label, or for a relationship the names of
    its countries.
    """
    for name in ("title", "name", "label", "designation"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            return name, value
    if isinstance(record, Relationship):
        return None, " \N{EN DASH} ".join(db.country(party).name for party in record.parties)
    return None, record.id


def render_coverage(db: Dataset) -> str:
    """The coverage page's generated part for ``db``: the table of each dyad by year."""
    return "\n".join(render_glance(db, text))


def render(db: Dataset) -> str:
    """The records page's generated part for ``db``, as MyST Markdown."""
    cited = _cited_paragraphs(db)
    lines = [*render_table(db, _link, text), *_summary(db, cited), "", "## Sources", ""]
    lines += ["The documents every other record cites, and what cites each paragraph.", ""]
    for source in db.sources:
        lines += _source(db, source, cited.get(source.id, {}))
    referenced = _referenced(db)
    for title, description, key in SECTIONS:
        records = _records(db, key)
        lines += [f"## {title}", "", f"{text(description.capitalize())}.", ""]
        if key == "countries":
            shown = tuple(r for r in records if r.id in referenced)
            if len(shown) < len(records):
                lines += [_other_countries(len(records) - len(shown)), ""]
            records = shown
        if key == "events":
            lines += ["Every dated agreement and event, each over the days its date may mean:"]
            lines += ["", TIMELINE_PLOT]
        lines += [*_table(db, records), *_notes(records)]
    return "\n".join(lines)


def _referenced(db: Dataset) -> set[str]:
    """The ids some record refers to."""
    found: set[str] = set()
    for record in db:
        for field in attrs.fields(type(record)):
            if field.name in REFERENCES:
                value = getattr(record, field.name)
                found.update(value if isinstance(value, tuple | frozenset) else [value])
        for item in getattr(record, "roles", ()):
            found.add(item.organization)
        for item in getattr(record, "evidence", ()):
            found.add(item.field)
    return found


def _other_countries(count: int) -> str:
    return (
        f"The table lists the countries some record refers to. The data also holds {count} "
        "other states as reference data, so that your own records may name them; "
        "`defcoop.load().countries` lists them all."
    )


def _records(db: Dataset, key: str) -> tuple[Record, ...]:
    found = getattr(db, key)
    return tuple(found() if callable(found) else found)


def _summary(db: Dataset, cited: dict[str, dict[int, list[Record]]]) -> Iterator[str]:
    if db.info is not None:
        released = f", released {db.info.released}" if db.info.released else ""
        yield f"{text(db.info.name)}, version {text(db.info.version)}{text(released)}."
        yield ""
    citations = sum(len(list(_citations(record))) for record in db)
    yield f"{len(db)} records and {citations} citations:"
    yield ""
    yield "| records | how many |"
    yield "| --- | ---: |"
    yield f"| [sources](#sources) | {len(db.sources)} |"
    for title, _description, key in SECTIONS:
        yield f"| [{title.lower()}](#{title.lower()}) | {len(_records(db, key))} |"
    yield ""
    for source in db.sources:
        used = cited.get(source.id, {})
        yield (
            f"- {{ref}}`{role_text(source.title)} <{label(source.id)}>`: {len(used)} of its "
            f"{source.paragraphs} paragraphs cited"
        )


def describe(source: Source, *, title: bool = True) -> str:
    """A source as a reader looks for it: authors, title, publisher, date, language, address.

    >>> from defcoop import PartialDate
    >>> describe(Source(id="s", title="A report", language="en", paragraphs=3,
    ...     publisher="A ministry", published=PartialDate(2016, 4, 26)))
    '*A report*. A ministry, 2016\\\\-04\\\\-26. In English.'
    """
    parts = [", ".join(text(a) for a in source.authors)] if source.authors else []
    if title:
        parts.append(f"*{text(source.title)}*")
    published = f", {text(str(source.published))}" if source.published else ""
    if source.publisher:
        parts.append(f"{text(source.publisher)}{published}")
    else:
        parts.append(f"Publisher not stated{published or ', undated'}")
    language = LANGUAGES.get(source.language)
    parts.append(f"In {language.capitalize() if language else text(source.language)}")
    if source.translator:
        parts.append(f"Translated by {text(source.translator)}")
    if source.url:
        read = f" (read {text(str(source.accessed))})" if source.accessed else ""
        parts.append(f"Online at <{source.url}>{read}")
    return ". ".join(parts) + "."


def _source(db: Dataset, source: Source, used: dict[int, list[Record]]) -> list[str]:
    description = describe(source, title=False)
    lines = [f"({label(source.id)})=", f"### {text(source.title)}", "", description, ""]
    if source.coverage:
        looked = "; ".join(_covered(db, item) for item in source.coverage)
        lines += [f"Looked at (its coverage): {looked}.", ""]
    lines += [f"Cited as `{source.id}`; {source.paragraphs} paragraphs, {len(used)} cited:", ""]
    lines += ["| paragraph | cited by |", "| ---: | --- |"]
    for paragraph in range(1, source.paragraphs + 1):
        records = used.get(paragraph)
        cell = ", ".join(_link(r.id) for r in records) if records else "*nothing*"
        lines.append(f"| ¶{paragraph} | {cell} |")
    return [*lines, ""]


def _table(db: Dataset, records: Sequence[Record]) -> list[str]:
    if not records:
        return ["*None.*", ""]
    names = [field.name for field in attrs.fields(type(records[0]))]
    columns = [
        ("record", None),
        ("date", _first(names, _DATE)),
        ("what", _first(names, _WHAT)),
        (next((n for n in _WHO if n in names), "country"), _first(names, _WHO)),
        ("details", None),
    ]
    columns = [(t, name) for t, name in columns if name is not None or t in ("record", "details")]
    if "sources" in names:
        columns.append(("cites", "sources"))
    lines = ["```{list-table}", ":header-rows: 1", ":class: defcoop-records", ""]
    lines += _row([title for title, _name in columns])
    for record in records:
        lines += _row([_column(db, record, title) for title, _name in columns])
    return [*lines, "```", ""]


def _first(names: Sequence[str], wanted: Sequence[str]) -> str | None:
    return next((name for name in wanted if name in names), None)


def _row(cells: Sequence[str]) -> list[str]:
    lines = []
    for number, cell in enumerate(cells):
        first, *rest = cell.split("\n") if cell else [""]
        lines.append(f"{'* -' if number == 0 else '  -'} {first}".rstrip())
        lines += [f"    {line}" if line else "" for line in rest]
    return lines


def _column(db: Dataset, record: Record, title: str) -> str:
    names = [field.name for field in attrs.fields(type(record))]
    inferred: frozenset[str] = getattr(record, "inferred", frozenset())
    shown, name = heading(db, record)
    if title == "record":
        mark = " *(inferred)*" if shown in inferred else ""
        return f"({label(record.id)})=\n{text(name)}{mark} `{record.id}`"
    if title == "cites":
        return _cites(getattr(record, "sources", ()))
    if title == "details":
        return "; ".join(
            f"{attribute.replace('_', ' ')}: {_value(db, attribute, value, inferred)}"
            for attribute, value in _details(record, shown)
        )
    wanted = {"date": _DATE, "what": _WHAT}.get(title, _WHO)
    present = [n for n in wanted if n in names] if title == "what" else [_first(names, wanted)]
    return ", ".join(
        _value(db, n, getattr(record, n), inferred)
        for n in present
        if n is not None and _filled(getattr(record, n))
    )


def _details(record: Record, shown: str | None) -> Iterator[tuple[str, Any]]:
    """The filled attributes no other column of the table shows."""
    apart = {*_SHOWN_APART, *_DATE, *_WHAT, *_WHO, shown}
    for field in attrs.fields(type(record)):
        derived = isinstance(field.default, attrs.Factory) and field.default.takes_self  # type: ignore[arg-type]
        value = getattr(record, field.name)
        if field.name not in apart and not derived and _filled(value):
            yield field.name, value


def _filled(value: Any) -> bool:
    return value is not None and value != () and value != frozenset() and value is not False


def _notes(records: Sequence[Record]) -> list[str]:
    noted = [r for r in records if r.notes and not isinstance(r, Source)]
    if not noted:
        return []
    lines = ["Notes:", ""]
    for record in noted:
        lines += [_link(record.id), f": {text(record.notes or '')}", ""]
    return lines


def _value(db: Dataset, name: str, value: Any, inferred: frozenset[str] = frozenset()) -> str:
    mark = " *(inferred)*" if name in inferred else ""
    if isinstance(value, frozenset):
        value = tuple(sorted(value))
    if isinstance(value, tuple):
        if value and isinstance(value[0], Coverage | Membership):
            return "; ".join(_covered(db, item) for item in value) + mark
        if value and (isinstance(value[0], Role | FieldEvidence) or _composite(value[0])):
            return "; ".join(_part(db, item) for item in value) + mark
        return ", ".join(_value(db, name, item) for item in value) + mark
    if isinstance(value, str) and name in REFERENCES and value in db:
        return _link(value) + mark
    if isinstance(value, enum.Enum):
        return text(str(value.value)) + mark
    if value is True:
        return "yes" + mark
    if _composite(value):  # a value class held by a record (a coverage, a membership)
        parts = (_value(db, f.name, getattr(value, f.name)) for f in attrs.fields(type(value)))
        return ", ".join(part for part in parts if part) + mark
    return text(str(value)) + mark


def _covered(db: Dataset, item: Coverage | Membership) -> str:
    if isinstance(item, Membership):
        return text(f"{item.system.value.upper()} {item.code}, {item.period.words()}")
    return f"{_value(db, 'countries', item.countries)}, {text(item.period.words())}"


def _composite(value: Any) -> bool:
    """Whether ``value`` is an attrs value without a text form of its own (dates have one)."""
    return attrs.has(type(value)) and type(value).__str__ is object.__str__


def _part(db: Dataset, item: Any) -> str:
    if not isinstance(item, Role | FieldEvidence):
        return _value(db, "", item)
    if isinstance(item, FieldEvidence):
        return f"{_link(item.field)} ({_cites(item.sources)})"
    parts = [text(item.title)]
    if item.rank:
        parts.append(text(item.rank))
    if item.organization:
        parts.append(_value(db, "organization", item.organization))
    if item.period:
        parts.append(text(str(item.period)))
    return ", ".join(parts)


def _link(record_id: str) -> str:
    return f"{{ref}}`{record_id} <{label(record_id)}>`"


def _cites(citations: Iterable[Citation]) -> str:
    """Citations grouped by source, each paragraph a link to its source's entry.

    >>> cited = [("a", 1), ("a", 3), ("b", 2)]
    >>> _cites(Citation(source=source, paragraph=n) for source, n in cited)
    '{ref}`a ¶1 <record-a>`, {ref}`¶3 <record-a>`; {ref}`b ¶2 <record-b>`'
    """
    by_source: dict[str, list[int]] = defaultdict(list)
    for citation in citations:
        by_source[citation.source].append(citation.paragraph)
    return "; ".join(
        ", ".join(
            f"{{ref}}`{source + ' ' if n == 0 else ''}¶{paragraph} <{label(source)}>`"
            for n, paragraph in enumerate(paragraphs)
        )
        for source, paragraphs in by_source.items()
    )


def _citations(record: Record) -> Iterator[Citation]:
    yield from getattr(record, "sources", ())
    if isinstance(record, Relationship):
        for item in record.evidence:
            yield from item.sources


def _cited_paragraphs(db: Dataset) -> dict[str, dict[int, list[Record]]]:
    used: dict[str, dict[int, list[Record]]] = defaultdict(lambda: defaultdict(list))
    for record in db:
        for citation in dict.fromkeys(_citations(record)):
            used[citation.source][citation.paragraph].append(record)
    return used


def page_filler(
    docname: str, marker: str, what: str, draw: Callable[[Dataset], str]
) -> Callable[[Sphinx | None, str, list[str]], None]:
    """A ``source-read`` handler that replaces ``marker`` on page ``docname`` by ``draw``'s text.

    Shared by the generated pages (coverage, sources); a page without its marker line warns,
    naming ``what`` goes there.
    """

    def fill(_app: Sphinx | None, name: str, source: list[str]) -> None:
        if name != docname:
            return
        if marker not in source[0]:
            from sphinx.util import logging

            logging.getLogger(__name__).warning(
                "the %s page needs the marker line %s, where the %s go",
                docname,
                marker,
                what,
                location=name,
                type="defcoop",
                subtype=docname,
            )
            return
        source[0] = source[0].replace(marker, draw(defcoop.load()))

    return fill


def setup_generated_page(app: Sphinx, docname: str, fill: Callable[..., None]) -> dict[str, Any]:
    """Connect ``fill`` and read ``docname`` on every build: it depends on the data, which
    Sphinx does not watch."""
    app.connect("source-read", fill)
    app.connect("env-get-outdated", lambda *_args: [docname])
    return {"parallel_read_safe": True, "parallel_write_safe": True}


_fill = page_filler(DOCNAME, MARKER, "records", render)
_fill_glance = page_filler(GLANCE_DOCNAME, GLANCE_MARKER, "table of coverage", render_coverage)


def setup(app: Sphinx) -> dict[str, Any]:
    """Fill in the coverage and records pages whenever Sphinx reads them."""
    setup_generated_page(app, GLANCE_DOCNAME, _fill_glance)
    return setup_generated_page(app, DOCNAME, _fill)
