"""The records that cite nothing: sources, countries and the fields of cooperation.

Every other record points at these (its citations name sources, its parties countries, its
fields the taxonomy), and they rest on no paragraph of their own. They are defined here, below
:mod:`defcoop.model.records`, which re-exports and documents them with the others; importing
this module first keeps them first among the record types, as data files list them.
"""

from __future__ import annotations

import attrs

from defcoop.model._coverage import Observed
from defcoop.model._parts import COUNT, DATE, ID_, TEXT, TEXTS, Coverage, Membership
from defcoop.model._show import RecordDisplay
from defcoop.model.dates import PartialDate
from defcoop.model.kinds import StateSystem
from defcoop.model.registry import Reference, record_type
from defcoop.model.rules import (
    ALPHA2,
    COUNTRY_ID,
    COW_ABBREV,
    ID,
    NUMERIC,
    URL,
    WIKIDATA,
    Check,
    Each,
    InstanceOf,
    Without,
    to_tuple,
)

__all__ = ["Country", "Field", "Source"]


@record_type(
    "sources",
    "source",
    date="published",
    label="title",
    references=(Reference("coverage.countries", "country"),),
    meanings={
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
    inclusion=(
        "A document that states at least one fact a record holds, stored and read in full; a "
        "source claims coverage only where it looked at everything of a kind."
    ),
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
    external=("wikidata",),
    meanings={
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
    inclusion=(
        "Every state of the Correlates of War and Gleditsch-Ward state systems, and every "
        "country a record names; listed whether or not any record names it."
    ),
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
    ``wikidata`` is its Wikidata item (``Q881``), where a published list gives it; no two
    countries share one, and ``db.get("Q881")`` finds the country.
    """

    code: str = attrs.field(validator=Check(InstanceOf(str), COUNTRY_ID))
    name: str = attrs.field(validator=TEXT)
    formal_name: str | None = attrs.field(default=None, validator=TEXT)
    alpha2: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), ALPHA2))
    numeric: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), NUMERIC))
    cow_code: int | None = attrs.field(default=None, validator=Check(InstanceOf(int)))
    cow_abbrev: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), COW_ABBREV))
    wikidata: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), WIKIDATA))
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
    meanings={
        "id": "the field's id, as records name it",
        "label": "the field's name",
        "broader": "the id of the field this one lies under in the taxonomy",
    },
    inclusion="Every field of cooperation of the taxonomy, whether or not a record names it.",
)
@attrs.frozen(kw_only=True, repr=False)
class Field(RecordDisplay):
    """A field of cooperation in the taxonomy; ``broader`` is the id of its parent field."""

    id: str = attrs.field(validator=ID_)
    label: str = attrs.field(validator=TEXT)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=TEXTS)
    broader: str | None = attrs.field(default=None, validator=ID_)
    notes: str | None = attrs.field(default=None, validator=TEXT)
