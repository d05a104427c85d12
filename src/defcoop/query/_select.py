"""A query of any record type read from its declaration: :meth:`Dataset.select`.

A record type's declaration (:mod:`defcoop.model.registry`) names its query filters (its
indexes) and its date; this module reads a query's arguments as the declaration says, so that
a new record type can be queried, listed by ``defcoop`` and drawn on a timeline with no query
method of its own:

- a filter whose attribute refers to other records takes one of them or its id, or a name
  where that type has names (a country by code or name, a field by label, a person by alias);
- a filter whose attribute is a closed vocabulary takes a word of it, in any case;
- any other filter takes text, as the index holds it;
- the argument named after the date attribute (``signed=``) takes a date or a period.

A record type whose filters need more than this (an event's PLOVER type, a transfer's
designation) keeps a query method written by hand, which :meth:`Dataset.select` calls.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from defcoop.errors import QueryError
from defcoop.model import registry
from defcoop.model._fieldtypes import hint, unwrap_optional
from defcoop.query._lookup import check_text, coerce_member, day_range, unknown
from defcoop.query._table import Table

__all__ = ["Resolve", "accepted", "check_filters", "select"]

Resolve = Callable[[type, object, str], str]
"""The id of a record of a type (the class) that a query argument (the name) names."""


class _Filter(NamedTuple):
    """How one index filter reads its argument: the record class its attribute refers to,
    or its vocabulary and the word for it in messages, or neither (text)."""

    target: type | None
    vocabulary: type[enum.StrEnum] | None
    word: str


class _Plan(NamedTuple):
    """How a record type's query reads its arguments, made once from its declaration."""

    filters: dict[str, _Filter]
    accepted: tuple[str, ...]  # the index filters, the date, the declared other filters
    names: frozenset[str]  # the same, for lookups


_plans: dict[type, _Plan] = {}


def select(
    table: Table[Any] | None,
    listed: tuple[Any, ...],
    declared: registry.RecordType,
    arguments: Mapping[str, object],
    resolve: Resolve,
) -> tuple[Any, ...]:
    """The records of ``declared``'s ``table`` that match ``arguments`` (None for not given);
    a type without indexes has no table, and gives its ``listed`` records, taking no filter.
    A filter declared beside the indexes (a transfer's ``delivered``) needs the type's own
    query method, and is refused here.

    Raises:
        UnknownNameError: for an argument that is not one of the type's filters, naming the
            closest, or a value that names no record or word.
        QueryError: for a value of the wrong type.
    """
    plan = _plan(declared)
    filters: dict[str, str] = {}
    days = None
    for name, value in arguments.items():
        if value is None:
            continue
        found = plan.filters.get(name)
        if found is not None:
            filters[name] = _key(found, name, value, resolve)
        elif name == declared.date and table is not None:
            days = day_range(value, name)  # type: ignore[arg-type]
        else:
            check_filters(declared, (name,))
            raise QueryError(f"{name}= needs the query method db.{declared.key}()")
    if table is None:
        return listed
    return table.select(filters, days)


def accepted(declared: registry.RecordType) -> frozenset[str]:
    """The arguments a query of ``declared`` takes: its index filters, its date (for a type
    with indexes) and its other declared filters."""
    return _plan(declared).names


def check_filters(declared: registry.RecordType, arguments: Iterable[str]) -> None:
    """Raise for an argument that is not one of the filters ``declared`` names: its
    indexes, its date (for a type with indexes) and its other declared filters.

    Raises:
        UnknownNameError: naming the closest filters.
        QueryError: for any argument to a type that takes none.
    """
    accepted = _plan(declared).accepted
    for name in arguments:
        if not accepted:
            raise QueryError(f"{declared.key} take no filters, got {name}=")
        if name not in accepted:
            raise unknown(f"{declared.singular} filter", name, accepted)


def _key(found: _Filter, name: str, value: object, resolve: Resolve) -> str:
    """The index key that a query argument stands for, read as the declaration says."""
    if found.target is not None:
        return resolve(found.target, value, name)
    if found.vocabulary is not None:
        return coerce_member(value, found.vocabulary, found.word, name).value
    return check_text(value, name)


def _plan(declared: registry.RecordType) -> _Plan:
    """The plan of ``declared``'s queries, made on first use (a declaration never changes)."""
    plan = _plans.get(declared.cls)
    if plan is None:
        targets = {r.attribute: r.target_type for r in declared.references}
        filters = {
            index.filter: _Filter(
                targets.get(index.attribute),
                None if index.attribute in targets else _vocabulary(declared.cls, index.attribute),
                f"{declared.singular} {index.attribute.replace('_', ' ')}",
            )
            for index in declared.indexes
        }
        others = [*([declared.date] if declared.date else []), *(f for f, _ in declared.filters)]
        accepted = (*filters, *others) if filters else ()
        plan = _plans[declared.cls] = _Plan(filters, accepted, frozenset(accepted))
    return plan


def _vocabulary(cls: type, attribute: str) -> type[enum.StrEnum] | None:
    """The closed vocabulary of ``attribute``, or None where it holds no vocabulary word."""
    try:
        found, _ = unwrap_optional(hint(cls, attribute))
    except KeyError:  # derived, not an attribute
        return None
    return found if isinstance(found, type) and issubclass(found, enum.StrEnum) else None
