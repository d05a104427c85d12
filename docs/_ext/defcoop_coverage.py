"""The coverage page: every record of the bundled data with its citations, made at build time.

The page's own file, ``coverage.md``, holds the introduction and a marker line; when Sphinx
reads it, the marker is replaced by MyST Markdown rendered from :func:`defcoop.load`, so the
page always shows the data the package ships and nothing generated is committed. Each record
gets a heading and a label (``record-<id>``) that other pages may link to; references to
other records and citations are links, and each source lists which records cite each of its
paragraphs and which paragraphs nothing cites.
"""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

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

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MARKER = "<!-- coverage: generated at build time by docs/_ext/defcoop_coverage.py -->"
DOCNAME = "coverage"

# Attributes whose values are ids of other records; they are shown as links.
REFERENCES = frozenset(
    {
        "actor",
        "broader",
        "continued_by",
        "countries",
        "country",
        "field",
        "fields",
        "forum",
        "forums",
        "host",
        "organization",
        "organizer",
        "parent",
        "part_of",
        "participants",
        "parties",
        "recipient",
        "signatories",
        "signed_during",
    }
)
_SHOWN_APART = frozenset({"id", "code", "sources", "notes", "inferred"})
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def text(value: str) -> str:
    """``value`` as Markdown that shows it literally: every ASCII punctuation mark escaped.

    >>> text("ASEAN+ [2018] *")
    'ASEAN\\\\+ \\\\[2018\\\\] \\\\*'
    """
    return _PUNCTUATION.sub(r"\\\1", " ".join(value.split()))


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
    for name in ("title", "name", "label"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            return name, value
    if isinstance(record, Relationship):
        return None, " \N{EN DASH} ".join(db.country(party).name for party in record.parties)
    return None, record.id


def render(db: Dataset) -> str:
    """The coverage page's generated part for ``db``, as MyST Markdown."""
    sections: list[tuple[str, str, Iterable[Record]]] = [
        ("Sources", "the documents everything else cites", db.sources),
        ("Relationships", "what the sources say of each pair of countries", db.relationships()),
        ("Agreements", "agreements and plans, by date signed", db.agreements()),
        ("Events", "visits, meetings and other events, by date", db.events()),
        ("Mechanisms", "standing committees and dialogues", db.mechanisms()),
        ("People", "the people the sources name", db.people()),
        ("Organizations", "ministries, forums and other bodies", db.organizations()),
        ("Countries", "reference data: they cite no source", db.countries),
        ("Fields", "the taxonomy of fields of cooperation: cites no source", db.fields),
    ]
    cited = _cited_paragraphs(db)
    lines = [*_summary(db, sections, cited), ""]
    for title, description, records in sections:
        lines += [f"## {title}", "", f"{text(description.capitalize())}.", ""]
        for record in records:
            lines += _entry(db, record, cited)
    return "\n".join(lines)


def _summary(
    db: Dataset,
    sections: list[tuple[str, str, Iterable[Record]]],
    cited: dict[str, dict[int, list[Record]]],
) -> Iterator[str]:
    if db.info is not None:
        released = f", released {db.info.released}" if db.info.released else ""
        yield f"{text(db.info.name)}, version {text(db.info.version)}{text(released)}."
        yield ""
    citations = sum(len(list(_citations(record))) for record in db)
    yield f"{len(db)} records and {citations} citations:"
    yield ""
    yield "| records | how many |"
    yield "| --- | ---: |"
    for title, _description, records in sections:
        yield f"| {title.lower()} | {len(tuple(records))} |"
    yield ""
    for source in db.sources:
        used = cited.get(source.id, {})
        yield (
            f"- {{ref}}`{source.id} <{label(source.id)}>`: {len(used)} of "
            f"{source.paragraphs} paragraphs cited"
        )


def _entry(db: Dataset, record: Record, cited: dict[str, dict[int, list[Record]]]) -> list[str]:
    inferred: frozenset[str] = getattr(record, "inferred", frozenset())
    shown, title = heading(db, record)
    lines = [f"({label(record.id)})=", f"### {text(title)}", "", f"`{record.id}`", ""]
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if field.name in _SHOWN_APART or (field.name == shown and field.name not in inferred):
            continue
        if value is None or value == () or value == frozenset():
            continue
        mark = " *(inferred)*" if field.name in inferred else ""
        lines += [field.name.replace("_", " "), f": {_value(db, field.name, value)}{mark}", ""]
    sources = getattr(record, "sources", ())
    if sources:
        lines += ["cites", f": {_cites(sources)}", ""]
    if isinstance(record, Source):
        lines += _paragraph_index(record, cited.get(record.id, {}))
    if record.notes:
        lines += ["notes", f": {text(record.notes)}", ""]
    return lines


def _paragraph_index(source: Source, used: dict[int, list[Record]]) -> list[str]:
    lines = []
    for paragraph in range(1, source.paragraphs + 1):
        records = used.get(paragraph)
        if records:
            links = ", ".join(_link(r.id) for r in records)
            lines += [f"¶{paragraph}", f": {links}", ""]
    uncited = [f"¶{p}" for p in range(1, source.paragraphs + 1) if p not in used]
    if uncited:
        lines += ["cited by nothing", f": {', '.join(uncited)}", ""]
    return lines


def _value(db: Dataset, name: str, value: Any) -> str:
    if isinstance(value, frozenset):
        value = tuple(sorted(value))
    if isinstance(value, tuple):
        if value and isinstance(value[0], Role | FieldEvidence):
            return "\n  ".join(f"- {_part(db, item)}" for item in value)
        if value and isinstance(value[0], Coverage | Membership):
            return "\n  ".join(f"- {_covered(db, item)}" for item in value)
        return ", ".join(_value(db, name, item) for item in value)
    if isinstance(value, str) and name in REFERENCES and value in db:
        return _link(value)
    if isinstance(value, enum.Enum):
        return text(str(value.value))
    return text(str(value))


def _covered(db: Dataset, item: Coverage | Membership) -> str:
    if isinstance(item, Membership):
        return text(f"{item.system.value.upper()} {item.code}, {item.period.words()}")
    return f"{_value(db, 'countries', item.countries)}, {text(item.period.words())}"


def _part(db: Dataset, item: Role | FieldEvidence) -> str:
    if isinstance(item, FieldEvidence):
        return f"{_link(item.field)}: {_cites(item.sources)}"
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
    return ", ".join(f"{{ref}}`{c} <{label(c.source)}>`" for c in citations)


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


def _fill(_app: Sphinx, docname: str, source: list[str]) -> None:
    if docname != DOCNAME:
        return
    if MARKER not in source[0]:
        from sphinx.util import logging

        logging.getLogger(__name__).warning(
            "the coverage page needs the marker line %s, where the records go",
            MARKER,
            location=docname,
            type="defcoop",
            subtype="coverage",
        )
        return
    source[0] = source[0].replace(MARKER, render(defcoop.load()))


def _always_outdated(*_args: Any) -> list[str]:
    # The page depends on the data, which Sphinx does not watch: read it on every build.
    return [DOCNAME]


def setup(app: Sphinx) -> dict[str, Any]:
    """Fill in the coverage page whenever Sphinx reads it."""
    app.connect("source-read", _fill)
    app.connect("env-get-outdated", _always_outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
