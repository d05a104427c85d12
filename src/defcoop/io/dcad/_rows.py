"""One row of DCAD's main file into the values of one agreement, or problems naming its cells.

A :class:`Row` is compact (a tuple whose parts repeat across rows and are shared: the
parties, dates, field sets), so that a file of a million rows is read in one pass in a few
hundred megabytes; the agreement itself is built from it when asked for
(:class:`~defcoop.io.dcad.Conversion`). Every value a row gives is checked here, so that
building the agreement later cannot fail on it.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from defcoop._quote import quote
from defcoop.errors import DefcoopError, Problem
from defcoop.io.dcad._register import Register
from defcoop.io.dcad.columns import SCOPES, TYPES, UNTS_NUMBER, USED, WHOLE_NUMBER
from defcoop.model.dates import PartialDate
from defcoop.model.kinds import AgreementKind, AgreementScope
from defcoop.model.rules import ID

if TYPE_CHECKING:
    from defcoop.query.collection import Collection

__all__ = ["SHAPE", "Row", "RowReader", "Shape"]

_NO_FIELDS: frozenset[str] = frozenset()


class Row(NamedTuple):
    """The values of one agreement read from one row."""

    number: int
    dcaid: str
    parties: tuple[str, str]
    kind: AgreementKind
    scope: AgreementScope | None
    signed: PartialDate | None
    in_force: PartialDate | None
    fields: frozenset[str]
    notes: tuple[str, ...]
    """What the row says that no attribute holds: values the crosswalk left unmapped."""
    unts: str | None
    """The UNTS registration number, where the row gives one."""


SHAPE = ("signYear", "signMonth", "signDay", "EIFYear", "EIFMonth", "EIFDay", "type",
         "category1", "category2", "category3")  # fmt: skip
"""The cells that give a row's :data:`Shape`, in the order of its cache's keys."""

Shape = tuple[AgreementKind, AgreementScope | None, PartialDate | None, PartialDate | None,
              frozenset[str]]  # fmt: skip
"""A row's kind, scope, dates of signing and entry into force, and fields: the values that
many rows share, in the order of :class:`Row`'s."""


class RowReader:
    """Reads rows into :class:`Row` values, collecting problems and unmapped values.

    Values that repeat (codes, dates, types, categories) are read once and shared. Each
    value read without a problem or a note is also kept by the exact texts of its cells
    (``parties_by_cell`` and the like), so that the rows of a large file take their values
    with one lookup each (:func:`~defcoop.io.dcad._fast.read_rows`): only a row with
    anything to report is read cell by cell (:meth:`read`).
    """

    def __init__(
        self,
        name: str,
        positions: Mapping[str, int],
        base: Collection,
        crosswalk: tuple[Mapping[str, str], Mapping[str, AgreementKind]],
        missing: frozenset[str],
        problems: list[Problem],
    ) -> None:
        self.name, self.base, self.missing, self.problems = name, base, missing, problems
        self.pick = operator.itemgetter(*(positions[column] for column in USED))
        """The cells of :data:`~defcoop.io.dcad.columns.USED`, in its order, from a row."""
        self.cell = {column: operator.itemgetter(positions[column]) for column in USED}
        """For each column read, the function that takes its cell from a row."""
        self.pick_shape = operator.itemgetter(*(positions[column] for column in SHAPE))
        categories, types = crosswalk
        self.categories = {key.strip().casefold(): value for key, value in categories.items()}
        self.types = {k.casefold(): v for k, v in {**TYPES, **types}.items()}
        self.unmapped: dict[str, list[int]] = {}
        self.ids: Register[Row] = Register()
        """Each DCAid read and its first row."""
        self._parties: dict[str, str] = {}
        self._pairs: dict[tuple[str | None, str | None], tuple[str, str]] = {}
        """Each pair of code cells read, and the pair of country ids it gives."""
        self._dates: dict[tuple[str | None, ...], PartialDate | tuple[str, str] | None] = {}
        self._fields: dict[tuple[str, ...], tuple[frozenset[str], tuple[str, ...]]] = {}
        # The values read without a problem or a note, by the exact texts of their cells
        # (never merged with another text: " 2" and "2" are two keys of the same value);
        self.parties_by_cell: dict[str, str] = {}
        self.shapes_by_cells: dict[tuple[str, ...], Shape] = {}
        """The cells of :data:`SHAPE` of a row and its kind, scope, dates and fields."""
        self.pairs: dict[tuple[str, str], tuple[str, str]] = {}
        """Each pair of parties made, kept to be shared by the rows of the pair."""
        self.dates_by_cells: dict[tuple[str, ...], PartialDate | None] = {}
        self.types_by_cells: dict[str, tuple[AgreementKind, AgreementScope | None]] = {}
        self.fields_by_cells: dict[tuple[str, ...], frozenset[str]] = {}
        self.no_unts_by_cell: dict[str, None] = dict.fromkeys({"0", *missing})
        """The UNTS cells that give no number, as they are written."""

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

    def read(self, number: int, cells: list[str]) -> Row | None:
        """The values of one row, or None (with its problems recorded), read cell by cell."""
        missing = self.missing
        values = [None if (v := c.strip()) in missing else v for c in self.pick(cells)]
        ccode1, ccode2, *sign, eif_day, eif_month, eif_year, type_, c1, c2, c3, unts, dcaid = values
        before = len(self.problems)
        record = self._record_id(number, dcaid)
        pair = self._pairs.get((ccode1, ccode2))
        if pair is None:
            first = self._party(number, ccode1, "ccode1", record)
            second = self._party(number, ccode2, "ccode2", record)
            if first is not None and second is not None and first != second:
                pair = self._pairs[(ccode1, ccode2)] = (first, second)
            elif first is not None and first == second:
                self._problem(number, "ccode2", "both parties are the same country", record)
        dates = self._dates
        key = (sign[2], sign[1], sign[0])
        signed = dates[key] if key in dates else self._date(number, key, "sign", record)
        key = (eif_year, eif_month, eif_day)
        in_force = dates[key] if key in dates else self._date(number, key, "EIF", record)
        if isinstance(signed, tuple) or isinstance(in_force, tuple):
            self._date_problems(number, signed, in_force, record)
        notes: list[str] = []
        kind, scope = self._kind(number, type_, notes)
        fields = (
            self._categories(number, (c1 or "", c2 or "", c3 or ""), notes)
            if c1 or c2 or c3
            else _NO_FIELDS
        )
        number_unts = None if unts is None or unts == "0" else self._unts(number, unts, notes)
        if len(self.problems) > before or record is None or pair is None:
            return None
        assert dcaid is not None  # a record id was made of it
        return tuple.__new__(  # NamedTuple's __new__, faster
            Row,
            (number, dcaid, pair, kind, scope, signed, in_force, fields, tuple(notes), number_unts),
        )

    def learn(self, codes: Iterable[str], shapes: Iterable[tuple[str, ...]]) -> None:
        """Read the cell texts not seen before into the caches: ``codes`` are ``ccode1`` or
        ``ccode2`` cells, ``shapes`` the cells of :data:`SHAPE` of rows. A value with a
        problem or a note is left out, so that its rows are read by :meth:`read`."""
        shapes = set(shapes).difference(self.shapes_by_cells)
        dates = {shape[0:3] for shape in shapes} | {shape[3:6] for shape in shapes}
        types = {shape[6] for shape in shapes}
        categories = {shape[7:10] for shape in shapes}
        missing = self.missing
        for text in set(codes).difference(self.parties_by_cell):
            value = None if (v := text.strip()) in missing else v
            known = self._parties.get(value or "")
            if known is None:
                known = self._parties[value or ""] = self._country(value)
            if not known.startswith("!"):
                self.parties_by_cell[text] = known
        for texts in dates.difference(self.dates_by_cells):
            key = tuple(None if (v := c.strip()) in missing else v for c in texts)
            if key not in self._dates:
                self._dates[key] = _partial_date(*key)
            date = self._dates[key]
            if not isinstance(date, tuple):
                self.dates_by_cells[texts] = date
        for text in types.difference(self.types_by_cells):
            kind_scope = self._kind_of(None if (v := text.strip()) in missing else v)
            if kind_scope is not None:
                self.types_by_cells[text] = kind_scope
        for texts in categories.difference(self.fields_by_cells):
            values = tuple("" if (v := c.strip()) in missing else v for c in texts)
            if not any(values):
                self.fields_by_cells[texts] = _NO_FIELDS
                continue
            mapped = self._fields.get(values)
            if mapped is None:
                mapped = self._fields[values] = self._map(values)
            if not mapped[1]:
                self.fields_by_cells[texts] = mapped[0]
        for shape in shapes:
            try:
                self.shapes_by_cells[shape] = (
                    *self.types_by_cells[shape[6]],
                    self.dates_by_cells[shape[0:3]],
                    self.dates_by_cells[shape[3:6]],
                    self.fields_by_cells[shape[7:10]],
                )
            except KeyError:  # a value with a problem or a note
                continue

    def _date_problems(self, number: int, *found: object) -> None:
        """Record the problem of each date of a row that could not be read."""
        *dates, record = found
        for prefix, known in zip(("sign", "EIF"), dates, strict=True):
            if isinstance(known, tuple):
                unit, message = known
                self._problem(number, f"{prefix}{unit}", message, record)  # type: ignore[arg-type]

    def _record_id(self, number: int, dcaid: str | None) -> str | None:
        record_id = f"dcad-{dcaid}" if dcaid else None
        if record_id is None or not ID.matches(record_id):
            self._problem(number, "DCAid", f"expected an id, got {quote(dcaid)}", None)
            return None
        assert dcaid is not None  # a record id was made of it
        first = self.ids.first(dcaid, number)
        if first != number:
            message = f"DCAid {quote(dcaid)} is given twice: first in row {first}"
            self._problem(number, "DCAid", message, record_id)
        return record_id

    def _party(self, number: int, value: str | None, column: str, record: str | None) -> str | None:
        known = self._parties.get(value or "")
        if known is None:
            known = self._parties[value or ""] = self._country(value)
        if known.startswith("!"):
            self._problem(number, column, known[1:], record)
            return None
        return known

    def _country(self, value: str | None) -> str:
        """The id of the country with the COW code ``value``, or ``"!"`` and the problem."""
        if value is None or not WHOLE_NUMBER.fullmatch(value):
            return f"!expected a COW state code (ASCII digits), got {quote(value)}"
        try:
            return self.base.country(int(value)).code
        except DefcoopError:
            return f"!COW code {int(value)} is not among the countries of the dataset"

    def _date(
        self,
        number: int,
        key: tuple[str | None, str | None, str | None],
        prefix: str,
        record: str | None,
    ) -> PartialDate | tuple[str, str] | None:
        """The date of a row's three cells (read once per distinct cells), or its problem."""
        known = self._dates[key] = _partial_date(*key)
        return known

    def _kind(
        self, number: int, value: str | None, notes: list[str]
    ) -> tuple[AgreementKind, AgreementScope | None]:
        known = self._kind_of(value)
        if known is None:
            self.unmapped.setdefault(f"type {value}", []).append(number)
            notes.append(f"DCAD type {value!r} is not mapped to a kind.")
            return AgreementKind.AGREEMENT, None
        return known

    def _kind_of(self, value: str | None) -> tuple[AgreementKind, AgreementScope | None] | None:
        """The kind and scope of a ``type`` cell's value, or None where none is mapped."""
        if value is None:
            return AgreementKind.AGREEMENT, None
        key = value.casefold()
        kind = self.types.get(key)
        return None if kind is None else (kind, SCOPES.get(key))

    def _categories(
        self, number: int, values: tuple[str, str, str], notes: list[str]
    ) -> frozenset[str]:
        known = self._fields.get(values)
        if known is None:
            known = self._fields[values] = self._map(values)
        fields, unmapped = known
        for i, value in enumerate(values, start=1):
            if value in unmapped:
                self.unmapped.setdefault(f"category {value}", []).append(number)
                notes.append(f"DCAD category{i} {value!r} is not mapped to a field.")
        return fields

    def _map(self, values: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
        fields, unmapped = set(), []
        for value in values:
            if not value:
                continue
            field = self.categories.get(value.casefold()) or self._field_named(value)
            if field is None:
                unmapped.append(value)
            else:
                fields.add(field)
        return frozenset(fields), tuple(unmapped)

    def _field_named(self, value: str) -> str | None:
        try:
            return self.base.field(value).id
        except DefcoopError:
            return None

    def _unts(self, number: int, value: str | None, notes: list[str]) -> str | None:
        if value is None or value == "0":
            return None
        if value != "1" and UNTS_NUMBER.fullmatch(value):
            return value
        self.unmapped.setdefault(f"UNTS {value}", []).append(number)
        notes.append(f"DCAD UNTS {value!r} is not read as a registration number.")
        return None


def _partial_date(
    year: str | None, month: str | None, day: str | None
) -> PartialDate | tuple[str, str] | None:
    """A date of DCAD's three cells, None where none is given, or the faulty unit and why."""
    parts: list[int | None] = []
    for unit, value in (("Year", year), ("Month", month), ("Day", day)):
        if value and not WHOLE_NUMBER.fullmatch(value):
            return unit, f"expected a number (ASCII digits), got {quote(value)}"
        parts.append(int(value) if value else None)
    number_year, number_month, number_day = parts
    if number_year is None:
        if number_month is not None or number_day is not None:
            return "Year", "a month or day is given without a year"
        return None
    try:
        return PartialDate(number_year, number_month, number_day)
    except (DefcoopError, TypeError, ValueError) as exc:
        return "Month", str(exc)
