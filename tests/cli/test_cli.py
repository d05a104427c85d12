"""The defcoop command line: queries, show, validate, export and schema, in and out of process."""

from __future__ import annotations

import csv
import importlib.metadata
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import defcoop
from _helpers import run
from defcoop import Dataset
from defcoop.model import registry

COMMANDS = [
    "agreements",
    "events",
    "mechanisms",
    "relationships",
    "people",
    "organizations",
    "timeline",
    "show",
    "validate",
    "export",
    "schema",
]


def program(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m defcoop`` in a separate process."""
    command = [sys.executable, "-m", "defcoop", *argv]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_module_runs_as_a_program() -> None:
    """python -m defcoop answers a query, as a separate process."""
    done = program("agreements", "--field", "military science")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["id", "signed", "parties", "title"]
    assert lines[1].startswith("vnm-blr-military-science-2018  15 November 2018")


def test_program_errors_go_to_stderr_with_a_status() -> None:
    """A misspelt name fails with status 1 and the suggestions on stderr, nothing on stdout."""
    done = program("events", "--person", "Shoygu")
    assert done.returncode == 1
    assert done.stdout == ""
    assert "did you mean" in done.stderr
    assert "Shoigu" in done.stderr


def test_console_script_is_declared() -> None:
    """The package declares the defcoop console script, pointing at main()."""
    scripts = importlib.metadata.entry_points(group="console_scripts", name="defcoop")
    assert [script.value for script in scripts] == ["defcoop.cli:main"]


def test_people_print_as_aligned_text(capsys: pytest.CaptureFixture[str], db: Dataset) -> None:
    """By default a query prints a header and one aligned row per record."""
    status, out, err = run(capsys, "people")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == len(db.people()) + 1
    column = lines[0].index("country")
    assert all(line[column - 2 : column] == "  " for line in lines)
    assert [line.split()[0] for line in lines[1:]] == list(db.people().ids())


@pytest.mark.parametrize(
    ("argv", "query"),
    [
        (["agreements", "--party", "BY", "--signed", "2018"], {"party": "BY", "signed": "2018"}),
        (["events", "--kind", "visit", "--when", "2018"], {"kind": "visit", "when": "2018"}),
        (["events", "--person", "Ngô Xuân Lịch", "--status", "occurred"], None),
        (["events", "--cameo", "04"], {"cameo": "04"}),
        (["mechanisms", "--party", "365"], {"party": 365}),
        (["relationships", "--field", "peacekeeping"], {"field": "peacekeeping"}),
        (["people", "--country", "Belarus"], {"country": "Belarus"}),
        (["organizations", "--country", "VNM"], {"country": "VNM"}),
    ],
)
def test_json_output_matches_the_python_api(
    capsys: pytest.CaptureFixture[str], db: Dataset, argv: list[str], query: dict[str, Any] | None
) -> None:
    """--json prints the records the Python query returns, as data-file values."""
    status, out, _err = run(capsys, *argv, "--json")
    assert status == 0
    printed = json.loads(out)
    if query is None:
        query = {"person": "Ngô Xuân Lịch", "status": "occurred"}
    expected = getattr(db, argv[0])(**query)
    assert printed == [defcoop.to_dict(record) for record in expected]
    assert printed


def test_timeline_command(capsys: pytest.CaptureFixture[str], db: Dataset) -> None:
    """timeline prints date, type, id and title in date order."""
    status, out, _err = run(capsys, "timeline", "--party", "Belarus")
    assert status == 0
    rows = [re.split(r"\s{2,}", line)[:3] for line in out.splitlines()[1:]]
    assert [row[2] for row in rows] == list(db.timeline(party="Belarus").ids())
    assert rows[0][1] == type(db.timeline(party="Belarus")[0]).__name__.lower()


def test_timeline_json_says_the_type_of_each_record(
    capsys: pytest.CaptureFixture[str], db: Dataset
) -> None:
    """timeline --json gives each record's type beside its values."""
    status, out, _err = run(capsys, "timeline", "--when", "2018-11", "--json")
    assert status == 0
    printed = json.loads(out)
    assert [(item["type"], item["id"]) for item in printed] == [
        ("event" if isinstance(r, defcoop.Event) else "agreement", r.id)
        for r in db.timeline(when="2018-11")
    ]


def test_empty_answer_says_so_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    """A query with no answer prints nothing on stdout, a note on stderr, and succeeds."""
    status, out, err = run(capsys, "agreements", "--signed", "1950")
    assert (status, out) == (0, "")
    assert "no agreements match" in err


def test_show_prints_the_record_and_its_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    """show ID prints the attributes, then the evidence with its sources."""
    status, out, _err = run(capsys, "show", "vnm-blr-military-science-2018")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Agreement vnm-blr-military-science-2018"
    assert ["title", "Agreement on military science"] in [line.split(maxsplit=1) for line in lines]
    assert lines.index("  signed_during  ravkov-visit-vnm-2018-11") < lines.index("")
    assert any(line.startswith("  pillar-and-highlight ¶12, ¶13; ") for line in lines)
    assert "Sources:" in lines


def test_show_json(capsys: pytest.CaptureFixture[str], db: Dataset) -> None:
    """show --json gives the record and its resolved evidence."""
    status, out, _err = run(capsys, "show", "strengthening-2016", "--json")
    assert status == 0
    assert json.loads(out)["evidence"] == []
    status, out, _err = run(capsys, "show", "vnm-rus-strategic-dialogue", "--json")
    printed = json.loads(out)
    assert printed["kind"] == "mechanism"
    assert printed["record"] == defcoop.to_dict(db.get("vnm-rus-strategic-dialogue"))
    assert printed["evidence"][1] == {
        "source": "strengthening-2016",
        "paragraph": 5,
        "field": None,
        "title": "Strengtheing the Vietnam - Russia defense cooperation in the framework of "
        "comprehensive strategic partnership",
        "publisher": "Ministry of National Defence - Socialist Republic of VietNam",
        "published": "2016-04-26",
    }


def test_show_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown id fails with status 1 and the closest ids."""
    status, out, err = run(capsys, "show", "mcis7")
    assert (status, out) == (1, "")
    assert "did you mean 'mcis-7'" in err


def user_file(tmp_path: Path, **changes: Any) -> Path:
    """A small user data file that refers to bundled records, with some values changed."""
    event = {
        "id": "my-visit",
        "title": "A visit",
        "kind": "visit",
        "when": "2019-05",
        "parties": ["VNM", "RUS"],
        "host": "RUS",
        "sources": ["pillar-and-highlight#3"],
        **changes,
    }
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"events": [event]}), encoding="utf-8")
    return path


def test_validate_a_valid_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """validate --bundled accepts a file whose references resolve in the bundled data."""
    path = user_file(tmp_path)
    status, out, err = run(capsys, "validate", str(path), "--bundled")
    assert (status, err) == (0, "")
    assert "valid" in out


def test_validate_lists_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An invalid file fails with status 1 and every problem on stderr."""
    path = user_file(tmp_path, kind="vist", when="2019-13", host="BLR")
    status, out, err = run(capsys, "validate", str(path), "--bundled")
    assert (status, out) == (1, "")
    assert "is invalid" in err
    assert "did you mean 'visit'" in err
    assert "month must be between 1 and 12" in err
    status, _out, err = run(capsys, "validate", str(path))
    assert status == 1


def test_validate_without_bundled_sees_unresolved_references(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Alone, a file that cites bundled sources is invalid, and each reference is listed."""
    status, _out, err = run(capsys, "validate", str(user_file(tmp_path)))
    assert status == 1
    assert err.count("\n  - ") == 3  # its two parties and its source


def test_queries_over_a_users_data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--data with --bundled queries a user's records beside the bundled ones."""
    path = user_file(tmp_path)
    status, out, _err = run(capsys, "events", "--when", "2019-05", "--data", str(path), "--bundled")
    assert status == 0
    found = [line.split()[0] for line in out.splitlines()[1:]]
    assert "my-visit" in found
    assert set(found) - {"my-visit"} == {e.id for e in defcoop.load().events(when="2019-05")}


def test_export_json_loads_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Dataset
) -> None:
    """export --format json writes one file that load() reads back into the same dataset."""
    status, out, _err = run(capsys, "export", "--format", "json", "--out", str(tmp_path / "x"))
    assert status == 0
    path = Path(out.strip())
    assert path == tmp_path / "x" / "defcoop.json"
    assert list(defcoop.load(path)) == list(db)


def test_export_csv_writes_one_file_per_kind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Dataset
) -> None:
    """export --format csv writes one CSV per kind of record, the same bytes every time."""
    status, out, _err = run(capsys, "export", "--format", "csv", "--out", str(tmp_path / "a"))
    assert status == 0
    names = sorted(Path(line).name for line in out.splitlines())
    assert names == sorted(f"{key}.csv" for key in (d.key for d in registry.record_types()))
    run(capsys, "export", "--format", "csv", "--out", str(tmp_path / "b"))
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a" / "agreements.csv").read_text("utf-8"))))
    assert [row["id"] for row in rows] == list(db.agreements().ids())
    science = next(row for row in rows if row["id"] == "vnm-blr-military-science-2018")
    assert json.loads(science["parties"]) == ["VNM", "BLR"]
    assert (science["signed"], science["signed_precision"]) == ("2018-11-15", "day")
    assert (science["signed_earliest"], science["signed_latest"]) == ("2018-11-15", "2018-11-15")
    plan = next(row for row in rows if row["id"] == "vnm-blr-defense-cooperation-training")
    assert (plan["signed"], plan["signed_precision"]) == ("2009", "year")
    assert (plan["signed_earliest"], plan["signed_latest"]) == ("2009-01-01", "2009-12-31")
    assert science["period"] == ""


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """schema prints the same JSON Schema as defcoop.json_schema()."""
    status, out, _err = run(capsys, "schema")
    assert status == 0
    assert json.loads(out) == defcoop.json_schema()


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    """--help works for the program and every command, and exits with status 0."""
    status, out, _err = run(capsys, *command, "--help")
    assert status == 0
    assert out.startswith(f"usage: defcoop {' '.join(command)}".rstrip())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "usage: defcoop"),
        (["agrements"], "did you mean 'agreements'"),
        (["events", "--colour", "red"], "unrecognized arguments: --colour"),
        (["events", "--when", "2018-13"], "month must be between 1 and 12"),
        (["export", "--format", "xml", "--out", "x"], "invalid choice: 'xml'"),
        (["export"], "the following arguments are required: --out"),
        (["agreements", "--bundled"], "bundled=True needs a path"),
    ],
)
def test_usage_errors_exit_with_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Usage errors print to stderr and exit with status 2."""
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert message in err


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["agreements", "--field", "militery science"], "military science"),
        (["events", "--kind", "vist"], "visit"),
        (["people", "--country", "Vietnma"], "Vietnam"),
    ],
)
def test_misspelt_names_exit_with_status_1_and_suggestions(
    capsys: pytest.CaptureFixture[str], argv: list[str], suggestion: str
) -> None:
    """A misspelt name exits with status 1 and names the closest choices."""
    status, out, err = run(capsys, *argv)
    assert (status, out) == (1, "")
    assert err.startswith("defcoop: error: unknown")
    assert f"'{suggestion}'" in err


def test_listing_commands_are_read_from_the_record_types(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A record type with query indexes is a command whose options are its filters and date,
    with each index's help: a new declaration is a new command, without editing the CLI."""
    import attrs

    from defcoop.cli._main import _parser
    from defcoop.model import registry

    def options(parser: Any, command: str) -> dict[str, str]:
        (sub,) = [a for a in parser._actions if a.dest == "command"]
        found = sub.choices[command]._actions
        return {a.option_strings[0]: a.help for a in found if a.option_strings}

    for declared in registry.record_types():
        if declared.indexes:
            listed = options(_parser(), declared.key)
            for index in declared.indexes:
                assert listed[f"--{index.filter}"] == index.help
            assert (f"--{declared.date}" in listed) == (declared.date is not None)
    widget = attrs.evolve(
        registry.of(defcoop.Mechanism),
        key="widgets",
        singular="widget",
        summary="widgets of every colour",
        indexes=(registry.Index("colour", "colour", help="a colour by name"),),
        date="made",
    )
    declared = (*registry.record_types(), widget)
    monkeypatch.setattr(registry, "record_types", lambda: declared)
    listed = options(_parser(), "widgets")
    assert listed["--colour"] == "a colour by name"
    assert "--made" in listed
