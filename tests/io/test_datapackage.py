"""Data packages: CSV tables and a v2 descriptor that the frictionless library validates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import defcoop
from _helpers import with_transfers
from defcoop import Dataset
from defcoop.io.datapackage import descriptor, files
from defcoop.io.exports import export

frictionless = pytest.importorskip("frictionless")


@pytest.fixture(scope="module")
def package(db: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data exported as a data package."""
    folder = tmp_path_factory.mktemp("package")
    export(db, folder, format="datapackage")
    return folder / "datapackage.json"


def test_the_package_validates(package: Path) -> None:
    """frictionless finds the descriptor, every table and every foreign key valid."""
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["type", "message"])


def test_descriptor_is_v2_with_keys(db: Dataset) -> None:
    """The descriptor names the v2 profile; tables have primary keys and foreign keys."""
    package = descriptor(db)
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["version"] == db.info.version  # type: ignore[union-attr]
    assert package["defcoop"] == {
        "data_version": db.info.version,  # type: ignore[union-attr]
        "code_version": defcoop.__version__,
        "codebook": ["codebook.md", "codebook.json"],
    }
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["countries"]["schema"]["primaryKey"] == ["code"]
    assert {
        "fields": ["signed_during"],
        "reference": {"resource": "events", "fields": ["id"]},
    } in resources["agreements"]["schema"]["foreignKeys"]
    parties = resources["agreement_parties"]["schema"]
    assert parties["foreignKeys"][1]["reference"] == {"resource": "countries", "fields": ["code"]}
    citations = resources["citations"]["schema"]["foreignKeys"]
    assert citations == [
        {"fields": ["source"], "reference": {"resource": "sources", "fields": ["id"]}}
    ]
    assert set(resources) == {
        name.removesuffix(".csv") for name in files(db) if name.endswith(".csv")
    }


def test_the_codebook_ships_in_the_package(db: Dataset) -> None:
    """codebook.md and codebook.json are written beside the descriptor, which names them, and
    each field's description is its meaning in the codebook."""
    import defcoop

    written = files(db)
    package = descriptor(db)
    assert package["defcoop"]["codebook"] == ["codebook.md", "codebook.json"]
    assert {"codebook.md", "codebook.json"} <= set(written)
    book = defcoop.codebook(db)
    fields = {r["name"]: r["schema"]["fields"] for r in package["resources"]}
    for field in fields["events"]:
        assert field["description"].startswith(book.table("events").column(field["name"]).meaning)


def test_link_tables_and_citations_hold_every_reference(db: Dataset) -> None:
    """Each party of each agreement is a row; each citation of each record is a row."""
    written = files(db)
    rows = written["agreement_parties.csv"].splitlines()[1:]
    assert len(rows) == sum(len(a.parties) for a in db.agreements())
    citations = written["citations.csv"].splitlines()[1:]
    expected = sum(len(getattr(r, "sources", ())) for r in db) + sum(
        len(item.sources) for r in db.relationships() for item in r.evidence
    )
    assert len(citations) == expected


def test_a_broken_reference_is_caught(package: Path, tmp_path: Path) -> None:
    """frictionless reports a party that is no country: the foreign keys are real."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(package.parent, copy)
    path = copy / "event_parties.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("BLR", "XXX", 1), encoding="utf-8")
    # The broken table and the tables its keys refer to: the rest is validated valid above.
    described = json.loads((copy / "datapackage.json").read_text("utf-8"))
    (broken,) = [r for r in described["resources"] if r["name"] == "event_parties"]
    kept = {"event_parties"} | {
        key["reference"]["resource"] for key in broken["schema"]["foreignKeys"]
    }
    assert kept >= {"events", "countries"}
    described["resources"] = [r for r in described["resources"] if r["name"] in kept]
    (copy / "datapackage.json").write_text(json.dumps(described), "utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_descriptor_is_json(db: Dataset) -> None:
    """datapackage.json is the descriptor, as JSON."""
    assert json.loads(files(db)["datapackage.json"]) == descriptor(db)


def test_a_package_with_transfers_validates(tmp_path: Path) -> None:
    """Transfers export as a table whose value is a JSON object and whose supplier, recipient
    and contract are foreign keys; frictionless finds it all valid."""
    export(with_transfers(), tmp_path, format="datapackage")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])
    descriptor = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    (table,) = [r for r in descriptor["resources"] if r["name"] == "transfers"]
    types = {field["name"]: field["type"] for field in table["schema"]["fields"]}
    assert (types["value"], types["deliveries"], types["quantity"]) == (
        "object",
        "array",
        "integer",
    )
    keys = {tuple(key["fields"]) for key in table["schema"]["foreignKeys"]}
    assert {("supplier",), ("recipient",), ("contract",)} <= keys
