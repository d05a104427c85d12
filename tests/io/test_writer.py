"""The all-or-nothing writer interrupted: a Ctrl-C at any rename of a ``--force`` export
leaves the old files or the new ones, never neither (issue 25)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from defcoop.errors import ExportError
from defcoop.io import _writer

OLD = {"a.csv": "old a", "b.csv": "old b", "c.csv": "old c"}
NEW = {"a.csv": "new a", "b.csv": "new b", "c.csv": "new c", "d.csv": "new d"}


def contents(folder: Path) -> dict[str, str]:
    return {path.name: path.read_text("utf-8") for path in sorted(folder.iterdir())}


def failing_at(
    monkeypatch: pytest.MonkeyPatch, step: int, error: BaseException, *, after: bool
) -> list[tuple[str, str]]:
    """Make the ``step``-th rename raise ``error``, before it happens or just after (where a
    signal lands once the system call is done); the others, the undoing included, work."""
    real: Callable[..., None] = os.replace
    calls: list[tuple[str, str]] = []

    def replace(source: str, target: str) -> None:
        calls.append((os.fspath(source), os.fspath(target)))
        if len(calls) == step and not after:
            raise error
        real(source, target)
        if len(calls) == step:
            raise error

    monkeypatch.setattr(os, "replace", replace)
    return calls


@pytest.mark.parametrize("after", [False, True], ids=["before", "after"])
# Every rename of a forced write of NEW over OLD: one per old file set aside, one per new
# file moved in.
@pytest.mark.parametrize("step", range(1, len(OLD) + len(NEW) + 1))
def test_a_ctrl_c_at_any_rename_leaves_the_old_files_or_the_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int, after: bool
) -> None:
    """A KeyboardInterrupt at each rename step, before or after it, goes on up, and the folder
    holds exactly the old files (or, had the moves all been made, the new), nothing else."""
    folder = tmp_path / "out"
    folder.mkdir()
    for name, text in OLD.items():
        (folder / name).write_text(text, "utf-8")
    calls = failing_at(monkeypatch, step, KeyboardInterrupt(), after=after)
    with pytest.raises(KeyboardInterrupt):
        _writer.write_all(folder, NEW, force=True)
    assert len(calls) >= step  # the interruption did land at this step
    # Old or new, never neither nor a mix; here always the old, as the interruption comes
    # before write_all returns and it undoes what it did.
    assert contents(folder) == OLD


@pytest.mark.parametrize("step", [2, 5, 7])
def test_a_failed_rename_puts_the_old_files_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int
) -> None:
    """An OSError at a rename is an ExportError, and the old files are back in place."""
    folder = tmp_path / "out"
    folder.mkdir()
    for name, text in OLD.items():
        (folder / name).write_text(text, "utf-8")
    failing_at(monkeypatch, step, OSError(28, "No space left on device"), after=False)
    with pytest.raises(ExportError, match="nothing was changed"):
        _writer.write_all(folder, NEW, force=True)
    assert contents(folder) == OLD


def test_an_old_file_that_cannot_be_put_back_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the undoing fails too, the old file stays in the staging folder, which is kept
    and named, never deleted with the only copy."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a.csv").write_text("old a", "utf-8")
    real: Callable[..., None] = os.replace
    calls: list[str] = []

    def replace(source: str, target: str) -> None:
        calls.append(os.fspath(target))
        if len(calls) >= 2:  # the new file's move fails, and so does putting the old back
            raise OSError(5, "Input/output error")
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ExportError, match="the old files are kept in") as raised:
        _writer.write_all(folder, {"a.csv": "new a"}, force=True)
    (staging,) = (p for p in folder.iterdir() if p.name.startswith(".defcoop-export-"))
    assert str(staging) in str(raised.value)
    assert (staging / ".old-a.csv").read_text("utf-8") == "old a"
