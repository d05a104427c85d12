"""The table that opens the coverage page: each dyad by year, what is covered and by what.

For every pair of countries that a claim or a relationship names, the years 1991 to 2025 are
cut into runs of years over which the same records are covered by the same claims; each run
is one row: the years, what the claims vouch for there (every record type, or the types and
kinds they name), and what they rest on (the sources, or the search). Years no claim reaches
are rows too, marked not covered, so that a reader sees at a glance where a panel's counts
are missing. The rows are short enough to read on a phone. The runs are those of the
codebook's coverage table (``defcoop.views._coverage_runs``); this module writes them as
the page's Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from defcoop import Dataset
from defcoop.views._coverage_runs import EVERYTHING, NOT_COVERED, YEARS, dyads, runs

__all__ = ["EVERYTHING", "NOT_COVERED", "YEARS", "dyads", "render_table", "rows"]


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
        for first, last, what, by in runs(db, pair):
            years = years_text(first, last)
            shown = f"*{NOT_COVERED}*" if what == NOT_COVERED else text(what)
            lines.append(f"| {years} | {shown} | {' '.join(link(i) for i in by.split())} |")
        lines.append("")
    return lines


def years_text(first: int, last: int) -> str:
    """A run's years as the table writes them: ``2008``, or two years joined by an en dash."""
    return str(first) if first == last else f"{first}\N{EN DASH}{last}"


def rows(db: Dataset) -> Sequence[tuple[tuple[str, str], str, str, str]]:
    """Every row of the table as data: ``(dyad, years, what, by)``."""
    return [
        (pair, years_text(first, last), what, by)
        for pair in dyads(db)
        for first, last, what, by in runs(db, pair)
    ]
