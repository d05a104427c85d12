"""Citations a reference manager imports: BibTeX and CSL-JSON entries for sources and records.

:meth:`defcoop.Dataset.cite` gives one entry per source: for a source, its own entry; for any
other record, an entry for each source the record cites, with the paragraphs it rests on in
the entry's ``note``. Entries hold what the source records: authors as the document gives
them, title, publisher, date at its precision, language, translator, address and the day it
was read. Nothing here needs an optional dependency.

BibTeX entries are ``@misc`` (the type every BibTeX style knows), with biblatex's ``url``,
``urldate``, ``date`` and ``translator`` fields besides the classic ``year`` and ``month``.
Authors are written as single names in braces (``{Le Van A}``), since a name's family and
given parts cannot be told apart in every language. CSL-JSON items follow the CSL data
schema: ``webpage`` for a document with an address, ``document`` otherwise, names as
``literal``, dates as ``date-parts`` with only the parts that are known.

>>> import defcoop
>>> print(defcoop.load().cite("strengthening-2016", style="bibtex"), end="")
@misc{strengthening-2016,
  title = {Strengtheing the Vietnam - Russia defense cooperation in the framework of comprehensive strategic partnership},
  publisher = {Ministry of National Defence - Socialist Republic of VietNam},
  date = {2016-04-26},
  year = {2016},
  month = apr,
  language = {en},
  url = {https://www.mod.gov.vn/en/detail/!ut/p/z0/TYq9DoIwFEafxvHmlp_SdoTBwRgTjTFwF9NCS1BsJRD08W10cTrn5PuQsEbyeh16vQzB6zF2Q8V1Wx5OskpKxs77lB2r_MKVEpmsMtwh9WMwv-twmyYqkdrgF_tesH6EbsNmDZFg_VetB29f87_DGqfWMJ1yraAwjkMurQAjpQNhjFKuYy5JO3zeqfkASTTRwA!!/},
  urldate = {2026-12-01},
}
"""  # noqa: E501

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from defcoop.model.records import Record, Source
from defcoop.query._lookup import check_text, unknown
from defcoop.views.evidence import build_evidence

if TYPE_CHECKING:
    from defcoop.model.dates import PartialDate
    from defcoop.query.collection import Collection

__all__ = ["STYLES", "Style", "bibtex", "cite", "csl_json", "styles"]

#: Sources with the paragraphs cited (none for a source cited as a whole), in citation order.
Cited = Sequence[tuple[Source, Sequence[int]]]

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# BibTeX counts braces whatever precedes them, so a lone brace is written as a command.
_BIBTEX_SPECIAL = {c: "\\" + c for c in "&%$#_"} | {
    "{": "\\textbraceleft{}",
    "}": "\\textbraceright{}",
    "\\": "\\textbackslash{}",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
}


def cite(dataset: Collection, record: str | Record, *, style: str = "bibtex") -> str:
    """Entries for a source, or for the sources a record cites; see :meth:`defcoop.Dataset.cite`.

    Raises:
        UnknownNameError: for an unknown id or style, naming the closest.
        DataError: when a record given directly cites a source the dataset does not hold.
    """
    chosen = _STYLES.get(check_text(style, "style").lower())
    if chosen is None:
        raise unknown("citation style", style, STYLES)
    if isinstance(record, str):
        record = dataset.get(record)
    else:
        from defcoop.query._arguments import is_record

        if not is_record(record):
            from defcoop._quote import described
            from defcoop.errors import ArgumentError

            raise ArgumentError(f"cite() expects a record or its id, got {described(record)}")
    return chosen.entries(_cited(dataset, record), record)


def _cited(dataset: Collection, record: Record) -> list[tuple[Source, Sequence[int]]]:
    """The sources a record rests on, each with the paragraphs cited, in citation order."""
    if isinstance(record, Source):
        return [(record, ())]
    sources: dict[str, Source] = {}
    paragraphs: dict[str, set[int]] = {}
    for item in build_evidence(dataset, record):
        sources.setdefault(item.source.id, item.source)
        paragraphs.setdefault(item.source.id, set()).add(item.paragraph)
    return [(source, tuple(sorted(paragraphs[key]))) for key, source in sources.items()]


def _note(source: Source, paragraphs: Sequence[int], record: Record) -> str | None:
    if not paragraphs:
        return None
    word = "paragraph" if len(paragraphs) == 1 else "paragraphs"
    numbers = ", ".join(map(str, paragraphs))
    return f"cited for {record.id}: {word} {numbers}"


def bibtex(source: Source, paragraphs: Sequence[int] = (), record: Record | None = None) -> str:
    """One BibTeX entry for ``source``; with ``paragraphs``, a note names them for ``record``."""
    fields: list[tuple[str, str]] = []
    if source.authors:
        fields.append(("author", " and ".join("{" + _escape(a) + "}" for a in source.authors)))
    fields.append(("title", _escape(source.title or source.id)))
    if source.publisher:
        fields.append(("publisher", _escape(source.publisher)))
    if source.published is not None:
        fields.append(("date", str(source.published)))
        fields.append(("year", str(source.published.year)))
    if source.translator:
        fields.append(("translator", "{" + _escape(source.translator) + "}"))
    fields.append(("language", _escape(source.language)))
    if source.url:
        fields.append(("url", source.url.replace("}", "%7D").replace("{", "%7B")))
    if source.accessed is not None:
        fields.append(("urldate", str(source.accessed)))
    note = None if record is None else _note(source, paragraphs, record)
    if note:
        fields.append(("note", _escape(note)))
    lines = [f"@misc{{{_key(source.id)},"]
    for name, value in fields:
        lines.append(f"  {name} = {{{value}}},")
        if name == "year" and source.published and source.published.month:
            lines.append(f"  month = {_MONTHS[source.published.month - 1]},")
    return "\n".join([*lines, "}"]) + "\n"


def csl_json(
    source: Source, paragraphs: Sequence[int] = (), record: Record | None = None
) -> dict[str, Any]:
    """One CSL-JSON item for ``source``; with ``paragraphs``, a note names them for ``record``."""
    item: dict[str, Any] = {
        "id": source.id,
        "type": "webpage" if source.url else "document",
        "title": source.title or source.id,
        "language": source.language,
    }
    if source.authors:
        item["author"] = [{"literal": name} for name in source.authors]
    if source.translator:
        item["translator"] = [{"literal": source.translator}]
    if source.publisher:
        item["publisher"] = source.publisher
    if source.published is not None:
        item["issued"] = _date_parts(source.published)
    if source.url:
        item["URL"] = source.url
    if source.accessed is not None:
        item["accessed"] = _date_parts(source.accessed)
    note = None if record is None else _note(source, paragraphs, record)
    if note:
        item["note"] = note
    return item


def _bibtex_entries(cited: Cited, record: Record | None) -> str:
    return "\n".join(bibtex(source, paragraphs, record) for source, paragraphs in cited)


def _csl_entries(cited: Cited, record: Record | None) -> str:
    items = [csl_json(source, paragraphs, record) for source, paragraphs in cited]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


@attrs.frozen(kw_only=True)
class Style:
    """A citation style, declared once: :meth:`defcoop.Dataset.cite`, ``defcoop cite
    --style``, the export format of the same name (:mod:`defcoop.io.bibtex`...) and the
    documentation read it.

    Attributes:
        name: what ``style=`` takes (``"bibtex"``).
        title: its name for people (``"BibTeX"``).
        suffix: the suffix of a file of its entries (``".bib"``).
        entries: the text of the entries for sources, each with the paragraphs cited, and
            the record they are cited for (None for the sources themselves).
    """

    name: str
    title: str
    suffix: str
    entries: Callable[[Sequence[tuple[Source, Sequence[int]]], Record | None], str] = attrs.field(
        repr=False
    )


_STYLES = {
    style.name: style
    for style in (
        Style(name="bibtex", title="BibTeX", suffix=".bib", entries=_bibtex_entries),
        Style(name="csl-json", title="CSL-JSON", suffix=".csl.json", entries=_csl_entries),
    )
}

#: The names of the citation styles :func:`cite` writes, in the order of :func:`styles`.
STYLES = tuple(_STYLES)


def styles() -> tuple[Style, ...]:
    """Every citation style, declared once; :func:`cite` writes each.

    >>> [style.name for style in styles()]
    ['bibtex', 'csl-json']
    """
    return tuple(_STYLES.values())


def _date_parts(date: PartialDate) -> dict[str, Any]:
    parts = [date.year] + [p for p in (date.month, date.day) if p is not None]
    return {"date-parts": [parts]}


def _escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in text)


def _key(source_id: str) -> str:
    """A BibTeX key: the source id, which holds only letters, digits and ``_.:-``."""
    return source_id
