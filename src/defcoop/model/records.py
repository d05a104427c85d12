"""The records of a defcoop dataset: immutable attrs classes that refer to each other by id.

All ids share one namespace; a country's id is its ISO 3166-1 alpha-3 code. Every record
but :class:`Source`, :class:`Country` and :class:`Field` cites at least one source
paragraph in ``sources``. ``inferred`` names the attributes whose values a source implies
rather than states, so that stated and inferred facts can be told apart. The model knows
nothing of files: :mod:`defcoop.loading` reads and checks them.
"""

from __future__ import annotations

from typing import TypeAlias

import attrs

from defcoop.model._coverage import Observed
from defcoop.model._parts import (
    COUNT,
    DATE,
    FLAG,
    ID_,
    ID_SET,
    PERIOD,
    ROUND,
    SEVERAL_COUNT,
    SOURCES,
    TEXT,
    TEXTS,
    Citation,
    Coverage,
    FieldEvidence,
    Membership,
    Role,
    cameo_roots,
    event_keys,
    fields_from_evidence,
    ids,
    inferred_attribute,
)
from defcoop.model._show import RecordDisplay
from defcoop.model.dates import PartialDate, Period
from defcoop.model.kinds import (
    AgreementKind,
    EventKind,
    EventStatus,
    MechanismKind,
    MechanismLevel,
    OrganizationKind,
    StateSystem,
)
from defcoop.model.plover import Plover, classify
from defcoop.model.registry import Index, Reference, record_type
from defcoop.model.rules import (
    ALPHA2,
    CAMEO,
    COUNTRY_ID,
    COW_ABBREV,
    ID,
    IDENTIFIER,
    NUMERIC,
    URL,
    Among,
    Check,
    Differs,
    Each,
    InstanceOf,
    KeysOf,
    MemberOf,
    NonEmpty,
    NotAfter,
    Pairs,
    Unique,
    Without,
    to_frozenset,
    to_tuple,
)

__all__ = [
    "Agreement",
    "Citation",
    "Country",
    "Coverage",
    "Event",
    "Field",
    "FieldEvidence",
    "Mechanism",
    "Membership",
    "Organization",
    "Person",
    "Record",
    "Relationship",
    "Role",
    "Search",
    "Source",
]


@record_type(
    "sources",
    "source",
    date="published",
    label="title",
    references=(Reference("coverage.countries", "country"),),
)
@attrs.frozen(kw_only=True, repr=False)
class Source(RecordDisplay):
    """A document the data comes from; ``paragraphs`` counts its blank-line separated blocks.

    ``title``, ``publisher`` and ``published`` are None where the document does not state them.
    ``url`` is the http(s) address of the document, ``authors`` its authors as the document
    gives them, and ``accessed`` the day the document was read at that address, so that the
    source can be cited. ``coverage`` says which states or pairs it looked at over which
    periods, and for which records (:class:`Coverage`; a claim without ``records`` vouches for
    every record type). A claim ends no later than the source's ``published`` date, or the day
    it was ``accessed`` where it has none, compared at the precision given.
    """

    id: str = attrs.field(validator=ID_)
    title: str | None = attrs.field(default=None, validator=TEXT)
    publisher: str | None = attrs.field(default=None, validator=TEXT)
    published: PartialDate | None = attrs.field(default=None, validator=DATE)
    language: str = attrs.field(validator=TEXT)
    paragraphs: int = attrs.field(validator=COUNT)
    translator: str | None = attrs.field(default=None, validator=TEXT)
    url: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), URL))
    authors: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=TEXTS)
    accessed: PartialDate | None = attrs.field(default=None, validator=DATE)
    coverage: tuple[Coverage, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=Check(InstanceOf(tuple), Each(InstanceOf(Coverage)), Observed()),
    )
    notes: str | None = attrs.field(default=None, validator=TEXT)


@record_type(
    "countries",
    "country",
    label="name",
    references=(Reference("continued_by", "country"),),
    # In order of strength: a text that is one country's code and another's name finds the
    # first (AUS is Australia's ISO code, and Austria's COW abbreviation).
    names=("alpha2", "numeric", "name", "formal_name", "names", "cow_code", "cow_abbrev"),
    node=True,
    id_attribute="code",
)
@attrs.frozen(kw_only=True, repr=False)
class Country(RecordDisplay):
    """A state, identified by its ISO 3166-1 alpha-3 code where it has one.

    A state without an ISO code (Bavaria, the Korea of 1887-1905) is identified by its
    Correlates of War abbreviation (``BAV``), followed by its number where the abbreviation is
    another state's ISO code (``KOR-730``). ``names`` are other common names, in English and in
    the state's own languages; ``formal_name`` is its formal English name. ``cow_code`` and
    ``cow_abbrev`` are its Correlates of War state number and abbreviation; ``memberships``
    say when it belonged to the COW and the Gleditsch-Ward state systems, and under which
    code. ``continued_by`` names the country whose state number an ISO-only record shares
    (the Soviet Union, ``SUN``, is continued by Russia: both lists number them 365).
    """

    code: str = attrs.field(validator=Check(InstanceOf(str), COUNTRY_ID))
    name: str = attrs.field(validator=TEXT)
    formal_name: str | None = attrs.field(default=None, validator=TEXT)
    alpha2: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), ALPHA2))
    numeric: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), NUMERIC))
    cow_code: int | None = attrs.field(default=None, validator=Check(InstanceOf(int)))
    cow_abbrev: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), COW_ABBREV))
    names: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=TEXTS)
    memberships: tuple[Membership, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=Check(InstanceOf(tuple), Each(InstanceOf(Membership))),
    )
    continued_by: str | None = attrs.field(
        default=None, validator=Check(InstanceOf(str), ID, Without("cow_code", "memberships"))
    )
    notes: str | None = attrs.field(default=None, validator=TEXT)

    def codes(self, system: StateSystem | str) -> tuple[int, ...]:
        """The distinct codes the state has had in one state system, in order of time."""
        found: list[int] = []
        for item in sorted(self.memberships, key=lambda m: m.period):
            if item.system == system and item.code not in found:
                found.append(item.code)
        return tuple(found)

    @property
    def id(self) -> str:
        """The country's id in the dataset, which is its alpha-3 code."""
        return self.code


@record_type(
    "fields",
    "field",
    label="label",
    parent="broader",
    references=(Reference("broader", "field"),),
    names=("label", "aliases"),
)
@attrs.frozen(kw_only=True, repr=False)
class Field(RecordDisplay):
    """A field of cooperation in the taxonomy; ``broader`` is the id of its parent field."""

    id: str = attrs.field(validator=ID_)
    label: str = attrs.field(validator=TEXT)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=TEXTS)
    broader: str | None = attrs.field(default=None, validator=ID_)
    notes: str | None = attrs.field(default=None, validator=TEXT)


@record_type(
    "people",
    "person",
    label="name",
    references=(
        Reference("country", "country", edge="country"),
        Reference("roles.organization", "organization", edge="role"),
    ),
    names=("name", "aliases"),
    indexes=(Index("country", "country"),),
    node=True,
)
@attrs.frozen(kw_only=True, repr=False)
class Person(RecordDisplay):
    """Someone the sources name, with other spellings and scripts of the name in ``aliases``."""

    id: str = attrs.field(validator=ID_)
    name: str = attrs.field(validator=TEXT)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=TEXTS)
    country: str | None = attrs.field(default=None, validator=ID_)
    roles: tuple[Role, ...] = attrs.field(
        default=(), converter=to_tuple, validator=Check(InstanceOf(tuple), Each(InstanceOf(Role)))
    )
    sources: tuple[Citation, ...] = attrs.field(converter=to_tuple, validator=SOURCES)
    notes: str | None = attrs.field(default=None, validator=TEXT)
    inferred: frozenset[str] = inferred_attribute()


@record_type(
    "organizations",
    "organization",
    label="name",
    parent="parent",
    references=(
        Reference("country", "country", edge="country"),
        Reference("parent", "organization", edge="parent"),
    ),
    indexes=(Index("country", "country"),),
    node=True,
)
@attrs.frozen(kw_only=True, repr=False)
class Organization(RecordDisplay):
    """A ministry, armed force, department, forum or international body (``country`` None)."""

    id: str = attrs.field(validator=ID_)
    name: str = attrs.field(validator=TEXT)
    kind: OrganizationKind = attrs.field(validator=Check(MemberOf(OrganizationKind)))
    country: str | None = attrs.field(default=None, validator=ID_)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=TEXTS)
    parent: str | None = attrs.field(default=None, validator=ID_)
    sources: tuple[Citation, ...] = attrs.field(converter=to_tuple, validator=SOURCES)
    notes: str | None = attrs.field(default=None, validator=TEXT)
    inferred: frozenset[str] = inferred_attribute()


@record_type(
    "agreements",
    "agreement",
    counted=True,
    date="signed",
    label="title",
    references=(
        Reference("parties", "country", edge="party"),
        Reference("fields", "field"),
        Reference("signatories", "organization", edge="signatory"),
        Reference("signed_during", "event", edge="signed_during"),
    ),
    indexes=(Index("field", "fields", broader=True), Index("party", "parties")),
    node=True,
)
@attrs.frozen(kw_only=True, repr=False)
class Agreement(RecordDisplay):
    """An agreement, plan or other signed document between countries.

    ``fields`` holds only the fields a source ties to this document; ``signed_during`` is the
    id of the event it was signed at; ``entered_into_force`` the date it took effect.
    ``identifiers`` are its ids in other datasets, each written ``scheme:value``
    (``"dcad:1234"`` for an agreement of the Defense Cooperation Agreement Dataset), so that
    records join back to the datasets they came from. ``several`` is true where the record
    stands for more than one document ("several agreements were signed"); ``count`` says how
    many, only where the source gives a number.
    """

    id: str = attrs.field(validator=ID_)
    title: str = attrs.field(validator=TEXT)
    kind: AgreementKind = attrs.field(validator=Check(MemberOf(AgreementKind)))
    parties: tuple[str, ...] = attrs.field(converter=to_tuple, validator=ids(NonEmpty()))
    signatories: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=ids())
    signed: PartialDate | None = attrs.field(default=None, validator=DATE)
    period: Period | None = attrs.field(default=None, validator=PERIOD)
    fields: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_frozenset, validator=ID_SET
    )
    signed_during: str | None = attrs.field(default=None, validator=ID_)
    entered_into_force: PartialDate | None = attrs.field(default=None, validator=DATE)
    identifiers: tuple[str, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=Check(InstanceOf(tuple), Each(InstanceOf(str), IDENTIFIER), Unique()),
    )
    several: bool = attrs.field(default=False, validator=FLAG)
    count: int | None = attrs.field(default=None, validator=SEVERAL_COUNT)
    sources: tuple[Citation, ...] = attrs.field(converter=to_tuple, validator=SOURCES)
    notes: str | None = attrs.field(default=None, validator=TEXT)
    inferred: frozenset[str] = inferred_attribute()


@record_type(
    "events",
    "event",
    counted=True,
    date="when",
    label="title",
    parent="part_of",
    references=(
        Reference("parties", "country", edge="party"),
        Reference("participants", "person", edge="participant"),
        Reference("part_of", "event", edge="part_of"),
        Reference("organizer", "organization", edge="organizer"),
        Reference("forum", "organization", edge="forum"),
        Reference("actor", "country", edge="actor"),
        Reference("recipient", "country", edge="recipient"),
        Reference("mechanism", "mechanism", edge="round_of"),
    ),
    indexes=(
        Index("party", "parties"),
        Index("person", "participants"),
        Index("mechanism", "mechanism"),
        Index("kind", "kind"),
        Index("status", "status"),
        Index("plover", "plover", keys=event_keys),
        Index("cameo", "cameo", keys=cameo_roots),
    ),
    node=True,
)
@attrs.frozen(kw_only=True, repr=False)
class Event(RecordDisplay):
    """A visit, meeting, conference, signing or other dated happening, past or planned.

    ``host`` is where it takes place (None where it is not one place) and is always among
    ``parties``; ``part_of`` is the id of an event it happened within. ``cameo`` is the
    event's code in the CAMEO event typology (``"042"``, make a visit; two to four digits), so
    that events join ICEWS- and GDELT-style event data; :attr:`plover` gives its PLOVER
    coding, derived from the code and the kind, for POLECAT-style data. ``actor`` and
    ``recipient`` make it directed, as event data is: for a visit, the visiting side and the
    host side; both are among ``parties``. ``multilateral`` is true when more than the parties
    took part (a conference, the Army Games). ``several`` and ``count`` work as on
    :class:`Agreement`. ``mechanism`` is the id of the standing committee or dialogue the event
    is a session of, and ``round`` its number where the sources number it.
    """

    id: str = attrs.field(validator=ID_)
    title: str = attrs.field(validator=TEXT)
    kind: EventKind = attrs.field(validator=Check(MemberOf(EventKind)))
    when: Period | None = attrs.field(default=None, validator=PERIOD)
    parties: tuple[str, ...] = attrs.field(converter=to_tuple, validator=ids())
    host: str | None = attrs.field(
        default=None, validator=Check(InstanceOf(str), ID, Among("parties"))
    )
    participants: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=ids())
    status: EventStatus = attrs.field(
        default=EventStatus.OCCURRED, validator=Check(MemberOf(EventStatus))
    )
    part_of: str | None = attrs.field(default=None, validator=ID_)
    organizer: str | None = attrs.field(default=None, validator=ID_)
    forum: str | None = attrs.field(default=None, validator=ID_)
    cameo: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), CAMEO))
    actor: str | None = attrs.field(
        default=None, validator=Check(InstanceOf(str), ID, Among("parties"))
    )
    recipient: str | None = attrs.field(
        default=None, validator=Check(InstanceOf(str), ID, Among("parties"), Differs("actor"))
    )
    multilateral: bool = attrs.field(default=False, validator=FLAG)
    several: bool = attrs.field(default=False, validator=FLAG)
    count: int | None = attrs.field(default=None, validator=SEVERAL_COUNT)
    mechanism: str | None = attrs.field(default=None, validator=ID_)
    round: int | None = attrs.field(default=None, validator=ROUND)
    sources: tuple[Citation, ...] = attrs.field(converter=to_tuple, validator=SOURCES)
    notes: str | None = attrs.field(default=None, validator=TEXT)
    inferred: frozenset[str] = inferred_attribute()

    @property
    def plover(self) -> Plover | None:
        """The event's PLOVER event type, mode and context, from its CAMEO code and kind.

        Derived through the crosswalk of :mod:`defcoop.model.plover`, never stored; None where
        neither the code nor the kind maps to PLOVER.
        """
        return classify(
            self.cameo,
            self.kind.value,
            self.status.value,
            multilateral=self.multilateral,
        )


@record_type(
    "mechanisms",
    "mechanism",
    counted=True,
    label="name",
    references=(Reference("parties", "country", edge="party"), Reference("fields", "field")),
    names=("name", "aliases"),
    indexes=(Index("party", "parties"),),
    node=True,
)
@attrs.frozen(kw_only=True, repr=False)
class Mechanism(RecordDisplay):
    """A standing committee, dialogue or consultation between countries.

    ``period`` is the span over which the sources show the mechanism at work, from its founding
    or first reported session to the latest report of it at work; ``founded`` is when it was
    set up, where a source says. A panel counts it as active over ``period``, and as unknown
    (missing) in the years between ``founded`` (or, without it, any year) and the period, and
    after the period: the reports do not say whether it was at work then.
    """

    id: str = attrs.field(validator=ID_)
    name: str = attrs.field(validator=TEXT)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=TEXTS)
    kind: MechanismKind = attrs.field(validator=Check(MemberOf(MechanismKind)))
    parties: tuple[str, ...] = attrs.field(converter=to_tuple, validator=ids(NonEmpty()))
    level: MechanismLevel | None = attrs.field(
        default=None, validator=Check(MemberOf(MechanismLevel))
    )
    founded: PartialDate | None = attrs.field(
        default=None, validator=Check(*DATE.rules, NotAfter("period"))
    )
    period: Period | None = attrs.field(default=None, validator=PERIOD)
    fields: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_frozenset, validator=ID_SET
    )
    sources: tuple[Citation, ...] = attrs.field(converter=to_tuple, validator=SOURCES)
    notes: str | None = attrs.field(default=None, validator=TEXT)
    inferred: frozenset[str] = inferred_attribute()


@record_type(
    "relationships",
    "relationship",
    references=(
        Reference("parties", "country", edge="party"),
        Reference("fields", "field"),
        Reference("forums", "organization", edge="forum"),
    ),
    indexes=(Index("party", "parties"), Index("field", "fields", broader=True)),
    node=True,
)
@attrs.frozen(kw_only=True, repr=False)
class Relationship(RecordDisplay):
    """Everything the sources say of one pair of countries as a whole.

    ``fields`` are the fields of cooperation named for the dyad; ``evidence`` keeps which
    paragraphs support which field (``fields`` defaults to the fields with evidence).
    ``forums`` are organizations in which the pair cooperates; ``framework_since`` is when
    the ``framework`` began, where a source says.
    """

    id: str = attrs.field(validator=ID_)
    parties: tuple[str, ...] = attrs.field(converter=to_tuple, validator=ids(Pairs()))
    framework: str | None = attrs.field(default=None, validator=TEXT)
    framework_since: PartialDate | None = attrs.field(default=None, validator=DATE)
    evidence: tuple[FieldEvidence, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=Check(InstanceOf(tuple), Each(InstanceOf(FieldEvidence))),
    )
    fields: frozenset[str] = attrs.field(
        default=attrs.Factory(fields_from_evidence, takes_self=True),
        converter=to_frozenset,
        validator=Check(*ID_SET.rules, KeysOf("evidence", "field")),
    )
    forums: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=ids())
    sources: tuple[Citation, ...] = attrs.field(converter=to_tuple, validator=SOURCES)
    notes: str | None = attrs.field(default=None, validator=TEXT)
    inferred: frozenset[str] = inferred_attribute()

    def sources_for(self, field: str) -> tuple[Citation, ...]:
        """The citations that name ``field`` (an id) for this pair; empty if none do."""
        for item in self.evidence:
            if item.field == field:
                return item.sources
        return ()


@record_type("searches", "search", date="done")
@attrs.frozen(kw_only=True, repr=False)
class Search(RecordDisplay):
    """A search for records: where it looked, for what, in which languages and years, when.

    A coverage claim of a dataset's ``[dataset]`` table names the search it rests on
    (``search = "search-id"``), so that a reader can tell what "no record" means there and
    repeat the search. ``collections`` are the stored collections or archives searched,
    ``queries`` the queries as typed, ``languages`` their languages (ISO 639-1 codes),
    ``years`` the years the search looked for records in, ``done`` when it was carried out,
    and ``by`` who carried it out, where recorded. A claim resting on a search lies within its
    ``years`` and ends no later than ``done``.
    """

    id: str = attrs.field(validator=ID_)
    collections: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=Check(*TEXTS.rules, NonEmpty())
    )
    queries: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=Check(*TEXTS.rules, NonEmpty())
    )
    languages: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=Check(*TEXTS.rules, NonEmpty())
    )
    years: Period = attrs.field(validator=PERIOD)
    done: PartialDate = attrs.field(validator=DATE)
    by: str | None = attrs.field(default=None, validator=TEXT)
    notes: str | None = attrs.field(default=None, validator=TEXT)


Record: TypeAlias = (
    Source
    | Country
    | Field
    | Person
    | Organization
    | Agreement
    | Event
    | Mechanism
    | Relationship
    | Search
)
"""Any record a dataset holds."""
