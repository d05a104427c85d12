"""The records: validation on construction, immutability, defaults and helpers."""

from __future__ import annotations

import attrs
import pytest

from defcoop import (
    Agreement,
    AgreementKind,
    Citation,
    Country,
    Event,
    EventKind,
    FieldEvidence,
    PartialDate,
    Period,
    Relationship,
    Source,
)
from defcoop.errors import RecordError

CITE = (Citation(source="s", paragraph=1),)


def agreement(**changes: object) -> Agreement:
    values: dict[str, object] = {
        "id": "a",
        "title": "An agreement",
        "kind": AgreementKind.AGREEMENT,
        "parties": ("VNM", "RUS"),
        "sources": CITE,
    }
    values.update(changes)
    return Agreement(**values)  # type: ignore[arg-type]


def test_records_are_frozen_and_slotted() -> None:
    """Assigning to a record raises, and records carry no __dict__."""
    record = agreement()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.title = "changed"  # type: ignore[misc]
    assert not hasattr(record, "__dict__")


def test_records_are_keyword_only() -> None:
    """Records refuse positional arguments, so attribute order is not part of the API."""
    with pytest.raises(TypeError):
        Citation("s", 1)  # type: ignore[misc]


def test_lists_become_tuples_and_sets() -> None:
    """Lists given in code are stored as tuples and frozensets, so records stay hashable."""
    record = agreement(parties=["VNM", "BLR"], fields=["military-science"], sources=list(CITE))
    assert record.parties == ("VNM", "BLR")
    assert record.fields == frozenset({"military-science"})
    assert hash(record) == hash(agreement(parties=("VNM", "BLR"), fields={"military-science"}))


@pytest.mark.parametrize(
    ("changes", "attribute"),
    [
        ({"sources": ()}, "sources"),
        ({"parties": ()}, "parties"),
        ({"parties": ("VNM", "VNM")}, "parties"),
        ({"title": ""}, "title"),
        ({"inferred": {"nonsense"}}, "inferred"),
    ],
)
def test_invalid_values_raise_record_error(changes: dict[str, object], attribute: str) -> None:
    """Empty citations, repeated parties, empty text and unknown inferred names are refused."""
    with pytest.raises(RecordError) as info:
        agreement(**changes)
    assert info.value.attribute == attribute
    assert isinstance(info.value, ValueError)


def test_a_single_string_is_not_a_list() -> None:
    """A lone string where a list is expected is an error, not a list of characters."""
    with pytest.raises(TypeError, match="single string"):
        agreement(parties="VNM")


def test_wrong_types_are_refused() -> None:
    """A kind given as plain text or a date as text is a TypeError."""
    with pytest.raises(TypeError):
        agreement(kind="agreement")
    with pytest.raises(TypeError):
        agreement(signed="2018")


def test_bad_ids_are_refused() -> None:
    """Ids are one word of letters, digits and . _ : - (no spaces, no '#')."""
    for bad in ["", "two words", "a#1", "-leading"]:
        with pytest.raises(ValueError, match="id"):
            agreement(id=bad)


def test_citation_paragraph_starts_at_one() -> None:
    """Paragraph numbers count from 1."""
    with pytest.raises(ValueError, match="paragraph"):
        Citation(source="s", paragraph=0)
    assert str(Citation(source="s", paragraph=3)) == "s ¶3"


def test_event_host_must_be_a_party() -> None:
    """An event's host is always among its parties."""
    with pytest.raises(RecordError, match="host"):
        Event(id="e", title="E", kind=EventKind.VISIT, parties=("VNM",), host="RUS", sources=CITE)
    event = Event(
        id="e", title="E", kind=EventKind.VISIT, parties=("VNM", "RUS"), host="RUS", sources=CITE
    )
    assert event.status.value == "occurred"


def test_relationship_fields_come_from_evidence() -> None:
    """A relationship's fields default to those with evidence, and sources_for finds them."""
    evidence = (FieldEvidence(field="peacekeeping", sources=CITE),)
    rel = Relationship(id="r", parties=("VNM", "RUS"), evidence=evidence, sources=CITE)
    assert rel.fields == frozenset({"peacekeeping"})
    assert rel.sources_for("peacekeeping") == CITE
    assert rel.sources_for("military-science") == ()


def test_relationship_field_without_evidence_is_refused() -> None:
    """Every field named for a dyad needs its own citations."""
    with pytest.raises(RecordError, match="without evidence"):
        Relationship(id="r", parties=("VNM", "RUS"), fields={"peacekeeping"}, sources=CITE)
    evidence = (FieldEvidence(field="x", sources=CITE), FieldEvidence(field="x", sources=CITE))
    with pytest.raises(RecordError, match="more than once"):
        Relationship(id="r", parties=("VNM", "RUS"), evidence=evidence, sources=CITE)


def test_source_optional_attributes_default_to_none() -> None:
    """A source that states no title, publisher or date has None there."""
    source = Source(id="s", language="en", paragraphs=3)
    assert (source.title, source.publisher, source.published, source.translator) == (None,) * 4
    dated = Source(id="t", language="en", paragraphs=1, published=PartialDate(2016, 4, 26))
    assert str(dated.published) == "2016-04-26"


def test_country_id_is_its_alpha3_code() -> None:
    """A country's id is its alpha-3 code, and codes must have the ISO shape."""
    country = Country(code="VNM", name="Vietnam", alpha2="VN", numeric="704", cow_code=816)
    assert country.id == "VNM"
    with pytest.raises(ValueError, match="code"):
        Country(code="vnm", name="Vietnam", alpha2="VN")


def test_period_attribute_accepts_periods_only() -> None:
    """An agreement's period is a Period, never a bare date."""
    assert agreement(period=Period.parse("2018/2020")).period == Period.parse("2018/2020")
    with pytest.raises(TypeError):
        agreement(period=PartialDate(2018))


@pytest.mark.parametrize("code", ["04", "042", "0312"])
def test_cameo_codes_of_two_to_four_digits(code: str) -> None:
    """An event takes a CAMEO code of two to four digits, kept as text with its zero."""
    event = Event(
        id="e", title="E", kind=EventKind.VISIT, parties=("VNM",), cameo=code, sources=CITE
    )
    assert event.cameo == code


@pytest.mark.parametrize("code", ["4", "04211", "04a", " 042", 42, ""])
def test_cameo_codes_of_another_form_are_refused(code: object) -> None:
    """A CAMEO code that is not two to four digits of text is refused."""
    with pytest.raises((TypeError, ValueError)):
        Event(id="e", title="E", kind=EventKind.VISIT, parties=("VNM",), cameo=code, sources=CITE)  # type: ignore[arg-type]


def test_cameo_defaults_to_none() -> None:
    """Events without a CAMEO code have None."""
    assert Event(id="e", title="E", kind=EventKind.VISIT, parties=(), sources=CITE).cameo is None


def test_source_citation_details_default_to_absent() -> None:
    """A source without url, authors or access date has None, () and None."""
    source = Source(id="s", language="en", paragraphs=1)
    assert (source.url, source.authors, source.accessed) == (None, (), None)


def test_source_keeps_url_authors_and_access_day() -> None:
    """A source's url, authors (in order) and access day are kept as given."""
    source = Source(
        id="s",
        language="en",
        paragraphs=1,
        url="https://example.org/a?b=c",
        authors=["Le Van A", "Tran Thi B"],
        accessed=PartialDate(2026, 12, 1),
    )
    assert source.authors == ("Le Van A", "Tran Thi B")
    assert (source.url, str(source.accessed)) == ("https://example.org/a?b=c", "2026-12-01")


@pytest.mark.parametrize("url", ["example.org", "ftp://example.org", "https://", "https://a b", ""])
def test_source_url_must_be_http(url: str) -> None:
    """A url that is not an http(s) address is refused."""
    with pytest.raises(ValueError, match="url"):
        Source(id="s", language="en", paragraphs=1, url=url)


def test_source_authors_are_distinct_names() -> None:
    """Authors are a list of distinct, non-empty names, never one string."""
    for authors in (["A", "A"], [""], "Le Van A"):
        with pytest.raises((TypeError, ValueError)):
            Source(id="s", language="en", paragraphs=1, authors=authors)  # type: ignore[arg-type]


def test_agreement_keeps_entry_into_force_and_identifiers() -> None:
    """An agreement's entry into force keeps its precision; identifiers are scheme:value."""
    deal = agreement(entered_into_force=PartialDate(2019, 3), identifiers=["dcad:17"])
    assert (str(deal.entered_into_force), deal.identifiers) == ("2019-03", ("dcad:17",))


@pytest.mark.parametrize("identifiers", [["17"], ["DCAD:17"], ["dcad:"], ["dcad:1", "dcad:1"]])
def test_agreement_identifiers_need_a_scheme(identifiers: list[str]) -> None:
    """An identifier without a lower-case scheme, or given twice, is refused."""
    with pytest.raises(ValueError, match="identifiers"):
        agreement(identifiers=identifiers)


def test_event_round_needs_its_mechanism() -> None:
    """A round number is given only with the mechanism it is a round of, and counts from 1."""
    with pytest.raises(RecordError, match=r"round: .*needs mechanism"):
        Event(id="e", title="E", kind=EventKind.MEETING, parties=("VNM",), round=2, sources=CITE)
    with pytest.raises(RecordError, match="round"):
        Event(
            id="e",
            title="E",
            kind=EventKind.MEETING,
            parties=("VNM",),
            mechanism="m",
            round=0,
            sources=CITE,
        )
    event = Event(
        id="e", title="E", kind=EventKind.MEETING, parties=("VNM",), mechanism="m", sources=CITE
    )
    assert (event.mechanism, event.round) == ("m", None)
