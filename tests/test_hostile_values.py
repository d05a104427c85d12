"""One value, one reading: what the loader accepts is exactly what the JSON Schema accepts.

Regression tests for the lenient values the hostile test found (digits of other scripts,
padded dates, booleans as numbers, relationships of one or three parties, blank titles,
repeats), for reports that stopped after the first of many equal problems, and for messages
that broke onto two lines; then a property that feeds the loader and the published JSON Schema
the same generated values and requires the same verdict.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import defcoop
from defcoop import DataError

jsonschema = pytest.importorskip("jsonschema")


def base() -> dict[str, Any]:
    """A valid data file with one record of each kind the cases below change."""
    return {
        # As many paragraphs as a number may be, so that any paragraph number is inside.
        "sources": [
            {"id": "src", "language": "en", "paragraphs": 2**63 - 1, "published": "2018-11"}
        ],
        "countries": [
            {"code": "VNM", "name": "Vietnam", "alpha2": "VN", "numeric": "704", "cow_code": 816},
            {"code": "LAO", "name": "Laos", "alpha2": "LA", "numeric": "418", "cow_code": 812},
            {"code": "KHM", "name": "Cambodia", "alpha2": "KH", "numeric": "116", "cow_code": 811},
        ],
        "fields": [
            {"id": "defense", "label": "defense"},
            {"id": "training", "label": "training", "broader": "defense"},
        ],
        "events": [
            {
                "id": "visit",
                "title": "A visit",
                "kind": "visit",
                "when": "2018-11",
                "parties": ["VNM", "LAO"],
                "cameo": "042",
                "sources": ["src#1"],
            }
        ],
        "agreements": [
            {
                "id": "deal",
                "title": "A deal",
                "kind": "memorandum",
                "parties": ["VNM", "LAO"],
                "signed": "2018-11-02",
                "fields": ["training"],
                "sources": ["src#1"],
                "inferred": ["signed"],
            }
        ],
        "relationships": [{"id": "tie", "parties": ["VNM", "LAO"], "sources": ["src#1"]}],
    }


def load_text(tmp_path: Path, document: Any) -> defcoop.Dataset:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return defcoop.load(path)


def problems(tmp_path: Path, document: Any) -> list[str]:
    with pytest.raises(DataError) as raised:
        load_text(tmp_path, document)
    return [f"{p.path}: {p.message}" for p in raised.value.problems]


SLOTS = {
    "signed": ("agreements", "signed"),
    "when": ("events", "when"),
    "published": ("sources", "published"),
    "cameo": ("events", "cameo"),
    "numeric": ("countries", "numeric"),
    "cow_code": ("countries", "cow_code"),
    "paragraphs": ("sources", "paragraphs"),
    "title": ("agreements", "title"),
    "citations": ("agreements", "sources"),
    "fields": ("agreements", "fields"),
    "inferred": ("agreements", "inferred"),
    "parties": ("relationships", "parties"),
    "name": ("countries", "name"),
}


def changed(slot: str, value: Any) -> dict[str, Any]:
    document = base()
    key, attribute = SLOTS[slot]
    document[key][0][attribute] = value
    return document


@pytest.mark.parametrize(
    ("slot", "value"),
    [
        ("signed", "٢٠١٨"),  # Arabic-Indic digits
        ("signed", "２０１８-11"),  # fullwidth digits
        ("when", "2018/٢٠١٩"),
        ("cameo", "٠٤٢"),
        ("numeric", "٧٠٤"),
        ("citations", ["src#٣"]),
        ("signed", " 2018-11"),  # padding
        ("signed", "2018-11 "),
        ("when", "2018 / 2019"),
        ("paragraphs", True),  # a boolean is not a number
        ("cow_code", True),
        ("citations", [{"source": "src", "paragraph": True}]),
        ("parties", ["VNM"]),  # a relationship is between two countries
        ("parties", ["VNM", "LAO", "KHM"]),
        ("title", "   "),  # only whitespace
        ("title", "\t\n"),
        ("name", "\u3000"),
        ("citations", ["src#3", "src#3"]),  # repeats
        ("citations", ["src#03"]),  # one spelling per number
        ("fields", ["training", "training"]),
        ("inferred", ["signed", "signed"]),
        ("signed", "0000"),
    ],
)
def test_lenient_values_are_refused(tmp_path: Path, slot: str, value: Any) -> None:
    """Each value the loader used to accept is refused, at its place, and by the schema."""
    document = changed(slot, value)
    key, attribute = SLOTS[slot]
    found = problems(tmp_path, document)
    assert any(f"$.{key}[0].{attribute}" in line for line in found), found
    validator = jsonschema.Draft202012Validator(defcoop.json_schema())
    assert not validator.is_valid(document)


def test_the_python_api_refuses_them_too() -> None:
    """Records built in code obey the same rules as records read from files."""
    cite = defcoop.Citation(source="s", paragraph=1)
    with pytest.raises(defcoop.RecordError, match="boolean"):
        defcoop.Citation(source="s", paragraph=True)
    with pytest.raises(defcoop.RecordError, match="boolean"):
        defcoop.Country(code="VNM", name="Vietnam", alpha2="VN", cow_code=True)
    with pytest.raises(defcoop.RecordError, match="whitespace"):
        defcoop.Field(id="f", label="  ")
    with pytest.raises(defcoop.RecordError, match="exactly 2"):
        defcoop.Relationship(id="r", parties=("VNM",), sources=(cite,))
    with pytest.raises(defcoop.RecordError, match="twice"):
        defcoop.Agreement(
            id="a",
            title="A",
            kind=defcoop.AgreementKind.PLAN,
            parties=("VNM",),
            sources=(cite, cite),
        )
    with pytest.raises(defcoop.RecordError, match="'f' twice"):
        defcoop.Mechanism(
            id="m",
            name="M",
            kind=defcoop.MechanismKind.COMMITTEE,
            parties=("VNM",),
            fields=["f", "f"],
            sources=[cite],
        )
    with pytest.raises(defcoop.DateError):
        defcoop.PartialDate.parse(" 2018")
    with pytest.raises(defcoop.DateError):
        defcoop.PartialDate.parse("٢٠١٨")


def test_a_boolean_cow_code_no_longer_answers_country_1(tmp_path: Path) -> None:
    """db.country(1) found the country whose COW code was True; True is refused at load now."""
    found = problems(tmp_path, changed("cow_code", True))
    assert found == ["$.countries[0].cow_code: expected int, got bool True"]


def test_a_citation_repeated_in_two_forms_is_refused(tmp_path: Path) -> None:
    """ "src#3" and its table form are one citation: listed twice (a schema cannot see it)."""
    document = changed("citations", ["src#3", {"source": "src", "paragraph": 3}])
    assert problems(tmp_path, document) == [
        "$.agreements[0].sources: lists Citation(source='src', paragraph=3) twice"
    ]


def test_every_repeated_party_is_reported(tmp_path: Path) -> None:
    """5 agreements and 5 events listing one party twice give 10 problems, not 2: the fast
    path no longer remembers an id list before checking it."""
    document = base()
    document.pop("relationships")
    agreement, event = document["agreements"][0], document["events"][0]
    document["agreements"] = [
        {**agreement, "id": f"deal-{i}", "parties": ["VNM", "VNM"]} for i in range(5)
    ]
    document["events"] = [
        {**event, "id": f"visit-{i}", "parties": ["VNM", "VNM"]} for i in range(5)
    ]
    found = problems(tmp_path, document)
    assert len(found) == 10, found
    assert all("lists 'VNM' twice" in line for line in found)


def test_a_key_with_a_newline_is_one_line(tmp_path: Path) -> None:
    """An unknown key holding a newline is quoted escaped: one problem, one line.

    Found once by hypothesis in test_loading_fuzz (unknown_keys), kept here as an example.
    """
    document = base()
    document["agreements"][0]["a\nb"] = 1
    document["a\u2028b"] = []
    with pytest.raises(DataError) as raised:
        load_text(tmp_path, document)
    text = str(raised.value)
    assert text.count("\n") == len(raised.value.problems) == 2
    assert "'a\\nb'" in text
    assert "a\\u2028b" in text


def test_a_huge_value_is_cut_in_messages(tmp_path: Path) -> None:
    """A million-character name is quoted short; the message stays one short line."""
    document = base()
    document["agreements"][0]["fields"] = ["x" * 1_000_000]
    found = problems(tmp_path, document)
    assert len(found) == 1
    assert len(found[0]) < 400, found[0][:500]


# The loader and the schema agree ---------------------------------------------------------

DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩０１２"
DATE_TEXT = st.one_of(
    st.from_regex(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|1[0-9]|2[0-8]))?)?", fullmatch=True),
    st.text(alphabet=DIGITS + "-/ ", min_size=0, max_size=11),
)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 10), st.floats(allow_nan=False))


def _impossible(value: Any) -> bool:
    """A date the schema's pattern cannot tell from a real one (a 30th of February), or a
    period that ends before it starts: what the schema documents it leaves to load()."""
    if not isinstance(value, str):
        return False
    dates = value.split("/")
    parsed = []
    for text in dates:
        match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", text)
        if match is None:
            return False
        year, month, day = (int(part) if part else None for part in match.groups())
        if year == 0 or (month is not None and not 1 <= month <= 12):
            return False
        try:
            datetime.date(year, month or 1, day or 1)
        except ValueError:
            return True
        parsed.append((year, month or 1, day or 1))
    return len(parsed) == 2 and parsed[0] > parsed[1]


def _values(slot: str) -> st.SearchStrategy[Any]:
    if slot in ("signed", "published"):
        return DATE_TEXT | SCALARS
    if slot == "when":
        return DATE_TEXT | st.tuples(DATE_TEXT, DATE_TEXT).map("/".join) | SCALARS
    if slot in ("cameo", "numeric"):
        return st.text(alphabet=DIGITS + " x", max_size=5) | SCALARS
    if slot in ("cow_code", "paragraphs"):
        return SCALARS | st.sampled_from([2**63 - 1, 2**63, 4.0, -(2**63)])
    if slot in ("title", "name"):
        return st.text(alphabet=" \t\n\u00a0\u3000ab", max_size=4) | SCALARS
    if slot == "citations":
        paragraph = st.text(alphabet=DIGITS, min_size=1, max_size=20)
        item = st.one_of(
            paragraph.map("src#{}".format),
            st.fixed_dictionaries({"source": st.just("src"), "paragraph": SCALARS}),
        )
        return st.lists(item, max_size=3)
    if slot == "fields":
        return st.lists(st.sampled_from(["training", "defense"]), max_size=3)
    if slot == "inferred":
        return st.lists(st.sampled_from(["signed", "title", "fields", "id"]), max_size=3)
    assert slot == "parties"
    return st.lists(st.sampled_from(["VNM", "LAO", "KHM"]), max_size=4)


@st.composite
def changes(draw: st.DrawFn) -> tuple[str, Any]:
    slot = draw(st.sampled_from(sorted(SLOTS)))
    return slot, draw(_values(slot))


@example(("signed", " 2018"))
@example(("signed", "٢٠١٨"))
@example(("paragraphs", True))
@example(("paragraphs", 4.0))
@example(("citations", [{"source": "src", "paragraph": 1.0}]))
@example(("citations", ["src#0000000000000000001"]))
@example(("citations", ["src#999999999999999999"]))
@example(("citations", ["src#1000000000000000000"]))
@example(("parties", ["VNM", "VNM"]))
@given(changes())
def test_the_loader_and_the_schema_agree(tmp_path_factory: Any, change: tuple[str, Any]) -> None:
    """The same value is refused by both or accepted by both (load() alone also checks dates
    that cannot exist and periods that end before they start, as the schema says)."""
    slot, value = change
    items = value if isinstance(value, list) else [value]
    if any(_impossible(item) for item in items):
        return
    document = changed(slot, value)
    schema_says = jsonschema.Draft202012Validator(defcoop.json_schema()).is_valid(
        copy.deepcopy(document)
    )
    try:
        load_text(tmp_path_factory.mktemp("agree"), document)
    except DataError:
        loader_says = False
    else:
        loader_says = True
    assert schema_says == loader_says, (slot, value)
