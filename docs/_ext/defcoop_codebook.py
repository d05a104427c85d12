"""The codebook page, made at build time from :func:`defcoop.codebook` and the search logs.

The page's own file, ``codebook.md``, holds an introduction and a marker line; when Sphinx
reads it, the marker is replaced by :func:`defcoop.io.codebook.markdown` of the bundled data
(every table and panel, its columns, the search protocol and the coverage table), followed by
a summary of the curators' search logs in the repository's ``searches/`` folder: for each
log, what it searched for, the collection, the languages and how many queries in each. The
logs are read where the documentation is built from a checkout; nothing generated is
committed.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from defcoop_coverage import page_filler, setup_generated_page

from defcoop import Dataset

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MARKER = "<!-- codebook: generated at build time by docs/_ext/defcoop_codebook.py -->"
DOCNAME = "codebook"
LOGS = Path(__file__).resolve().parents[2] / "searches"

# A logged query: "N. query | language | results" or "- query | language | results".
_QUERY = re.compile(r"^(?:\d+\.|-)\s+(?P<query>.+?)\s+\|\s+(?P<language>[a-z]{2})\s+\|")
_CORPUS = re.compile(r"corpus\s+`(?P<corpus>[^`]+)`|`(?P<first>[^`]+)`\s+corpus")


def logs(folder: Path = LOGS) -> list[dict[str, Any]]:
    """Each search log of ``folder``: its title, the collection searched and its queries'
    languages (each with how many queries), in order of the file names."""
    found = []
    for path in sorted(folder.glob("searches-*.md")):
        text = path.read_text("utf-8")
        title = text.splitlines()[0].lstrip("# ").strip()
        languages: Counter[str] = Counter()
        for line in text.splitlines():
            match = _QUERY.match(line.strip())
            if match:
                languages[match["language"]] += 1
        corpus = _CORPUS.search(text)
        collection = (corpus["corpus"] or corpus["first"]) if corpus else "not stated"
        found.append(
            {
                "file": path.name,
                "title": title,
                "collection": collection,
                "languages": dict(languages.most_common()),
            }
        )
    return found


def render(db: Dataset, folder: Path = LOGS) -> str:
    """The codebook page's generated part: the codebook, then the search logs."""
    from defcoop.io.codebook import codebook, markdown

    text = markdown(codebook(db), heading="")
    lines = [text.lstrip("\n"), "## The curators' search logs", ""]
    found = logs(folder) if folder.is_dir() else []
    if not found:
        lines.append("No search logs are beside this build of the documentation.")
        return "\n".join(lines) + "\n"
    readme = folder / "README.md"
    if readme.is_file():
        paragraphs = readme.read_text("utf-8").split("\n\n")
        lines += [paragraphs[1].replace("\n", " ").strip(), ""] if len(paragraphs) > 1 else []
    lines += [
        "| log | collection searched | queries by language |",
        "| --- | --- | --- |",
    ]
    for log in found:
        languages = ", ".join(f"{code} {n}" for code, n in log["languages"].items())
        lines.append(f"| {log['title']} | {log['collection']} | {languages} |")
    return "\n".join([*lines, ""])


_fill = page_filler(DOCNAME, MARKER, "codebook", render)


def setup(app: Sphinx) -> dict[str, Any]:
    """Fill in the codebook page whenever Sphinx reads it."""
    return setup_generated_page(app, DOCNAME, _fill)
