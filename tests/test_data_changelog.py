"""tools/data_changelog.py: the changelog's data section, generated from a diff and checked."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType

import pytest

import defcoop
from defcoop import Dataset

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "data_changelog.py"
CHANGELOG = """\
# Changelog

Intro.

## [Unreleased]

### Added

- Something.

## [0.0.1] - 2026-01-01

- Old.
"""


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    if not TOOL.is_file():
        pytest.skip("no tools/ beside the tests (an installed package)")
    spec = importlib.util.spec_from_file_location("data_changelog", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _old_data(tmp_path: Path, db: Dataset) -> Path:
    """The bundled data less one event that nothing refers to, and with mcis-7 retitled."""
    document = json.loads(defcoop.dumps(db))
    texts = {
        e.get("id", e.get("code")): json.dumps(e)
        for key in document
        if key != "dataset"
        for e in document[key]
    }
    leaf = next(
        e["id"]
        for e in document["events"]
        if not any(f'"{e["id"]}' in t for k, t in texts.items() if k != e["id"])
    )
    document["events"] = [e for e in document["events"] if e["id"] != leaf]
    next(e for e in document["events"] if e["id"] == "mcis-7")["title"] = "Old title"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document), "utf-8")
    return path


def test_check_fails_until_write_puts_the_section_in(
    tool: ModuleType, tmp_path: Path, db: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    """--check fails without the section and passes after --write; writing twice changes nothing."""
    old = str(_old_data(tmp_path, db))
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(CHANGELOG, "utf-8")
    assert tool.main([old, "--check", str(changelog)]) == 1
    assert "has no data section" in capsys.readouterr().err
    assert tool.main([old, "--write", str(changelog)]) == 0
    written = changelog.read_text("utf-8")
    assert tool.main([old, "--check", str(changelog)]) == 0
    assert tool.main([old, "--write", str(changelog)]) == 0
    assert changelog.read_text("utf-8") == written
    unreleased = written.split("## [Unreleased]")[1].split("## [0.0.1]")[0]
    assert "### Data" in unreleased
    assert "### Added" in unreleased
    assert "1 records added, 0 removed, 1 changed" in unreleased
    assert "- Changed event `mcis-7`: title." in unreleased
    assert written.endswith("## [0.0.1] - 2026-01-01\n\n- Old.\n")


def test_check_fails_when_the_data_moved_on(
    tool: ModuleType, tmp_path: Path, db: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    """A section written for other data is out of date, and the message says how to fix it."""
    old = str(_old_data(tmp_path, db))
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(CHANGELOG, "utf-8")
    assert tool.main([old, "--write", str(changelog)]) == 0
    new = tmp_path / "new"
    shutil.copytree(Path(defcoop.__file__).parent / "data", new)
    (new / "extra.toml").write_text(
        '[[sources]]\nid = "zz-report"\ntitle = "T"\nlanguage = "en"\nparagraphs = 1\n', "utf-8"
    )
    assert tool.main([old, "--new", str(new), "--check", str(changelog)]) == 1
    assert "out of date" in capsys.readouterr().err


def test_a_git_ref_gives_the_data_of_that_commit(
    tool: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    """HEAD's data folder read through git archive is a dataset (no section when unchanged)."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    assert tool.main(["HEAD"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(tool.START)
    assert out.endswith(tool.END + "\n")
    with pytest.raises(SystemExit, match="neither a path nor a git ref"):
        tool.main(["no-such-ref-anywhere"])
