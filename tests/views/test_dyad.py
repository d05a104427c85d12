"""Dyad profiles: one pair of countries, its relationship and every record both are party to."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _helpers import assert_refused, values_but
from defcoop import (
    Dataset,
    DyadProfile,
    QueryError,
    RecordError,
    Relationship,
    Results,
    UnknownNameError,
)


def test_vietnam_russia_profile(db: Dataset) -> None:
    """The Vietnam-Russia profile gathers the relationship and every record of the pair."""
    profile = db.dyad("VNM", "RUS")
    assert isinstance(profile, DyadProfile)
    assert [c.code for c in profile.countries] == ["VNM", "RUS"]
    assert profile.relationship is not None
    assert profile.relationship.id == "vnm-rus"
    assert profile.agreements == db.agreements(party="RUS")
    assert profile.events == db.events(party="RUS")
    assert profile.mechanisms.ids() == (
        "vnm-rus-defense-working-group",
        "vnm-rus-igc-mtc",
        "vnm-rus-strategic-dialogue",
    )
    for found in (profile.agreements, profile.events, profile.mechanisms):
        assert type(found) is Results


@pytest.mark.parametrize(("first", "second"), [("VNM", "BLR"), ("Belarus", "Viet Nam"), (816, 370)])
def test_any_names_give_the_same_records(db: Dataset, first: object, second: object) -> None:
    """Codes, names and COW numbers, in either order, give the same pair's records."""
    profile = db.dyad(first, second)  # type: ignore[arg-type]
    reference = db.dyad("VNM", "BLR")
    assert {c.code for c in profile.countries} == {"VNM", "BLR"}
    assert profile.relationship == reference.relationship
    assert set(profile.agreements) == set(reference.agreements)
    assert set(profile.events) == set(reference.events)


def test_every_record_involves_both_countries(db: Dataset) -> None:
    """Each record in a profile has both countries among its parties."""
    profile = db.dyad("Vietnam", "Belarus")
    for record in (*profile.agreements, *profile.events, *profile.mechanisms):
        assert {"VNM", "BLR"} <= set(record.parties)


def test_a_pair_without_records(db: Dataset) -> None:
    """A pair the data says nothing about has no relationship and empty answers."""
    profile = db.dyad("BLR", "SUN")
    assert profile.relationship is None
    assert profile.agreements == profile.events == profile.mechanisms == profile.transfers == ()
    assert repr(profile) == (
        "<DyadProfile BLR-SUN: no relationship recorded; "
        "0 agreements, 0 events, 0 mechanisms, 0 transfers>"
    )
    assert "No relationship recorded" in profile._repr_html_()


def test_profile_timeline_is_its_dated_records(db: Dataset) -> None:
    """A profile's timeline holds its dated agreements and events, in date order."""
    profile = db.dyad("VNM", "BLR")
    assert profile.timeline == db.timeline(party="BLR")


def test_profile_html_has_a_section_per_part(db: Dataset) -> None:
    """In a notebook the profile shows the relationship and a table per kind of record."""
    profile = db.dyad("VNM", "RUS")
    html = profile._repr_html_()
    assert "<h4>Vietnam &ndash; Russia</h4>" in html
    for caption in (
        f"Agreements ({len(profile.agreements)})",
        f"Mechanisms ({len(profile.mechanisms)})",
        "comprehensive strategic partnership",
    ):
        assert caption in html


def test_dyad_needs_two_known_different_countries(db: Dataset) -> None:
    """The same country twice, or an unknown one, is an error."""
    with pytest.raises(QueryError, match="two different countries"):
        db.dyad("VNM", "Viet Nam")
    with pytest.raises(UnknownNameError, match="Russia"):
        db.dyad("VNM", "Rusia")


# The constructor checks its values as records do --------------------------------------------


@pytest.fixture(scope="module")
def profile_values(db: Dataset) -> tuple[dict[str, Any], dict[str, st.SearchStrategy[Any]]]:
    """A profile's valid values, and wrong values for each attribute."""
    profile = db.dyad("VNM", "BLR")
    valid = {field.name: getattr(profile, field.name) for field in attrs.fields(DyadProfile)}
    lists = {key: list(value) for key, value in valid.items() if isinstance(value, tuple)}
    assert DyadProfile(**{**valid, **lists}) == profile
    countries = st.lists(st.sampled_from(db.countries[:4]), max_size=4).filter(
        lambda found: len(found) != 2
    )
    other_records = st.lists(st.sampled_from([*db.sources[:2], *db.relationships()]), min_size=1)
    wrong = {
        "countries": values_but(tuple, list, dict)
        | st.lists(values_but(), min_size=2, max_size=2)
        | countries,
        "relationship": values_but(Relationship, type(None)) | st.sampled_from(db.countries[:2]),
        "agreements": values_but(tuple, list) | other_records,
        "events": values_but(tuple, list) | other_records,
        "mechanisms": values_but(tuple, list) | other_records,
    }
    return valid, wrong


@pytest.mark.parametrize(
    "name", ["countries", "relationship", "agreements", "events", "mechanisms"]
)
@given(data=st.data())
def test_a_profile_refuses_values_of_other_types(
    profile_values: tuple[dict[str, Any], dict[str, st.SearchStrategy[Any]]],
    name: str,
    data: st.DataObject,
) -> None:
    """Two countries, a relationship or None, and Results (or lists) of the right record
    type: anything else raises a RecordError naming the attribute."""
    valid, wrong = profile_values
    assert_refused(DyadProfile, valid, name, data.draw(wrong[name]))


def test_the_profile_holds_every_counted_record_type(db: Dataset) -> None:
    """records() gives the pair's records of each record type panels count, by class or key:
    those of its typed attributes, and any other counted type's from ``more``."""
    from defcoop.model import registry

    profile = db.dyad("VNM", "RUS")
    for declared in registry.record_types():
        if declared.counted:
            expected = Results(
                r for r in db.select(declared.cls, party="RUS") if "VNM" in r.parties
            )
            assert profile.records(declared.cls) == profile.records(declared.key) == expected
            assert getattr(profile, declared.key) == expected
    assert profile.more == ()
    with pytest.raises(QueryError, match="not people"):
        profile.records("people")


def test_more_holds_only_counted_types_without_an_attribute(db: Dataset) -> None:
    """``more`` takes (key, records) pairs of a counted type that has no attribute of its own:
    today there is none, so every pair is refused with the attribute's name."""
    valid = {
        field.name: getattr(db.dyad("VNM", "BLR"), field.name)
        for field in attrs.fields(DyadProfile)
    }
    agreements = valid["agreements"]
    for more in ([("agreements", agreements)], [("people", ())], [("statements", ())], ["x"]):
        with pytest.raises(RecordError, match="more"):
            DyadProfile(**{**valid, "more": more})
