"""The fast way from parsed data-file values to records, for values that are already sound.

Structuring through cattrs with detailed validation costs about 9 µs per agreement, most of
it spent getting ready to explain problems that sound data does not have. A
:class:`Structurer` reads the same schema with the same rules (the leaf rules come from
:mod:`defcoop._values`) but is built for the common case: any doubt at all, and it raises,
so that the loader hands that one record to the cattrs converter, which gives the detailed
error or, if the value is fine after all, the record. It never accepts a value the converter
would refuse.

Agreements and events, the records that come by the hundred thousand, have hand-written
structurers that check every attribute rule of the model themselves and set the slots
directly; every other record type goes through its attrs ``__init__`` and validators. Values
that repeat (dates, periods, citations, id lists, field sets) are read once per load and
shared between records, which saves both time and memory: records are immutable, so sharing
equal values is safe.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import Any, NoReturn

import attrs

from defcoop import kinds
from defcoop._values import (
    LARGEST_INT,
    plain_citation,
    strict,
    structure_citation,
    structure_date,
)
from defcoop._values import structure_period as _period_of
from defcoop.dates import PartialDate, Period
from defcoop.model import (
    _ID_PATTERN,
    _IDENTIFIER_PATTERN,
    Agreement,
    Citation,
    Coverage,
    Event,
    FieldEvidence,
    Membership,
    Role,
)

_id_match = _ID_PATTERN.fullmatch
_identifier_match = _IDENTIFIER_PATTERN.fullmatch
_cameo_match = re.compile(r"\d{2,4}").fullmatch
_new = object.__new__
_ABSENT: Any = object()
_EMPTY: frozenset[str] = frozenset()

Structure = Callable[[Any], Any]


class _UnsoundError(Exception):
    """Raised by the fast path for any value it does not vouch for."""


def _fail() -> NoReturn:
    raise _UnsoundError


def _fields(cls: type) -> list[str]:
    return [attribute.name for attribute in attrs.fields(cls)]


def _setters(cls: type, names: str) -> list[Callable[[Any, Any], None]]:
    """The slot setters of a frozen attrs class, by name; they bypass its frozen
    ``__setattr__`` as attrs' own ``__init__`` does.

    ``names`` must name every attribute, so that one added to the model cannot be left unset.
    """
    wanted = names.split()
    if sorted(wanted) != sorted(_fields(cls)):  # pragma: no cover - a model change
        raise TypeError(f"the fast path of {cls.__name__} does not set exactly its attributes")
    return [getattr(cls, name).__set__ for name in wanted]


def _members(vocabulary: type[enum.StrEnum]) -> dict[str, Any]:
    return {member.value: member for member in vocabulary}


def _inferable(cls: type) -> frozenset[str]:
    return frozenset(attrs.fields_dict(cls)) - {"id", "inferred", "notes", "sources"}


_AGREEMENT_KINDS = _members(kinds.AgreementKind)
_EVENT_KINDS = _members(kinds.EventKind)
_EVENT_STATUSES = _members(kinds.EventStatus)
_OCCURRED = kinds.EventStatus.OCCURRED


class Structurer:
    """Record builders for one load, sharing the values they have already read."""

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._id_tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._id_sets: dict[tuple[str, ...], frozenset[str]] = {}
        self._text_sets: dict[tuple[str, ...], frozenset[str]] = {}
        self._dates: dict[str, PartialDate] = {}
        self._periods: dict[str, Period] = {}
        self._citations: dict[str, Citation] = {}
        self._by_type: dict[type, Structure | None] = {
            Agreement: self._agreements(),
            Event: self._events(),
        }

    def function(self, cls: type) -> Structure | None:
        """The fast structurer for ``cls``, or None where there is none (always use cattrs)."""
        if cls not in self._by_type:
            self._by_type[cls] = self._generic(cls)
        return self._by_type[cls]

    # The two bulk record types, attribute by attribute ---------------------------------

    def _agreements(self) -> Callable[[Any], Agreement]:
        """The structurer of agreements, with its caches and slot setters bound as locals."""
        (
            set_id, set_title, set_kind, set_parties, set_signatories, set_signed, set_period,
            set_fields, set_signed_during, set_entered_into_force, set_identifiers, set_several,
            set_count, set_sources, set_notes, set_inferred,
        ) = _setters(
            Agreement,
            "id title kind parties signatories signed period fields signed_during"
            " entered_into_force identifiers several count sources notes inferred",
        )  # fmt: skip
        strings, id_tuples, id_sets = self._strings, self._id_tuples, self._id_sets
        dates, periods, common = self._dates, self._periods, self._common
        keys, vocabulary, inferable = (
            frozenset(_fields(Agreement)),
            _AGREEMENT_KINDS,
            _inferable(Agreement),
        )

        def agreement(raw: Any) -> Agreement:
            record_id, title, sources, notes, inferred = common(raw, keys, inferable)
            get = raw.get
            value = raw["parties"]
            parties = id_tuples.get(tuple(value)) if type(value) is list else None
            if not parties:
                parties = self._ids(value)
                if not parties:
                    _fail()
            value = get("signatories", _ABSENT)
            if value is _ABSENT:
                signatories: tuple[str, ...] | None = ()
            else:
                signatories = id_tuples.get(tuple(value)) if type(value) is list else None
                if signatories is None:
                    signatories = self._ids(value)
            value = get("fields", _ABSENT)
            if value is _ABSENT:
                fields: frozenset[str] | None = _EMPTY
            else:
                fields = id_sets.get(tuple(value)) if type(value) is list else None
                if fields is None:
                    fields = self._id_set(value)
            value = get("signed")
            signed = None if value is None else dates.get(value) or self._date(value)
            value = get("period")
            period = None if value is None else periods.get(value) or self._period(value)
            value = get("signed_during")
            signed_during = None if value is None else strings.get(value) or self._id(value)
            value = get("entered_into_force")
            in_force = None if value is None else dates.get(value) or self._date(value)
            value = get("identifiers", _ABSENT)
            identifiers = () if value is _ABSENT else self._identifiers(value)
            record = _new(Agreement)
            set_id(record, record_id)
            set_title(record, title)
            set_kind(record, vocabulary[raw["kind"]])
            set_parties(record, parties)
            set_signatories(record, signatories)
            set_signed(record, signed)
            set_period(record, period)
            set_fields(record, fields)
            set_signed_during(record, signed_during)
            set_entered_into_force(record, in_force)
            set_identifiers(record, identifiers)
            several, count = _counting(get)
            set_several(record, several)
            set_count(record, count)
            set_sources(record, sources)
            set_notes(record, notes)
            set_inferred(record, inferred)
            return record

        return agreement

    def _events(self) -> Callable[[Any], Event]:
        """The structurer of events, with its caches and slot setters bound as locals."""
        (
            set_id, set_title, set_kind, set_when, set_parties, set_host, set_participants,
            set_status, set_part_of, set_organizer, set_forum, set_cameo, set_actor,
            set_recipient, set_multilateral, set_several, set_count, set_sources, set_notes,
            set_inferred,
        ) = _setters(
            Event,
            "id title kind when parties host participants status part_of organizer forum"
            " cameo actor recipient multilateral several count sources notes inferred",
        )  # fmt: skip
        strings, id_tuples = self._strings, self._id_tuples
        periods, common = self._periods, self._common
        keys, kinds_, statuses = frozenset(_fields(Event)), _EVENT_KINDS, _EVENT_STATUSES
        inferable = _inferable(Event)

        def optional_id(value: Any) -> str | None:
            return None if value is None else strings.get(value) or self._id(value)

        def cameo_code(value: Any) -> str | None:
            if value is None:
                return None
            if type(value) is not str or _cameo_match(value) is None:
                _fail()
            return value

        def event(raw: Any) -> Event:
            record_id, title, sources, notes, inferred = common(raw, keys, inferable)
            get = raw.get
            value = raw["parties"]
            parties = id_tuples.get(tuple(value)) if type(value) is list else None
            if parties is None:
                parties = self._ids(value)
            host = optional_id(get("host"))
            actor = optional_id(get("actor"))
            recipient = optional_id(get("recipient"))
            for side in (host, actor, recipient):
                if side is not None and side not in parties:
                    _fail()
            if actor is not None and actor == recipient:
                _fail()
            multilateral = get("multilateral", False)
            if type(multilateral) is not bool:
                _fail()
            value = get("participants", _ABSENT)
            if value is _ABSENT:
                participants: tuple[str, ...] | None = ()
            else:
                participants = id_tuples.get(tuple(value)) if type(value) is list else None
                if participants is None:
                    participants = self._ids(value)
            value = get("status", _ABSENT)
            status = _OCCURRED if value is _ABSENT else statuses[value]
            value = get("when")
            when = None if value is None else periods.get(value) or self._period(value)
            record = _new(Event)
            set_id(record, record_id)
            set_title(record, title)
            set_kind(record, kinds_[raw["kind"]])
            set_when(record, when)
            set_parties(record, parties)
            set_host(record, host)
            set_participants(record, participants)
            set_status(record, status)
            set_part_of(record, optional_id(get("part_of")))
            set_organizer(record, optional_id(get("organizer")))
            set_forum(record, optional_id(get("forum")))
            set_cameo(record, cameo_code(get("cameo")))
            set_actor(record, actor)
            set_recipient(record, recipient)
            set_multilateral(record, multilateral)
            several, count = _counting(get)
            set_several(record, several)
            set_count(record, count)
            set_sources(record, sources)
            set_notes(record, notes)
            set_inferred(record, inferred)
            return record

        return event

    def _common(
        self, raw: Any, keys: frozenset[str], inferable: frozenset[str]
    ) -> tuple[str, str, tuple[Citation, ...], str | None, frozenset[str]]:
        """What agreements and events share: id, title, sources, notes and inferred, checked;
        and no key but the record type's attributes."""
        if type(raw) is not dict or not raw.keys() <= keys:
            _fail()
        record_id = raw["id"]
        if type(record_id) is not str or _id_match(record_id) is None:
            _fail()
        title = raw["title"]
        if type(title) is not str or not title:
            _fail()
        value = raw["sources"]
        if type(value) is not list or not value:
            _fail()
        try:
            sources = tuple(map(self._citations.__getitem__, value))
        except (KeyError, TypeError):
            sources = self._sources(value)
        notes = raw.get("notes")
        if notes is not None and (type(notes) is not str or not notes):
            _fail()
        value = raw.get("inferred", _ABSENT)
        inferred = _EMPTY if value is _ABSENT else self._inferred(value, inferable)
        return record_id, title, sources, notes, inferred

    # Shared values -----------------------------------------------------------------------

    def _id(self, value: Any) -> str:
        known = self._strings.get(value) if type(value) is str else None
        if known is None:
            if type(value) is not str or _id_match(value) is None:
                _fail()
            known = self._strings[value] = value
        return known

    @staticmethod
    def _identifiers(value: Any) -> tuple[str, ...]:
        """Ids in other datasets (``scheme:value``), distinct; rare, so not shared."""
        if type(value) is not list:
            _fail()
        for item in value:
            if type(item) is not str or _identifier_match(item) is None:
                _fail()
        if len(set(value)) != len(value):
            _fail()
        return tuple(value)

    def _optional_id(self, value: Any) -> str | None:
        return None if value is None else self._id(value)

    def _ids(self, value: Any) -> tuple[str, ...]:
        """A list of distinct ids, as a tuple shared with every equal list."""
        if type(value) is not list:
            _fail()
        key = tuple(value)
        known = self._id_tuples.get(key)
        if known is None:
            known = self._id_tuples[key] = self._checked_ids(key)
            if len(set(known)) != len(known):
                _fail()
        return known

    def _id_set(self, value: Any) -> frozenset[str]:
        if type(value) is not list:
            _fail()
        key = tuple(value)
        known = self._id_sets.get(key)
        if known is None:
            known = self._id_sets[key] = frozenset(self._checked_ids(key))
        return known

    def _checked_ids(self, values: tuple[Any, ...]) -> tuple[str, ...]:
        """The ids, each checked once per load and then shared."""
        found = tuple(map(self._strings.get, values))
        if None in found:
            found = tuple([self._id(value) for value in values])
        return found  # type: ignore[return-value]

    def _inferred(self, value: Any, allowed: frozenset[str]) -> frozenset[str]:
        if type(value) is not list:
            _fail()
        key = tuple(value)
        known = self._text_sets.get(key)
        if known is None:
            if any(type(item) is not str for item in key):
                _fail()
            known = self._text_sets[key] = frozenset(key)
        if not known <= allowed:
            _fail()
        return known

    def _date(self, value: Any) -> PartialDate | None:
        if value is None:
            return None
        if type(value) is not str:
            return structure_date(value)
        known = self._dates.get(value)
        if known is None:
            known = self._dates[value] = structure_date(value)
        return known

    def _period(self, value: Any) -> Period | None:
        if value is None:
            return None
        if type(value) is not str:
            return _period_of(value)
        known = self._periods.get(value)
        if known is None:
            known = self._periods[value] = _period_of(value)
        return known

    def _sources(self, value: Any) -> tuple[Citation, ...]:
        if type(value) is not list or not value:
            _fail()
        known = self._citations
        found = []
        for item in value:
            citation = known.get(item) if type(item) is str else None
            if citation is None:
                citation = self._citation(item)
            found.append(citation)
        return tuple(found)

    def _citation(self, value: Any) -> Citation:
        if type(value) is dict:
            return plain_citation(value)
        citation = self._citations.get(value) if type(value) is str else None
        if citation is None:
            citation = structure_citation(value)
            if type(value) is str:
                self._citations[value] = citation
        return citation

    @staticmethod
    def _notes(value: Any) -> str | None:
        if value is not None and (type(value) is not str or not value):
            _fail()
        return value

    # Every other record type, through its own __init__ and validators --------------------

    def _generic(self, cls: type) -> Structure | None:
        """Read each attribute by its annotation, then build with ``cls(**values)``."""
        readers: dict[str, Callable[[Any], Any]] = {}
        for attribute in attrs.fields(cls):
            reader = self._reader(_annotation(cls, attribute.name))
            if reader is None:
                return None
            readers[attribute.name] = reader
        names = frozenset(readers)

        def structure(raw: Any) -> Any:
            if type(raw) is not dict or not raw.keys() <= names:
                _fail()
            return cls(**{key: readers[key](value) for key, value in raw.items()})

        return structure

    def _reader(self, annotation: str) -> Callable[[Any], Any] | None:
        optional = annotation.endswith(" | None")
        reader = self._required_reader(annotation.removesuffix(" | None"))
        if reader is None or not optional:
            return reader
        required = reader
        return lambda value: None if value is None else required(value)

    def _required_reader(self, annotation: str) -> Callable[[Any], Any] | None:
        nested = {
            "Role": Role,
            "FieldEvidence": FieldEvidence,
            "Coverage": Coverage,
            "Membership": Membership,
        }
        simple: dict[str, Callable[[Any], Any]] = {
            "str": lambda value: strict(str, value),
            "int": lambda value: strict(int, value),
            "bool": lambda value: strict(bool, value),
            "tuple[str, ...]": lambda value: tuple(self._texts(value)),
            "frozenset[str]": lambda value: frozenset(self._texts(value)),
            "tuple[Citation, ...]": self._citation_list,
            "PartialDate": lambda value: self._date(value) if value is not None else _fail(),
            "Period": lambda value: self._period(value) if value is not None else _fail(),
        }
        if annotation in simple:
            return simple[annotation]
        vocabulary = getattr(kinds, annotation, None)
        if isinstance(vocabulary, type) and issubclass(vocabulary, enum.StrEnum):
            members = _members(vocabulary)
            return lambda value: members[value]
        item_type = annotation.removeprefix("tuple[").removesuffix(", ...]")
        if item_type in nested:
            build = self.function(nested[item_type])
            if build is not None:
                item_build = build
                return lambda value: tuple([item_build(item) for item in _listed(value)])
        return None

    def _citation_list(self, value: Any) -> tuple[Citation, ...]:
        return tuple([self._citation(item) for item in _listed(value)])

    @staticmethod
    def _texts(value: Any) -> list[str]:
        return [strict(str, item) for item in _listed(value)]


def _counting(get: Callable[..., Any]) -> tuple[bool, int | None]:
    """``several`` and ``count`` of an agreement or event, checked as the model checks them."""
    several = get("several", False)
    count = get("count")
    if type(several) is not bool:
        _fail()
    if count is not None and (
        type(count) is not int or not 2 <= count <= LARGEST_INT or not several
    ):
        _fail()
    return several, count


def _annotation(cls: type, name: str) -> str:
    """An attribute's annotation as written in the source (the model uses postponed annotations).

    Read from ``__annotations__`` rather than ``attrs.fields``, whose types become objects once
    anything calls ``attrs.resolve_types`` on the class.
    """
    for klass in cls.__mro__:
        annotation = vars(klass).get("__annotations__", {}).get(name)
        if annotation is not None:
            return annotation if isinstance(annotation, str) else repr(annotation)
    return ""


def _listed(value: Any) -> list[Any]:
    if type(value) is not list:
        _fail()
    return value
