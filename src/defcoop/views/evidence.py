"""The evidence for a record or a whole answer: citations resolved to their sources.

An answer is only as good as what backs it, so :meth:`Dataset.evidence
<defcoop.Dataset.evidence>` returns everything needed to print the evidence under it: an
:class:`Evidence` for one record, an :class:`AnswerEvidence` for the records of an answer
(``db.evidence(db.agreements(field="training"))``), which lists each source once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeGuard

import attrs

from defcoop.errors import DataError, Problem
from defcoop.model import registry
from defcoop.model._show import RecordDisplay
from defcoop.model.dates import PartialDate
from defcoop.model.records import Citation, Record, Relationship, Source
from defcoop.model.rules import ID, Check, Each, InstanceOf, NonEmpty, to_tuple
from defcoop.query import _display

if TYPE_CHECKING:
    from defcoop.query.collection import Collection

__all__ = ["AnswerEvidence", "CitedParagraph", "Evidence"]


@attrs.frozen(kw_only=True)
class CitedParagraph:
    """One cited paragraph and the source it is in.

    ``field`` is set for a relationship's per-field evidence: the id of the field of
    cooperation this paragraph names for the pair, as :class:`~defcoop.FieldEvidence` and
    every other reference give it, with the field's label in ``field_label``; both are None
    for the record's own citations. ``source`` is the resolved :class:`~defcoop.Source`
    (its id is ``citation.source``), since its title, publisher and date are what evidence
    shows. A value of another type raises :class:`~defcoop.RecordError` naming the
    attribute, as records do.
    """

    citation: Citation = attrs.field(validator=Check(InstanceOf(Citation)))
    source: Source = attrs.field(validator=Check(InstanceOf(Source)))
    field: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), ID))
    field_label: str | None = attrs.field(
        default=None, validator=Check(InstanceOf(str), NonEmpty())
    )

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
    #: The field of cooperation the evidence was asked for (an id), None for all of it.
    field: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), ID))

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
        lines = self._cited_lines("Evidence for ", "")
        if self.items:
            lines.append("Sources:")
            lines += [f"  {source.id}: {_describe(source)}" for source in self.sources]
        return "\n".join(lines)

    def _cited_lines(self, lead: str, indent: str) -> list[str]:
        """The head and the citations, without the sources (an answer lists those once)."""
        head = (
            f"{lead}{registry.of(type(self.record)).singular} {self.record.id} "
            f"({_display.label(self.record)})"
        )
        if self.field is not None:
            head += f", field {self.field}"
        if not self.items:
            if self.field is not None:
                return [f"{head}: cites no source for this field."]
            return [f"{head}: cites no source (sources, countries and fields are not cited)."]
        own = [item.citation for item in self.items if item.field is None]
        lines = [f"{head}:"]
        if own:
            lines.append(f"{indent}  {_citations(own)}")
        by_field: dict[str, list[Citation]] = {}
        for item in self.items:
            if item.field_label is not None:
                by_field.setdefault(item.field_label, []).append(item.citation)
        if by_field:
            lines.append(f"{indent}Fields of cooperation:")
            lines += [f"{indent}  {name}: {_citations(c)}" for name, c in by_field.items()]
        return lines

    def _repr_html_(self) -> str:
        rows = (
            (
                item.source.id,
                item.paragraph,
                item.field_label,
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


@attrs.frozen(kw_only=True, repr=False)
class AnswerEvidence:
    """The evidence for every record of an answer, each source listed once.

    Iterating gives each record's :class:`Evidence`, in the answer's order; ``sources`` are
    the sources cited by any of them, each once, in the order first cited.

    >>> import defcoop
    >>> db = defcoop.load()
    >>> signed = ("vnm-blr-military-science-2018", "vnm-blr-delegation-exchange-plan-2019")
    >>> found = db.evidence([db.get(record_id) for record_id in signed])
    >>> found
    <AnswerEvidence for 2 records: 9 paragraphs from 3 sources>
    >>> [source.id for source in found.sources]  # doctest: +NORMALIZE_WHITESPACE
    ['pillar-and-highlight', 'vietnamplus-2018-11-15-ministers-talks',
     'sputnik-by-2018-11-15-plan-signed']
    """

    evidence: tuple[Evidence, ...] = attrs.field(
        converter=to_tuple, validator=Check(InstanceOf(tuple), Each(InstanceOf(Evidence)))
    )

    def __iter__(self) -> Iterator[Evidence]:
        return iter(self.evidence)

    def __len__(self) -> int:
        return len(self.evidence)

    @property
    def records(self) -> tuple[Record, ...]:
        """The records of the answer, in its order."""
        return tuple(part.record for part in self.evidence)

    @property
    def items(self) -> tuple[CitedParagraph, ...]:
        """Every cited paragraph, record by record (a paragraph two records cite, twice)."""
        return tuple(item for part in self.evidence for item in part.items)

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources cited by any record, each once, in the order first cited."""
        return tuple({s.id: s for part in self.evidence for s in part.sources}.values())

    def __repr__(self) -> str:
        count, sources = len(self.evidence), len(self.sources)
        return (
            f"<AnswerEvidence for {count} record{'' if count == 1 else 's'}: "
            f"{len(self.items)} paragraphs from {sources} source{'' if sources == 1 else 's'}>"
        )

    def __str__(self) -> str:
        count = len(self.evidence)
        lines = [f"Evidence for {count} record{'' if count == 1 else 's'}:"]
        for part in self.evidence:
            lines += part._cited_lines("  ", "  ")
        if self.sources:
            lines.append("Sources:")
            lines += [f"  {source.id}: {_describe(source)}" for source in self.sources]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = (
            (
                part.record.id,
                item.source.id,
                item.paragraph,
                item.field_label,
                item.title,
                item.publisher,
                item.published,
            )
            for part in self.evidence
            for item in part.items
        )
        return _display.table_html(
            "defcoop-evidence",
            f"Evidence for {len(self.evidence)} records: {len(self.items)} paragraphs "
            f"from {len(self.sources)} sources",
            ("record", "source", "¶", "field", "title", "publisher", "published"),
            rows,
        )


def is_answer(value: object) -> TypeGuard[Iterable[str | Record]]:
    """Whether ``value`` is several records (an answer) rather than one record or id."""
    from defcoop.query._arguments import is_record

    return not isinstance(value, str | bytes) and not is_record(value) and _iterable(value)


def _iterable(value: object) -> bool:
    try:
        iter(value)  # type: ignore[call-overload]
    except TypeError:
        return False
    return True


def build_evidence(
    dataset: Collection, record: str | Record, *, field: str | None = None
) -> Evidence:
    """The evidence for ``record`` (a record or an id) from the sources in ``dataset``.

    With ``field`` (a field's id, label or alias), a relationship's evidence is only the
    paragraphs cited for that field and the fields below it, not the pair's own citations;
    any other record's citations back the whole record and are all given.

    Raises:
        UnknownNameError: for an id or a field that is not in the dataset.
        DataError: when a record given directly cites a source the dataset does not hold.
    """
    found = _record(dataset, record, "evidence()")
    wanted = None if field is None else dataset.narrower(field)
    cited: list[tuple[Citation, str | None]] = []
    if wanted is None or not isinstance(found, Relationship):
        cited += [(c, None) for c in getattr(found, "sources", ())]
    if isinstance(found, Relationship):
        for item in found.evidence:
            if wanted is None or item.field in wanted:
                cited += [(c, item.field) for c in item.sources]
    items = []
    missing = []
    for citation, field_id in cited:
        source = dataset.get(citation.source) if citation.source in dataset else None
        if not isinstance(source, Source):
            missing.append(citation)
            continue
        label = None if field_id is None else dataset.field(field_id).label
        items.append(
            CitedParagraph(citation=citation, source=source, field=field_id, field_label=label)
        )
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
    chosen = None if field is None else dataset.field(field).id
    return Evidence(record=found, items=tuple(items), field=chosen)


def build_answer_evidence(
    dataset: Collection, records: Iterable[str | Record], *, field: str | None = None
) -> AnswerEvidence:
    """The evidence for each of ``records`` (records or ids), as :func:`build_evidence`."""
    return AnswerEvidence(
        evidence=tuple(build_evidence(dataset, record, field=field) for record in records)
    )


def _record(dataset: Collection, record: object, function: str) -> Record:
    """The record ``record`` names: the record itself, or the record of that id."""
    from defcoop.query._arguments import is_record

    if isinstance(record, str):
        return dataset.get(record)
    if is_record(record):
        return record  # type: ignore[return-value]
    from defcoop._quote import described
    from defcoop.errors import ArgumentError

    raise ArgumentError(
        f"{function} expects a record, its id or the records of an answer, got {described(record)}"
    )


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
