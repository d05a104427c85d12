"""What each attribute of each record type means, and what qualifies a record: written once.

The codebook (:func:`defcoop.codebook`), the data package's field descriptions, Stata's
variable labels and the docs' codebook page read these declarations, never words of their own.
An attribute's meaning is looked up by the record type's data-file key, then the attributes
every type shares (:data:`SHARED`); ``tests/model/test_meanings.py`` checks that every
attribute of every record type has a meaning and that no meaning names an attribute that is
not there, so the two cannot drift apart. The meanings are in our own words, and say what a
value is, not how it is checked (the rules say that, :mod:`defcoop.model.rules`).

>>> meaning("agreements", "signed")
'when the document was signed'
>>> meaning("events", "sources")
'the source paragraphs that state the record, as source-id#paragraph'
"""

from __future__ import annotations

from defcoop.model.kinds import AgreementKind, EventKind

__all__ = ["ATTRIBUTES", "INCLUSION", "SHARED", "VALUES", "meaning"]

SHARED: dict[str, str] = {
    "id": "the record's id, unique across the whole dataset",
    "sources": "the source paragraphs that state the record, as source-id#paragraph",
    "notes": "the curators' remarks on the record and its sources",
    "inferred": "the attributes whose values a source implies rather than states",
    "aliases": "other names or spellings the sources use",
    "wikidata": "its Wikidata item (a Q-number), where a published list or a source gives it",
}
"""Meanings of the attributes that several record types share, unless a type says otherwise."""

ATTRIBUTES: dict[str, dict[str, str]] = {
    "sources": {
        "id": "the source's id, cited by records as id#paragraph",
        "title": "the document's title as published (empty where it states none)",
        "publisher": "who published the document",
        "published": "when the document was published",
        "language": "the document's language, as an ISO 639-1 code",
        "paragraphs": "how many blank-line separated paragraphs the document has",
        "translator": "who translated the document, where it names a translator",
        "url": "the web address the document was read at",
        "authors": "the document's authors, as it names them",
        "accessed": "the day the document was read at its address",
        "coverage": "the states or pairs, years and records the source looked at in full",
    },
    "countries": {
        "code": "the country's id: its ISO 3166-1 alpha-3 code, or a COW-based code",
        "name": "the country's common English name",
        "formal_name": "the country's formal English name",
        "alpha2": "its ISO 3166-1 alpha-2 code",
        "numeric": "its ISO 3166-1 numeric code",
        "cow_code": "its Correlates of War state number",
        "cow_abbrev": "its Correlates of War state abbreviation",
        "names": "other common names, in English and the state's own languages",
        "memberships": "when it belonged to the COW and Gleditsch-Ward systems, and its codes",
        "continued_by": "the country whose state number this one shares (SUN by RUS)",
    },
    "fields": {
        "id": "the field's id, as records name it",
        "label": "the field's name",
        "broader": "the id of the field this one lies under in the taxonomy",
    },
    "people": {
        "name": "the person's full name",
        "country": "the country the person serves",
        "roles": "the posts the person held, with their organizations and periods",
    },
    "organizations": {
        "name": "the body's name",
        "kind": "what sort of body it is",
        "country": "the country it belongs to (empty for international bodies)",
        "parent": "the id of the body it is part of",
    },
    "agreements": {
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
        "unts": "its UN Treaty Series registration number, where a source gives it",
        "several": "true where the record stands for more than one document",
        "count": "how many documents the record stands for, where a source gives a number",
    },
    "events": {
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
    "mechanisms": {
        "name": "the mechanism's name",
        "kind": "what sort of standing arrangement it is",
        "parties": "the countries taking part",
        "level": "the level it meets at",
        "founded": "when it was set up, where a source says",
        "period": "the span the reports show it at work",
        "fields": "the fields of cooperation it deals with",
    },
    "relationships": {
        "parties": "the pair of countries",
        "framework": "the name of the relationship's framework (a partnership)",
        "framework_since": "when the framework began",
        "evidence": "for each field named for the pair, the paragraphs naming it",
        "fields": "the fields of cooperation named for the pair",
        "forums": "organizations in which the pair cooperates",
    },
    "searches": {
        "id": "the search's id, named by the claims resting on it",
        "collections": "the stored collections or archives searched",
        "queries": "the queries as typed",
        "languages": "the queries' languages, as ISO 639-1 codes",
        "years": "the years the search looked for records in",
        "done": "when the search was carried out",
        "by": "who carried it out",
    },
    "transfers": {
        "supplier": "the country supplying the weapons",
        "recipient": "the country receiving them",
        "designation": "the weapon, as commonly written (Su-30MK2)",
        "category": "the SIPRI category of the weapon",
        "quantity": "how many units were ordered",
        "ordered": "when the deal was ordered",
        "deliveries": "the years of delivery, each with its count where stated",
        "status": "how far the deal had gone by the latest source",
        "licensed": "true for production under licence in the recipient country",
        "value": "the deal's value: amount, ISO 4217 currency and the year of the money",
        "contract": "the id of the agreement that is the deal's contract",
    },
}
"""Each record type's own meanings, by data-file key, then attribute."""


def meaning(key: str, attribute: str) -> str:
    """What ``attribute`` of the records under data-file key ``key`` means.

    Raises:
        KeyError: for an attribute no declaration names.
    """
    found = ATTRIBUTES.get(key, {}).get(attribute) or SHARED.get(attribute)
    if found is None:
        raise KeyError(f"no meaning is declared for {key}.{attribute}")
    return found


INCLUSION: dict[str, str] = {
    "sources": (
        "A document that states at least one fact a record holds, stored and read in full;"
        " a source claims coverage only where it looked at everything of a kind."
    ),
    "countries": (
        "Every state of the Correlates of War and Gleditsch-Ward state systems, and every"
        " country a record names; listed whether or not any record names it."
    ),
    "fields": "Every field of cooperation of the taxonomy, whether or not a record names it.",
    "people": "A person a source names as taking part in a recorded event or agreement.",
    "organizations": "A body a source names as signing, holding or taking part in a record.",
    "agreements": (
        "A document signed between states on defense cooperation, or a plan or arms contract"
        " between them, that a stored source reports; one record per document, or one record"
        " standing for several where the source does not tell them apart."
    ),
    "events": (
        "A dated happening between the parties (a visit, meeting, signing, exercise...) that"
        " a stored source reports, past or planned; never one known only from elsewhere."
    ),
    "mechanisms": (
        "A standing committee, dialogue or consultation that a source shows meeting more than"
        " once or set up to do so."
    ),
    "relationships": "One record per pair of states whose cooperation a source describes.",
    "searches": "A search whose results a coverage claim of the dataset rests on.",
    "transfers": (
        "One deal (a contract or a batch) of one weapon from one state to another that a"
        " source reports; upgrades, repairs and licensed production included."
    ),
}
"""What qualifies a record of each type for the data, by data-file key."""

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
