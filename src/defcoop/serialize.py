"""Records and datasets as plain values and JSON, in the schema the loader reads.

What :func:`~defcoop.dumps` writes, :func:`defcoop.load` reads back into an equal dataset, and the
same dataset always gives the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

from defcoop import registry
from defcoop.dataset import Dataset
from defcoop.errors import ArgumentError
from defcoop.model import Record

__all__ = ["dump", "dumps", "from_dict", "to_dict"]

R = TypeVar("R", bound=Record)


def to_dict(record: Record) -> dict[str, Any]:
    """A record as the plain values of a data file: dates as text, citations as ``"id#n"``.

    >>> import defcoop
    >>> to_dict(defcoop.load().get("VNM"))["cow_code"]
    816
    """
    from defcoop._converter import make_converter

    result: dict[str, Any] = make_converter().unstructure(record)
    return result


def from_dict(record_type: type[R], data: Any, *, name: str = "<dict>") -> R:
    """A record of ``record_type`` from plain values, checked as the loader checks a file's.

    Raises:
        DataError: listing every problem, with its path inside ``data``.
    """
    from defcoop._converter import structure_checked

    return structure_checked(record_type, data, name=name)


def dumps(dataset: Dataset) -> str:
    """The whole dataset as JSON text, deterministic: same dataset, same text.

    Records are grouped under the data-file keys (``"agreements"``, ...) in query order.
    """
    import json

    document: dict[str, Any] = {}
    if dataset.info is not None:
        document["dataset"] = _plain(dataset.info)
    for record in dataset:
        key = registry.of(type(record)).key
        document.setdefault(key, []).append(to_dict(record))
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def dump(dataset: Dataset, path: str | os.PathLike[str]) -> Path:
    """Write the dataset to a ``.json`` file that :func:`defcoop.load` reads; returns the path."""
    target = Path(path)
    if target.suffix != ".json":
        raise ArgumentError(f"dump writes JSON: expected a path ending in .json, got {target}")
    target.write_text(dumps(dataset), encoding="utf-8")
    return target


def _plain(value: Any) -> Any:
    from defcoop._converter import make_converter

    return make_converter().unstructure(value)
