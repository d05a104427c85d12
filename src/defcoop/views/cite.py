"""Citations a reference manager imports: BibTeX and CSL-JSON entries for sources and answers.

:meth:`defcoop.Dataset.cite` gives one entry per source: for a source, its own entry; for any
other record, or for every record of an answer (``db.cite(db.agreements(field="training"))``),
an entry for each source cited, once, with the paragraphs each record rests on in the entry's
``note``. Entries hold what the source records: authors as the document gives them, title as
published, publisher, date at its precision, language, translator, address and the day it was
read. Nothing here needs an optional dependency.

BibTeX entries are ``@misc`` (the type every BibTeX style knows), with biblatex's ``url``,
``urldate``, ``date``, ``langid`` and ``translator`` fields besides the classic ``year`` and
``month``. An undated source has ``year = {n.d.}``, so that no style dates it by the day it
was read; ``langid`` is the language's name as babel and biblatex know it (``russian``), not
its code. A title the curators supplied (in square brackets in the data) or a remark on the
title (``(headline not in the stored copy)``) goes to ``note``, never into ``title``. The key
is the source's id; an id with capitals gets ``+`` and a number telling which letters are
capitals, since BibTeX keys ignore case (``BBC-1`` is ``BBC-1+7``). Control characters are
dropped. Authors are written as single names in braces (``{Le Van A}``), since a name's family
and given parts cannot be told apart in every language. CSL-JSON items follow the CSL data
schema: ``webpage`` for a document with an address, ``document`` otherwise, names as
``literal``, dates as ``date-parts`` with only the parts that are known, ``n.d.`` as a
``literal`` date where none is.

>>> import defcoop
>>> print(defcoop.load().cite("strengthening-2016", style="bibtex"), end="")
@misc{strengthening-2016,
  title = {{Strengtheing the Vietnam - Russia defense cooperation in the framework of comprehensive strategic partnership}},
  publisher = {Ministry of National Defence - Socialist Republic of VietNam},
  date = {2016-04-26},
  year = {2016},
  month = apr,
  langid = {english},
  url = {https://www.mod.gov.vn/en/detail/!ut/p/z0/TYq9DoIwFEafxvHmlp_SdoTBwRgTjTFwF9NCS1BsJRD08W10cTrn5PuQsEbyeh16vQzB6zF2Q8V1Wx5OskpKxs77lB2r_MKVEpmsMtwh9WMwv-twmyYqkdrgF_tesH6EbsNmDZFg_VetB29f87_DGqfWMJ1yraAwjkMurQAjpQNhjFKuYy5JO3zeqfkASTTRwA!!/},
  urldate = {2026-12-01},
}
"""  # noqa: E501

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

import attrs

from defcoop.model.records import Record, Relationship, Source
from defcoop.query._lookup import check_text, unknown
from defcoop.views.evidence import build_evidence, is_answer

if TYPE_CHECKING:
    from defcoop.model.dates import PartialDate
    from defcoop.query.collection import Collection

__all__ = [
    "LANGUAGES",
    "STYLES",
    "TITLE_REMARKS",
    "Cited",
    "Style",
    "bibtex",
    "bibtex_key",
    "cite",
    "csl_json",
    "split_title",
    "styles",
]


#: Languages by ISO 639-1 code (a source's ``language``), named as babel, polyglossia and
#: biblatex's ``langid`` name them.
LANGUAGES = {
    "ar": "arabic",
    "be": "belarusian",
    "bg": "bulgarian",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "he": "hebrew",
    "hi": "hindi",
    "hr": "croatian",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "ja": "japanese",
    "ka": "georgian",
    "kk": "kazakh",
    "km": "khmer",
    "ko": "korean",
    "lo": "lao",
    "lt": "lithuanian",
    "lv": "latvian",
    "mn": "mongolian",
    "ms": "malay",
    "my": "burmese",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sk": "slovak",
    "sl": "slovenian",
    "sr": "serbian",
    "sv": "swedish",
    "th": "thai",
    "tr": "turkish",
    "uk": "ukrainian",
    "ur": "urdu",
    "uz": "uzbek",
    "vi": "vietnamese",
    "zh": "chinese",
}

#: Remarks the curators append to a title, in parentheses; they go to an entry's note.
TITLE_REMARKS = ("headline not in the stored copy", "untitled English translation")

#: What an undated source gives for its year, which biblatex and CSL print as they are.
NO_DATE = "n.d."

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# BibTeX counts braces whatever precedes them, so a lone brace is written as a command.
_BIBTEX_SPECIAL = {c: "\\" + c for c in "&%$#_"} | {
    "{": "\\textbraceleft{}",
    "}": "\\textbraceright{}",
    "\\": "\\textbackslash{}",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
}
# Marks that reorder the text around them: never written where a reader cannot see them.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_REMARK = re.compile(r"(.*\S)\s+\((" + "|".join(map(re.escape, TITLE_REMARKS)) + r")\)", re.S)

#: The records citing a source, each with the paragraphs it cites, in citation order.
_Uses = tuple[tuple[str, tuple[int, ...]], ...]
#: Each source cited once, with the records citing it (none for a source cited as a whole)
#: and the version of the data they are cited from (None where the dataset has none).
Cited = Sequence[tuple[Source, _Uses, str | None]]


def cite(
    dataset: Collection,
    record: str | Record | Iterable[str | Record],
    *,
    style: str = "bibtex",
    field: str | None = None,
) -> str:
    """Entries for a source, for the sources a record cites, or for those of a whole answer.

    Each source has one entry, however many records cite it; its note names the paragraphs
    each record cites. With ``field``, a relationship's entries are only the sources cited
    for that field (see :meth:`defcoop.Dataset.evidence`). See
    :meth:`defcoop.Dataset.cite`.

    Raises:
        UnknownNameError: for an unknown id, field or style, naming the closest.
        DataError: when a record given directly cites a source the dataset does not hold.
    """
    chosen = _STYLES.get(check_text(style, "style").lower())
    if chosen is None:
        raise unknown("citation style", style, STYLES)
    records = list(record) if is_answer(record) else [cast("str | Record", record)]
    return chosen.entries(_cited(dataset, records, field))


def _bibtex_entries(cited: Cited) -> str:
    return "\n".join(_bibtex(source, uses, version) for source, uses, version in cited)


def _csl_entries(cited: Cited) -> str:
    items = [_csl(source, uses, version) for source, uses, version in cited]
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
        entries: the text of the entries for sources cited once each, with the records that
            cite them and the paragraphs each cites (none for a source cited as a whole).
    """

    name: str
    title: str
    suffix: str
    entries: Callable[[Cited], str] = attrs.field(repr=False)


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


def _cited(dataset: Collection, records: Iterable[str | Record], field: str | None) -> Cited:
    """Every source the records rest on, once, with the paragraphs each record cites; each
    record is named with the dataset's version, where it has one, so that a citation says
    which data it rests on."""
    version = None if dataset.info is None else dataset.info.version
    sources: dict[str, Source] = {}
    uses: dict[str, dict[str, set[int]]] = {}
    for record in records:
        evidence = build_evidence(dataset, record, field=field)
        if isinstance(evidence.record, Source):
            sources.setdefault(evidence.record.id, evidence.record)
            uses.setdefault(evidence.record.id, {})
        name = evidence.record.id
        if evidence.field is not None and isinstance(evidence.record, Relationship):
            name += f" (field {evidence.field})"
        for item in evidence:
            sources.setdefault(item.source.id, item.source)
            cited = uses.setdefault(item.source.id, {})
            cited.setdefault(name, set()).add(item.paragraph)
    return [
        (source, tuple((rid, tuple(sorted(p))) for rid, p in uses[key].items()), version)
        for key, source in sources.items()
    ]


def split_title(title: str | None) -> tuple[str | None, str | None]:
    """A title as published, and the curators' remark on it (None where there is none).

    A title in square brackets is the curators' description of an untitled document; a
    title ending in one of :data:`TITLE_REMARKS` in parentheses is the curators' rendering
    of a headline the copy lacks.

    >>> split_title("[Report on a visit]")
    (None, 'untitled; described by the curators as: Report on a visit')
    >>> split_title("Talks held (headline not in the stored copy)")
    ('Talks held', 'headline not in the stored copy')
    >>> split_title("Talks held (part 2)")
    ('Talks held (part 2)', None)
    """
    if title is None:
        return None, None
    if title.startswith("[") and title.endswith("]"):
        return None, f"untitled; described by the curators as: {title[1:-1].strip()}"
    remark = _REMARK.fullmatch(title)
    if remark is not None:
        return remark.group(1), remark.group(2)
    return title, None


def _note(source: Source, uses: _Uses, version: str | None = None) -> str | None:
    parts = [remark] if (remark := split_title(source.title)[1]) else []
    cited = []
    for record_id, paragraphs in uses:
        if paragraphs:
            word = "paragraph" if len(paragraphs) == 1 else "paragraphs"
            cited.append(f"{record_id}: {word} {', '.join(map(str, paragraphs))}")
    if cited:
        data = "" if version is None else f" (defcoop data {version})"
        parts.append("cited for " + "; for ".join(cited) + data)
    return "; ".join(parts) or None


def _uses(paragraphs: Sequence[int], record: Record | None) -> _Uses:
    return () if record is None or not paragraphs else ((record.id, tuple(paragraphs)),)


def bibtex(source: Source, paragraphs: Sequence[int] = (), record: Record | None = None) -> str:
    """One BibTeX entry for ``source``; with ``paragraphs``, a note names them for ``record``."""
    return _bibtex(source, _uses(paragraphs, record))


def _bibtex(source: Source, uses: _Uses, version: str | None = None) -> str:
    fields: list[tuple[str, str]] = []
    if source.authors:
        fields.append(("author", " and ".join("{" + _escape(a) + "}" for a in source.authors)))
    title = split_title(source.title)[0]
    if title:
        fields.append(("title", "{" + _escape(title) + "}"))
    if source.publisher:
        fields.append(("publisher", _escape(source.publisher)))
    if source.published is not None:
        fields.append(("date", str(source.published)))
        fields.append(("year", str(source.published.year)))
    else:
        fields.append(("year", NO_DATE))
    if source.translator:
        fields.append(("translator", "{" + _escape(source.translator) + "}"))
    language = LANGUAGES.get(source.language.strip().lower())
    fields.append(("langid", language) if language else ("language", _escape(source.language)))
    if source.url:
        fields.append(("url", _url(source.url)))
    if source.accessed is not None:
        fields.append(("urldate", str(source.accessed)))
    note = _note(source, uses, version)
    if note:
        fields.append(("note", _escape(note)))
    lines = [f"@misc{{{bibtex_key(source.id)},"]
    for name, value in fields:
        lines.append(f"  {name} = {{{value}}},")
        if name == "year" and source.published and source.published.month:
            lines.append(f"  month = {_MONTHS[source.published.month - 1]},")
    return "\n".join([*lines, "}"]) + "\n"


def csl_json(
    source: Source, paragraphs: Sequence[int] = (), record: Record | None = None
) -> dict[str, Any]:
    """One CSL-JSON item for ``source``; with ``paragraphs``, a note names them for ``record``."""
    return _csl(source, _uses(paragraphs, record))


def _csl(source: Source, uses: _Uses, version: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": source.id,
        "type": "webpage" if source.url else "document",
        "language": source.language,
    }
    title = split_title(source.title)[0]
    if title:
        item["title"] = title
    if source.authors:
        item["author"] = [{"literal": name} for name in source.authors]
    if source.translator:
        item["translator"] = [{"literal": source.translator}]
    if source.publisher:
        item["publisher"] = source.publisher
    item["issued"] = (
        {"literal": NO_DATE} if source.published is None else _date_parts(source.published)
    )
    if source.url:
        item["URL"] = source.url
    if source.accessed is not None:
        item["accessed"] = _date_parts(source.accessed)
    note = _note(source, uses, version)
    if note:
        item["note"] = note
    return item


def _date_parts(date: PartialDate) -> dict[str, Any]:
    parts = [date.year] + [p for p in (date.month, date.day) if p is not None]
    return {"date-parts": [parts]}


def _escape(text: str) -> str:
    """Text BibTeX reads as written: specials as commands, control characters dropped."""
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in _printable(text))


def _printable(text: str) -> str:
    """``text`` without control characters or bidi overrides (a line break is a space)."""
    kept = (" " if c in "\t\n\r" else c for c in text)
    return "".join(c for c in kept if not _control(c))


def _control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in _BIDI


def _url(url: str) -> str:
    """An address whose braces, control characters and bidi overrides are percent-encoded."""
    return "".join(
        "".join(f"%{byte:02X}" for byte in c.encode()) if c in "{}" or _control(c) else c
        for c in url
    )


def bibtex_key(source_id: str) -> str:
    """The BibTeX key of a source: unique however ids differ, stable whatever else is cited.

    A source id holds only letters, digits and ``_.:-``. BibTeX and pybtex compare keys
    without regard to case, so an id with capitals gets ``+`` and, in hexadecimal, the
    positions of its capitals as bits: two ids differing only in case never share a key,
    and since no id holds ``+``, no suffixed key is another source's id.

    >>> bibtex_key("mcis-7"), bibtex_key("BBC-1"), bibtex_key("bbC-1")
    ('mcis-7', 'BBC-1+7', 'bbC-1+4')
    """
    capitals = sum(1 << i for i, c in enumerate(source_id) if c.isupper())
    return f"{source_id}+{capitals:x}" if capitals else source_id
