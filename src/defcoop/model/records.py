"""The records of a defcoop dataset: immutable attrs classes that refer to each other by id.

All ids share one namespace; a country's id is its ISO 3166-1 alpha-3 code. Every record
but :class:`~defcoop.Source`, :class:`~defcoop.Country` and :class:`~defcoop.Field` (declared
in ``defcoop.model._reference`` and re-exported here) cites at least one source paragraph in
``sources``. ``inferred`` names the attributes whose values a source implies rather than
states, so that stated and inferred facts can be told apart. The model knows nothing of
files: :mod:`defcoop.loading` reads and checks them.
"""

from __future__ import annotations

from typing import TypeAlias

import attrs

from defcoop.model._parts import (
    DATE,
    FLAG,
    ID_,
    ID_SET,
    LISTED,
    PERIOD,
    ROUND,
    SEVERAL_COUNT,
    SOURCES,
    TEXT,
    TEXTS,
    Citation,
    Coverage,
    Delivery,
    FieldEvidence,
    Membership,
    Role,
    Value,
    cameo_roots,
    event_keys,
    fields_from_evidence,
    ids,
    inferred_attribute,
    observed_signed,
    observed_when,
)
from defcoop.model._reference import Country, Field, Source
from defcoop.model._show import RecordDisplay
from defcoop.model.dates import PartialDate, Period
from defcoop.model.kinds import (
    AgreementEnding,
    AgreementKind,
    AgreementScope,
    EventKind,
    EventStatus,
    MechanismKind,
    MechanismLevel,
    OrganizationKind,
)
from defcoop.model.plover import Plover, classify
from defcoop.model.registry import Index, Reference, record_type
from defcoop.model.rules import (
    CAMEO,
    ID,
    IDENTIFIER,
    UNTS,
    WIKIDATA,
    Among,
    Check,
    Differs,
    Each,
    InstanceOf,
    KeysOf,
    MemberOf,
    NonEmpty,
    NotAfter,
    OnlyWith,
    Pairs,
    Unique,
    to_frozenset,
    to_tuple,
)

__all__ = [
    "Agreement",
    "Citation",
    "Country",
    "Coverage",
    "Delivery",
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
    "Transfer",
    "Value",
]


@record_type(
    "people",
    "person",
    label="name",
    references=(
        Reference("country", "country", edge="country"),
        Reference("roles.organization", "organization", edge="role"),
    ),
    names=("name", "aliases"),
    indexes=(Index("country", "country", help="their country, by code or name"),),
    summary="people the sources name",
    columns=("id", "country", "name"),
    node=True,
    external=("wikidata",),
)
@attrs.frozen(kw_only=True, repr=False)
class Person(RecordDisplay):
    """Someone the sources name, with other spellings and scripts of the name in ``aliases``.

    ``wikidata`` is their Wikidata item, where a stored source or a published list gives it
    (never matched by name alone); ``db.get()`` finds the person by it.
    """

    id: str = attrs.field(validator=ID_)
    name: str = attrs.field(validator=TEXT)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=TEXTS)
    country: str | None = attrs.field(default=None, validator=ID_)
    wikidata: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), WIKIDATA))
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
    indexes=(Index("country", "country", help="their country, by code or name"),),
    summary="governments, ministries, armed forces, departments and forums",
    columns=("id", "kind", "country", "name"),
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
    observed=observed_signed,
    label="title",
    references=(
        Reference("parties", "country", edge="party"),
        Reference("fields", "field"),
        Reference("signatories", "organization", edge="signatory"),
        Reference("signed_during", "event", edge="signed_during"),
    ),
    indexes=(
        Index("field", "fields", broader=True, help="a field by id, label or alias (or narrower)"),
        Index("party", "parties", help="a country among the parties, by code or name"),
    ),
    summary="agreements and plans, by date signed",
    columns=("id", "signed", "parties", "title"),
    node=True,
    external=("wikidata", "unts", "identifiers"),
)
@attrs.frozen(kw_only=True, repr=False)
class Agreement(RecordDisplay):
    """An agreement, plan or other signed document between countries.

    ``fields`` holds only the fields a source ties to this document; ``signed_during`` is the
    id of the event it was signed at; ``entered_into_force`` the date it took effect.
    ``identifiers`` are its ids in other datasets, each written ``scheme:value``
    (``"dcad:1234"`` for an agreement of the Defense Cooperation Agreement Dataset), so that
    records join back to the datasets they came from; ``wikidata`` (its Wikidata item) and
    ``unts`` (its UN Treaty Series registration number, ``"I:33521"``) are ids in public
    registers, given where a source or a published list states them, each unique among
    agreements and accepted by ``db.get()``. ``several`` is true where the record
    stands for more than one document ("several agreements were signed"); ``count`` says how
    many, only where the source gives a number.

    ``period`` is when it was in force, where a source gives both ends; otherwise panels
    count it in force from ``entered_into_force`` (or ``signed``, where that is all that is
    known) to ``ended``, the day it stopped being in force (``ending`` says whether by
    termination or expiry), or, with no end known, until a source says otherwise.
    ``renewed`` is when a source says it was last renewed or extended. ``scope`` is DCAD's
    distinction of a general defense cooperation agreement from a sector one; an arms
    contract is of kind ``contract`` (arms transfers name it as their contract).
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
    ended: PartialDate | None = attrs.field(default=None, validator=DATE)
    ending: AgreementEnding | None = attrs.field(
        default=None, validator=Check(MemberOf(AgreementEnding), OnlyWith("ended"))
    )
    renewed: PartialDate | None = attrs.field(default=None, validator=DATE)
    scope: AgreementScope | None = attrs.field(
        default=None, validator=Check(MemberOf(AgreementScope))
    )
    identifiers: tuple[str, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=Check(InstanceOf(tuple), Each(InstanceOf(str), IDENTIFIER), Unique()),
    )
    wikidata: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), WIKIDATA))
    unts: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), UNTS))
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
    observed=observed_when,
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
        Index("kind", "kind", help="an event kind such as visit or meeting"),
        Index("party", "parties", help="a country involved, by code or name"),
        Index("actor", "actor", help="the country acting (for a visit, the visiting side)"),
        Index("recipient", "recipient", help="the country acted upon (for a visit, the host)"),
        Index("host", "host", help="the country where it takes place"),
        Index("person", "participants", help="a participant by id, name or alias"),
        Index("status", "status", help="occurred or planned"),
        Index("cameo", "cameo", keys=cameo_roots, help="a CAMEO code such as 042, or a root (04)"),
        Index("plover", "plover", keys=event_keys, help="a PLOVER type (CONSULT) or type-mode"),
        Index("mechanism", "mechanism", help="the committee or dialogue they are rounds of"),
    ),
    summary="visits, meetings, conferences and other events, by date",
    columns=("id", "when", "kind", "status", "title"),
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
    indexes=(Index("party", "parties", help="a country among the parties, by code or name"),),
    summary="standing committees and dialogues",
    columns=("id", "period", "level", "parties", "name"),
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
    indexes=(
        Index("party", "parties", help="a country of the pair, by code or name"),
        Index("field", "fields", broader=True, help="a field of cooperation named for the pair"),
    ),
    summary="relationships between pairs of countries",
    columns=("id", "parties", "framework"),
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
    collections: tuple[str, ...] = attrs.field(converter=to_tuple, validator=LISTED)
    queries: tuple[str, ...] = attrs.field(converter=to_tuple, validator=LISTED)
    languages: tuple[str, ...] = attrs.field(converter=to_tuple, validator=LISTED)
    years: Period = attrs.field(validator=PERIOD)
    done: PartialDate = attrs.field(validator=DATE)
    by: str | None = attrs.field(default=None, validator=TEXT)
    notes: str | None = attrs.field(default=None, validator=TEXT)


# Last, so that transfers come last among the record types (the order of data-file keys).
from defcoop.model._transfer import Transfer  # noqa: E402

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
    | Transfer
)
"""Any record a dataset holds."""
