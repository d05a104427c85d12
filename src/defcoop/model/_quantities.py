"""Rules on numbers and on the items of a list taken together: bounds, order, sums, years.

An arms transfer's deliveries are the first attribute to need them: a list of parts, one per
year, in order of their years with none twice, whose counts add up to no more than the
quantity ordered, none of them before the year of the order. They live apart from
:mod:`defcoop.model.rules`, which re-exports them, so that each module stays one readable
size; like every rule they say themselves as a check, JSON Schema keywords where there are
any, and an expression for the loader's fast path.

>>> Between(1, 9999).problem(0, None)
'must be between 1 and 9999, got 0'
>>> Ascending("year").json_schema({}, object)
{}
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any, ClassVar

import attrs

from defcoop._quote import quote
from defcoop.model._attribute import Bind, Local, Rule

__all__ = ["Ascending", "Between", "NotBeforeYearOf", "SumAtMost"]


@attrs.frozen
class Between(Rule):
    """The number lies between ``low`` and ``high``, both included (a year, 1 to 9999)."""

    low: int
    high: int

    def problem(self, value: Any, record: Any) -> str | None:
        if self.low <= value <= self.high:
            return None
        return f"must be between {self.low} and {self.high}, got {value!r}"

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        return {"minimum": self.low, "maximum": self.high}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return f"{self.low!r} <= {value} <= {self.high!r}"


@attrs.frozen
class Ascending(Rule):
    """The items are in ascending order of their ``key``, no two with the same ``key``
    (an arms transfer's deliveries, one per year, in order of the years)."""

    key: str

    def problem(self, value: Any, record: Any) -> str | None:
        keys = [getattr(item, self.key) for item in value]
        for before, after in pairwise(keys):
            if before == after:
                return f"gives {self.key} {before!r} twice"
            if before > after:
                return f"must be in order of {self.key}: {before!r} comes before {after!r}"
        return None

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        key = self.key
        return f"all(_a.{key} < _b.{key} for _a, _b in {bind(pairwise)}({value}))"


@attrs.frozen
class NotBeforeYearOf(Rule):
    """No item's ``key`` (a year) lies before the year of another attribute's date, where
    that date is given: a transfer's deliveries come no earlier than the year it was ordered."""

    relates: ClassVar[bool] = True
    attribute: str
    key: str = "year"

    def problem(self, value: Any, record: Any) -> str | None:
        date = getattr(record, self.attribute)
        if date is None:
            return None
        for item in value:
            if getattr(item, self.key) < date.year:
                return (
                    f"{self.key} {getattr(item, self.key)!r} lies before the year of "
                    f"{self.attribute}, {date}"
                )
        return None

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        other = local(self.attribute)
        return f"({other} is None or all(_i.{self.key} >= {other}.year for _i in {value}))"


@attrs.frozen
class SumAtMost(Rule):
    """The items' ``key`` values that are given add up to no more than another attribute,
    where it is given: units delivered never exceed the units ordered."""

    relates: ClassVar[bool] = True
    key: str
    attribute: str

    def problem(self, value: Any, record: Any) -> str | None:
        bound = getattr(record, self.attribute)
        if bound is None:
            return None
        total = sum(n for n in (getattr(item, self.key) for item in value) if n is not None)
        if total <= bound:
            return None
        return f"{self.key}s add up to {total}, more than the {self.attribute}, {quote(bound)}"

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        other = local(self.attribute)
        key = self.key
        return (
            f"({other} is None or sum(_i.{key} for _i in {value} if _i.{key} is not None)"
            f" <= {other})"
        )
