"""Crawl a built HTML site for broken internal links and anchors.

Usage: python .ci/check_links.py SITE_FOLDER

Every ``href`` and ``src`` of every ``.html`` file under the folder that points inside the
site (no scheme, no ``//`` host) must name a file that exists, and its ``#fragment``, if any,
must be the ``id`` (or ``<a name>``) of an element of the page it points to. Links to other
sites are not followed: the build runs offline. Exits 1 listing every broken link with the
page it is on, 0 when all resolve. Only the standard library is needed, so that it runs
wherever the site was built.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

_LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src"}


class _Page(HTMLParser):
    """The anchors a page defines and the links it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.anchors.add(values["name"])
        attribute = _LINKING.get(tag)
        if attribute is not None and attribute in values:
            self.links.append(values[attribute])


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8", errors="replace"))
    page.close()
    return page


def _internal(link: str) -> bool:
    parts = urlsplit(link)
    return not parts.scheme and not parts.netloc


def broken_links(site: Path) -> Iterator[str]:
    """Each broken internal link under ``site``, as ``page: link (why)``, in page order."""
    site = site.resolve()
    pages: dict[Path, _Page] = {}

    def page_at(path: Path) -> _Page:
        if path not in pages:
            pages[path] = _parse(path)
        return pages[path]

    for path in sorted(site.rglob("*.html")):
        where = path.relative_to(site).as_posix()
        for link in page_at(path).links:
            if not _internal(link):
                continue
            parts = urlsplit(link)
            target = path
            if parts.path:
                relative = PurePosixPath(unquote(parts.path))
                target = (path.parent / relative).resolve()
                if parts.path.endswith("/") or target.is_dir():
                    target = target / "index.html"
                if not target.is_relative_to(site):
                    yield f"{where}: {link} (points outside the site)"
                    continue
                if not target.is_file():
                    yield f"{where}: {link} (no such file)"
                    continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in page_at(target).anchors:
                yield f"{where}: {link} (no anchor #{fragment} in {target.name})"


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    site = Path(argv[0])
    broken = list(broken_links(site))
    for line in broken:
        print(line)
    pages = sum(1 for _ in site.rglob("*.html"))
    if broken:
        print(f"{len(broken)} broken internal links in {pages} pages", file=sys.stderr)
        return 1
    print(f"every internal link and anchor of {pages} pages resolves")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
