"""PLOVER: events as JSON lines, in the fields of the PLOVER manual's JSON table.

Each event is one JSON object on one line (:func:`plover_lines`), coded through defcoop's
CAMEO-to-PLOVER crosswalk (:mod:`defcoop.model.plover`) and citing the paragraphs of its
sources, so that the data joins POLECAT-style event data.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from defcoop.io._registry import Format

if TYPE_CHECKING:
    from defcoop.dataset import Dataset
    from defcoop.model.records import Event, Source

__all__ = ["FORMAT", "PLOVER_CODEBOOK", "plover_lines"]

#: The codebook named in each PLOVER line's citation.
PLOVER_CODEBOOK = (
    "PLOVER Draft 0.8, derived from CAMEO by defcoop's crosswalk (defcoop.model.plover)"
)


def plover_lines(dataset: Dataset) -> str:
    """Every event as one PLOVER-style JSON object per line, in query order.

    Fields, after the PLOVER manual's JSON table: ``id``; ``date`` and ``enddate`` (the
    first and last day the event's dates may mean, ``YYYY-MM-DD``) with defcoop's own
    ``date_text`` and ``date_precision`` beside them, so that "November 2018" is not
    mistaken for its first day (``enddate`` is null for a period still running);
    ``actor`` and ``recipient`` (lists of entities with the country's ``code`` and
    ``entity_text``: the event's own actor and recipient, or else every party as the actor,
    as the PLOVER manual does for meetings with no clear visitor and host); ``event``,
    ``mode`` and ``context`` (lists,
    from :attr:`defcoop.Event.plover`; ``has_event`` is false and they are empty for an
    event the crosswalk cannot code); ``cameo``; ``several`` and ``count`` (a record that
    stands for more than one event); ``comment`` (the title); and ``cite_info``,
    one object per source with the paragraphs, title, publisher, language and URL.
    """
    info = dataset.info
    lines = []
    for event in dataset.events():
        line = json.dumps(_plover_record(dataset, event, info), ensure_ascii=False)
        lines.append(line.translate(_LINE_BREAKS))
    return "".join(line + "\n" for line in lines)


# Characters that end a line for some readers (str.splitlines among them) but that JSON
# leaves unescaped: escaped, so that each record is exactly one line for every reader.
_LINE_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


def _entity(dataset: Dataset, code: str) -> dict[str, str]:
    return {"code": code, "entity_text": dataset.country(code).name}


def _sides(event: Event) -> tuple[list[str], list[str]]:
    """Actor and recipient: the event's own, or else every party as the actor.

    The second is the PLOVER manual's rule for meetings with no clear visitor and host.
    """
    if event.actor is None and event.recipient is None:
        return list(event.parties), []
    return ([event.actor] if event.actor else []), ([event.recipient] if event.recipient else [])


def _plover_record(dataset: Dataset, event: Event, info: Any) -> dict[str, Any]:
    coding = event.plover
    actor, recipient = _sides(event)
    when = event.when
    return {
        "id": event.id,
        "date": None if when is None else when.earliest.isoformat(),
        "enddate": None if when is None or when.open else when.latest.isoformat(),
        "date_text": None if when is None else str(when),
        "date_precision": None if when is None else when.precision.name.lower(),
        "actor": [_entity(dataset, code) for code in actor],
        "recipient": [_entity(dataset, code) for code in recipient],
        "has_event": coding is not None,
        "event": [] if coding is None else [coding.event],
        "mode": [] if coding is None or coding.mode is None else [coding.mode],
        "context": [] if coding is None else list(coding.context),
        "cameo": event.cameo,
        "several": event.several,
        "count": event.count,
        "comment": event.title,
        "cite_info": _cite_info(dataset, event, info),
    }


def _cite_info(dataset: Dataset, event: Event, info: Any) -> list[dict[str, Any]]:
    by_source: dict[str, tuple[Source, list[int]]] = {}
    for item in dataset.evidence(event):
        found = by_source.setdefault(item.source.id, (item.source, []))
        found[1].append(item.paragraph)
    cited = []
    for source, paragraphs in by_source.values():
        numbers = sorted(set(paragraphs))
        entry: dict[str, Any] = {
            "corpus": "defcoop",
            "citation": f"{source.id} " + ", ".join(f"¶{n}" for n in numbers),
            "paragraphs": numbers,
            "url": source.url,
            "title": source.title,
            "language": source.language,
            "publication": source.publisher,
            "codebook": PLOVER_CODEBOOK,
        }
        if info is not None:
            entry["version"] = info.version
        cited.append(entry)
    return cited


def _files(dataset: Dataset) -> dict[str, str]:
    return {"events.plover.jsonl": plover_lines(dataset)}


#: PLOVER-style JSON lines.
FORMAT = Format(
    name="plover",
    suffix=".jsonl",
    title="PLOVER JSON lines",
    writes="``events.plover.jsonl``: events as PLOVER-style JSON lines",
    writer=_files,
)
