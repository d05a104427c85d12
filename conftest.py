"""Collection settings for the whole checkout (tests, doctests of the package, docs pages).

The old module names that :mod:`defcoop._moved` lists re-export their new modules with a
DeprecationWarning on import: doctest collection would import them and fail on the warning,
and they hold nothing of their own to test (``tests/test_moved.py`` checks them).
"""

from defcoop._moved import MOVED

collect_ignore = [f"src/defcoop/{name}.py" for name in MOVED]
