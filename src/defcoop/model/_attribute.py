"""What a rule is, and how an attribute applies its rules: :class:`Rule`, the validator
:class:`Check`, and the converters.

These live apart from :mod:`defcoop.model.rules`, which re-exports them
(``defcoop.model.rules.Rule``, ``defcoop.model.rules.Check``), so that the rules module holds
the rules themselves and imports this one, never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import attrs

from defcoop.errors import RecordError

__all__ = [
    "Bind",
    "Check",
    "Local",
    "Rule",
    "first_repeat",
    "is_optional",
    "rules_of",
    "to_frozenset",
    "to_tuple",
]

Bind = Callable[[object], str]
"""Gives a name under which generated code can reach an object (a compiled pattern, a set)."""
Local = Callable[[str], str]
"""Gives the name of the local variable that holds another attribute's value in generated code."""


class Rule:
    """The base of every rule: a check, and what the check requires, said as data.

    Subclasses are frozen attrs classes. ``relates`` is true for a rule that compares the
    value with other attributes of the same record, which neither a JSON Schema nor a check of
    the value alone can do.
    """

    __slots__ = ()
    relates: ClassVar[bool] = False

    def problem(self, value: Any, record: Any) -> str | None:
        """What is wrong with ``value`` (of ``record``, for rules that relate), or None."""
        raise NotImplementedError

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        """The JSON Schema keywords this rule adds to ``schema``, the value's schema so far."""
        return {}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str | None:
        """A Python expression, true when the value named ``value`` obeys the rule.

        None where the rule cannot be said as an expression: the fast loader then builds
        records of ``owner`` through their ``__init__``, which checks the rule.
        """
        return None


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
    >>> from defcoop.model.rules import InstanceOf, Pattern
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
