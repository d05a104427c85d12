"""Structuring parsed data files into records: the generated fast path first, cattrs for doubts.

Each document of a data file is a table of record lists under the data-file keys of
:mod:`defcoop.model.registry`. Every record goes through the fast structurer generated for its
type (:mod:`defcoop.loading.fast._fast`); a record the fast path doubts, and only such a record,
goes through the cattrs converter, which gives detailed problems (file, path, record,
attribute) or the record.
"""

from __future__ import annotations

import itertools
from typing import Any

from defcoop.errors import Problem
from defcoop.loading.fast._fast import Structurer, UnsoundError
from defcoop.model import registry
from defcoop.model.records import Record
from defcoop.query.collection import DatasetInfo

__all__ = ["INFO_KEY", "Reader"]

INFO_KEY = "dataset"
"""The data-file key of the table saying what the dataset calls itself."""


class Reader:
    """Structures documents into records: the fast path first, cattrs for anything it doubts."""

    def __init__(self) -> None:
        self._fast = Structurer()
        self._converter: Any = None

    def document(
        self,
        name: str,
        document: Any,
        records: list[Record],
        spans: list[tuple[int, str, str]],
        problems: list[Problem],
    ) -> DatasetInfo | None:
        """Append the records of one parsed file; return its [dataset] table if it has one."""
        if not isinstance(document, dict):
            problems.append(
                Problem(
                    file=name, message=f"expected a table of record lists, got {_kind(document)}"
                )
            )
            return None
        if not document:
            problems.append(Problem(file=name, message="the file holds no records"))
            return None
        info = None
        for key, value in document.items():
            if key == INFO_KEY:
                info = self._one(name, f"$.{key}", value, DatasetInfo, problems)
                continue
            declared = registry.by_key(key)
            if declared is None:
                problems.append(_unknown_key(name, key))
                continue
            if not isinstance(value, list):
                message = f"expected a list of {key}, got {_kind(value)}"
                problems.append(Problem(file=name, path=f"$.{key}", message=message))
                continue
            spans.append((len(records), name, key))
            self._all(name, key, value, declared.cls, records, problems)
        return info

    def _all(
        self,
        name: str,
        key: str,
        values: list[Any],
        record_type: type[Record],
        records: list[Record],
        problems: list[Problem],
    ) -> None:
        fast = self._fast.function(record_type)
        index = 0
        while index < len(values):
            if fast is not None:
                before = len(records)
                try:
                    # extend() keeps what map() gave before a failure: that tells where it was.
                    records.extend(map(fast, itertools.islice(values, index, None)))
                    return
                except UnsoundError:  # the detailed path below says what is wrong
                    index += len(records) - before
            path = f"$.{key}[{index}]"
            record = self._slow(name, path, values[index], record_type, problems)
            if record is not None:
                records.append(record)
            index += 1

    def _one(self, name: str, path: str, raw: Any, cls: type[Any], problems: list[Problem]) -> Any:
        fast = self._fast.function(cls)
        if fast is not None:
            try:
                return fast(raw)
            except UnsoundError:  # the detailed path below says what is wrong
                pass
        return self._slow(name, path, raw, cls, problems)

    def _slow(self, name: str, path: str, raw: Any, cls: type[Any], problems: list[Problem]) -> Any:
        if self._converter is None:
            # cattrs is imported only when a value needs its detailed errors.
            from defcoop.model._converter import make_converter

            self._converter = make_converter()
        return _structure_one(self._converter, name, path, raw, cls, problems)


def _unknown_key(name: str, key: str) -> Problem:
    from defcoop.model._names import suggest

    keys = registry.keys()
    close = suggest(key, [*keys, INFO_KEY], limit=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of {', '.join(keys)}"
    return Problem(file=name, path=f"$.{key}", message=f"unknown key {key!r}{hint}")


def _structure_one(
    converter: Any, name: str, path: str, raw: Any, cls: type[Any], problems: list[Problem]
) -> Any:
    from defcoop.model._converter import STRUCTURE_ERRORS, error_lines

    record_id = raw.get("id", raw.get("code")) if isinstance(raw, dict) else None
    record_id = record_id if isinstance(record_id, str) else None
    if not isinstance(raw, dict):
        problems.append(
            Problem(file=name, path=path, message=f"expected a table, got {_kind(raw)}")
        )
        return None
    try:
        return converter.structure(raw, cls)
    except STRUCTURE_ERRORS as exc:
        for where, message in error_lines(exc, path):
            attribute = where[len(path) + 1 :].split("[")[0].split(".")[0] or None
            problems.append(
                Problem(
                    file=name, path=where, record=record_id, attribute=attribute, message=message
                )
            )
        return None


def _kind(value: Any) -> str:
    names = {
        type(None): "null",
        dict: "a table",
        list: "a list",
        str: "text",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }
    return names.get(type(value), type(value).__name__)
