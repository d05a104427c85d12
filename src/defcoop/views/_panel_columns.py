"""What each column of a panel means and holds, and what each count column counts: declared once.

A column counts the records of one type, of every kind or of some (:class:`Counted`); a
cell of the column is covered only where a claim vouches for those records there
(:func:`defcoop.model._coverage.vouches`). Panels, their metadata (``"counted"``,
``"columns"``), the codebook (:func:`defcoop.codebook`) and the tests read these
declarations (:data:`COUNTED`, :data:`MEANINGS`, :func:`dtype`), never lists of their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from defcoop.model._coverage import Counted
from defcoop.model.kinds import EventKind

__all__ = ["COUNTED", "FIELDS_COUNTED", "MEANINGS", "dtype", "meaning", "union"]

_VISITS = Counted("events", frozenset({EventKind.VISIT.value}))
COUNTED: dict[str, Counted] = {
    "agreements_signed": Counted("agreements"),
    "agreements_in_force": Counted("agreements"),
    "agreements_in_force_open": Counted("agreements"),
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


_BOTH_WAYS = "from the first state to the second (both ways when not directed)"

MEANINGS: dict[str, str] = {
    "ccode1": "the first state's Correlates of War state number",
    "ccode2": "the second state's Correlates of War state number",
    "ccode": "the state's Correlates of War state number",
    "gwcode1": "the first state's Gleditsch-Ward state number",
    "gwcode2": "the second state's Gleditsch-Ward state number",
    "gwcode": "the state's Gleditsch-Ward state number",
    "year": "the calendar year",
    "stateabb1": "the first state's Correlates of War abbreviation",
    "stateabb2": "the second state's Correlates of War abbreviation",
    "stateabb": "the state's Correlates of War abbreviation",
    "agreements_signed": "agreements signed in the year",
    "agreements_in_force": (
        "agreements in force in the year: from entry into force (or signing) to their end;"
        " with no end known, until a source says otherwise"
    ),
    "agreements_in_force_open": (
        "of agreements_in_force, those counted in force because no source gives their end"
    ),
    "events_occurred": "events that took place in the year",
    "events_planned": "events planned for the year",
    "visits": f"visits {_BOTH_WAYS}",
    "visits_made": "visits the state made",
    "visits_received": "visits the state received",
    "multilateral_events": "events involving more than the two parties",
    "mechanisms_active": (
        "standing mechanisms reported at work in the year (their period covers it); missing"
        " where a mechanism of the unit may have been at work unreported: after its founding"
        " (any year, if undated) but outside its period"
    ),
    "framework": "the relationship's framework, from the year it began",
    "transfers_ordered": f"arms transfers ordered in the year, {_BOTH_WAYS}",
    "transfers_delivering": (
        f"arms transfers with a delivery in the year, {_BOTH_WAYS}; missing where a deal may"
        " have delivered unrecorded"
    ),
    "units_delivered": (
        f"units of arms delivered in the year, {_BOTH_WAYS}; missing where a delivery's count"
        " is not known"
    ),
    "transfers_supplied": "arms transfers the state supplied, ordered in the year",
    "transfers_received": "arms transfers the state received, ordered in the year",
    "units_supplied": "units of arms the state delivered in the year; missing where not known",
    "units_received": "units of arms delivered to the state in the year; missing where not known",
    "<count>_lb": (
        "true where the count is a lower bound: a record standing for several, with no number"
        " given, counts as one"
    ),
    "field_<id>": (
        "1 where an agreement signed or in force in the year covers the field or one below"
        " it, 0 where none does"
    ),
}
"""What each column of a panel means; ``<count>_lb`` stands for every lower-bound companion
and ``field_<id>`` for every field column (see :func:`meaning`)."""

_TEXT = frozenset({"stateabb1", "stateabb2", "stateabb", "framework"})


def meaning(name: str, field: str | None = None) -> str:
    """What the panel column ``name`` means; ``field`` is the label of a field column's field.

    >>> meaning("visits_lb").split(":")[0]
    'true where visits is a lower bound'

    Raises:
        KeyError: for a name that is no panel column.
    """
    if name.endswith("_lb") and name.removesuffix("_lb") in MEANINGS:
        return MEANINGS["<count>_lb"].replace("the count", name.removesuffix("_lb"))
    if name.startswith("field_"):
        text = MEANINGS["field_<id>"]
        return text.replace("the field", field) if field else text
    return MEANINGS[name]


def dtype(name: str) -> str:
    """The pandas dtype of the panel column ``name`` in :meth:`Panel.to_frame`, whatever the
    data: ``boolean`` for lower-bound flags, ``string`` for abbreviations and the framework,
    nullable ``Int64`` for codes, years, counts and field flags."""
    if name.endswith("_lb"):
        return "boolean"
    return "string" if name in _TEXT else "Int64"


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
