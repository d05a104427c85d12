"""What each count column of a panel counts, declared once, and how coverage marks combine.

A column counts the records of one type, of every kind or of some (:class:`Counted`); a
cell of the column is covered only where a claim vouches for those records there
(:func:`defcoop.model._coverage.vouches`). Panels, their metadata (``"counted"``) and the
tests read this declaration, never a list of their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from defcoop.model._coverage import Counted
from defcoop.model.kinds import EventKind

__all__ = ["COUNTED", "FIELDS_COUNTED", "union"]

_VISITS = Counted("events", frozenset({EventKind.VISIT.value}))
COUNTED: dict[str, Counted] = {
    "agreements_signed": Counted("agreements"),
    "agreements_in_force": Counted("agreements"),
    "events_occurred": Counted("events"),
    "events_planned": Counted("events"),
    "visits": _VISITS,
    "visits_made": _VISITS,
    "visits_received": _VISITS,
    "multilateral_events": Counted("events"),
    "mechanisms_active": Counted("mechanisms"),
    **dict.fromkeys(
        (
            "transfers_ordered",
            "transfers_delivering",
            "units_delivered",
            "transfers_supplied",
            "transfers_received",
            "units_supplied",
            "units_received",
        ),
        Counted("transfers"),
    ),
}
"""What each count column counts, declared once: a cell of a column is covered only where a
claim vouches for these records there (a claim for ``events:visit`` alone leaves
``events_occurred`` missing and ``visits`` counted)."""

FIELDS_COUNTED = Counted("agreements")
"""What the field columns (``field_<id>``) read: agreements signed or in force."""


def union(arrays: Sequence[bytearray], size: int) -> bytearray:
    """The rows marked in any of ``arrays`` (each 0 or 1 per row), at C speed."""
    if not arrays:
        return bytearray(size)
    if len(arrays) == 1:
        return arrays[0]
    total = 0
    for flags in arrays:
        total |= int.from_bytes(flags, "little")
    return bytearray(total.to_bytes(size, "little"))
