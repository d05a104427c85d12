"""CSL-JSON: an item for every source of the dataset, for a reference manager to import.

The entries are those of :meth:`defcoop.Dataset.cite` with ``style="csl-json"`` (see
:mod:`defcoop.views.cite`), one per source, by id; the style's declaration gives this
format its name and suffix.
"""

from __future__ import annotations

from defcoop.io._registry import of_style

__all__ = ["FORMAT"]

#: CSL-JSON items of the sources.
FORMAT = of_style("csl-json", "a CSL-JSON item for each source (citeproc, Zotero)")
