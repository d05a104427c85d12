"""Unknown ids in a dataset's references and citations: which record types hold any, found
for each type at once, and the message for each unknown id, with its nearest valid ids.

A load whose files are broken wholesale (a misspelt source id in each of 100,000 records)
must cost about what a clean load costs (issue 25: at most 3 times). Two things keep the
cost of each problem flat: the detailed, record-by-record check walks only the record types
that do hold an unknown id (:func:`walked_types`, which looks at each distinct value once,
as the quick check of a sound dataset does), and each distinct unknown id gets its message
once, with suggestions searched for the first :data:`SUGGESTED` only
(:class:`UnknownIds`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import chain
from operator import attrgetter
from typing import Any

import attrs

from defcoop._quote import quote
from defcoop.model import registry
from defcoop.model._names import Suggester, did_you_mean
from defcoop.model.records import Citation, Record, Relationship, Source

SUGGESTED = 200
"""How many distinct unknown ids get "did you mean" hints in one check: past that, a file is
broken wholesale, and hints for every one would cost more than the rest of the load."""


def walked_types(
    records: Iterable[Record], by_id: Mapping[str, Record]
) -> tuple[set[type], set[type]]:
    """The record types whose references, and those whose citations, hold an unknown id (or a
    paragraph past its source's end); the other types need no record-by-record walk.

    Records share equal id lists and citations (the loader reads each spelling once), so each
    distinct list and citation is looked at once.
    """
    groups: dict[type, list[Record]] = defaultdict(list)
    for record in records:
        groups[type(record)].append(record)
    references: set[type] = set()
    citations: set[type] = set()
    for cls, group in groups.items():
        declared = registry.of(cls)
        for reference in declared.references:
            if not _resolve(_distinct(group, reference.attribute), reference.target_type, by_id):
                references.add(cls)
                break
        cited = _cited(cls, group)
        if cited is not None and not all(_sound(citation, by_id) for citation in cited):
            citations.add(cls)
    return references, citations


def _resolve(values: Iterable[Any], expected: type, by_id: Mapping[str, Record]) -> bool:
    return all(isinstance(by_id.get(value), expected) for value in values)


def _distinct(group: Iterable[Any], attribute: str) -> set[Any]:
    """The distinct ids at an attribute path of every item of ``group`` (``"parties"``, or
    ``"roles.organization"`` for the organization of each of each person's roles)."""
    name, _, rest = attribute.partition(".")
    if rest:
        return _distinct(chain.from_iterable(map(attrgetter(name), group)), rest)
    values = list(map(attrgetter(name), group))
    if any(isinstance(value, tuple | frozenset) for value in values):
        lists = {id(value): value for value in values if value is not None}.values()
        return set(chain.from_iterable(lists))
    found = set(values)
    found.discard(None)
    return found


def _cited(cls: type, group: list[Record]) -> Iterable[Citation] | None:
    """Every distinct citation object of ``group``, or None where the type cites nothing."""
    if "sources" not in attrs.fields_dict(cls):
        return None
    cited: list[Citation] = list(chain.from_iterable(map(attrgetter("sources"), group)))
    if issubclass(cls, Relationship):
        for relationship in group:
            for item in relationship.evidence:  # type: ignore[union-attr]
                cited += item.sources
    return {id(citation): citation for citation in cited}.values()


def _sound(citation: Citation, by_id: Mapping[str, Record]) -> bool:
    source = by_id.get(citation.source)
    return isinstance(source, Source) and citation.paragraph <= source.paragraphs


class UnknownIds:
    """The message for an id that no record of the expected type has, made once per id.

    Hints are looked for only for the first :data:`SUGGESTED` distinct ids, each at a cost
    that does not grow with the data (:class:`~defcoop.model._names.Suggester`): a problem
    costs the same in a small file and in a large one.
    """

    def __init__(self, by_id: Mapping[str, Record]) -> None:
        self._by_id = by_id
        # Per kind of record, its ids ready for suggestions; per unknown id, its message.
        self._suggesters: dict[type, Suggester] = {}
        self._messages: dict[tuple[str, type], str] = {}

    def message(self, target_id: str, expected: type) -> str:
        """Says no record of the expected kind has this id, suggesting the closest ids."""
        known = self._messages.get((target_id, expected))
        if known is not None:
            return known
        close: list[str] = []
        if len(self._messages) < SUGGESTED:
            suggester = self._suggesters.get(expected)
            if suggester is None:
                pool = [r.id for r in self._by_id.values() if isinstance(r, expected)]
                suggester = self._suggesters[expected] = Suggester(pool)
            close = suggester.close(target_id)
        word = registry.of(expected).singular
        message = f"no {word} has the id {quote(target_id)}{did_you_mean(close)}"
        self._messages[(target_id, expected)] = message
        return message
