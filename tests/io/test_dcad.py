"""DCAD import: rows become agreements joined with the bundled data; problems come together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import defcoop
from _dcad_files import write
from defcoop import AgreementKind, DataError, Dataset, PartialDate
from defcoop import strategies as dst
from defcoop.cli._main import main
from defcoop.io import dcad

FIXTURE = Path(__file__).parents[1] / "fixtures" / "DCAD-v1.0-main-synthetic.csv"
HEADER = FIXTURE.read_text(encoding="utf-8").splitlines()[0]


def row(**cells: str) -> str:
    """One CSV row in DCAD's layout: synthetic defaults, then the cells given."""
    values = dict.fromkeys(dcad.COLUMNS, "")
    values.update(ccode1="816", ccode2="365", signYear="2001", type="sector", DCAid="SYN-9")
    values.update(cells)
    return ",".join(values[column] for column in dcad.COLUMNS)


@pytest.fixture(scope="module")
def imported() -> Dataset:
    """The synthetic fixture read into the bundled data (its unmapped values warn)."""
    with pytest.warns(dcad.DcadWarning, match="zz-synthetic-category"):
        return dcad.read(FIXTURE, accessed=PartialDate(2026, 12, 1))


def test_header_is_dcads() -> None:
    """The fixture's columns are DCAD's, in DCAD's order."""
    assert tuple(HEADER.split(",")) == dcad.COLUMNS


def test_rows_become_agreements_with_parties_dates_and_ids(imported: Dataset) -> None:
    """COW codes give parties; dates keep the row's precision; DCAid is kept twice."""
    first = imported.get("dcad-SYN-1", defcoop.Agreement)
    assert first.parties == ("VNM", "RUS")
    assert (str(first.signed), str(first.entered_into_force)) == ("1991-03-15", "1991-04")
    assert first.identifiers == ("dcad:SYN-1",)
    assert first.kind is AgreementKind.FRAMEWORK
    second = imported.get("dcad-SYN-2", defcoop.Agreement)
    assert (str(second.signed), second.entered_into_force) == ("1998-11", None)
    assert second.kind is AgreementKind.AGREEMENT
    assert str(imported.get("dcad-SYN-3", defcoop.Agreement).signed) == "2004"


def test_categories_map_to_fields_through_names(imported: Dataset) -> None:
    """A category naming a field (label or id, any case) maps to it; queries find it."""
    assert imported.get("dcad-SYN-2", defcoop.Agreement).fields == {
        "military-science",
        "personnel-training",
    }
    found = imported.agreements(field="military science").ids()
    assert {"dcad-SYN-2", "dcad-SYN-4", "vnm-blr-military-science-2018"} == set(found)


def test_unknown_category_and_type_are_kept_and_reported() -> None:
    """Unmapped values stay in the notes as written and are listed with their rows."""
    conversion = dcad.convert(FIXTURE, base=defcoop.load())
    assert conversion.unmapped == {
        "category zz-synthetic-category": (3, 4),
        "type zz-synthetic-type": (4,),
    }
    fourth = next(a for a in conversion.agreements if a.id == "dcad-SYN-4")
    assert "'zz-synthetic-category'" in (fourth.notes or "")
    assert "'zz-synthetic-type'" in (fourth.notes or "")
    assert fourth.fields == {"military-science"}


def test_citation_locator_is_the_row(imported: Dataset) -> None:
    """Each agreement cites the DCAD source at its row; the source can be cited."""
    assert [str(c) for c in imported.get("dcad-SYN-3", defcoop.Agreement).sources] == ["dcad ¶3"]
    source = imported.get("dcad", defcoop.Source)
    assert (source.paragraphs, source.authors, str(source.accessed)) == (
        4,
        ("Brandon J. Kinne",),
        "2026-12-01",
    )
    assert "urldate = {2026-12-01}" in imported.cite("dcad-SYN-3")


def test_crosswalk_arguments_extend_the_defaults() -> None:
    """categories= and types= map codes the names do not."""
    conversion = dcad.convert(
        FIXTURE,
        base=defcoop.load(),
        categories={"zz-synthetic-category": "peacekeeping"},
        types={"zz-synthetic-type": "framework agreement"},
    )
    assert conversion.unmapped == {}
    fourth = next(a for a in conversion.agreements if a.id == "dcad-SYN-4")
    assert fourth.fields == {"military-science", "peacekeeping"}
    assert fourth.kind is AgreementKind.FRAMEWORK


def test_unreadable_rows_are_reported_together(tmp_path: Path) -> None:
    """Every bad row and cell is one problem of one DataError, naming row and column."""
    path = write(
        tmp_path,
        row(DCAid="SYN-1"),
        row(DCAid="SYN-2", ccode2="99999"),
        row(DCAid="SYN-3", signMonth="13"),
        row(DCAid="SYN-1"),
        row(DCAid="", ccode1="x"),
        row(DCAid="SYN-6", signYear="", signDay="4"),
    )
    with pytest.raises(DataError) as info:
        dcad.convert(path, base=defcoop.load())
    problems = [(p.path, p.attribute) for p in info.value.problems]
    assert problems == [
        ("row 2", "ccode2"),
        ("row 3", "signMonth"),
        ("row 4", "DCAid"),
        ("row 5", "DCAid"),
        ("row 5", "ccode1"),
        ("row 6", "signYear"),
    ]
    assert "COW code 99999 is not among the countries" in str(info.value)


def test_not_a_dcad_file(tmp_path: Path) -> None:
    """A CSV without DCAD's columns, or a missing file, is one clear problem."""
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DataError, match="not a DCAD main file: no column ccode1"):
        dcad.convert(other, base=defcoop.load())
    with pytest.raises(DataError, match="cannot be read"):
        dcad.convert(tmp_path / "absent.csv", base=defcoop.load())


def test_works_with_whatever_countries_are_loaded(tmp_path: Path) -> None:
    """Parties are matched against the base dataset's countries, whichever they are."""
    country = defcoop.Country(code="AAA", name="Synthetia", alpha2="AA", cow_code=9001)
    other = defcoop.Country(code="BBB", name="Fictiva", alpha2="BB", cow_code=9002)
    base = Dataset.from_records([country, other])
    path = write(tmp_path, row(ccode1="9001", ccode2="9002", DCAid="SYN-1"))
    db = dcad.read(path, base=base)
    assert db.agreements(party="Fictiva").ids() == ("dcad-SYN-1",)


def test_cli_import_writes_a_data_file_that_loads(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """defcoop import dcad writes dcad.json, which loads with the bundled data."""
    crosswalk = tmp_path / "crosswalk.toml"
    crosswalk.write_text('[categories]\nzz-synthetic-category = "peacekeeping"\n', encoding="utf-8")
    out = tmp_path / "out"
    argv = ["import", "dcad", str(FIXTURE), "--out", str(out), "--crosswalk", str(crosswalk)]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "4 agreements" in captured.out
    assert "type zz-synthetic-type is not mapped (rows 4)" in captured.err
    db = defcoop.load(out, bundled=True)
    assert "dcad-SYN-3" in db.agreements(field="peacekeeping").ids()
    assert json.loads((out / "dcad.json").read_text(encoding="utf-8"))["sources"][0]["id"] == "dcad"
    assert main(argv) == 1
    assert "already exists" in capsys.readouterr().err


@settings(max_examples=max(10, settings.default.max_examples // 4), deadline=None)
@given(
    dates=st.lists(dst.partial_dates(within=defcoop.Period.parse("1980/2010")), min_size=1),
    data=st.data(),
)
def test_dates_keep_the_precision_of_any_row(
    tmp_path_factory: pytest.TempPathFactory, dates: list[PartialDate], data: st.DataObject
) -> None:
    """Whatever the precision of a row's date, the agreement's date is that date."""
    codes = [c.cow_code for c in defcoop.load().countries if c.cow_code is not None]
    rows = []
    for number, date in enumerate(dates, start=1):
        first, second = data.draw(
            st.lists(st.sampled_from(codes), min_size=2, max_size=2, unique=True)
        )
        rows.append(
            row(
                DCAid=f"SYN-{number}",
                ccode1=str(first),
                ccode2=str(second),
                signYear=str(date.year),
                signMonth="" if date.month is None else str(date.month),
                signDay="" if date.day is None else str(date.day),
            )
        )
    path = write(tmp_path_factory.mktemp("dcad"), *rows)
    conversion = dcad.convert(path, base=defcoop.load())
    assert [a.signed for a in conversion.agreements] == dates
