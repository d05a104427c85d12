"""Link standard-library names in signatures to the Python documentation, offline.

Intersphinx would download Python's object inventory, which a build without network
access cannot do; without it, nitpicky mode reports every ``collections.abc.Iterable``
or ``datetime.date`` in a signature as a broken reference. This resolver links such a
name only when it names a real object of a standard-library module, to the page and
anchor the Python documentation uses for it (``library/<module>.html#<dotted name>``).
Any other unresolved name is left alone, so nitpicky mode still reports it.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

PYTHON_DOCS = "https://docs.python.org/3/library/"


def stdlib_url(target: str) -> str | None:
    """The documentation address of a standard-library object, or None if it is not one.

    >>> stdlib_url("collections.abc.Iterable")
    'https://docs.python.org/3/library/collections.abc.html#collections.abc.Iterable'
    >>> stdlib_url("datetime.date")
    'https://docs.python.org/3/library/datetime.html#datetime.date'
    >>> stdlib_url("defcoop.Dataset") is None, stdlib_url("datetime.nosuch") is None
    (True, True)
    """
    parts = target.split(".")
    if len(parts) < 2 or parts[0] not in sys.stdlib_module_names:
        return None
    for cut in range(len(parts) - 1, 0, -1):
        module_name = ".".join(parts[:cut])
        try:
            obj: Any = importlib.import_module(module_name)
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(obj, name):
                return None
            obj = getattr(obj, name)
        return f"{PYTHON_DOCS}{module_name.lower()}.html#{target}"
    return None


def _resolve(
    _app: Sphinx, _env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    from docutils import nodes

    if node.get("refdomain") != "py":
        return None
    url = stdlib_url(node.get("reftarget", ""))
    if url is None:
        return None
    reference = nodes.reference("", "", internal=False, refuri=url, reftitle="(in Python)")
    reference.append(contnode)
    return reference


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the resolver; it runs after Sphinx's own attempts have failed."""
    app.connect("missing-reference", _resolve)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
