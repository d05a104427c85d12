"""The snapshot of the bundled data: its records, checked at build time, read in one step.

Parsing and checking the bundled TOML files is most of what the first :func:`defcoop.load`
costs, and it grows with every record added. So the wheel carries the result: the records
the loader made of those files, pickled when the wheel is built (``hatch_build.py`` at the
root of the checkout runs :mod:`defcoop.loading._compile`), in ``defcoop/data/_snapshot.pickle``.

The snapshot is read only from the installed package, and only when its key matches: a hash
of the package version, of this format and of every bundled data file's name and bytes, so
that a data file edited in place (an editable install, a copy of the package) is parsed
again, never served stale. A snapshot that is missing from an installed package, truncated,
damaged, written by a Python that cannot be read here, or of records laid out otherwise than
the classes of this package, is left aside with one :class:`SnapshotWarning`, and the TOML
files are parsed as if there were none: never an exception, never wrong data (the records'
bytes are checked against a digest before they are unpickled).

Format (chosen by measurement, see ``benchmarks/README.md``): the magic line, the data key,
the payload's digest (BLAKE2b, 32 bytes), then a pickle (protocol 5) of ``(columns, records,
spans, info, by_id)``. Records and the values inside them (dates, citations...) are pickled blank
(``cls.__new__(cls)``, in C) and their values in columns, one tuple per class and attribute;
:func:`fill` then sets each column's slots with one ``map`` of the slot's setter, so that no
Python code runs per object and no validator runs again, and the snapshot does not depend on
how attrs pickles its classes. Objects shared in the loaded data stay shared (the pickle's
memo). Pickling each record with its own values, rebuilt by a Python function, reads about
twice as slowly, attrs' own pickles 2.4 times, ``marshal`` of plain tuples rebuilt in Python
5 to 6 times (``benchmarks/snapshot_formats.py``).
"""

from __future__ import annotations

import os
import types
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from defcoop._version import __version__

if TYPE_CHECKING:
    from hashlib import blake2b

__all__ = ["FILE", "Folder", "SnapshotWarning", "data_key", "dumps", "served"]

FILE = "_snapshot.pickle"
"""The snapshot's name in the package's ``data`` folder (built, never committed)."""

FORMAT = 2
"""The layout of the snapshot file; a change makes every older snapshot's key differ."""

MAGIC = b"defcoop snapshot\n"
_DIGEST = 32  # bytes of each digest (BLAKE2b cut to 32 bytes)


class SnapshotWarning(UserWarning):
    """The installed package's snapshot of the bundled data could not be used.

    :func:`defcoop.load` then parses the bundled TOML files, as without a snapshot: the data
    is the same, only the first load is slower. The message says why (missing, truncated,
    damaged, unreadable) and what to do: reinstall defcoop.
    """


class _Bytes(Protocol):
    def read_bytes(self) -> bytes: ...


class _Readable(_Bytes, Protocol):
    def is_file(self) -> bool: ...


class Folder:
    """A folder of the installed package, read with :mod:`os` alone.

    The part of :class:`importlib.resources.abc.Traversable` the loader uses, for a package
    installed as files (the usual case): importing :mod:`importlib.resources` would cost a
    first load more than reading the snapshot does. Zipped installs go through
    :mod:`importlib.resources` instead.
    """

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    def joinpath(self, *parts: str) -> Folder:
        return Folder(os.path.join(self.path, *parts))

    def iterdir(self) -> Iterator[Folder]:
        return (Folder(entry.path) for entry in os.scandir(self.path))

    def is_file(self) -> bool:
        return os.path.isfile(self.path)

    def read_bytes(self) -> bytes:
        with open(self.path, "rb") as file:
            return file.read()

    def is_checkout(self) -> bool:
        """Whether this is ``src/defcoop`` of a source checkout (beside ``pyproject.toml``)."""
        parent = os.path.dirname(self.path)
        return os.path.basename(parent) == "src" and os.path.isfile(
            os.path.join(os.path.dirname(parent), "pyproject.toml")
        )


def data_key(files: Iterable[tuple[str, bytes]]) -> bytes:
    """The key of a snapshot: a hash of the version, the format and each file's name and bytes.

    >>> data_key([("a.toml", b"x")]) == data_key([("a.toml", b"x ")])
    False
    """
    digest = _hash(f"defcoop {__version__} snapshot {FORMAT}\n".encode())
    for name, raw in files:
        digest.update(f"{name}\n{len(raw)}\n".encode())
        digest.update(raw)
    return digest.digest()


def dumps(key: bytes, payload: bytes) -> bytes:
    """A snapshot file's bytes: the magic line, the data key, the payload's digest, the payload."""
    return MAGIC + key + _hash(payload).digest() + payload


def _hash(data: bytes | memoryview) -> blake2b:
    """BLAKE2b (32 bytes) of ``data``, to be updated with more.

    BLAKE2b rather than SHA-256: :mod:`hashlib` loads OpenSSL when imported, which cost a
    first load more than hashing all the bundled data and the snapshot with the built-in
    BLAKE2b does (``benchmarks/README.md``); the digest is the same as ``hashlib``'s.
    """
    try:
        from _blake2 import blake2b as built_in
    except ImportError:  # pragma: no cover - an implementation without the built-in module
        from hashlib import blake2b as built_in
    return built_in(data, digest_size=_DIGEST)


def served(
    files: Iterable[tuple[str, _Bytes]], snapshot: _Readable, *, expected: bool
) -> tuple[Any, ...] | None:
    """The snapshot's ``(records, spans, info, by_id)`` if its key matches ``files``, else None.

    ``expected`` says whether this package should hold a snapshot (an installed one does; a
    source checkout does not): only then is a missing snapshot worth a warning. A snapshot
    whose key differs is stale (the data files were edited in place), which needs no
    warning either: the files are parsed, as they must be.
    """
    import warnings

    problem = _problem(snapshot, expected)
    if isinstance(problem, bytes):
        blob = problem
        try:
            key = data_key((name, file.read_bytes()) for name, file in files)
        except OSError:
            return None  # the loader reports unreadable data files, by name
        if blob[len(MAGIC) : len(MAGIC) + _DIGEST] != key:
            return None
        payload = memoryview(blob)[len(MAGIC) + 2 * _DIGEST :]
        try:
            return _payload(blob[len(MAGIC) + _DIGEST : len(MAGIC) + 2 * _DIGEST], payload)
        except Exception as exc:  # noqa: BLE001 - any failure to unpickle means: parse instead
            problem = f"cannot be read ({type(exc).__name__}: {exc})"
    if problem is None:
        return None
    warnings.warn(
        f"defcoop/data/{FILE} {problem}: the bundled TOML files are parsed instead "
        f"(same data, slower first load); reinstalling defcoop restores it",
        SnapshotWarning,
        stacklevel=4,
    )
    return None


def _problem(snapshot: _Readable, expected: bool) -> bytes | str | None:
    """The snapshot's bytes if they look whole, else what is wrong (None: nothing to say)."""
    try:
        if not snapshot.is_file():
            return "is missing" if expected else None
        blob = snapshot.read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if not blob.startswith(MAGIC):
        return "is not a defcoop snapshot"
    if len(blob) < len(MAGIC) + 2 * _DIGEST:
        return "is truncated"
    return blob


def _payload(digest: bytes, payload: memoryview) -> tuple[Any, ...]:
    try:  # the C unpickler alone: the pickle module around it costs a first load more
        from _pickle import loads
    except ImportError:  # pragma: no cover - an implementation without it
        from pickle import loads

    if _hash(payload).digest() != digest:
        raise ValueError("its records do not match their digest (truncated or damaged)")
    loaded = loads(payload)
    if not (isinstance(loaded, tuple) and len(loaded) == 5):
        raise TypeError(f"expected (columns, records, spans, info, by_id), got {type(loaded)}")
    columns, records, spans, info, by_id = loaded
    if not (isinstance(records, tuple) and isinstance(spans, tuple) and isinstance(by_id, dict)):
        raise TypeError("expected records, spans and by_id as tuple, tuple and dict")
    from defcoop.model import registry
    from defcoop.query.collection import DatasetInfo

    keys = registry.collections()
    unknown = {key for _, _, key in spans} - set(keys)
    if unknown:
        raise LayoutError(f"tables of no record type this version declares: {sorted(unknown)}")
    if not isinstance(info, DatasetInfo | None):
        raise TypeError(f"expected the [dataset] info or None, got {type(info).__name__}")
    fill(columns)
    return records, spans, info, by_id


class LayoutError(ValueError):
    """A snapshot's objects name attributes other than their class has now (never served)."""


Columns = list[tuple[type, tuple[str, ...], tuple[Any, ...], tuple[tuple[Any, ...], ...]]]
"""Per class: its attribute names, its objects (made blank) and one tuple of values per name."""


def slot_names(cls: type) -> tuple[str, ...] | None:
    """An attrs class's attribute names if its slots are exactly those, else None.

    Only such classes are pickled blank, their values in columns, and filled by
    :func:`fill`; any other object keeps its own way of pickling.
    """
    fields = getattr(cls, "__attrs_attrs__", None)
    if fields is None:
        return None
    names = tuple(field.name for field in fields)
    slots = {
        slot
        for klass in cls.__mro__
        for slot in klass.__dict__.get("__slots__", ("__dict__",))
        if klass is not object
    } - {"__weakref__"}
    if slots != set(names) or not all(_descriptor(cls, name) for name in names):
        return None
    return names


def _descriptor(cls: type, name: str) -> Any:
    """The slot's member descriptor, from the class that declares it (None if it is not one)."""
    for klass in cls.__mro__:
        found = klass.__dict__.get(name)
        if found is not None:
            return found if isinstance(found, types.MemberDescriptorType) else None
    return None


def fill(columns: Columns) -> None:
    """Set the slots of the snapshot's blank objects, a column at a time, no validator run.

    Each class's attribute names must be the ones it has now, or nothing is served.
    """
    from collections import deque

    for cls, names, objects, values in columns:
        if slot_names(cls) != names:
            raise LayoutError(f"{cls.__qualname__} has attributes {slot_names(cls)}, not {names}")
        if any(len(column) != len(objects) for column in values) or len(values) != len(names):
            raise LayoutError(f"{cls.__qualname__}: columns of other lengths than its objects")
        for name, column in zip(names, values, strict=True):
            # map() runs the slot's setter over the whole column in C: no Python per object.
            deque(map(_descriptor(cls, name).__set__, objects, column), maxlen=0)
