"""CSL-JSON: an item for every source of the dataset, for a reference manager to import.

The entries are those of :meth:`defcoop.Dataset.cite` with ``style="csl-json"`` (see
:mod:`defcoop.views.cite`), one per source, by id; the style's declaration gives this
format its name and suffix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from defcoop.io._registry import Format
from defcoop.views.cite import styles

if TYPE_CHECKING:
    from defcoop.dataset import Dataset

__all__ = ["FORMAT"]

(_STYLE,) = (style for style in styles() if style.name == "csl-json")


def _files(dataset: Dataset) -> dict[str, str]:
    return {f"sources{_STYLE.suffix}": _STYLE.entries([(s, ()) for s in dataset.sources])}


#: CSL-JSON items of the sources.
FORMAT = Format(
    name=_STYLE.name,
    suffix=_STYLE.suffix,
    title=_STYLE.title,
    writes=f"``sources{_STYLE.suffix}``: a CSL-JSON item for each source (citeproc, Zotero)",
    writer=_files,
)
