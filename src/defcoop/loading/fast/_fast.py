"""The fast way from parsed data-file values to records, generated from the model's rules.

Structuring through cattrs with detailed validation costs about 9 µs per agreement, most of
it spent getting ready to explain problems that sound data does not have. The functions here
read the same schema with the same rules, but are built for the common case: any doubt at all,
and they raise :class:`UnsoundError`, so that the loader hands that one record to the cattrs
converter, which gives the detailed error or, if the value is fine after all, the record. They
never accept a value the converter would refuse.

Nothing here restates a rule: :mod:`defcoop.loading.fast._codegen` writes each record type's
structurer from its attrs fields and rules. A :class:`Structurer` holds what one load shares between
them: values that repeat (ids, dates, periods, citations, id lists) are checked once per load
and shared between records, as records are immutable, so sharing equal values is safe and
saves memory.
"""

from __future__ import annotations

from typing import Any

from defcoop.loading.fast._codegen import Structure, UnsoundError, made, source_of
from defcoop.model._values import citation_text, plain_citation, structure_date
from defcoop.model._values import structure_period as _period_of
from defcoop.model.dates import PartialDate, Period
from defcoop.model.records import Citation

__all__ = ["Structure", "Structurer", "UnsoundError", "source_of"]


class Structurer:
    """Record builders for one load, sharing the values they have already read."""

    def __init__(self) -> None:
        self._checked: dict[Any, dict[Any, Any]] = {}
        self._dates: dict[Any, PartialDate] = {}
        self._periods: dict[Any, Period] = {}
        self._citations: dict[Any, Citation] = {}
        self._by_type: dict[type, Structure | None] = {}

    def function(self, cls: type) -> Structure | None:
        """The fast structurer for ``cls``, or None where there is none (always use cattrs)."""
        if cls not in self._by_type:
            self._by_type[cls] = None  # a type that holds itself goes through cattrs
            found = made(cls)
            if found is not None:
                factory, needs = found
                self._by_type[cls] = factory(*(need(self) for need in needs))
        return self._by_type[cls]

    def checked(self, key: Any) -> dict[Any, Any]:
        """The values already checked against one set of rules, by their raw form."""
        return self._checked.setdefault(key, {})

    def date(self, value: Any) -> PartialDate:
        """A date from its text, read once per load."""
        known = self._dates.get(value)
        if known is None:
            known = structure_date(value)
            if type(value) is str:
                self._dates[value] = known
        return known

    def period(self, value: Any) -> Period:
        """A period from its text, read once per load, its dates read as :meth:`date` does."""
        known = self._periods.get(value)
        if known is None:
            if type(value) is str:
                known = self._periods[value] = Period.parse(value, read_date=self.date)
            else:
                known = _period_of(value)
        return known

    def citations(self, value: Any) -> tuple[Citation, ...]:
        """A list of citations (``"source#3"`` or tables), each text read once per load.

        The generated structurers call it for a list they could not look up whole: one with
        a citation not read before in this load, or a table.
        """
        if type(value) is not list:
            raise UnsoundError
        known = self._citations
        found = []
        for item in value:
            if type(item) is dict:
                found.append(plain_citation(item))
                continue
            citation = known.get(item)
            if citation is None:
                if type(item) is not str:
                    raise UnsoundError
                # Built by the generated structurer of citations, which checks their rules.
                build = self.function(Citation) or _citation_of
                citation = known[item] = build(citation_text(item))
            found.append(citation)
        return tuple(found)


def _citation_of(parts: dict[str, Any]) -> Citation:
    return Citation(**parts)
