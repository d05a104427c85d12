"""What each attribute of each record type means: the lookup, and the meanings types share.

Each record type declares what its own attributes mean, and what qualifies a record, with the
rest of its declaration (``meanings=`` and ``inclusion=`` of
:func:`~defcoop.model.registry.record_type`); this module holds the meanings of attributes that
several types share (:data:`SHARED`) and of the agreement and event kinds (:data:`VALUES`).
The codebook (:func:`defcoop.codebook`), the data package's field descriptions, Stata's
variable labels and the docs' codebook page read them through :func:`meaning`, never words of
their own; ``tests/model/test_meanings.py`` checks that every attribute of every record type
has a meaning and that no meaning names an attribute that is not there, so the two cannot
drift apart. The meanings are in our own words, and say what a value is, not how it is
checked (the rules say that, :mod:`defcoop.model.rules`).

>>> meaning("agreements", "signed")
'when the document was signed'
>>> meaning("events", "sources")
'the source paragraphs that state the record, as source-id#paragraph'
"""

from __future__ import annotations

from defcoop.model import records as _records  # noqa: F401 - every type declared
from defcoop.model import registry
from defcoop.model.kinds import AgreementKind, EventKind

__all__ = ["SHARED", "VALUES", "meaning"]

SHARED: dict[str, str] = {
    "id": "the record's id, unique across the whole dataset",
    "sources": "the source paragraphs that state the record, as source-id#paragraph",
    "notes": "the curators' remarks on the record and its sources",
    "inferred": "the attributes whose values a source implies rather than states",
    "aliases": "other names or spellings the sources use",
    "wikidata": "its Wikidata item (Q881), where a published list or a source gives it",
}
"""Meanings of the attributes that several record types share, unless a type says otherwise."""


def meaning(key: str, attribute: str) -> str:
    """What ``attribute`` of the records under data-file key ``key`` means.

    Raises:
        KeyError: for an attribute no declaration names.
    """
    declared = registry.by_key(key)
    own = declared.meanings if declared is not None else {}
    found = own.get(attribute) or SHARED.get(attribute)
    if found is None:
        raise KeyError(f"no meaning is declared for {key}.{attribute}")
    return found


VALUES: dict[AgreementKind | EventKind, str] = {
    AgreementKind.AGREEMENT: "a signed agreement other than a framework, often on one sector",
    AgreementKind.FRAMEWORK: "an agreement setting up defense cooperation as a whole",
    AgreementKind.PLAN: "a plan of cooperation for a span of years",
    AgreementKind.MEMORANDUM: "a memorandum of understanding",
    AgreementKind.PROTOCOL: "a protocol to, or amending, an agreement",
    AgreementKind.TREATY: "a treaty between the states",
    AgreementKind.CONTRACT: "an arms contract; not counted as a cooperation agreement",
    EventKind.VISIT: "an official visit by a delegation of one party to the other",
    EventKind.MEETING: "talks between officials of the parties, wherever held",
    EventKind.CONFERENCE: "a conference or forum where officials of the parties met",
    EventKind.SIGNING: "the signing of an agreement, as an event of its own",
    EventKind.EXCHANGE_YEAR: "a year of exchanges the parties declared",
    EventKind.COMPETITION: "a military competition one party held and the other joined",
    EventKind.DELEGATION_EXCHANGE: "delegations sent both ways, not told apart",
    EventKind.MULTILATERAL_ACTIVITY: "an activity of several states that both joined",
    EventKind.EXERCISE: "a joint or multilateral military drill",
    EventKind.PORT_CALL: "a navy's ships visiting a port of the other party",
}
"""What each agreement kind and event kind means: which documents and happenings it takes."""
