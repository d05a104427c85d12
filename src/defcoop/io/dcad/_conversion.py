"""A DCAD main file into defcoop records: :func:`convert` reads it in one streaming pass,
:func:`read` joins the result with a base dataset."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs

from defcoop._quote import described, quote
from defcoop.errors import ArgumentError, DataError, Problem
from defcoop.io.dcad._fast import read_rows
from defcoop.io.dcad._file import DcadFile, file_name
from defcoop.io.dcad._matching import Matcher, MatchReport
from defcoop.io.dcad._rows import Row, RowReader
from defcoop.io.dcad.columns import MISSING, SOURCE_ID, USED
from defcoop.model.dates import PartialDate
from defcoop.model.kinds import AgreementKind
from defcoop.model.records import Agreement, Citation, Record, Source
from defcoop.query.collection import Collection

if TYPE_CHECKING:
    from defcoop.dataset import Dataset

__all__ = ["Agreements", "Conversion", "DcadWarning", "convert", "read", "source"]


class DcadWarning(UserWarning):
    """Values the crosswalk does not map (kept in notes) and rows in doubt, listed."""


class Agreements(Sequence[Agreement]):
    """The agreements of a conversion, each built from its row when it is asked for.

    A file of a million rows is held as its compact rows, not a million records; every value
    was checked when the file was read, so building an agreement does not fail.
    """

    __slots__ = ("_names", "_rows")

    def __init__(self, rows: list[Any], names: Mapping[str, str]) -> None:
        """Built by :func:`convert`: the rows read (each a compact tuple of one agreement's
        values), and the name of each country by its id."""
        self._rows: list[Row] = rows
        self._names = names

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Agreement: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Agreement]: ...

    def __getitem__(self, index: int | slice) -> Agreement | Sequence[Agreement]:
        if isinstance(index, slice):
            return Agreements(self._rows[index], self._names)
        return self._agreement(self._rows[index])

    def __iter__(self) -> Iterator[Agreement]:
        return map(self._agreement, self._rows)

    def __repr__(self) -> str:
        return f"<Agreements: {len(self)} from DCAD rows>"

    def _agreement(self, row: Row) -> Agreement:
        identifiers = (f"dcad:{row.dcaid}", *((f"unts:{row.unts}",) if row.unts else ()))
        notes = " ".join(
            (f"Row {row.number} of the DCAD main file; the title is defcoop's, as DCAD gives none.",
             *row.notes)
        )  # fmt: skip
        return Agreement(
            id=f"dcad-{row.dcaid}",
            title=_title(self._names, row),
            kind=row.kind,
            scope=row.scope,
            parties=row.parties,
            signed=row.signed,
            entered_into_force=row.in_force,
            fields=row.fields,
            identifiers=identifiers,
            sources=(Citation(source=SOURCE_ID, paragraph=row.number),),
            notes=notes,
        )


@attrs.frozen(kw_only=True, eq=False)
class Conversion:
    """The records made from a DCAD file, what the crosswalk could not map, and the matches.

    ``agreements`` holds the rows that are new to the base dataset (a row matched to one of
    its agreements adds none: ``matches`` says which). ``unmapped`` gives, for each category,
    type or UNTS value left unmapped (``"category 7"``, ``"type 3"``), the rows it occurs in.
    """

    source: Source
    agreements: Sequence[Agreement]
    unmapped: Mapping[str, tuple[int, ...]]
    matches: MatchReport = attrs.field(factory=MatchReport)

    @property
    def records(self) -> tuple[Record, ...]:
        """The source record followed by the agreements."""
        return (self.source, *self.agreements)

    def data_file(self) -> str:
        """The records as a defcoop JSON data file, which ``load(path, bundled=True)`` reads."""
        import json

        from defcoop.io.serialize import to_dict

        document = {
            "sources": [to_dict(self.source)],
            "agreements": [to_dict(agreement) for agreement in self.agreements],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def source(rows: int, *, accessed: PartialDate | None = None) -> Source:
    """The source record for DCAD, with ``rows`` paragraphs: one per row of the main file."""
    return Source(
        id=SOURCE_ID,
        title="Defense Cooperation Agreement Dataset (DCAD), version 1.0, main file",
        publisher="Correlates of War Project",
        language="en",
        paragraphs=max(rows, 1),
        url="https://correlatesofwar.org/data-sets/defense-cooperation-agreement-dataset/",
        authors=("Brandon J. Kinne",),
        accessed=accessed,
        notes="Each paragraph is one row of DCAD-v1.0-main.csv, counted from 1 after the "
        "header. Article of record: Kinne, Brandon J. 2020. The Defense Cooperation Agreement "
        "Dataset (DCAD). Journal of Conflict Resolution 64(4): 729-755.",
    )


def read(
    path: object,
    *,
    base: Dataset | None = None,
    categories: Mapping[str, str] | None = None,
    types: Mapping[str, str | AgreementKind] | None = None,
    accessed: PartialDate | None = None,
    missing: Iterable[str] = MISSING,
) -> Dataset:
    """The agreements of a DCAD main file joined with ``base`` (the bundled data by default).

    A row matched to an agreement of ``base`` adds none; that agreement gains the row's
    identifiers (``dcad:<DCAid>``, ``unts:<number>``) and cites the row.

    Args:
        path: the CSV file, ``DCAD-v1.0-main.csv``.
        base: the dataset whose countries and fields the rows are matched against, and
            which the result includes.
        categories: DCAD category values and the field ids they map to, beside the fields'
            own names.
        types: more DCAD ``type`` values and the kinds they give.
        accessed: the day the file was downloaded, for the source's citation.
        missing: the cell values read as "not given" (a list of texts, not one text).

    Warns:
        DcadWarning: naming each category, type or UNTS value that maps to nothing, and each
            row in doubt.

    Raises:
        DataError: listing every row that cannot be read, with its row and column.
        ArgumentError: for an argument of the wrong type.
    """
    from defcoop.dataset import Dataset

    if base is None:
        from defcoop.loading._loader import load

        base = load()
    conversion = convert(
        path, base=base, categories=categories, types=types, accessed=accessed, missing=missing
    )
    listed = [
        f"{value} (rows {', '.join(map(str, rows[:5]))}{', ...' if len(rows) > 5 else ''})"
        for value, rows in conversion.unmapped.items()
    ]
    if listed:
        message = f"{path}: kept in notes, not mapped to a field or kind: {'; '.join(listed)}"
        warnings.warn(message, DcadWarning, stacklevel=2)
    if conversion.matches.doubts:
        doubts = "; ".join(map(str, conversion.matches.doubts))
        warnings.warn(f"{path}: rows in doubt: {doubts}", DcadWarning, stacklevel=2)
    records = [*base]
    matched = {m.agreement: m for m in conversion.matches.matches}
    if matched:
        records = [_joined(r, matched[r.id]) if r.id in matched else r for r in records]
    return Dataset.from_records([*records, *conversion.records], info=base.info)


def _joined(record: Record, match: Any) -> Record:
    """A base agreement matched by a DCAD row, with the row's identifier and citation."""
    assert isinstance(record, Agreement)
    identifier = f"dcad:{match.dcaid}"
    identifiers = record.identifiers + (() if identifier in record.identifiers else (identifier,))
    sources = (*record.sources, Citation(source=SOURCE_ID, paragraph=match.row))
    return attrs.evolve(record, identifiers=identifiers, sources=sources)


def convert(
    path: object,
    *,
    base: Collection,
    categories: Mapping[str, str] | None = None,
    types: Mapping[str, str | AgreementKind] | None = None,
    accessed: PartialDate | None = None,
    missing: Iterable[str] = MISSING,
) -> Conversion:
    """The records of a DCAD main file, matched against ``base``; see :func:`read`.

    The file is read in one pass, row by row: its rows are never all in memory as text, and
    each agreement is built from its compact row when it is asked for.
    """
    name = file_name(path)
    crosswalk = _crosswalk(base, categories, types)
    missing_values = _missing(missing)
    if accessed is not None and not isinstance(accessed, PartialDate):
        raise ArgumentError(f"accessed= expects a PartialDate or None, got {described(accessed)}")
    problems: list[Problem] = []
    file = DcadFile(name, USED, problems)
    reader = RowReader(name, file.positions, base, crosswalk, missing_values, problems)
    matcher = Matcher(base.agreements())
    rows = read_rows(reader, file.batches(), matcher)
    if problems:
        raise DataError(problems)
    return Conversion(
        source=source(file.count, accessed=accessed),
        agreements=Agreements(rows, {c.code: c.name for c in base.countries}),
        unmapped={key: tuple(value) for key, value in reader.unmapped.items()},
        matches=matcher.report(len(rows)),
    )


def _title(names: Mapping[str, str], row: Row) -> str:
    parties = " and ".join(names[code] for code in row.parties)
    noun = "Framework agreement" if row.kind is AgreementKind.FRAMEWORK else "Agreement"
    return f"{noun} on defense cooperation between {parties}"


def _crosswalk(
    base: object, categories: object, types: object
) -> tuple[dict[str, str], dict[str, AgreementKind]]:
    """The ``categories=`` and ``types=`` arguments checked: field ids and kinds by value."""
    if not isinstance(base, Collection):
        raise ArgumentError(f"base= expects a Dataset, got {described(base)}")
    fields: dict[str, str] = {}
    for key, value in _texts(categories, "categories").items():
        fields[key] = base.field(value).id
    kinds: dict[str, AgreementKind] = {}
    for key, value in _texts(types, "types", kinds=True).items():
        if isinstance(value, AgreementKind):
            kinds[key] = value
            continue
        try:
            kinds[key] = AgreementKind(value)
        except ValueError:
            from defcoop.query._lookup import unknown

            raise unknown("agreement kind", value, [k.value for k in AgreementKind]) from None
    return fields, kinds


def _texts(value: object, argument: str, *, kinds: bool = False) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ArgumentError(
            f"{argument}= expects a mapping of DCAD values to "
            f"{'kinds' if kinds else 'field ids'}, got {described(value)}"
        )
    for key, item in value.items():
        if not isinstance(key, str) or not (
            isinstance(item, str) or (kinds and isinstance(item, AgreementKind))
        ):
            raise ArgumentError(
                f"{argument}= maps texts to texts; got {quote(key)} = {described(item)}"
            )
    return dict(value)


def _missing(value: object) -> frozenset[str]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ArgumentError(
            f"missing= expects a list of texts such as ['NA', '.'], got {described(value)}"
            + ("; one text would be read as its characters" if isinstance(value, str) else "")
        )
    values = list(value)
    wrong = [v for v in values if not isinstance(v, str)]
    if wrong:
        raise ArgumentError(f"missing= expects texts, got {described(wrong[0])}")
    return frozenset(v.strip() for v in values)
