"""Compile the snapshot of the bundled data (see :mod:`defcoop.loading._snapshot`).

The wheel's build hook (``hatch_build.py``) runs ``python -m defcoop.loading._compile OUT``
with the checkout's ``src`` first on the path: the bundled TOML files are parsed and checked
exactly as :func:`defcoop.load` does without a snapshot (a data error fails the build), and
what that load made is written to ``OUT``. Every record type the registry declares is in it,
since it is whatever the loader read.
"""

from __future__ import annotations

import copyreg
import enum
import io
import pickle
import sys
from pathlib import Path
from typing import Any

from defcoop.loading import _loader, _snapshot
from defcoop.model._validation import ids

__all__ = ["compile_snapshot", "main"]


# copyreg.__newobj__, which pickle writes as its NEWOBJ opcode: cls.__new__(cls), in C.
_NEWOBJ = getattr(copyreg, "__newobj__")  # noqa: B009 - not in typeshed's copyreg


class _Pickler(pickle.Pickler):
    """Records and their values blank (their values go in the columns); enum members by name."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if isinstance(obj, enum.Enum):
            return (getattr, (cls, obj.name))
        if isinstance(obj, type) or _snapshot.slot_names(cls) is None:
            return NotImplemented
        return (_NEWOBJ, (cls,))


def columns(roots: Any) -> _snapshot.Columns:
    """Every slotted attrs object reachable from ``roots``, by class, with its values in columns."""
    objects: dict[type, list[Any]] = {}
    names: dict[type, tuple[str, ...] | None] = {}
    seen: set[int] = set()
    stack = [roots]
    while stack:
        value = stack.pop()
        if isinstance(value, str | int | float | enum.Enum | None):
            continue
        if isinstance(value, tuple | list | frozenset | set):
            stack.extend(value)
            continue
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
            continue
        cls = type(value)
        if cls not in names:
            names[cls] = _snapshot.slot_names(cls)
        layout = names[cls]
        if layout is None or id(value) in seen:
            continue
        seen.add(id(value))
        objects.setdefault(cls, []).append(value)
        stack.extend(getattr(value, name) for name in layout)
    return [
        (cls, layout, tuple(found), tuple(tuple(getattr(o, n) for o in found) for n in layout))
        for cls, found in objects.items()
        if (layout := names[cls]) is not None
    ]


def compile_snapshot() -> bytes:
    """The snapshot of the bundled data files as they are now, parsed and checked.

    Raises:
        DataError: if the bundled data is not sound (the build then fails).
    """
    files = _loader._bundled_files()
    raw = [(name, file.read_bytes()) for name, file in files]
    parsed = _loader._read_all(files)
    _loader._checked(parsed)  # the same checks as a load: nothing unsound is compiled
    by_id = ids(parsed.groups())
    roots = (parsed.records, parsed.spans, parsed.info, by_id)
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=5).dump((columns(roots), *roots))
    blob = _snapshot.dumps(_snapshot.data_key(raw), buffer.getvalue())
    # Read back at once: a snapshot that would not give the very same records fails the build.
    start = len(_snapshot.MAGIC) + 32
    back = _snapshot._payload(blob[start : start + 32], memoryview(blob)[start + 32 :])
    if back != roots:
        raise AssertionError("the snapshot does not read back as the records it was made of")
    return blob


def main(argv: list[str] | None = None) -> int:
    """Write the snapshot to the path given (the build hook's call)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m defcoop.loading._compile OUT", file=sys.stderr)
        return 2
    Path(args[0]).write_bytes(compile_snapshot())
    return 0


if __name__ == "__main__":
    sys.exit(main())
