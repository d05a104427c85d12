"""The table of formats on the formats page, made from the format registry at build time.

The page ``api/formats.md`` holds a marker line; when Sphinx reads the page, the marker is
replaced by a MyST table of :func:`defcoop.formats` (each format's name, suffix, what it
writes and reads, the extra it needs) followed by the citation styles of
:func:`defcoop.views.cite.styles`, so that the page lists exactly the formats the modules of
:mod:`defcoop.io` declare. ``tests/io/test_registry.py`` checks the table without Sphinx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MARKER = "<!-- formats: generated at build time by docs/_ext/defcoop_formats.py -->"
DOCNAME = "api/formats"


def _cell(text: str | None) -> str:
    """A declaration's words in a table cell: its roles kept, its pipes escaped."""
    if text is None:
        return "-"
    return text.replace("|", "\\|").replace(":func:", "{func}").replace("``", "`")


def table() -> str:
    """The formats and the citation styles as MyST Markdown tables."""
    import defcoop
    from defcoop.views.cite import styles

    lines = [
        "| format | suffix | writes (`defcoop export --format`) | reads | extra | module |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for found in defcoop.formats():
        extra = f"`defcoop[{found.extra}]`" if found.extra else "-"
        lines.append(
            f"| `{found.name}` | `{found.suffix}` | {_cell(found.writes)} | "
            f"{_cell(found.reads)} | {extra} | {{mod}}`{found.module}` |"
        )
    lines += [
        "",
        "Citation styles (`Dataset.cite(style=...)`, `defcoop cite --style`):",
        "",
        "| style | title | suffix |",
        "| --- | --- | --- |",
        *(f"| `{s.name}` | {s.title} | `{s.suffix}` |" for s in styles()),
    ]
    return "\n".join(lines) + "\n"


def _fill(_app: Sphinx, docname: str, source: list[str]) -> None:
    from sphinx.util import logging

    if docname != DOCNAME:
        return
    if MARKER not in source[0]:
        logging.getLogger(__name__).warning(
            "the formats page needs the marker line %s",
            MARKER,
            location=docname,
            type="defcoop",
            subtype="formats",
        )
        return
    source[0] = source[0].replace(MARKER, table())


def _always_outdated(*_args: Any) -> list[str]:
    # The table depends on the modules of defcoop.io, which Sphinx does not watch.
    return [DOCNAME]


def setup(app: Sphinx) -> dict[str, Any]:
    """Fill in the table of formats whenever Sphinx reads the formats page."""
    app.connect("source-read", _fill)
    app.connect("env-get-outdated", _always_outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
