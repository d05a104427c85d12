"""The release commands: `defcoop cite --dataset` and `defcoop diff OLD NEW`."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

import defcoop
from _helpers import run
from defcoop import Dataset

DATA = Path(defcoop.__file__).parent / "data"


def test_cite_dataset_prints_each_style_with_the_data_version(
    capsys: pytest.CaptureFixture[str], db: Dataset
) -> None:
    """Every style names the data version; the default is the BibTeX entry of cite_dataset()."""
    version = db.info.version  # type: ignore[union-attr]
    status, out, _err = run(capsys, "cite", "--dataset")
    assert (status, out) == (0, defcoop.cite_dataset())
    for style in ("bibtex", "csl", "apa", "chicago"):
        status, out, _err = run(capsys, "cite", "--dataset", "--style", style)
        assert status == 0, style
        assert version in out, style
    assert json.loads(run(capsys, "cite", "--dataset", "--style", "csl")[1])[0]["type"] == "dataset"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["cite"], "cite needs source or record ids, or --dataset"),
        (["cite", "mcis-7", "--dataset"], "--dataset cites the dataset: give no id"),
        (["cite", "mcis-7", "--style", "apa"], "citations of records take --style bibtex"),
        (["cite", "--dataset", "--format", "csl-json"], "--dataset takes --style bibtex"),
    ],
)
def test_cite_refuses_mixed_arguments(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """An id with --dataset, neither, or the other form's option is a usage error."""
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert message in err


def test_cite_of_a_record_keeps_its_format_option(capsys: pytest.CaptureFixture[str]) -> None:
    """`cite ID --format csl-json` still prints the record's sources as CSL-JSON."""
    status, out, _err = run(capsys, "cite", "strengthening-2016", "--format", "csl-json")
    assert status == 0
    assert json.loads(out)[0]["id"] == "strengthening-2016"


def _dump(tmp_path: Path, db: Dataset, name: str) -> Path:
    return defcoop.dump(db, tmp_path / name)


def test_diff_of_equal_data_in_two_forms_is_empty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Dataset
) -> None:
    """The bundled folder and its JSON dump hold the same records: nothing added or changed."""
    dumped = _dump(tmp_path, db, "old.json")
    status, out, _err = run(capsys, "diff", str(dumped), str(DATA), "--exit-code")
    assert status == 0
    assert out.rstrip().endswith(": 0 added, 0 removed, 0 changed")


def test_diff_lists_a_change_as_text_and_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Dataset
) -> None:
    """A title edited in a JSON dump is one changed record with its old and new title."""
    old = _dump(tmp_path, db, "old.json")
    document = json.loads(old.read_text("utf-8"))
    event = next(e for e in document["events"] if e["id"] == "mcis-7")
    before, event["title"] = event["title"], "A new title"
    new = tmp_path / "new.json"
    new.write_text(json.dumps(document), "utf-8")
    status, out, _err = run(capsys, "diff", str(old), str(new))
    assert status == 0
    assert f'    title: {json.dumps(before)} -> "A new title"' in out
    status, out, _err = run(capsys, "diff", str(old), str(new), "--json", "--exit-code")
    assert status == 1
    changed = json.loads(out)["changed"]
    assert changed == [
        {
            "kind": "event",
            "id": "mcis-7",
            "changes": [{"attribute": "title", "old": before, "new": "A new title"}],
        }
    ]


def test_diff_reads_the_bundled_data_of_a_wheel(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A wheel's defcoop/data folder is read from inside it, and equals the folder it came from."""
    wheel = tmp_path / "defcoop-0.0.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path in DATA.iterdir():
            archive.write(path, f"defcoop/data/{path.name}")
        archive.writestr("defcoop/__init__.py", "")
    status, out, err = run(capsys, "diff", str(wheel), str(DATA), "--exit-code")
    assert (status, err) == (0, "")
    assert ": 0 added, 0 removed, 0 changed" in out


@pytest.mark.parametrize("kind", ["package", "empty wheel", "broken wheel"])
def test_diff_says_what_it_cannot_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    """A data package, a wheel without data and a broken wheel are usage errors that say so."""
    if kind == "package":
        path = tmp_path / "package"
        path.mkdir()
        (path / "datapackage.json").write_text("{}", "utf-8")
        expected = "a data package cannot be read back"
    elif kind == "empty wheel":
        path = tmp_path / "defcoop-0.0.0-py3-none-any.whl"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("defcoop/__init__.py", "")
        expected = "the wheel holds no defcoop/data/ folder"
    else:
        path = tmp_path / "defcoop-0.0.0-py3-none-any.whl"
        path.write_bytes(b"not a zip")
        expected = "not a wheel"
    status, _out, err = run(capsys, "diff", str(path), str(DATA))
    assert status == 2
    assert expected in err


def test_diff_of_a_folder_with_a_new_file_lists_its_records(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Copying the data and adding a source to it shows that source added."""
    new = tmp_path / "data"
    shutil.copytree(DATA, new)
    (new / "extra.toml").write_text(
        '[[sources]]\nid = "zz-new-report"\ntitle = "A new report"\nlanguage = "en"\n'
        "paragraphs = 1\n",
        "utf-8",
    )
    status, out, _err = run(capsys, "diff", str(DATA), str(new))
    assert status == 0
    assert "1 added, 0 removed, 0 changed" in out
    assert "  source zz-new-report: A new report" in out
