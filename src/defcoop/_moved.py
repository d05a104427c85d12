"""The public modules that moved into the layer subpackages, and the warning their old names give.

defcoop 0.1 kept every module in one folder; the layers (``model``, ``query``, ``views``,
``loading``, ``io``, ``cli``) now hold them. Each old public name is a module of one
statement's worth that re-exports the new one and warns once, on import, until defcoop 0.2.

>>> MOVED["panels"]
'defcoop.views.panels'
"""

from __future__ import annotations

import warnings

__all__ = ["MOVED", "warn"]

#: Each old module name under ``defcoop.`` and the module that now holds its contents.
MOVED: dict[str, str] = {
    "arrow": "defcoop.query.arrow",
    "cite": "defcoop.views.cite",
    "datapackage": "defcoop.io.datapackage",
    "dates": "defcoop.model.dates",
    "dcad": "defcoop.io.dcad",
    "dyad": "defcoop.views.dyad",
    "evidence": "defcoop.views.evidence",
    "exports": "defcoop.io.exports",
    "frames": "defcoop.query.frames",
    "graph": "defcoop.views.graph",
    "kinds": "defcoop.model.kinds",
    "panels": "defcoop.views.panels",
    "plover": "defcoop.model.plover",
    "registry": "defcoop.model.registry",
    "results": "defcoop.query.results",
    "rules": "defcoop.model.rules",
    "schema": "defcoop.io.schema",
    "serialize": "defcoop.io.serialize",
    "timeline": "defcoop.views.timeline",
}


def warn(old: str) -> None:
    """Warn that ``old`` (a module's ``__name__``) moved, naming where to import from now."""
    new = MOVED[old.rpartition(".")[2]]
    warnings.warn(
        f"{old} moved to {new}; import from {new} (or from defcoop) instead. "
        f"The old name re-exports it until defcoop 0.2.",
        DeprecationWarning,
        stacklevel=3,
    )
