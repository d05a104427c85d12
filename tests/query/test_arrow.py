"""Arrow tables and Parquet files: lists stay lists, dates keep their precision, SQL agrees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings

import defcoop
from defcoop import Dataset, MissingExtraError, QueryError
from defcoop import strategies as dst
from defcoop.io.exports import export

pa = pytest.importorskip("pyarrow")


def test_tables_keep_lists_and_date_precision(db: Dataset) -> None:
    """Parties and fields are lists; a month keeps its text, precision, first and last day."""
    table = db.to_arrow("agreements")
    assert table.num_rows == len(db.agreements())
    assert table.schema.field("parties").type == pa.list_(pa.string())
    row = {r["id"]: r for r in table.to_pylist()}["vnm-blr-politics-ideology-2012"]
    assert row["parties"] == ["VNM", "BLR"]
    assert (row["signed"], row["signed_precision"]) == ("2012-06", "month")
    assert (row["signed_earliest"], row["signed_latest"]) == (
        dt.date(2012, 6, 1),
        dt.date(2012, 6, 30),
    )


def test_every_record_type_has_a_table(db: Dataset) -> None:
    """Each kind of record converts, nested roles and evidence as lists of structs."""
    from defcoop.loading._loader import COLLECTIONS

    for key in COLLECTIONS:
        assert db.to_arrow(key).num_rows == sum(1 for r in db if type(r) is COLLECTIONS[key])
    roles = db.to_arrow("people").schema.field("roles").type
    assert pa.types.is_list(roles)
    assert pa.types.is_struct(roles.value_type)


def test_results_convert_and_empty_answers_need_a_kind(db: Dataset) -> None:
    """A query's answer converts; an empty one needs kind=; mixed kinds are refused."""
    assert db.events(kind="visit").to_arrow().num_rows == len(db.events(kind="visit"))
    assert defcoop.to_arrow([], "events").num_rows == 0
    with pytest.raises(QueryError, match="no records"):
        defcoop.to_arrow([])
    with pytest.raises(QueryError, match="one kind"):
        defcoop.to_arrow([*db.agreements(), *db.events()])


def test_without_pyarrow_names_the_extra(db: Dataset, hide_module: Callable[[str], None]) -> None:
    """Without pyarrow, to_arrow raises MissingExtraError naming defcoop[arrow]."""
    hide_module("pyarrow")
    with pytest.raises(MissingExtraError, match=r'pip install "defcoop\[arrow\]"') as info:
        db.to_arrow("events")
    assert info.value.extra == "arrow"


def test_duckdb_answers_like_the_api(db: Dataset, tmp_path: Path) -> None:
    """DuckDB over the Parquet files finds the agreements covering military science (and
    narrower fields) that the Python API finds, in the same order."""
    duckdb = pytest.importorskip("duckdb")
    export(db, tmp_path, format="parquet")
    query = f"""
        WITH RECURSIVE wanted(id) AS (
            SELECT id FROM '{tmp_path}/fields.parquet' WHERE label = 'military science'
            UNION
            SELECT f.id FROM '{tmp_path}/fields.parquet' f JOIN wanted w ON f.broader = w.id
        )
        SELECT DISTINCT a.id, a.signed_earliest, a.signed_latest
        FROM '{tmp_path}/agreements.parquet' a, wanted
        WHERE list_contains(a.fields, wanted.id)
        ORDER BY a.signed_earliest NULLS LAST, a.signed_latest, a.id
    """
    found = [row[0] for row in duckdb.sql(query).fetchall()]
    assert found == list(db.agreements(field="military science").ids())
    assert found == ["vnm-blr-military-science-2018"]
    broad = duckdb.sql(query.replace("'military science'", "'defense cooperation'")).fetchall()
    assert {row[0] for row in broad} == set(db.agreements(field="defense cooperation").ids())


def test_parquet_files_name_the_data_version(db: Dataset, tmp_path: Path) -> None:
    """Each file carries its record type, the dataset's version and the code's."""
    parquet = pytest.importorskip("pyarrow.parquet")
    export(db, tmp_path, format="parquet")
    metadata = parquet.read_schema(tmp_path / "events.parquet").metadata
    assert metadata[b"defcoop.record_type"] == b"Event"
    assert metadata[b"defcoop.data_version"] == db.info.version.encode()  # type: ignore[union-attr]
    assert metadata[b"defcoop.code_version"] == defcoop.__version__.encode()


def test_tables_read_back_into_equal_records(db: Dataset, tmp_path: Path) -> None:
    """Every record type survives a Parquet file and from_arrow unchanged."""
    parquet = pytest.importorskip("pyarrow.parquet")
    from defcoop.loading._loader import COLLECTIONS
    from defcoop.query.arrow import from_arrow

    export(db, tmp_path, format="parquet")
    for key, record_type in COLLECTIONS.items():
        table = parquet.read_table(tmp_path / f"{key}.parquet")
        assert from_arrow(table, key) == [r for r in db if type(r) is record_type]


@settings(max_examples=max(5, settings.default.max_examples // 10))
@given(dst.datasets())
def test_generated_records_round_trip_through_arrow(db: Dataset) -> None:
    """Generated records of every kind convert to Arrow and back unchanged."""
    from defcoop.loading._loader import COLLECTIONS
    from defcoop.query.arrow import from_arrow

    for key, record_type in COLLECTIONS.items():
        records = [r for r in db if type(r) is record_type]
        assert from_arrow(defcoop.to_arrow(records, key), key) == records
