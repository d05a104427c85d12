"""Records and datasets to plain values and JSON, and back."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import defcoop
from _helpers import WHOLE_DATASETS
from defcoop import Agreement, ArgumentError, DataError, Dataset, Event
from defcoop import strategies as dst
from defcoop.model._converter import make_converter

DATASETS = settings(max_examples=WHOLE_DATASETS)  # see _helpers.WHOLE_DATASETS

RECORDS = [
    dst.sources,
    dst.countries,
    dst.fields,
    dst.people,
    dst.organizations,
    dst.agreements,
    dst.events,
    dst.mechanisms,
    dst.relationships,
]
PARTS = [dst.roles, dst.field_evidence, dst.citations, dst.partial_dates, dst.periods]


def test_every_bundled_record_round_trips(db: Dataset) -> None:
    """from_dict(type(r), to_dict(r)) == r for every bundled record."""
    for record in db:
        assert defcoop.from_dict(type(record), defcoop.to_dict(record)) == record


def test_plain_values_use_file_forms(db: Dataset) -> None:
    """Dates are text, citations 'id#n', kinds their words, sets sorted lists."""
    plain = defcoop.to_dict(db.get("vnm-blr-military-science-2018"))
    assert plain["signed"] == "2018-11-15"
    assert plain["kind"] == "agreement"
    assert plain["sources"] == [
        "pillar-and-highlight#12",
        "pillar-and-highlight#13",
        "vietnamplus-2018-11-15-ministers-talks#1",
        "sputnik-by-2018-11-15-plan-signed#4",
    ]
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


@pytest.mark.parametrize("records", RECORDS, ids=lambda f: f.__name__)
@given(data=st.data())
def test_every_record_type_round_trips(
    records: Callable[[], st.SearchStrategy[Any]], data: st.DataObject
) -> None:
    """from_dict(type(r), to_dict(r)) == r for generated records, through JSON text too."""
    record = data.draw(records())
    plain = defcoop.to_dict(record)
    assert defcoop.from_dict(type(record), plain) == record
    assert defcoop.from_dict(type(record), json.loads(json.dumps(plain))) == record


@pytest.mark.parametrize("parts", PARTS, ids=lambda f: f.__name__)
@given(data=st.data())
def test_every_part_of_a_record_round_trips(
    parts: Callable[[], st.SearchStrategy[Any]], data: st.DataObject
) -> None:
    """structure(unstructure(x)) == x for roles, evidence, citations, dates and periods."""
    value = data.draw(parts())
    converter = make_converter()
    assert converter.structure(converter.unstructure(value), type(value)) == value


@DATASETS
@given(dst.datasets())
def test_generated_datasets_round_trip_through_a_file(db: Dataset) -> None:
    """dump then load gives an equal dataset, and dumping it again gives the same bytes."""
    with tempfile.TemporaryDirectory() as folder:
        path = defcoop.dump(db, Path(folder) / "data.json")
        first = path.read_bytes()
        again = defcoop.load(path)
        assert defcoop.dump(again, path).read_bytes() == first
    assert list(again) == list(db)
    assert again.info == db.info


@DATASETS
@given(dst.datasets(), st.randoms(use_true_random=False))
def test_dumps_ignores_the_order_records_come_in(db: Dataset, shuffler: random.Random) -> None:
    """The same records give the same text, twice in a row and in whatever order they came."""
    records = list(db)
    shuffler.shuffle(records)
    text = defcoop.dumps(db)
    assert defcoop.dumps(db) == text
    assert defcoop.dumps(Dataset.from_records(records, info=db.info)) == text


def test_dumps_ignores_hash_randomization(db: Dataset) -> None:
    """Processes with different hash seeds write the bundled dataset byte for byte the same."""
    code = "import sys, defcoop; sys.stdout.buffer.write(defcoop.dumps(defcoop.load()).encode())"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {defcoop.dumps(db).encode()}
