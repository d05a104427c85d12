"""The field taxonomy's links, walked on demand: cost and memory linear in the taxonomy.

A dataset needs, for a field, every field below it (``narrower``) and, for a record, every
field above its own (so that a query for a broad field finds records of narrower ones).
Computing either for every field at once costs the square of the depth: a chain of 10,000
fields would hold 50 million entries. Here only the links are kept (linear in the number of
fields) and each closure is computed when a query first needs it, then remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from defcoop.model.records import Field

_MEMO_SIZE = 4096


class Taxonomy:
    """The broader/narrower links of a set of fields, with closures computed on demand."""

    __slots__ = ("_children", "_ids", "_narrower", "_parents")

    def __init__(self, fields: Iterable[Field]) -> None:
        self._parents: dict[str, str] = {}
        self._children: dict[str, list[str]] = {}
        self._ids: set[str] = set()
        for field in fields:
            self._ids.add(field.id)
            if field.broader is not None:
                self._parents[field.id] = field.broader
                self._children.setdefault(field.broader, []).append(field.id)
        # Filled without a lock: two threads may compute one closure twice, never wrongly.
        self._narrower: dict[str, frozenset[str]] = {}

    def narrower(self, field_id: str) -> frozenset[str]:
        """The id of a field and of every field below it (remembered for later calls)."""
        found = self._narrower.get(field_id)
        if found is None:
            below = {field_id}
            stack = [field_id]
            while stack:
                for child in self._children.get(stack.pop(), ()):
                    if child not in below:
                        below.add(child)
                        stack.append(child)
            found = frozenset(below)
            if len(self._narrower) < _MEMO_SIZE:
                self._narrower[field_id] = found
        return found

    def broader(self, field_id: str) -> list[str]:
        """The id of a field and of every field above it, nearest first (no cycle: checked
        at load)."""
        found = [field_id]
        seen = {field_id}
        current = self._parents.get(field_id)
        while current is not None and current not in seen:
            found.append(current)
            seen.add(current)
            current = self._parents.get(current)
        return found

    def answers_to(self) -> Callable[[Any], frozenset[str]]:
        """For a record with ``fields``, every field it answers to: its own and those above.

        Records share their field sets, so each distinct set is walked once.
        """
        known: dict[frozenset[str], frozenset[str]] = {}

        def values(record: Any) -> frozenset[str]:
            fields: frozenset[str] = record.fields
            found = known.get(fields)
            if found is None:
                found = known[fields] = frozenset(
                    above for field in fields for above in self.broader(field)
                )
            return found

        return values


def field_column(field_id: str) -> str:
    """The 0/1 panel column of a field of cooperation: ``field_military_science``.

    Every character but a letter or digit becomes ``_``, so ids that differ only by ``-``,
    ``_``, ``.`` or ``:`` would share a column: loading refuses such a pair of fields.

    >>> field_column("military-science"), field_column("military.science")
    ('field_military_science', 'field_military_science')
    """
    return "field_" + "".join(ch if ch.isalnum() else "_" for ch in field_id)
