"""Loading: which files, how they are parsed and structured, and the checks of a whole load.

:func:`~defcoop.load` is here (and at :func:`defcoop.load`); the generated fast path is fenced in
:mod:`defcoop.loading.fast`.
"""

from defcoop.loading._loader import COLLECTIONS, clear_cache, load, load_bundled

__all__ = ["COLLECTIONS", "clear_cache", "load", "load_bundled"]
