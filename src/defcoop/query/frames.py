"""Records as pandas DataFrames: one row per record, one column per attribute.

pandas is an optional extra (``pip install "defcoop[pandas]"``), imported on the first call.
List-valued attributes stay lists; dates stay text, as in the data files, and each date has
three more columns so that its precision is never lost: ``<name>_precision`` ("year",
"month" or "day"; for a period, the coarser end's) and ``<name>_earliest`` /
``<name>_latest`` (``datetime64`` columns: the first and last day the date may mean).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from defcoop.model.records import Record
from defcoop.query import _tabular

if TYPE_CHECKING:
    import pandas

__all__ = ["to_frame"]


def to_frame(records: Iterable[Record]) -> pandas.DataFrame:
    """A DataFrame with one row per record, in the order given.

    Records of one kind give that kind's columns; a mix of kinds (a timeline) gets a leading
    ``type`` column (``"agreement"``, ``"event"``) and every kind's columns, empty where a
    kind lacks one.

    Raises:
        MissingExtraError: when pandas is not installed (``pip install "defcoop[pandas]"``).
    """
    from defcoop.query._arguments import require_records

    return _tabular.frame(require_records(records, "to_frame()"), None, "to_frame()")
