"""The dataset's own citation, read from ``CITATION.cff``: BibTeX, CSL-JSON, APA or Chicago.

A researcher cites the data, at the version used. :func:`defcoop.cite_dataset` (and
``defcoop cite --dataset``) prints a paste-ready citation of the bundled dataset from
``CITATION.cff``, the one file that names it: its ``preferred-citation`` gives the dataset's title, authors, data
version, release date, licence and, once a release has one, DOI; its top-level ``version``
is the code's, named in the note. The repository's ``CITATION.cff`` is the one copy: the
wheel holds it as ``defcoop/CITATION.cff`` (copied in at build time), and a checkout reads it
at the repository's root.

>>> print(cite_dataset(style="apa"), end="")
The defcoop maintainers. (2026). defcoop: Bilateral Defense Cooperation Data (Version 2026.12.0) [Data set]. Data licence CC-BY-4.0; read with defcoop 0.1.0.dev0 (MIT).
"""  # noqa: E501

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from defcoop.errors import DataError, Problem
from defcoop.query._lookup import check_text, unknown
from defcoop.views.cite import _escape as escape

__all__ = ["DATASET_STYLES", "citation_file", "cite_dataset"]

#: The styles :func:`defcoop.cite_dataset` writes (``"csl-json"`` is read as ``"csl"``).
DATASET_STYLES = ("bibtex", "csl", "apa", "chicago")

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def citation_file() -> dict[str, Any]:
    """``CITATION.cff`` as a mapping of text values (a fresh copy each call).

    Raises:
        DataError: when the file cannot be found or read, naming where it was looked for.
    """
    return json.loads(_citation_json())  # type: ignore[no-any-return]


@cache
def _citation_json() -> str:
    from defcoop.views._cff import read

    shipped = resources.files("defcoop").joinpath("CITATION.cff")
    if shipped.is_file():
        return json.dumps(read(shipped.read_text(encoding="utf-8"), name=str(shipped)))
    # A checkout (src layout): the repository's own file, two folders above the package.
    package = Path(__file__).resolve().parents[1]
    checkout = package.parents[1] / "CITATION.cff"
    if package.parent.name == "src" and checkout.is_file():
        return json.dumps(read(checkout.read_text(encoding="utf-8"), name=str(checkout)))
    raise DataError(
        [
            Problem(
                file=str(shipped),
                message="CITATION.cff is missing from the installed package (and this is no "
                "checkout with one at its root): reinstall defcoop",
            )
        ]
    )


def cite_dataset(*, style: str = "bibtex") -> str:
    """A citation of the bundled dataset at this version, ready to paste, from CITATION.cff.

    ``style`` is ``"bibtex"`` (a ``@misc`` entry with biblatex's ``version``, which BibTeX
    and biblatex both read), ``"csl"`` (a CSL-JSON list of one ``dataset`` item, for Zotero
    and pandoc), ``"apa"`` (APA 7, data set) or ``"chicago"`` (Chicago author-date). Each
    names the data version and release date, the authors, the data licence and the code
    version, and the DOI once a release has one.

    >>> print(cite_dataset(), end="")
    @misc{defcoop-data-2026.12.0,
      author = {{The defcoop maintainers}},
      title = {{defcoop}: Bilateral Defense Cooperation Data},
      version = {2026.12.0},
      date = {2026-12-01},
      year = {2026},
      month = dec,
      note = {Data version 2026.12.0. Data licence CC-BY-4.0; read with defcoop 0.1.0.dev0 (MIT).},
    }

    Raises:
        UnknownNameError: for an unknown style, naming the closest.
        DataError: when CITATION.cff cannot be read.
    """
    chosen = check_text(style, "style").lower()
    chosen = "csl" if chosen == "csl-json" else chosen
    if chosen not in DATASET_STYLES:
        raise unknown("citation style", style, DATASET_STYLES)
    entry = _Entry(citation_file())
    return {"bibtex": entry.bibtex, "csl": entry.csl, "apa": entry.apa, "chicago": entry.chicago}[
        chosen
    ]()


class _Entry:
    """What a citation of the dataset says, taken from CITATION.cff's fields."""

    def __init__(self, cff: dict[str, Any]) -> None:
        data: dict[str, Any] = cff.get("preferred-citation") or {}
        self.title: str = data.get("title") or cff.get("title") or "defcoop data"
        self.version: str = data.get("version", "")
        self.code_version: str = cff.get("version", "")
        self.released: str = data.get("date-released", "")
        self.licence: str = data.get("license", "")
        self.code_licence: str = cff.get("license", "")
        self.authors = [_name(a) for a in data.get("authors") or cff.get("authors") or []]
        self.doi: str | None = data.get("doi") or cff.get("doi")
        self.url: str | None = data.get("url")

    @property
    def year(self) -> str:
        return self.released[:4]

    @property
    def note(self) -> str:
        parts = []
        if self.licence:
            parts.append(f"Data licence {self.licence}")
        if self.code_version:
            licence = f" ({self.code_licence})" if self.code_licence else ""
            parts.append(f"read with defcoop {self.code_version}{licence}")
        return "; ".join(parts) + "." if parts else ""

    def _link(self) -> str:
        if self.doi:
            return f" https://doi.org/{self.doi}"
        return f" {self.url}" if self.url else ""

    def bibtex(self) -> str:
        fields = [
            ("author", " and ".join("{" + escape(name) + "}" for name in self.authors)),
            ("title", escape(self.title).replace("defcoop", "{defcoop}", 1)),
            ("version", escape(self.version)),
        ]
        if self.released:
            fields += [("date", self.released), ("year", self.year)]
        if self.doi:
            fields.append(("doi", escape(self.doi)))
        if self.url:
            fields.append(("url", self.url))
        note = f"Data version {self.version}. {self.note}".strip()
        fields.append(("note", escape(note)))
        lines = [f"@misc{{defcoop-data-{self.version},"]
        for name, value in fields:
            lines.append(f"  {name} = {{{value}}},")
            if name == "year" and len(self.released) >= 7:
                lines.append(f"  month = {_MONTHS[int(self.released[5:7]) - 1]},")
        return "\n".join([*lines, "}"]) + "\n"

    def csl(self) -> str:
        item: dict[str, Any] = {
            "id": f"defcoop-data-{self.version}",
            "type": "dataset",
            "title": self.title,
            "author": [{"literal": name} for name in self.authors],
            "version": self.version,
        }
        if self.released:
            item["issued"] = {"date-parts": [[int(p) for p in self.released.split("-")]]}
        if self.doi:
            item["DOI"] = self.doi
        if self.url:
            item["URL"] = self.url
        if self.note:
            item["note"] = self.note
        return json.dumps([item], ensure_ascii=False, indent=2) + "\n"

    def apa(self) -> str:
        authors = _listed(self.authors, "&")
        year = self.year or "n.d."
        text = f"{authors}. ({year}). {self.title} (Version {self.version}) [Data set]."
        return f"{text}{self._link()} {self.note}".rstrip() + "\n"

    def chicago(self) -> str:
        authors = _listed(self.authors, "and")
        released = ""
        if len(self.released) == 10:
            year, month, day = self.released.split("-")
            released = f" Released {_MONTH_NAMES[int(month) - 1]} {int(day)}, {year}."
        text = f"{authors}. {self.year or 'n.d.'}. {self.title}. Version {self.version}. Data set."
        return f"{text}{released}{self._link()} {self.note}".rstrip() + "\n"


def _name(author: dict[str, Any]) -> str:
    """An author as written: an entity's name, or a person's given and family names."""
    if author.get("name"):
        return str(author["name"])
    parts = (author.get("given-names"), author.get("name-particle"), author.get("family-names"))
    return " ".join(str(p) for p in parts if p)


def _listed(names: list[str], conjunction: str) -> str:
    if len(names) <= 1:
        return "".join(names) or "Anonymous"
    return ", ".join(names[:-1]) + f", {conjunction} {names[-1]}"
