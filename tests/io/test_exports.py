"""Exports: PLOVER lines, every format through one writer, all files or none."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings

from defcoop import ArgumentError, Dataset, ExportError, MissingExtraError, UnknownNameError
from defcoop import strategies as dst
from defcoop.cli._main import main
from defcoop.io.exports import FORMATS, export, plover_lines, render


def test_plover_lines_hold_every_event_with_its_coding(db: Dataset) -> None:
    """One JSON object per event, in query order, with PLOVER's fields and the citation."""
    lines = [json.loads(line) for line in plover_lines(db).splitlines()]
    assert [line["id"] for line in lines] == list(db.events().ids())
    by_id = {line["id"]: line for line in lines}
    visit = by_id["ravkov-visit-vnm-2018-11"]
    assert (visit["event"], visit["mode"], visit["context"]) == (
        ["CONSULT"],
        ["visit"],
        ["military"],
    )
    assert (visit["date"], visit["enddate"], visit["date_text"], visit["date_precision"]) == (
        "2018-11-14",
        "2018-11-17",
        "2018-11-14/2018-11-17",
        "day",
    )
    assert [e["code"] for e in visit["actor"]] == ["BLR"]  # the visitor
    assert [e["code"] for e in visit["recipient"]] == ["VNM"]  # the host
    signing = by_id["vnm-blr-signing-2018-11"]
    assert ([e["code"] for e in signing["actor"]], signing["recipient"]) == (["VNM", "BLR"], [])
    cited, *_reports = visit["cite_info"]
    assert cited["citation"].startswith("pillar-and-highlight ¶")
    assert set(cited) >= {"url", "title", "language", "publication", "codebook", "version"}
    assert by_id["mcis-7"]["mode"] == ["multilateral"]
    assert by_id["rus-mod-multilateral-activities-2019"]["event"] == ["AGREE"]
    assert by_id["army-games-2019"]["event"] == ["COOPERATE"]


def test_plover_cite_info_carries_the_source_url(db: Dataset) -> None:
    """A source's url travels into the line's citation."""
    import attrs

    records = [
        attrs.evolve(r, url="https://example.org/a") if r.id == "pillar-and-highlight" else r
        for r in db
    ]
    changed = Dataset.from_records(records, info=db.info)
    lines = [json.loads(line) for line in plover_lines(changed).splitlines()]
    (line,) = [line for line in lines if line["id"] == "lich-visit-rus-2018-04"]
    assert line["cite_info"][0]["citation"].startswith("pillar-and-highlight ¶")
    assert line["cite_info"][0]["url"] == "https://example.org/a"


# DuckDB files differ byte for byte from one write to the next: tests/io/test_sql.py checks
# its all-or-nothing writes by the tables' contents.
@pytest.mark.parametrize("format", [f for f in FORMATS if f not in ("parquet", "duckdb")])
def test_every_format_is_written_and_refuses_to_overwrite(
    db: Dataset, tmp_path: Path, format: str
) -> None:
    """Each format writes its files; a second export keeps them unless forced."""
    written = export(db, tmp_path / "out", format=format)
    assert sorted(p.name for p in written) == sorted(render(db, format))
    before = {p: p.read_bytes() for p in written}
    written[0].write_text("changed by hand", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists"):
        export(db, tmp_path / "out", format=format)
    assert written[0].read_text(encoding="utf-8") == "changed by hand"
    export(db, tmp_path / "out", format=format, force=True)
    assert {p: p.read_bytes() for p in written} == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in written)


def test_one_existing_file_stops_the_whole_export(db: Dataset, tmp_path: Path) -> None:
    """When one target exists, no other file is written either."""
    (tmp_path / "events.csv").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match=r"events\.csv already exists"):
        export(db, tmp_path, format="csv")
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_bad_folder_and_format(db: Dataset, tmp_path: Path) -> None:
    """An empty path, a file given as the folder and a misspelt format are refused."""
    with pytest.raises(ArgumentError, match="empty string"):
        export(db, "", format="csv")
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    with pytest.raises(ExportError, match="not a folder"):
        export(db, tmp_path / "a-file", format="csv")
    with pytest.raises(UnknownNameError, match="parquet"):
        export(db, tmp_path, format="parqet")


def test_parquet_without_pyarrow_names_the_extra(
    db: Dataset, tmp_path: Path, hide_module: Callable[[str], None]
) -> None:
    """Without pyarrow, the Parquet export raises MissingExtraError and writes nothing."""
    hide_module("pyarrow")
    with pytest.raises(MissingExtraError, match=r"defcoop\[arrow\]"):
        export(db, tmp_path / "out", format="parquet")
    assert not (tmp_path / "out").exists()


def test_cli_export_and_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The command writes, refuses to overwrite with status 1, and replaces with --force."""
    out = str(tmp_path / "p")
    assert main(["export", "--format", "plover", "--out", out]) == 0
    assert capsys.readouterr().out.strip().endswith("events.plover.jsonl")
    assert main(["export", "--format", "plover", "--out", out]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["export", "--format", "plover", "--out", out, "--force"]) == 0


@settings(max_examples=max(5, settings.default.max_examples // 10))
@given(dst.datasets())
def test_plover_lines_over_generated_datasets(db: Dataset) -> None:
    """Any dataset gives one JSON line per event, dates within bounds, codings as derived."""
    lines = [json.loads(line) for line in plover_lines(db).splitlines()]
    assert [line["id"] for line in lines] == list(db.events().ids())
    for line, event in zip(lines, db.events(), strict=True):
        assert line["has_event"] is (event.plover is not None)
        assert line["event"] == ([event.plover.event] if event.plover else [])
        if line["date"] is not None:
            assert line["date"] <= line["enddate"]
