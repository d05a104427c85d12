"""The format registry: each format declared once by its module, and everything reads it."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import defcoop
import defcoop.io
from _helpers import run
from defcoop import Dataset, UnknownNameError
from defcoop.io import _registry
from defcoop.io.exports import export, render
from defcoop.views.cite import styles

DOCS = Path(__file__).parents[2] / "docs"


@pytest.fixture
def extra_module(tmp_path: Path) -> Iterator[Path]:
    """A folder added to defcoop.io's path, for a format module a test writes; the registry
    forgets it afterwards."""
    defcoop.io.__path__.append(str(tmp_path))
    _registry.formats.cache_clear()
    yield tmp_path
    defcoop.io.__path__.remove(str(tmp_path))
    for name in [name for name in sys.modules if name.startswith("defcoop.io.zz_")]:
        del sys.modules[name]
    _registry.formats.cache_clear()


def _docs_extension() -> object:
    spec = importlib.util.spec_from_file_location(
        "defcoop_formats", DOCS / "_ext" / "defcoop_formats.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_format_module_declares_one_format() -> None:
    """Each format is found in the module that declares it, once, under a name of its own."""
    found = defcoop.formats()
    assert [f.name for f in found] == sorted({f.name for f in found})
    for declared in found:
        assert sys.modules[declared.module].FORMAT.name == declared.name
        assert declared.writer is not None or declared.reads is not None
        assert declared.writes is None or declared.writer is not None


def test_every_writer_writes_files_with_its_suffix(db: Dataset) -> None:
    """What a format writes includes a file with its declared suffix, in text or bytes."""
    for declared in defcoop.formats():
        if declared.writer is None or declared.extra is not None:
            continue
        written = render(db, declared.name)
        assert any(name.endswith(declared.suffix) for name in written), declared.name


def test_an_unknown_format_names_exactly_the_formats_that_write(db: Dataset) -> None:
    """render() and export() refuse an unknown format, listing every format that writes."""
    with pytest.raises(UnknownNameError) as raised:
        render(db, "nonsense")
    listed = str(raised.value).split("include ", 1)[1]
    writers = [f.name for f in defcoop.formats() if f.writer is not None]
    assert [name.strip("'") for name in listed.split(", ")] == writers
    with pytest.raises(UnknownNameError, match="export format 'dcad'"):
        render(db, "dcad")  # read only


def test_export_format_nonsense_lists_exactly_the_registry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`defcoop export --format nonsense` is a usage error listing the registry's writers."""
    status, _out, err = run(capsys, "export", "--format", "nonsense", "--out", str(tmp_path))
    assert status == 2
    listed = err.split("(choose from ", 1)[1].split(")", 1)[0].split(", ")
    assert listed == [f.name for f in defcoop.formats() if f.writer is not None]
    assert not list(tmp_path.iterdir())


def test_a_new_format_is_one_module(
    extra_module: Path, db: Dataset, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A module declaring a FORMAT is listed, rendered, exported, offered by the command line
    and shown in the documentation's table, with no other change."""
    (extra_module / "zz_ids.py").write_text(
        "from defcoop.io._registry import Format\n"
        "def _files(dataset):\n"
        "    return {'ids.txt': ''.join(record.id + '\\n' for record in dataset)}\n"
        "FORMAT = Format(name='ids', suffix='.txt', title='Ids', writes='every id',"
        " writer=_files)\n",
        encoding="utf-8",
    )
    assert "ids" in [f.name for f in defcoop.formats()]
    assert render(db, "ids")["ids.txt"].count("\n") == len(db)
    status, out, _err = run(capsys, "export", "--format", "ids", "--out", str(tmp_path / "o"))
    assert status == 0
    assert out.strip() == str(tmp_path / "o" / "ids.txt")
    assert "| `ids` | `.txt` | every id |" in _docs_extension().table()  # type: ignore[attr-defined]


def test_two_modules_declaring_one_name_are_refused(extra_module: Path) -> None:
    """A second module declaring a format's name is an error naming both modules."""
    (extra_module / "zz_again.py").write_text(
        "from defcoop.io._registry import Format\n"
        "FORMAT = Format(name='csv', suffix='.csv', title='CSV again', reads='nothing')\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"defcoop\.io\.zz_again and defcoop\.io\.csv"):
        defcoop.formats()


def test_docs_table_lists_every_format_and_style() -> None:
    """The formats page's table, made from the registry, has a row per format and style,
    and the page holds the marker the table replaces."""
    extension = _docs_extension()
    table = extension.table()  # type: ignore[attr-defined]
    for declared in defcoop.formats():
        assert f"| `{declared.name}` | `{declared.suffix}` |" in table
    for style in styles():
        assert f"| `{style.name}` | {style.title} |" in table
    page = (DOCS / "api" / "formats.md").read_text(encoding="utf-8")
    assert extension.MARKER in page  # type: ignore[attr-defined]


def test_citation_styles_are_read_from_one_registry(
    db: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    """cite(), `defcoop cite --style` and its error list the declared styles."""
    names = [style.name for style in styles()]
    with pytest.raises(UnknownNameError) as raised:
        db.cite("strengthening-2016", style="ris")
    assert all(f"'{name}'" in str(raised.value) for name in names)
    status, _out, err = run(capsys, "cite", "strengthening-2016", "--style", "ris")
    assert status == 2
    assert err.split("(choose from ", 1)[1].split(")", 1)[0].split(", ") == names
    for style in styles():
        status, out, _err = run(capsys, "cite", "strengthening-2016", "--style", style.name)
        assert (status, out) == (0, db.cite("strengthening-2016", style=style.name))
    status, out, _err = run(capsys, "cite", "strengthening-2016", "--format", "csl-json")
    assert (status, out) == (0, db.cite("strengthening-2016", style="csl-json"))


@pytest.mark.parametrize("style", [style.name for style in styles()])
def test_citation_exports_hold_every_source(db: Dataset, tmp_path: Path, style: str) -> None:
    """Each citation style is an export format writing an entry for every source."""
    (path,) = export(db, tmp_path, format=style)
    text = path.read_text(encoding="utf-8")
    if style == "csl-json":
        assert [item["id"] for item in json.loads(text)] == list(db.sources.ids())
    else:
        assert text == "\n".join(db.cite(source.id, style=style) for source in db.sources)
