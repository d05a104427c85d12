"""The relations between records that tabular exports spell out: link tables and citations.

A list of ids in one cell (an agreement's parties, an event's participants, the fields a
record covers) cannot carry a foreign key, so each becomes a *link table* of its own
(``agreement_parties``: columns ``agreement`` and ``country``). Which lists those are is read
from the record-type declarations (:func:`defcoop.query._columns.references`, from each
type's :class:`~defcoop.model.registry.Reference` entries), never listed here. Citations
become rows of ``record``, ``record_type``, ``source``, ``paragraph`` and, for a
relationship's per-field evidence, ``field``. The data package and the SQL databases share
these.

>>> [link.table for link in links()][:3]
['agreement_parties', 'agreement_fields', 'agreement_signatories']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from defcoop.model import registry
from defcoop.model.records import Record, Relationship
from defcoop.query import _columns

if TYPE_CHECKING:
    from defcoop.query.collection import Collection

__all__ = ["Link", "citation_rows", "links"]


@attrs.frozen
class Link:
    """A list of ids of one record type, as a table of pairs.

    Attributes:
        table: the table's name, the owner's singular word and the attribute
            (``"agreement_parties"``).
        owner: the record type holding the list.
        attribute: the attribute holding it (``"parties"``).
        target: the record type its ids name.
    """

    table: str
    owner: type[Record]
    attribute: str
    target: type[Record]

    @property
    def columns(self) -> tuple[str, str]:
        """The table's two columns: the singular words of owner and target
        (``("agreement", "country")``)."""
        return registry.of(self.owner).singular, registry.of(self.target).singular

    def rows(self, records: Iterable[Record]) -> Iterator[tuple[str, str]]:
        """``(owner id, target id)`` for each id in the list of each record of the owner's
        type among ``records``, in the list's order (a set's in sorted order)."""
        for record in records:
            if type(record) is self.owner:
                for item in _ordered(getattr(record, self.attribute)):
                    yield record.id, item


def links() -> tuple[Link, ...]:
    """Every list of ids of every record type, in the order of the declarations."""
    return tuple(
        Link(f"{declared.singular}_{name}", declared.cls, name, target)
        for declared in registry.record_types()
        for name, target, several in _columns.references(declared.cls)
        if several
    )


def citation_rows(dataset: Collection) -> list[tuple[str, str, str, int, str | None]]:
    """Every citation of every record: ``(record, record_type, source, paragraph, field)``,
    ``field`` None but for a relationship's per-field evidence."""
    rows: list[tuple[str, str, str, int, str | None]] = []
    for record in dataset:
        kind = registry.of(type(record)).singular
        for citation in getattr(record, "sources", ()):
            rows.append((record.id, kind, citation.source, citation.paragraph, None))
        if isinstance(record, Relationship):
            for item in record.evidence:
                for citation in item.sources:
                    rows.append((record.id, kind, citation.source, citation.paragraph, item.field))
    return rows


def _ordered(values: Iterable[Any]) -> list[Any]:
    return sorted(values) if isinstance(values, frozenset) else list(dict.fromkeys(values))
