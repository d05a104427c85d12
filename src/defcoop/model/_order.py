"""The order of records: the order queries return them in, so that ``sorted()`` agrees.

Records of a type that queries filter by date (agreements by when they were signed, events by
when they took place) order by that date, then id, undated ones last; every other record
orders by id. A timeline mixes agreements and events in the same order. Records of different
types compare too, by the same key, so that ``sorted()`` of any records works.

>>> import defcoop
>>> found = defcoop.load().agreements(party="Belarus")
>>> sorted(reversed(found)) == list(found)
True
"""

from __future__ import annotations

from typing import Any

from defcoop.model import registry


def order_key(record: Any) -> tuple[Any, ...]:
    """The key records are ordered by: (dated first, the date's sort key, id)."""
    declared = registry.of(type(record))
    date = getattr(record, declared.date) if declared.date and declared.indexes else None
    if date is None:
        return (1, (), str(record.id))
    from defcoop.model.dates import Period

    return (0, Period.coerce(date).sort_key(), str(record.id))


class Ordered:
    """Rich comparisons through :func:`order_key`, for the record classes."""

    __slots__ = ()

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, Ordered):
            return NotImplemented
        return order_key(self) < order_key(other)

    def __le__(self, other: Any) -> bool:
        if not isinstance(other, Ordered):
            return NotImplemented
        return order_key(self) <= order_key(other)

    def __gt__(self, other: Any) -> bool:
        if not isinstance(other, Ordered):
            return NotImplemented
        return order_key(self) > order_key(other)

    def __ge__(self, other: Any) -> bool:
        if not isinstance(other, Ordered):
            return NotImplemented
        return order_key(self) >= order_key(other)
