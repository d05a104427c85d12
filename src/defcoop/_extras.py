"""Optional dependencies, imported only when a call first needs them."""

from __future__ import annotations

import importlib
from types import ModuleType

from defcoop.errors import MissingExtraError


def require(module: str, extra: str, *, purpose: str) -> ModuleType:
    """The module ``module``, or a :class:`MissingExtraError` naming the extra that installs it.

    Args:
        module: the module to import ("pandas", "networkx", "matplotlib.figure").
        extra: the defcoop extra that installs it ("pandas", "networkx", "plot").
        purpose: what needs it, for the message ("to_frame()").
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(module.partition(".")[0], extra, purpose=purpose) from None
