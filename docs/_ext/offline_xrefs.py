"""Resolve, offline, the names in signatures that Sphinx cannot link to by itself.

Nitpicky mode reports every reference it cannot resolve. Two kinds are not mistakes:

- standard-library names such as ``collections.abc.Iterable`` or ``datetime.date``.
  Intersphinx would download Python's object inventory, which a build without network
  access cannot do; instead such a name is linked to the page and anchor the Python
  documentation uses for it (``library/<module>.html#<dotted name>``), but only when it
  names a real object of a standard-library module;
- a few third-party classes of the optional features (pandas, networkx, matplotlib),
  linked to their projects' documentation pages;
- type variables, such as the ``R`` of ``from_dict(record_type: type[R], ...) -> R``: they
  are not objects to document, so they are shown as plain text.

Any other unresolved name is left alone, so nitpicky mode still reports it.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

PYTHON_DOCS = "https://docs.python.org/3/library/"


def _find(target: str) -> tuple[str, Any] | None:
    """The longest importable module ``target`` starts with, and the object it names."""
    parts = target.split(".")
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
        return module_name, obj
    return None


def stdlib_url(target: str) -> str | None:
    """The documentation address of a standard-library object, or None if it is not one.

    >>> stdlib_url("collections.abc.Iterable")
    'https://docs.python.org/3/library/collections.abc.html#collections.abc.Iterable'
    >>> stdlib_url("datetime.date")
    'https://docs.python.org/3/library/datetime.html#datetime.date'
    >>> stdlib_url("defcoop.Dataset") is None, stdlib_url("datetime.nosuch") is None
    (True, True)
    """
    if target.split(".")[0] not in sys.stdlib_module_names:
        return None
    found = _find(target)
    return None if found is None else f"{PYTHON_DOCS}{found[0].lower()}.html#{target}"


# Third-party classes that appear in signatures of optional features; their projects'
# documentation addresses are stable, and no inventory can be downloaded to find them.
THIRD_PARTY = {
    "pandas.DataFrame": "https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.html",
    "networkx.MultiDiGraph": "https://networkx.org/documentation/stable/reference/classes/multidigraph.html",
    "matplotlib.axes.Axes": "https://matplotlib.org/stable/api/_as_gen/matplotlib.axes.Axes.html",
    "pyarrow.Table": "https://arrow.apache.org/docs/python/generated/pyarrow.Table.html",
    "pyarrow.Schema": "https://arrow.apache.org/docs/python/generated/pyarrow.Schema.html",
    "hypothesis.strategies.SearchStrategy": "https://hypothesis.readthedocs.io/en/latest/reference/api.html",
    "attrs.Attribute": "https://www.attrs.org/en/stable/api.html#attrs.Attribute",
}


# Names that signatures use unqualified (type aliases, a class imported for type checking
# only), and the documented object each stands for.
ALIASES = {
    "DateFilter": "defcoop.query.collection.DateFilter",
    "CountryName": "defcoop.query.collection.CountryName",
    "Formulas": "defcoop.io.exports.Formulas",
    "Axes": "matplotlib.axes.Axes",
    "Path": "pathlib.Path",
}


def is_type_variable(target: str) -> bool:
    """Whether ``target`` names a :class:`typing.TypeVar` defined in some module.

    >>> is_type_variable("defcoop.io.serialize.R"), is_type_variable("defcoop.Dataset")
    (True, False)
    """
    found = _find(target)
    return found is not None and isinstance(found[1], TypeVar)


def _resolve(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    from docutils import nodes

    if node.get("refdomain") != "py":
        return None
    target = ALIASES.get(node.get("reftarget", ""), node.get("reftarget", ""))
    if target.startswith("defcoop.") and target in ALIASES.values():
        domain = env.get_domain("py")
        return domain.resolve_xref(
            env, node.get("refdoc", ""), app.builder, "data", target, node, contnode
        )
    url = stdlib_url(target) or THIRD_PARTY.get(target)
    if url is not None:
        reference = nodes.reference("", "", internal=False, refuri=url, reftitle="(in Python)")
        reference.append(contnode)
        return reference
    if is_type_variable(target):
        return contnode
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the resolver; it runs after Sphinx's own attempts have failed."""
    app.connect("missing-reference", _resolve)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
