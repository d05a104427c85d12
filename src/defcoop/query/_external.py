"""Records found by their ids in public registers: a Wikidata item, a UN Treaty Series number.

A record type declares once which of its attributes hold such ids (``external=`` in
:mod:`defcoop.model.registry`: a country's, person's or agreement's ``wikidata``, an
agreement's ``unts``), and the loader keeps each unique among the records of its type
(:mod:`defcoop.model._keys`). ``db.get()`` looks a text up among record ids first and then
here, so ``db.get("Q881")`` is Vietnam; a text written as such an id (it obeys the
attribute's pattern) that no record holds gets an error suggesting the closest ids of that
register, where any is close.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from defcoop.errors import QueryError, UnknownNameError
from defcoop.model import registry
from defcoop.model.records import Record
from defcoop.model.rules import Pattern, rules_of
from defcoop.query._lookup import listing, unknown

__all__ = ["External"]


class External:
    """The records of a dataset by their ids in public registers, indexed on first use.

    >>> from defcoop import Country
    >>> viet_nam = Country(code="VNM", name="Viet Nam", wikidata="Q881")
    >>> external = External({Country: [viet_nam]})
    >>> external.find("Q881", None).code
    'VNM'
    >>> print(external.find("VNM", None))
    None
    >>> print(external.unknown("Q882", None, object))
    unknown wikidata id 'Q882'; did you mean 'Q881'?
    """

    __slots__ = ("_groups", "_records")

    def __init__(self, groups: Mapping[type, Sequence[Record]]) -> None:
        self._groups = groups
        self._records: dict[str, list[Record]] | None = None

    def _declared(self) -> Iterator[tuple[registry.RecordType, str]]:
        """Each record type with register ids and each of its attributes that holds one."""
        for declared in registry.record_types():
            for attribute in declared.external:
                yield declared, attribute

    def _built(self) -> dict[str, list[Record]]:
        if self._records is None:
            records: dict[str, list[Record]] = {}
            for declared, attribute in self._declared():
                for record in self._groups.get(declared.cls, ()):
                    value = getattr(record, attribute)
                    if value is not None:
                        records.setdefault(value, []).append(record)
            self._records = records
        return self._records

    def find(self, value: str, kind: type[Any] | None) -> Record | None:
        """The record (of type ``kind``, if given) holding ``value`` as a register id, or None.

        Raises:
            QueryError: where records of two types hold it and ``kind`` does not choose.
        """
        found = [r for r in self._built().get(value, ()) if kind is None or isinstance(r, kind)]
        if len(found) > 1:
            ids = ", ".join(sorted(r.id for r in found))
            raise QueryError(
                f"get({value!r}) is ambiguous: it is held by {ids}; pass kind= to choose"
            )
        return found[0] if found else None

    def unknown(
        self, value: str, kind: type[Any] | None, owner: type[Any]
    ) -> UnknownNameError | None:
        """The error for ``value`` written as a register id that no record (of ``kind``)
        holds, suggesting the closest ids of that register; None for any other text.

        ``owner`` is the dataset's class, whose collections the message names as the way to
        list the ids (``[r.wikidata for r in db.countries]``).
        """
        for attribute in dict.fromkeys(attribute for _, attribute in self._declared()):
            types = [
                declared
                for declared, held in self._declared()
                if held == attribute and (kind is None or issubclass(declared.cls, kind))
            ]
            if not types or not _written_as(value, types[0].cls, attribute):
                continue
            held = sorted(
                getattr(record, attribute)
                for declared in types
                for record in self._groups.get(declared.cls, ())
                if getattr(record, attribute) is not None
            )
            where = [listing(d.key, getattr(owner, d.key, None)) for d in types]
            shown = " + ".join(f"[r.{attribute} for r in {w}]" for w in where if w)
            return unknown(f"{attribute} id", value, held, listing=shown or None)
        return None


def _written_as(value: str, cls: type[Any], attribute: str) -> bool:
    """Whether ``value`` obeys the pattern the attribute's rules declare (``Q881``)."""
    rules = rules_of(attrs.fields_dict(cls)[attribute])
    return any(isinstance(rule, Pattern) and rule.matches(value) for rule in rules)
