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
    MemberOf,
    NonEmpty,
    OnlyWith,
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
    meanings={
        "name": "the person's full name",
        "country": "the country the person serves",
        "roles": "the posts the person held, with their organizations and periods",
    },
    inclusion="A person a source names as taking part in a recorded event or agreement.",
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
    meanings={
        "name": "the body's name",
        "kind": "what sort of body it is",
        "country": "the country it belongs to (empty for international bodies)",
        "parent": "the id of the body it is part of",
    },
    inclusion="A body a source names as signing, holding or taking part in a record.",
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
    meanings={
        "title": "the document's title, as the sources give it or in our words",
        "kind": "what sort of document it is",
        "parties": "the countries that are party to it",
        "signatories": "the organizations that signed it",
        "signed": "when the document was signed",
        "period": "when it was in force, where a source gives both ends",
        "fields": "the fields of cooperation a source ties to the document",
        "signed_during": "the id of the event it was signed at",
        "entered_into_force": "when it took effect",
        "ended": "when it stopped being in force",
        "ending": "how it stopped being in force",
        "renewed": "when a source says it was last renewed or extended",
        "scope": "DCAD's general or sector agreement",
        "identifiers": "its ids in other datasets, as scheme:value (dcad:1234)",
        "unts": "its UN Treaty Series registration number (I:33521), where one is given",
        "several": "true where the record stands for more than one document",
        "count": "how many documents the record stands for, where a source gives a number",
    },
    inclusion=(
        "A document signed between states on defense cooperation, or a plan or arms contract "
        "between them, that a stored source reports; one record per document, or one record "
        "standing for several where the source does not tell them apart."
    ),
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
    meanings={
        "title": "what happened, in our words",
        "kind": "what sort of event it is",
        "when": "when it took place, or a period it took place in",
        "parties": "the countries involved",
        "host": "the country where it took place",
        "participants": "the people who took part",
        "status": "whether it took place or was still planned when reported",
        "part_of": "the id of a larger event it happened within",
        "organizer": "the id of the organization that held it",
        "forum": "the id of the forum it was held in",
        "cameo": "its CAMEO event code (two to four digits)",
        "actor": "the country acting: for a visit, the visiting side",
        "recipient": "the country acted upon: for a visit, the host side",
        "multilateral": "true where more than the parties took part",
        "several": "true where the record stands for more than one event",
        "count": "how many events the record stands for, where a source gives a number",
        "mechanism": "the id of the committee or dialogue it is a session of",
        "round": "the session's number, where the sources number it",
    },
    inclusion=(
        "A dated happening between the parties (a visit, meeting, signing, exercise...) that "
        "a stored source reports, past or planned; never one known only from elsewhere."
    ),
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


# Then the standing records and searches, and last the transfers (the order of data-file keys).
from defcoop.model._standing import Mechanism, Relationship, Search  # noqa: E402
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
