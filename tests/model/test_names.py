"""Name normalization and suggestions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from defcoop.model._names import normalize, suggest


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
        "military medicine",
    ]
    assert suggest("qqq", ["military"]) == []
