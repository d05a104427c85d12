"""An immutable, validated collection of records with its indexes and query methods.

:class:`Collection` is everything a :class:`~defcoop.Dataset` is but its views (timeline,
dyad profile, evidence, citations, panels): the views take a collection as an argument, and
:class:`defcoop.dataset.Dataset` adds them as methods from the layer above, so that no module
imports upward.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast, overload

from defcoop._quote import described
from defcoop.errors import ArgumentError, DataError, QueryError
from defcoop.model import registry
from defcoop.model._names import Suggester
from defcoop.model._parts import merged
from defcoop.model._taxonomy import Taxonomy
from defcoop.model.dates import PartialDate, Period
from defcoop.model.kinds import EventKind, EventStatus, TransferCategory, TransferStatus
from defcoop.model.records import (
    Agreement,
    Country,
    Coverage,
    Event,
    Field,
    Mechanism,
    Organization,
    Person,
    Record,
    Relationship,
    Search,
    Source,
    Transfer,
)
from defcoop.query._arguments import is_record_class, require_records
from defcoop.query._external import External
from defcoop.query._info import DatasetInfo, all_claims
from defcoop.query._lookup import (
    NameIndex,
    check_text,
    coerce_member,
    day_range,
    designation_key,
    event_filters,
    listing,
    named_tiers,
    record_kind,
    unknown,
)
from defcoop.query._lookups import CountryName, Lookups
from defcoop.query._select import accepted, check_filters, select
from defcoop.query._table import Table, index_keys, within
from defcoop.query.results import Results

if TYPE_CHECKING:
    from defcoop.model._validation import Origin

__all__ = ["Collection", "CountryName", "DatasetInfo", "DateFilter"]

R = TypeVar("R", bound=Record)
#: The forms a date filter accepts, a date, a period or their text (``"2018"``, ``"2018/2020"``).
DateFilter = PartialDate | Period | str


class Collection(Lookups):
    """Validated records and the queries over them, without the views; immutable once built.

    The base of :class:`~defcoop.Dataset`, which users build (:func:`defcoop.load`,
    :meth:`~defcoop.Dataset.from_records`) and which documents the queries; the views of
    :mod:`defcoop.views` take a collection, so that they need nothing above them.
    """

    __slots__ = (
        "_by_cow_code",
        "_by_id",
        "_claims",
        "_countries",
        "_coverage",
        "_external",
        "_listed",
        "_names",
        "_suggesters",
        "_tables",
        "_taxonomy",
        "info",
    )

    #: What the dataset calls itself (name, version, release date); None without a
    #: ``[dataset]`` table. For the bundled data: ``defcoop.load().info``.
    info: DatasetInfo | None
    _by_id: dict[str, Record]
    _countries: dict[str, Country]
    _by_cow_code: dict[int, Country]
    _external: External
    _claims: tuple[Coverage, ...] | None
    _coverage: tuple[Coverage, ...] | None
    _taxonomy: Taxonomy
    _suggesters: dict[type[Record] | None, Suggester]
    _names: dict[type, NameIndex]
    _listed: dict[type, tuple[Record, ...]]
    _tables: dict[type, Table[Any]]

    def __init__(self, records: Iterable[Record], *, info: DatasetInfo | None = None) -> None:
        """Check ``records`` as one dataset and index them; raises :class:`DataError` if unsound."""
        # Imported here: a dataset served from the snapshot of the bundled data is never
        # checked again, and the first load need not import the checks.
        from defcoop.model._claims import check_coverage
        from defcoop.model._validation import Origin, check, group_by_kind, ids

        records = tuple(require_records(records, "Dataset()"))
        if not isinstance(info, DatasetInfo | None):
            raise ArgumentError(f"Dataset() expects info= a DatasetInfo, got {described(info)}")
        origins: dict[int, Origin] = {}
        for i, record in enumerate(records):
            origins.setdefault(id(record), Origin("<records>", f"$[{i}]"))
        problems = check(records, lambda record: origins[id(record)])
        problems += check_coverage(info, {record.id: record for record in records})
        if problems:
            raise DataError(problems)
        groups = group_by_kind(records)
        self._build(groups, ids(groups), info)

    @classmethod
    def from_records(cls, records: Iterable[Record], *, info: DatasetInfo | None = None) -> Self:
        """A dataset of records built in code, checked like a loaded one."""
        return cls(records, info=info)

    @classmethod
    def _trusted(
        cls,
        groups: Mapping[type, Sequence[Record]],
        by_id: dict[str, Record],
        info: DatasetInfo | None,
    ) -> Self:
        """A dataset of records the loader has already checked, by model type and by id."""
        dataset = cls.__new__(cls)
        dataset._build(groups, by_id, info)
        return dataset

    def _build(
        self,
        groups: Mapping[type, Sequence[Record]],
        by_id: dict[str, Record],
        info: DatasetInfo | None,
    ) -> None:
        """Index the records as their record types declare (:mod:`defcoop.model.registry`).

        A type with query indexes gets a :class:`Table` with one posting per filter; any
        other is listed by id. A type with names gets a name index for its lookups.
        """
        set_ = object.__setattr__
        set_(self, "_claims", None)  # made by the first call that needs them (claims)
        set_(self, "_coverage", None)  # likewise (coverage)
        set_(self, "info", info)
        set_(self, "_by_id", by_id)
        set_(self, "_suggesters", {})
        set_(self, "_external", External(groups))
        # The taxonomy's closures are computed on demand: linear in the taxonomy at load.
        taxonomy = Taxonomy(groups.get(Field, ()))  # type: ignore[arg-type]
        set_(self, "_taxonomy", taxonomy)
        by_field = taxonomy.answers_to()
        listed: dict[type, tuple[Record, ...]] = {}
        tables: dict[type, Table[Any]] = {}
        names: dict[type, NameIndex] = {}
        for declared in registry.record_types():
            group = groups.get(declared.cls, ())
            if declared.indexes:
                keys = {
                    ix.filter: by_field if ix.broader else ix.keys or index_keys(declared, ix)
                    for ix in declared.indexes
                }
                tables[declared.cls] = Table(group, declared.date, keys)
            else:
                listed[declared.cls] = tuple(sorted(group, key=attrgetter(declared.id_attribute)))
            if declared.names:
                names[declared.cls] = NameIndex(
                    declared.singular,
                    functools.partial(named_tiers, group, declared.names),
                    listing=listing(declared.key, getattr(type(self), declared.key, None)),
                )
        set_(self, "_listed", listed)
        set_(self, "_tables", tables)
        set_(self, "_names", names)
        countries: tuple[Country, ...] = listed.get(Country, ())  # type: ignore[assignment]
        set_(self, "_countries", {c.code: c for c in countries})
        set_(self, "_by_cow_code", {c.cow_code: c for c in countries if c.cow_code is not None})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Dataset is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Dataset is immutable: cannot delete {name!r}")

    # Whole collections -------------------------------------------------------------------

    @property
    def sources(self) -> Results[Source]:
        """Every source, by id."""
        return Results(self._listed[Source])  # type: ignore[arg-type]

    @property
    def countries(self) -> Results[Country]:
        """Every country, by alpha-3 code."""
        return Results(self._countries.values())

    @property
    def fields(self) -> Results[Field]:
        """The taxonomy of cooperation fields, by id."""
        return Results(self._listed[Field])  # type: ignore[arg-type]

    @property
    def searches(self) -> Results[Search]:
        """Every search a coverage claim of the dataset may rest on, by id."""
        return Results(self._listed[Search])  # type: ignore[arg-type]

    @property
    def claims(self) -> tuple[Coverage, ...]:
        """Every coverage claim as declared, the dataset's own and then each source's, with
        ``sources`` naming that source (:attr:`coverage` gathers them into runs)."""
        if self._claims is None:  # made by the first call that needs them
            sources = cast("Sequence[Source]", self._listed.get(Source, ()))
            object.__setattr__(self, "_claims", all_claims(self.info, sources))
        return cast("tuple[Coverage, ...]", self._claims)

    @property
    def coverage(self) -> tuple[Coverage, ...]:
        """What the dataset looked at, its own declared coverage and each source's, gathered
        by countries and what they vouch for into runs of years.

        A panel cell is covered for a column when one of these names its dyad (or either
        state, or no country at all) over a period reaching into its year, and vouches for
        the records the column counts (see ``Coverage.records``); elsewhere the column's
        count is missing.
        """
        if self._coverage is None:  # merged once: panels and codebooks ask for it often
            object.__setattr__(self, "_coverage", merged(self.claims))
        return cast("tuple[Coverage, ...]", self._coverage)

    def __iter__(self) -> Iterator[Record]:
        """Every record: sources, countries, fields, then the rest, each kind in query order."""
        for declared in registry.record_types():
            table = self._tables.get(declared.cls)
            yield from self._listed[declared.cls] if table is None else table.records

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and record_id in self._by_id

    def __repr__(self) -> str:
        name = f" {self.info.name} {self.info.version}" if self.info else ""
        return f"<{type(self).__name__}{name}: {len(self)} records>"

    def _repr_html_(self) -> str:
        from defcoop.query._display import dataset_html

        return dataset_html(self)

    @overload
    def get(self, record_id: str) -> Record: ...

    @overload
    def get(self, record_id: str, kind: type[R]) -> R: ...

    def get(self, record_id: str, kind: type[Any] | None = None) -> Record:
        """The record with this id (a country's id is its alpha-3 code), or with this id in a
        public register: a Wikidata item (``"Q881"``), an agreement's UNTS number.

        With ``kind``, the record must be of that type, and the result is typed as such:
        ``db.get("mcis-7", Event)``.

        Raises:
            UnknownNameError: naming the closest ids (of that kind) when none matches.
        """
        check_text(record_id, "id")
        if kind is not None and not is_record_class(kind):
            raise QueryError(
                f"get() expects a record class such as Agreement as kind, got {described(kind)}"
            )
        record = self._by_id.get(record_id) or self._external.find(record_id, kind)
        if record is None or (kind is not None and not isinstance(record, kind)):
            raise self._external.unknown(record_id, kind, type(self)) or unknown(
                "id" if kind is None else f"{registry.of(kind).singular} id",
                record_id,
                self._suggester(kind),
                listing=(
                    "[r.id for r in db]"
                    if kind is None
                    else listing(key := registry.of(kind).key, getattr(type(self), key, None))
                ),
            )
        return record

    # Queries -----------------------------------------------------------------------------

    @overload
    def select(self, kind: type[R], /, **filters: Any) -> Results[R]: ...

    @overload
    def select(self, kind: str, /, **filters: Any) -> Results[Record]: ...

    def select(self, kind: type[Any] | str, /, **filters: Any) -> Results[Any]:
        """The records of one type that match ``filters``, the filters its declaration names.

        ``kind`` is a record class or its data-file key (``"agreements"``). Each type's
        filters are those of its query method where it has one (:meth:`agreements` for
        agreements); any type is queried this way, a new one too, each filter read as its
        declaration says (see ``defcoop.query._select``): a record by id or name, a word of
        a vocabulary, text, and the date attribute (``signed=``) as a date or period.
        A type without filters (sources, countries) gives all its records.

        >>> import defcoop
        >>> db = defcoop.load()
        >>> db.select("agreements", field="military science") == db.agreements(
        ...     field="military science"
        ... )
        True
        """
        known = isinstance(kind, type) and (kind in self._tables or kind in self._listed)
        declared = registry.of(kind if known else record_kind(kind))  # type: ignore[arg-type]
        if not filters.keys() <= accepted(declared):
            check_filters(declared, filters)
        named = getattr(type(self), declared.key, None)
        if callable(named):
            found: Results[Any] = named(self, **filters)
            return found
        return self._select(declared.cls, filters)

    def _select(self, kind: type[R], filters: Mapping[str, object]) -> Results[R]:
        """:meth:`select` read from the declaration of ``kind`` alone."""
        declared = registry.of(kind)
        listed = self._listed.get(kind, ())
        found = select(self._tables.get(kind), listed, declared, filters, self._resolve)
        return Results(found)

    def agreements(
        self,
        *,
        field: str | Field | None = None,
        party: CountryName | None = None,
        signed: DateFilter | None = None,
    ) -> Results[Agreement]:
        """Agreements and plans, by date signed.

        Args:
            field: a field id, label or alias; narrower fields match too.
            party: a country among the parties: an alpha-3, alpha-2, ISO numeric or
                Correlates of War code (an int is read as a COW code), or a name.
            signed: keep those whose signing date lies wholly within this date or period.
        """
        filters = {}
        if field is not None:
            filters["field"] = self.field(field).id
        if party is not None:
            filters["party"] = self._country(party, "party").code
        return Results(self._tables[Agreement].select(filters, day_range(signed, "signed")))

    def events(
        self,
        *,
        kind: str | EventKind | None = None,
        party: CountryName | None = None,
        actor: CountryName | None = None,
        recipient: CountryName | None = None,
        host: CountryName | None = None,
        person: str | Person | None = None,
        when: DateFilter | None = None,
        status: str | EventStatus | None = None,
        cameo: str | None = None,
        plover: str | None = None,
        mechanism: str | Mechanism | None = None,
    ) -> Results[Event]:
        """Visits, meetings, conferences and other events, by date.

        Args:
            kind: an event kind such as ``"visit"``.
            party: a country involved (host included), by code or name.
            actor: the country that acts (for a visit, the visiting side), as event data
                directs an event.
            recipient: the country acted upon (for a visit, the host side).
            host: the country where the event takes place.
            person: a participant, by id, full name or alias.
            when: keep those whose dates lie wholly within this date or period.
            status: ``"occurred"`` or ``"planned"``.
            cameo: a CAMEO event code of two to four digits; a shorter code matches the
                codes below it (``"04"``, consult, matches ``"042"``, make a visit).
            plover: a PLOVER event type (``"CONSULT"``), or a type and mode as the PLOVER
                manual writes them (``"CONSULT-visit"``), any case; see :mod:`defcoop.model.plover`.
            mechanism: the committee or dialogue the events are rounds of, by id, name or
                alias.
        """
        arguments: dict[str, Any] = {"kind": kind, "status": status, "party": party}
        arguments |= {"actor": actor, "recipient": recipient, "host": host, "person": person}
        filters = event_filters(
            {**arguments, "plover": plover, "mechanism": mechanism, "cameo": cameo},
            lambda value, name: self._country(value, name).code,
            lambda value: self.person(value).id,
            lambda text: self._names[Mechanism].resolve(text, "mechanism"),
        )
        return Results(self._tables[Event].select(filters, day_range(when, "when")))

    def mechanisms(self, *, party: CountryName | None = None) -> Results[Mechanism]:
        """Standing committees and dialogues, by id."""
        filters = {} if party is None else {"party": self._country(party, "party").code}
        return Results(self._tables[Mechanism].select(filters, None))

    def relationships(
        self, *, party: CountryName | None = None, field: str | Field | None = None
    ) -> Results[Relationship]:
        """Dyad relationships, by id; ``field`` matches the fields named for the dyad."""
        filters = {}
        if party is not None:
            filters["party"] = self._country(party, "party").code
        if field is not None:
            filters["field"] = self.field(field).id
        return Results(self._tables[Relationship].select(filters, None))

    def transfers(
        self,
        *,
        supplier: CountryName | None = None,
        recipient: CountryName | None = None,
        party: CountryName | None = None,
        category: str | TransferCategory | None = None,
        designation: str | None = None,
        ordered: DateFilter | None = None,
        delivered: DateFilter | None = None,
        status: str | TransferStatus | None = None,
    ) -> Results[Transfer]:
        """Arms transfers, by date ordered (transfers without an order date last).

        Args:
            supplier: the supplying country, by code or name.
            recipient: the receiving country, by code or name.
            party: a country that is either.
            category: a SIPRI weapon category such as ``"aircraft"``.
            designation: the weapon's designation or an alias, ignoring case, spaces and
                hyphens (``"su 30mk2"`` finds ``"Su-30MK2"``).
            ordered: keep those whose order date lies wholly within this date or period.
            delivered: keep those whose deliveries (:attr:`Transfer.delivered`) lie wholly
                within this date or period; transfers without deliveries are left out.
            status: ``"planned"``, ``"ordered"``, ``"in delivery"``, ``"delivered"`` or
                ``"cancelled"``.
        """
        filters = {}
        for argument, value in (("supplier", supplier), ("recipient", recipient), ("party", party)):
            if value is not None:
                filters[argument] = self._country(value, argument).code
        if category is not None:
            kind = coerce_member(category, TransferCategory, "transfer category", "category")
            filters["category"] = kind.value
        if status is not None:
            word = coerce_member(status, TransferStatus, "transfer status", "status")
            filters["status"] = word.value
        table = self._tables[Transfer]
        if designation is not None:
            known = table.keys("designation")
            filters["designation"] = designation_key(designation, known, lambda: table.records)
        found = table.select(filters, day_range(ordered, "ordered"))
        return Results(within(found, day_range(delivered, "delivered"), attrgetter("delivered")))

    def people(self, *, country: CountryName | None = None) -> Results[Person]:
        """People, by id."""
        filters = {} if country is None else {"country": self._country(country, "country").code}
        return Results(self._tables[Person].select(filters, None))

    def organizations(self, *, country: CountryName | None = None) -> Results[Organization]:
        """Organizations and forums, by id."""
        filters = {} if country is None else {"country": self._country(country, "country").code}
        return Results(self._tables[Organization].select(filters, None))


def require_dataset(value: object, function: str) -> Collection:
    """``value`` if it is a Dataset; an :class:`ArgumentError` naming ``function`` otherwise."""
    if not isinstance(value, Collection):
        raise ArgumentError(f"{function} expects a Dataset, got {described(value)}")
    return value
