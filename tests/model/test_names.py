"""Name normalization and suggestions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from defcoop.model._names import normalize, suggest, typos


def test_normalize_ignores_case_diacritics_and_spacing() -> None:
    """Case, diacritics (đ included) and runs of spaces do not matter."""
    assert normalize("Ngô Xuân Lịch") == normalize("NGO  XUAN LICH") == "ngo xuan lich"
    assert normalize("Đặng") == "dang"
    assert normalize("Сергей Шойгу") == "сергеи шоигу"


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    """Normalizing twice changes nothing."""
    assert normalize(normalize(text)) == normalize(text)


def test_suggest_returns_original_spellings() -> None:
    """Suggestions are the choices as given, best first."""
    assert suggest("militery", ["Military", "navy"]) == ["Military"]
    assert suggest("military sience", ["military medicine", "military science"]) == [
        "military science",
    ]
    assert suggest("qqq", ["military"]) == []


@pytest.mark.parametrize(
    ("name", "choices", "expected"),
    [
        ("Putin", ["Aleksandr Gura", "Sergei Shoigu", "Ngo Xuan Lich"], []),
        ("Putin", ["Aleksandr Gura", "Vladimir Putin"], ["Vladimir Putin"]),
        ("Vietnum", ["Vietnam", "VEN", "North Vietnam"], ["Vietnam"]),
        ("Rusia", ["Russia", "Prussia", "USA"], ["Russia"]),
        ("Ngo Xuan Lick", ["Ngo Xuan Lich", "Hoang Xuan Chien"], ["Ngo Xuan Lich"]),
        ("LOA", ["LAO", "LBR"], ["LAO"]),
        ("militery science", ["military medicine", "military science"], ["military science"]),
    ],
)
def test_only_names_that_are_really_close_are_suggested(
    name: str, choices: list[str], expected: list[str]
) -> None:
    """A suggestion is a few typos away or holds the name as whole words; else there is none."""
    assert suggest(name, choices) == expected


@given(st.text(alphabet="abcdefgh ", min_size=1, max_size=12), st.lists(st.text(max_size=12)))
def test_every_suggestion_is_a_few_typos_away_or_holds_the_name(
    name: str, choices: list[str]
) -> None:
    """Whatever the pool, each suggestion is within one typo in four letters, or holds the name."""
    key = normalize(name)
    for found in suggest(name, choices):
        other = normalize(found)
        assert (
            typos(key, other) <= max(1, len(key) // 4)
            or f" {key} " in f" {other} "
            or (f" {other} " in f" {key} ")
        )


@given(
    st.text(alphabet="abcd", max_size=10),
    st.text(alphabet="abcd", max_size=10),
    st.integers(min_value=0, max_value=5),
)
def test_a_bounded_count_of_typos_agrees_up_to_its_bound(
    first: str, second: str, most: int
) -> None:
    """Counting with a bound gives the full count up to the bound, and more than the bound
    beyond it: the early exits never call two distant texts close."""
    full, bounded = typos(first, second), typos(first, second, most)
    if full <= most:
        assert bounded == full
    else:
        assert most < bounded <= full
