"""The bundled countries' Wikidata ids: where they come from, and that every ISO state has one."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from defcoop import Country, Dataset

NOTE = files("defcoop").joinpath("data", "countries.md").read_text("utf-8")
ISO_3166_3 = re.compile(r"ISO 3166-3 codes?,? \(?withdrawn")


def dissolved(country: Country) -> bool:
    """Whether the country's ISO codes are ISO 3166-3 codes of a state that is no more, as
    its notes (generated with the codes) say."""
    return ISO_3166_3.search(country.notes or "") is not None


def test_every_state_with_a_current_iso_code_has_a_wikidata_id(db: Dataset) -> None:
    """Each country with a current ISO 3166-1 code has a well-formed Wikidata id, and no
    two countries share one."""
    current = [c for c in db.countries if c.alpha2 is not None and not dissolved(c)]
    assert len(current) == 195
    assert [c.code for c in current if c.wikidata is None] == []
    held = [c.wikidata for c in db.countries if c.wikidata is not None]
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in held)
    assert len(set(held)) == len(held) == 195


def test_the_countries_without_an_id_are_named_in_the_note(db: Dataset) -> None:
    """The note beside countries.json names the list the ids come from (repository, path,
    commit) and every country left without an id."""
    assert "owid/owid-grapher" in NOTE
    assert "packages/@ourworldindata/grapher/src/mapCharts/CountriesRegions.ts" in NOTE
    assert "c7402d12e25bd1d45f5bd7d66cfc083342a1ed96" in NOTE
    missing = [c.code for c in db.countries if c.wikidata is None]
    assert len(missing) == 32
    assert [code for code in missing if not re.search(rf"\b{code}\b", NOTE)] == []
    assert {c.code for c in db.countries if dissolved(c)} == {"CSK", "DDR", "SUN", "VDR", "YMD"}


@pytest.mark.parametrize(
    ("item", "code"), [("Q881", "VNM"), ("Q159", "RUS"), ("Q184", "BLR"), ("Q403", "SRB")]
)
def test_the_dyads_states_are_found_by_their_items(db: Dataset, item: str, code: str) -> None:
    """The states of the bundled dyads carry the items the crosswalk gives their ISO codes,
    and db.get() and db.country() find them by those items."""
    assert db.get(item, Country).code == code
    assert db.country(code).wikidata == item
