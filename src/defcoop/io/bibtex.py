"""BibTeX: an entry for every source of the dataset, for a reference manager to import.

The entries are those of :meth:`defcoop.Dataset.cite` with ``style="bibtex"`` (see
:mod:`defcoop.views.cite`), one per source, by id; the style's declaration gives this
format its name and suffix.
"""

from __future__ import annotations

from defcoop.io._registry import of_style

__all__ = ["FORMAT"]

#: BibTeX entries of the sources.
FORMAT = of_style("bibtex", "a BibTeX entry for each source")
