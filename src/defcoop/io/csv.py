"""CSV: one file per record type, in the layout every table of defcoop shares.

Each file has one column per attribute, lists as JSON arrays, and after each date its
precision and its first and last day (``defcoop.query._tabular``); the data package
(:mod:`defcoop.io.datapackage`) writes the same tables and describes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from defcoop.io._registry import Format
from defcoop.model.registry import collections
from defcoop.query import _tabular
from defcoop.query._csv import Formulas

if TYPE_CHECKING:
    from defcoop.dataset import Dataset

__all__ = ["FORMAT", "csv_files"]


def csv_files(dataset: Dataset, *, formulas: Formulas = "escape") -> dict[str, str]:
    """One CSV file per record type, by name (``agreements.csv``...), as text.

    A text cell that a spreadsheet would run as a formula gets a leading ``'`` unless
    ``formulas="raw"`` (``defcoop.query._csv``).
    """
    return {
        f"{key}.csv": _tabular.csv_text(
            (r for r in dataset if type(r) is cls), cls, formulas=formulas
        )
        for key, cls in collections().items()
    }


#: CSV, one file per record type.
FORMAT = Format(
    name="csv",
    suffix=".csv",
    title="CSV",
    writes="one CSV file per record type (``agreements.csv``...)",
    writer=csv_files,
    formulas=True,
)
