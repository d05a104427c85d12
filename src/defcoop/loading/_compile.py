"""Compile the snapshot of the bundled data (see :mod:`defcoop.loading._snapshot`).

The wheel's build hook (``hatch_build.py``) runs ``python -m defcoop.loading._compile OUT``
with the checkout's ``src`` first on the path: the bundled TOML files are parsed and checked
exactly as :func:`defcoop.load` does without a snapshot (a data error fails the build), and
what that load made is written to ``OUT``. Every record type the registry declares is in it,
since it is whatever the loader read.
"""

from __future__ import annotations

import enum
import io
import pickle
import sys
from pathlib import Path
from typing import Any

from defcoop.loading import _loader, _snapshot
from defcoop.model._validation import ids

__all__ = ["compile_snapshot", "main"]


class _Pickler(pickle.Pickler):
    """Records and their values as ``(class, attribute names, values)``; enum members by name."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if isinstance(obj, enum.Enum):
            return (getattr, (cls, obj.name))
        if isinstance(obj, type):
            return NotImplemented
        names = _snapshot.slot_names(cls)
        if names is None:
            return NotImplemented
        return (_snapshot._rebuild, (cls, names, tuple(getattr(obj, n) for n in names)))


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
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=5).dump((parsed.records, parsed.spans, parsed.info, by_id))
    return _snapshot.dumps(_snapshot.data_key(raw), buffer.getvalue())


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
