"""An immutable, validated collection of records with its indexes and query methods."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar

import attrs

from defcoop._lookup import NameIndex, check_text, coerce_member, coerce_period, unknown
from defcoop._validation import Origin, check
from defcoop.dates import PartialDate, Period
from defcoop.errors import DataError
from defcoop.kinds import EventKind, EventStatus
from defcoop.model import (
    Agreement,
    Country,
    Event,
    Field,
    Mechanism,
    Organization,
    Person,
    Record,
    Relationship,
    Source,
)

__all__ = ["Dataset", "DatasetInfo"]

R = TypeVar("R", bound=Record)
DateFilter = PartialDate | Period | str


@attrs.frozen(kw_only=True)
class DatasetInfo:
    """What a dataset calls itself: name, version and release date (a ``[dataset]`` table)."""

    name: str
    version: str
    released: PartialDate | None = None


class _Table(Generic[R]):
    """Records of one type in date-then-id order, with per-key sets of positions."""

    __slots__ = ("_earliest", "_indexes", "_latest", "records")

    def __init__(
        self,
        records: Iterable[R],
        date: Callable[[R], PartialDate | Period | None],
        keys: dict[str, Callable[[R], Iterable[str]]],
    ) -> None:
        def order(record: R) -> tuple[bool, Any, str]:
            value = date(record)
            return (value is None, () if value is None else value.sort_key(), record.id)

        self.records: tuple[R, ...] = tuple(sorted(records, key=order))
        dates = [date(r) for r in self.records]
        self._earliest = [d.earliest.toordinal() for d in dates if d is not None]
        self._latest = [d.latest.toordinal() for d in dates if d is not None]
        self._indexes: dict[str, dict[str, list[int]]] = {name: {} for name in keys}
        for position, record in enumerate(self.records):
            for name, values in keys.items():
                for value in set(values(record)):
                    self._indexes[name].setdefault(value, []).append(position)

    def select(self, filters: dict[str, frozenset[str]], within: Period | None) -> tuple[R, ...]:
        """Records matching every filter (any of a filter's values) and dated within ``within``."""
        candidates: set[int] | None = None
        for name, values in sorted(filters.items(), key=lambda item: self._size(*item)):
            index = self._indexes[name]
            matched = {p for value in values for p in index.get(value, ())}
            candidates = matched if candidates is None else candidates & matched
            if not candidates:
                return ()
        if within is not None:
            low = bisect.bisect_left(self._earliest, within.earliest.toordinal())
            high = bisect.bisect_right(self._earliest, within.latest.toordinal())
            last = within.latest.toordinal()
            if candidates is None:
                candidates = set(range(low, high))
            candidates = {p for p in candidates if low <= p < high and self._latest[p] <= last}
        if candidates is None:
            return self.records
        return tuple(self.records[p] for p in sorted(candidates))

    def _size(self, name: str, values: frozenset[str]) -> int:
        index = self._indexes[name]
        return sum(len(index.get(value, ())) for value in values)


class Dataset:
    """Validated records and the queries over them; immutable once built.

    Build one with :func:`defcoop.load` or :meth:`from_records`. Query methods return tuples
    ordered by date, then id (undated records last); their filters combine with AND.
    """

    __slots__ = (
        "_agreements",
        "_by_id",
        "_countries",
        "_country_names",
        "_events",
        "_field_names",
        "_mechanisms",
        "_narrower",
        "_organizations",
        "_people",
        "_person_names",
        "_relationships",
        "info",
    )

    info: DatasetInfo | None
    _by_id: dict[str, Record]
    _countries: dict[str, Country]
    _country_names: NameIndex
    _field_names: NameIndex
    _narrower: dict[str, frozenset[str]]
    _person_names: NameIndex
    _people: _Table[Person]
    _organizations: _Table[Organization]
    _agreements: _Table[Agreement]
    _events: _Table[Event]
    _mechanisms: _Table[Mechanism]
    _relationships: _Table[Relationship]

    def __init__(self, records: Iterable[Record], *, info: DatasetInfo | None = None) -> None:
        """Check ``records`` as one dataset and index them; raises :class:`DataError` if unsound."""
        records = tuple(records)
        origins: dict[int, Origin] = {}
        for i, record in enumerate(records):
            origins.setdefault(id(record), Origin("<records>", f"$[{i}]"))
        problems = check(records, lambda record: origins[id(record)])
        if problems:
            raise DataError(problems)
        self._build(records, info)

    @classmethod
    def from_records(cls, records: Iterable[Record], *, info: DatasetInfo | None = None) -> Dataset:
        """A dataset of records built in code, checked like a loaded one."""
        return cls(records, info=info)

    @classmethod
    def _trusted(cls, records: Sequence[Record], info: DatasetInfo | None) -> Dataset:
        """A dataset of records the loader has already checked."""
        dataset = cls.__new__(cls)
        dataset._build(records, info)
        return dataset

    def _build(self, records: Sequence[Record], info: DatasetInfo | None) -> None:
        def of(kind: type[R]) -> list[R]:
            return [r for r in records if isinstance(r, kind)]

        set_ = object.__setattr__
        set_(self, "info", info)
        set_(self, "_by_id", {r.id: r for r in records})
        countries = sorted(of(Country), key=lambda c: c.code)
        set_(self, "_countries", {c.code: c for c in countries})
        set_(
            self,
            "_country_names",
            NameIndex("country", ((c.code, _country_names(c)) for c in countries)),
        )
        fields = sorted(of(Field), key=lambda f: f.id)
        set_(self, "_narrower", _narrower_closure(fields))
        set_(
            self,
            "_field_names",
            NameIndex("field", ((f.id, (f.label, *f.aliases)) for f in fields)),
        )
        people = of(Person)
        set_(
            self,
            "_person_names",
            NameIndex("person", ((p.id, (p.name, *p.aliases)) for p in people)),
        )
        set_(
            self,
            "_people",
            _Table(people, lambda p: None, {"country": _opt("country")}),
        )
        set_(
            self,
            "_organizations",
            _Table(of(Organization), lambda o: None, {"country": _opt("country")}),
        )
        set_(
            self,
            "_agreements",
            _Table(
                of(Agreement),
                lambda a: a.signed,
                {"field": _attr("fields"), "party": _attr("parties")},
            ),
        )
        set_(
            self,
            "_events",
            _Table(
                of(Event),
                lambda e: e.when,
                {
                    "party": _attr("parties"),
                    "person": _attr("participants"),
                    "kind": lambda e: (e.kind.value,),
                    "status": lambda e: (e.status.value,),
                },
            ),
        )
        set_(
            self,
            "_mechanisms",
            _Table(of(Mechanism), lambda m: None, {"party": _attr("parties")}),
        )
        set_(
            self,
            "_relationships",
            _Table(
                of(Relationship),
                lambda r: None,
                {"party": _attr("parties"), "field": _attr("fields")},
            ),
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Dataset is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Dataset is immutable: cannot delete {name!r}")

    # Whole collections -------------------------------------------------------------------

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, by id."""
        return tuple(sorted((r for r in self._by_id.values() if isinstance(r, Source)), key=_id))

    @property
    def countries(self) -> tuple[Country, ...]:
        """Every country, by alpha-3 code."""
        return tuple(self._countries.values())

    @property
    def fields(self) -> tuple[Field, ...]:
        """The taxonomy of cooperation fields, by id."""
        return tuple(sorted((r for r in self._by_id.values() if isinstance(r, Field)), key=_id))

    def __iter__(self) -> Iterator[Record]:
        """Every record: sources, countries, fields, then the rest, each kind in query order."""
        yield from self.sources
        yield from self.countries
        yield from self.fields
        for table in self._tables():
            yield from table.records

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and record_id in self._by_id

    def __repr__(self) -> str:
        name = f" {self.info.name} {self.info.version}" if self.info else ""
        return f"<Dataset{name}: {len(self)} records>"

    def get(self, record_id: str) -> Record:
        """The record with this id (a country's id is its alpha-3 code).

        Raises:
            UnknownNameError: naming the closest ids when none matches.
        """
        check_text(record_id, "id")
        try:
            return self._by_id[record_id]
        except KeyError:
            raise unknown("id", record_id, self._by_id) from None

    # Queries -----------------------------------------------------------------------------

    def agreements(
        self,
        *,
        field: str | Field | None = None,
        party: str | Country | None = None,
        signed: DateFilter | None = None,
    ) -> tuple[Agreement, ...]:
        """Agreements and plans, by date signed.

        Args:
            field: a field id, label or alias; narrower fields match too.
            party: a country code (alpha-3 or alpha-2) or name among the parties.
            signed: keep those whose signing date lies wholly within this date or period.
        """
        filters = {}
        if field is not None:
            filters["field"] = self._field_closure(field)
        if party is not None:
            filters["party"] = frozenset({self.country(party).code})
        return self._agreements.select(filters, _period(signed, "signed"))

    def events(
        self,
        *,
        kind: str | EventKind | None = None,
        party: str | Country | None = None,
        person: str | Person | None = None,
        when: DateFilter | None = None,
        status: str | EventStatus | None = None,
    ) -> tuple[Event, ...]:
        """Visits, meetings, conferences and other events, by date.

        Args:
            kind: an event kind such as ``"visit"``.
            party: a country involved (host included), by code or name.
            person: a participant, by id, full name or alias.
            when: keep those whose dates lie wholly within this date or period.
            status: ``"occurred"`` or ``"planned"``.
        """
        filters = {}
        if kind is not None:
            filters["kind"] = frozenset(
                {coerce_member(kind, EventKind, "event kind", "kind").value}
            )
        if status is not None:
            member = coerce_member(status, EventStatus, "event status", "status")
            filters["status"] = frozenset({member.value})
        if party is not None:
            filters["party"] = frozenset({self.country(party).code})
        if person is not None:
            filters["person"] = frozenset({self.person(person).id})
        return self._events.select(filters, _period(when, "when"))

    def mechanisms(self, *, party: str | Country | None = None) -> tuple[Mechanism, ...]:
        """Standing committees and dialogues, by id."""
        filters = {} if party is None else {"party": frozenset({self.country(party).code})}
        return self._mechanisms.select(filters, None)

    def relationships(
        self, *, party: str | Country | None = None, field: str | Field | None = None
    ) -> tuple[Relationship, ...]:
        """Dyad relationships, by id; ``field`` matches the fields named for the dyad."""
        filters = {}
        if party is not None:
            filters["party"] = frozenset({self.country(party).code})
        if field is not None:
            filters["field"] = self._field_closure(field)
        return self._relationships.select(filters, None)

    def people(self, *, country: str | Country | None = None) -> tuple[Person, ...]:
        """People, by id."""
        filters = {} if country is None else {"country": frozenset({self.country(country).code})}
        return self._people.select(filters, None)

    def organizations(self, *, country: str | Country | None = None) -> tuple[Organization, ...]:
        """Organizations and forums, by id."""
        filters = {} if country is None else {"country": frozenset({self.country(country).code})}
        return self._organizations.select(filters, None)

    # Lookups -----------------------------------------------------------------------------

    def country(self, name: str | Country) -> Country:
        """The country with this alpha-3, alpha-2, numeric or COW code, or name (any case)."""
        code = name.code if isinstance(name, Country) else name
        return self._countries[self._country_names.resolve(code, "country")]

    def field(self, name: str | Field) -> Field:
        """The field with this id, label or alias (any case, diacritics ignored)."""
        field_id = name.id if isinstance(name, Field) else self._field_names.resolve(name, "field")
        result = self._by_id.get(field_id)
        if not isinstance(result, Field):
            raise unknown("field", field_id, (f.id for f in self.fields))
        return result

    def person(self, name: str | Person) -> Person:
        """The person with this id, full name or alias (any case, diacritics ignored)."""
        person_id = (
            name.id if isinstance(name, Person) else self._person_names.resolve(name, "person")
        )
        result = self._by_id.get(person_id)
        if not isinstance(result, Person):
            raise unknown("person", person_id, (p.id for p in self._people.records))
        return result

    def narrower(self, field: str | Field) -> frozenset[str]:
        """The ids of a field and of every field below it in the taxonomy."""
        return self._field_closure(field)

    # Helpers -----------------------------------------------------------------------------

    def _field_closure(self, field: str | Field) -> frozenset[str]:
        return self._narrower[self.field(field).id]

    def _tables(self) -> tuple[_Table[Any], ...]:
        return (
            self._people,
            self._organizations,
            self._agreements,
            self._events,
            self._mechanisms,
            self._relationships,
        )


def _id(record: Record) -> str:
    return record.id


def _attr(name: str) -> Callable[[Any], Iterable[str]]:
    return lambda record: getattr(record, name)


def _opt(name: str) -> Callable[[Any], Iterable[str]]:
    def values(record: Any) -> Iterable[str]:
        value = getattr(record, name)
        return () if value is None else (value,)

    return values


def _period(value: DateFilter | None, argument: str) -> Period | None:
    return None if value is None else coerce_period(value, argument)


def _narrower_closure(fields: Sequence[Field]) -> dict[str, frozenset[str]]:
    children: dict[str, list[str]] = {}
    for field in fields:
        if field.broader is not None:
            children.setdefault(field.broader, []).append(field.id)

    def below(field_id: str) -> frozenset[str]:
        found = {field_id}
        stack = [field_id]
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return frozenset(found)

    return {field.id: below(field.id) for field in fields}


def _country_names(country: Country) -> tuple[str, ...]:
    codes = [country.alpha2, *([country.numeric] if country.numeric else [])]
    if country.cow_code is not None:
        codes.append(str(country.cow_code))
    return (*codes, country.name, *country.names)
