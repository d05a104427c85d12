"""Coverage claims at load: what they vouch for, what they rest on, and when they may end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import defcoop
from defcoop import Coverage, DataError, Period, RecordError

COUNTRIES = """
[[countries]]
code = "VNM"
name = "Vietnam"

[[countries]]
code = "BLR"
name = "Belarus"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.toml"
    path.write_text(COUNTRIES + text, encoding="utf-8")
    return path


def report(published: str, period: str, **more: Any) -> str:
    extra = "".join(f", {key} = {value}" for key, value in more.items())
    return f"""
[[sources]]
id = "a-report"
language = "en"
paragraphs = 1
published = "{published}"
coverage = [{{ countries = ["VNM", "BLR"], period = "{period}"{extra} }}]
"""


@pytest.mark.parametrize(
    ("published", "period"),
    [("2018-10-26", "2018-10-01/2018-10-26"), ("2018-10", "2018-10"), ("2018", "2018")],
)
def test_a_claim_may_reach_its_sources_day(tmp_path: Path, published: str, period: str) -> None:
    """A claim ending on the day of publication, at the precision given, loads."""
    db = defcoop.load(write(tmp_path, report(published, period)))
    assert [str(c.period) for c in db.get("a-report").coverage] == [period]


@pytest.mark.parametrize(
    ("published", "period"),
    [("2018-10-26", "2018-10"), ("2018-10", "2018-10/2018-11-02"), ("2018", "2018/..")],
)
def test_a_claim_ending_after_its_source_fails_to_load(
    tmp_path: Path, published: str, period: str
) -> None:
    """A report of 26 October cannot cover the rest of October: the error names both dates."""
    with pytest.raises(DataError) as caught:
        defcoop.load(write(tmp_path, report(published, period)))
    message = str(caught.value)
    assert "a-report" in message
    assert f"published on {published}" in message


def test_an_undated_page_is_bounded_by_the_day_it_was_read(tmp_path: Path) -> None:
    """Without a publication date, the day the page was accessed bounds its claims."""
    text = report("2018", "2018").replace('published = "2018"', 'accessed = "2019-03-01"')
    assert defcoop.load(write(tmp_path, text))
    late = text.replace('period = "2018"', 'period = "2019"')
    with pytest.raises(DataError, match="accessed"):
        defcoop.load(write(tmp_path, late))


def test_a_misspelt_record_type_is_told_the_closest(tmp_path: Path) -> None:
    """``records`` names record types and kinds the registry knows, with suggestions."""
    with pytest.raises(DataError, match="did you mean 'events:visit'"):
        defcoop.load(write(tmp_path, report("2018", "2018", records='["events:visitt"]')))
    with pytest.raises(RecordError, match="did you mean 'agreements'"):
        Coverage(countries=("VNM",), period=Period.parse("2018"), records=["agreement"])


SEARCH = """
[[searches]]
id = "looked"
collections = ["stored pages"]
queries = ["Vietnam Belarus defence"]
languages = ["en", "ru"]
years = "2010/2018"
done = "2019-01-05"
"""


def dataset(claim: str) -> str:
    return f"""
[dataset]
name = "mine"
version = "1"
coverage = [{claim}]
"""


def test_a_dataset_claim_rests_on_a_search_and_sources(tmp_path: Path) -> None:
    """A [dataset] claim names its search and sources; it lists under db.claims."""
    claim = (
        '{ countries = ["VNM", "BLR"], period = "2015/2018-11", records = ["events:visit"], '
        'search = "looked", sources = ["a-report"] }'
    )
    text = report("2018-12-01", "2018-11") + SEARCH + dataset(claim)
    db = defcoop.load(write(tmp_path, text))
    assert [s.id for s in db.searches] == ["looked"]
    assert db.claims[0].search == "looked"
    assert db.claims[1].sources == ("a-report",)  # the source's own claim
    assert any(c.records == {"events:visit"} for c in db.coverage)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ('{ countries = ["VNM"], period = "2015" }', "names no search"),
        ('{ countries = ["VNM"], period = "2015", search = "looked" }', "names no sources"),
        (
            '{ countries = ["VNM"], period = "2015", search = "lokked", sources = ["a-report"] }',
            "did you mean 'looked'",
        ),
        (
            '{ countries = ["VNM"], period = "2009", search = "looked", sources = ["a-report"] }',
            "outside the years search 'looked' looked at",
        ),
        (
            '{ countries = ["VNM"], period = "2018-12", search = "looked", '
            'sources = ["a-report"] }',
            "ends after its latest source's date",
        ),
    ],
)
def test_a_broken_dataset_claim_fails_to_load(tmp_path: Path, claim: str, expected: str) -> None:
    """A claim without its search or sources, or reaching past them, is a DataError."""
    text = report("2018-12-01", "2018-11") + SEARCH + dataset(claim)
    with pytest.raises(DataError, match=expected):
        defcoop.load(write(tmp_path, text))
