"""Values in messages never look like other values (issue 25): invisible characters and
Latin lookalikes are shown escaped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import defcoop
from _helpers import small, write
from defcoop._quote import _LATIN_LOOKALIKES, one_line, quote

INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte order mark
    "\xa0",  # no-break space
    "\u202f",  # narrow no-break space
    "\xad",  # soft hyphen
    "\u202e",  # right-to-left override
    "\u2067",  # right-to-left isolate
    "\U000e0041",  # tag latin capital a
]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("VN\u041c", "'VN\\u041c'"),  # Cyrillic capital em
        ("\u0412NM", "'\\u0412NM'"),  # Cyrillic capital ve
        ("VNM\u200b", "'VNM\\u200b'"),
        ("VNM\u2060", "'VNM\\u2060'"),
        ("\u202eMNV", "'\\u202eMNV'"),
        ("\u0391\u0392", "'\\u0391\\u0392'"),  # Greek alpha beta, all lookalikes
    ],
)
def test_an_unknown_id_is_shown_escaped(db: defcoop.Dataset, typed: str, shown: str) -> None:
    """The message quotes what was typed so that it cannot be read as the valid id."""
    with pytest.raises(defcoop.UnknownNameError) as raised:
        db.get(typed)
    assert str(raised.value).startswith(f"unknown id {shown}")


def test_a_data_error_shows_a_lookalike_reference_escaped(tmp_path: Path) -> None:
    """A party written with a Cyrillic O (U+041E) is named escaped in the DataError."""
    data: dict[str, Any] = small()
    data["agreements"][0]["parties"] = ["VNM", "LA\u041e"]
    write(tmp_path / "data.json", data)
    with pytest.raises(defcoop.DataError) as raised:
        defcoop.load(tmp_path)
    assert "LA\\u041e" in str(raised.value)
    assert "LA\u041e" not in str(raised.value)


def test_words_of_other_scripts_are_shown_as_they_are() -> None:
    """Cyrillic, Greek and Vietnamese words that cannot pass for Latin stay readable."""
    for word in ["Шойгу", "Ngô Xuân Lịch", "Минобороны", "Λάμπρος"]:
        assert one_line(word) == word
        assert quote(word) == repr(word)


@given(
    text=st.text(st.characters(max_codepoint=127, categories=["L", "N"]), min_size=1, max_size=8),
    at=st.integers(min_value=0),
    added=st.sampled_from(INVISIBLE),
)
def test_an_invisible_character_never_looks_like_nothing(text: str, at: int, added: str) -> None:
    """A value with an invisible character inserted is shown differently from the value."""
    at %= len(text) + 1
    changed = text[:at] + added + text[at:]
    assert quote(changed) != quote(text)
    assert one_line(changed) != one_line(text)
    assert one_line(changed).isascii()


@given(
    text=st.text(st.sampled_from("ABCEHIKMNOPTXYaceiopxy"), min_size=1, max_size=8),
    data=st.data(),
)
def test_a_latin_lookalike_is_always_escaped(text: str, data: st.DataObject) -> None:
    """Replacing any letters of a Latin id by Cyrillic or Greek lookalikes shows escapes."""
    lookalikes = sorted(_LATIN_LOOKALIKES)
    at = data.draw(st.integers(0, len(text) - 1))
    changed = text[:at] + data.draw(st.sampled_from(lookalikes)) + text[at + 1 :]
    assert quote(changed).isascii()
    assert quote(changed) != quote(text)
