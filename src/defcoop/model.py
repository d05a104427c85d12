"""The records of a defcoop dataset: immutable attrs classes that refer to each other by id.

All ids share one namespace; a country's id is its ISO 3166-1 alpha-3 code. Every record
but :class:`Source`, :class:`Country` and :class:`Field` cites at least one source
paragraph in ``sources``. ``inferred`` names the attributes whose values a source implies
rather than states, so that stated and inferred facts can be told apart. The model knows
nothing of files: :mod:`defcoop.loading` reads and checks them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypeAlias

import attrs
from attrs import validators as v

from defcoop._display import RecordDisplay
from defcoop.dates import PartialDate, Period
from defcoop.errors import RecordError
from defcoop.kinds import (
    AgreementKind,
    EventKind,
    EventStatus,
    MechanismKind,
    MechanismLevel,
    OrganizationKind,
    StateSystem,
)
from defcoop.plover import Plover, classify

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
    "Source",
]

_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
COUNTRY_CODE = r"[A-Z]{3}(?:-[0-9]{1,4})?"
"""A country's id: an ISO alpha-3 code, or a state-list abbreviation with its number (KOR-730)."""
_URL_PATTERN = re.compile(r"https?://[^\s/?#]+[^\s]*")
#: An identifier in another dataset, ``scheme:value`` (``"dcad:1234"``).
_IDENTIFIER_PATTERN = re.compile(r"[a-z][a-z0-9-]*:\S+")


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, str | bytes):
        raise TypeError(f"expected a list of values, got the single string {value!r}")
    return tuple(value)


def _frozenset(value: Iterable[Any]) -> frozenset[Any]:
    if isinstance(value, str | bytes):
        raise TypeError(f"expected a set of values, got the single string {value!r}")
    return frozenset(value)


def _non_empty(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if len(value) == 0:
        raise RecordError(attribute.name, "must not be empty")


def _no_duplicates(_instance: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    seen = set()
    for item in value:
        if item in seen:
            raise RecordError(attribute.name, f"lists {item!r} twice")
        seen.add(item)


_text = v.and_(v.instance_of(str), _non_empty)
_optional_text = v.optional(_text)
_id = v.and_(v.instance_of(str), v.matches_re(_ID_PATTERN))
_optional_id = v.optional(_id)
_ids = v.and_(v.deep_iterable(_id), _no_duplicates)
_texts = v.and_(v.deep_iterable(_text), _no_duplicates)


def inferable(record_type: type[Any]) -> frozenset[str]:
    """The attributes of a record type that ``inferred`` may name: its data, not its bookkeeping."""
    return frozenset(attrs.fields_dict(record_type)) - {"id", "inferred", "notes", "sources"}


def _check_inferred(instance: Any, attribute: attrs.Attribute[Any], value: frozenset[str]) -> None:
    names = inferable(type(instance))
    unknown = sorted(set(value) - names)
    if unknown:
        raise RecordError(
            attribute.name,
            f"names {', '.join(map(repr, unknown))}, "
            f"which {'is' if len(unknown) == 1 else 'are'} not among {', '.join(sorted(names))}",
        )


def _sources() -> Any:
    return attrs.field(
        converter=_tuple,
        validator=v.and_(v.deep_iterable(v.instance_of(Citation)), _non_empty),
    )


def _notes() -> Any:
    return attrs.field(default=None, validator=_optional_text)


def _inferred() -> Any:
    return attrs.field(
        factory=frozenset,
        converter=_frozenset,
        validator=v.and_(v.deep_iterable(v.instance_of(str)), _check_inferred),
    )


@attrs.frozen(kw_only=True, order=True)
class Citation:
    """A paragraph of a source: ``Citation(source="some-source", paragraph=3)``.

    Paragraphs are the blank-line separated blocks of the source text, numbered from 1.
    """

    source: str = attrs.field(validator=_id)
    paragraph: int = attrs.field(validator=[v.instance_of(int), v.ge(1)])

    def __str__(self) -> str:
        return f"{self.source} ¶{self.paragraph}"


def _distinct_countries(instance: Coverage, attribute: attrs.Attribute[Any], value: Any) -> None:
    if len(value) > 2:
        raise RecordError(
            "coverage", f"names one country (a state) or two (a dyad), got {len(value)}"
        )


@attrs.frozen(kw_only=True)
class Coverage:
    """What a source or dataset looked at: one state or one pair of states, over a period.

    Two countries are a dyad; one is a state, with all its partners; none means every state
    (a dataset that looked at the whole world). Outside what a dataset's coverage names, an
    absent record means "not covered", not "nothing happened": panels leave those cells
    missing.

    >>> Coverage(countries=("VNM", "RUS"), period=Period.parse("2008/2018"))
    Coverage(countries=('VNM', 'RUS'), period=Period(PartialDate(2008), PartialDate(2018)))
    """

    countries: tuple[str, ...] = attrs.field(
        converter=_tuple, validator=[_ids, _distinct_countries]
    )
    period: Period = attrs.field(validator=v.instance_of(Period))

    def __str__(self) -> str:
        return f"{'-'.join(self.countries) or 'every state'} {self.period.words()}"


@attrs.frozen(kw_only=True, repr=False)
class Source(RecordDisplay):
    """A document the data comes from; ``paragraphs`` counts its blank-line separated blocks.

    ``title``, ``publisher`` and ``published`` are None where the document does not state them.
    ``url`` is the http(s) address of the document, ``authors`` its authors as the document
    gives them, and ``accessed`` the day the document was read at that address, so that the
    source can be cited.
    """

    id: str = attrs.field(validator=_id)
    title: str | None = attrs.field(default=None, validator=_optional_text)
    publisher: str | None = attrs.field(default=None, validator=_optional_text)
    published: PartialDate | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(PartialDate))
    )
    language: str = attrs.field(validator=_text)
    paragraphs: int = attrs.field(validator=[v.instance_of(int), v.ge(1)])
    translator: str | None = attrs.field(default=None, validator=_optional_text)
    url: str | None = attrs.field(
        default=None, validator=v.optional([v.instance_of(str), v.matches_re(_URL_PATTERN)])
    )
    authors: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    accessed: PartialDate | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(PartialDate))
    )
    coverage: tuple[Coverage, ...] = attrs.field(
        default=(), converter=_tuple, validator=v.deep_iterable(v.instance_of(Coverage))
    )
    notes: str | None = _notes()


@attrs.frozen(kw_only=True)
class Membership:
    """A period during which a state belongs to a state system, under that system's code."""

    system: StateSystem = attrs.field(validator=v.instance_of(StateSystem))
    code: int = attrs.field(validator=[v.instance_of(int), v.ge(1)])
    period: Period = attrs.field(validator=v.instance_of(Period))


def _check_continued_by(instance: Country, _attribute: Any, value: str | None) -> None:
    if value is not None and (instance.cow_code is not None or instance.memberships):
        raise RecordError(
            "continued_by",
            "a country continued by another has no state number or membership of its own",
        )


@attrs.frozen(kw_only=True, repr=False)
class Country(RecordDisplay):
    """A state, identified by its ISO 3166-1 alpha-3 code where it has one.

    A state without an ISO code (Bavaria, the Korea of 1887-1905) is identified by its
    Correlates of War abbreviation (``BAV``), or by that abbreviation and its number where
    the abbreviation is another state's ISO code (``KOR-730``). ``names`` are other common
    names, in English and in the state's own languages; ``formal_name`` is its formal English
    name. ``cow_code`` and ``cow_abbrev`` are its Correlates of War state number and
    abbreviation; ``memberships`` say when it belonged to the COW and the Gleditsch-Ward
    state systems, and under which code. ``continued_by`` names the country whose state
    number an ISO-only record shares (the Soviet Union, ``SUN``, is continued by Russia:
    both lists number them 365).
    """

    code: str = attrs.field(validator=[v.instance_of(str), v.matches_re(COUNTRY_CODE)])
    name: str = attrs.field(validator=_text)
    formal_name: str | None = attrs.field(default=None, validator=_optional_text)
    alpha2: str | None = attrs.field(
        default=None, validator=v.optional([v.instance_of(str), v.matches_re(r"[A-Z]{2}")])
    )
    numeric: str | None = attrs.field(
        default=None, validator=v.optional([v.instance_of(str), v.matches_re(r"\d{3}")])
    )
    cow_code: int | None = attrs.field(default=None, validator=v.optional(v.instance_of(int)))
    cow_abbrev: str | None = attrs.field(
        default=None, validator=v.optional([v.instance_of(str), v.matches_re(r"[A-Z]{3}")])
    )
    names: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    memberships: tuple[Membership, ...] = attrs.field(
        default=(), converter=_tuple, validator=v.deep_iterable(v.instance_of(Membership))
    )
    continued_by: str | None = attrs.field(
        default=None, validator=v.and_(_optional_id, _check_continued_by)
    )
    notes: str | None = _notes()

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


@attrs.frozen(kw_only=True, repr=False)
class Field(RecordDisplay):
    """A field of cooperation in the taxonomy; ``broader`` is the id of its parent field."""

    id: str = attrs.field(validator=_id)
    label: str = attrs.field(validator=_text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    broader: str | None = attrs.field(default=None, validator=_optional_id)
    notes: str | None = _notes()


@attrs.frozen(kw_only=True)
class Role:
    """A position a person held: title, organization id, rank and dates where known."""

    title: str = attrs.field(validator=_text)
    organization: str | None = attrs.field(default=None, validator=_optional_id)
    rank: str | None = attrs.field(default=None, validator=_optional_text)
    period: Period | None = attrs.field(default=None, validator=v.optional(v.instance_of(Period)))


@attrs.frozen(kw_only=True, repr=False)
class Person(RecordDisplay):
    """Someone the sources name, with other spellings and scripts of the name in ``aliases``."""

    id: str = attrs.field(validator=_id)
    name: str = attrs.field(validator=_text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    country: str | None = attrs.field(default=None, validator=_optional_id)
    roles: tuple[Role, ...] = attrs.field(
        default=(), converter=_tuple, validator=v.deep_iterable(v.instance_of(Role))
    )
    sources: tuple[Citation, ...] = _sources()
    notes: str | None = _notes()
    inferred: frozenset[str] = _inferred()


@attrs.frozen(kw_only=True, repr=False)
class Organization(RecordDisplay):
    """A ministry, armed force, department, forum or international body (``country`` None)."""

    id: str = attrs.field(validator=_id)
    name: str = attrs.field(validator=_text)
    kind: OrganizationKind = attrs.field(validator=v.instance_of(OrganizationKind))
    country: str | None = attrs.field(default=None, validator=_optional_id)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    parent: str | None = attrs.field(default=None, validator=_optional_id)
    sources: tuple[Citation, ...] = _sources()
    notes: str | None = _notes()
    inferred: frozenset[str] = _inferred()


def _check_count(instance: Any, _attribute: Any, value: int | None) -> None:
    if value is None:
        return
    if type(value) is not int or value < 2:
        raise RecordError("count", f"must be a whole number of at least 2, got {value!r}")
    if not instance.several:
        raise RecordError("count", "is given only where several = true")


def _several() -> Any:
    return attrs.field(default=False, validator=v.instance_of(bool))


def _count() -> Any:
    return attrs.field(default=None, validator=_check_count)


# The loader's fast path (defcoop/_fast.py) checks the rules of Agreement and Event itself,
# without calling their validators: a rule added here must be added there too.
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

    id: str = attrs.field(validator=_id)
    title: str = attrs.field(validator=_text)
    kind: AgreementKind = attrs.field(validator=v.instance_of(AgreementKind))
    parties: tuple[str, ...] = attrs.field(converter=_tuple, validator=[_ids, _non_empty])
    signatories: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_ids)
    signed: PartialDate | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(PartialDate))
    )
    period: Period | None = attrs.field(default=None, validator=v.optional(v.instance_of(Period)))
    fields: frozenset[str] = attrs.field(
        factory=frozenset, converter=_frozenset, validator=v.deep_iterable(_id)
    )
    signed_during: str | None = attrs.field(default=None, validator=_optional_id)
    entered_into_force: PartialDate | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(PartialDate))
    )
    identifiers: tuple[str, ...] = attrs.field(
        default=(),
        converter=_tuple,
        validator=v.and_(
            v.deep_iterable(v.and_(v.instance_of(str), v.matches_re(_IDENTIFIER_PATTERN))),
            _no_duplicates,
        ),
    )
    several: bool = _several()
    count: int | None = _count()
    sources: tuple[Citation, ...] = _sources()
    notes: str | None = _notes()
    inferred: frozenset[str] = _inferred()


def _among_parties(instance: Event, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and value not in instance.parties:
        raise RecordError(
            attribute.name, f"{value!r} must also be among the parties {list(instance.parties)}"
        )


def _check_recipient(instance: Event, attribute: attrs.Attribute[Any], value: str | None) -> None:
    _among_parties(instance, attribute, value)
    if value is not None and value == instance.actor:
        raise RecordError("recipient", f"{value!r} cannot be both actor and recipient")


# Checked by the loader's fast path as well: see the note above Agreement.
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
    :class:`Agreement`.
    """

    id: str = attrs.field(validator=_id)
    title: str = attrs.field(validator=_text)
    kind: EventKind = attrs.field(validator=v.instance_of(EventKind))
    when: Period | None = attrs.field(default=None, validator=v.optional(v.instance_of(Period)))
    parties: tuple[str, ...] = attrs.field(converter=_tuple, validator=_ids)
    host: str | None = attrs.field(default=None, validator=v.and_(_optional_id, _among_parties))
    participants: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_ids)
    status: EventStatus = attrs.field(
        default=EventStatus.OCCURRED, validator=v.instance_of(EventStatus)
    )
    part_of: str | None = attrs.field(default=None, validator=_optional_id)
    organizer: str | None = attrs.field(default=None, validator=_optional_id)
    forum: str | None = attrs.field(default=None, validator=_optional_id)
    cameo: str | None = attrs.field(
        default=None, validator=v.optional([v.instance_of(str), v.matches_re(r"\d{2,4}")])
    )
    actor: str | None = attrs.field(default=None, validator=v.and_(_optional_id, _among_parties))
    recipient: str | None = attrs.field(
        default=None, validator=v.and_(_optional_id, _check_recipient)
    )
    multilateral: bool = attrs.field(default=False, validator=v.instance_of(bool))
    several: bool = _several()
    count: int | None = _count()
    sources: tuple[Citation, ...] = _sources()
    notes: str | None = _notes()
    inferred: frozenset[str] = _inferred()

    @property
    def plover(self) -> Plover | None:
        """The event's PLOVER event type, mode and context, from its CAMEO code and kind.

        Derived through the crosswalk of :mod:`defcoop.plover`, never stored; None where
        neither the code nor the kind maps to PLOVER.
        """
        return classify(
            self.cameo,
            self.kind.value,
            self.status.value,
            multilateral=self.multilateral,
        )


@attrs.frozen(kw_only=True, repr=False)
class Mechanism(RecordDisplay):
    """A standing committee, dialogue or consultation between countries."""

    id: str = attrs.field(validator=_id)
    name: str = attrs.field(validator=_text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    kind: MechanismKind = attrs.field(validator=v.instance_of(MechanismKind))
    parties: tuple[str, ...] = attrs.field(converter=_tuple, validator=[_ids, _non_empty])
    level: MechanismLevel | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(MechanismLevel))
    )
    fields: frozenset[str] = attrs.field(
        factory=frozenset, converter=_frozenset, validator=v.deep_iterable(_id)
    )
    sources: tuple[Citation, ...] = _sources()
    notes: str | None = _notes()
    inferred: frozenset[str] = _inferred()


@attrs.frozen(kw_only=True)
class FieldEvidence:
    """The paragraphs that name one field of cooperation for a relationship."""

    field: str = attrs.field(validator=_id)
    sources: tuple[Citation, ...] = _sources()


def _fields_from_evidence(instance: Relationship) -> frozenset[str]:
    return frozenset(item.field for item in instance.evidence)


def _check_evidence(instance: Relationship, _attribute: Any, value: frozenset[str]) -> None:
    backed = [item.field for item in instance.evidence]
    if len(set(backed)) != len(backed):
        raise RecordError("evidence", "lists a field more than once")
    if set(backed) != value:
        missing = sorted(value - set(backed))
        extra = sorted(set(backed) - value)
        raise RecordError(
            "fields",
            f"every field needs its own evidence: fields without evidence {missing}, "
            f"evidence for fields not listed {extra}",
        )


@attrs.frozen(kw_only=True, repr=False)
class Relationship(RecordDisplay):
    """Everything the sources say of one pair of countries as a whole.

    ``fields`` are the fields of cooperation named for the dyad; ``evidence`` keeps which
    paragraphs support which field (``fields`` defaults to the fields with evidence).
    ``forums`` are organizations in which the pair cooperates; ``framework_since`` is when
    the ``framework`` began, where a source says.
    """

    id: str = attrs.field(validator=_id)
    parties: tuple[str, ...] = attrs.field(converter=_tuple, validator=[_ids, _non_empty])
    framework: str | None = attrs.field(default=None, validator=_optional_text)
    framework_since: PartialDate | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(PartialDate))
    )
    evidence: tuple[FieldEvidence, ...] = attrs.field(
        default=(),
        converter=_tuple,
        validator=v.deep_iterable(v.instance_of(FieldEvidence)),
    )
    fields: frozenset[str] = attrs.field(
        default=attrs.Factory(_fields_from_evidence, takes_self=True),
        converter=_frozenset,
        validator=[v.deep_iterable(_id), _check_evidence],
    )
    forums: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_ids)
    sources: tuple[Citation, ...] = _sources()
    notes: str | None = _notes()
    inferred: frozenset[str] = _inferred()

    def sources_for(self, field: str) -> tuple[Citation, ...]:
        """The citations that name ``field`` (an id) for this pair; empty if none do."""
        for item in self.evidence:
            if item.field == field:
                return item.sources
        return ()


Record: TypeAlias = (
    Source | Country | Field | Person | Organization | Agreement | Event | Mechanism | Relationship
)
"""Any record a dataset holds."""
