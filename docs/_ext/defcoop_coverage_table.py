"""What is covered, dyad by year: the table that opens the coverage page, and its details.

For every pair of countries that a claim or a relationship names, the years 1991 to 2025 are
cut into runs of years over which the same records are covered by the same claims.

The coverage page opens with one compact table (:func:`render_glance`): a row per run of
years, a column per dyad that is covered at all, each cell saying what the claims vouch for
(*all* record types, or the types and kinds they name) and on how many sources or searches
they rest; years no claim reaches show a dash, so that a reader sees at once where a panel's
counts are missing. It is short enough to read on a phone. The sources and searches behind
each cell, by id, are listed per dyad on the records page (:func:`render_table`), which each
column's heading links to. The runs themselves are those of the codebook's coverage table
(``defcoop.views._coverage_runs``): this module lays them out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from defcoop import Dataset
from defcoop.views import _coverage_runs
from defcoop.views._coverage_runs import EVERYTHING, NOT_COVERED, YEARS, dyads, reaches, year_cell

__all__ = [
    "EVERYTHING",
    "NOT_COVERED",
    "YEARS",
    "dyads",
    "reaches",
    "render_glance",
    "render_table",
    "rows",
    "runs",
    "year_cell",
]

NOT_COVERED_CELL = "\N{EM DASH}"


def dyad_label(pair: tuple[str, str]) -> str:
    """The label of a dyad's detailed table on the records page.

    >>> dyad_label(("BLR", "VNM"))
    'covered-blr-vnm'
    """
    return "covered-" + "-".join(code.lower() for code in pair)


def cell(what: str, by: str) -> str:
    """A compact cell: what is covered (``all`` for every record type) and on how many
    sources or searches it rests; a dash where nothing is covered.

    >>> cell(EVERYTHING, "a b c"), cell("events:visit", "s"), cell(NOT_COVERED, "")
    ('all (3)', 'events:visit (1)', '—')
    """
    if what == NOT_COVERED:
        return NOT_COVERED_CELL
    shown = "all" if what == EVERYTHING else what
    return f"{shown} ({len(by.split())})"


def glance(db: Dataset) -> tuple[list[tuple[str, str]], list[tuple[str, list[str]]]]:
    """The compact table as data: the dyads covered in some year, and one row per run of
    years over which every dyad's cell is the same (``(years, cells)``)."""
    pairs = [p for p in dyads(db) if any(year_cell(db, p, y)[0] != NOT_COVERED for y in YEARS)]
    cells = [[cell(*year_cell(db, pair, year)) for pair in pairs] for year in YEARS]
    found: list[tuple[str, list[str]]] = []
    start = 0
    for end in range(1, len(cells) + 1):
        if end == len(cells) or cells[end] != cells[start]:
            first, last = YEARS[start], YEARS[end - 1]
            years = str(first) if first == last else f"{first}\N{EN DASH}{last}"
            found.append((years, cells[start]))
            start = end
    return pairs, found


def render_glance(db: Dataset, text: Callable[[str], str]) -> list[str]:
    """The compact table as MyST Markdown lines, with the dyads never covered named below."""
    pairs, found = glance(db)
    names = {p: " \N{EN DASH} ".join(db.country(code).name for code in p) for p in dyads(db)}
    header = [f"{{ref}}`{names[pair]} <{dyad_label(pair)}>`" for pair in pairs]
    lines = [
        "```{list-table}",
        ":header-rows: 1",
        ":class: defcoop-glance",
        "",
        "* - years",
        *(f"  - {title}" for title in header),
    ]
    for years, cells in found:
        lines += [f"* - {years}", *(f"  - {c}" for c in cells)]
    lines += ["```", ""]
    never = [text(names[pair]) for pair in dyads(db) if pair not in pairs]
    if never:
        lines += [f"Not covered in any year: {', '.join(never)}.", ""]
    return lines


def runs(db: Dataset, pair: tuple[str, str]) -> Iterator[tuple[str, str, str]]:
    """The dyad's years in runs with the same cell: ``(years, what, by)``, the years as text."""
    for first, last, what, by in _coverage_runs.runs(db, pair):
        yield (str(first) if first == last else f"{first}\N{EN DASH}{last}"), what, by


def render_table(db: Dataset, link: Callable[[str], str], text: Callable[[str], str]) -> list[str]:
    """The table as MyST Markdown lines, one section per dyad; ``link`` makes a record's link
    and ``text`` escapes plain text."""
    lines = [
        "## What is covered, year by year",
        "",
        f"Each pair of countries from {YEARS.start} to {YEARS.stop - 1}. Each row is a run of "
        "years with the same claims. It says what they vouch for (*all records*, or the "
        "record types and kinds they name) and the sources or searches they rest on. Where "
        "a run is *not covered*, a panel's counts are missing, not 0.",
        "",
    ]
    for pair in dyads(db):
        names = " \N{EN DASH} ".join(db.country(code).name for code in pair)
        lines += [f"({dyad_label(pair)})=", f"### {text(names)}", ""]
        lines += ["| years | covered | by |", "| --- | --- | --- |"]
        for years, what, by in runs(db, pair):
            shown = f"*{NOT_COVERED}*" if what == NOT_COVERED else text(what)
            lines.append(f"| {years} | {shown} | {' '.join(link(i) for i in by.split())} |")
        lines.append("")
    return lines


def rows(db: Dataset) -> Sequence[tuple[tuple[str, str], str, str, str]]:
    """Every row of the table as data: ``(dyad, years, what, by)``."""
    return [(pair, *run) for pair in dyads(db) for run in runs(db, pair)]
