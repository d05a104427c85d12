"""The Stata export: files that pandas and pyreadstat read back with the same rows and
values, the codebook's variable labels and a value label for every closed vocabulary."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pyreadstat
import pytest

import defcoop
from defcoop import Dataset
from defcoop.io import stata
from defcoop.io.exports import render

TABLES = ["sources", "agreements", "events", "transfers"]


@pytest.fixture(scope="module")
def written(db: Dataset) -> dict[str, Any]:
    return render(db, "stata")


@pytest.fixture(scope="module")
def folder(written: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stata")
    for name, data in written.items():
        (path / name).write_bytes(data)
    return path


def test_one_file_per_table_and_panel(written: dict[str, Any]) -> None:
    """Every record type has its .dta file, and the dyad-year and state-year panels too."""
    from defcoop.model import registry

    tables = {f"{key}.dta" for key in registry.keys()}  # noqa: SIM118 (a function, no dict)
    assert set(written) == tables | {"dyad_years.dta", "state_years.dta"}


@pytest.mark.parametrize("key", TABLES)
def test_pandas_reads_back_the_same_rows_and_values(db: Dataset, folder: Path, key: str) -> None:
    """Each column reads back from pandas.read_stata as the frame holds it: vocabularies as
    their words, dates as the same days, numbers equal, lists as their JSON text."""
    frame = db.to_frame(key)
    back = pd.read_stata(folder / f"{key}.dta")
    assert len(back) == len(frame)
    assert list(back.columns) == [stata.variable_name(c) for c in frame.columns]
    for name in frame.columns:
        for mine, theirs in zip(frame[name], back[stata.variable_name(name)], strict=True):
            if isinstance(mine, list | dict):
                assert json.loads(theirs) == mine, name
            elif isinstance(mine, bool | np.bool_):
                assert theirs == ("true" if mine else "false"), name
            elif pd.isna(mine):
                assert theirs == "" or pd.isna(theirs), name
            else:
                assert mine == theirs, (name, mine, theirs)


def test_pyreadstat_finds_labels_and_value_labels(db: Dataset, folder: Path) -> None:
    """Variable labels are the codebook's, at most 80 characters; every vocabulary and flag
    has value labels; days are Stata dates."""
    book = defcoop.codebook(db)
    frame, meta = pyreadstat.read_dta(str(folder / "events.dta"))
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["cameo"] == book.label("events", "cameo")
    assert all(label and len(label) <= 80 for label in labels.values())
    values = meta.variable_value_labels
    assert set(values["kind"].values()) == {k.value for k in defcoop.EventKind}
    assert values["several"] == {0: "false", 1: "true"}
    assert set(values["when_precision"].values()) == {"year", "month", "day"}
    assert meta.original_variable_types["when_earliest"].startswith("%td")
    assert len(frame) == len(db.events())


def test_panels_keep_their_counts_and_missing_cells(db: Dataset, folder: Path) -> None:
    """The dyad-year file holds the panel's counts, missing where the panel's are, and its
    lower-bound flags as labelled codes."""
    back = pd.read_stata(folder / "dyad_years.dta")
    row = back[(back.ccode1 == 365) & (back.ccode2 == 816) & (back.year == 2018)].iloc[0]
    panel = db.dyad_years(years="2018", dyad=("RUS", "VNM"), frame=False)[0]
    assert row["agreements_signed"] == panel["agreements_signed"]
    assert row["visits_lb"] == ("true" if panel["visits_lb"] else "false")
    assert back["agreements_signed"].isna().any()
    _frame, meta = pyreadstat.read_dta(str(folder / "dyad_years.dta"), metadataonly=True)
    assert meta.variable_value_labels["visits_lb"] == {0: "false", 1: "true"}


def test_long_names_are_cut_uniquely_and_long_text_is_kept(db: Dataset) -> None:
    """A name past 32 characters is cut with a hash, the same each time, unique; text past
    2,045 bytes is written whole, as a strL."""
    long = ["field_" + "a" * 30 + suffix for suffix in "xyz"]
    names = [stata.variable_name(name) for name in long]
    assert all(len(name) <= 32 for name in names)
    assert len(set(names)) == 3
    assert stata.variable_name("in") != "in"
    note = "word " * 600
    event = attrs.evolve(
        db.events()[0],
        notes=note,
        participants=(),
        part_of=None,
        organizer=None,
        forum=None,
        mechanism=None,
        round=None,
    )
    sources = [attrs.evolve(source, coverage=()) for source in db.sources]  # so no panels
    one = Dataset.from_records([*db.countries, *sources, event])
    data = stata.stata_files(one)["events.dta"]
    back = pd.read_stata(io.BytesIO(data))
    assert back["notes"].iloc[0] == note
