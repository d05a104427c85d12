"""Each dyad by year, what is covered and by what: the coverage table of the codebook and of
the coverage page.

For every pair of countries that a claim or a relationship names, the years 1991 to 2025 are
cut into runs of years over which the same records are covered by the same claims; each run
is one row: the years, what the claims vouch for there (every record type, or the types and
kinds they name), and what they rest on (the sources, or the search). Years no claim reaches
are rows too, marked not covered, so that a reader sees where a panel's counts are missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from defcoop.model.records import Coverage

if TYPE_CHECKING:
    from defcoop.query.collection import Collection

__all__ = ["EVERYTHING", "NOT_COVERED", "YEARS", "dyads", "reaches", "runs", "year_cell"]

YEARS = range(1991, 2026)
EVERYTHING = "all records"
NOT_COVERED = "not covered"


def dyads(db: Collection) -> list[tuple[str, str]]:
    """The pairs of countries a claim or a relationship names, in order of their names."""
    pairs = {tuple(sorted(claim.countries)) for claim in db.claims if len(claim.countries) == 2}
    pairs |= {tuple(sorted(r.parties)) for r in db.relationships()}
    found: list[tuple[str, str]] = [(a, b) for a, b in pairs]
    return sorted(found, key=lambda pair: [db.country(code).name for code in pair])


def reaches(claim: Coverage, pair: tuple[str, str], year: int) -> bool:
    """Whether ``claim`` reaches the dyad in ``year``: every state, one of the two, or both."""
    if not claim.period.start.year <= year <= claim.period.end.year:
        return False
    return set(claim.countries) <= set(pair)


def year_cell(db: Collection, pair: tuple[str, str], year: int) -> tuple[str, str]:
    """What is covered for ``pair`` in ``year``, and by what (ids of sources and searches,
    separated by spaces)."""
    found = [claim for claim in db.claims if reaches(claim, pair, year)]
    if not found:
        return NOT_COVERED, ""
    if any(not claim.records for claim in found):
        what = EVERYTHING
    else:
        what = ", ".join(sorted(set().union(*(claim.records for claim in found))))
    by = sorted({claim.search or source for claim in found for source in claim.sources[:1]})
    return what, " ".join(by)


def runs(db: Collection, pair: tuple[str, str]) -> Iterator[tuple[int, int, str, str]]:
    """The dyad's years in runs with the same cell: ``(first, last, what, by)``."""
    cells = [(year, *year_cell(db, pair, year)) for year in YEARS]
    start = 0
    for end in range(1, len(cells) + 1):
        if end == len(cells) or cells[end][1:] != cells[start][1:]:
            yield cells[start][0], cells[end - 1][0], cells[start][1], cells[start][2]
            start = end
