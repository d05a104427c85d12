"""The link checker CI runs on the built documentation (.ci/check_links.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "check_links.py"


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_links", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><body>{body}</body></html>", "utf-8")
    return root


GOOD = {
    "index.html": (
        '<h1 id="top">Home</h1><a href="api/records.html#defcoop.Agreement">Agreement</a>'
        '<a href="#top">top</a><a href="https://example.org/nowhere">away</a>'
        '<img src="_images/chart.png"><a href="api/">the API</a>'
        '<a href="mailto:someone@example.org">mail</a><a href="#">back to top</a>'
    ),
    "api/index.html": '<a href="../index.html#top">home</a>',
    "api/records.html": '<dt id="defcoop.Agreement">Agreement</dt><a name="old-anchor"></a>'
    '<a href="records.html#old-anchor">self</a><link rel="stylesheet" href="../_static/s.css">',
    "_static/s.css": "",
    "_images/chart.png": "",
}


def test_a_site_whose_links_resolve_passes(checker: ModuleType, tmp_path: Path) -> None:
    """Links to files, folders and anchors that exist, and to other sites, are not reported."""
    site = _site(tmp_path, GOOD)
    assert list(checker.broken_links(site)) == []
    assert checker.main([str(site)]) == 0


@pytest.mark.parametrize(
    ("planted", "reported"),
    [
        ('<a href="api/nosuch.html">x</a>', "api/nosuch.html (no such file)"),
        ('<a href="api/records.html#defcoop.Nothing">x</a>', "no anchor #defcoop.Nothing"),
        ('<a href="#nowhere">x</a>', "#nowhere (no anchor #nowhere in index.html)"),
        ('<img src="_images/missing.png">', "_images/missing.png (no such file)"),
        ('<a href="../../outside.html">x</a>', "(points outside the site)"),
    ],
)
def test_a_planted_broken_link_fails_the_check(
    checker: ModuleType, tmp_path: Path, planted: str, reported: str
) -> None:
    """A link to a missing page, anchor or image is reported with its page, and exits 1."""
    pages = dict(GOOD)
    pages["index.html"] += planted
    site = _site(tmp_path / "site", pages)
    broken = list(checker.broken_links(site))
    assert len(broken) == 1
    assert broken[0].startswith("index.html: ")
    assert reported in broken[0]
    assert checker.main([str(site)]) == 1


def test_usage_error_without_a_folder(checker: ModuleType, tmp_path: Path) -> None:
    """Run without a site folder, the checker says how to call it and exits 2."""
    assert checker.main([]) == 2
    assert checker.main([str(tmp_path / "missing")]) == 2
