"""The dataset's citation (cite_dataset) and the CITATION.cff reader it rests on."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import defcoop
from _helpers import parse_bibtex
from defcoop import DataError, Dataset, UnknownNameError
from defcoop.views import citation
from defcoop.views._cff import read

ROOT = Path(__file__).resolve().parents[2]
CFF = ROOT / "CITATION.cff"


def test_bibtex_entry_parses_with_pybtex_and_names_both_versions(db: Dataset) -> None:
    """pybtex reads the entry: its version is the data's, its note names the code's."""
    parsed = parse_bibtex(defcoop.cite_dataset(style="bibtex"))
    ((key, entry),) = parsed.entries.items()
    info = db.info
    assert info is not None
    assert key == f"defcoop-data-{info.version}"
    assert entry.type == "misc"
    assert entry.fields["version"] == info.version
    assert entry.fields["year"] == str(info.released.year)  # type: ignore[union-attr]
    assert f"defcoop {defcoop.__version__}" in entry.fields["note"]
    assert [str(p) for p in entry.persons["author"]] == ["{The defcoop maintainers}"]


def test_csl_item_is_a_dataset_that_citeproc_renders(db: Dataset) -> None:
    """The CSL-JSON item is a dataset with the data version, and citeproc-py renders it."""
    (item,) = json.loads(defcoop.cite_dataset(style="csl"))
    assert item["type"] == "dataset"
    assert item["version"] == db.info.version  # type: ignore[union-attr]
    assert item["issued"] == {"date-parts": [[2026, 12, 1]]}
    assert defcoop.cite_dataset(style="csl-json") == defcoop.cite_dataset(style="csl")
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    source = CiteProcJSON([{**item, "type": "webpage"}])  # citeproc-py predates "dataset"
    style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = citeproc.CitationStylesBibliography(style, source, citeproc.formatter.plain)
    bibliography.register(citeproc.Citation([citeproc.CitationItem(item["id"])]))
    rendered = str(bibliography.bibliography()[0])
    assert "The defcoop maintainers" in rendered
    assert "2026" in rendered


@pytest.mark.parametrize("style", ["apa", "chicago"])
def test_text_styles_name_authors_year_and_versions(style: str, db: Dataset) -> None:
    """APA and Chicago give one paragraph with the team, the year and both versions."""
    text = defcoop.cite_dataset(style=style)
    assert text.count("\n") == 1
    assert text.endswith(".\n")
    assert text.startswith("The defcoop maintainers. ")
    assert f"Version {db.info.version}" in text  # type: ignore[union-attr]
    assert f"defcoop {defcoop.__version__}" in text
    assert "Data set" in text


def test_an_unknown_style_names_the_closest() -> None:
    """A misspelt style is refused with the closest one named."""
    with pytest.raises(UnknownNameError, match="chicago"):
        defcoop.cite_dataset(style="chicgo")


def test_a_doi_once_minted_is_cited(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a DOI in CITATION.cff, BibTeX has a doi field and APA ends with its address."""
    cff = citation.citation_file()
    cff["preferred-citation"]["doi"] = "10.5281/zenodo.1234"
    monkeypatch.setattr(citation, "citation_file", lambda: cff)
    assert "  doi = {10.5281/zenodo.1234}," in citation.cite_dataset(style="bibtex")
    assert "https://doi.org/10.5281/zenodo.1234" in citation.cite_dataset(style="apa")
    assert json.loads(citation.cite_dataset(style="csl"))[0]["DOI"] == "10.5281/zenodo.1234"


def test_the_checkout_reads_the_repository_file() -> None:
    """From a checkout the citation file read is the repository's own CITATION.cff."""
    if not CFF.is_file():
        pytest.skip("no CITATION.cff beside the tests (an installed package)")
    assert citation.citation_file() == read(CFF.read_text("utf-8"))


def test_reader_reads_the_citation_file_as_yaml_does() -> None:
    """The subset reader gives what PyYAML's base loader gives for CITATION.cff."""
    yaml = pytest.importorskip("yaml")
    if not CFF.is_file():
        pytest.skip("no CITATION.cff beside the tests (an installed package)")
    text = CFF.read_text("utf-8")
    assert read(text) == yaml.load(text, Loader=yaml.BaseLoader)


_KEYS = st.text(string.ascii_lowercase + "-", min_size=1, max_size=8).filter(
    lambda k: not k.startswith("-")
)
_TEXT = st.text(string.ascii_letters + string.digits + " .,:;#'\"-/()", max_size=30)
_VALUES = st.recursive(
    _TEXT,
    lambda inner: (
        st.lists(inner, min_size=1, max_size=3)
        | st.dictionaries(_KEYS, inner, min_size=1, max_size=3)
    ),
    max_leaves=8,
)


@given(st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=4))
def test_reader_agrees_with_yaml_on_block_documents(document: dict[str, object]) -> None:
    """Any nesting of mappings, lists and texts that PyYAML writes in block style reads back."""
    yaml = pytest.importorskip("yaml")
    text = yaml.safe_dump(document, default_flow_style=False, width=10_000, sort_keys=False)
    assert read(text) == yaml.load(text, Loader=yaml.BaseLoader)


def test_reader_folds_block_scalars() -> None:
    """Folded text joins its lines; a literal keeps them; `-` drops the last line break."""
    text = "a: >-\n  one\n  two\n\n  three\nb: |\n  x\n  y\nc: plain # comment\n"
    assert read(text) == {"a": "one two\nthree", "b": "x\ny\n", "c": "plain"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: [1, 2]\n", "only plain, quoted and block scalars"),
        ("a:\n\t- b\n", "a tab in the indentation"),
        ("a: 1\na: 2\n", "the key 'a' is given twice"),
        ("- a\n", "expected a mapping of keys"),
        ('a: "open\n', "must end on its line"),
        ("a: 1\n  b: 2\n", "unexpected indentation"),
    ],
)
def test_reader_refuses_what_it_does_not_read(text: str, message: str) -> None:
    """Outside the subset, the reader names the line and what it does not read."""
    with pytest.raises(DataError, match=message) as raised:
        read(text, name="x.cff")
    assert raised.value.problems[0].file == "x.cff"
    assert raised.value.problems[0].path.startswith("line ")
