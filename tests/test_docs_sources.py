"""The sources page of the documentation: every source, its address and what cites it.

The page is rendered by a plain function of a dataset, so Sphinx is not needed here; the
extension is loaded from ``docs/_ext`` as Sphinx loads it, beside the coverage extension
whose record labels it links to.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import defcoop
from defcoop import Citation, Dataset, Event, EventKind, PartialDate, Source

EXT = Path(__file__).resolve().parents[1] / "docs" / "_ext"


@pytest.fixture(scope="module")
def sources_ext() -> Iterator[ModuleType]:
    """The extension module, imported with ``docs/_ext`` on the path as in a docs build."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(EXT))
        spec = importlib.util.spec_from_file_location("defcoop_sources", EXT / "defcoop_sources.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


def rows(page: str) -> dict[str, str]:
    """Each source's table row on the page, keyed by source id: from its label to the next."""
    parts = re.split(r"^\* - \(source-([a-z0-9-]+)\)=$", page, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_source_has_a_row_with_its_address(db: Dataset, sources_ext: ModuleType) -> None:
    """Each bundled source has one row giving its web address and the day it was read there."""
    found = rows(sources_ext.render(db))
    assert sorted(found) == sorted(source.id for source in db.sources)
    for source in db.sources:
        if source.url:
            assert f"<{source.url}> (read {source.accessed})" in found[source.id], source.id
        else:
            assert "no web address" in found[source.id], source.id


def test_each_row_links_exactly_the_records_citing_the_source(
    db: Dataset, sources_ext: ModuleType
) -> None:
    """A row links every record that cites the source (field evidence included), and no other."""
    found = rows(sources_ext.render(db))
    citing: dict[str, set[str]] = {}  # each record's evidence read once, not once per source
    for record in db:
        for item in db.evidence(record):
            citing.setdefault(item.citation.source, set()).add(record.id)
    for source in db.sources:
        expected = citing.get(source.id, set())
        linked = set(re.findall(r"\{ref\}`([^ `]+) <record-", found[source.id]))
        assert linked == expected, source.id
        assert f"{len(expected)}: " in found[source.id], source.id


def test_sources_are_listed_oldest_first_undated_last(db: Dataset, sources_ext: ModuleType) -> None:
    """Dated sources come in order of publication, then the undated ones by id."""
    listed = list(rows(sources_ext.render(db)))
    sources = {source.id: source for source in db.sources}
    dated = [sources[i].published for i in listed if sources[i].published is not None]
    assert [d.earliest for d in dated] == sorted(d.earliest for d in dated)
    undated = [i for i in listed if sources[i].published is None]
    assert listed[len(dated) :] == sorted(undated)


def test_languages_are_counted(db: Dataset, sources_ext: ModuleType) -> None:
    """The page opens with how many sources there are, with and without an address, by language."""
    page = sources_ext.render(db)
    addressed = sum(1 for source in db.sources if source.url)
    assert page.startswith(f"The data cites {len(db.sources)} sources: {addressed} with a web")
    for language in {source.language for source in db.sources}:
        count = sum(1 for source in db.sources if source.language == language)
        assert f"| `{language}` | {count} |" in page


def test_a_source_nothing_cites_and_one_without_title(sources_ext: ModuleType) -> None:
    """A source cited by no record says so; one without a title is shown as untitled."""
    cited = Source(
        id="cited", title="A [report]", language="en", paragraphs=2, url="https://x.org/a"
    )
    spare = Source(id="spare", language="vi", paragraphs=1, published=PartialDate(2019, 5))
    event = Event(
        id="a-visit",
        title="A visit",
        kind=EventKind.VISIT,
        parties=("VNM",),
        sources=(Citation(source="cited", paragraph=2),),
    )
    country = defcoop.load().get("VNM")
    db = Dataset.from_records([cited, spare, event, country])
    found = rows(sources_ext.render(db))
    assert list(found) == ["spare", "cited"]
    assert "*nothing*" in found["spare"]
    assert "*untitled*" in found["spare"]
    assert "A \\[report\\]" in found["cited"]
    assert "1: {ref}`a-visit <record-a-visit>`" in found["cited"]


def test_the_marker_is_replaced_on_the_sources_page_only(sources_ext: ModuleType) -> None:
    """Sphinx's source-read hook fills the sources page and leaves other pages alone."""
    page = [f"# Sources\n\n{sources_ext.MARKER}\n"]
    sources_ext._fill(None, "sources", page)
    assert sources_ext.MARKER not in page[0]
    assert "## Every source" in page[0]
    other = [f"# Other\n\n{sources_ext.MARKER}\n"]
    sources_ext._fill(None, "coverage", other)
    assert other == [f"# Other\n\n{sources_ext.MARKER}\n"]


def test_the_page_file_holds_the_marker() -> None:
    """docs/sources.md carries the marker line the extension replaces."""
    text = (EXT.parent / "sources.md").read_text(encoding="utf-8")
    assert "<!-- sources: generated at build time by docs/_ext/defcoop_sources.py -->" in text
