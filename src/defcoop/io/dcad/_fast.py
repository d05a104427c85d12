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
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import compress, repeat
from operator import eq, not_
from typing import TypeVar, cast

from defcoop.io.dcad._matching import Matcher
from defcoop.io.dcad._rows import Row, RowReader
from defcoop.io.dcad.columns import UNTS_NUMBER
from defcoop.model.rules import ID

__all__ = ["every_match", "read_rows"]

_NO_NOTES: tuple[str, ...] = ()
_K = TypeVar("_K")
_T = TypeVar("_T")
_IS_ID = re.compile(ID.regex).fullmatch
""":data:`~defcoop.model.rules.ID`'s own test, as a function ``map`` can call."""


def every_match(pattern: re.Pattern[str], prefix: str = "") -> Callable[[list[str]], bool]:
    """A test of a whole list of texts at once: whether ``pattern`` matches the whole of
    ``prefix`` followed by each text, as ``all(pattern.fullmatch(prefix + t) for t in texts)``.

    The texts are joined by newlines and matched in one call, not one call each (a tenth of
    the time of a batch's DCAids). The two agree because neither pattern this is used with
    (:data:`~defcoop.model.rules.ID`, :data:`~defcoop.io.dcad.columns.UNTS_NUMBER`) matches a
    newline and a text holding one is refused by the count of newlines (a property in
    ``tests/io/test_dcad_fast.py`` compares the two).

    >>> every = every_match(re.compile("[a-z-]+"), "id-")
    >>> every(["a", "b"]), every(["a", "b c"]), every(["a", "b\\nc"]), every([])
    (True, False, False, True)
    """
    assert "\n" not in prefix
    whole = re.compile(f"(?:{pattern.pattern})(?:\n(?:{pattern.pattern}))*", pattern.flags)
    joiner = "\n" + prefix

    def every(texts: list[str]) -> bool:
        text = prefix + joiner.join(texts)
        return not texts or (
            text.count("\n") == len(texts) - 1 and whole.fullmatch(text) is not None
        )

    return every


_ALL_IDS = every_match(re.compile(ID.regex), "dcad-")
"""Whether every DCAid of a list makes a record id (``dcad-<DCAid>``)."""
_ALL_UNTS = every_match(UNTS_NUMBER)
"""Whether every text of a list is a UNTS registration number."""


def read_rows(
    reader: RowReader,
    batches: Iterable[tuple[Sequence[int], list[list[str]]]],
    matcher: Matcher,
) -> list[Row]:
    """The rows new to ``matcher``'s dataset, of every batch (row numbers and cells).

    The cycle collector is paused meanwhile (and restored as it was): rows hold no cycles,
    and it would otherwise go through every row made so far, again and again, as more are
    made (a third of the time of a million rows). The pause is the loader's, shared by
    every load and read in every thread, so that one ending cannot switch the collector
    back on under another.
    """
    from defcoop.loading._loader import _collector_paused

    new = reader.ids.made  # where the register finds the rows of a DCAid given again
    with _collector_paused():
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
    cell, codes, shapes = reader.cell, reader.parties_by_cell, reader.shapes_by_cells
    code1, code2 = list(map(cell["ccode1"], batch)), list(map(cell["ccode2"], batch))
    shape_cells = list(map(reader.pick_shape, batch))
    first, second = list(map(codes.get, code1)), list(map(codes.get, code2))
    found = list(map(shapes.get, shape_cells))
    if not (all(first) and all(second) and all(found)):  # ids and tuples are never empty
        reader.learn(
            [*compress(code1, map(not_, first)), *compress(code2, map(not_, second))],
            compress(shape_cells, map(not_, found)),
        )
        if not (
            _filled(first, code1, codes) and _filled(second, code2, codes)
            and _filled(found, shape_cells, shapes)
        ):  # fmt: skip
            return False
    if any(map(eq, first, second)):  # both parties the same country: a problem
        return False
    parties = cast("list[tuple[str, str]]", list(zip(first, second, strict=True)))
    unts, dcaids = list(map(cell["UNTS"], batch)), list(map(cell["DCAid"], batch))
    numbers_unts = list(map(reader.no_unts_by_cell.get, unts, unts))  # None where none
    if not (
        matcher.pairs.isdisjoint(parties)  # no agreement of the parties: no row matches
        and "1" not in numbers_unts
        and "" not in numbers_unts
        and _ALL_UNTS(list(filter(None, numbers_unts)))
        and all(dcaids)
        and reader.missing.isdisjoint(dcaids)
        and matcher.dcaids.isdisjoint(dcaids)
        and _ALL_IDS(dcaids)
    ):
        return False
    if not reader.ids.add_batch(dcaids):  # a DCAid read before, or twice in the batch
        return False
    kinds, scopes, signed, in_force, fields = zip(*found, strict=True)
    values = zip(
        numbers,
        dcaids,
        map(reader.pairs.setdefault, parties, parties),  # one tuple per pair, shared
        kinds,
        scopes,
        signed,
        in_force,
        fields,
        repeat(_NO_NOTES, len(dcaids)),
        numbers_unts,
        strict=True,
    )
    new.extend(map(tuple.__new__, repeat(Row), values))  # NamedTuple's __new__, faster
    return True


def _filled(values: list[_T | None], texts: Sequence[_K], cache: Mapping[_K, _T]) -> bool:
    """Fill the gaps of ``values`` (looked up by ``texts``) from ``cache`` after
    :meth:`~defcoop.io.dcad._rows.RowReader.learn`; False if any is still unknown.

    Only the gaps are looked up again: a batch has a few new texts among hundreds known.
    """
    for index in compress(range(len(values)), map(not_, values)):
        value = cache.get(texts[index])
        if value is None:
            return False
        values[index] = value
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
    codes, shapes, pick_shape = reader.parties_by_cell, reader.shapes_by_cells, reader.pick_shape
    no_unts, first_row, missing = reader.no_unts_by_cell, reader.ids.first, reader.missing
    for number, cells in zip(numbers, batch, strict=True):
        code1, code2, *_, unts, dcaid = reader.pick(cells)
        try:
            parties = codes[code1], codes[code2]
            kind, scope, signed, in_force, fields = shapes[pick_shape(cells)]
        except KeyError:
            pass
        else:
            number_unts = no_unts.get(unts, unts)
            if (
                parties[0] != parties[1]
                and parties not in matcher.pairs
                and (number_unts is None or (unts != "1" and UNTS_NUMBER.fullmatch(unts)))
                and dcaid
                and dcaid not in missing
                and dcaid not in matcher.dcaids
                and _IS_ID("dcad-" + dcaid)
                and first_row(dcaid, number) == number  # else a DCAid given twice
            ):
                pair = reader.pairs.setdefault(parties, parties)
                values = (number, dcaid, pair, kind, scope, signed, in_force, fields,
                          _NO_NOTES, number_unts)  # fmt: skip
                new.append(tuple.__new__(Row, values))
                continue
        row = reader.read(number, cells)
        if row is not None and not matcher.match(row):
            new.append(row)
