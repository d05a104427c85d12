"""CITATION.cff and .zenodo.json at the repository root agree with the package and its data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

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


ZENODO = Path(__file__).parents[1] / ".zenodo.json"


def _cff() -> dict[str, Any]:
    from defcoop.views._cff import read

    return read(CFF.read_text(encoding="utf-8"))


def test_citation_file_carries_both_licences_authors_and_references() -> None:
    """The code is MIT, the data CC-BY-4.0, the team is named, and the data's sources cited."""
    if not CFF.is_file():
        pytest.skip("no CITATION.cff beside the tests (an installed package)")
    cff = _cff()
    data = cff["preferred-citation"]
    assert (cff["license"], data["license"]) == ("MIT", "CC-BY-4.0")
    assert cff["authors"] == data["authors"] == [{"name": "The defcoop maintainers"}]
    assert data["type"] == "data"
    titles = " ".join(reference["title"] for reference in cff["references"])
    for work in ("Defense Cooperation Agreement Dataset", "State System Membership", "CAMEO",
                 "PLOVER"):  # fmt: skip
        assert work in titles
    dcad = cff["references"][0]
    assert (dcad["journal"], dcad["volume"], dcad["issue"]) == (
        "Journal of Conflict Resolution", "64", "4",
    )  # fmt: skip


def test_zenodo_metadata_agrees_with_the_citation_file() -> None:
    """.zenodo.json names the same versions, date, team, keywords and data licence."""
    if not ZENODO.is_file():
        pytest.skip("no .zenodo.json beside the tests (an installed package)")
    zenodo = json.loads(ZENODO.read_text(encoding="utf-8"))
    cff = _cff()
    data = cff["preferred-citation"]
    assert zenodo["title"] == data["title"]
    assert zenodo["version"] == data["version"]
    assert zenodo["publication_date"] == data["date-released"]
    assert zenodo["license"].lower() == data["license"].lower()
    assert zenodo["upload_type"] == "dataset"
    assert [c["name"] for c in zenodo["creators"]] == [a["name"] for a in data["authors"]]
    assert set(zenodo["keywords"]) >= set(cff["keywords"])
    for version in (data["version"], cff["version"]):
        assert version in zenodo["notes"]
        assert version in zenodo["description"]
    assert "MIT" in zenodo["notes"]
    assert len(zenodo["references"]) == len(cff["references"])


def test_the_data_version_follows_the_calendar_scheme() -> None:
    """The data version is YEAR.MONTH.N and names the month of its release date."""
    info = defcoop.load().info
    assert info is not None
    assert info.released is not None
    match = re.fullmatch(r"(\d{4})\.(\d{1,2})\.(\d+)", info.version)
    assert match, info.version
    assert (int(match[1]), int(match[2])) == (info.released.year, info.released.month)


def test_the_wheel_ships_the_repository_file() -> None:
    """pyproject.toml copies the root CITATION.cff into the wheel, where cite_dataset reads it."""
    import tomllib

    pyproject = Path(__file__).parents[1] / "pyproject.toml"
    if not pyproject.is_file():
        pytest.skip("no pyproject.toml beside the tests (an installed package)")
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"] == {"CITATION.cff": "defcoop/CITATION.cff"}
    assert (
        not (Path(defcoop.__file__).parent / "CITATION.cff").is_file()
        or (Path(defcoop.__file__).parent / "CITATION.cff").read_bytes() == CFF.read_bytes()
    )
