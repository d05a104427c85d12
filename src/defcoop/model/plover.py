"""PLOVER beside CAMEO: each event's PLOVER event type, mode and context, by a crosswalk.

PLOVER (Political Language Ontology for Verifiable Event Records) is the event ontology of
the Open Event Data Alliance that replaces CAMEO; POLECAT, the successor of ICEWS, codes with
it. An event in PLOVER has an *event* type (``CONSULT``), an optional *mode* that refines it
(``visit``) and *contexts* that say what it concerns (``military``).

defcoop stores CAMEO codes only; PLOVER is derived, never written in data files
(:attr:`defcoop.Event.plover`). The crosswalk, in this order:

1. **The published table.** The event's CAMEO code is looked up in the CAMEO-to-PLOVER
   conversion table of the PLOVER project (``CAMEO2PLOVER-2021.txt`` in
   https://github.com/openeventdata/PLOVER, "PLOVER manual version Draft 0.8,
   17-September-2021", edited by Philip Schrodt; read at commit ``5e0c24f``). The rows for
   CAMEO's cooperative roots 03 (express intent to cooperate), 04 (consult), 05 (engage in
   diplomatic cooperation) and 06 (engage in material cooperation) are transcribed below,
   as facts: CAMEO code, PLOVER event, mode, context. A code the table does not list takes
   its nearest listed parent (``0423`` is read as ``042``).
2. **The event's kind, where it has no code.** A visit or a delegation exchange is read as
   CAMEO 042 (make a visit), a meeting or conference as 040 (consult), a signing as 057
   (sign formal agreement), an exercise or competition as 062 (cooperate militarily). Other
   kinds without a code have no PLOVER coding.
3. **Multilateral meetings.** A CONSULT event that is a conference or a multilateral
   activity, or that is marked multilateral, takes the mode ``multilateral`` (the PLOVER
   manual's CONSULT modes: "meeting occurs in a multilateral context").
4. **Planned events.** The PLOVER manual codes cooperation reported as intended or to come
   (CONSULT, SUPPORT, COOPERATE, AID in future tense) as ``AGREE``; so does defcoop for a
   planned event, whose mode is then dropped.
5. **Context.** The table's contexts, then ``military`` for every event: defcoop records
   defense cooperation between states, which the manual's ``military`` context covers
   ("official state military bodies").

>>> classify("042", "visit", "occurred")
Plover(event='CONSULT', mode='visit', context=('military',))
>>> str(classify("040", "conference", "occurred"))
'CONSULT-multilateral'
>>> classify("057", "signing", "occurred").event, classify("042", "visit", "planned").event
('SUPPORT', 'AGREE')
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

__all__ = ["CAMEO_TO_PLOVER", "MODES", "Plover", "PloverEvent", "classify"]


class PloverEvent(enum.StrEnum):
    """The sixteen event types of PLOVER, in the manual's order."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


@attrs.frozen
class Plover:
    """An event's PLOVER coding: event type, mode (None where it has none) and contexts.

    Its text is the event and mode joined as the PLOVER manual writes them,
    ``"CONSULT-visit"``, or the event alone.
    """

    event: str
    mode: str | None
    context: tuple[str, ...]

    def __str__(self) -> str:
        return self.event if self.mode is None else f"{self.event}-{self.mode}"

    def filter_keys(self) -> tuple[str, ...]:
        """What ``events(plover=...)`` matches: the event type, and type-mode if any."""
        return (self.event,) if self.mode is None else (self.event, str(self))


_A, _C, _S, _CO = "AGREE", "CONSULT", "SUPPORT", "COOPERATE"

#: CAMEO code -> (PLOVER event, mode, contexts), transcribed from CAMEO2PLOVER-2021.txt
#: (openeventdata/PLOVER, commit 5e0c24f) for CAMEO's cooperative roots 03 to 06.
CAMEO_TO_PLOVER: Mapping[str, tuple[str, str | None, tuple[str, ...]]] = {
    "03": (_A, None, ()),
    "030": (_A, None, ("diplomatic",)),
    "031": (_A, None, ("diplomatic",)),
    "0311": (_A, None, ("economic",)),
    "0312": (_A, None, ("military",)),
    "0313": (_A, None, ("legal",)),
    "0314": (_A, None, ("intelligence",)),
    "032": (_A, None, ("diplomatic",)),
    "033": (_A, None, ("diplomatic",)),
    "0331": (_A, None, ("economic",)),
    "0332": (_A, None, ("military",)),
    "0333": (_A, None, ("humanitarian",)),
    "0334": (_A, None, ("peacekeeping",)),
    "034": (_A, None, ("political_institutions",)),
    "0341": (_A, None, ("political_institutions",)),
    "0342": (_A, None, ("executive",)),
    "0343": (_A, None, ("rights_freedoms",)),
    "0344": (_A, None, ("political_institutions",)),
    "035": (_A, None, ()),
    "0351": (_A, None, ("rights_freedoms",)),
    "0352": (_A, None, ()),
    "0353": (_A, None, ("rights_freedoms",)),
    "0354": (_A, None, ("economic",)),
    "0355": (_A, None, ("diplomatic",)),
    "0356": (_A, None, ("military",)),
    "036": (_A, None, ("diplomatic",)),
    "037": (_A, None, ("diplomatic",)),
    "038": (_A, None, ("diplomatic",)),
    "039": (_A, None, ("diplomatic",)),
    "04": (_C, None, ()),
    "040": (_C, None, ()),
    "041": (_C, "phone", ()),
    "042": (_C, "visit", ()),
    "043": (_C, "visit", ()),
    "044": (_C, "third-party", ()),
    "045": (_C, None, ("diplomatic",)),
    "046": (_C, None, ("diplomatic",)),
    "05": (_S, None, ()),
    "050": (_S, None, ("diplomatic",)),
    "051": (_S, None, ("diplomatic",)),
    "052": (_S, None, ("diplomatic",)),
    "053": (_S, None, ("diplomatic",)),
    "054": (_S, None, ("diplomatic",)),
    "055": (_S, None, ("diplomatic",)),
    "056": (_S, None, ("diplomatic",)),
    "057": (_S, None, ("diplomatic",)),
    "06": (_CO, None, ()),
    "060": (_CO, None, ()),
    "061": (_CO, None, ("economic",)),
    "062": (_CO, None, ("military",)),
    "063": (_CO, None, ("legal",)),
    "064": (_CO, None, ("intelligence",)),
}

#: The CAMEO code an event of each kind is read as when it has no code of its own.
KIND_CAMEO: Mapping[str, str] = {
    "visit": "042",
    "delegation exchange": "042",
    "meeting": "040",
    "conference": "040",
    "signing": "057",
    "exercise": "062",
    "port call": "042",
    "competition": "062",
}

_MULTILATERAL_KINDS = frozenset({"conference", "multilateral activity"})
_FUTURE_AS_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
_DOMAIN_CONTEXT = "military"

#: For each PLOVER event, the modes the crosswalk can give it (those of the table, and for
#: CONSULT the four modes of the PLOVER manual, visit, third-party, multilateral and phone).
MODES: Mapping[str, frozenset[str]] = {
    event.value: frozenset(
        {mode for e, mode, _ in CAMEO_TO_PLOVER.values() if e == event and mode}
        | ({"visit", "third-party", "multilateral", "phone"} if event == "CONSULT" else set())
    )
    for event in PloverEvent
}


def _row(cameo: str) -> tuple[str, str | None, tuple[str, ...]] | None:
    """The table's row for a CAMEO code, or for its nearest listed parent."""
    code = cameo
    while len(code) >= 2:
        row = CAMEO_TO_PLOVER.get(code)
        if row is not None:
            return row
        code = code[:-1]
    return None


def classify(
    cameo: str | None, kind: str, status: str, *, multilateral: bool = False
) -> Plover | None:
    """The PLOVER coding of an event from its CAMEO code, kind and status (see above).

    Args:
        cameo: the event's CAMEO code, or None.
        kind: its kind's word (``"visit"``); used where it has no code, and for meetings.
        status: ``"occurred"`` or ``"planned"``.
        multilateral: whether it involves more than the two parties.

    Returns:
        The coding, or None where neither the code nor the kind maps to PLOVER.
    """
    code = cameo if cameo is not None else KIND_CAMEO.get(str(kind))
    row = None if code is None else _row(code)
    if row is None:
        return None
    event, mode, context = row
    if event == "CONSULT" and (multilateral or str(kind) in _MULTILATERAL_KINDS):
        mode = "multilateral"
    if str(status) == "planned" and event in _FUTURE_AS_AGREE:
        event, mode = "AGREE", None
    if _DOMAIN_CONTEXT not in context:
        context = (*context, _DOMAIN_CONTEXT)
    return Plover(event=event, mode=mode, context=context)
