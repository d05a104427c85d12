"""One declared type per column, whatever the subset: every table of every record type, and
every panel, has the same schema on the full data, on one record and on none."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import defcoop
from defcoop import Dataset
from defcoop.model import registry
from defcoop.query import _tabular
from defcoop.query.arrow import to_arrow

KINDS = [declared.cls for declared in registry.record_types()]


def subsets(db: Dataset, kind: type) -> dict[str, list[Any]]:
    """The records of one kind: all of them, the first alone, and none."""
    records = [record for record in db if type(record) is kind]
    return {"full": records, "one": records[:1], "empty": []}


def frame_schema(records: list[Any], kind: type) -> dict[str, str]:
    frame = defcoop.to_frame(records) if records else Dataset.from_records([]).to_frame(kind)
    return {name: str(dtype) for name, dtype in frame.dtypes.items()}


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_every_table_has_one_schema_whatever_the_subset(db: Dataset, kind: type) -> None:
    """DataFrames, Arrow tables and CSV headers of full, one-record and empty subsets agree;
    whole numbers are Int64, flags boolean, codes and ids string."""
    frames, arrows, headers = {}, {}, {}
    for name, records in subsets(db, kind).items():
        frames[name] = frame_schema(records, kind)
        arrows[name] = to_arrow(records, kind).schema
        headers[name] = _tabular.csv_text(records, kind).splitlines()[0]
    assert frames["full"] == frames["one"] == frames["empty"]
    assert arrows["full"] == arrows["one"] == arrows["empty"]
    assert headers["full"] == headers["one"] == headers["empty"]
    assert list(frames["full"]) == headers["full"].split(",")
    kinds = set(frames["full"].values())
    assert kinds <= {"string", "Int64", "boolean", "datetime64[s]", "object"}, kinds
    for name in ("id", "code", "cameo", "kind"):
        if name in frames["full"]:
            assert frames["full"][name] == "string", name
    for name in ("count", "round", "paragraphs", "cow_code"):
        if name in frames["full"]:
            assert frames["full"][name] == "Int64", name


def test_mixed_tables_type_their_columns_too(db: Dataset) -> None:
    """A timeline's frame (agreements and events) declares each column once, as each kind's
    own table does, with a string ``type`` column."""
    mixed = db.timeline().to_frame()
    assert str(mixed["type"].dtype) == "string"
    assert str(mixed["round"].dtype) == "Int64"
    assert str(mixed["several"].dtype) == "boolean"
    assert str(mixed["cameo"].dtype) == "string"


def panel_schema(panel: Any) -> dict[str, str]:
    return {
        name: str(dtype)
        for name, dtype in panel.to_frame().dtypes.items()
        if not name.startswith("field_")
    }


@pytest.mark.parametrize("unit", ["dyad_years", "state_years"])
def test_every_panel_has_one_schema_whatever_the_data(db: Dataset, unit: str) -> None:
    """A panel of the full data, of one agreement and of no records has the same dtypes:
    codes and counts Int64, lower-bound flags boolean, abbreviations and framework string."""
    countries = list(db.countries)
    found = next(a for a in db.agreements() if a.signed and a.signed.year == 2018)
    one = attrs.evolve(found, fields=(), signatories=(), signed_during=None)
    sources = [db.get(c.source) for c in one.sources]
    small = Dataset.from_records([*countries, *sources, one])
    empty = Dataset.from_records(countries)
    schemas = [
        panel_schema(getattr(data, unit)(years="2018", frame=False)) for data in (db, small, empty)
    ]
    assert schemas[0] == schemas[1] == schemas[2]
    assert set(schemas[0].values()) == {"Int64", "boolean", "string"}
    assert all(schemas[0][name] == "boolean" for name in schemas[0] if name.endswith("_lb"))
