"""The page checks CI runs on the built documentation (.ci/check_pages.py)."""

from __future__ import annotations

import importlib.util
import struct
import zlib
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "check_pages.py"


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_pages", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    crc = struct.pack(">I", zlib.crc32(chunk))
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + crc


def _site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = f"<html><body><nav>menu \\[x\\]</nav><article>{body}</article></body></html>"
        path.write_text(text, "utf-8")
    return root


def test_a_short_clean_site_passes(checker: ModuleType, tmp_path: Path) -> None:
    """Escapes in code and outside the article, and a short page, are not reported."""
    site = _site(tmp_path, {"index.html": "<h1>Home</h1><p>Plain.</p><pre>a\\[b\\]</pre>"})
    assert list(checker.problems(site)) == []
    assert checker.main([str(site)]) == 0


def test_a_leaked_escape_is_reported(checker: ModuleType, tmp_path: Path) -> None:
    """A backslash before punctuation in rendered text is reported with its page."""
    site = _site(tmp_path, {"coverage.html": "<p>Vietnam\\, Russia and <em>\\[Report\\]</em></p>"})
    found = list(checker.problems(site))
    assert len(found) == 3
    assert all(problem.startswith("coverage.html: a literal escape") for problem in found)
    assert checker.main([str(site)]) == 1


def test_height_follows_the_documented_formula(checker: ModuleType, tmp_path: Path) -> None:
    """Text lines, code lines, table rows and image heights add up as the docstring says."""
    (tmp_path / "_images").mkdir()
    (tmp_path / "_images" / "wide.png").write_bytes(_png(1472, 800))
    body = (
        "<h1>T</h1>"  # 56
        f"<p>{'x' * 181}</p>"  # 3 lines: 72 + 12
        "<pre>one\ntwo</pre>"  # 2 * 20 + 40
        "<table><tr><td>a</td><td>" + "y" * 46 + "</td></tr></table>"  # 2 lines: 48 + 10
        '<img src="_images/wide.png">'  # 800 * 736 / 1472 = 400
    )
    site = _site(tmp_path, {"page.html": body})
    assert checker.estimate(site, site / "page.html") == 56 + 84 + 80 + 58 + 400


def test_a_long_page_fails_unless_generated_reference(checker: ModuleType, tmp_path: Path) -> None:
    """A content page over the limit is reported; the generated reference pages are not."""
    long = "".join(f"<p>{'word ' * 40}</p>" for _ in range(600))  # 600 * (3 * 24 + 12)
    site = _site(tmp_path, {"tutorial.html": long, "records.html": long, "api/x.html": long})
    assert list(checker.problems(site)) == [
        "tutorial.html: about 50,400 px long on a desktop (over 15,000)"
    ]


def test_usage_error_without_a_folder(checker: ModuleType, tmp_path: Path) -> None:
    """Run without a site folder, the checker says how to call it and exits 2."""
    assert checker.main([]) == 2
    assert checker.main([str(tmp_path / "missing")]) == 2
