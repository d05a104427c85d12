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
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from defcoop.errors import QueryError
from defcoop.model import registry
from defcoop.model._fieldtypes import hint, unwrap_optional
from defcoop.query._lookup import check_text, coerce_member, day_range, unknown
from defcoop.query._table import Table

__all__ = ["Resolve", "check_filters", "key", "select"]

Resolve = Callable[[type, object, str], str]
"""The id of a record of a type (the class) that a query argument (the name) names."""


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
    given = {name: value for name, value in arguments.items() if value is not None}
    check_filters(declared, given)
    if table is None:
        return listed
    allowed = {index.filter: index for index in declared.indexes}
    for name in given.keys() - allowed.keys() - {declared.date}:
        raise QueryError(f"{name}= needs the query method db.{declared.key}()")
    date = declared.date
    days = day_range(given.pop(date), date) if date in given else None  # type: ignore[arg-type]
    filters = {name: key(declared, allowed[name], value, resolve) for name, value in given.items()}
    return table.select(filters, days)


def check_filters(declared: registry.RecordType, arguments: Iterable[str]) -> None:
    """Raise for an argument that is not one of the filters ``declared`` names: its
    indexes, its date (for a type with indexes) and its other declared filters.

    Raises:
        UnknownNameError: naming the closest filters.
        QueryError: for any argument to a type that takes none.
    """
    if not declared.indexes:
        for name in arguments:
            raise QueryError(f"{declared.key} take no filters, got {name}=")
        return
    allowed = [index.filter for index in declared.indexes]
    allowed += [*([declared.date] if declared.date else []), *(f for f, _ in declared.filters)]
    for name in arguments:
        if name not in allowed:
            raise unknown(f"{declared.singular} filter", name, allowed)


def key(
    declared: registry.RecordType, index: registry.Index, value: object, resolve: Resolve
) -> str:
    """The key of ``index`` that a query argument stands for, read as the declaration says."""
    target = _target(declared, index.attribute)
    if target is not None:
        return resolve(target, value, index.filter)
    vocabulary = _vocabulary(declared, index.attribute)
    if vocabulary is not None:
        word = f"{declared.singular} {index.attribute.replace('_', ' ')}"
        return coerce_member(value, vocabulary, word, index.filter).value
    return check_text(value, index.filter)


@functools.cache
def _target(declared: registry.RecordType, attribute: str) -> type | None:
    """The record class that ``attribute`` refers to, or None for no reference."""
    for reference in declared.references:
        if reference.attribute == attribute:
            target: type = reference.target_type
            return target
    return None


@functools.cache
def _vocabulary(declared: registry.RecordType, attribute: str) -> type[enum.StrEnum] | None:
    """The closed vocabulary of ``attribute``, or None where it holds no vocabulary word."""
    try:
        found, _ = unwrap_optional(hint(declared.cls, attribute))
    except KeyError:  # derived, not an attribute
        return None
    return found if isinstance(found, type) and issubclass(found, enum.StrEnum) else None
