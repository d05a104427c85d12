"""Loading: which files, how they are parsed and structured, and the checks of a whole load.

:func:`~defcoop.load` is here (and at :func:`defcoop.load`); the generated fast path is fenced in
:mod:`defcoop.loading.fast`. An installed defcoop serves the bundled data from a snapshot
compiled when its wheel was built (see :class:`SnapshotWarning`).
"""

from defcoop.loading._loader import COLLECTIONS, clear_cache, load, load_bundled
from defcoop.loading._snapshot import SnapshotWarning

__all__ = ["COLLECTIONS", "SnapshotWarning", "clear_cache", "load", "load_bundled"]
