"""Values of one attribute, drawn from its annotation and the rules declared on it.

This is how a rule declared once on the model (:mod:`defcoop.model.rules`) reaches the strategies:
a pattern becomes text of its character classes (or ``from_regex``), a bound the lower end of
``integers`` (``Between`` both ends), a vocabulary ``sampled_from``, ``Unique`` and
``NonEmpty`` the arguments of ``lists``. A rule this module does not know still holds: every
value is filtered through the rules that can be checked on the value alone.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from typing import Any

import attrs
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from defcoop.errors import RecordError
from defcoop.model.dates import PartialDate, Period
from defcoop.model.records import Citation
from defcoop.model.rules import (
    AtLeast,
    AttributeNames,
    Between,
    Each,
    InstanceOf,
    MemberOf,
    NonEmpty,
    NotBlank,
    Pairs,
    Pattern,
    Rule,
    Unique,
    inferable,
    is_optional,
    rules_of,
)
from defcoop.strategies._building import _any_citations, _matching, _maybe, _text
from defcoop.strategies._dates import partial_dates, periods

_KNOWN = (
    AtLeast,
    AttributeNames,
    Between,
    Each,
    InstanceOf,
    MemberOf,
    NonEmpty,
    NotBlank,
    Pairs,
    Pattern,
    Unique,
)


@functools.cache
def values_for(record_type: type[Any], name: str) -> SearchStrategy[Any]:
    """Values of attribute ``name`` of ``record_type`` that obey every rule declared on it.

    Rules that relate the value to other attributes (a host among the parties) are left to the
    record's strategy, which draws the attributes together.
    """
    field = attrs.fields_dict(record_type)[name]
    hint = typing.get_type_hints(record_type)[name]
    arguments = typing.get_args(hint)
    if isinstance(hint, types.UnionType) and type(None) in arguments:
        (hint,) = [argument for argument in arguments if argument is not type(None)]
    rules = rules_of(field)
    strategy = _values(hint, rules, record_type)
    own = [rule for rule in rules if not rule.relates and not isinstance(rule, AttributeNames)]
    if own:
        strategy = strategy.filter(lambda value: all(r.problem(value, None) is None for r in own))
    return _maybe(strategy) if is_optional(field) else strategy


def list_shape(record_type: type[Any], name: str, most: int) -> dict[str, Any]:
    """The ``min_size``, ``max_size`` and ``unique`` of lists for attribute ``name``, read
    from its rules: at least one item under ``NonEmpty``, two under ``Pairs``, no repeats
    under ``Unique``; at most ``most`` items otherwise.

    For the record strategies that draw a list's items from a pool of ids (the parties of
    an agreement), so that the list's shape is not written a second time.
    """
    return _shape(rules_of(attrs.fields_dict(record_type)[name]), most)


def _shape(rules: tuple[Rule, ...], most: int) -> dict[str, Any]:
    least = 1 if any(isinstance(rule, NonEmpty) for rule in rules) else 0
    if any(isinstance(rule, Pairs) for rule in rules):
        least = most = 2
    unique = any(isinstance(rule, Unique) for rule in rules)
    return {"min_size": least, "max_size": max(least, most), "unique": unique}


def _values(hint: Any, rules: tuple[Rule, ...], record_type: type[Any]) -> SearchStrategy[Any]:
    origin = typing.get_origin(hint)
    if origin in (tuple, frozenset):
        (item, *_) = typing.get_args(hint)
        item_rules = tuple(r for rule in rules if isinstance(rule, Each) for r in rule.rules)
        if any(isinstance(rule, AttributeNames) for rule in rules):
            items: SearchStrategy[Any] = st.sampled_from(sorted(inferable(record_type)))
        else:
            items = _values(item, item_rules, record_type)
        shape = _shape(rules, 3)
        shape["unique"] = shape["unique"] or origin is frozenset
        return st.lists(items, **shape).map(origin)
    patterns = [rule for rule in rules if isinstance(rule, Pattern)]
    if hint is str and patterns:
        return _matching(patterns[0].regex)
    if hint is str:
        return _text()
    if hint is bool:
        return st.booleans()
    if hint is int:
        lows = [rule.bound for rule in rules if isinstance(rule, AtLeast)]
        lows += [rule.low for rule in rules if isinstance(rule, Between)]
        least = max(lows, default=-(2**31))
        highs = [rule.high for rule in rules if isinstance(rule, Between)]
        return st.integers(least, min(highs, default=least + 1000))
    if hint is PartialDate:
        return partial_dates()
    if hint is Period:
        return periods()
    if hint is Citation:
        return _any_citations()
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(hint)
    if attrs.has(hint):  # a part of a record (a role, a delivery): drawn from its own rules
        return st.deferred(lambda: valid_records(hint))
    raise TypeError(f"no strategy derives values of {hint!r} from rules")


def valid_records(record_type: type[Any]) -> SearchStrategy[Any]:
    """Valid records of a record type that has no strategy of its own, read from its
    declaration alone: each attribute from :func:`values_for`, and a draw whose attributes
    break a rule relating them (a date before another) rejected, never returned.

    This is what ``st.from_type`` gives for a new record type, so that a type declared in
    the model is drawn valid before anyone writes its strategy; a type whose attributes
    depend on each other often gets one written (:func:`defcoop.strategies.transfers`), which
    draws them together instead of rejecting most draws.
    """
    return st.builds(
        functools.partial(_built, record_type), st.fixed_dictionaries(_attributes(record_type))
    )


def _attributes(record_type: type[Any]) -> dict[str, SearchStrategy[Any]]:
    """The values of each attribute a record's constructor takes, from :func:`values_for`."""
    return {
        field.name: values_for(record_type, field.name)  # type: ignore[arg-type]
        for field in attrs.fields(record_type)
        if field.init
    }


def _built(record_type: type[Any], values: dict[str, Any]) -> Any:
    try:
        return record_type(**values)
    except RecordError:
        reject()


def from_rules(record_type: type[Any]) -> SearchStrategy[Any]:
    """Records of an attrs class whose attributes all take values from :func:`values_for`;
    unlike :func:`valid_records`, a draw that breaks a rule raises rather than being rejected."""
    return st.builds(record_type, **_attributes(record_type))
