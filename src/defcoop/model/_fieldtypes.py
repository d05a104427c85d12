"""The fields of a record class as the fast-path generator reads them: types and rules.

Annotations are text in the model (postponed evaluation); each distinct text is evaluated
once per module. ``X | None`` is read as X and optional; a rule the reading itself makes sure
of (the value's type, its vocabulary) need not be checked again.
"""

from __future__ import annotations

import functools
import sys
import types
import typing
from typing import Any

from defcoop.model.dates import PartialDate, Period
from defcoop.model.rules import InstanceOf, MemberOf, Rule

__all__ = ["date_fields", "guaranteed", "hint", "hints", "unwrap_optional"]


def hints(cls: type) -> dict[str, Any]:
    """The annotations of an attrs class as types, each distinct text evaluated once.

    The model's annotations are text (postponed); ``typing.get_type_hints`` would compile
    each of them anew, and a first load reads them all.
    """
    found: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            if isinstance(annotation, str):
                annotation = evaluated(annotation, klass.__module__)
            found[name] = annotation
    return found


def hint(cls: type, name: str) -> Any:
    """The annotation of one attribute of an attrs class, as a type (see :func:`hints`).

    Only that one annotation is evaluated: building a dataset's indexes needs a few, and a
    first load pays for every annotation evaluated (each is compiled).

    >>> from defcoop.model.records import Agreement
    >>> hint(Agreement, "parties") == hints(Agreement)["parties"]
    True
    """
    for klass in cls.__mro__:
        annotations = vars(klass).get("__annotations__", {})
        if name in annotations:
            text = annotations[name]
            return evaluated(text, klass.__module__) if isinstance(text, str) else text
    raise KeyError(name)


@functools.cache
def evaluated(text: str, module: str) -> Any:
    """The type an annotation's text names in ``module``."""
    return eval(text, vars(sys.modules[module]))


def unwrap_optional(hint: Any) -> tuple[Any, bool]:
    """The type inside ``X | None``, and whether None was allowed."""
    arguments = typing.get_args(hint)
    if isinstance(hint, types.UnionType) and type(None) in arguments:
        rest = [argument for argument in arguments if argument is not type(None)]
        if len(rest) == 1:
            return rest[0], True
    return hint, False


def guaranteed(rules: tuple[Rule, ...], produced: Any) -> tuple[Rule, ...]:
    """The rules left once reading has made sure of the value's type (or vocabulary)."""
    return tuple(
        rule
        for rule in rules
        if not (isinstance(rule, InstanceOf | MemberOf) and _same(rule, produced))
    )


def _same(rule: InstanceOf | MemberOf, produced: Any) -> bool:
    expected = rule.expected if isinstance(rule, InstanceOf) else rule.vocabulary
    return isinstance(produced, type) and issubclass(produced, expected)


_date_fields: dict[type[Any], frozenset[str]] = {}


def date_fields(cls: type[Any]) -> frozenset[str]:
    """The names of the fields of ``cls`` that hold a PartialDate or a Period."""
    found = _date_fields.get(cls)
    if found is None:
        annotations = typing.get_type_hints(cls)
        found = _date_fields[cls] = frozenset(
            name
            for name, hint in annotations.items()
            if {PartialDate, Period} & set(typing.get_args(hint))
        )
    return found
