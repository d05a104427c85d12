"""Records of one type in query order, with the indexes that answer a query without a scan.

A :class:`Table` keeps its records sorted by date, then id, and beside them the first and
last day of each dated record as arrays of day numbers. A date filter is then two binary
searches. The other filters (a field, a party, a person...) are answered by *postings*: for a
combination of filter names such as ``("field", "party")``, a map from each combination of
values to the ascending positions of the records that have them, as a compact array. A
query looks up one posting, cuts it to the date range with two more binary searches, and
builds its answer from the positions left: its cost grows with the size of the answer, not
with the number of records. Postings are built once, on the first query that needs them,
and shared after that.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
import os
import threading
import typing
import weakref
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import product
from operator import attrgetter
from typing import Any, Generic, TypeVar

from defcoop.model import registry
from defcoop.model._fieldtypes import hint as annotation
from defcoop.model._fieldtypes import unwrap_optional
from defcoop.model.dates import PartialDate, Period

R = TypeVar("R")
Keys = Callable[[Any], Iterable[str]]

_INT = "i" if array("i").itemsize >= 4 else "l"
_UNDATED = 1 << 60
_Bounds = tuple[int, int, int]


class Table(Generic[R]):
    """Records of one type sorted by date (undated last), then id, with their indexes.

    The sorting, like each posting, happens on first use, so that a load pays for neither.

    Args:
        records: the records, in any order.
        date: the name of the attribute that dates them (a PartialDate or a Period), if any.
        keys: per filter name, the values a record has for it (a set: no value twice).
    """

    __slots__ = ("__weakref__", "_date", "_given", "_keys", "_lock", "_postings", "_sorted")

    def __init__(self, records: Iterable[R], date: str | None, keys: Mapping[str, Keys]) -> None:
        self._given = list(records)
        self._date = date
        self._keys = dict(keys)
        self._postings: dict[tuple[str, ...], dict[tuple[str, ...], array[int]]] = {}
        self._lock = threading.RLock()
        self._sorted: _Sorted[R] | None = None
        _tables.add(self)

    @property
    def records(self) -> tuple[R, ...]:
        """The records in query order: by date (undated last), then id."""
        return self._order().records

    def _order(self) -> _Sorted[R]:
        order = self._sorted
        if order is None:
            with self._lock:
                order = self._sorted
                if order is None:
                    order = self._sorted = _Sorted(self._given, self._date)
        return order

    def select(self, filters: Mapping[str, str], within: tuple[int, int] | None) -> tuple[R, ...]:
        """Records with every filter's value, dated wholly within the days ``within`` if given.

        ``within`` is the first and last day of the date filter, as ordinal day numbers.
        """
        positions: Sequence[int] | None = None
        if filters:
            names = tuple(sorted(filters))
            found = self._posting(names).get(tuple(filters[name] for name in names))
            if found is None:
                return ()
            positions = found
        order = self._order()
        records = order.records
        if within is None:
            return records if positions is None else tuple(map(records.__getitem__, positions))
        first, last = within
        earliest = order.earliest
        low = bisect.bisect_left(earliest, first)
        high = bisect.bisect_right(earliest, last)
        sure = min(max(low, bisect.bisect_right(earliest, last - order.span)), high)
        if positions is None:
            head: Sequence[int] = range(low, sure)
            tail: Sequence[int] = range(sure, high)
        else:
            start = bisect.bisect_left(positions, low)
            middle = bisect.bisect_left(positions, sure, start)
            end = bisect.bisect_left(positions, high, middle)
            head, tail = positions[start:middle], positions[middle:end]
        latest = order.latest
        kept = [records[p] for p in tail if latest[p] <= last]
        if positions is None:
            return records[low:sure] + tuple(kept)
        return tuple(map(records.__getitem__, head)) + tuple(kept)

    def keys(self, name: str) -> Mapping[tuple[str, ...], Sequence[int]]:
        """The values records have for filter ``name``, each as a one-item key (built once)."""
        return self._posting((name,))

    def _posting(self, names: tuple[str, ...]) -> dict[tuple[str, ...], array[int]]:
        posting = self._postings.get(names)
        if posting is None:
            with self._lock:
                posting = self._postings.get(names)
                if posting is None:
                    posting = self._postings[names] = self._build(names)
        return posting

    def _build(self, names: tuple[str, ...]) -> dict[tuple[str, ...], array[int]]:
        columns = [list(map(self._keys[name], self.records)) for name in names]
        found: dict[tuple[str, ...], list[int]] = {}
        get = found.get
        # One or two filters are the common cases: loops without product() are faster.
        if len(columns) == 1:
            for position, values in enumerate(columns[0]):
                for value in values:
                    key: tuple[str, ...] = (value,)
                    positions = get(key)
                    if positions is None:
                        found[key] = [position]
                    else:
                        positions.append(position)
        elif len(columns) == 2:
            for position, (firsts, seconds) in enumerate(zip(*columns, strict=True)):
                for first in firsts:
                    for second in seconds:
                        key = (first, second)
                        positions = get(key)
                        if positions is None:
                            found[key] = [position]
                        else:
                            positions.append(position)
        else:
            for position, values in enumerate(zip(*columns, strict=True)):
                for key in product(*values):
                    positions = get(key)
                    if positions is None:
                        found[key] = [position]
                    else:
                        positions.append(position)
        return {key: array(_INT, positions) for key, positions in found.items()}


_tables: weakref.WeakSet[Table[Any]] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    """New locks for every table in a forked child: a lock another thread of the parent
    held at the fork would otherwise stay locked forever in the child."""
    for table in list(_tables):
        table._lock = threading.RLock()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_after_fork_in_child)


class _Sorted(Generic[R]):
    """Records in query order, with the first and last day of each dated one."""

    __slots__ = ("earliest", "latest", "records", "span")

    def __init__(self, given: Sequence[R], date: str | None) -> None:
        by_id = sorted(given, key=attrgetter("id"))
        if date is None:
            self.records: tuple[R, ...] = tuple(by_id)
            self.earliest = self.latest = array(_INT)
            self.span = 0
            return
        # Each distinct date object is measured once; the rest are C-level passes by identity
        # (loaded records share their date objects).
        dates = list(map(attrgetter(date), by_id))
        identities = list(map(id, dates))
        distinct = dict(zip(identities, dates, strict=True))
        distinct.pop(id(None), None)
        bounds = {key: _bounds(value) for key, value in distinct.items()}
        keys = {key: value[0] for key, value in bounds.items()}
        keys[id(None)] = _UNDATED
        order = sorted(range(len(by_id)), key=list(map(keys.__getitem__, identities)).__getitem__)
        self.records = tuple(map(by_id.__getitem__, order))
        dated = list(map(identities.__getitem__, order))[: len(dates) - identities.count(id(None))]
        first = {key: value[1] for key, value in bounds.items()}
        last = {key: value[2] for key, value in bounds.items()}
        self.earliest = array(_INT, map(first.__getitem__, dated))
        self.latest = array(_INT, map(last.__getitem__, dated))
        # Records that start at least `span` days before a filter's last day end within it.
        self.span = max((high - low for _, low, high in bounds.values()), default=0)


def _bounds(value: PartialDate | Period) -> _Bounds:
    """A date's or period's sort key as one integer, and its first and last day numbers."""
    if isinstance(value, Period):
        start_key, first, _ = _date_bounds(value.start)
        end_key, _, last = _date_bounds(value.end)
        return (start_key << 25) | end_key, first, last
    return _date_bounds(value)


def _date_bounds(value: PartialDate) -> _Bounds:
    # The same order as PartialDate.sort_key(): first day, then precision (1 to 3).
    year, month, day = value.year, value.month, value.day
    if month is None:
        first = _dt.date(year, 1, 1).toordinal()
        return first * 4 + 1, first, _dt.date(year, 12, 31).toordinal()
    if day is None:
        first = _dt.date(year, month, 1).toordinal()
        if month == 12:
            last = _dt.date(year, 12, 31).toordinal()
        else:
            last = _dt.date(year, month + 1, 1).toordinal() - 1
        return first * 4 + 2, first, last
    first = _dt.date(year, month, day).toordinal()
    return first * 4 + 3, first, first


# Building the indexes a record type declares ------------------------------------------


def index_keys(
    declared: registry.RecordType, index: registry.Index
) -> Callable[[Any], Iterable[str]]:
    """The index keys of a record: the items of a list, a word's text, a value, or none."""
    hint, _ = unwrap_optional(annotation(declared.cls, index.attribute))  # once per dataset
    name = index.attribute
    if typing.get_origin(hint) in (tuple, frozenset):
        return attrgetter(name)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):

        def word(record: Any) -> Iterable[str]:
            value = getattr(record, name)
            return () if value is None else (value.value,)

        return word

    def values(record: Any) -> Iterable[str]:
        value = getattr(record, name)
        return () if value is None else (value,)

    return values


def name_values(record: Any, names: Sequence[str]) -> list[tuple[str, ...]]:
    """The values of a record's name attributes as text, one tier per attribute, in the
    declared order (a name keeps the record it finds at a stronger tier)."""
    tiers: list[tuple[str, ...]] = []
    for name in names:
        value = getattr(record, name)
        if isinstance(value, tuple):
            tiers.append(value)
        else:
            tiers.append(() if value is None else (str(value),))
    return tiers


def within(
    records: tuple[R, ...],
    days: tuple[int, int] | None,
    period_of: Callable[[R], Period | None],
) -> tuple[R, ...]:
    """The records whose period (``period_of``) lies wholly within ``days``, a range of day
    ordinals (all of them for None); a record without a period is left out of a range."""
    if days is None:
        return records
    first, last = days
    return tuple(
        record
        for record in records
        if (period := period_of(record)) is not None
        and first <= period.earliest.toordinal()
        and period.latest.toordinal() <= last
    )
