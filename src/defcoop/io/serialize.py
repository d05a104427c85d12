"""Records and datasets as plain values and JSON, in the schema the loader reads.

What :func:`~defcoop.dumps` writes, :func:`defcoop.load` reads back into an equal dataset, and the
same dataset always gives the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

from defcoop._quote import one_line
from defcoop.dataset import Dataset
from defcoop.errors import ArgumentError
from defcoop.io._registry import Format
from defcoop.model import registry
from defcoop.model.records import Record

__all__ = ["FORMAT", "dump", "dumps", "from_dict", "to_dict"]

R = TypeVar("R", bound=Record)


def to_dict(record: Record) -> dict[str, Any]:
    """A record as the plain values of a data file: dates as text, citations as ``"id#n"``.

    >>> import defcoop
    >>> to_dict(defcoop.load().get("VNM"))["cow_code"]
    816
    """
    from defcoop.model._converter import make_converter
    from defcoop.query._arguments import require_record

    require_record(record, "to_dict()")
    result: dict[str, Any] = make_converter().unstructure(record)
    return result


def from_dict(record_type: type[R], data: Any, *, name: str = "<dict>") -> R:
    """A record of ``record_type`` from plain values, checked as the loader checks a file's.

    Raises:
        DataError: listing every problem, with its path inside ``data``.
    """
    from defcoop.model._converter import structure_checked
    from defcoop.query._arguments import require_record_class

    require_record_class(record_type, "from_dict()")
    if not isinstance(name, str):
        raise ArgumentError(f"from_dict() expects name= as text, got {type(name).__name__}")
    return structure_checked(record_type, data, name=name)


def dumps(dataset: Dataset) -> str:
    """The whole dataset as JSON text, deterministic: same dataset, same text.

    Records are grouped under the data-file keys (``"agreements"``, ...) in query order.
    """
    import json

    from defcoop.query.collection import require_dataset

    require_dataset(dataset, "dumps()")
    document: dict[str, Any] = {}
    if dataset.info is not None:
        document["dataset"] = _plain(dataset.info)
    for record in dataset:
        key = registry.of(type(record)).key
        document.setdefault(key, []).append(to_dict(record))
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def dump(dataset: Dataset, path: str | os.PathLike[str]) -> Path:
    """Write the dataset to a ``.json`` file that :func:`defcoop.load` reads; returns the path.

    The file is replaced all at once: written beside its place first, then renamed, so that a
    failure never leaves it half written.

    Raises:
        ExportError: when the file cannot be written (the message says why).
        ArgumentError: for a path that is not a path, is empty, holds a NUL character or
            does not end in ``.json``.
    """
    from defcoop.query.collection import require_dataset

    require_dataset(dataset, "dump()")
    from defcoop.io import _writer as _export
    from defcoop.query._arguments import require_path

    target = Path(require_path(path, "dump()"))
    if target.suffix.lower() != ".json":
        raise ArgumentError(
            f"dump writes JSON: expected a path ending in .json, got {one_line(str(target), 240)}"
        )
    _export.write_one(target, dumps(dataset))
    return target


def _files(dataset: Dataset) -> dict[str, str]:
    return {"defcoop.json": dumps(dataset)}


#: JSON in the schema of data files, which :func:`defcoop.load` reads back.
FORMAT = Format(
    name="json",
    suffix=".json",
    title="JSON",
    writes="``defcoop.json``, the data-file schema that :func:`defcoop.load` reads back",
    reads="data files: :func:`defcoop.load`, ``defcoop --data``",
    writer=_files,
)


def _plain(value: Any) -> Any:
    from defcoop.model._converter import make_converter

    return make_converter().unstructure(value)
