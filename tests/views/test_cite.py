"""Citations: BibTeX that a BibTeX library parses and CSL-JSON that a CSL processor renders."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from _helpers import parse_bibtex
from defcoop import (
    Agreement,
    AgreementKind,
    Citation,
    Dataset,
    PartialDate,
    Source,
    UnknownNameError,
)
from defcoop import strategies as dst

WEB = Source(
    id="web-report",
    title="Defense ties {grow} 100% & more_",
    publisher="A ministry",
    published=PartialDate(2019, 3),
    language="vi",
    paragraphs=9,
    translator="Tran Hoai",
    url="https://example.org/news/ties?id=7",
    authors=("Nguyễn Văn A", "Le Thi B"),
    accessed=PartialDate(2026, 12, 1),
)
DEAL = Agreement(
    id="deal",
    title="A deal",
    kind=AgreementKind.PLAN,
    parties=("VNM",),
    sources=(
        Citation(source="web-report", paragraph=4),
        Citation(source="web-report", paragraph=2),
        Citation(source="strengthening-2016", paragraph=3),
    ),
)


@pytest.fixture(scope="module")
def web(db: Dataset) -> Dataset:
    """The bundled data with one web report and an agreement citing it and a bundled source."""
    return Dataset.from_records([*db, WEB, DEAL], info=db.info)


def test_bibtex_parses_with_its_values(web: Dataset) -> None:
    """pybtex reads the entry back: authors, title with special characters, dates, url."""
    parsed = parse_bibtex(web.cite("web-report"))
    entry = parsed.entries["web-report"]
    assert entry.type == "misc"
    assert [str(person) for person in entry.persons["author"]] == ["{Nguyễn Văn A}", "{Le Thi B}"]
    assert entry.fields["title"] == (
        r"{Defense ties \textbraceleft{}grow\textbraceright{} 100\% \& more\_}"
    )
    assert (entry.fields["year"], entry.fields["month"]) == ("2019", "March")
    assert entry.fields["date"] == "2019-03"
    assert entry.fields["url"] == "https://example.org/news/ties?id=7"
    assert entry.fields["urldate"] == "2026-12-01"
    assert entry.fields["langid"] == "vietnamese"
    assert "language" not in entry.fields


def test_a_record_cites_each_source_once_with_its_paragraphs(web: Dataset) -> None:
    """A record's entries are its sources, in citation order, each naming the paragraphs."""
    parsed = parse_bibtex(web.cite("deal", style="bibtex"))
    assert list(parsed.entries) == ["web-report", "strengthening-2016"]
    version = web.info.version  # type: ignore[union-attr]
    assert parsed.entries["web-report"].fields["note"] == (
        f"cited for deal: paragraphs 2, 4 (defcoop data {version})"
    )
    assert parsed.entries["strengthening-2016"].fields["note"] == (
        f"cited for deal: paragraph 3 (defcoop data {version})"
    )


def test_every_bundled_record_has_parsable_citations(db: Dataset) -> None:
    """Each bundled source and record gives BibTeX that parses, one entry per source cited."""
    for record in db:
        if not hasattr(record, "sources") and not isinstance(record, Source):
            continue
        parsed = parse_bibtex(db.cite(record.id))
        expected = {item.source.id for item in db.evidence(record)} or {record.id}
        assert set(parsed.entries) == expected


def test_csl_json_renders_with_a_csl_processor(web: Dataset) -> None:
    """citeproc-py renders the CSL-JSON items into a bibliography naming what they hold."""
    pytest.importorskip("citeproc")
    from citeproc import Citation as CslCitation
    from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(web.cite("deal", style="csl-json"))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(CslCitation([CitationItem("web-report")]))
    rendered = str(bibliography.bibliography()[0])
    for expected in ("Nguyễn Văn A", "Defense ties", "2019", "https://example.org/news/ties"):
        assert expected in rendered


def test_csl_json_items_follow_the_csl_data_shapes(web: Dataset) -> None:
    """Items have an id and type; names are literal; dates are date-parts at their precision."""
    (item,) = json.loads(web.cite("web-report", style="csl-json"))
    assert item["type"] == "webpage"
    assert item["author"] == [{"literal": "Nguyễn Văn A"}, {"literal": "Le Thi B"}]
    assert item["issued"] == {"date-parts": [[2019, 3]]}
    assert item["accessed"] == {"date-parts": [[2026, 12, 1]]}
    assert item["URL"] == "https://example.org/news/ties?id=7"


def test_bad_style_and_unknown_id() -> None:
    """A misspelt style or id raises naming the closest."""
    import defcoop

    db = defcoop.load()
    with pytest.raises(UnknownNameError, match="csl-json"):
        db.cite("mcis-7", style="csljson")
    with pytest.raises(UnknownNameError, match="mcis-7"):
        db.cite("mcis7")


@settings(max_examples=max(20, settings.default.max_examples // 2))
@given(dst.sources())
def test_any_source_gives_an_entry_pybtex_reads(source: Source) -> None:
    """Whatever a source's text holds (braces, backslashes, any script), its entry parses."""
    from defcoop.views.cite import bibtex, bibtex_key, csl_json

    parsed = parse_bibtex(bibtex(source))
    assert list(parsed.entries) == [bibtex_key(source.id)]
    entry = parsed.entries[bibtex_key(source.id)]
    assert len(entry.persons.get("author", [])) == len(source.authors)
    assert json.loads(json.dumps(csl_json(source)))["id"] == source.id


def test_a_dataset_without_a_version_cites_without_one(web: Dataset) -> None:
    """Without dataset info the note names the paragraphs only; CSL-JSON notes match BibTeX's."""
    bare = Dataset.from_records(list(web))
    items = json.loads(bare.cite("deal", style="csl-json"))
    assert {item["note"] for item in items} == {
        "cited for deal: paragraphs 2, 4",
        "cited for deal: paragraph 3",
    }
    versioned = json.loads(web.cite("deal", style="csl-json"))
    assert all("(defcoop data " in item["note"] for item in versioned)
