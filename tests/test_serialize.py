"""Records and datasets to plain values and JSON, and back."""

from __future__ import annotations

from pathlib import Path

import pytest

import defcoop
from defcoop import Agreement, ArgumentError, DataError, Dataset, Event


def test_every_bundled_record_round_trips(db: Dataset) -> None:
    """from_dict(type(r), to_dict(r)) == r for every bundled record."""
    for record in db:
        assert defcoop.from_dict(type(record), defcoop.to_dict(record)) == record


def test_plain_values_use_file_forms(db: Dataset) -> None:
    """Dates are text, citations 'id#n', kinds their words, sets sorted lists."""
    plain = defcoop.to_dict(db.get("vnm-blr-military-science-2018"))
    assert plain["signed"] == "2018-11"
    assert plain["kind"] == "agreement"
    assert plain["sources"] == ["pillar-and-highlight#12", "pillar-and-highlight#13"]
    assert plain["fields"] == ["military-science"]
    assert defcoop.to_dict(db.get("mcis-7"))["when"] == "2018-04-04/2018-04-05"


def test_from_dict_reports_every_problem() -> None:
    """from_dict raises one DataError with a path for each problem."""
    with pytest.raises(DataError) as info:
        defcoop.from_dict(Event, {"id": "e", "kind": "vist", "parties": "VNM", "sources": []})
    text = str(info.value)
    assert "$.kind" in text
    assert "did you mean 'visit'?" in text
    assert "$.parties: expected a list" in text
    assert "$.title: required key missing" in text


def test_dump_then_load_gives_an_equal_dataset(db: Dataset, tmp_path: Path) -> None:
    """Dumping the bundled dataset and loading the file gives the same records and info."""
    path = defcoop.dump(db, tmp_path / "all.json")
    again = defcoop.load(path)
    assert list(again) == list(db)
    assert again.info == db.info
    assert defcoop.dumps(again) == defcoop.dumps(db)


def test_dumps_is_deterministic(db: Dataset) -> None:
    """The same dataset gives the same text every time, records in query order."""
    first = defcoop.dumps(db)
    assert first == defcoop.dumps(db)
    assert first.index('"sources"') < first.index('"agreements"') < first.index('"events"')


def test_dump_needs_a_json_path(db: Dataset, tmp_path: Path) -> None:
    """dump writes JSON only, and says so for another suffix."""
    with pytest.raises(ArgumentError, match=r"ending in \.json"):
        defcoop.dump(db, tmp_path / "all.toml")


def test_records_built_in_code_serialize() -> None:
    """A record built in code converts to plain values and back."""
    record = Agreement(
        id="x",
        title="X",
        kind=defcoop.AgreementKind.PLAN,
        parties=("VNM",),
        signed=defcoop.PartialDate(2020),
        sources=(defcoop.Citation(source="s", paragraph=2),),
    )
    assert defcoop.from_dict(Agreement, defcoop.to_dict(record)) == record
