"""The documentation: the API reference names every public object, the coverage page every record.

The pages' examples themselves run as doctests (pytest collects ``docs/*.md``); Sphinx is
not needed here, since the coverage page is rendered by a plain function.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import defcoop
from defcoop._validation import _citations, _references

DOCS = Path(__file__).resolve().parents[1] / "docs"
_DIRECTIVE = re.compile(r"^\.\. (?:auto)?(\w+):: (\S+)", re.MULTILINE)


def _extension(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, DOCS / "_ext" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _documented() -> set[str]:
    """Full names of the objects and modules the API reference documents."""
    return {
        name if name.startswith("defcoop") else f"defcoop.{name}"
        for kind, name in _DIRECTIVE.findall((DOCS / "api.md").read_text("utf-8"))
        if kind != "currentmodule"
    }


def _public_modules() -> list[str]:
    return sorted(
        f"defcoop.{info.name}"
        for info in pkgutil.iter_modules(defcoop.__path__)
        if not info.name.startswith("_")
    )


def test_every_public_module_is_documented() -> None:
    """Each public module of the package has its documentation in the API reference."""
    missing = [name for name in _public_modules() if name not in _documented()]
    assert not missing


@pytest.mark.parametrize("module_name", ["defcoop", *_public_modules()])
def test_every_public_name_is_documented(module_name: str) -> None:
    """Each name in a public module's __all__ is documented, under defcoop or a public module."""
    module = importlib.import_module(module_name)
    documented = _documented()
    homes = [importlib.import_module(name) for name in ["defcoop", *_public_modules()]]
    missing = [
        name
        for name in module.__all__
        if not any(
            f"{home.__name__}.{name}" in documented
            and getattr(home, name, None) is getattr(module, name)
            for home in homes
        )
    ]
    assert not missing


def test_coverage_page_lists_every_record_with_its_citations(db: defcoop.Dataset) -> None:
    """The generated coverage page has an entry per record, holding each of its citations."""
    coverage = _extension("defcoop_coverage")
    page = coverage.render(db)
    entries = re.split(r"^\(record-", page, flags=re.MULTILINE)[1:]
    by_label = {entry.split(")=", 1)[0]: entry for entry in entries}
    assert sorted(by_label) == sorted(coverage.label(r.id).removeprefix("record-") for r in db)
    for record in db:
        entry = by_label[coverage.label(record.id).removeprefix("record-")]
        for _attribute, citation in _citations(record):
            assert f"`{citation} <record-{citation.source.lower()}>`" in entry, record.id


def test_coverage_page_links_every_reference(db: defcoop.Dataset) -> None:
    """Every id a record refers to is shown as a link on the coverage page."""
    coverage = _extension("defcoop_coverage")
    page = coverage.render(db)
    entries = {
        entry.split(")=", 1)[0]: entry
        for entry in re.split(r"^\(record-", page, flags=re.MULTILINE)[1:]
    }
    for record in db:
        entry = entries[record.id.lower()]
        for _attribute, target, _type in _references(record):
            assert f"{{ref}}`{target} <{coverage.label(target)}>`" in entry, (record.id, target)


def test_coverage_page_marks_inferred_values(db: defcoop.Dataset) -> None:
    """An attribute listed in a record's inferred is marked as such on the coverage page."""
    page = _extension("defcoop_coverage").render(db)
    entry = page.split("(record-lich-visit-rus-2018-04)=", 1)[1].split("\n(record-", 1)[0]
    assert "when\n: 2018\\-04 *(inferred)*" in entry
    assert "parties\n: {ref}`VNM <record-vnm>`, {ref}`RUS <record-rus>`\n" in entry


def test_coverage_text_is_shown_literally() -> None:
    """Markdown punctuation in the data is escaped, so it shows as written."""
    text = _extension("defcoop_coverage").text
    assert text("*not emphasis* [nor a link](x) ASEAN+") == (
        r"\*not emphasis\* \[nor a link\]\(x\) ASEAN\+"
    )
