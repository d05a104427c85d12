"""Citations and evidence for a whole answer: each source once, keys unique, entries rendered."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _helpers import WHOLE_DATASETS, parse_bibtex
from defcoop import (
    Agreement,
    AgreementKind,
    AnswerEvidence,
    ArgumentError,
    Citation,
    Dataset,
    Evidence,
    PartialDate,
    Relationship,
    Source,
    UnknownNameError,
)
from defcoop import strategies as dst
from defcoop.views.cite import LANGUAGES, TITLE_REMARKS, bibtex, bibtex_key, split_title

pytest.importorskip("pybtex.database")


def _entries(text: str) -> dict[str, object]:
    return dict(parse_bibtex(text).entries)


def test_military_science_agreements_give_one_bibtex_with_unique_keys(db: Dataset) -> None:
    """The issue's answer gives one BibTeX string that pybtex parses, one entry per source."""
    answer = db.agreements(field="military science")
    text = db.cite(answer)
    entries = _entries(text)  # pybtex refuses a repeated key
    cited = {item.source.id for record in answer for item in db.evidence(record)}
    assert set(entries) == cited
    assert text.count("@misc{") == len(cited)


def test_a_source_cited_by_several_records_has_one_entry_naming_each(db: Dataset) -> None:
    """A source two records cite is one entry whose note names each record's paragraphs."""
    answer = db.agreements(party="BLR")
    shared = db.evidence(answer).sources[0]
    citing = [r for r in answer if any(i.source.id == shared.id for i in db.evidence(r))]
    assert len(citing) > 1
    entry = _entries(db.cite(answer))[shared.id]
    note = entry.fields["note"]  # type: ignore[attr-defined]
    for record in citing:
        assert f"{record.id}: paragraph" in note


def test_answer_evidence_lists_each_source_once(db: Dataset) -> None:
    """db.evidence(results) holds each record's evidence, and every source once."""
    answer = db.agreements(party="BLR")
    found = db.evidence(answer)
    assert isinstance(found, AnswerEvidence)
    assert found.records == tuple(answer)
    assert all(isinstance(part, Evidence) for part in found)
    ids = [source.id for source in found.sources]
    assert len(ids) == len(set(ids))
    assert set(ids) == {item.source.id for part in found for item in part}
    printed = str(found)
    assert all(printed.count(f"\n  {source_id}: ") == 1 for source_id in ids)
    assert found._repr_html_().count("<tr>") == len(found.items) + 1


def test_an_empty_answer_cites_nothing(db: Dataset) -> None:
    """No records, no entries: an empty string, or an empty CSL-JSON list."""
    assert db.cite(db.agreements()[:0]) == ""
    assert json.loads(db.cite([], style="csl-json")) == []
    assert len(db.evidence(())) == 0


def test_a_relationship_cited_for_a_field_gives_only_that_fields_sources(db: Dataset) -> None:
    """With field=, a relationship's citations are those for the field, not the others."""
    relationship = db.get("vnm-blr", Relationship)
    backing = relationship.evidence[0]
    wanted = db.narrower(backing.field)
    expected = {
        c.source for item in relationship.evidence if item.field in wanted for c in item.sources
    }
    entries = _entries(db.cite(relationship, field=backing.field))
    assert set(entries) == expected
    evidence = db.evidence(relationship, field=backing.field)
    assert {item.field for item in evidence} <= wanted
    assert evidence.field == backing.field
    everything = {item.source.id for item in db.evidence(relationship)}
    assert expected < everything


def test_an_unknown_field_or_a_wrong_answer_is_refused(db: Dataset) -> None:
    """A misspelt field names the closest; something that is no record nor records is refused."""
    with pytest.raises(UnknownNameError, match="training"):
        db.cite("vnm-blr", field="trainig")
    with pytest.raises(ArgumentError, match="records of an answer"):
        db.cite([3.5])
    with pytest.raises(ArgumentError, match="records of an answer"):
        db.evidence(4)  # type: ignore[call-overload]


def test_undated_sources_say_so_and_are_never_dated_by_their_reading(db: Dataset) -> None:
    """An undated source has year n.d.; pybtex's plain style and a CSL style print n.d."""
    answer = db.agreements(field="military science")
    undated = next(s for s in db.evidence(answer).sources if s.published is None)
    entry = _entries(db.cite(answer))[undated.id]
    assert entry.fields["year"] == "n.d."  # type: ignore[attr-defined]
    assert "date" not in entry.fields  # type: ignore[attr-defined]

    from pybtex.plugin import find_plugin

    style = find_plugin("pybtex.style.formatting", "plain")()
    parsed = parse_bibtex(db.cite(answer))
    rendered = {e.key: e.text.render_as("text") for e in style.format_bibliography(parsed)}
    assert "n.d." in rendered[undated.id]
    # No year of its own: the access year appears at most in the data version (2026.12.0).
    before_url = rendered[undated.id].split("URL:")[0]
    year = undated.accessed.year  # type: ignore[union-attr]
    assert not re.search(rf"\b{year}\b(?!\.\d)", before_url), before_url
    # Titles keep the capitals they were published with.
    assert "Russia and with Belarus" in rendered[undated.id]


def test_csl_rendering_of_an_answer_dates_undated_sources_n_d(db: Dataset) -> None:
    """citeproc-py renders every item; an undated one reads (n.d.), its access day only once."""
    pytest.importorskip("citeproc")
    from citeproc import Citation as CslCitation
    from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    answer = db.agreements(field="military science")
    items = json.loads(db.cite(answer, style="csl-json"))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(CslCitation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    undated = [text for text in rendered if "(n.d.)" in text]
    assert undated
    for text in undated:
        assert re.findall(r"\b20\d\d\b", text) == re.findall(r"Accessed: \w+ \d+, (20\d\d)", text)


def test_bundled_languages_have_names_and_titles_no_remarks(db: Dataset) -> None:
    """Every bundled source's language has a langid name; no remark is left in a title."""
    for source in db.sources:
        assert source.language in LANGUAGES, source.id
        title, remark = split_title(source.title)
        assert title is None or not re.search(r"^\[|\((headline|untitled)[^)]*\)$", title), title
        assert remark is None or remark.startswith("untitled") or remark in TITLE_REMARKS


def test_curators_remarks_go_to_the_note_not_the_title() -> None:
    """A bracketed title of ours and a '(headline not in the stored copy)' remark go to note."""
    ours = Source(id="ours", title="[Report on a visit]", language="ru", paragraphs=1)
    entry = _entries(bibtex(ours))["ours"]
    assert "title" not in entry.fields  # type: ignore[attr-defined]
    assert "Report on a visit" in entry.fields["note"]  # type: ignore[attr-defined]
    assert entry.fields["langid"] == "russian"  # type: ignore[attr-defined]
    restored = Source(
        id="restored",
        title="Talks held (headline not in the stored copy)",
        language="en",
        paragraphs=1,
        published=PartialDate(2019),
    )
    entry = _entries(bibtex(restored))["restored"]
    assert entry.fields["title"] == "{Talks held}"  # type: ignore[attr-defined]
    assert entry.fields["note"] == "headline not in the stored copy"  # type: ignore[attr-defined]


@given(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,8}", fullmatch=True))
def test_keys_stay_unique_when_ids_differ_only_in_case(source_id: str) -> None:
    """Every casing of an id gives its own key, and pybtex reads them all in one string."""
    casings = {source_id, source_id.lower(), source_id.upper(), source_id.swapcase()}
    keys = {bibtex_key(i) for i in casings}
    assert len({key.casefold() for key in keys}) == len(casings)
    text = "\n".join(
        bibtex(Source(id=i, title="T", language="en", paragraphs=1)) for i in sorted(casings)
    )
    assert len(_entries(text)) == len(casings)


def test_control_characters_never_reach_bibtex(db: Dataset) -> None:
    """Control characters and bidi overrides in a source's text and address are not written."""
    hostile = Source(
        id="hostile",
        title="Esc\x1b[31m red\u202e reversed\x07",
        publisher="Bell\x07 Press",
        language="en",
        paragraphs=1,
        url="https://example.org/a\x1bb\u202e",
    )
    text = bibtex(hostile)
    assert not any((ord(c) < 32 and c != "\n") or c == "\u202e" for c in text)
    entry = _entries(text)["hostile"]
    assert entry.fields["url"] == "https://example.org/a%1Bb%E2%80%AE"  # type: ignore[attr-defined]
    deal = Agreement(
        id="deal",
        title="A deal",
        kind=AgreementKind.PLAN,
        parties=("VNM",),
        sources=(Citation(source="hostile", paragraph=1),),
    )
    with_hostile = Dataset.from_records([*db.countries, hostile, deal])
    assert "\x1b" not in with_hostile.cite("deal")


@settings(max_examples=WHOLE_DATASETS)  # whole datasets: see _helpers.WHOLE_DATASETS
@given(data=st.data())
def test_any_answer_of_any_dataset_cites_each_source_once(data: st.DataObject) -> None:
    """For generated data and any records of it, one entry per source cited, keys unique."""
    db = data.draw(dst.datasets())
    records = list(db)
    answer = data.draw(st.lists(st.sampled_from(records), max_size=12)) if records else []
    cited = {s.id for s in db.evidence(answer).sources}
    cited |= {r.id for r in answer if isinstance(r, Source)}
    entries = _entries(db.cite(answer))
    assert set(entries) == {bibtex_key(source_id) for source_id in cited}
    items = json.loads(db.cite(answer, style="csl-json"))
    assert sorted(item["id"] for item in items) == sorted(cited)
