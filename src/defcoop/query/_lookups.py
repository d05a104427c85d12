"""Finding records by code, id or name: the lookups of a :class:`~defcoop.Dataset`.

:class:`Lookups` is the base of :class:`~defcoop.query.collection.Collection` that answers
``db.country("Viet Nam")``, ``db.field("military science")``, ``db.person("Шойгу")`` and
reads the record a query argument names (``party="VNM"``), with errors that name the
closest ids. It reads the collection's name indexes and records; it builds none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from defcoop.model import registry
from defcoop.model._names import Suggester
from defcoop.model.records import Country, Field, Person, Record
from defcoop.query._identity import Travels
from defcoop.query._lookup import check_text, unknown

if TYPE_CHECKING:
    from defcoop.model._taxonomy import Taxonomy
    from defcoop.query._lookup import NameIndex
    from defcoop.query._table import Table

__all__ = ["CountryName", "Lookups"]

#: The forms ``party=`` and ``country=`` accept, a code or name, an int COW code or a Country.
CountryName = str | int | Country
"""A country by code or name; an int is a Correlates of War code."""


class Lookups(Travels):
    """Lookups by code, id or name over a collection's records and name indexes."""

    __slots__ = ()
    _by_id: dict[str, Record]
    _countries: dict[str, Country]
    _by_cow_code: dict[int, Country]
    _names: dict[type, NameIndex]
    _suggesters: dict[type[Record] | None, Suggester]
    _tables: dict[type, Table[Any]]
    _listed: dict[type, tuple[Record, ...]]
    _taxonomy: Taxonomy

    def _suggester(self, kind: type[Record] | None) -> Suggester:
        """The ids of a kind (all ids for None) ready for suggestions, made on first use, so
        that a misspelt id costs the same in a small dataset and a large one."""
        found = self._suggesters.get(kind)
        if found is None:
            pool = (
                self._by_id
                if kind is None
                else [r.id for r in self._by_id.values() if isinstance(r, kind)]
            )
            found = self._suggesters[kind] = Suggester(pool)
        return found

    def _resolve(self, kind: type, value: object, argument: str) -> str:
        """The id of the record of ``kind`` that ``value`` names, for ``argument=``."""
        if kind is Country:
            return self._country(value, argument).code  # type: ignore[arg-type]
        declared = registry.of(kind)
        if isinstance(value, kind):
            found: str = getattr(value, declared.id_attribute)
            return found
        text = check_text(value, argument)
        names = self._names.get(kind)
        if names is not None:
            return names.resolve(text, argument)
        if isinstance(self._by_id.get(text), kind):
            return text
        raise unknown(declared.singular, text, self._suggester(kind))

    def country(self, name: CountryName) -> Country:
        """The country with this alpha-3, alpha-2, numeric or COW code, or name (any case).

        An int is read as a Correlates of War code (``country(816)`` is Vietnam); an ISO
        numeric code is text (``"704"``), which keeps its leading zeros.
        """
        return self._country(name, "country")

    def _country(self, name: CountryName, argument: str) -> Country:
        """:meth:`country`, with errors naming the argument the caller gave (``party=``)."""
        if isinstance(name, Country):
            code = name.code
        elif isinstance(name, int) and not isinstance(name, bool):
            found = self._by_cow_code.get(name)
            if found is None:
                raise unknown("COW code", str(name), map(str, self._by_cow_code))
            return found
        else:
            code = check_text(name, argument)
        return self._countries[self._names[Country].resolve(code, argument)]

    def field(self, name: str | Field) -> Field:
        """The field with this id, label or alias (any case, diacritics ignored)."""
        field_id = name.id if isinstance(name, Field) else self._names[Field].resolve(name, "field")
        result = self._by_id.get(field_id)
        if not isinstance(result, Field):
            raise unknown("field", field_id, (f.id for f in self._listed[Field]))
        return result

    def person(self, name: str | Person) -> Person:
        """The person with this id, full name or alias (any case, diacritics ignored)."""
        person_id = (
            name.id if isinstance(name, Person) else self._names[Person].resolve(name, "person")
        )
        result = self._by_id.get(person_id)
        if not isinstance(result, Person):
            raise unknown("person", person_id, (p.id for p in self._tables[Person].records))
        return result

    def narrower(self, field: str | Field) -> frozenset[str]:
        """The ids of a field and of every field below it in the taxonomy."""
        return self._taxonomy.narrower(self.field(field).id)
