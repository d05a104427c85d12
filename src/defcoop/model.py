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
)
from defcoop.plover import Plover, classify

__all__ = [
    "Agreement",
    "Citation",
    "Country",
    "Event",
    "Field",
    "FieldEvidence",
    "Mechanism",
    "Organization",
    "Person",
    "Record",
    "Relationship",
    "Role",
    "Source",
]

_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
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
    notes: str | None = _notes()


@attrs.frozen(kw_only=True, repr=False)
class Country(RecordDisplay):
    """A country, identified by its ISO 3166-1 alpha-3 code.

    ``names`` are other common names ("Russian Federation" beside "Russia");
    ``cow_code`` is the Correlates of War state number.
    """

    code: str = attrs.field(validator=[v.instance_of(str), v.matches_re(r"[A-Z]{3}")])
    name: str = attrs.field(validator=_text)
    alpha2: str = attrs.field(validator=[v.instance_of(str), v.matches_re(r"[A-Z]{2}")])
    numeric: str | None = attrs.field(
        default=None, validator=v.optional([v.instance_of(str), v.matches_re(r"\d{3}")])
    )
    cow_code: int | None = attrs.field(default=None, validator=v.optional(v.instance_of(int)))
    names: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    notes: str | None = _notes()

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


# The loader's fast path (defcoop/_fast.py) checks the rules of Agreement and Event itself,
# without calling their validators: a rule added here must be added there too.
@attrs.frozen(kw_only=True, repr=False)
class Agreement(RecordDisplay):
    """An agreement, plan or other signed document between countries.

    ``fields`` holds only the fields a source ties to this document; ``signed_during`` is the
    id of the event it was signed at; ``entered_into_force`` the date it took effect.
    ``identifiers`` are its ids in other datasets, each written ``scheme:value``
    (``"dcad:1234"`` for an agreement of the Defense Cooperation Agreement Dataset), so that
    records join back to the datasets they came from.
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
    sources: tuple[Citation, ...] = _sources()
    notes: str | None = _notes()
    inferred: frozenset[str] = _inferred()


def _check_host(instance: Event, _attribute: Any, value: str | None) -> None:
    if value is not None and value not in instance.parties:
        raise RecordError(
            "host", f"{value!r} must also be among the parties {list(instance.parties)}"
        )


# Checked by the loader's fast path as well: see the note above Agreement.
@attrs.frozen(kw_only=True, repr=False)
class Event(RecordDisplay):
    """A visit, meeting, conference, signing or other dated happening, past or planned.

    ``host`` is where it takes place (None where it is not one place) and is always among
    ``parties``; ``part_of`` is the id of an event it happened within. ``cameo`` is the
    event's code in the CAMEO event typology (``"042"``, make a visit; two to four digits), so
    that events join ICEWS- and GDELT-style event data; :attr:`plover` gives its PLOVER
    coding, derived from the code and the kind, for POLECAT-style data.
    """

    id: str = attrs.field(validator=_id)
    title: str = attrs.field(validator=_text)
    kind: EventKind = attrs.field(validator=v.instance_of(EventKind))
    when: Period | None = attrs.field(default=None, validator=v.optional(v.instance_of(Period)))
    parties: tuple[str, ...] = attrs.field(converter=_tuple, validator=_ids)
    host: str | None = attrs.field(default=None, validator=v.and_(_optional_id, _check_host))
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
            multilateral=getattr(self, "multilateral", False),
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
    ``forums`` are organizations in which the pair cooperates.
    """

    id: str = attrs.field(validator=_id)
    parties: tuple[str, ...] = attrs.field(converter=_tuple, validator=[_ids, _non_empty])
    framework: str | None = attrs.field(default=None, validator=_optional_text)
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
