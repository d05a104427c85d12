"""Dates that keep their precision, and periods between them.

Sources say "November 2018" or "2009-2019", not a day. A :class:`PartialDate` keeps
exactly what was said and stands for the range of days it may mean; a :class:`Period`
spans two of them.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Callable
from typing import Any

import attrs

from defcoop._quote import quote
from defcoop.errors import DateError

__all__ = ["OPEN_END", "PartialDate", "Period", "Precision"]

# ASCII digits only (\d would take any script's digits), and nothing around the date.
_DATE_PATTERN = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")


class Precision(enum.IntEnum):
    """How much of a date is known; a smaller value is coarser."""

    YEAR = 1
    MONTH = 2
    DAY = 3


class _OrderedBySortKey:
    """Rich comparisons between instances of one class through their ``sort_key()``."""

    __slots__ = ()

    def sort_key(self) -> Any:  # pragma: no cover - each subclass defines it
        raise NotImplementedError

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, _OrderedBySortKey) or type(other) is not type(self):
            return NotImplemented
        return bool(self.sort_key() < other.sort_key())

    def __le__(self, other: object) -> bool:
        if not isinstance(other, _OrderedBySortKey) or type(other) is not type(self):
            return NotImplemented
        return bool(self.sort_key() <= other.sort_key())

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, _OrderedBySortKey) or type(other) is not type(self):
            return NotImplemented
        return bool(self.sort_key() > other.sort_key())

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, _OrderedBySortKey) or type(other) is not type(self):
            return NotImplemented
        return bool(self.sort_key() >= other.sort_key())


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DASH = "\u2013"  # an en dash, as ranges are written in print


def _days_in(year: int, month: int) -> int:
    """The number of days in a month (the calendar module costs more to import than this)."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]


def _check_date(instance: PartialDate, _attribute: Any, _value: Any) -> None:
    year, month, day = instance.year, instance.month, instance.day
    if type(year) is not int:
        raise DateError(f"year must be an int, got {quote(year)}")
    if month is not None and type(month) is not int:
        raise DateError(f"month must be an int, got {quote(month)}")
    if day is not None and type(day) is not int:
        raise DateError(f"day must be an int, got {quote(day)}")
    if not 1 <= year <= 9999:
        raise DateError(f"year must be between 1 and 9999, got {year}")
    if month is None:
        if day is not None:
            raise DateError(f"a day needs a month: got year {year} and day {day} only")
        return
    if not 1 <= month <= 12:
        raise DateError(f"month must be between 1 and 12, got {month}")
    if day is not None and not 1 <= day <= _days_in(year, month):
        raise DateError(f"{year:04d}-{month:02d} has no day {day}")


@attrs.frozen(order=False, eq=True, repr=False)
class PartialDate(_OrderedBySortKey):
    """A calendar date known to the year, the month or the day.

    It stands for every day it may mean, and orders by its earliest day, coarser
    before finer when they start together:

    >>> PartialDate(2018, 11)
    PartialDate(2018, 11)
    >>> str(PartialDate(2018, 11))
    '2018-11'
    >>> PartialDate.parse("2018") < PartialDate.parse("2018-01") < PartialDate.parse("2018-01-01")
    True
    >>> PartialDate(2018, 2).latest
    datetime.date(2018, 2, 28)

    Raises:
        DateError: for a day or month that does not exist, or a day without a month.
    """

    year: int = attrs.field(validator=_check_date)
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; the inverse of ``str(date)``.

        Only ASCII digits, and nothing around them: ``" 2018"`` is not a date.

        >>> PartialDate.parse("2018-11-15")
        PartialDate(2018, 11, 15)
        """
        if not isinstance(text, str):
            raise DateError(f"expected a date as text such as '2018-11', got {quote(text)}")
        match = _DATE_PATTERN.fullmatch(text)
        if match is None:
            raise DateError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {quote(text)}")
        year, month, day = match.groups()
        return cls(
            int(year),
            None if month is None else int(month),
            None if day is None else int(day),
        )

    @property
    def precision(self) -> Precision:
        """Whether the year, the month or the day is known."""
        if self.day is not None:
            return Precision.DAY
        return Precision.YEAR if self.month is None else Precision.MONTH

    @property
    def earliest(self) -> _dt.date:
        """The first day this date may mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> _dt.date:
        """The last day this date may mean."""
        if self.month is None:
            return _dt.date(self.year, 12, 31)
        if self.day is None:
            return _dt.date(self.year, self.month, _days_in(self.year, self.month))
        return _dt.date(self.year, self.month, self.day)

    def words(self) -> str:
        """The date as people write it: ``"2018"``, ``"November 2018"``, ``"15 November 2018"``.

        >>> PartialDate(2018, 11).words()
        'November 2018'
        """
        if self.month is None:
            return str(self.year)
        month = f"{_MONTH_NAMES[self.month - 1]} {self.year}"
        return month if self.day is None else f"{self.day} {month}"

    def __format__(self, spec: str) -> str:
        """``f"{date:words}"`` is :meth:`words`; an empty spec is the ISO text."""
        return self.words() if spec == "words" else format(str(self), spec)

    def sort_key(self) -> tuple[int, int]:
        """The key dates order by: earliest day, then precision."""
        return (self.earliest.toordinal(), self.precision)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __repr__(self) -> str:
        parts = [p for p in (self.year, self.month, self.day) if p is not None]
        return f"PartialDate({', '.join(map(str, parts))})"


def _check_period(instance: Period, _attribute: Any, _value: Any) -> None:
    start, end = instance.start, instance.end
    if not isinstance(start, PartialDate):
        raise DateError(f"period start must be a PartialDate, got {quote(start)}")
    if not isinstance(end, PartialDate):
        raise DateError(f"period end must be a PartialDate, got {quote(end)}")
    if start.earliest > end.latest:
        raise DateError(f"period starts after it ends: {start} is after {end}")


@attrs.frozen(order=False, repr=False)
class Period(_OrderedBySortKey):
    """A span from one :class:`PartialDate` to another, both included.

    Written ``start/end`` (ISO 8601 intervals); a period of one date is written as that date,
    and a period still running as ``start/..`` (its end is then
    :data:`~defcoop.model.dates.OPEN_END`).

    >>> Period.parse("2018/2020")
    Period(PartialDate(2018), PartialDate(2020))
    >>> str(Period.of(PartialDate(2018, 11)))
    '2018-11'
    >>> Period.parse("2019").contains(Period.parse("2019-03/2019-05"))
    True

    Raises:
        DateError: when the start's earliest day is after the end's latest day.
    """

    start: PartialDate = attrs.field(validator=_check_period)
    end: PartialDate

    @classmethod
    def of(cls, date: PartialDate) -> Period:
        """The period of a single date."""
        return cls(date, date)

    @classmethod
    def parse(
        cls, text: str, *, read_date: Callable[[str], PartialDate] = PartialDate.parse
    ) -> Period:
        """Read ``start/end`` or a single date; the inverse of ``str(period)``.

        ``read_date`` reads each date's text: a loader passes one that remembers the dates it
        has read, so that a date met again costs nothing and is the same object.
        """
        if not isinstance(text, str):
            raise DateError(f"expected a period as text such as '2018/2020', got {quote(text)}")
        start, sep, end = text.partition("/")
        if not sep:
            return cls.of(read_date(start))
        if end.strip() == "..":
            return cls(read_date(start), OPEN_END)
        return cls(read_date(start), read_date(end))

    @classmethod
    def coerce(cls, value: Period | PartialDate | str) -> Period:
        """A period from a Period, a PartialDate or their text."""
        if isinstance(value, Period):
            return value
        if isinstance(value, PartialDate):
            return cls.of(value)
        return cls.parse(value)

    @property
    def earliest(self) -> _dt.date:
        """The first day the period may include."""
        return self.start.earliest

    @property
    def latest(self) -> _dt.date:
        """The last day the period may include."""
        return self.end.latest

    @property
    def precision(self) -> Precision:
        """The coarser of the two ends' precisions (the start's, for a period still running).

        >>> Period.parse("2008/2013-05").precision
        <Precision.YEAR: 1>
        """
        if self.open:
            return self.start.precision
        return min(self.start.precision, self.end.precision)

    @property
    def open(self) -> bool:
        """Whether the period was still running when it was recorded (written ``start/..``)."""
        end = self.end
        return end is OPEN_END or (end.year == 9999 and end.month is None)

    def words(self) -> str:
        """The period as people write it, with an en dash and nothing said twice.

        >>> [Period.parse(text).words() for text in ("2008/2013", "2018-04-04/2018-04-05")]
        ['2008\u20132013', '4\u20135 April 2018']
        >>> Period.parse("2018-11/2019-02").words()
        'November 2018 \u2013 February 2019'
        """
        start, end = self.start, self.end
        if self.open:
            return f"since {start.words()}"
        if start == end:
            return start.words()
        same = start.precision == end.precision
        if same and start.precision is Precision.YEAR:
            return f"{start.year}{_DASH}{end.year}"
        if same and start.year == end.year and start.month is not None:
            month = _MONTH_NAMES[start.month - 1]
            if start.precision is Precision.MONTH:
                return f"{month}{_DASH}{end.words()}"
            if start.month == end.month:
                return f"{start.day}{_DASH}{end.words()}"
            return f"{start.day} {month} {_DASH} {end.words()}"
        return f"{start.words()} {_DASH} {end.words()}"

    def __format__(self, spec: str) -> str:
        """``f"{period:words}"`` is :meth:`words`; an empty spec is the ISO text."""
        return self.words() if spec == "words" else format(str(self), spec)

    def contains(self, other: Period | PartialDate) -> bool:
        """Whether every day ``other`` may mean lies inside this period."""
        if not isinstance(other, Period | PartialDate):
            raise DateError(f"contains() expects a Period or a PartialDate, got {quote(other)}")
        return self.earliest <= other.earliest and other.latest <= self.latest

    def sort_key(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """The key periods order by: start, then end."""
        return (self.start.sort_key(), self.end.sort_key())

    def __str__(self) -> str:
        if self.start == self.end:
            return str(self.start)
        return f"{self.start}/{'..' if self.open else self.end}"

    def __repr__(self) -> str:
        return f"Period({self.start!r}, {self.end!r})"


OPEN_END = PartialDate(9999)
"""The end of a period still running (``start/..``), the year 9999 (which is therefore
not a year a source can end a period with)."""
