"""One strategy per record type, each making a single valid record."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from defcoop.model.dates import PartialDate, Period
from defcoop.model.kinds import StateSystem
from defcoop.model.records import (
    Agreement,
    Citation,
    Country,
    Event,
    Field,
    FieldEvidence,
    Mechanism,
    Membership,
    Organization,
    Person,
    Relationship,
    Role,
    Source,
)
from defcoop.strategies._building import (
    _EVERY_DAY,
    _aliases,
    _any_citations,
    _cited,
    _codes,
    _identifiers,
    _ids,
    _inferred,
    _lists,
    _maybe,
    _names,
    _notes,
    _paragraphs_of,
    _pool,
    _sets,
    _strategy,
    _text,
    _urls,
    _usually,
)
from defcoop.strategies._dates import partial_dates, periods
from defcoop.strategies._rules import list_shape, values_for


def citations(
    *, sources: Sequence[Source] | SearchStrategy[Source] | None = None
) -> SearchStrategy[Citation]:
    """Citations of a paragraph; with ``sources``, of a paragraph that exists in one of them.

    Args:
        sources: the sources to cite (default: any id, paragraphs 1 to 1000).
    """
    if sources is None:
        return _any_citations()
    pool = sources if isinstance(sources, st.SearchStrategy) else _pool(sources)
    return pool.flatmap(_paragraphs_of)


def sources(
    *, ids: SearchStrategy[str] | None = None, dates: Period | SearchStrategy[Period] | None = None
) -> SearchStrategy[Source]:
    """Sources with or without title, publisher, date and translator.

    Args:
        ids: the source's id.
        dates: the period its publication date lies in.
    """
    return st.builds(
        Source,
        id=_ids(ids),
        title=_maybe(_text()),
        publisher=_maybe(_text()),
        published=_maybe(partial_dates(within=dates)),
        language=st.sampled_from(("en", "vi", "ru", "be")) | _text(8),
        paragraphs=st.integers(1, 60),
        translator=_maybe(_names()),
        url=_maybe(_urls()),
        authors=_lists(_names(), unique=True, max_size=3),
        accessed=_maybe(partial_dates(within=dates)),
        notes=_notes(),
    )


def countries(
    *,
    dates: Period | SearchStrategy[Period] | None = None,
    country_codes: SearchStrategy[str] | None = None,
) -> SearchStrategy[Country]:
    """Countries with codes of the ISO shapes, a name, other names and optional numeric codes.

    Codes are random letters, not real ISO codes; :func:`datasets` keeps every code and name
    distinct between the countries of one dataset. A country with a COW code has a COW
    membership and perhaps a Gleditsch-Ward one over the same years, under the same code or
    another; one without may be continued by another country (``continued_by``).

    Args:
        dates: the period its memberships lie in.
        country_codes: the codes of the country that may continue it.
    """
    return _countries(dates, _codes(country_codes))


@st.composite
def _countries(
    draw: st.DrawFn, dates: Period | SearchStrategy[Period] | None, codes: SearchStrategy[str]
) -> Country:
    cow_code = draw(_maybe(st.integers(2, 999)))
    memberships: list[Membership] = []
    if cow_code is not None:
        span = draw(periods(within=dates))
        memberships.append(Membership(system=StateSystem.COW, code=cow_code, period=span))
        gw = draw(_maybe(_pool((cow_code, cow_code + 1000))))
        if gw is not None:
            memberships.append(Membership(system=StateSystem.GW, code=gw, period=span))
    return Country(
        code=draw(values_for(Country, "code")),
        name=draw(_names()),
        formal_name=draw(_maybe(_names())),
        alpha2=draw(values_for(Country, "alpha2")),
        numeric=draw(values_for(Country, "numeric")),
        cow_code=cow_code,
        cow_abbrev=draw(values_for(Country, "cow_abbrev")) if cow_code is not None else None,
        wikidata=draw(_maybe(values_for(Country, "wikidata"))),
        names=draw(_aliases()),
        memberships=memberships,
        continued_by=None if cow_code is not None else draw(_maybe(codes)),
        notes=draw(_notes()),
    )


def fields(
    *, ids: SearchStrategy[str] | None = None, field_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[Field]:
    """Fields of cooperation with a label, aliases and perhaps a broader field.

    Args:
        ids: the field's id.
        field_ids: the ids its broader field may have.
    """
    return st.builds(
        Field,
        id=_ids(ids),
        label=_names(),
        aliases=_aliases(),
        broader=_maybe(_ids(field_ids)),
        notes=_notes(),
    )


def roles(
    *,
    organization_ids: SearchStrategy[str] | None = None,
    dates: Period | SearchStrategy[Period] | None = None,
) -> SearchStrategy[Role]:
    """Positions held: a title, perhaps an organization, a rank and a period.

    Args:
        organization_ids: the ids the role's organization may have.
        dates: the period the role's period lies in.
    """
    return st.builds(
        Role,
        title=_text(),
        organization=_maybe(_ids(organization_ids)),
        rank=_maybe(_text()),
        period=_maybe(periods(within=dates)),
    )


def people(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    organization_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
    dates: Period | SearchStrategy[Period] | None = None,
) -> SearchStrategy[Person]:
    """People with aliases in other scripts, perhaps a country, and roles.

    Args:
        ids: the person's id.
        country_codes: the codes their country may have.
        organization_ids: the ids their roles' organizations may have.
        citations: the citations in ``sources``.
        dates: the period their roles' periods lie in.
    """
    return st.builds(
        Person,
        id=_ids(ids),
        name=_names(),
        aliases=_aliases(),
        country=_maybe(_codes(country_codes)),
        wikidata=_maybe(values_for(Person, "wikidata")),
        roles=st.lists(roles(organization_ids=organization_ids, dates=dates), max_size=2),
        sources=_cited(citations),
        notes=_notes(),
        inferred=_inferred(Person),
    )


def organizations(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    organization_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
) -> SearchStrategy[Organization]:
    """Ministries, forums and other bodies, perhaps with a country and a parent.

    Args:
        ids: the organization's id.
        country_codes: the codes its country may have.
        organization_ids: the ids its parent may have.
        citations: the citations in ``sources``.
    """
    return st.builds(
        Organization,
        id=_ids(ids),
        name=_names(),
        kind=values_for(Organization, "kind"),
        country=_maybe(_codes(country_codes)),
        aliases=_aliases(2),
        parent=_maybe(_ids(organization_ids)),
        sources=_cited(citations),
        notes=_notes(),
        inferred=_inferred(Organization),
    )


def agreements(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    field_ids: SearchStrategy[str] | None = None,
    organization_ids: SearchStrategy[str] | None = None,
    event_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
    dates: Period | SearchStrategy[Period] | None = None,
) -> SearchStrategy[Agreement]:
    """Agreements between one to three parties, perhaps signed, in force, and tied to fields.

    Args:
        ids: the agreement's id.
        country_codes: the codes its parties may have.
        field_ids: the ids of the fields it may cover.
        organization_ids: the ids its signatories may have.
        event_ids: the ids of the event it may have been signed at.
        citations: the citations in ``sources``.
        dates: the period its signing date and its period lie in.
    """
    one = st.builds(
        Agreement,
        id=_ids(ids),
        title=_text(),
        kind=values_for(Agreement, "kind"),
        parties=_lists(_codes(country_codes), **list_shape(Agreement, "parties", 3)),
        signatories=_lists(_ids(organization_ids), **list_shape(Agreement, "signatories", 2)),
        signed=_usually(partial_dates(within=dates)),
        period=_maybe(periods(within=dates)),
        fields=_sets(_ids(field_ids), max_size=3),
        signed_during=_maybe(_ids(event_ids)),
        entered_into_force=_maybe(partial_dates(within=dates)),
        renewed=_maybe(partial_dates(within=dates)),
        scope=_maybe(values_for(Agreement, "scope")),
        identifiers=_lists(_identifiers(), **list_shape(Agreement, "identifiers", 2)),
        wikidata=_maybe(values_for(Agreement, "wikidata")),
        unts=_maybe(values_for(Agreement, "unts")),
        sources=_cited(citations),
        notes=_notes(),
        inferred=_inferred(Agreement),
    )
    ends = _maybe(st.tuples(partial_dates(within=dates), _maybe(values_for(Agreement, "ending"))))
    return st.tuples(one, ends, _several()).map(_ended_and_counted)


def _ended_and_counted(
    drawn: tuple[Agreement, tuple[PartialDate, Any] | None, dict[str, Any] | None],
) -> Agreement:
    """The agreement, perhaps with an end (and how it ended), perhaps standing for several."""
    record, end, several = drawn
    if end is not None:
        record = attrs.evolve(record, ended=end[0], ending=end[1])
    return _counted((record, several))


@functools.cache
def _several() -> SearchStrategy[dict[str, Any] | None]:
    """No change, or the change that makes a record stand for several (perhaps with a count)."""
    return _maybe(
        st.builds(lambda count: {"several": True, "count": count}, values_for(Agreement, "count"))
    )


def _counted(drawn: tuple[Agreement, dict[str, Any] | None]) -> Agreement:
    """The record, or the record standing for several (with or without a count)."""
    record, several = drawn
    return record if several is None else attrs.evolve(record, **several)


def events(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    person_ids: SearchStrategy[str] | None = None,
    organization_ids: SearchStrategy[str] | None = None,
    event_ids: SearchStrategy[str] | None = None,
    mechanism_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
    dates: Period | SearchStrategy[Period] | None = None,
) -> SearchStrategy[Event]:
    """Events of every kind and status, their host (if any) among their parties.

    Args:
        ids: the event's id.
        country_codes: the codes its parties may have.
        person_ids: the ids its participants may have.
        organization_ids: the ids its organizer and forum may have.
        event_ids: the ids of the event it may be part of.
        mechanism_ids: the ids of the mechanism it may be a round of (with a round number).
        citations: the citations in ``sources``.
        dates: the period its dates lie in.
    """
    return _events(
        _ids(ids),
        _codes(country_codes),
        _ids(person_ids),
        _ids(organization_ids),
        _ids(event_ids),
        _ids(mechanism_ids),
        citations,
        dates,
    )


@st.composite
def _events(
    draw: st.DrawFn,
    ids: SearchStrategy[str],
    codes: SearchStrategy[str],
    person_ids: SearchStrategy[str],
    organization_ids: SearchStrategy[str],
    event_ids: SearchStrategy[str],
    mechanism_ids: SearchStrategy[str],
    citations: SearchStrategy[Citation] | None,
    dates: Period | SearchStrategy[Period] | None,
) -> Event:
    parties = draw(_lists(codes, **list_shape(Event, "parties", 3)))
    cited = tuple(draw(_cited(citations)))
    actor = draw(_maybe(_pool(parties)))
    several = draw(st.booleans())
    mechanism = draw(_maybe(mechanism_ids))
    return Event(
        id=draw(ids),
        title=draw(_text()),
        kind=draw(values_for(Event, "kind")),
        when=draw(_usually(periods(within=dates))),
        parties=parties,
        host=draw(_maybe(_pool(parties))),
        participants=draw(_lists(person_ids, **list_shape(Event, "participants", 3))),
        status=draw(values_for(Event, "status")),
        part_of=draw(_maybe(event_ids)),
        organizer=draw(_maybe(organization_ids)),
        forum=draw(_maybe(organization_ids)),
        cameo=draw(values_for(Event, "cameo")),
        actor=actor,
        recipient=draw(_maybe(_pool([p for p in parties if p != actor]))),
        multilateral=draw(st.booleans()),
        several=several,
        count=draw(values_for(Event, "count")) if several else None,
        mechanism=mechanism,
        round=None if mechanism is None else draw(values_for(Event, "round")),
        sources=cited,
        notes=draw(_notes()),
        inferred=draw(_inferred(Event)),
    )


def mechanisms(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    field_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
    dates: Period | SearchStrategy[Period] | None = None,
) -> SearchStrategy[Mechanism]:
    """Standing committees and dialogues of every kind, perhaps with a level and fields, a
    period at work and a founding no later than that period's start.

    Args:
        ids: the mechanism's id.
        country_codes: the codes its parties may have.
        field_ids: the ids of the fields it may cover.
        citations: the citations in ``sources``.
        dates: the period its period and founding lie in (default: years 1 to 9999).
    """
    one = st.builds(
        Mechanism,
        id=_ids(ids),
        name=_names(),
        aliases=_aliases(2),
        kind=values_for(Mechanism, "kind"),
        parties=_lists(_codes(country_codes), **list_shape(Mechanism, "parties", 3)),
        level=values_for(Mechanism, "level"),
        fields=_sets(_ids(field_ids), max_size=3),
        sources=_cited(citations),
        notes=_notes(),
        inferred=_inferred(Mechanism),
    )
    # The period and founding do not depend on the rest: drawn beside it by one strategy,
    # not by a new one for every mechanism (as a flatmap would).
    return st.tuples(one, _founding(dates)).map(_founded)


@st.composite
def _founding(
    draw: st.DrawFn, dates: Period | SearchStrategy[Period] | None
) -> tuple[Period | None, PartialDate | None]:
    """Perhaps a period at work, and perhaps a founding no later than its start."""
    span = draw(_strategy(_EVERY_DAY if dates is None else dates))
    period = draw(_maybe(periods(within=span)))
    before = span if period is None else Period(span.start, period.start)
    founded = draw(_maybe(partial_dates(within=before)))
    return period, founded


def _founded(drawn: tuple[Mechanism, tuple[Period | None, PartialDate | None]]) -> Mechanism:
    """The mechanism with its period at work and its founding."""
    mechanism, (period, founded) = drawn
    return attrs.evolve(mechanism, period=period, founded=founded)


def field_evidence(
    *,
    field_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
) -> SearchStrategy[FieldEvidence]:
    """The citations that name one field for a relationship.

    Args:
        field_ids: the ids the field may have.
        citations: the citations in ``sources``.
    """
    fields = _ids(field_ids)
    if fields.is_empty:  # no field to name: no evidence (st.builds would not say it is empty)
        return st.nothing()
    return st.builds(FieldEvidence, field=fields, sources=_cited(citations))


def relationships(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    field_ids: SearchStrategy[str] | None = None,
    organization_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
) -> SearchStrategy[Relationship]:
    """Relationships of two countries, with evidence for each field and forums.

    Args:
        ids: the relationship's id.
        country_codes: the codes its parties may have.
        field_ids: the ids of the fields named for it.
        organization_ids: the ids its forums may have.
        citations: the citations in ``sources`` and in each field's evidence.
    """
    return st.builds(
        Relationship,
        id=_ids(ids),
        parties=_lists(_codes(country_codes), **list_shape(Relationship, "parties", 2)),
        framework=_maybe(_text()),
        framework_since=_maybe(partial_dates()),
        evidence=_lists(
            field_evidence(field_ids=field_ids, citations=citations),
            unique_by=_evidence_field,
            max_size=3,
        ),
        forums=_lists(_ids(organization_ids), **list_shape(Relationship, "forums", 2)),
        sources=_cited(citations),
        notes=_notes(),
        inferred=_inferred(Relationship),
    )


def _evidence_field(evidence: FieldEvidence) -> str:
    return evidence.field
