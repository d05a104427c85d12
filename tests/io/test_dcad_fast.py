"""DCAD import, the batch loop: a batch read from the caches gives what reading each row
cell by cell gives, to the problem, the note and the match."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import defcoop
from defcoop.io import dcad
from defcoop.io.dcad._fast import every_match, read_rows
from defcoop.io.dcad._file import DcadFile
from defcoop.io.dcad._matching import Matcher
from defcoop.io.dcad._register import Register
from defcoop.io.dcad._rows import Row, RowReader
from defcoop.io.dcad.columns import MISSING, UNTS_NUMBER, USED
from defcoop.model.rules import ID

BASE = defcoop.load()

# Cell texts that read alike, or nearly: " 2" and "2", "NA" and "", a code of another script.
# 816 and 365 (Vietnam, Russia) have agreements in the bundled data, whose 1998 dates match.
CELLS = {
    "ccode1": ["816", " 816", "2", "20", "020", "٢", "", "NA", "999"],
    "ccode2": ["365", "365 ", "2", "200", "", "x"],
    "signYear": ["1998", " 1998", "2001", "", "NA", "19 98", "0"],
    "signMonth": ["", "8", "08", "13", " 8", "NA"],
    "signDay": ["", "25", "31", "x"],
    "EIFYear": ["", "2011", "2011 "],
    "EIFMonth": ["", "2"],
    "EIFDay": ["", "30"],
    "type": ["general", "sector", "Sector ", "GENERAL", "", "other"],
    "category1": ["", "military science", " military science", "7"],
    "category2": ["", "NA", "military science"],
    "category3": [""],
    "UNTS": ["0", "1", "", "54321", " 54321", "I-54321", "NA", "x"],
    "DCAid": ["B1", "B2", "B3", "B1 ", " B2", "", "NA", "b c", "B4"],
}


def _file(rows: list[dict[str, str]], folder: str) -> Path:
    path = Path(folder, "DCAD-v1.0-main.csv")
    lines = [",".join(dcad.COLUMNS)]
    for cells in rows:
        values = dict.fromkeys(dcad.COLUMNS, "0") | dict.fromkeys(CELLS, "") | cells
        lines.append(",".join(values[column] for column in dcad.COLUMNS))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read(path: Path, size: int, *, batched: bool) -> tuple[object, ...]:
    """Everything a reading gives: rows, problems, unmapped values, the match report."""
    problems: list[defcoop.Problem] = []
    file = DcadFile(str(path), USED, problems)
    reader = RowReader(str(path), file.positions, BASE, ({}, {}), MISSING, problems)
    matcher = Matcher(BASE.agreements())
    if batched:
        rows = read_rows(reader, file.batches(size), matcher)
    else:
        rows = []
        for numbers, batch in file.batches(size):
            for number, cells in zip(numbers, batch, strict=True):
                row = reader.read(number, cells)
                if row is not None and not matcher.match(row):
                    rows.append(row)
    return rows, problems, reader.unmapped, matcher.report(len(rows))


@settings(max_examples=max(20, settings.default.max_examples // 2), deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries({column: st.sampled_from(texts) for column, texts in CELLS.items()}),
        max_size=12,
    ),
    size=st.sampled_from([1, 3, 1024]),
)
def test_batches_read_as_rows_one_by_one(rows: list[dict[str, str]], size: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _file(rows, folder)
        assert _read(path, size, batched=True) == _read(path, size, batched=False)


def test_cells_that_read_alike_stay_two_cache_keys(tmp_path: Path) -> None:
    """A cell cached by its text never stands for another text: " 816" reads as 816 through
    its own key, and "816 x" is still refused after "816" was cached."""
    rows = [dict(CELLS, ccode1=c, DCAid=f"B{n}") for n, c in enumerate(["816", " 816", "816 x"])]
    rows = [{column: (v if isinstance(v, str) else v[0]) for column, v in r.items()} for r in rows]
    path = _file(rows, str(tmp_path))
    _rows, problems, _unmapped, _report = _read(path, 1024, batched=True)
    assert [(p.path, p.attribute) for p in problems] == [("row 3", "ccode1")]  # type: ignore[attr-defined]


def test_gc_is_left_as_it_was(tmp_path: Path) -> None:
    """The cycle collector, paused while rows are made, is on again after, or still off."""
    import gc

    path = _file([{"ccode1": "2", "ccode2": "20", "DCAid": "B1"}], str(tmp_path))
    assert gc.isenabled()
    dcad.convert(path, base=BASE)
    assert gc.isenabled()
    gc.disable()
    try:
        dcad.convert(path, base=BASE)
        assert not gc.isenabled()
    finally:
        gc.enable()


@given(
    texts=st.lists(st.text(alphabet="aZ09-_.: \n\t/", max_size=6), max_size=6),
    prefix=st.sampled_from(["", "dcad-", "I-"]),
)
def test_a_list_matched_at_once_as_each_text_alone(texts: list[str], prefix: str) -> None:
    """``every_match`` says of a list what matching each text alone says, for the patterns
    the batch path uses it with, whatever newlines the texts hold."""
    for pattern in (re.compile(ID.regex), UNTS_NUMBER):
        alone = all(pattern.fullmatch(prefix + text) for text in texts)
        assert every_match(pattern, prefix)(texts) == alone


def test_a_dcaid_given_again_names_its_first_row_across_batches(tmp_path: Path) -> None:
    """A DCAid of a row made a batch at a time, given again batches later (several times,
    and by rows read one by one), is reported with its first row, as reading every row
    alone reports it."""
    rows = [{"ccode1": "2", "ccode2": "20", "DCAid": f"B{n}"} for n in range(1, 41)]
    rows += [{"ccode1": "2", "ccode2": "20", "DCAid": f"B{n}"} for n in (3, 17, 3, 38, 41)]
    rows += [{"ccode1": "2", "ccode2": "20", "DCAid": "B41"}]
    path = _file(rows, str(tmp_path))
    batched = _read(path, 8, batched=True)
    assert batched == _read(path, 8, batched=False)
    problems = batched[1]
    assert [p.message for p in problems] == [  # type: ignore[attr-defined]
        f"DCAid '{dcaid}' is given twice: first in row {first}"
        for dcaid, first in (("B3", 3), ("B17", 17), ("B3", 3), ("B38", 38), ("B41", 45))
    ]


def test_the_register_registers_a_batch_only_if_every_dcaid_is_new() -> None:
    """A batch with a DCAid read before, or twice in itself, registers none of its DCAids."""
    register: Register[Row] = Register()
    assert register.first("A", 1) == 1
    assert not register.add_batch(["B", "A"])
    assert not register.add_batch(["C", "D", "C"])
    assert register.add_batch(["B", "C", "D"])
    assert not register.add_batch(["E", "D"])
    assert register.first("E", 9) == 9
