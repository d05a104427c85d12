"""The old module names: each re-exports its new module and warns until defcoop 0.2."""

from __future__ import annotations

import importlib
import sys

import pytest

import defcoop
from defcoop._moved import MOVED


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_an_old_module_name_warns_and_re_exports(old: str, new: str) -> None:
    """Importing defcoop.<old> warns with the new path and gives the new module's names."""
    name = f"defcoop.{old}"
    package = vars(defcoop)
    before = (sys.modules.pop(name, None), package.get(old))
    try:
        with pytest.warns(DeprecationWarning, match=rf"{name} moved to {new};.*defcoop 0\.2"):
            shim = importlib.import_module(name)
    finally:  # the module table and the package as they were, for the tests that follow
        sys.modules.pop(name, None)
        package.pop(old, None)
        if before[0] is not None:
            sys.modules[name] = before[0]
        if before[1] is not None:
            package[old] = before[1]
    moved = importlib.import_module(new)
    assert shim.__all__ == moved.__all__
    for public in moved.__all__:
        assert getattr(shim, public) is getattr(moved, public)
