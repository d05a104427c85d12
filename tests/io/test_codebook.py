"""The codebook names exactly the columns the code produces, with the same dtypes."""

from __future__ import annotations

import json
from typing import Any

import pytest

import defcoop
from defcoop import Dataset
from defcoop.errors import ArgumentError, UnknownNameError
from defcoop.io import codebook as codebook_io
from defcoop.io.exports import render
from defcoop.model import registry
from defcoop.views.codebook import LABEL_LENGTH, PANELS, Codebook, label_of

KINDS = list(registry.record_types())
_ARROW = {"string": "string", "integer": "int64", "boolean": "bool", "date": "date32[day]"}


@pytest.fixture(scope="module")
def book() -> Codebook:
    return defcoop.codebook()


@pytest.mark.parametrize("declared", KINDS, ids=lambda declared: declared.key)
def test_record_tables_match_frames_and_arrow(
    db: Dataset, book: Codebook, declared: registry.RecordType
) -> None:
    """Each record type's frame and Arrow table on the full data has exactly the codebook's
    columns, in order, with its dtypes (and Arrow types of its declared type)."""
    records = [record for record in db if type(record) is declared.cls]
    frame = db.to_frame(declared.cls)
    table = book.table(declared.key)
    assert [(c.name, c.dtype) for c in table.columns] == [
        (name, str(dtype)) for name, dtype in frame.dtypes.items()
    ]
    arrow = defcoop.to_arrow(records, declared.cls)
    assert arrow.schema.names == [c.name for c in table.columns]
    for column in table.columns:
        arrow_type = str(arrow.schema.field(column.name).type)
        if column.type in _ARROW:
            assert arrow_type == _ARROW[column.type], column.name
        else:
            assert arrow_type.startswith("list" if column.type == "array" else "struct")


def panel_of(db: Dataset, name: str) -> Any:
    unit, directed = PANELS[name]
    if unit == "dyad":
        return db.dyad_years(years="2018", directed=directed, frame=True)
    return db.state_years(years="2018", frame=True)


@pytest.mark.parametrize("name", list(PANELS))
def test_panels_match_the_codebook(db: Dataset, book: Codebook, name: str) -> None:
    """Every column of a panel of the full data is in the codebook with the same dtype, in
    order, and nothing in the codebook is absent from the panel."""
    frame = panel_of(db, name)
    columns = book.table(name).columns
    assert [(c.name, c.dtype) for c in columns] == [
        (column, str(dtype)) for column, dtype in frame.dtypes.items()
    ]
    assert all(c.counts for c in columns if c.name in frame.attrs["counted"])


def test_every_column_is_described_and_labelled(book: Codebook) -> None:
    """Every column has a meaning, a missing-value rule and a label of at most 80 characters."""
    for table in book.tables:
        assert table.row, table.name
        assert table.inclusion, table.name
        for column in table.columns:
            assert column.meaning, (table.name, column.name)
            assert column.missing, (table.name, column.name)
            label = book.label(table.name, column.name)
            assert 0 < len(label) <= LABEL_LENGTH, (table.name, column.name, label)


def test_closed_vocabularies_list_their_values(book: Codebook) -> None:
    """A vocabulary column lists its words; event kinds say what each takes."""
    assert book.table("events").column("kind").values == tuple(k.value for k in defcoop.EventKind)
    assert dict(book.table("events").kinds)["port call"]
    assert book.table("dyad_years").column("visits_lb").values == ("true", "false")


def test_labels_are_cut_at_a_word() -> None:
    """A long meaning becomes a label of at most 80 characters, ending at a whole word."""
    long = "agreements " * 12
    label = label_of(long)
    assert len(label) <= LABEL_LENGTH
    assert label.endswith("s\N{HORIZONTAL ELLIPSIS}")
    assert label_of("units delivered; missing where not known") == "Units delivered"


def test_unknown_tables_and_columns_are_named(book: Codebook) -> None:
    """A misspelt table or column raises an error suggesting the right one."""
    with pytest.raises(UnknownNameError, match="agreements"):
        book.table("agreement")
    with pytest.raises(UnknownNameError, match="visits"):
        book.label("dyad_years", "vists")
    with pytest.raises(ArgumentError, match="expects a name"):
        book.table(3)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="expects a Dataset"):
        defcoop.codebook("data")  # type: ignore[arg-type]


def test_the_codebook_is_written_as_markdown_and_json(db: Dataset, book: Codebook) -> None:
    """The export format writes both files; the Markdown names every column and the JSON
    holds every table with its columns."""
    written = render(db, "codebook")
    assert set(written) == {"codebook.md", "codebook.json"}
    text = str(written["codebook.md"])
    assert text.startswith("# Codebook")
    for table in book.tables:
        assert f"`{table.name}`" in text
        assert all(f"`{column.name}`" in text for column in table.columns)
    data = json.loads(written["codebook.json"])
    assert [t["name"] for t in data["tables"]] == [t.name for t in book.tables]
    assert data["data_version"] == (db.info.version if db.info else None)
    assert "## Search protocol" in text
    assert "## Coverage" in text
    assert any(run.covered == "not covered" for run in book.coverage)
    assert codebook_io.label("events", "cameo", db).startswith("Its CAMEO event code")
