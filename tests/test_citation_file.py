"""CITATION.cff at the repository root agrees with the package and the bundled data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import defcoop
from defcoop._version import __version__

CFF = Path(__file__).parents[1] / "CITATION.cff"


def _versions(text: str) -> list[str]:
    return re.findall(r'^\s*version:\s*"([^"]+)"\s*$', text, flags=re.MULTILINE)


def test_citation_file_names_the_package_and_data_versions() -> None:
    """The software version is _version.py's, the data reference's the bundled data's."""
    if not CFF.is_file():
        pytest.skip("no CITATION.cff beside the tests (an installed package)")
    text = CFF.read_text(encoding="utf-8")
    info = defcoop.load().info
    assert info is not None
    assert re.search(r"^cff-version: 1\.2\.0$", text, flags=re.MULTILINE)
    assert _versions(text) == [__version__, info.version]
    assert f'date-released: "{info.released}"' in text
