"""Read data files (TOML or JSON), structure them into records, check them, build a Dataset.

Loading runs in stages and reports every problem of a stage at once in one
:class:`~defcoop.errors.DataError`: first every file that cannot be read or has the wrong
shape, then, once every file is sound, every reference, citation and date problem.
Nothing is returned until everything is sound, so a dataset is never half loaded.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import os
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from defcoop.dataset import Dataset
from defcoop.errors import ArgumentError, DataError, Problem
from defcoop.loading import _snapshot, _walk
from defcoop.model import registry
from defcoop.model.records import Record
from defcoop.query._arguments import require_flag, require_path
from defcoop.query.collection import DatasetInfo

# The parsing, structuring and checking modules are imported by the calls that need them, so
# that a first load served from the snapshot of the bundled data imports none of them
# (tests/loading/test_snapshot.py lists what it imports).
if TYPE_CHECKING:
    from defcoop.model._validation import Locate

__all__ = ["COLLECTIONS", "clear_cache", "load", "load_bundled"]

COLLECTIONS: dict[str, type[Record]] = registry.collections()
"""The top-level keys of a data file and the record type each holds a list of (from the
record-type declarations of :mod:`defcoop.model.registry`)."""

_INFO_KEY = "dataset"  # the [dataset] table (defcoop.loading._reading.INFO_KEY, checked by a test)
_UNREADABLE: Any = object()  # what _parse returns for a file it could not read or parse


class _Parsed:
    """Records read from files, with where each came from; not yet checked as a whole.

    ``spans`` says where each file's list of records starts in ``records``, as ``(start,
    file, key)``: a record's place in its file follows from its position, so that no
    per-record origin needs to be kept for the common case of sound data.
    """

    __slots__ = ("info", "records", "spans")

    def __init__(
        self,
        records: tuple[Record, ...],
        spans: tuple[tuple[int, str, str], ...],
        info: DatasetInfo | None,
    ) -> None:
        self.records = records
        self.spans = spans
        self.info = info

    def __add__(self, other: _Parsed) -> _Parsed:
        """The bundled records (self) and a user's (other), with the bundled [dataset] table.

        A user's own [dataset] table is refused rather than silently replaced or merged: the
        combined records are neither the bundled release nor the user's dataset alone.
        """
        if other.info is not None:
            name = next((f for _, f, _ in other.spans), "<data>")
            raise DataError(
                [
                    Problem(
                        file=name,
                        path=f"$.{_INFO_KEY}",
                        message=f"with bundled=True the records join the bundled dataset, "
                        f"which has its own [{_INFO_KEY}] table: remove this one, or load "
                        f"without bundled=True",
                    )
                ]
            )
        offset = len(self.records)
        return _Parsed(
            self.records + other.records,
            self.spans + tuple((start + offset, f, k) for start, f, k in other.spans),
            self.info,
        )

    def groups(self) -> dict[type, list[Record]]:
        """The records by type, each in file order."""
        groups: dict[type, list[Record]] = {}
        ends = [start for start, _, _ in self.spans[1:]] + [len(self.records)]
        ends = ends[: len(self.spans)]
        for (start, _, key), end in zip(self.spans, ends, strict=True):
            groups.setdefault(COLLECTIONS[key], []).extend(self.records[start:end])
        return groups

    def locate(self) -> Locate:
        """Where each record came from, for reporting problems."""
        from defcoop.model._validation import Origin

        positions = {id(record): i for i, record in enumerate(self.records)}
        starts = [start for start, _, _ in self.spans]

        def origin(record: Record) -> Origin:
            position = positions[id(record)]
            start, file, key = self.spans[bisect.bisect_right(starts, position) - 1]
            return Origin(file, f"$.{key}[{position - start}]")

        return origin


def load(path: str | os.PathLike[str] | None = None, *, bundled: bool = False) -> Dataset:
    """The bundled dataset, or the dataset in a file or directory of TOML and JSON files.

    ``load()`` returns the data shipped with defcoop, read once on first use and shared.
    ``load(path)`` reads a user's ``.toml`` or ``.json`` file, or every such file under a
    directory; with ``bundled=True`` those records join the bundled ones, so that they may
    refer to bundled countries, people and sources (an id used twice is an error).

    A folder load reads every ``.toml`` and ``.json`` file below the folder (any case,
    following symbolic links) except hidden entries (names starting with a dot, such as
    ``.ipynb_checkpoints``); anything else it cannot read is a problem, never skipped.

    >>> db = load()
    >>> [a.title for a in db.agreements(field="military science")]
    ['Agreement on military science']

    Raises:
        DataError: listing every problem found, each with file, record and attribute.
        ArgumentError: for a path that is not a path, is empty or holds a NUL character,
            and for a ``bundled`` that is not True or False.
    """
    if path is None:
        if bundled is not False:
            require_flag(bundled, "bundled", "load()")
            raise ArgumentError("bundled=True needs a path to combine with the bundled data")
        return load_bundled()
    text = require_path(path, "load()")
    require_flag(bundled, "bundled", "load()")
    with _collector_paused():
        parsed = _read_all(_walk.data_files(text))
        if bundled:
            parsed = _bundled_parsed() + parsed
        return _checked(parsed)


_lock = threading.RLock()
_cache: dict[str, Any] = {}


def load_bundled() -> Dataset:
    """The bundled dataset: read on the first call only, under a lock, then shared."""
    dataset = _cache.get("dataset")
    if dataset is None:
        with _lock:
            dataset = _cache.get("dataset")
            if dataset is None:
                with _collector_paused():
                    parsed = _bundled_parsed()
                    by_id = _cache.get("by_id")
                    dataset = _cache["dataset"] = (
                        _checked(parsed)
                        if by_id is None
                        else Dataset._trusted(parsed.groups(), by_id, parsed.info)
                    )
    assert isinstance(dataset, Dataset)
    return dataset


def clear_cache() -> None:
    """Forget the bundled dataset so that the next :func:`load` reads it again (for tests)."""
    with _lock:
        _cache.clear()


def _bundled_parsed() -> _Parsed:
    """The bundled files' records, read once under the (re-entrant) lock.

    From the snapshot when the installed package has one whose key matches the files (with
    every record by id, checked when it was built), else parsed from the files.
    """
    with _lock:
        parsed = _cache.get("parsed")
        if parsed is None:
            files = _bundled_files()
            package = _package()
            served = _snapshot.served(
                files,
                package.joinpath("data", _snapshot.FILE),
                expected=not _is_checkout(package),
            )
            if served is None:
                parsed = _read_all(files)
            else:
                records, spans, info, _cache["by_id"] = served
                parsed = _Parsed(records, spans, info)
            _cache["parsed"] = parsed
    assert isinstance(parsed, _Parsed)
    return parsed


def _package() -> Any:
    """The installed package's folder: as files where it is files, else (zipped) through
    importlib.resources."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if os.path.isdir(package):
        return _snapshot.Folder(package)
    from importlib import resources

    return resources.files("defcoop")


def _is_checkout(package: Any) -> bool:
    """Whether the package runs from a source checkout (``src/defcoop`` by ``pyproject.toml``).

    A checkout (tests, an editable install) has no snapshot, by design: its data files are
    the ones being edited. Only an installed package is expected to hold one.
    """
    return isinstance(package, _snapshot.Folder) and package.is_checkout()


class _Readable(Protocol):
    def read_bytes(self) -> bytes: ...


def _bundled_files() -> list[tuple[str, _Readable]]:
    """The bundled data files by name, from the installed package (zipped installs too)."""
    entries = _package().joinpath("data").iterdir()
    return sorted(
        (f"defcoop/data/{entry.name}", entry)
        for entry in entries
        if _walk.is_data_name(entry.name) and not _walk.is_ignored(entry.name)
    )


def _read_all(files: Iterable[tuple[str, _Readable]]) -> _Parsed:
    records: list[Record] = []
    spans: list[tuple[int, str, str]] = []
    infos: list[tuple[str, DatasetInfo]] = []
    problems: list[Problem] = []
    from defcoop.loading._reading import Reader

    reader = Reader()
    for name, file in files:
        document = _parse(name, file, problems)
        if document is _UNREADABLE:
            continue
        info = reader.document(name, document, records, spans, problems)
        if info is not None:
            infos.append((name, info))
    if len(infos) > 1:
        message = f"a dataset has one [{_INFO_KEY}] table; also found in {infos[0][0]}"
        problems += [
            Problem(file=name, path=f"$.{_INFO_KEY}", message=message) for name, _ in infos[1:]
        ]
    if not problems and not records and not spans:
        names = [name for name, _ in infos] or ["<data>"]
        message = f"holds no records, only a [{_INFO_KEY}] table" if infos else "holds no records"
        problems += [Problem(file=name, message=message) for name in names]
    if problems:
        raise DataError(problems)
    return _Parsed(tuple(records), tuple(spans), infos[0][1] if infos else None)


def _parse(name: str, file: _Readable, problems: list[Problem]) -> Any:
    from defcoop.loading import _parse as _formats

    try:
        raw = file.read_bytes()
    except OSError as exc:
        problems.append(Problem(file=name, message=f"cannot be read: {exc.strerror or exc}"))
        return _UNREADABLE
    try:
        return _formats.parse(name, raw)
    except _formats.ParseError as exc:
        problems.append(Problem(file=name, message=str(exc)))
        return _UNREADABLE


def _checked(parsed: _Parsed) -> Dataset:
    from defcoop.model._claims import check_coverage
    from defcoop.model._soundness import doubtful
    from defcoop.model._validation import CHECKS, check, ids

    groups = parsed.groups()
    by_id = ids(groups)
    problems: list[Problem] = []
    # With every id unique, the quick pass says which detailed checks can find anything.
    wanted = CHECKS if len(by_id) != len(parsed.records) else doubtful(groups, by_id)
    if wanted:
        problems = check(parsed.records, parsed.locate(), wanted)
    problems += check_coverage(parsed.info, by_id)
    if problems:
        raise DataError(problems)
    return Dataset._trusted(groups, by_id, parsed.info)


class _Pause:
    """How many loads have the collector paused, and whether it was on before the first."""

    depth = 0
    enabled = True
    lock = threading.Lock()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading, then restore its state.

    A load makes millions of containers that all survive or are freed by reference counting,
    so the collector's passes over them are pure cost, and large loads spend more time there
    than anywhere else. At the end, what is young is promoted to the oldest generation
    (``gc.freeze()`` then ``gc.unfreeze()``, which cost nothing per object) so that the next
    young collections do not walk the new records either; this is skipped when the program
    has frozen objects of its own (as Python 3.12 itself does from the start, where it is
    therefore always skipped). Loads in several threads share one pause: the collector
    is restored when the last one ends, and in a child forked during a load (see
    :func:`_after_fork_in_child`).
    """
    with _Pause.lock:
        if _Pause.depth == 0:
            _Pause.enabled = gc.isenabled()
        _Pause.depth += 1
        gc.disable()
    try:
        yield
    finally:
        with _Pause.lock:
            _Pause.depth -= 1
            if _Pause.depth == 0:
                if gc.get_freeze_count() == 0:
                    gc.freeze()
                    gc.unfreeze()
                if _Pause.enabled:
                    gc.enable()


def _after_fork_in_child() -> None:
    """Reset the loader's state in a forked child, where only the forking thread survives.

    A lock held by another thread of the parent (a load under way) would stay locked
    forever, and a collector paused by that thread's load would never be restored.
    """
    global _lock
    _lock = threading.RLock()
    _Pause.lock = threading.Lock()
    if _Pause.depth:
        _Pause.depth = 0
        if _Pause.enabled:
            gc.enable()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_after_fork_in_child)
