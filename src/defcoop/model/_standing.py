"""Standing mechanisms, dyad relationships and searches.

Declared here, below :mod:`defcoop.model.records`, which re-exports and documents them with the
other records and imports this module after events, so that they keep their place among the
record types, as data files list them.
"""

from __future__ import annotations

import attrs

from defcoop.model._parts import (
    DATE,
    ID_,
    ID_SET,
    LISTED,
    PERIOD,
    SOURCES,
    TEXT,
    TEXTS,
    Citation,
    FieldEvidence,
    fields_from_evidence,
    ids,
    inferred_attribute,
)
from defcoop.model._show import RecordDisplay
from defcoop.model.dates import PartialDate, Period
from defcoop.model.kinds import (
    MechanismKind,
    MechanismLevel,
)
from defcoop.model.registry import Index, Reference, record_type
from defcoop.model.rules import (
    Check,
    Each,
    InstanceOf,
    KeysOf,
    MemberOf,
    NonEmpty,
    NotAfter,
    Pairs,
    to_frozenset,
    to_tuple,
)

__all__ = ["Mechanism", "Relationship", "Search"]


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
    meanings={
        "name": "the mechanism's name",
        "kind": "what sort of standing arrangement it is",
        "parties": "the countries taking part",
        "level": "the level it meets at",
        "founded": "when it was set up, where a source says",
        "period": "the span the reports show it at work",
        "fields": "the fields of cooperation it deals with",
    },
    inclusion=(
        "A standing committee, dialogue or consultation that a source shows meeting more than"
        " once or set up to do so."
    ),
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
    meanings={
        "parties": "the pair of countries",
        "framework": "the name of the relationship's framework (a partnership)",
        "framework_since": "when the framework began",
        "evidence": "for each field named for the pair, the paragraphs naming it",
        "fields": "the fields of cooperation named for the pair",
        "forums": "organizations in which the pair cooperates",
    },
    inclusion="One record per pair of states whose cooperation a source describes.",
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


@record_type(
    "searches",
    "search",
    date="done",
    meanings={
        "id": "the search's id, named by the claims resting on it",
        "collections": "the stored collections or archives searched",
        "queries": "the queries as typed",
        "languages": "the queries' languages, as ISO 639-1 codes",
        "years": "the years the search looked for records in",
        "done": "when the search was carried out",
        "by": "who carried it out",
    },
    inclusion="A search whose results a coverage claim of the dataset rests on.",
)
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
