"""The API reference's pages, and a check that every public name is documented once.

The reference is split by what readers look for (:data:`PAGES`). Each public module is
documented on one page, under a heading of its own followed by its ``automodule`` (so its
description sits under its heading), and each name in its ``__all__`` is documented once,
on that page, under ``defcoop`` or the module. When Sphinx has read every page, the check
warns (so a ``-W`` build fails) about each public name that is missing or documented twice,
saying which page it belongs on; ``tests/test_docs.py`` runs the same check on the pages'
text without Sphinx. A new public module is reported with the list of pages to choose from.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# The pages of the reference, in reading order, and what a reader finds on each.
PAGES = {
    "api/index": "the package itself and a map of the reference",
    "api/records": "records, dates and vocabularies: what a dataset holds",
    "api/dataset": "the dataset, its queries and their results",
    "api/views": "views of an answer: timelines, dyad profiles, panels, evidence",
    "api/loading": "loading data files, their JSON Schema, and the errors defcoop raises",
    "api/interop": "taking the data elsewhere: pandas, networkx, JSON",
    "api/formats": "the field's formats: DCAD, PLOVER, citations, data packages, Arrow",
    "api/strategies": "hypothesis strategies for testing code built on defcoop",
    "api/rules": "the rules of attributes and what each record type declares",
    "cli": "the command line",
}

_DIRECTIVE = re.compile(r"^\s*\.\. (?:auto)?(\w+):: (\S+)", re.MULTILINE)


def public_modules() -> list[ModuleType]:
    """``defcoop`` and each of its modules and subpackages no part of whose name starts with an
    underscore, less the old names that only re-export a moved module (:mod:`defcoop._moved`)."""
    import defcoop
    from defcoop._moved import MOVED

    names = sorted(
        info.name
        for info in pkgutil.walk_packages(defcoop.__path__, "defcoop.")
        if not any(part.startswith("_") for part in info.name.split("."))
        and info.name.removeprefix("defcoop.") not in MOVED
    )
    return [defcoop, *(importlib.import_module(name) for name in names)]


def documented_in_text(text: str) -> list[str]:
    """The full names of the modules and objects a page's directives document.

    A name without a module is read in the last ``currentmodule`` (``defcoop`` at first).

    >>> documented_in_text('''
    ... .. automodule:: defcoop.model.dates
    ... .. currentmodule:: defcoop
    ... .. autoclass:: defcoop.PartialDate
    ... .. data:: __version__
    ... ''')
    ['defcoop.model.dates', 'defcoop.PartialDate', 'defcoop.__version__']
    """
    current = "defcoop"
    names = []
    for kind, name in _DIRECTIVE.findall(text):
        if kind == "currentmodule":
            current = name
        elif kind == "module" or name.startswith("defcoop"):
            names.append(name)
        else:
            names.append(f"{current}.{name}")
    return names


def documented_in_pages(docs: Path) -> dict[str, list[str]]:
    """Each documented full name and the pages (docnames) documenting it, from the files."""
    found: dict[str, list[str]] = defaultdict(list)
    for page in PAGES:
        path = docs / f"{page}.md"
        if path.is_file():
            for name in documented_in_text(path.read_text("utf-8")):
                found[name].append(page)
    return dict(found)


def problems(documented: Mapping[str, Iterable[str]]) -> Iterator[tuple[str, str]]:
    """What is missing or doubled in the reference, as ``(page, message)`` pairs.

    ``documented`` maps each documented full name (modules included) to the pages that
    document it. A public name counts as documented when ``defcoop.<name>`` or
    ``<its module>.<name>`` is documented and names the same object.
    """
    modules = public_modules()
    where = {name: list(pages) for name, pages in documented.items()}
    choices = "; ".join(f"docs/{page}.md ({what})" for page, what in PAGES.items())
    for module in modules:
        home = where.get(module.__name__, [])
        if not home:
            yield (
                "api/index",
                f"module {module.__name__} is not documented: give it a heading and an "
                f"'.. automodule:: {module.__name__}' on the page where readers look for it, "
                f"one of: {choices}",
            )
            continue
        if len(home) > 1:
            yield home[1], f"module {module.__name__} is documented on {', '.join(home)}"
        page = home[0]
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            names = [
                full
                for other in modules
                if getattr(other, name, None) is value
                and (full := f"{other.__name__}.{name}") in where
            ]
            places = [place for full in names for place in where[full]]
            if not places:
                yield (
                    page,
                    f"{module.__name__}.{name} is not documented: add it to docs/{page}.md, "
                    f"in the section of {module.__name__}",
                )
            elif len(places) > 1:
                yield page, f"{module.__name__}.{name} is documented more than once: {names}"


def _check(app: Sphinx, env: BuildEnvironment) -> None:
    from sphinx.util import logging

    documented: dict[str, list[str]] = defaultdict(list)
    for name, entry in env.get_domain("py").objects.items():  # type: ignore[attr-defined]
        if not entry.aliased:
            documented[name].append(entry.docname)
    logger = logging.getLogger(__name__)
    for page, message in problems(documented):
        logger.warning(message, location=page, type="defcoop", subtype="api")


def setup(app: Sphinx) -> dict[str, Any]:
    """Check the reference once every page has been read."""
    app.connect("env-check-consistency", _check)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
