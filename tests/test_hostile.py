"""Hostile use, kept as regression tests: errors and datasets across processes, forks, terminals.

Each class of cases found by a hostile test of the API, the loader and the command line has
its tests here (issue 13), at sizes small enough for the normal suite; the full sizes are in
``test_hostile_costs.py``, marked slow. The costs, the lenient values and the API arguments
have modules of their own beside this one (``test_hostile_*.py``), and so do folder loads
(``loading/test_hostile_folders.py``) and exports (``io/test_hostile_exports.py``).
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
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import defcoop
from _helpers import in_child, small, write
from defcoop import DataError, Dataset, DefcoopError
from defcoop._moved import MOVED
from defcoop.cli._main import main
from defcoop.loading import _loader as loading

FORK = "fork" in multiprocessing.get_all_start_methods()
needs_fork = pytest.mark.skipif(not FORK, reason="needs os.fork")


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
        result = in_child(lambda: gc.isenabled() and len(defcoop.load()) > 0)
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
        result = in_child(child, timeout=20)
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
        result = in_child(lambda: len(dataset.agreements(party="VNM")) == 1, timeout=20)
    finally:
        release.set()
        thread.join()
    assert result == "ok"


def write_small_once() -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    return write(folder / "small.json", small())


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
