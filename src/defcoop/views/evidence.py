"""The evidence for a record: its citations resolved to the sources' title, publisher and date.

An answer is only as good as what backs it, so :meth:`Dataset.evidence
<defcoop.Dataset.evidence>` returns everything needed to print the evidence under it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from defcoop.errors import DataError, Problem
from defcoop.model import registry
from defcoop.model._show import RecordDisplay
from defcoop.model.dates import PartialDate
from defcoop.model.records import Citation, Field, Record, Relationship, Source
from defcoop.model.rules import Check, Each, InstanceOf, to_tuple
from defcoop.query import _display

if TYPE_CHECKING:
    from defcoop.query.collection import Collection

__all__ = ["CitedParagraph", "Evidence"]


@attrs.frozen(kw_only=True)
class CitedParagraph:
    """One cited paragraph and the source it is in.

    ``field`` is set for a relationship's per-field evidence: the field of cooperation this
    paragraph names for the pair; it is None for the record's own citations. A value of
    another type raises :class:`~defcoop.RecordError` naming the attribute, as records do.
    """

    citation: Citation = attrs.field(validator=Check(InstanceOf(Citation)))
    source: Source = attrs.field(validator=Check(InstanceOf(Source)))
    field: Field | None = attrs.field(default=None, validator=Check(InstanceOf(Field)))

    @property
    def paragraph(self) -> int:
        """The paragraph number, counted from 1."""
        return self.citation.paragraph

    @property
    def title(self) -> str | None:
        """The source's title, None where the source states none."""
        return self.source.title

    @property
    def publisher(self) -> str | None:
        """The source's publisher, None where the source states none."""
        return self.source.publisher

    @property
    def published(self) -> PartialDate | None:
        """When the source was published, None where it is not stated."""
        return self.source.published

    def __str__(self) -> str:
        return f"{self.citation} — {_describe(self.source)}"


@attrs.frozen(kw_only=True, repr=False)
class Evidence:
    """Every paragraph a record cites, with its source; prints as a list under an answer.

    >>> import defcoop
    >>> db = defcoop.load()
    >>> print(db.evidence("vnm-blr-military-science-2018"))  # doctest: +ELLIPSIS
    Evidence for agreement vnm-blr-military-science-2018 (Agreement on military science):
      pillar-and-highlight ¶12, ¶13; vietnamplus-2018-11-15-ministers-talks ¶1; sputnik-by-2018-11-15-plan-signed ¶4
    Sources:
      pillar-and-highlight: Vietnam's defense cooperation with Russia and with Belarus (untitled English translation); publisher not stated; undated; translated by Tran Hoai; https://en.qdnd.vn/... (accessed 1 December 2026)
      vietnamplus-2018-11-15-ministers-talks: Vietnamese, Belarusian defence ministers hold talks (headline not in the stored copy); VietnamPlus (Vietnam News Agency); 15 November 2018; https://en.vietnamplus.vn/vietnamese-belarusian-defence-ministers-hold-talks/141906.vnp (accessed 1 December 2026)
      sputnik-by-2018-11-15-plan-signed: Беларусь и Вьетнам подписали план военного сотрудничества; Sputnik Беларусь; 15 November 2018; https://sputnik.by/... (accessed 1 December 2026)
    """  # noqa: E501

    record: Record = attrs.field(validator=Check(InstanceOf(RecordDisplay, "a record")))
    items: tuple[CitedParagraph, ...] = attrs.field(
        converter=to_tuple, validator=Check(InstanceOf(tuple), Each(InstanceOf(CitedParagraph)))
    )

    def __iter__(self) -> Iterator[CitedParagraph]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources cited, each once, in the order first cited."""
        return tuple({item.source.id: item.source for item in self.items}.values())

    def __repr__(self) -> str:
        count = len(self.sources)
        return (
            f"<Evidence for {self.record.id}: {len(self.items)} paragraphs "
            f"from {count} source{'' if count == 1 else 's'}>"
        )

    def __str__(self) -> str:
        head = (
            f"Evidence for {registry.of(type(self.record)).singular} {self.record.id} "
            f"({_display.label(self.record)})"
        )
        if not self.items:
            return f"{head}: cites no source (sources, countries and fields are not cited)."
        own = [item.citation for item in self.items if item.field is None]
        lines = [f"{head}:"]
        if own:
            lines.append(f"  {_citations(own)}")
        by_field: dict[str, list[Citation]] = {}
        for item in self.items:
            if item.field is not None:
                by_field.setdefault(item.field.label, []).append(item.citation)
        if by_field:
            lines.append("Fields of cooperation:")
            lines += [f"  {label}: {_citations(cited)}" for label, cited in by_field.items()]
        lines.append("Sources:")
        lines += [f"  {source.id}: {_describe(source)}" for source in self.sources]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = (
            (
                item.source.id,
                item.paragraph,
                item.field.label if item.field else None,
                item.title,
                item.publisher,
                item.published,
            )
            for item in self.items
        )
        return _display.table_html(
            "defcoop-evidence",
            f"Evidence for {self.record.id}: {len(self.items)} paragraphs",
            ("source", "¶", "field", "title", "publisher", "published"),
            rows,
        )


def build_evidence(dataset: Collection, record: str | Record) -> Evidence:
    """The evidence for ``record`` (a record or an id) from the sources in ``dataset``.

    Raises:
        UnknownNameError: for an id that is not in the dataset.
        DataError: when a record given directly cites a source the dataset does not hold.
    """
    from defcoop.query._arguments import is_record

    if isinstance(record, str):
        found = dataset.get(record)
    elif is_record(record):
        found = record
    else:
        from defcoop._quote import described
        from defcoop.errors import ArgumentError

        raise ArgumentError(f"evidence() expects a record or its id, got {described(record)}")
    cited: list[tuple[Citation, Field | None]] = [(c, None) for c in getattr(found, "sources", ())]
    if isinstance(found, Relationship):
        for item in found.evidence:
            named = dataset.field(item.field)
            cited += [(c, named) for c in item.sources]
    items = []
    missing = []
    for citation, field in cited:
        source = dataset.get(citation.source) if citation.source in dataset else None
        if not isinstance(source, Source):
            missing.append(citation)
            continue
        items.append(CitedParagraph(citation=citation, source=source, field=field))
    if missing:
        raise DataError(
            Problem(
                file="<records>",
                record=found.id,
                attribute="sources",
                message=f"cites {citation.source!r}, which is not a source in this dataset",
            )
            for citation in missing
        )
    return Evidence(record=found, items=tuple(items))


def _citations(citations: list[Citation]) -> str:
    """``a ¶1, ¶3; b ¶2``: paragraphs grouped by source, in the order given."""
    grouped: dict[str, list[str]] = {}
    for citation in citations:
        grouped.setdefault(citation.source, []).append(f"¶{citation.paragraph}")
    return "; ".join(f"{source} {', '.join(paragraphs)}" for source, paragraphs in grouped.items())


def _describe(source: Source) -> str:
    parts = [
        *([", ".join(source.authors)] if source.authors else []),
        source.title or "untitled",
        source.publisher or "publisher not stated",
        source.published.words() if source.published else "undated",
    ]
    if source.translator:
        parts.append(f"translated by {source.translator}")
    if source.url:
        read = f" (accessed {source.accessed.words()})" if source.accessed else ""
        parts.append(source.url + read)
    return "; ".join(parts)
