"""Read the Defense Cooperation Agreement Dataset (DCAD) into defcoop records.

DCAD (Brandon J. Kinne, "The Defense Cooperation Agreement Dataset (DCAD)", *Journal of
Conflict Resolution* 64(4), 2020) codes 1,872 bilateral defense cooperation agreements of
1980-2010. It is not bundled: download it from the Correlates of War project
(https://correlatesofwar.org/data-sets/defense-cooperation-agreement-dataset/, a zip with
the main and dyadic CSV files and the codebook) or from its author's page
(https://www.brandonkinne.com/dcad), and cite the article of record in any publication that
uses it, as both ask.

:func:`read` turns the agreement-level file, ``DCAD-v1.0-main.csv``, into a
:class:`~defcoop.Dataset` joined with the bundled data (or any dataset given as ``base``),
one agreement per row:

================================ ============================================================
DCAD column                      defcoop
================================ ============================================================
``ccode1``, ``ccode2``           ``parties``: the countries with those Correlates of War codes
``signYear/Month/Day``           ``signed``, at the precision the row gives
``EIFYear/Month/Day``            ``entered_into_force``, likewise
``type``                         ``kind``: ``framework agreement`` for a general DCA,
                                 ``agreement`` for a sector-specific one (see ``TYPES``)
``category1`` to ``category3``   ``fields``, through the category crosswalk (below)
``DCAid``                        ``id`` ``dcad-<DCAid>`` and ``identifiers`` ``dcad:<DCAid>``
the row's number                 ``sources``: ``dcad#<row>``, rows counted from 1 after the
                                 header, in the source record ``dcad``
================================ ============================================================

The other columns (``span``, ``renewType``, ``renewYears``, ``terminated``,
``durationActual``, ``endYearEstimate``, ``asymmetry``, ``categoryConf``, ``UNTS``,
``fullText``, ``sourceType``, ``source``, the Factiva columns, and DCAD's country names) are
not carried over: join back to the file by ``identifiers`` to use them. DCAD gives no titles,
so each title is composed from the kind and the parties, as each record's notes say.

**The category crosswalk.** The DCAD codebook (in the zip above) defines the category codes;
defcoop could not consult it, so it ships no table of codes of its own. A category maps to a
field when it names one of the dataset's fields by id, label or alias (ignoring case and
diacritics), or when the ``categories`` argument maps it (``{"7": "military-education"}``).
A category that maps to nothing is never dropped: it is kept as written in the record's notes
and reported, as ``Conversion.unmapped`` and in one :class:`DcadWarning`.

Rows that cannot be read (an unknown COW code, a month of 13, a missing ``DCAid``) are
reported together in one :class:`~defcoop.DataError`, each with its row and column.
"""

from __future__ import annotations

import csv
import io
import os
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from defcoop.errors import DataError, DefcoopError, Problem
from defcoop.io._registry import Format
from defcoop.model.dates import PartialDate
from defcoop.model.kinds import AgreementKind
from defcoop.model.records import Agreement, Citation, Record, Source
from defcoop.model.rules import ID

if TYPE_CHECKING:
    from defcoop.dataset import Dataset

__all__ = [
    "COLUMNS",
    "FORMAT",
    "SOURCE_ID",
    "TYPES",
    "Conversion",
    "DcadWarning",
    "convert",
    "read",
    "source",
]

COLUMNS = (
    "ccode1", "cowName1", "ccode2", "cowName2", "signDay", "signMonth", "signYear", "EIFDay",
    "EIFMonth", "EIFYear", "type", "category1", "category2", "category3", "span", "renewType",
    "renewYears", "terminated", "durationActual", "endYearEstimate", "asymmetry",
    "categoryConf", "UNTS", "fullText", "sourceType", "source", "factivaConf", "factivaSign",
    "factivaEIF", "DCAid",
)  # fmt: skip
"""The columns of ``DCAD-v1.0-main.csv``, in the file's order."""

_USED = ("ccode1", "ccode2", "signDay", "signMonth", "signYear", "EIFDay", "EIFMonth",
         "EIFYear", "type", "category1", "category2", "category3", "DCAid")  # fmt: skip

SOURCE_ID = "dcad"
"""The id of the source record every imported agreement cites."""

TYPES: Mapping[str, AgreementKind] = {
    "general": AgreementKind.FRAMEWORK,
    "sector": AgreementKind.AGREEMENT,
    "sector-specific": AgreementKind.AGREEMENT,
}
"""DCAD's ``type`` (any case) and the kind it gives; extend it with ``types=``."""

#: DCAD's agreement-level file, read only.
FORMAT = Format(
    name="dcad",
    suffix=".csv",
    title="Defense Cooperation Agreement Dataset (DCAD)",
    reads="``DCAD-v1.0-main.csv``: :func:`defcoop.io.dcad.read`, ``defcoop import dcad``",
)

#: The cells read as "not given".
MISSING = frozenset({"", "NA", "N/A", "."})


class DcadWarning(UserWarning):
    """Categories or types the crosswalk does not know: kept in notes, listed here."""


@attrs.frozen(kw_only=True)
class Conversion:
    """The records made from a DCAD file, and what the crosswalk could not map.

    ``unmapped`` gives, for each category or type value left unmapped (``"category 7"``,
    ``"type 3"``), the rows it occurs in.
    """

    source: Source
    agreements: tuple[Agreement, ...]
    unmapped: Mapping[str, tuple[int, ...]]

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
    path: str | os.PathLike[str],
    *,
    base: Dataset | None = None,
    categories: Mapping[str, str] | None = None,
    types: Mapping[str, str | AgreementKind] | None = None,
    accessed: PartialDate | None = None,
    missing: Iterable[str] = MISSING,
) -> Dataset:
    """The agreements of a DCAD main file joined with ``base`` (the bundled data by default).

    Args:
        path: the CSV file, ``DCAD-v1.0-main.csv``.
        base: the dataset whose countries and fields the rows are matched against, and
            which the result includes.
        categories: DCAD category values and the field ids they map to, beside the fields'
            own names.
        types: more DCAD ``type`` values and the kinds they give.
        accessed: the day the file was downloaded, for the source's citation.
        missing: the cell values read as "not given".

    Warns:
        DcadWarning: naming each category or type value that maps to nothing.

    Raises:
        DataError: listing every row that cannot be read, with its row and column.
    """
    from defcoop.dataset import Dataset

    if base is None:
        from defcoop.loading._loader import load

        base = load()
    conversion = convert(
        path, base=base, categories=categories, types=types, accessed=accessed, missing=missing
    )
    if conversion.unmapped:
        listed = "; ".join(
            f"{value} (rows {', '.join(map(str, rows[:5]))}{', ...' if len(rows) > 5 else ''})"
            for value, rows in conversion.unmapped.items()
        )
        warnings.warn(
            f"{path}: kept in notes, not mapped to a field or kind: {listed}",
            DcadWarning,
            stacklevel=2,
        )
    return Dataset.from_records([*base, *conversion.records], info=base.info)


def convert(
    path: str | os.PathLike[str],
    *,
    base: Dataset,
    categories: Mapping[str, str] | None = None,
    types: Mapping[str, str | AgreementKind] | None = None,
    accessed: PartialDate | None = None,
    missing: Iterable[str] = MISSING,
) -> Conversion:
    """The records of a DCAD main file, matched against ``base``; see :func:`read`."""
    name = os.fspath(path)
    rows = _rows(name)
    reader = _RowReader(name, base, categories or {}, types or {}, frozenset(missing))
    agreements = [reader.agreement(number, row) for number, row in enumerate(rows, start=1)]
    if reader.problems:
        raise DataError(reader.problems)
    return Conversion(
        source=source(len(rows), accessed=accessed),
        agreements=tuple(a for a in agreements if a is not None),
        unmapped={key: tuple(value) for key, value in reader.unmapped.items()},
    )


def _rows(name: str) -> list[dict[str, str]]:
    try:
        text = Path(name).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise DataError([Problem(file=name, message=f"cannot be read: {exc.strerror}")]) from None
    except UnicodeDecodeError as exc:
        raise DataError([Problem(file=name, message=f"is not UTF-8 text: {exc.reason}")]) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    absent = [column for column in _USED if column not in (reader.fieldnames or ())]
    if absent:
        raise DataError(
            [Problem(file=name, message=f"is not a DCAD main file: no column {', '.join(absent)}")]
        )
    return list(reader)


class _RowReader:
    """Reads rows into agreements, collecting problems and unmapped values as it goes."""

    def __init__(
        self,
        name: str,
        base: Dataset,
        categories: Mapping[str, str],
        types: Mapping[str, str | AgreementKind],
        missing: frozenset[str],
    ) -> None:
        self.name, self.base, self.missing = name, base, missing
        self.categories = {
            key.strip().casefold(): base.field(value).id for key, value in categories.items()
        }
        self.types = {k.casefold(): AgreementKind(v) for k, v in {**TYPES, **types}.items()}
        self.problems: list[Problem] = []
        self.unmapped: dict[str, list[int]] = {}
        self.ids: dict[str, int] = {}

    def _problem(self, number: int, column: str, message: str, record: str | None) -> None:
        self.problems.append(
            Problem(
                file=self.name,
                path=f"row {number}",
                record=record,
                attribute=column,
                message=message,
            )
        )

    def _cell(self, row: Mapping[str, str | None], column: str) -> str | None:
        value = (row.get(column) or "").strip()
        return None if value in self.missing else value

    def agreement(self, number: int, row: Mapping[str, str | None]) -> Agreement | None:
        """The agreement of one row, or None (with its problems recorded)."""
        before = len(self.problems)
        dcaid = self._cell(row, "DCAid")
        record_id = f"dcad-{dcaid}" if dcaid else None
        if record_id is None or not ID.matches(record_id):
            self._problem(number, "DCAid", f"expected an id, got {dcaid!r}", None)
            record_id = None
        elif record_id in self.ids:
            message = f"DCAid {dcaid!r} is given twice: first in row {self.ids[record_id]}"
            self._problem(number, "DCAid", message, record_id)
        else:
            self.ids[record_id] = number
        parties = [self._party(number, row, c, record_id) for c in ("ccode1", "ccode2")]
        signed = self._date(number, row, "sign", record_id)
        in_force = self._date(number, row, "EIF", record_id)
        notes: list[str] = []
        kind = self._kind(number, row, notes)
        fields = self._fields(number, row, notes)
        if len(self.problems) > before or record_id is None or None in parties:
            return None
        if parties[0] == parties[1]:
            self._problem(number, "ccode2", "both parties are the same country", record_id)
            return None
        names = " and ".join(self.base.country(code).name for code in parties)  # type: ignore[arg-type]
        noun = "Framework agreement" if kind is AgreementKind.FRAMEWORK else "Agreement"
        notes.insert(0, f"Row {number} of the DCAD main file; the title is defcoop's, as DCAD "
                        "gives none.")  # fmt: skip
        return Agreement(
            id=record_id,
            title=f"{noun} on defense cooperation between {names}",
            kind=kind,
            parties=parties,
            signed=signed,
            entered_into_force=in_force,
            fields=fields,
            identifiers=(f"dcad:{dcaid}",),
            sources=(Citation(source=SOURCE_ID, paragraph=number),),
            notes=" ".join(notes),
        )

    def _party(
        self, number: int, row: Mapping[str, str | None], column: str, record: str | None
    ) -> str | None:
        value = self._cell(row, column)
        try:
            code = int(value or "")
        except ValueError:
            self._problem(number, column, f"expected a COW state code, got {value!r}", record)
            return None
        try:
            return self.base.country(code).code
        except DefcoopError:
            message = f"COW code {code} is not among the countries of the dataset"
            self._problem(number, column, message, record)
            return None

    def _date(
        self, number: int, row: Mapping[str, str | None], prefix: str, record: str | None
    ) -> PartialDate | None:
        parts = []
        for unit in ("Year", "Month", "Day"):
            value = self._cell(row, f"{prefix}{unit}")
            try:
                parts.append(None if value is None else int(value))
            except ValueError:
                self._problem(
                    number, f"{prefix}{unit}", f"expected a number, got {value!r}", record
                )
                return None
        year, month, day = parts
        if year is None:
            if month is not None or day is not None:
                message = "a month or day is given without a year"
                self._problem(number, f"{prefix}Year", message, record)
            return None
        try:
            return PartialDate(year, month, day)
        except (DefcoopError, TypeError, ValueError) as exc:
            self._problem(number, f"{prefix}Month", str(exc), record)
            return None

    def _kind(self, number: int, row: Mapping[str, str | None], notes: list[str]) -> AgreementKind:
        value = self._cell(row, "type")
        if value is None:
            return AgreementKind.AGREEMENT
        kind = self.types.get(value.casefold())
        if kind is None:
            self.unmapped.setdefault(f"type {value}", []).append(number)
            notes.append(f"DCAD type {value!r} is not mapped to a kind.")
            return AgreementKind.AGREEMENT
        return kind

    def _fields(self, number: int, row: Mapping[str, str | None], notes: list[str]) -> set[str]:
        fields = set()
        for column in ("category1", "category2", "category3"):
            value = self._cell(row, column)
            if value is None:
                continue
            field = self.categories.get(value.casefold()) or self._field_named(value)
            if field is None:
                self.unmapped.setdefault(f"category {value}", []).append(number)
                notes.append(f"DCAD {column} {value!r} is not mapped to a field.")
            else:
                fields.add(field)
        return fields

    def _field_named(self, value: str) -> str | None:
        try:
            return self.base.field(value).id
        except DefcoopError:
            return None
