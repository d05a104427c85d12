"""The documentation: the API reference names every public object, the coverage page every record.

The pages' examples themselves run as doctests (pytest collects ``docs/*.md``); Sphinx is
not needed here, since the coverage page is rendered by a plain function.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import runpy
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import defcoop
from _helpers import with_transfers
from defcoop.model._validation import _citations, _references

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _extension(name: str) -> ModuleType:
    if str(DOCS / "_ext") not in sys.path:  # as in a docs build: the extensions import each other
        sys.path.insert(0, str(DOCS / "_ext"))
    spec = importlib.util.spec_from_file_location(name, DOCS / "_ext" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_public_name_is_documented_once_on_its_page() -> None:
    """Each public module has a section, and each name of its __all__ one entry, in the API pages.

    A failure says what is missing and on which page it belongs (the same check warns in a
    Sphinx build).
    """
    api = _extension("defcoop_api")
    problems = [message for _page, message in api.problems(api.documented_in_pages(DOCS))]
    assert not problems, "\n".join(problems)


def test_api_check_names_the_page_of_a_missing_name() -> None:
    """A public name left out of the pages is reported with the page of its module."""
    api = _extension("defcoop_api")
    documented = api.documented_in_pages(DOCS)
    del documented["defcoop.Timeline"]
    del documented["defcoop.io.schema"]
    problems = list(api.problems(documented))
    assert (
        "api/views",
        "defcoop.views.timeline.Timeline is not documented: add it to docs/api/views.md, "
        "in the section of defcoop.views.timeline",
    ) in problems
    assert any(
        message.startswith("module defcoop.io.schema is not documented")
        and "api/loading" in message
        for _page, message in problems
    )


def test_api_check_reports_a_name_documented_twice() -> None:
    """The same object documented under two names is reported."""
    api = _extension("defcoop_api")
    documented = api.documented_in_pages(DOCS)
    documented["defcoop.loading.load"] = ["api/loading"]
    problems = [message for _page, message in api.problems(documented)]
    assert any("defcoop.load" in m and "more than once" in m for m in problems), problems


def test_api_pages_exist_in_reading_order() -> None:
    """Every page the check knows is a file, with records and dates before the dataset."""
    pages = list(_extension("defcoop_api").PAGES)
    assert all((DOCS / f"{page}.md").is_file() for page in pages)
    assert pages.index("api/records") < pages.index("api/dataset") < pages.index("api/views")


_LABEL = re.compile(r"\(record-([^)\s]+)\)=")


def _entries(page: str) -> dict[str, str]:
    """Each record's entry on the coverage page: from its label to the next label."""
    parts = _LABEL.split(page)[1:]
    return dict(zip(parts[::2], parts[1::2], strict=True))


def test_coverage_page_lists_every_record_with_its_citations(db: defcoop.Dataset) -> None:
    """The generated coverage page has an entry per record, holding each of its citations."""
    coverage = _extension("defcoop_coverage")
    entries = _entries(coverage.render(db))
    referenced = {target for record in db for _a, target, _t in _references(record)}
    # Countries no record refers to are reference data, counted but not listed.
    listed = [r for r in db if not isinstance(r, defcoop.Country) or r.id in referenced]
    assert sorted(entries) == sorted(coverage.label(r.id).removeprefix("record-") for r in listed)
    for record in listed:
        entry = entries[coverage.label(record.id).removeprefix("record-")]
        for _attribute, citation in _citations(record):
            link = f"¶{citation.paragraph} <record-{citation.source.lower()}>`"
            assert link in entry, (record.id, citation)


def test_coverage_page_links_every_reference(db: defcoop.Dataset) -> None:
    """Every id a record refers to is shown as a link on the coverage page."""
    coverage = _extension("defcoop_coverage")
    entries = _entries(coverage.render(db))
    for record in db:
        if isinstance(record, defcoop.Country):
            continue  # countries refer to nothing
        entry = entries[record.id.lower()]
        for _attribute, target, _type in _references(record):
            assert f"{{ref}}`{target} <{coverage.label(target)}>`" in entry, (record.id, target)


def test_coverage_page_marks_inferred_values(db: defcoop.Dataset) -> None:
    """An attribute listed in a record's inferred is marked as such on the coverage page."""
    coverage = _extension("defcoop_coverage")
    record = next(e for e in db.events(party="RUS") if "when" in e.inferred)
    entry = _entries(coverage.render(db))[record.id]
    assert f"  - {coverage.text(str(record.when))} *(inferred)*\n" in entry
    assert "{ref}`RUS <record-rus>`" in entry


def test_coverage_page_has_one_table_per_record_type_and_a_timeline(
    db: defcoop.Dataset,
) -> None:
    """Each record type after the sources is one table, and the events section draws them."""
    coverage = _extension("defcoop_coverage")
    page = coverage.render(db)
    sections = re.split(r"^## ", page, flags=re.MULTILINE)[1:]
    titles = [section.split("\n", 1)[0] for section in sections]
    table = "What is covered, year by year"  # the detail of the coverage page's table
    assert titles == [table, "Sources", *(title for title, _what, _key in coverage.SECTIONS)]
    sections, titles = sections[1:], titles[1:]
    for section, (_title, _what, key) in zip(sections[1:], coverage.SECTIONS, strict=True):
        tables = 1 if coverage._records(db, key) else 0  # an empty section says "None."
        assert section.count("```{list-table}") == tables, section[:40]
    events = sections[titles.index("Events")]
    assert ".. plot::" in events
    assert "defcoop.load().timeline().plot()" in events


def test_coverage_page_lists_transfers_with_their_citations_and_links() -> None:
    """Arms transfers have their section: each with its designation, order date, category,
    supplier, every citation and a link to each record it names."""
    coverage = _extension("defcoop_coverage")
    db = with_transfers()
    page = coverage.render(db)
    entries = _entries(page)
    sections = re.split(r"^## ", page, flags=re.MULTILINE)
    (section,) = [s for s in sections if s.startswith("Arms transfers\n")]
    assert section.count("```{list-table}") == 1
    for transfer in db.transfers():
        entry = entries[transfer.id]
        assert coverage.text(transfer.designation) in entry
        for citation in transfer.sources:
            assert f"¶{citation.paragraph} <record-{citation.source.lower()}>`" in entry
        for target in (transfer.supplier, transfer.recipient):
            assert f"{{ref}}`{target} <{coverage.label(target)}>`" in entry


def test_coverage_page_describes_sources_for_a_reader(db: defcoop.Dataset) -> None:
    """Each source shows its title and publisher or that none is stated, never a file name."""
    coverage = _extension("defcoop_coverage")
    page = coverage.render(db)
    for source in db.sources:
        description = coverage.describe(source)
        assert coverage.text(source.title) in description
        assert (coverage.text(source.publisher) if source.publisher else "not stated") in (
            description
        )
        assert coverage.describe(source, title=False) in page
        assert f"### {coverage.text(source.title)}" in page
    assert ".txt" not in page


def test_coverage_page_counts_countries_nothing_refers_to() -> None:
    """A country no record refers to is counted under the table, not given a row."""
    coverage = _extension("defcoop_coverage")
    extra = defcoop.Country(code="ZZZ", name="Zedland")
    db = defcoop.Dataset.from_records([*defcoop.load(), extra])
    page = coverage.render(db)
    assert "(record-zzz)=" not in page
    assert "(record-vnm)=" in page
    unlisted = [c for c in db.countries if f"(record-{c.code.lower()})=" not in page]
    assert extra in unlisted
    assert coverage._other_countries(len(unlisted)) in page


def test_coverage_shows_value_classes_by_their_parts(db: defcoop.Dataset) -> None:
    """A value class a record holds (a coverage, say) shows its parts, ids as links."""
    import attrs

    @attrs.frozen
    class Covered:
        countries: tuple[str, ...]
        period: defcoop.Period

    coverage = _extension("defcoop_coverage")
    value = (Covered(countries=("VNM", "RUS"), period=defcoop.Period.parse("2008/2025")),)
    assert coverage._value(db, "coverage", value) == (
        "{ref}`VNM <record-vnm>`, {ref}`RUS <record-rus>`, 2008\\/2025"
    )


def test_coverage_text_is_shown_literally() -> None:
    """Markdown punctuation in the data is escaped, so it shows as written."""
    text = _extension("defcoop_coverage").text
    assert text("*not emphasis* [nor a link](x) ASEAN+") == (
        r"\*not emphasis\* \[nor a link\]\(x\) ASEAN\+"
    )


def test_cli_page_shows_every_subcommand_with_its_options_and_output() -> None:
    """The generated command-line page has a section per subcommand, its options and a run."""
    cli = _extension("defcoop_cli")
    page, problems = cli.render()
    assert problems == []
    sections = dict(
        section.split(")=\n", 1) for section in re.split(r"^\(cli-", page, flags=re.M)[1:]
    )
    names = [name for name, _help, _sub in cli.subcommands(cli.parser())]
    assert sorted(sections) == sorted(names)
    for name, _help, sub in cli.subcommands(cli.parser()):
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in sections[name], (name, option)
        assert f"$ defcoop {name}" in sections[name]


def _only(cli: ModuleType, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Render the page with one subcommand and no error examples: the whole page, each
    example run, is the test above's; a problem of one command is found the same way."""
    every = cli.subcommands
    monkeypatch.setattr(cli, "subcommands", lambda top: [c for c in every(top) if c[0] == name])
    monkeypatch.setattr(cli, "ERRORS", [])


def test_cli_page_reports_a_subcommand_without_an_example(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A command with no example is a problem that says where to add one."""
    cli = _extension("defcoop_cli")
    monkeypatch.delitem(cli.EXAMPLES, "schema")
    _only(cli, "schema", monkeypatch)
    _page, problems = cli.render()
    assert problems == [
        "the command 'defcoop schema' has no example: add one to EXAMPLES in "
        "docs/_ext/defcoop_cli.py"
    ]


def test_cli_page_reports_an_example_that_ends_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An example whose exit status is not the one the page expects is a problem."""
    cli = _extension("defcoop_cli")
    monkeypatch.setitem(cli.EXAMPLES, "show", [(["show", "no-such-record"], 0)])
    _only(cli, "show", monkeypatch)
    _page, problems = cli.render()
    assert len(problems) == 1
    assert problems[0].startswith("'defcoop show no-such-record' ended with status 1, not 0")


_PLOT = re.compile(r"^\.\. plot::\n((?:   :.*\n)*)\n((?:   .*\n|\n)+)", re.MULTILINE)


_GALLERY = sorted(p for p in (DOCS / "gallery").glob("*.md") if p.name != "index.md")


def test_gallery_index_links_every_page() -> None:
    """The gallery's index lists each of its pages."""
    index = (DOCS / "gallery" / "index.md").read_text("utf-8")
    assert _GALLERY
    for page in _GALLERY:
        assert f"]({page.name})" in index, page.name


def test_gallery_index_shows_a_thumbnail_of_each_page() -> None:
    """Each page has a thumbnail in the index: a link to it around one of its own pictures."""
    index = (DOCS / "gallery" / "index.md").read_text("utf-8")
    thumbnails = dict(
        re.findall(
            r'<a class="defcoop-thumb" href="(\w+)\.html"><img src="\.\./_images/([\w-]+)\.png"',
            index,
        )
    )
    assert sorted(thumbnails) == sorted(page.stem for page in _GALLERY)
    for page in _GALLERY:
        prefixes = re.findall(r":filename-prefix: (\S+)", page.read_text("utf-8"))
        assert thumbnails[page.stem] in prefixes, page.name


def test_gallery_pictures_have_names_of_their_own() -> None:
    """No two pictures of the documentation share a file name prefix."""
    prefixes = [
        prefix
        for page in DOCS.rglob("*.md")
        for prefix in re.findall(r":filename-prefix: (\S+)", page.read_text("utf-8"))
    ]
    assert len(prefixes) == len(set(prefixes))


# A phone shows a picture 390 px wide less the page's margins; its smallest text must be at
# least 10 px high there. Text of s points in a figure saved w inches wide (bbox "tight", as
# conf.py sets) is s / 72 * PHONE / w px high once the picture is shrunk to the screen.
PHONE = 358


def _smallest_text_on_a_phone(figure: Any) -> tuple[float, str]:
    """The height in px of the figure's smallest visible text on a phone, and that text."""
    renderer = figure.canvas.get_renderer()
    width = max(figure.get_tightbbox(renderer).width, figure.get_figwidth())
    texts = [
        t
        for t in figure.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text"))
        if t.get_visible() and t.get_text().strip()
    ]
    smallest = min(texts, key=lambda t: t.get_fontsize())
    return smallest.get_fontsize() / 72 * PHONE / width, smallest.get_text()


@pytest.mark.parametrize("page", [*_GALLERY, DOCS / "index.md"], ids=lambda p: p.stem)
def test_gallery_code_draws_its_pictures(page: Path) -> None:
    """Each gallery page (and the home page) has pictures; each picture's code runs, with
    conf.py's settings, and draws a figure whose smallest text is 10 px or more on a phone."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    pyplot = pytest.importorskip("matplotlib.pyplot")
    settings = runpy.run_path(str(DOCS / "conf.py"))["plot_rcparams"]
    plots = _PLOT.findall(page.read_text("utf-8"))
    assert plots, f"{page.name} draws no picture"
    for options, code in plots:
        # Each block's pictures need a file name of their own, or they overwrite each other.
        assert re.search(r":filename-prefix: \S+", options), page.name
        pyplot.close("all")
        with matplotlib.rc_context(settings):
            exec(compile(textwrap.dedent(code), str(page), "exec"), {})
            assert pyplot.get_fignums(), page.name
            for number in pyplot.get_fignums():
                figure = pyplot.figure(number)
                assert figure.axes, page.name
                pixels, text = _smallest_text_on_a_phone(figure)
                assert pixels >= 10, f"{page.name}: {text!r} is {pixels:.1f} px on a phone"
    pyplot.close("all")


@pytest.mark.parametrize("page", _GALLERY, ids=lambda p: p.stem)
def test_gallery_pages_show_their_picture_first(page: Path) -> None:
    """A gallery page's first picture comes before any example, and conf.py's template shows
    each picture above the code that draws it."""
    text = page.read_text("utf-8")
    assert text.index(".. plot::") < text.index("```pycon"), page.name
    template = runpy.run_path(str(DOCS / "conf.py"))["plot_template"]
    assert template.index(".. figure::") < template.index("{{ source_code }}")


def _extra(extras: dict[str, list[str]], name: str) -> set[str]:
    """The distributions an extra installs, following defcoop[...] references to other extras."""
    names: set[str] = set()
    for requirement in extras[name]:
        project = re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower()
        if project == "defcoop":
            others = re.search(r"\[(.*)\]", requirement)
            assert others is not None, requirement
            for other in others.group(1).split(","):
                names |= _extra(extras, other.strip())
        else:
            names.add(project)
    return names


def test_docs_extra_installs_what_the_build_imports() -> None:
    """The docs extra alone is enough for the README's docs command: autodoc, gallery, plugins."""
    import tomllib

    pyproject = tomllib.loads((DOCS.parent / "pyproject.toml").read_text("utf-8"))
    installed = _extra(pyproject["project"]["optional-dependencies"], "docs")
    # Sphinx and its plugins, hypothesis for autodoc of defcoop.strategies, and what the
    # gallery and the coverage page draw with.
    needed = {"sphinx", "furo", "myst-parser", "sphinx-copybutton"}
    needed |= {"hypothesis", "matplotlib", "networkx", "pandas"}
    assert needed <= installed, needed - installed
    readme = (DOCS.parent / "README.md").read_text("utf-8")
    command = readme.split("<!-- docs-command -->", 1)[1].split("```", 2)[1].splitlines()[1]
    assert command.startswith('python -m pip install -e ".[docs]" && sphinx-build -W ')


def test_coverage_page_opens_with_each_dyad_by_year(db: defcoop.Dataset) -> None:
    """The table of what is covered gives every year 1991-2025 of each dyad once, marking
    the years no claim reaches (Vietnam-Russia 1991) as not covered."""
    table = _extension("defcoop_coverage_table")
    rows = table.rows(db)
    for pair in table.dyads(db):
        years = [years for dyad, years, _what, _by in rows if dyad == pair]
        spans = [tuple(map(int, y.split("\N{EN DASH}"))) for y in years]
        assert [y for span in spans for y in range(span[0], span[-1] + 1)] == list(table.YEARS)
    russia = {years: (what, by) for dyad, years, what, by in rows if dyad == ("RUS", "VNM")}
    assert any(
        what == table.NOT_COVERED and years.startswith("1991")
        for years, (what, _by) in russia.items()
    )
    page = _extension("defcoop_coverage").render(db)
    assert page.startswith("## What is covered, year by year")


def test_coverage_page_opens_with_one_short_table_of_dyads_by_year(db: defcoop.Dataset) -> None:
    """The coverage page's generated part is one table: every year 1991-2025 once, a column
    per dyad covered in some year (its heading a link to its detail), each cell short."""
    table = _extension("defcoop_coverage_table")
    page = _extension("defcoop_coverage").render_coverage(db)
    assert page.startswith("```{list-table}")
    assert page.count("```{list-table}") == 1
    pairs, found = table.glance(db)
    assert ("RUS", "VNM") in pairs
    assert len(pairs) <= len(table.dyads(db))
    spans = [tuple(map(int, years.split("\N{EN DASH}"))) for years, _cells in found]
    assert [y for span in spans for y in range(span[0], span[-1] + 1)] == list(table.YEARS)
    assert all(len(cells) == len(pairs) for _years, cells in found)
    assert all(len(c) <= 24 for _years, cells in found for c in cells)
    assert len(found) <= len(table.YEARS)
    records = _extension("defcoop_coverage").render(db)
    for pair in pairs:
        assert f"<{table.dyad_label(pair)}>`" in page
        assert f"({table.dyad_label(pair)})=" in records
    russia = pairs.index(("RUS", "VNM"))
    assert found[0][0].startswith("1991")
    assert found[0][1][russia] == table.NOT_COVERED_CELL


def test_link_titles_show_no_escapes(db: defcoop.Dataset) -> None:
    """A title shown inside a role is not Markdown: no backslash is added to it."""
    coverage = _extension("defcoop_coverage")
    page = coverage.render(db)
    for role_title in re.findall(r"\{ref\}`([^`<]*)<", page):
        assert "\\" not in role_title, role_title
    bracketed = next(s for s in db.sources if s.title and s.title.startswith("["))
    assert f"{{ref}}`{coverage.role_text(bracketed.title)} <" in page
