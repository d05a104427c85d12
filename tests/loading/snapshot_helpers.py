"""An installed package's snapshot of the bundled data, made for tests in a temporary folder."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import defcoop
from defcoop.loading import _compile, _loader, _snapshot

PACKAGE = Path(defcoop.__file__).parent


@functools.cache
def snapshot_bytes() -> bytes:
    """The snapshot of the bundled data as it is in the checkout (compiled once per session)."""
    return _compile.compile_snapshot()


def install(root: Path, *, snapshot: bytes | None = None, whole: bool = False) -> Path:
    """A copy of the package's data (or, with ``whole``, of the package) with a snapshot.

    Returns the copied package folder, which is not a source checkout: a snapshot is
    expected there, as in an installed package.
    """
    package = root / "defcoop"
    ignore = shutil.ignore_patterns("__pycache__", _snapshot.FILE)
    if whole:
        shutil.copytree(PACKAGE, package, ignore=ignore)
    else:
        shutil.copytree(PACKAGE / "data", package / "data", ignore=ignore)
    if snapshot is not None:
        (package / "data" / _snapshot.FILE).write_bytes(snapshot)
    return package


def served() -> bool:
    """Whether the last bundled load was served from a snapshot (rather than parsed)."""
    return "by_id" in _loader._cache
