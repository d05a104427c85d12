"""The loop a DCAD file's rows go through, a batch at a time: as :meth:`RowReader.read
<defcoop.io.dcad._rows.RowReader.read>` and :meth:`Matcher.match
<defcoop.io.dcad._matching.Matcher.match>` would read and match each row, in a few calls
over the whole batch.

A DCAD file repeats its codes, dates, types and categories from row to row, so the reader
keeps each value read without a problem or a note by the exact texts of its cells. A batch
whose every cell text is known that way, whose UNTS and DCAid cells are well formed, whose
DCAids are new, and whose parties have no agreement in the base dataset (so that no row of
it can match one) becomes its rows with one lookup per value, done by ``map`` over the
batch's columns: no Python code runs per row. Any other batch is read row by row, each row
through the same lookups where it can, through :meth:`RowReader.read
<defcoop.io.dcad._rows.RowReader.read>` (every check, every problem) where it cannot, so
that problems and matches come in the order of the rows either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import repeat

from defcoop.io.dcad._matching import Matcher
from defcoop.io.dcad._rows import Row, RowReader
from defcoop.io.dcad.columns import UNTS_NUMBER
from defcoop.model.rules import ID

__all__ = ["read_rows"]

_NO_NOTES: tuple[str, ...] = ()
_IS_ID = re.compile(ID.regex).fullmatch
""":data:`~defcoop.model.rules.ID`'s own test, as a function ``map`` can call."""


def read_rows(
    reader: RowReader,
    batches: Iterable[tuple[Sequence[int], list[list[str]]]],
    matcher: Matcher,
) -> list[Row]:
    """The rows new to ``matcher``'s dataset, of every batch (row numbers and cells)."""
    new: list[Row] = []
    for numbers, batch in batches:
        if not _batch(reader, numbers, batch, matcher, new):
            _one_by_one(reader, numbers, batch, matcher, new)
    return new


def _batch(
    reader: RowReader,
    numbers: Sequence[int],
    batch: list[list[str]],
    matcher: Matcher,
    new: list[Row],
) -> bool:
    """Add the rows of a batch whose rows all take their values from the caches, and say
    so; add nothing and say False for any other batch."""
    pairs, dates = reader.pairs_by_cells, reader.dates_by_cells
    types, fields = reader.types_by_cells, reader.fields_by_cells
    columns = tuple(zip(*map(reader.pick, batch), strict=True))
    code1, code2, sd, sm, sy, ed, em, ey, type_, k1, k2, k3, unts, dcaids = columns
    parties = list(zip(code1, code2, strict=True))
    signed = list(zip(sy, sm, sd, strict=True))
    in_force = list(zip(ey, em, ed, strict=True))
    categories = list(zip(k1, k2, k3, strict=True))

    def known() -> bool:
        return (
            all(map(pairs.__contains__, parties))
            and all(map(dates.__contains__, signed))
            and all(map(dates.__contains__, in_force))
            and all(map(types.__contains__, type_))
            and all(map(fields.__contains__, categories))
        )

    if not known():
        reader.learn(parties, signed + in_force, type_, categories, matcher.by_parties)
        if not known():
            return False
    numbers_unts = list(map(reader.no_unts_by_cell.get, unts, unts))  # None where none
    fresh = dict(zip(dcaids, numbers, strict=True))
    if not (
        "1" not in numbers_unts
        and "" not in numbers_unts
        and all(map(UNTS_NUMBER.fullmatch, filter(None, numbers_unts)))
        and all(dcaids)
        and reader.missing.isdisjoint(dcaids)
        and matcher.dcaids.isdisjoint(dcaids)
        and all(map(_IS_ID, map("dcad-".__add__, dcaids)))
        and len(fresh) == len(dcaids)  # no DCAid twice in the batch
        and reader.ids.keys().isdisjoint(fresh)  # nor one read before
    ):
        return False
    reader.ids.update(fresh)
    kinds, scopes = zip(*map(types.__getitem__, type_), strict=True)
    values = zip(
        numbers,
        dcaids,
        map(pairs.__getitem__, parties),
        kinds,
        scopes,
        map(dates.__getitem__, signed),
        map(dates.__getitem__, in_force),
        map(fields.__getitem__, categories),
        repeat(_NO_NOTES, len(dcaids)),
        numbers_unts,
        strict=True,
    )
    new.extend(map(tuple.__new__, repeat(Row), values))  # NamedTuple's __new__, faster
    return True


def _one_by_one(
    reader: RowReader,
    numbers: Sequence[int],
    batch: list[list[str]],
    matcher: Matcher,
    new: list[Row],
) -> None:
    """Add the rows of a batch new to the dataset, each from the caches where it can be,
    else read cell by cell and matched."""
    pairs, dates = reader.pairs_by_cells, reader.dates_by_cells
    types, fields_of = reader.types_by_cells, reader.fields_by_cells
    no_unts, first_row, missing = reader.no_unts_by_cell, reader.ids.setdefault, reader.missing
    for number, cells in zip(numbers, batch, strict=True):
        code1, code2, sd, sm, sy, ed, em, ey, type_, k1, k2, k3, unts, dcaid = reader.pick(cells)
        try:
            pair = pairs[code1, code2]
            signed, in_force = dates[sy, sm, sd], dates[ey, em, ed]
            kind, scope = types[type_]
            fields = fields_of[k1, k2, k3]
        except KeyError:
            pass
        else:
            number_unts = no_unts.get(unts, unts)
            if (
                (number_unts is None or (unts != "1" and UNTS_NUMBER.fullmatch(unts)))
                and dcaid
                and dcaid not in missing
                and dcaid not in matcher.dcaids
                and _IS_ID("dcad-" + dcaid)
                and first_row(dcaid, number) == number  # else a DCAid given twice
            ):
                values = (number, dcaid, pair, kind, scope, signed, in_force, fields,
                          _NO_NOTES, number_unts)  # fmt: skip
                new.append(tuple.__new__(Row, values))
                continue
        row = reader.read(number, cells)
        if row is not None and not matcher.match(row):
            new.append(row)
