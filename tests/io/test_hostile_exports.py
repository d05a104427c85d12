"""Hostile exports, kept as regression tests (issue 13): files written all or none, old files
put back when a move fails, file-system errors in one line."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest

import defcoop
from _helpers import write
from defcoop import Dataset
from defcoop.cli._main import main

FORK = "fork" in multiprocessing.get_all_start_methods()


# Export: all or nothing ------------------------------------------------------------------


def export(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["export", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_export_refuses_to_replace_files_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing file stays as it was, unless --force is given."""
    target = write(tmp_path / "out" / "defcoop.json", "precious")
    status, out, err = export(capsys, "--out", str(tmp_path / "out"))
    assert (status, out) == (1, "")
    assert err == (
        f"defcoop: error: {target} already exists; remove it, choose another folder or pass "
        "--force (force=True) to replace it\n"
    )
    assert target.read_text("utf-8") == "precious"
    status, out, err = export(capsys, "--out", str(tmp_path / "out"), "--force")
    assert (status, out.strip(), err) == (0, str(target), "")
    assert defcoop.load(target) == defcoop.load()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["defcoop.json"]


def test_a_failed_export_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write failing midway leaves the old files whole and no new or temporary file."""
    from defcoop.io import _writer as _export

    out = tmp_path / "out"
    export(capsys, "--format", "csv", "--out", str(out))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_write = _export._write
    calls: list[Path] = []

    def failing(path: Path, text: str) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise _export.ExportError(f"cannot write {path.name}: No space left on device")
        real_write(path, text)

    monkeypatch.setattr(_export, "_write", failing)
    status, _out, err = export(capsys, "--format", "csv", "--out", str(out), "--force")
    assert status == 1
    assert err.count("\n") == 1
    assert "No space left on device" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_failed_move_puts_the_old_files_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When moving the new files into place fails, the ones moved are undone."""
    out = tmp_path / "out"
    export(capsys, "--format", "csv", "--out", str(out))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_replace = os.replace
    moves: list[str] = []

    def replace(source: Any, target: Any) -> None:
        moves.append(str(target))
        if len(moves) == 6:
            raise OSError(5, "Input/output error", str(source), None, str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    status, _out, err = export(capsys, "--format", "csv", "--out", str(out), "--force")
    monkeypatch.undo()
    assert status == 1
    assert err.count("\n") == 1
    assert "nothing was changed" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("file", "exists and is not a folder"),
        ("file/below", "cannot create the folder"),
        ("folder-as-target", "is a folder; cannot write a file there"),
    ],
)
def test_export_filesystem_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, message: str
) -> None:
    """A bad --out gives one line on stderr and status 1, never a traceback."""
    write(tmp_path / "file", "x")
    (tmp_path / "folder-as-target" / "defcoop.json").mkdir(parents=True)
    status, stdout, err = export(capsys, "--out", str(tmp_path / out), "--force")
    assert (status, stdout) == (1, "")
    assert err.startswith("defcoop: error: ")
    assert err.count("\n") == 1
    assert message in err


def test_dump_replaces_a_file_whole_or_not_at_all(
    db: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """dump() writes beside the target and renames; a failure leaves the old file."""
    from defcoop.io import _writer as _export

    target = write(tmp_path / "data.json", "old")

    def failing(path: Path, text: str) -> None:
        path.write_text(text[:10], "utf-8")
        raise _export.ExportError("cannot write data.json: No space left on device")

    monkeypatch.setattr(_export, "_write", failing)
    with pytest.raises(defcoop.ExportError, match="No space left"):
        defcoop.dump(db, target)
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["data.json"]
    monkeypatch.undo()
    with pytest.raises(defcoop.ExportError, match="does not exist"):
        defcoop.dump(db, tmp_path / "missing" / "data.json")
