"""The JSON Schema of data files: generated from the model, valid, and as strict as load()."""

from __future__ import annotations

import copy
import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import defcoop
from defcoop import DataError, Dataset

jsonschema = pytest.importorskip("jsonschema")

PUBLISHED = Path(__file__).parents[2] / "docs" / "defcoop.schema.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    """A draft 2020-12 validator for the schema."""
    return jsonschema.Draft202012Validator(defcoop.json_schema())


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The generated schema is itself valid under the draft 2020-12 meta-schema."""
    schema = defcoop.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_covers_every_collection_and_attribute() -> None:
    """Every data-file key has an array of records, and every attribute a property."""
    from defcoop.loading._loader import COLLECTIONS

    schema = defcoop.json_schema()
    for key, record_type in COLLECTIONS.items():
        assert schema["properties"][key]["items"] == {"$ref": f"#/$defs/{record_type.__name__}"}
        definition = schema["$defs"][record_type.__name__]
        names = [field.name for field in record_type.__attrs_attrs__]  # type: ignore[attr-defined]
        assert list(definition["properties"]) == names
        assert definition["additionalProperties"] is False


def test_closed_vocabularies_are_enums() -> None:
    """Kinds, statuses and levels are enums of exactly their vocabulary's words."""
    events = defcoop.json_schema()["$defs"]["Event"]["properties"]
    assert events["kind"]["enum"] == [member.value for member in defcoop.EventKind]
    assert events["status"]["enum"] == ["occurred", "planned"]


def test_each_call_gives_a_new_schema() -> None:
    """Changing one returned schema does not change the next."""
    first = defcoop.json_schema()
    first["properties"].clear()
    assert defcoop.json_schema()["properties"]


def test_published_schema_file_is_up_to_date() -> None:
    """docs/defcoop.schema.json is what `defcoop schema` prints today."""
    if not PUBLISHED.is_file():
        pytest.skip(f"no published schema at {PUBLISHED}")
    expected = json.dumps(defcoop.json_schema(), ensure_ascii=False, indent=2) + "\n"
    assert PUBLISHED.read_text(encoding="utf-8") == expected, (
        "regenerate it: defcoop schema > docs/defcoop.schema.json"
    )


def test_dumped_bundled_data_validates(db: Dataset, validator: Any) -> None:
    """The bundled data, as defcoop.dumps writes it, is valid."""
    errors = [error.message for error in validator.iter_errors(json.loads(defcoop.dumps(db)))]
    assert errors == []


@pytest.mark.parametrize(
    "name",
    sorted(
        entry.name
        for entry in resources.files("defcoop").joinpath("data").iterdir()
        if entry.name.endswith(".toml")
    ),
)
def test_each_bundled_toml_file_validates(name: str, validator: Any) -> None:
    """Each bundled TOML file, parsed with tomllib, is valid."""
    text = resources.files("defcoop").joinpath("data", name).read_text("utf-8")
    errors = [error.message for error in validator.iter_errors(tomllib.loads(text))]
    assert errors == []


def minimal() -> dict[str, Any]:
    """A small valid data file."""
    return {
        "sources": [{"id": "src", "language": "en", "paragraphs": 3}],
        "countries": [{"code": "VNM", "name": "Vietnam", "alpha2": "VN", "cow_code": 816}],
        "events": [
            {
                "id": "visit",
                "title": "A visit",
                "kind": "visit",
                "when": "2019-03/2019-04",
                "parties": ["VNM"],
                "cameo": "042",
                "sources": ["src#2", {"source": "src", "paragraph": 3}],
            }
        ],
    }


def test_minimal_document_is_valid_for_both(validator: Any, tmp_path: Path) -> None:
    """The minimal document passes both the schema and load()."""
    validator.validate(minimal())
    path = tmp_path / "data.json"
    path.write_text(json.dumps(minimal()), encoding="utf-8")
    assert len(defcoop.load(path)) == 3


def _event(document: dict[str, Any]) -> dict[str, Any]:
    event: dict[str, Any] = document["events"][0]
    return event


BROKEN = {
    "unknown top-level key": lambda d: d.update(agreement=[]),
    "empty document": lambda d: d.clear(),
    "unknown attribute": lambda d: _event(d).update(colour="red"),
    "missing title": lambda d: _event(d).pop("title"),
    "empty title": lambda d: _event(d).update(title=""),
    "kind outside the vocabulary": lambda d: _event(d).update(kind="vist"),
    "month 13": lambda d: _event(d).update(when="2018-13"),
    "date with a time": lambda d: _event(d).update(when="2018-11-15T10:00"),
    "parties as one string": lambda d: _event(d).update(parties="VNM"),
    "a party listed twice": lambda d: _event(d).update(parties=["VNM", "VNM"]),
    "no citations": lambda d: _event(d).update(sources=[]),
    "citation without paragraph": lambda d: _event(d).update(sources=["src"]),
    "citation of paragraph 0": lambda d: _event(d).update(sources=["src#0"]),
    "citation table with extra key": lambda d: _event(d).update(
        sources=[{"source": "src", "paragraph": 1, "page": 2}]
    ),
    "paragraph as text": lambda d: _event(d).update(sources=[{"source": "src", "paragraph": "1"}]),
    "inferred names no attribute": lambda d: _event(d).update(inferred=["colour"]),
    "cameo with a letter": lambda d: _event(d).update(cameo="04a"),
    "cameo too long": lambda d: _event(d).update(cameo="04211"),
    "cameo as a number": lambda d: _event(d).update(cameo=42),
    "lower-case country code": lambda d: d["countries"][0].update(code="vnm"),
    "COW code as text": lambda d: d["countries"][0].update(cow_code="816"),
    "id with a space": lambda d: _event(d).update(id="a visit"),
    "zero paragraphs": lambda d: d["sources"][0].update(paragraphs=0),
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_documents_fail_the_schema_and_load(
    name: str, validator: Any, tmp_path: Path
) -> None:
    """Each broken document is refused by the schema, and by load() as well."""
    document = copy.deepcopy(minimal())
    BROKEN[name](document)
    assert list(validator.iter_errors(document)), f"the schema accepts: {name}"
    path = tmp_path / "data.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataError):
        defcoop.load(path)
