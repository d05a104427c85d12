"""Hostile folders, kept as regression tests (issue 13): links, loops, special and unreadable
files, odd names; nothing a folder load reads is skipped silently."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest

import defcoop
from _helpers import in_child, problems_of, small, write
from defcoop import Dataset
from defcoop.cli._main import main
from defcoop.loading import _loader as loading

FORK = "fork" in multiprocessing.get_all_start_methods()


# Folder loads: nothing skipped silently --------------------------------------------------


def test_a_symlinked_subfolder_is_read(tmp_path: Path) -> None:
    """A link to a folder elsewhere is followed: its records are loaded."""
    data = small()
    agreements = data.pop("agreements")
    write(tmp_path / "data" / "base.json", data)
    write(tmp_path / "elsewhere" / "more.json", {"agreements": agreements})
    (tmp_path / "data" / "linked").symlink_to(tmp_path / "elsewhere")
    assert "deal" in defcoop.load(tmp_path / "data")


def test_a_symlink_loop_is_refused_by_name(tmp_path: Path) -> None:
    """A link back to a folder above is reported, not followed forever nor skipped."""
    write(tmp_path / "data" / "base.json", small())
    (tmp_path / "data" / "sub").mkdir()
    (tmp_path / "data" / "sub" / "loop").symlink_to(tmp_path / "data")
    (lines,) = [problems_of(tmp_path / "data")]
    assert lines == [
        f"{tmp_path / 'data' / 'sub' / 'loop'}: is a link back to a folder above it (a loop)"
    ]


def test_a_second_link_to_a_folder_is_reported(tmp_path: Path) -> None:
    """Two links to one folder would read it twice: the second is named."""
    write(tmp_path / "data" / "base.json", small())
    write(tmp_path / "other" / "x.txt", "not data")
    (tmp_path / "data" / "a").symlink_to(tmp_path / "other")
    (tmp_path / "data" / "b").symlink_to(tmp_path / "other")
    assert problems_of(tmp_path / "data") == [
        f"{tmp_path / 'data' / 'b'}: leads to a folder that is already read"
    ]


def test_a_dangling_link_is_reported(tmp_path: Path) -> None:
    """A symbolic link to nothing is named, in a folder and as the path itself."""
    write(tmp_path / "data" / "base.json", small())
    (tmp_path / "data" / "gone.json").symlink_to(tmp_path / "missing.json")
    expected = f"{tmp_path / 'data' / 'gone.json'}: is a symbolic link to nothing"
    assert problems_of(tmp_path / "data") == [f"{expected} (its target does not exist)"]
    assert problems_of(tmp_path / "data" / "gone.json") == [
        f"{expected} (its target does not exist)"
    ]


def test_an_unreadable_subfolder_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that cannot be listed is named with the reason (simulated: tests may run as
    root, who reads everything)."""
    write(tmp_path / "data" / "base.json", small())
    (tmp_path / "data" / "locked").mkdir()
    real = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert problems_of(tmp_path / "data") == [
        f"{tmp_path / 'data' / 'locked'}: cannot be read: Permission denied"
    ]


NOBODY = 65534  # the unprivileged user's id on Linux and the BSDs


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="needs POSIX permissions")
def test_an_unreadable_subfolder_is_reported_for_real() -> None:
    """The same, with real permissions. Root reads everything, so as root (as CI runs) the load
    runs in a forked child that has given up root for the unprivileged user."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp())  # in /tmp, which the unprivileged user can cross
    locked = folder / "data" / "locked"
    try:
        folder.chmod(0o755)
        write(folder / "data" / "base.json", small())
        write(locked / "more.json", {"agreements": []})
        expected = [f"{locked}: cannot be read: Permission denied"]
        if os.geteuid() != 0:
            locked.chmod(0)
            assert problems_of(folder / "data") == expected
            return
        if not FORK:
            pytest.skip("as root, needs os.fork to give root up")
        defcoop.load(folder / "data")  # imports whatever a folder load needs, while it can
        locked.chmod(0)
        read, written = os.pipe()

        def unprivileged() -> bool:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            found = problems_of(folder / "data")
            os.write(written, "\n".join(found).encode())
            return found == expected

        outcome = in_child(unprivileged)
        os.close(written)
        with os.fdopen(read) as report:
            assert outcome == "ok", report.read()
    finally:
        if locked.exists():
            locked.chmod(0o755)
        shutil.rmtree(folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifos_and_devices_are_reported_as_what_they_are(tmp_path: Path) -> None:
    """A FIFO with a data file's name, a FIFO or a device given as the path: named, no hang."""
    write(tmp_path / "data" / "base.json", small())
    os.mkfifo(tmp_path / "data" / "pipe.json")
    os.mkfifo(tmp_path / "data" / "ignored-pipe")  # not a data file's name
    assert problems_of(tmp_path / "data") == [
        f"{tmp_path / 'data' / 'pipe.json'}: is a FIFO (named pipe), not a data file"
    ]
    assert problems_of(tmp_path / "data" / "pipe.json") == [
        f"{tmp_path / 'data' / 'pipe.json'}: is a FIFO (named pipe), not a data file"
    ]
    if os.path.exists("/dev/zero"):
        assert problems_of("/dev/zero") == ["/dev/zero: is a character device, not a data file"]


def test_suffixes_are_read_in_any_case(tmp_path: Path) -> None:
    """agreements.JSON and base.Toml are data files."""
    data = small()
    write(tmp_path / "data" / "more.JSON", {"agreements": data.pop("agreements")})
    data.pop("sources")
    write(
        tmp_path / "data" / "base.Toml",
        '[[sources]]\nid = "src"\nlanguage = "en"\nparagraphs = 4\n',
    )
    write(tmp_path / "data" / "countries.json", data)
    dataset = defcoop.load(tmp_path / "data")
    assert {"deal", "src", "VNM"} <= {record.id for record in dataset}


def test_a_null_file_is_an_error_naming_it(tmp_path: Path) -> None:
    """A file holding JSON null is reported, alone or beside good files; never a bare error."""
    write(tmp_path / "data" / "base.json", small())
    write(tmp_path / "data" / "null.json", "null")
    expected = f"{tmp_path / 'data' / 'null.json'}: expected a table of record lists, got null"
    assert problems_of(tmp_path / "data") == [expected]
    assert problems_of(tmp_path / "data" / "null.json") == [expected]


def test_a_file_with_only_a_dataset_table_is_a_data_error(tmp_path: Path) -> None:
    """Loading only a [dataset] table is a DataError that says there are no records."""
    path = write(tmp_path / "info.toml", '[dataset]\nname = "x"\nversion = "1"\n')
    assert problems_of(path) == [f"{path}: holds no records, only a [dataset] table"]
    # Beside files of records, a file with only the [dataset] table is the usual layout.
    write(tmp_path / "records.json", small())
    assert defcoop.load(tmp_path).info == defcoop.DatasetInfo(name="x", version="1")


def test_hidden_and_checkpoint_folders_are_ignored(tmp_path: Path) -> None:
    """.ipynb_checkpoints (stale copies) and other hidden entries are not read."""
    write(tmp_path / "data" / "base.json", small())
    write(tmp_path / "data" / ".ipynb_checkpoints" / "base-checkpoint.json", small())
    write(tmp_path / "data" / ".git" / "broken.json", "{")
    write(tmp_path / "data" / ".hidden.json", "{")
    assert defcoop.load(tmp_path / "data") == defcoop.load(tmp_path / "data" / "base.json")


def test_the_bundled_files_follow_the_same_rules() -> None:
    """The bundled data is listed with the same suffix and hidden-entry rules as a folder."""
    names = [name for name, _ in loading._bundled_files()]
    assert names
    assert all(name.endswith((".toml", ".json")) for name in names)
    assert not any(Path(name).name.startswith(".") for name in names)


def test_an_empty_path_is_refused_everywhere(
    db: Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty path is not the current folder: load, dump, validate, --data, --out refuse it."""
    with pytest.raises(defcoop.ArgumentError, match="empty string"):
        defcoop.load("")
    with pytest.raises(defcoop.ArgumentError, match="empty string"):
        defcoop.dump(db, "")
    for argv in (
        ["validate", ""],
        ["agreements", "--data", ""],
        ["export", "--out", ""],
    ):
        assert main(argv) == 2, argv
        assert "expected a path, got an empty string" in capsys.readouterr().err


def test_a_path_too_long_is_one_short_line() -> None:
    """A 5,000-character path gives a DataError whose line is cut, not an OSError."""
    (line,) = problems_of("x" * 5000)
    assert "\n" not in line
    assert len(line) < 400
    assert "File name too long" in line or "no such file" in line
