"""Records as pandas DataFrames: one row per record, one column per attribute.

pandas is an optional extra (``pip install "defcoop[pandas]"``), imported on the first call.
List-valued attributes stay lists; dates stay text, as in the data files, and each date has
three more columns so that its precision is never lost: ``<name>_precision`` ("year",
"month" or "day"; for a period, the coarser end's) and ``<name>_earliest`` /
``<name>_latest`` (``datetime64`` columns: the first and last day the date may mean).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from defcoop import _tabular
from defcoop._extras import require
from defcoop.model import Record

if TYPE_CHECKING:
    import pandas

    from defcoop.dataset import Dataset

__all__ = ["to_frame"]


def to_frame(records: Iterable[Record]) -> pandas.DataFrame:
    """A DataFrame with one row per record, in the order given.

    Records of one kind give that kind's columns; a mix of kinds (a timeline) gets a leading
    ``type`` column (``"agreement"``, ``"event"``) and every kind's columns, empty where a
    kind lacks one.

    Raises:
        MissingExtraError: when pandas is not installed (``pip install "defcoop[pandas]"``).
    """
    return _frame(records, None, "to_frame()")


def dataset_frame(dataset: Dataset, kind: str | type[Record]) -> pandas.DataFrame:
    """Every record of one kind in ``dataset``, as :meth:`Dataset.to_frame` documents."""
    record_type = record_kind(kind)
    return _frame((r for r in dataset if type(r) is record_type), record_type, "Dataset.to_frame()")


def record_kind(kind: object) -> type[Record]:
    """The record class for a data-file key (``"agreements"``), its singular, or the class.

    Raises:
        UnknownNameError: naming the closest kinds for an unknown word.
        QueryError: for a value that is neither text nor a record class.
    """
    from defcoop._lookup import check_text, unknown
    from defcoop._names import normalize
    from defcoop._validation import kind_name
    from defcoop.loading import COLLECTIONS

    if isinstance(kind, type) and kind in COLLECTIONS.values():
        return kind
    if isinstance(kind, type):
        from defcoop.errors import QueryError

        raise QueryError(f"kind= expects a record class such as Agreement, got {kind.__name__}")
    word = normalize(check_text(kind, "kind"))
    for key, cls in COLLECTIONS.items():
        if word in (key, kind_name(cls)):
            return cls
    raise unknown("record kind", str(kind), COLLECTIONS)


def _frame(records: Iterable[Record], kind: type[Any] | None, purpose: str) -> pandas.DataFrame:
    pd: Any = require("pandas", "pandas", purpose=purpose)
    names, rows = _tabular.table(records, kind)
    frame = pd.DataFrame.from_records(rows, columns=list(names))
    for name in _tabular.date_columns(names):
        frame[name] = frame[name].astype("datetime64[s]")
    return frame
