"""Shared by the tests of the bundled data against its two seed articles (tests/data): the
articles' paragraphs, citations of them, and word runs for the own-words check.

Paragraphs are the blank-line separated blocks of each source, numbered from 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from defcoop import (
    Citation,
    Country,
    Field,
    Record,
    Relationship,
    Source,
)

PILLAR = "pillar-and-highlight"
STRENGTHENING = "strengthening-2016"
# The seed articles, kept beside the tests (tests/fixtures/seeds/README.md says where from).
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_FILES = {PILLAR: "pillar-and-highlight.txt", STRENGTHENING: "strengthening-2016.txt"}
UNCITED_KINDS = (Source, Country, Field)
RECORD_ONLY = frozenset({"id", "inferred", "notes", "sources"})


def p(*paragraphs: int) -> set[Citation]:
    """Citations of paragraphs of pillar-and-highlight."""
    return {Citation(source=PILLAR, paragraph=n) for n in paragraphs}


def s(*paragraphs: int) -> set[Citation]:
    """Citations of paragraphs of strengthening-2016."""
    return {Citation(source=STRENGTHENING, paragraph=n) for n in paragraphs}


def ids(records: Iterable[Record]) -> list[str]:
    """The ids of records, in the order given."""
    return [record.id for record in records]


def seed_citations(record: Record) -> set[Citation]:
    """The citations of a record that point into one of the two seed articles."""
    return {c for c in getattr(record, "sources", ()) if c.source in SEED_FILES}


def seed_citations_for(relationship: Relationship, field: str) -> set[Citation]:
    """The seed citations of a relationship's evidence for one field."""
    return {c for c in relationship.sources_for(field) if c.source in SEED_FILES}


def seed_paragraphs(source_id: str) -> list[str]:
    """The blank-line separated blocks of a source's seed file."""
    text = (SEEDS / SEED_FILES[source_id]).read_text(encoding="utf-8")
    return [block.strip() for block in re.split(r"\n\s*\n", text.strip())]


def words(text: str) -> list[str]:
    """The lower-cased words of a text, punctuation dropped."""
    return re.findall(r"[a-z0-9]+", text.lower())


def runs(tokens: list[str], length: int) -> set[tuple[str, ...]]:
    """Every run of ``length`` consecutive tokens."""
    return {tuple(tokens[i : i + length]) for i in range(len(tokens) - length + 1)}


VNA_TALKS = "vietnamplus-2018-11-15-ministers-talks"
SPUTNIK_BY = "sputnik-by-2018-11-15-plan-signed"
VTV_2014 = "vtv-2014-10-08-thanh-receives-gura"


def cite(source: str, *paragraphs: int) -> set[Citation]:
    """Citations of paragraphs of any source."""
    return {Citation(source=source, paragraph=n) for n in paragraphs}
