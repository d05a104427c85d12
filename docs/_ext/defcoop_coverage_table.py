"""The table that opens the coverage page: each dyad by year, what is covered and by what.

For every pair of countries that a claim or a relationship names, the years 1991 to 2025 are
cut into runs of years over which the same records are covered by the same claims; each run
is one row: the years, what the claims vouch for there (every record type, or the types and
kinds they name), and what they rest on (the sources, or the search). Years no claim reaches
are rows too, marked not covered, so that a reader sees at a glance where a panel's counts
are missing. The rows are short enough to read on a phone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from defcoop import Coverage, Dataset

YEARS = range(1991, 2026)
EVERYTHING = "all records"
NOT_COVERED = "*not covered*"


def dyads(db: Dataset) -> list[tuple[str, str]]:
    """The pairs of countries a claim or a relationship names, in order of their names."""
    pairs = {tuple(sorted(claim.countries)) for claim in db.claims if len(claim.countries) == 2}
    pairs |= {tuple(sorted(r.parties)) for r in db.relationships()}
    return sorted(pairs, key=lambda pair: [db.country(code).name for code in pair])  # type: ignore[misc]


def reaches(claim: Coverage, pair: tuple[str, str], year: int) -> bool:
    """Whether ``claim`` reaches the dyad in ``year``: every state, one of the two, or both."""
    if not claim.period.start.year <= year <= claim.period.end.year:
        return False
    return set(claim.countries) <= set(pair)


def year_cell(db: Dataset, pair: tuple[str, str], year: int) -> tuple[str, str]:
    """What is covered for ``pair`` in ``year``, and by what (ids of sources and searches)."""
    found = [claim for claim in db.claims if reaches(claim, pair, year)]
    if not found:
        return NOT_COVERED, ""
    if any(not claim.records for claim in found):
        what = EVERYTHING
    else:
        what = ", ".join(sorted(set().union(*(claim.records for claim in found))))
    by = sorted({claim.search or source for claim in found for source in claim.sources[:1]})
    return what, " ".join(by)


def runs(db: Dataset, pair: tuple[str, str]) -> Iterator[tuple[str, str, str]]:
    """The dyad's years in runs with the same cell: ``(years, what, by)``."""
    cells = [(year, *year_cell(db, pair, year)) for year in YEARS]
    start = 0
    for end in range(1, len(cells) + 1):
        if end == len(cells) or cells[end][1:] != cells[start][1:]:
            first, last = cells[start][0], cells[end - 1][0]
            years = str(first) if first == last else f"{first}\N{EN DASH}{last}"
            yield years, cells[start][1], cells[start][2]
            start = end


def render_table(db: Dataset, link: Callable[[str], str], text: Callable[[str], str]) -> list[str]:
    """The table as MyST Markdown lines, one section per dyad; ``link`` makes a record's link
    and ``text`` escapes plain text."""
    lines = [
        "## What is covered, year by year",
        "",
        f"Each pair of countries from {YEARS.start} to {YEARS.stop - 1}: over each run of "
        "years, what the coverage claims vouch for (*all records*, or the record types and "
        "kinds they name) and the sources or searches they rest on. Where a run is *not "
        "covered*, a panel's counts are missing, not 0.",
        "",
    ]
    for pair in dyads(db):
        names = " \N{EN DASH} ".join(db.country(code).name for code in pair)
        lines += [f"### {text(names)}", "", "| years | covered | by |", "| --- | --- | --- |"]
        for years, what, by in runs(db, pair):
            shown = what if what == NOT_COVERED else text(what)
            lines.append(f"| {years} | {shown} | {' '.join(link(i) for i in by.split())} |")
        lines.append("")
    return lines


def rows(db: Dataset) -> Sequence[tuple[tuple[str, str], str, str, str]]:
    """Every row of the table as data: ``(dyad, years, what, by)``."""
    return [(pair, *run) for pair in dyads(db) for run in runs(db, pair)]
