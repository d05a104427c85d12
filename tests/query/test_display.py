"""How records, results and datasets show themselves in a terminal and in Jupyter."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

import defcoop
from defcoop import (
    Agreement,
    AgreementKind,
    Citation,
    Dataset,
    Event,
    EventKind,
    PartialDate,
    Record,
    Results,
)
from defcoop.model import registry

SOURCE = (Citation(source="src", paragraph=1),)


class _Tags(HTMLParser):
    """Collects start and end tags, to check that generated HTML is well nested."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag != "br":
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Tags:
    """The tags and text of an HTML fragment; fails when its tags are not well nested."""
    tags = _Tags()
    tags.feed(html)
    tags.close()
    assert tags.problems == []
    assert tags.stack == []
    return tags


def test_record_repr_is_kind_id_label_and_date(db: Dataset) -> None:
    """A record's repr names its kind, id, title and date on one line."""
    assert (
        repr(db.get("vnm-blr-military-science-2018"))
        == "<Agreement vnm-blr-military-science-2018: Agreement on military science (2018-11-15)>"
    )
    assert repr(db.get("VNM")) == "<Country VNM: Vietnam>"
    assert repr(db.get("ngo-xuan-lich")) == "<Person ngo-xuan-lich: Ngo Xuan Lich>"
    assert repr(db.get("vnm-rus")) == (
        "<Relationship vnm-rus: VNM-RUS, comprehensive strategic partnership>"
    )
    assert repr(db.get("mcis-7")).endswith("(2018-04-04/2018-04-05)>")
    assert repr(db.get("strengthening-2016")).endswith("(2016-04-26)>")


def test_every_bundled_record_has_a_short_one_line_repr(db: Dataset) -> None:
    """Every record's repr is one line, starts with its kind and id, and stays short."""
    for record in db:
        text = repr(record)
        assert "\n" not in text
        assert text.startswith(f"<{type(record).__name__} {record.id}: ")
        assert len(text) <= len(type(record).__name__) + len(record.id) + 110


def test_long_titles_are_cut_with_an_ellipsis() -> None:
    """A long title is cut in the repr, and the cut is marked."""
    record = Agreement(
        id="long", title="word " * 40, kind=AgreementKind.PLAN, parties=("VNM",), sources=SOURCE
    )
    match = re.fullmatch(r"<Agreement long: (word [a-z ]+)…>", repr(record))
    assert match is not None
    assert len(match[1]) < 72


def test_records_keep_attrs_equality_and_hashing(db: Dataset) -> None:
    """The display base changes neither equality nor hashing of records."""
    record = db.get("mcis-7")
    assert isinstance(record, Event)
    copy = defcoop.from_dict(Event, defcoop.to_dict(record))
    assert copy == record
    assert hash(copy) == hash(record)
    assert copy is not record


def test_record_html_shows_filled_attributes(db: Dataset) -> None:
    """A record's HTML table has a row per filled attribute and none for empty ones."""
    record = db.get("vnm-blr-military-science-2018")
    tags = parse(record._repr_html_())
    text = " ".join(tags.text)
    for name in ("title", "kind", "parties", "signed", "fields", "sources", "notes"):
        assert name in text
    assert "entered_into_force" not in text  # empty for this agreement
    assert "pillar-and-highlight ¶12" in text


def test_html_escapes_every_value() -> None:
    """Markup in a value is escaped, never interpreted."""
    record = Event(
        id="x",
        title='<script>alert("x")</script> & more',
        kind=EventKind.MEETING,
        parties=("VNM",),
        sources=SOURCE,
        notes="<b>bold</b>",
    )
    for html in (record._repr_html_(), Results([record])._repr_html_()):
        assert "<script>" not in html
        assert "<b>" not in html
        assert "&lt;script&gt;" in html
        assert "&amp; more" in html
        parse(html)


@pytest.mark.parametrize(
    "query",
    [
        lambda db: db.agreements(),
        lambda db: db.events(),
        lambda db: db.people(),
        lambda db: db.relationships(),
        lambda db: db.countries,
        lambda db: db.sources,
        lambda db: db.timeline(),
    ],
)
def test_results_html_is_well_formed(db: Dataset, query: object) -> None:
    """Every kind of answer renders as well-nested HTML with a row per record shown.

    Answers of more than 50 records show their first and last rows and a row saying how many
    are left out, as the property test below checks for any selection.
    """
    found = query(db)  # type: ignore[operator]
    html = Results(found)._repr_html_()
    parse(html)
    shown = len(found) if len(found) <= 50 else 20 + 1 + 5  # head, "… more …", tail
    assert html.count("<tr>") == shown + 1


@given(st.data())
def test_any_selection_of_records_displays(data: st.DataObject) -> None:
    """Any selection of records, of one kind or many, gives well-formed HTML and a repr per line."""
    records = list(defcoop.load())
    chosen = data.draw(st.lists(st.sampled_from(records), max_size=60))
    found: Results[Record] = Results(chosen)
    html = found._repr_html_()
    parse(html)
    shown = len(chosen) if len(chosen) <= 50 else 26
    assert html.count("<tr>") == (shown + 1 if chosen else 0)
    assert len(repr(found).splitlines()) == (len(chosen) + 2 if len(chosen) > 1 else 1)


def test_mixed_results_share_columns(db: Dataset) -> None:
    """Records of several kinds show type, id, title, date and parties."""
    mixed: Results[Record] = Results([db.get("mcis-7"), db.get("vnm-blr-military-science-2018")])
    html = mixed._repr_html_()
    assert "<caption>2 records</caption>" in html
    for column in ("type", "id", "title", "date", "parties"):
        assert f">{column}</th>" in html


def test_long_results_show_their_ends() -> None:
    """A long answer shows its first and last rows and says how many are left out."""
    records = [
        Agreement(
            id=f"a{i:03d}",
            title=f"Agreement {i}",
            kind=AgreementKind.AGREEMENT,
            parties=("VNM",),
            signed=PartialDate(2000 + i % 20),
            sources=SOURCE,
        )
        for i in range(120)
    ]
    html = Results(records)._repr_html_()
    assert "a000" in html
    assert "a119" in html
    assert "a050" not in html
    assert "95 more" in html
    assert "<caption>120 agreements</caption>" in html
    parse(html)


def test_empty_results_say_so(db: Dataset) -> None:
    """An empty answer says it has no records rather than showing an empty table."""
    assert "no records" in db.agreements(signed="1900")._repr_html_()


def test_dataset_html_counts_each_kind(db: Dataset) -> None:
    """A dataset shows its name, version and how many records of each kind it has."""
    html = db._repr_html_()
    text = parse(html).text
    assert text[0] == f"defcoop bundled data 2026.12.0: {len(db)} records"
    counts = dict(zip(text[1::2], text[2::2], strict=True))
    assert counts["agreements"] == str(len(db.agreements()))
    assert counts["people"] == str(len(db.people()))
    assert list(counts) == [declared.key for declared in registry.record_types()]
