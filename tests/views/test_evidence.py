"""Evidence: a record's citations resolved to the source's title, publisher, date and paragraph."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _helpers import assert_refused, values_but
from defcoop import (
    Agreement,
    AgreementKind,
    Citation,
    CitedParagraph,
    DataError,
    Dataset,
    Evidence,
    Relationship,
    Source,
    UnknownNameError,
)


def test_agreement_evidence_is_resolved(db: Dataset) -> None:
    """Each cited paragraph comes with its source's title, publisher and date."""
    evidence = db.evidence("vnm-blr-military-science-2018")
    assert isinstance(evidence, Evidence)
    assert [(item.source.id, item.paragraph) for item in evidence] == [
        ("pillar-and-highlight", 12),
        ("pillar-and-highlight", 13),
        ("vietnamplus-2018-11-15-ministers-talks", 1),
        ("sputnik-by-2018-11-15-plan-signed", 4),
    ]
    first = next(iter(evidence))
    assert isinstance(first, CitedParagraph)
    assert first.title is not None
    assert first.title.startswith("Vietnam's defense cooperation")
    assert first.publisher is None
    assert first.published is None
    assert first.field is None


def test_evidence_by_record_or_id_is_the_same(db: Dataset) -> None:
    """A record and its id give the same evidence."""
    assert db.evidence(db.get("mcis-7")) == db.evidence("mcis-7")


def test_dated_source_gives_its_date_and_publisher(db: Dataset) -> None:
    """Paragraphs of the 2016 article carry its publisher and its day of publication."""
    items = [
        item
        for item in db.evidence("vnm-rus-strategic-dialogue")
        if item.citation.source == "strengthening-2016"
    ]
    assert len(items) == 1
    assert items[0].publisher == "Ministry of National Defence - Socialist Republic of VietNam"
    assert str(items[0].published) == "2016-04-26"


def test_relationship_evidence_includes_each_field(db: Dataset) -> None:
    """A relationship's evidence holds its own citations and those of every field."""
    relationship = db.get("vnm-blr")
    assert isinstance(relationship, Relationship)
    evidence = db.evidence(relationship)
    own = [item.citation for item in evidence if item.field is None]
    assert own == list(relationship.sources)
    for backing in relationship.evidence:
        cited = [item for item in evidence if item.field == backing.field]
        assert [item.citation for item in cited] == list(backing.sources)
        assert {item.field_label for item in cited} == {db.field(backing.field).label}
    assert len(evidence) == len(relationship.sources) + sum(
        len(b.sources) for b in relationship.evidence
    )


def test_every_cited_record_has_evidence(db: Dataset) -> None:
    """Every record that cites a source has at least one resolved paragraph."""
    for record in db:
        if getattr(record, "sources", ()):
            assert len(db.evidence(record)) >= 1


def test_printed_evidence_lists_paragraphs_and_sources(db: Dataset) -> None:
    """Printed, evidence lists the paragraphs by source, then each source once."""
    text = str(db.evidence("vnm-rus"))
    lines = text.splitlines()
    assert lines[0] == (
        "Evidence for relationship vnm-rus (VNM-RUS, comprehensive strategic partnership):"
    )
    assert "  military medicine: pillar-and-highlight ¶7; strengthening-2016 ¶6" in lines
    listed = lines[lines.index("Sources:") + 1 :]
    assert len(listed) == len(db.evidence("vnm-rus").sources)
    (line,) = [line for line in listed if line.startswith("  strengthening-2016: ")]
    assert line.startswith("  strengthening-2016: Strengtheing the Vietnam - Russia")
    assert "Ministry of National Defence - Socialist Republic of VietNam; 26 April 2016" in line
    assert line.endswith("(accessed 1 December 2026)")


def test_records_without_citations_say_so(db: Dataset) -> None:
    """Countries, sources and fields cite nothing, and their evidence says why."""
    for record_id in ("VNM", "pillar-and-highlight", "military-science"):
        evidence = db.evidence(record_id)
        assert len(evidence) == 0
        assert "cites no source" in str(evidence)


def test_evidence_html_has_a_row_per_paragraph(db: Dataset) -> None:
    """In a notebook evidence is a table with a row per cited paragraph."""
    evidence = db.evidence("mcis-7")
    assert evidence._repr_html_().count("<tr>") == len(evidence) + 1


def test_unknown_id_names_the_closest(db: Dataset) -> None:
    """An unknown id raises UnknownNameError with suggestions."""
    with pytest.raises(UnknownNameError, match="mcis-7"):
        db.evidence("mcis7")


def test_record_citing_a_source_outside_the_dataset(db: Dataset) -> None:
    """A record from elsewhere whose source the dataset lacks gives a DataError."""
    stranger = Agreement(
        id="elsewhere",
        title="Elsewhere",
        kind=AgreementKind.PLAN,
        parties=("VNM",),
        sources=(Citation(source="no-such-source", paragraph=1),),
    )
    with pytest.raises(DataError, match="no-such-source"):
        db.evidence(stranger)


def test_repr_counts_paragraphs_and_sources(db: Dataset) -> None:
    """In a terminal, evidence says how many paragraphs from how many sources."""
    assert repr(db.evidence("vnm-rus-igc-mtc")) == (
        "<Evidence for vnm-rus-igc-mtc: 6 paragraphs from 4 sources>"
    )


def test_printed_sources_give_authors_url_and_access_day(db: Dataset) -> None:
    """A source with authors, a url and an access day names them when evidence is printed."""
    from defcoop import PartialDate, Source

    source = Source(
        id="web-report",
        title="A report",
        language="en",
        paragraphs=2,
        authors=("Le Van A",),
        url="https://example.org/report",
        accessed=PartialDate(2026, 12, 1),
    )
    deal = Agreement(
        id="reported",
        title="Reported",
        kind=AgreementKind.PLAN,
        parties=("VNM",),
        sources=(Citation(source="web-report", paragraph=2),),
    )
    countries = [db.get("VNM")]
    printed = str(Dataset.from_records([source, *countries, deal]).evidence("reported"))
    assert (
        "web-report: Le Van A; A report; publisher not stated; undated; "
        "https://example.org/report (accessed 1 December 2026)"
    ) in printed


# The constructors check their values as records do ------------------------------------------


@pytest.fixture(scope="module")
def evidence_values(db: Dataset) -> dict[type, tuple[dict[str, Any], dict[str, Any]]]:
    """Valid values of a cited paragraph and of evidence, and wrong values for each attribute."""
    item = next(iter(db.evidence(db.relationships()[0])))
    paragraph = {
        "citation": item.citation,
        "source": item.source,
        "field": item.field,
        "field_label": item.field_label,
    }
    assert CitedParagraph(**paragraph) == item
    evidence = db.evidence("vnm-blr-military-science-2018")
    whole = {"record": evidence.record, "items": list(evidence.items)}  # a list becomes a tuple
    assert Evidence(**whole) == evidence
    return {
        CitedParagraph: (
            paragraph,
            {
                "citation": values_but(Citation) | st.sampled_from(db.sources),
                "source": values_but(Source) | st.sampled_from(db.countries[:3]),
                "field": values_but(str, type(None)) | st.sampled_from(db.sources),
                "field_label": values_but(str, type(None)),
            },
        ),
        Evidence: (
            whole,
            {
                "record": values_but() | st.sampled_from(evidence.items),
                "items": values_but(tuple, list, dict) | st.lists(values_but(), min_size=1),
            },
        ),
    }


@pytest.mark.parametrize(
    ("cls", "name"),
    [
        (CitedParagraph, "citation"),
        (CitedParagraph, "source"),
        (CitedParagraph, "field"),
        (CitedParagraph, "field_label"),
        (Evidence, "record"),
        (Evidence, "items"),
    ],
)
@given(data=st.data())
def test_cited_paragraphs_and_evidence_refuse_values_of_other_types(
    evidence_values: dict[type, tuple[dict[str, Any], dict[str, Any]]],
    cls: type,
    name: str,
    data: st.DataObject,
) -> None:
    """A cited paragraph holds a citation, a source and perhaps a field; evidence holds a
    record and cited paragraphs. Anything else raises a RecordError naming the attribute."""
    valid, wrong = evidence_values[cls]
    assert_refused(cls, valid, name, data.draw(wrong[name]))
