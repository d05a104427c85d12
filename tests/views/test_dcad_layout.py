"""Dyad-years in DCAD's dyadic layout: DCAD's columns, missing outside coverage, appendable."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import defcoop
from defcoop import ArgumentError, UnknownNameError
from defcoop.io import dcad
from defcoop.views.dcad_layout import COLUMNS, INDICATORS

HEADER = ",".join(dcad.COLUMNS)
#: Two rows of a file in the shape of DCAD's dyadic one (values made up).
DCAD_SHAPED = ",".join(COLUMNS) + "\n2,USA,20,CAN,1980,0,1,0,1,0,1\n2,USA,20,CAN,1981,0,1,0,1,0,1\n"


@pytest.fixture(scope="module")
def vnm_rus() -> dict[int, dict[str, object]]:
    """Vietnam-Russia, 1995-2020, in DCAD's layout, by year."""
    rows = defcoop.load().dyad_years(
        years="1995/2020", dyad=("VNM", "RUS"), layout="dcad", frame=False
    )
    return {row["year"]: row for row in rows}


def test_columns_are_dcads() -> None:
    """The columns are those of DCAD's dyadic file, in its order, and nothing else."""
    assert dcad.DYADIC_COLUMNS == COLUMNS
    assert COLUMNS[:5] == ("ccode1", "abbrev1", "ccode2", "abbrev2", "year")
    assert {c[:-2] for c in INDICATORS} == {"dcaGeneral", "dcaSector", "dcaAny"}


def test_outside_coverage_is_missing_never_zero(vnm_rus: dict[int, dict[str, object]]) -> None:
    """A year no claim covers has every indicator missing; a covered year without agreements
    in force has 0 everywhere."""
    assert [vnm_rus[1995][c] for c in INDICATORS] == [None] * 6
    assert [vnm_rus[1997][c] for c in INDICATORS] == [0] * 6
    row = vnm_rus[1997]
    assert (row["ccode1"], row["abbrev1"], row["ccode2"], row["abbrev2"]) == (
        365,
        "RUS",
        816,
        "DRV",
    )


def test_versions_and_scopes(vnm_rus: dict[int, dict[str, object]]) -> None:
    """V2 counts agreements with no known end, V1 leaves them missing; an unscoped agreement
    leaves General and Sector missing, never 0."""
    assert (vnm_rus[1998]["dcaAnyV2"], vnm_rus[1998]["dcaAnyV1"]) == (1, None)
    assert vnm_rus[2018]["dcaAnyV1"] == 1
    assert vnm_rus[2018]["dcaGeneralV2"] is None


def test_a_scoped_agreement_sets_its_indicator(tmp_path: Path) -> None:
    """A general agreement (scope from DCAD's type) in force makes dcaGeneralV2 1."""
    values = dict.fromkeys(dcad.COLUMNS, "")
    values.update(ccode1="816", ccode2="365", signYear="2000", type="general", DCAid="G-1")
    path = tmp_path / "main.csv"
    path.write_text(HEADER + "\n" + ",".join(values[c] for c in dcad.COLUMNS) + "\n", "utf-8")
    db = dcad.read(path)
    rows = db.dyad_years(years="2003", dyad=("VNM", "RUS"), layout="dcad", frame=False)
    assert (rows[0]["dcaGeneralV2"], rows[0]["dcaAnyV2"]) == (1, 1)


def test_csv_appends_to_a_dcad_shaped_file(tmp_path: Path) -> None:
    """DCAD's file plus the rows without header reads back as one table of DCAD's columns,
    whose missing indicators are empty cells."""
    rows = defcoop.load().dyad_years(years="1995/1997", dyad=("VNM", "RUS"), layout="dcad",
                                     frame=False)  # fmt: skip
    assert rows.to_csv().splitlines()[0] == ",".join(COLUMNS)
    combined = DCAD_SHAPED + rows.to_csv(header=False)
    table = list(csv.DictReader(io.StringIO(combined)))
    assert len(table) == 5
    assert all(list(line) == list(COLUMNS) and None not in line.values() for line in table)
    assert (table[2]["year"], table[2]["dcaAnyV1"]) == ("1995", "")
    assert table[4]["dcaAnyV2"] == "0"


def test_frame_appends_with_the_same_columns_and_types() -> None:
    """As DataFrames, the rows concatenate with DCAD's: same columns, integers stay integers."""
    pd = pytest.importorskip("pandas")
    theirs = pd.read_csv(io.StringIO(DCAD_SHAPED))
    ours = defcoop.load().dyad_years(years="1995/1997", dyad=("VNM", "RUS"), layout="dcad")
    assert list(ours.columns) == list(theirs.columns)
    both = pd.concat([theirs, ours], ignore_index=True)
    assert list(both.columns) == list(COLUMNS)
    for column in ("ccode1", "ccode2", "year", *INDICATORS):
        assert pd.api.types.is_integer_dtype(both[column]), column
    assert both["dcaAnyV1"].isna().tolist() == [False, False, True, True, False]


def test_layout_arguments_are_checked() -> None:
    """DCAD's layout is COW and not directed; an unknown layout names the layouts."""
    db = defcoop.load()
    with pytest.raises(ArgumentError, match="directed"):
        db.dyad_years(years="2018", layout="dcad", directed=True)
    with pytest.raises(ArgumentError, match="system"):
        db.dyad_years(years="2018", layout="dcad", system="gw")
    with pytest.raises(UnknownNameError, match="dcad"):
        db.dyad_years(years="2018", layout="dcadd")  # type: ignore[call-overload]
