"""How an attribute applies its rules: its validator :class:`Check`, and its converters.

These live apart from :mod:`defcoop.rules`, which re-exports them (``defcoop.rules.Check``,
``defcoop.rules.to_tuple``), so that the rules module holds the rules themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from defcoop.errors import RecordError

if TYPE_CHECKING:
    from defcoop.rules import Rule

__all__ = ["Check", "first_repeat", "is_optional", "rules_of", "to_frozenset", "to_tuple"]


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """The converter of list attributes: any iterable but text becomes a tuple.

    A value that cannot be one is left as it is, for the attribute's ``InstanceOf(tuple)``
    rule to report with the attribute's name.
    """
    if isinstance(value, str | bytes | tuple):
        return value  # type: ignore[return-value]
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]


def to_frozenset(value: Iterable[Any]) -> frozenset[Any]:
    """The converter of set attributes: any iterable of hashable values but text, as a set.

    A list or tuple that names an item twice is left as it is, for the attribute's
    ``InstanceOf(frozenset)`` rule to report: the repeat is a mistake, not to be dropped.
    """
    if isinstance(value, str | bytes | frozenset):
        return value  # type: ignore[return-value]
    try:
        found = frozenset(value)
    except TypeError:
        return value  # type: ignore[return-value]
    if isinstance(value, list | tuple) and len(found) != len(value):
        return value  # type: ignore[return-value]
    return found


def first_repeat(items: Iterable[Any]) -> Any:
    """The first item equal to an earlier one, or None: what a "listed twice" message names."""
    seen: set[Any] = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None


@attrs.frozen(init=False)
class Check:
    """The attrs validator of one attribute: its rules, in order.

    ``attrs.field(validator=Check(InstanceOf(str), ID))``. An attribute whose default is None
    is optional: None passes. Read the rules with :func:`rules_of`; the first rule a value
    breaks raises a :class:`~defcoop.errors.RecordError` naming the record type and attribute.

    >>> import attrs
    >>> from defcoop.rules import InstanceOf, Pattern
    >>> @attrs.frozen
    ... class Gadget:
    ...     code: str = attrs.field(validator=Check(InstanceOf(str), Pattern("[A-Z][0-9]")))
    >>> Gadget(code="x")
    Traceback (most recent call last):
    ...
    defcoop.errors.RecordError: code: expected text matching [A-Z][0-9], got 'x'
    """

    rules: tuple[Rule, ...]

    def __init__(self, *rules: Rule) -> None:
        self.__attrs_init__(rules)

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and attribute.default is None:
            return
        for rule in self.rules:
            problem = rule.problem(value, instance)
            if problem is not None:
                raise RecordError(attribute.name, problem, record_type=type(instance).__name__)


def rules_of(attribute: attrs.Attribute[Any]) -> tuple[Rule, ...]:
    """The rules declared on an attribute (none for an attribute declared without them)."""
    check = attribute.validator
    return check.rules if isinstance(check, Check) else ()


def is_optional(attribute: attrs.Attribute[Any]) -> bool:
    """Whether the attribute may be None: its default is None."""
    return attribute.default is None
