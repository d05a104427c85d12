"""pandas DataFrames of records: one row per record, lists kept, dates with their precision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

import defcoop
from defcoop import Agreement, Dataset, MissingExtraError, QueryError, UnknownNameError

pd = pytest.importorskip("pandas")


def plain(frame: Any) -> list[list[Any]]:
    """A frame's cells as Python values, every kind of missing value as None."""
    return [
        [None if not isinstance(value, list) and pd.isna(value) else value for value in row]
        for row in frame.astype(object).itertuples(index=False)
    ]


def test_agreements_frame_has_a_row_per_agreement(db: Dataset) -> None:
    """Each agreement is a row, in query order, with a column per attribute."""
    frame = db.to_frame("agreements")
    assert list(frame["id"]) == list(db.agreements().ids())
    assert list(frame.columns[:4]) == ["id", "title", "kind", "parties"]
    assert "signed_precision" in frame.columns
    assert "notes" in frame.columns


def test_lists_stay_lists_and_kinds_are_words(db: Dataset) -> None:
    """List-valued attributes are lists; kinds are their words; citations 'source#n'."""
    frame = db.to_frame("agreements").set_index("id")
    row = frame.loc["vnm-blr-military-science-2018"]
    assert row["parties"] == ["VNM", "BLR"]
    assert row["fields"] == ["military-science"]
    assert row["sources"] == [
        "pillar-and-highlight#12",
        "pillar-and-highlight#13",
        "vietnamplus-2018-11-15-ministers-talks#1",
        "sputnik-by-2018-11-15-plan-signed#4",
    ]
    assert row["kind"] == "agreement"
    assert row["inferred"] == []


def test_dates_keep_their_text_and_precision(db: Dataset) -> None:
    """A date is its text, its precision, and the first and last day it may mean."""
    frame = db.to_frame("events").set_index("id")
    month = frame.loc["aleksandr-nikolaevich-visit-vnm-2014-10"]
    assert month["when"] == "2014-10"
    assert month["when_precision"] == "month"
    assert month["when_earliest"] == pd.Timestamp("2014-10-01")
    assert month["when_latest"] == pd.Timestamp("2014-10-31")
    days = frame.loc["mcis-7"]
    assert (days["when"], days["when_precision"]) == ("2018-04-04/2018-04-05", "day")
    years = frame.loc["vnm-rus-minister-visits-2008-2013"]
    assert (years["when"], years["when_precision"]) == ("2008/2013", "year")
    assert years["when_latest"] == pd.Timestamp("2013-12-31")
    undated = frame.loc["vnm-blr-press-media-delegations"]
    assert pd.isna(undated["when"])
    assert pd.isna(undated["when_precision"])
    assert pd.isna(undated["when_earliest"])
    assert str(frame["when_earliest"].dtype).startswith("datetime64")


def test_results_to_frame_matches_dataset_to_frame(db: Dataset) -> None:
    """A query's frame is the matching rows of the whole kind's frame."""
    everything = db.to_frame("events")
    visits = db.events(kind="visit").to_frame()
    expected = everything[everything["kind"] == "visit"].reset_index(drop=True)
    assert list(visits.columns) == list(expected.columns)
    assert plain(visits) == plain(expected)


def test_mixed_records_get_a_kind_column(db: Dataset) -> None:
    """A timeline's frame says the type of each row and has every kind's columns."""
    timeline = db.timeline(party="Belarus")
    frame = timeline.to_frame()
    assert list(frame["type"]) == [type(r).__name__.lower() for r in timeline]
    assert {"kind", "signed", "when", "title", "participants"} <= set(frame.columns)
    assert frame.columns[0] == "type"


@pytest.mark.parametrize(
    ("kind", "record_type"),
    [
        ("agreements", defcoop.Agreement),
        ("agreement", defcoop.Agreement),
        ("People", defcoop.Person),
        ("country", defcoop.Country),
        (defcoop.Relationship, defcoop.Relationship),
    ],
)
def test_kind_by_key_singular_or_class(db: Dataset, kind: object, record_type: type) -> None:
    """to_frame takes a data-file key, its singular or the record class."""
    frame = db.to_frame(kind)  # type: ignore[arg-type]
    assert len(frame) == sum(1 for record in db if type(record) is record_type)


def test_country_frame_keeps_codes(db: Dataset) -> None:
    """The country frame carries every interop code."""
    frame = db.to_frame("countries").set_index("code")
    assert frame.loc["VNM", "cow_code"] == 816
    assert frame.loc["BLR", "numeric"] == "112"
    assert frame.loc["RUS", "alpha2"] == "RU"


def test_empty_answers_give_empty_frames(db: Dataset) -> None:
    """An empty query gives an empty frame; a kind with no records keeps its columns."""
    assert db.agreements(signed="1900").to_frame().empty
    empty = defcoop.Dataset.from_records(
        [defcoop.Source(id="s", language="en", paragraphs=1)]
    ).to_frame("events")
    assert empty.empty
    assert "when_precision" in empty.columns


def test_unknown_kind_names_the_closest(db: Dataset) -> None:
    """A misspelt kind raises UnknownNameError with suggestions; a wrong type, QueryError."""
    with pytest.raises(UnknownNameError, match="agreements"):
        db.to_frame("agreemnts")
    with pytest.raises(QueryError, match="record class"):
        db.to_frame(dt.date)  # type: ignore[arg-type]


def test_without_pandas_the_error_names_the_extra(
    db: Dataset, hide_module: Callable[[str], None]
) -> None:
    """Without pandas, to_frame raises MissingExtraError naming defcoop[pandas]."""
    hide_module("pandas")
    for call in (lambda: db.to_frame("events"), lambda: db.events().to_frame()):
        with pytest.raises(MissingExtraError, match=r'pip install "defcoop\[pandas\]"') as info:
            call()
        assert isinstance(info.value, ImportError)
        assert info.value.extra == "pandas"


def test_codes_and_counts_are_nullable_integers_not_floats(db: Dataset) -> None:
    """A column of whole numbers with gaps is Int64 (370, not 370.0); CAMEO stays text."""
    countries = db.to_frame("countries")
    assert str(countries["cow_code"].dtype) == "Int64"
    assert countries.loc[countries.code == "BLR", "cow_code"].tolist() == [370]
    assert countries.loc[countries.code == "SUN", "cow_code"].isna().all()
    events = db.to_frame("events")
    assert events.loc[events.id == "mcis-7", "cameo"].tolist() == ["040"]


def test_list_cells_are_written_to_csv_as_json_like_the_export(db: Dataset) -> None:
    """frame.to_csv() writes a list as the CLI's CSV export does: a JSON array."""
    import csv
    import io

    from defcoop.query import _tabular

    frame = db.to_frame("agreements")
    ours = list(csv.DictReader(io.StringIO(frame.to_csv(index=False))))
    exported = list(csv.DictReader(io.StringIO(_tabular.csv_text(db.agreements(), Agreement))))
    assert [row["parties"] for row in ours] == [row["parties"] for row in exported]
    assert ours[0]["parties"].startswith('["')
    assert frame["parties"][0] == list(db.agreements()[0].parties)
