"""Check a built HTML site for what a reader sees: no leaked escapes, no page too long.

Usage: python .ci/check_pages.py SITE_FOLDER

Two checks over every page's main content (furo's ``<article>``):

1. No literal Markdown escape in rendered text: a backslash before an ASCII punctuation mark
   (``Vietnam\\, Russia``, ``\\[Report\\]``) outside code, which a generator escaped where
   Markdown was not parsed. Search snippets come from the same text.
2. No content page longer than ``LIMIT`` px on a 1366 px wide desktop, except the pages of
   generated reference tables (``EXEMPT``). Headless Chromium is not available where CI runs,
   so the height is estimated from the HTML (:func:`estimate`), with the formula below.

The estimate. furo at 1366 px shows the article about 736 px wide (46em of 16 px); body
text is 16 px with a line height of 1.5, so a line is 24 px and holds about 90 characters.

- A paragraph, list item, term or caption: ceil(characters / 90) lines of 24 px, plus 12 px
  of margin.
- A heading: 56 px for ``h1``, 48 for ``h2``, 40 for the others (size and margins).
- A code block: 20 px per line (13 px text, line height 1.5) plus 40 px of padding and margin;
  long lines wrap on a desktop (``defcoop.css``), at about 105 characters.
- A table: per row, the tallest cell, at ceil(characters / (90 / columns)) lines of 24 px,
  plus 10 px of padding; a table inside another element is counted once, as a table.
- An image: its height from the PNG's own header, scaled down to 736 px of width if wider.

Calibration. The constants are furo's own (its CSS sets the sizes above), not fitted. The one
browser measurement at hand is issue 24's: Chromium measured the coverage page at 96,721 px
when it listed 112 sources. The same page built from the data of this change, which lists
334 sources and proportionally more records, is estimated at 311,115 px: about 3.2 times as
long for about 3 times the content, so the estimate is of the right size. It is meant to catch
pages several times too long, not to tell 14,000 px from 16,000; re-measure in a browser when
one is available, and adjust the constants here.

Exits 1 listing every problem, 0 when there is none. Only the standard library is needed.
"""

from __future__ import annotations

import math
import re
import struct
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

LIMIT = 15_000
# Pages of generated reference tables: every record, every source, every command, every
# API name, every column of every table (the codebook). They are long because the data and
# the API are; search and links lead into them.
EXEMPT = (
    "records.html",
    "sources.html",
    "cli.html",
    "codebook.html",
    "api/",
    "genindex.html",
    "search.html",
)
WIDTH = 736
CHARS = 90
LINE = 24
CODE_LINE = 20
CODE_CHARS = 105
ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_BLOCKS = frozenset({"p", "li", "dt", "dd", "figcaption", "caption", "blockquote"})
_SKIP_TEXT = frozenset({"code", "pre", "script", "style", "kbd", "samp"})
_HEADINGS = {"h1": 56, "h2": 48}


class _Article(HTMLParser):
    """The main content of a page: its text outside code, and its estimated height."""

    def __init__(self, site: Path, page: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.site, self.page = site, page
        self.depth = 0  # inside <article> when > 0
        self.text: list[str] = []  # rendered text outside code, for the escape check
        self.height = 0.0
        self._skip = 0
        self._block: list[str] | None = None
        self._pre: list[str] | None = None
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self.depth += 1
            return
        if not self.depth:
            return
        if tag in _SKIP_TEXT:
            self._skip += 1
        if tag == "pre" and self._table is None:
            self._pre = []
        elif tag == "table" and self._table is None:
            self._table = []
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
        elif tag in _BLOCKS and self._table is None and self._pre is None:
            self._end_block()
            self._block = []
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._table is None:
            self._end_block()
            self.height += _HEADINGS.get(tag, 40)
        elif tag == "img" and self._table is None:
            self.height += self._image(values.get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self._end_block()
            self.depth -= 1
            return
        if not self.depth:
            return
        if tag in _SKIP_TEXT and self._skip:
            self._skip -= 1
        if tag == "pre" and self._pre is not None:
            lines = "".join(self._pre).rstrip("\n").split("\n")
            wrapped = sum(max(1, math.ceil(len(line) / CODE_CHARS)) for line in lines)
            self.height += wrapped * CODE_LINE + 40
            self._pre = None
        elif tag in ("td", "th") and self._cell is not None and self._table:
            self._table[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._table is not None:
            self.height += _table_height(self._table)
            self._table = None
        elif tag in _BLOCKS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        if not self._skip:
            self.text.append(data)
        for part in (self._pre, self._cell, self._block):
            if part is not None:
                part.append(data)
                break

    def _end_block(self) -> None:
        if self._block is not None:
            characters = len(" ".join("".join(self._block).split()))
            if characters:
                self.height += math.ceil(characters / CHARS) * LINE + 12
            self._block = None

    def _image(self, src: str) -> float:
        path = (self.page.parent / src.split("#")[0]).resolve()
        size = png_size(path) if path.suffix == ".png" and path.is_file() else None
        if size is None:
            return 0.0
        width, height = size
        return height * min(1.0, WIDTH / width)


def _table_height(rows: list[list[str]]) -> float:
    height = 0.0
    for row in rows:
        if not row:
            continue
        per_line = max(1, CHARS // len(row))
        lines = max(max(1, math.ceil(len(cell) / per_line)) for cell in row)
        height += lines * LINE + 10
    return height


def png_size(path: Path) -> tuple[int, int] | None:
    """A PNG's width and height in pixels, read from its header, or None if not a PNG."""
    with path.open("rb") as file:
        head = file.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def measure(site: Path, page: Path) -> _Article:
    """The page's main content, parsed: its text outside code and its estimated height."""
    article = _Article(site, page)
    article.feed(page.read_text("utf-8", errors="replace"))
    article.close()
    return article


def estimate(site: Path, page: Path) -> int:
    """The page's estimated height in px at 1366 px wide (the module's docstring: formula)."""
    return round(measure(site, page).height)


def problems(site: Path) -> Iterator[str]:
    """Every leaked escape and every page too long under ``site``, as ``page: what``."""
    site = site.resolve()
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        if name.startswith(("_", ".")):
            continue
        article = measure(site, page)
        text = " ".join("".join(article.text).split())
        for match in ESCAPE.finditer(text):
            around = text[max(0, match.start() - 30) : match.end() + 10]
            yield f"{name}: a literal escape {match.group()!r} in {around!r}"
        if not name.startswith(EXEMPT) and article.height > LIMIT:
            yield f"{name}: about {round(article.height):,} px long on a desktop (over {LIMIT:,})"


def main(argv: list[str]) -> int:
    """Check the site folder named in ``argv``; print each problem; 0 if none, 1 if any."""
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python .ci/check_pages.py SITE_FOLDER", file=sys.stderr)
        return 2
    found = list(problems(Path(argv[0])))
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
