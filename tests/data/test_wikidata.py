"""The bundled Wikidata ids: where they come from, that every country but the named exceptions has
one, and that db.get() finds the people who have one."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from defcoop import Country, Dataset, Person

NOTE = " ".join(files("defcoop").joinpath("data", "countries.md").read_text("utf-8").split())
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
    held = [c.wikidata for c in current]
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q or "") for q in held)
    assert len(set(held)) == len(held) == 195


# The one country without a Wikidata id, and why (countries.md says the same).
KNOWN_WITHOUT = {
    "VNM-815": "GeoPolHist's Vietnam (815) carries Q881, modern Vietnam's item, which VNM holds",
}


def test_every_country_has_a_wikidata_id_but_the_known_exceptions(db: Dataset) -> None:
    """Every country carries a Wikidata id, no two the same, except those KNOWN_WITHOUT
    names, each named in the note with its reason."""
    assert [c.code for c in db.countries if c.wikidata is None] == list(KNOWN_WITHOUT)
    held = [c.wikidata for c in db.countries if c.wikidata is not None]
    assert len(set(held)) == len(held) == len(db.countries) - len(KNOWN_WITHOUT)
    assert all(re.search(rf"\b{code}\b[^.]*has none", NOTE) for code in KNOWN_WITHOUT)


def test_the_note_names_the_lists_the_ids_come_from(db: Dataset) -> None:
    """The note beside countries.json names each list read (repository, path, commit) and
    the item it gave each country OWID's crosswalk does not cover."""
    for cited in (
        "owid/owid-grapher",
        "packages/@ourworldindata/grapher/src/mapCharts/CountriesRegions.ts",
        "c7402d12e25bd1d45f5bd7d66cfc083342a1ed96",
        "medialab/GeoPolHist",
        "data/GeoPolHist_entities.csv",
        "f710c678ad34cca230097ffda59e0ac20eb7f769",
    ):
        assert cited in NOTE
    beyond_iso = [c for c in db.countries if c.wikidata and (c.alpha2 is None or dissolved(c))]
    assert len(beyond_iso) == 31
    assert [c.code for c in beyond_iso if f"{c.code} {c.wikidata}" not in NOTE] == []
    assert {c.code for c in db.countries if dissolved(c)} == {"CSK", "DDR", "SUN", "VDR", "YMD"}


# GeoPolHist's entities for the parts of Vietnam, read for VNM-815 and not taken.
GEOPOLHIST_PARTS_OF_VIETNAM = (("Cochin China", 8151), ("Annam", 8152), ("Tonkin", 8153))


def test_the_note_says_what_the_audit_of_the_states_gone_before_1946_found(db: Dataset) -> None:
    """The note names every state without a current ISO code whose last membership ended
    before 1946 in its second look at GeoPolHist's items (issue 23), and says which of
    GeoPolHist's entities it read for VNM-815 and did not take."""
    audit = NOTE[NOTE.index("Checked again (issue 23)") :]
    gone = [
        c
        for c in db.countries
        if c.alpha2 is None
        and c.memberships
        and all(not m.period.open and m.period.latest.year < 1946 for m in c.memberships)
    ]
    assert len(gone) == 19
    assert [c.code for c in gone if c.code != "VNM-815" and c.name not in audit] == []
    assert "data/GeoPolHist_entities_status_over_time.csv" in NOTE
    assert all(f"{name} ({code})" in NOTE for name, code in GEOPOLHIST_PARTS_OF_VIETNAM)


@pytest.mark.parametrize(
    ("item", "code"),
    [
        ("Q881", "VNM"),
        ("Q159", "RUS"),
        ("Q184", "BLR"),
        ("Q403", "SRB"),
        ("Q15180", "SUN"),
        ("Q172640", "VDR"),
        ("Q16957", "DDR"),
    ],
)
def test_the_dyads_states_are_found_by_their_items(db: Dataset, item: str, code: str) -> None:
    """The states of the bundled dyads and their predecessors carry the items the lists give
    them, and db.get() and db.country() find them by those items."""
    assert db.get(item, Country).code == code
    assert db.country(code).wikidata == item


def test_a_person_is_found_by_the_item_a_stored_list_gives(db: Dataset) -> None:
    """Vladimir Putin carries the item a stored list gives him, his notes say which, and
    db.get() finds him by it; no other person has one (no stored list read gives theirs)."""
    putin = db.get("Q7747", Person)
    assert putin.id == "vladimir-putin"
    assert "SpocWiki/_Standards" in (putin.notes or "")
    assert [p.id for p in db.people() if p.wikidata is not None] == ["vladimir-putin"]
