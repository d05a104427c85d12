"""defcoop transfers: arms transfers listed from the command line, filtered as the query is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import defcoop
from _helpers import TRANSFER_SOURCE, TRANSFERS, run, write


@pytest.fixture
def data(tmp_path: Path) -> str:
    """A folder with a report and three transfers, read with the bundled data."""
    write(tmp_path / "t.json", {"sources": [TRANSFER_SOURCE], "transfers": TRANSFERS})
    return str(tmp_path)


def test_transfers_are_listed_in_columns(capsys: pytest.CaptureFixture[str], data: str) -> None:
    """The listing shows order, deliveries, the pair, quantity, status and designation."""
    status, out, _err = run(capsys, "transfers", "--data", data, "--bundled", "--supplier", "RUS")
    assert status == 0
    header, *lines = out.splitlines()
    rows = {line.split()[0]: line for line in lines}
    bundled = {transfer.id for transfer in defcoop.load().transfers(supplier="RUS")}
    assert set(rows) == bundled | {"rus-vnm-project-636-1-2009", "rus-vnm-su-30mk2-sample-2013"}
    kilo = rows["rus-vnm-project-636-1-2009"]
    assert header.split() == [
        "id",
        "ordered",
        "delivered",
        "supplier",
        "recipient",
        "quantity",
        "status",
        "designation",
    ]
    assert kilo.split()[:3] == ["rus-vnm-project-636-1-2009", "December", "2009"]
    assert kilo.endswith("Project 636.1")
    assert "2013\u20132016" in kilo  # an en dash, as periods are written


def test_every_filter_of_the_query_is_an_option(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    """Designation, category, dates and status work as in db.transfers(); --json gives records."""
    argv = ["transfers", "--data", data, "--bundled", "--json", "--designation", "su 30mk2"]
    argv += ["--category", "aircraft", "--ordered", "2013", "--delivered", "2014/2016"]
    argv += ["--status", "delivered", "--party", "Vietnam", "--recipient", "VNM"]
    status, out, _err = run(capsys, *argv)
    assert status == 0
    records = {record["id"]: record for record in json.loads(out)}
    bundled = defcoop.load().transfers(
        designation="su 30mk2",
        category="aircraft",
        ordered="2013",
        delivered="2014/2016",
        status="delivered",
        party="Vietnam",
        recipient="VNM",
    )
    assert set(records) == {transfer.id for transfer in bundled} | {"rus-vnm-su-30mk2-sample-2013"}
    record = records["rus-vnm-su-30mk2-sample-2013"]
    assert record["deliveries"][-1] == {"year": 2016, "count": 2}


def test_a_misspelt_designation_is_an_error_with_a_suggestion(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    """An unknown designation exits 1 naming the closest one."""
    status, _out, err = run(
        capsys, "transfers", "--data", data, "--bundled", "--designation", "kil"
    )
    assert status == 1
    assert "did you mean 'Kilo'" in err


def test_the_timeline_lists_transfers_by_designation(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    """The timeline's text output names a transfer by its designation."""
    status, out, _err = run(capsys, "timeline", "--data", data, "--bundled", "--when", "2015")
    assert status == 0
    (line,) = [line for line in out.splitlines() if "vnm-rus-repair-2015" in line]
    assert line.split()[1] == "transfer"
    assert line.endswith("Engine overhaul")
