"""Write a dataset to a folder in the formats of the field, all files or none.

=============== ====================================================================
format          what is written
=============== ====================================================================
``json``        ``defcoop.json``, the data-file schema that :func:`defcoop.load` reads
``csv``         one CSV file per record type
``plover``      ``events.plover.jsonl``: events as PLOVER-style JSON lines
``datapackage`` CSV tables and ``datapackage.json``, a Frictionless Data Package (v2)
``parquet``     one Parquet file per record type (needs ``defcoop[arrow]``)
=============== ====================================================================

Files are written all or nothing: every file is first written into a temporary folder
beside the targets and moved into place only once all are written; existing files are
refused unless ``force=True`` (``--force``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from defcoop.errors import ArgumentError

if TYPE_CHECKING:
    from defcoop.dataset import Dataset
    from defcoop.model.records import Event, Source

__all__ = ["FORMATS", "export", "export_files", "plover_lines", "render"]

FORMATS = ("json", "csv", "plover", "datapackage", "parquet")
"""The formats :func:`export` writes."""

#: The codebook named in each PLOVER line's citation.
PLOVER_CODEBOOK = (
    "PLOVER Draft 0.8, derived from CAMEO by defcoop's crosswalk (defcoop.model.plover)"
)


def render(dataset: Dataset, format: str) -> dict[str, str | bytes]:
    """The files of one format, by name, as text or (Parquet) bytes; nothing is written."""
    if format == "json":
        from defcoop.io.serialize import dumps

        return {"defcoop.json": dumps(dataset)}
    if format == "csv":
        from defcoop.model.registry import collections
        from defcoop.query import _tabular

        return {
            f"{key}.csv": _tabular.csv_text((r for r in dataset if type(r) is cls), cls)
            for key, cls in collections().items()
        }
    if format == "plover":
        return {"events.plover.jsonl": plover_lines(dataset)}
    if format == "datapackage":
        from defcoop.io import datapackage

        return dict(datapackage.files(dataset))
    if format == "parquet":
        from defcoop.io.parquet import parquet_files

        return dict(parquet_files(dataset))
    from defcoop.query._lookup import unknown

    raise unknown("export format", str(format), FORMATS)


def export(
    dataset: Dataset,
    folder: str | os.PathLike[str],
    *,
    format: str = "json",
    force: bool = False,
) -> list[Path]:
    """Write ``dataset`` into ``folder`` (created if needed) in ``format``; return the paths.

    Raises:
        ArgumentError: for an empty folder name.
        ExportError: for files that exist when ``force`` is false, or a folder that cannot
            be written; nothing is changed then.
        MissingExtraError: for Parquet without pyarrow (``pip install "defcoop[arrow]"``).
    """
    return export_files(folder, render(dataset, format), force=force)


def export_files(
    folder: str | os.PathLike[str], contents: Mapping[str, str | bytes], *, force: bool = False
) -> list[Path]:
    """Write files (name: text or bytes) into ``folder``, all or nothing, as :func:`export`."""
    if not os.fspath(folder):
        raise ArgumentError("export needs a folder: got an empty path")
    return _write_all(Path(folder), contents, force=force)


def _write_all(folder: Path, contents: Mapping[str, str | bytes], *, force: bool) -> list[Path]:
    from defcoop.io import _writer as _export

    return _export.write_all(folder, contents, force=force)


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
