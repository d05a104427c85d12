"""The snapshot and the TOML files give equal datasets: every record, every index, and the
same answer to every example of the package's docstrings, the README and the docs pages."""

from __future__ import annotations

import array
import doctest
import enum
import importlib
import pkgutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from snapshot_helpers import served

import defcoop
from defcoop._moved import MOVED
from defcoop.dataset import Dataset
from defcoop.loading import _loader
from defcoop.model import registry
from defcoop.model.records import Record

ROOT = Path(__file__).resolve().parents[2]


def both() -> tuple[Dataset, Dataset]:
    """The bundled dataset from the snapshot (the loader points at one) and from the files."""
    from_snapshot = defcoop.load()
    assert served()
    from_files = _loader._checked(_loader._read_all(_loader._bundled_files()))
    return from_snapshot, from_files


def state(value: Any) -> Any:
    """A value's content, down through the dataset's indexes: records as themselves."""
    if isinstance(value, Record | enum.Enum | str | int | float | type | None):
        return value
    if isinstance(value, dict):
        return {state(k): state(v) for k, v in value.items()}
    if isinstance(value, list | tuple | array.array):
        return (type(value).__name__, tuple(state(v) for v in value))
    if isinstance(value, set | frozenset):
        return frozenset(state(v) for v in value)
    if callable(value) or isinstance(value, type(threading.RLock())):
        return type(value).__name__  # index functions and locks: the same code on both sides
    slots = [s for k in type(value).__mro__ for s in getattr(k, "__slots__", ())]
    if not slots and hasattr(value, "__dict__"):
        return (type(value).__name__, state(vars(value)))
    return (
        type(value).__name__,
        {s: state(getattr(value, s, None)) for s in slots if s != "__weakref__"},
    )


def test_every_record_and_index_is_equal(installed: Path) -> None:
    """Same records in the same order, same info, and the same content in every index."""
    snapshot, files = both()
    assert snapshot == files
    assert list(snapshot._by_id.items()) == list(files._by_id.items())
    assert snapshot.info == files.info
    kinds = {type(record) for record in files._by_id.values()}
    assert kinds <= {declared.cls for declared in registry.record_types()}
    for dataset in (snapshot, files):  # build every posting, as the queries do on demand
        for table in dataset._tables.values():
            for name in table._keys:
                assert table._posting((name,)) is not None
    for name in type(files).__slots__:
        assert state(getattr(snapshot, name)) == state(getattr(files, name)), name


def examples() -> Iterator[doctest.DocTest]:
    """Every docstring example of the package's modules, of the README and the docs pages."""
    finder = doctest.DocTestFinder()
    ignored = {f"defcoop.{name}" for name in MOVED}
    for info in pkgutil.walk_packages(defcoop.__path__, "defcoop."):
        if info.name in ignored or info.name.startswith("defcoop.loading._compile"):
            continue
        yield from finder.find(importlib.import_module(info.name))
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        yield doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)


class _Recorder(doctest.OutputChecker):
    """Keeps what every example printed where it is not what the example expects."""

    def __init__(self) -> None:
        self.got: list[tuple[str, str]] = []

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        expected = super().check_output(want, got, optionflags)
        self.got.append((want, "as expected" if expected else got))
        return True


class _Runner(doctest.DocTestRunner):
    """Keeps the exceptions examples raise that they did not expect, as text."""

    def report_unexpected_exception(self, out: Any, test: Any, example: Any, exc: Any) -> None:
        assert isinstance(self._checker, _Recorder)
        self._checker.got.append((example.source, f"{exc[0].__name__}: {exc[1]}"))


def answers(dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What every example prints, with ``load()`` giving ``dataset``."""
    _loader._cache["dataset"] = dataset
    recorder = _Recorder()
    runner = _Runner(checker=recorder, optionflags=doctest.ELLIPSIS)
    tmp_path.mkdir()
    monkeypatch.chdir(tmp_path)
    for test in examples():
        if "load()" in (test.docstring or "") or "bundled=True" in (test.docstring or ""):
            runner.run(test, out=lambda _: None, clear_globs=True)
    return recorder.got


def test_every_docstring_and_readme_query_gives_the_same_answer(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The examples that load the bundled data print the same from the snapshot and the files."""
    snapshot, files = both()
    got_snapshot = answers(snapshot, tmp_path / "a", monkeypatch)
    got_files = answers(files, tmp_path / "b", monkeypatch)
    assert sum(bool(want.strip()) for want, _ in got_files) > 100  # examples that print
    assert got_snapshot == got_files
    # Most examples run as their text expects (those of a missing optional extra do not).
    assert [got for _, got in got_files].count("as expected") > len(got_files) * 0.75
