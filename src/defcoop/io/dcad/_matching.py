"""DCAD rows matched to the agreements a dataset already holds, so no treaty counts twice.

A row **matches** an agreement of the base dataset that already carries its identifier
(``dcad:<DCAid>``), or else the one agreement with the same parties, signed the same day (at
the same precision) and of the same kind (or the same DCAD scope). A matched row adds no
agreement: the report names the agreement it is. A row is in **doubt** where an agreement
of the same parties comes close without matching (signed on a date that contains the row's
or is contained in it, or the same day but of another kind), or where several match: the
row is added as an agreement of its own, and the doubt is reported with the candidates and
why, for a curator to settle. Every other row is new.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

from defcoop.io.dcad._rows import Row
from defcoop.model.dates import PartialDate
from defcoop.model.kinds import AgreementKind

if TYPE_CHECKING:
    from defcoop.model.records import Agreement

__all__ = ["Doubt", "Match", "MatchReport", "Matcher"]


@attrs.frozen(kw_only=True)
class Match:
    """A DCAD row that is an agreement the base dataset holds already."""

    row: int
    """The row of the DCAD file, from 1 after the header."""
    dcaid: str
    agreement: str
    """The id of the agreement of the base dataset."""
    by: str
    """How it matched, ``"identifier"`` (it carries ``dcad:<DCAid>``) or ``"parties, date and
    kind"``."""

    def __str__(self) -> str:
        return f"row {self.row} (DCAid {self.dcaid}) is {self.agreement}, by {self.by}"


@attrs.frozen(kw_only=True)
class Doubt:
    """A DCAD row that may be an agreement the base dataset holds: added, and reported."""

    row: int
    dcaid: str
    candidates: tuple[str, ...]
    """The ids of the agreements it may be."""
    reason: str

    def __str__(self) -> str:
        return (
            f"row {self.row} (DCAid {self.dcaid}) may be {' or '.join(self.candidates)}: "
            f"{self.reason}; added as dcad-{self.dcaid}"
        )


@attrs.frozen(kw_only=True)
class MatchReport:
    """What matching a DCAD file against a dataset found: each match, each doubt, and how
    many rows were new.

    ``crosswalk`` maps each matched DCAid to the id of the agreement it is.
    """

    matches: tuple[Match, ...] = ()
    doubts: tuple[Doubt, ...] = ()
    new: int = 0

    @property
    def crosswalk(self) -> dict[str, str]:
        """Each matched DCAid and the id of the base dataset's agreement it is."""
        return {match.dcaid: match.agreement for match in self.matches}

    def __str__(self) -> str:
        lines = [f"{len(self.matches)} matched, {len(self.doubts)} in doubt, {self.new} new"]
        lines += [f"matched: {m}" for m in self.matches]
        lines += [f"doubt: {d}" for d in self.doubts]
        return "\n".join(lines)


class Matcher:
    """Matches rows against the agreements of a base dataset, indexed once by their parties."""

    def __init__(self, agreements: Iterable[Agreement]) -> None:
        self.by_parties: dict[frozenset[str], list[Agreement]] = {}
        self.by_identifier: dict[str, Agreement] = {}
        for agreement in agreements:
            if agreement.kind is AgreementKind.CONTRACT:
                continue
            self.by_parties.setdefault(frozenset(agreement.parties), []).append(agreement)
            for identifier in agreement.identifiers:
                if identifier.startswith("dcad:"):
                    self.by_identifier.setdefault(identifier, agreement)
        self.pairs = frozenset(
            (first, second)
            for parties in self.by_parties
            for first in parties
            for second in parties
        )
        """The parties of the agreements, as pairs in either order: a row of one may match."""
        self.dcaids = frozenset(identifier[len("dcad:") :] for identifier in self.by_identifier)
        """The DCAids the agreements carry (``dcad:<DCAid>``): a row with one of them matches."""
        self.matches: list[Match] = []
        self.doubts: list[Doubt] = []
        self.taken: dict[str, int] = {}
        """Each matched agreement's id and the row that matched it."""

    def match(self, row: Row) -> bool:
        """Whether ``row`` is an agreement of the base dataset (recorded as a match); a doubt
        is recorded, and the row counts as new."""
        known = self.by_identifier.get(f"dcad:{row.dcaid}")
        if known is not None:
            return self._matched(row, known, "identifier")
        candidates = self.by_parties.get(frozenset(row.parties)) if self.by_parties else None
        if not candidates:
            return False
        same = [a for a in candidates if a.signed == row.signed and _same_kind(a, row)]
        if len(same) == 1:
            return self._matched(row, same[0], "parties, date and kind")
        if same:
            reason = f"{len(same)} agreements of these parties were signed that day, of its kind"
            self._doubt(row, same, reason)
            return False
        close = list(_close(candidates, row))
        if close:
            self._doubt(row, [a for a, _ in close], "; ".join(why for _, why in close))
        return False

    def _matched(self, row: Row, agreement: Agreement, by: str) -> bool:
        first = self.taken.setdefault(agreement.id, row.number)
        if first != row.number:
            self._doubt(row, [agreement], f"row {first} matched it already")
            return False
        self.matches.append(Match(row=row.number, dcaid=row.dcaid, agreement=agreement.id, by=by))
        return True

    def _doubt(self, row: Row, candidates: list[Agreement], reason: str) -> None:
        ids = tuple(a.id for a in candidates)
        self.doubts.append(Doubt(row=row.number, dcaid=row.dcaid, candidates=ids, reason=reason))

    def report(self, new: int) -> MatchReport:
        """The report of every row matched so far; ``new`` rows were added."""
        return MatchReport(matches=tuple(self.matches), doubts=tuple(self.doubts), new=new)


def _same_kind(agreement: Agreement, row: Row) -> bool:
    if agreement.kind is row.kind:
        return True
    return agreement.scope is not None and agreement.scope is row.scope


def _close(candidates: list[Agreement], row: Row) -> Iterator[tuple[Agreement, str]]:
    """The candidates signed on a date that holds the row's or lies within it, or the same
    day but of another kind, each with what differs."""
    for agreement in candidates:
        signed = agreement.signed
        if signed is None or row.signed is None:
            continue
        if signed == row.signed:
            yield (
                agreement,
                (
                    f"{agreement.id} is a {agreement.kind.value} signed that day, the row a "
                    f"{row.kind.value}"
                ),
            )
        elif _within(signed, row.signed) or _within(row.signed, signed):
            yield agreement, f"{agreement.id} was signed {signed}, the row says {row.signed}"


def _within(inner: PartialDate, outer: PartialDate) -> bool:
    """Whether the date ``inner`` lies inside ``outer``, a date of a coarser precision."""
    return (
        inner.year == outer.year
        and (outer.month is None or inner.month == outer.month)
        and (outer.day is None or inner.day == outer.day)
    )
