"""Hostile use, kept as regression tests: processes, forks, special files, terminals.

Each class of cases found by a hostile test of the API, the loader and the command line has
its tests here (issue 13), at sizes small enough for the normal suite; the full sizes are in
``test_hostile_costs.py``, marked slow. The costs, the lenient values and the API arguments
have modules of their own beside this one (``test_hostile_*.py``).
"""

from __future__ import annotations

import copy
import gc
import importlib
import json
import multiprocessing
import os
import pickle
import pkgutil
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import defcoop
from _helpers import problems_of, write
from defcoop import DataError, Dataset, DefcoopError
from defcoop._moved import MOVED
from defcoop.cli._main import main
from defcoop.loading import _loader as loading

FORK = "fork" in multiprocessing.get_all_start_methods()
needs_fork = pytest.mark.skipif(not FORK, reason="needs os.fork")


def small() -> dict[str, Any]:
    """A small valid dataset in the file schema."""
    return {
        "sources": [{"id": "src", "language": "en", "paragraphs": 4}],
        "countries": [
            {"code": "VNM", "name": "Vietnam", "alpha2": "VN", "cow_code": 816},
            {"code": "LAO", "name": "Laos", "alpha2": "LA", "cow_code": 812},
        ],
        "agreements": [
            {
                "id": "deal",
                "title": "A deal",
                "kind": "memorandum",
                "parties": ["VNM", "LAO"],
                "signed": "2019-03-02",
                "sources": ["src#3"],
            }
        ],
    }


# Errors travel -------------------------------------------------------------------------------


def _all_error_classes() -> set[type[DefcoopError]]:
    for module in pkgutil.walk_packages(defcoop.__path__, "defcoop."):
        if module.name != "defcoop.__main__" and module.name.removeprefix("defcoop.") not in MOVED:
            importlib.import_module(module.name)
    found: set[type[DefcoopError]] = set()
    stack: list[type[DefcoopError]] = [DefcoopError]
    while stack:
        cls = stack.pop()
        found.add(cls)
        stack += cls.__subclasses__()
    return found


def _error_samples() -> list[DefcoopError]:
    from defcoop.errors import (
        ArgumentError,
        DateError,
        ExportError,
        MissingExtraError,
        Problem,
        QueryError,
        RecordError,
        UnknownNameError,
    )
    from defcoop.model._values import ValueProblemError

    problem = Problem(file="a.json", path="$.agreements[0].id", record="x", message="bad")
    return [
        DefcoopError("plain"),
        DateError("2018-13: month must be between 1 and 12"),
        RecordError("title", "must not be empty"),
        ArgumentError("wrong"),
        QueryError("party= expects a name"),
        UnknownNameError("field", "millitary", ["military science", "military"]),
        UnknownNameError("kind", "x", ["visit"], close=False),
        MissingExtraError("pandas", "pandas", purpose="to_frame()"),
        ExportError("/x/defcoop.json already exists"),
        DataError([problem, Problem(file="b.toml", message="is empty")]),
        ValueProblemError("expected a date"),
    ]


ERRORS = _error_samples()


def test_every_error_class_has_a_sample_here() -> None:
    """Each DefcoopError class defcoop defines is among the samples that must travel."""
    assert {type(error) for error in ERRORS} == _all_error_classes()


def _same_error(copied: BaseException, error: BaseException) -> None:
    assert type(copied) is type(error)
    assert str(copied) == str(error)
    assert copied.args == error.args
    assert vars(copied) == vars(error)
    if isinstance(error, ImportError):
        assert isinstance(copied, ImportError)
        assert (copied.name, copied.path) == (error.name, error.path)


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize(
    "how",
    [lambda e: pickle.loads(pickle.dumps(e)), copy.copy, copy.deepcopy],
    ids=["pickle", "copy", "deepcopy"],
)
def test_errors_pickle_and_copy_whole(error: DefcoopError, how: Callable[[Any], Any]) -> None:
    """Every defcoop error keeps its type, message and attributes through pickle and copy."""
    _same_error(how(error), error)


def _lookup(name: str) -> str:
    return defcoop.load().field(name).id


def _load_broken(text: str) -> Dataset:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "broken.json")
        path.write_text(text, "utf-8")
        return defcoop.load(path)


def _context() -> Any:
    return multiprocessing.get_context("fork" if FORK else "spawn")


@pytest.fixture(scope="module")
def pool() -> Iterator[Any]:
    """A real pool of one worker process."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads, 3.12+
        with _context().Pool(1) as workers:
            yield workers


def test_an_error_in_a_pool_worker_comes_back_whole(pool: Any) -> None:
    """multiprocessing.Pool.map re-raises a worker's UnknownNameError instead of hanging."""
    with pytest.raises(defcoop.UnknownNameError) as raised:
        pool.map_async(_lookup, ["military sciense"]).get(timeout=60)
    assert raised.value.name == "military sciense"
    assert "military science" in raised.value.suggestions


def test_a_data_error_from_a_process_pool_keeps_its_problems() -> None:
    """ProcessPoolExecutor returns a DataError with its problems, message unchanged."""
    with ProcessPoolExecutor(1, mp_context=_context()) as executor:
        future = executor.submit(_load_broken, '{"agreements": [{"id": "x"}]}')
        with pytest.raises(DataError) as raised:
            future.result(timeout=60)
        assert len(raised.value.problems) >= 3  # title, kind, parties, sources missing
        assert str(raised.value).count("\n") == len(raised.value.problems)
        # A dataset comes back from a worker too, equal to one loaded here.
        returned = executor.submit(defcoop.load).result(timeout=60)
    assert returned == defcoop.load()
    assert returned.agreements(field="military science").ids() == ("vnm-blr-military-science-2018",)


# Datasets travel and compare -------------------------------------------------------------


@pytest.mark.parametrize(
    "how",
    [lambda d: pickle.loads(pickle.dumps(d)), copy.copy, copy.deepcopy],
    ids=["pickle", "copy", "deepcopy"],
)
def test_a_dataset_pickles_and_copies_with_working_indexes(
    db: Dataset, how: Callable[[Any], Any]
) -> None:
    """A copied dataset is equal, answers queries as the original, and has its own caches."""
    copied = how(db)
    assert copied == db
    assert hash(copied) == hash(db)
    assert copied.info == db.info
    assert copied.events(party="Russia", when="2018") == db.events(party="Russia", when="2018")
    assert copied.country("Vietnam") == db.country("Vietnam")
    assert copied.sources == db.sources
    assert copied.fields == db.fields
    assert copied._tables[defcoop.Agreement] is not db._tables[defcoop.Agreement]


def test_two_loads_of_the_same_data_compare_equal(tmp_path: Path) -> None:
    """Equal data gives equal datasets, in any file order; different data does not."""
    write(tmp_path / "one.json", small())
    reordered = small()
    reordered["countries"].reverse()
    write(tmp_path / "two" / "data.json", reordered)
    first, second = defcoop.load(tmp_path / "one.json"), defcoop.load(tmp_path / "two")
    assert first is not second
    assert first == second
    assert hash(first) == hash(second)
    changed = small()
    changed["agreements"][0]["title"] = "Another deal"
    assert defcoop.load(write(tmp_path / "three.json", changed)) != first
    assert first != defcoop.load()
    assert first != "not a dataset"


# Forks -----------------------------------------------------------------------------------


def _in_child(body: Callable[[], bool], timeout: float = 30) -> str:
    """Run ``body`` in a forked child; "ok", "failed", or "hung" if it did not end in time."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads, 3.12+
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            code = 0 if body() else 1
        except BaseException:  # noqa: BLE001 - whatever happens, the child must exit
            code = 2
        os._exit(code)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return "ok" if os.waitstatus_to_exitcode(status) == 0 else "failed"
        time.sleep(0.01)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return "hung"


@needs_fork
def test_a_child_forked_during_a_load_gets_its_collector_back() -> None:
    """A child forked while another thread loads has the collector on and can load itself."""
    inside, release = threading.Event(), threading.Event()

    def loading_thread() -> None:
        with loading._collector_paused():
            inside.set()
            release.wait(30)

    assert gc.isenabled()
    thread = threading.Thread(target=loading_thread)
    thread.start()
    try:
        inside.wait(30)
        assert not gc.isenabled()
        result = _in_child(lambda: gc.isenabled() and len(defcoop.load()) > 0)
    finally:
        release.set()
        thread.join()
    assert result == "ok"
    assert gc.isenabled()


@needs_fork
def test_a_child_forked_during_the_first_bundled_load_does_not_deadlock() -> None:
    """The loader's lock, held by another thread at the fork, is new in the child."""
    inside, release = threading.Event(), threading.Event()

    def holding_thread() -> None:
        with loading._lock:
            inside.set()
            release.wait(30)

    def child() -> bool:
        defcoop.clear_cache()
        return len(defcoop.load()) > 0

    thread = threading.Thread(target=holding_thread)
    thread.start()
    try:
        inside.wait(30)
        result = _in_child(child, timeout=20)
    finally:
        release.set()
        thread.join()
    assert result == "ok"


@needs_fork
def test_a_child_forked_during_a_query_index_build_does_not_deadlock() -> None:
    """A table's lock held by another thread at the fork is new in the child."""
    dataset = defcoop.load(write_small_once())
    inside, release = threading.Event(), threading.Event()

    def holding_thread() -> None:
        with dataset._tables[defcoop.Agreement]._lock:
            inside.set()
            release.wait(30)

    thread = threading.Thread(target=holding_thread)
    thread.start()
    try:
        inside.wait(30)
        result = _in_child(lambda: len(dataset.agreements(party="VNM")) == 1, timeout=20)
    finally:
        release.set()
        thread.join()
    assert result == "ok"


def write_small_once() -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    return write(folder / "small.json", small())


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

        outcome = _in_child(unprivileged)
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


# The command line ------------------------------------------------------------------------


def _value_options() -> Iterator[tuple[list[str], str, str]]:
    """Every option that takes a value, in every command and subcommand: (command words,
    option, a valid value)."""
    import argparse

    from defcoop.cli._main import _parser
    from defcoop.cli._terminal import StoreOnce

    def walk(parser: argparse.ArgumentParser, words: list[str]) -> Iterator[Any]:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield from walk(sub, [*words, name])
            elif action.option_strings and action.nargs != 0:
                assert isinstance(action, StoreOnce), (words, action.option_strings)
                value = sorted(action.choices)[0] if action.choices else "x"
                yield words, "/".join(action.option_strings), value

    yield from walk(_parser(), [])


@pytest.mark.parametrize(
    ("words", "option", "value"), list(_value_options()), ids=lambda v: str(v).replace(" ", "")
)
def test_a_repeated_option_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], words: list[str], option: str, value: str
) -> None:
    """No option's value is dropped silently: giving one twice is refused, status 2."""
    first = option.split("/")[0]  # an option with another name is named by both
    assert main([*words, first, value, first, value]) == 2
    assert f"argument {option}: given twice" in capsys.readouterr().err


def _program(*argv: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, "-m", "defcoop", *argv], capture_output=True, env=environment, check=False
    )


ASCII_TERMINAL = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"}


def test_show_prints_on_an_ascii_terminal_without_a_traceback() -> None:
    """On an ASCII terminal, names print as escapes and the command succeeds."""
    done = _program("show", "ngo-xuan-lich", **ASCII_TERMINAL)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"Ng\\xf4 Xu\\xe2n L\\u1ecbch" in done.stdout
    assert b"Evidence for person ngo-xuan-lich" in done.stdout


def test_json_on_an_ascii_terminal_is_the_same_valid_json() -> None:
    """--json escapes as JSON does where the terminal is ASCII: the same values come out."""
    ascii_run = _program("people", "--json", **ASCII_TERMINAL)
    utf8_run = _program("people", "--json", PYTHONIOENCODING="utf-8")
    assert ascii_run.returncode == utf8_run.returncode == 0, ascii_run.stderr
    assert ascii_run.stdout.isascii()
    assert json.loads(ascii_run.stdout) == json.loads(utf8_run.stdout.decode("utf-8"))


def test_an_argument_the_locale_cannot_decode_is_read_as_typed() -> None:
    """Under the C locale, "Ngô Xuân Lịch" typed in UTF-8 still finds the person."""
    done = _program("events", "--person", "Ngô Xuân Lịch", "--json", **ASCII_TERMINAL)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert json.loads(done.stdout)
