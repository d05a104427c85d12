"""What a coverage claim vouches for, and the rules a claim obeys, each written once.

A :class:`~defcoop.model.records.Coverage` claim names the records it vouches for in
``records``: a record type's data-file key (``"agreements"``), or a key and one of the type's
kinds (``"events:visit"``). The words a claim may use come from the record types' own
declarations (:mod:`defcoop.model.registry`, ``counted=True``) and the vocabulary of their
``kind`` attribute, so a new counted record type or event kind is claimable at once. A claim
without ``records`` vouches for everything.

A panel column declares once what it counts as a :class:`Counted`; :func:`vouches` says
whether a claim's ``records`` covers it.

>>> vouches(frozenset({"events:visit"}), Counted("events", frozenset({"visit"})))
True
>>> vouches(frozenset({"events:visit"}), Counted("events"))
False
>>> vouches(frozenset(), Counted("agreements"))
True
"""

from __future__ import annotations

import enum
import functools
from typing import Any, ClassVar

import attrs

from defcoop.model import registry
from defcoop.model._attribute import Bind, Local, Rule, rules_of
from defcoop.model._names import Suggester, did_you_mean

__all__ = ["Counted", "Observed", "Scopes", "claimable", "kinds_of", "vouches"]


@attrs.frozen
class Counted:
    """What a count reads: the records of one type (its data-file key), of some kinds or all.

    ``kinds`` None counts every kind (``events_occurred``); a set counts only those
    (``visits`` counts ``frozenset({"visit"})``).
    """

    key: str
    kinds: frozenset[str] | None = None

    def __str__(self) -> str:
        if self.kinds is None:
            return self.key
        return ", ".join(f"{self.key}:{kind}" for kind in sorted(self.kinds))


def kinds_of(record_class: type[Any]) -> tuple[str, ...]:
    """The words of a record type's ``kind`` vocabulary, in order; none without one."""
    field = attrs.fields_dict(record_class).get("kind")
    if field is None:
        return ()
    for rule in rules_of(field):
        vocabulary: type[enum.Enum] | None = getattr(rule, "vocabulary", None)
        if vocabulary is not None:
            return tuple(str(member.value) for member in vocabulary)
    return ()


@functools.cache
def claimable() -> tuple[str, ...]:
    """Every word a claim's ``records`` may hold: each counted record type's key, then the
    key with each of its kinds (``"events:visit"``).

    Computed on first use, once every record type is declared.
    """
    words: list[str] = []
    for declared in registry.record_types():
        if declared.counted:
            words.append(declared.key)
            words += [f"{declared.key}:{kind}" for kind in kinds_of(declared.cls)]
    return tuple(words)


def vouches(records: frozenset[str], counted: Counted) -> bool:
    """Whether a claim vouching for ``records`` (empty: everything) covers ``counted``.

    A count of every kind needs the whole record type; a count of some kinds needs the
    type or each of those kinds.
    """
    if not records or counted.key in records:
        return True
    if counted.kinds is None:
        return False
    return all(f"{counted.key}:{kind}" in records for kind in counted.kinds)


@attrs.frozen
class Scopes(Rule):
    """Every item is a record type a claim can vouch for, or such a type and one of its kinds
    (see :func:`claimable`); a misspelling is told the closest words."""

    def problem(self, value: Any, record: Any) -> str | None:
        words = claimable()
        for item in sorted(value):
            if item not in words:
                close = did_you_mean(Suggester(words).close(item))
                return (
                    f"{item!r} is not a record type or kind a claim can vouch for{close} "
                    f"(one of {', '.join(map(repr, words))})"
                )
        return None

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        return {"items": {**schema.get("items", {}), "enum": list(claimable())}}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return f"{value} <= {bind(frozenset(claimable()))}"


@attrs.frozen
class Observed(Rule):
    """A source's own claims rest on the source alone and end no later than it could observe.

    Each claim's last day is not after the last day of the source's ``published`` date at
    the precision given (a report of 2018-10-26 cannot cover the rest of October; one dated
    only 2018-10 may cover the month), or of ``accessed`` for an undated page; a claim of a
    source with neither date, or one still running (``2018/..``), is refused. A source's own
    claim names no ``search`` or ``sources``: it rests on the source itself.
    """

    relates: ClassVar[bool] = True

    def problem(self, value: Any, record: Any) -> str | None:
        bound, word = record.published, "published"
        if bound is None:
            bound, word = record.accessed, "read (accessed, the page being undated)"
        for position, claim in enumerate(value):
            if claim.search is not None or claim.sources:
                return (
                    f"item {position} ({claim}): a source's own coverage rests on the source "
                    "itself and names no search or sources; claims resting on a search go "
                    "in the [dataset] table"
                )
            if bound is None:
                return (
                    f"item {position} ({claim}): a source with neither published nor "
                    "accessed date cannot vouch for any period"
                )
            if claim.period.latest > bound.latest:
                return (
                    f"item {position} ({claim}) ends after the source was {word} on {bound}: "
                    "a claim reaches no later than its source's date, compared to the day "
                    f"(its last day is {claim.period.latest.isoformat()}, the source's "
                    f"{bound.latest.isoformat()})"
                )
        return None
