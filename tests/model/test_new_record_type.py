"""A new record type is one declaration: declared in the model and nowhere else, it loads,
is checked, queried, listed by the command line, drawn on timelines, held by dyad profiles,
exported in every format, described by the JSON Schema and the codebook, and drawn by the
strategies (issue 19, ``docs/architecture.md``).

The type is declared in a child process, before anything else of defcoop is imported, so
that the record types of this test session stay those of the package.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DECLARATION = '''
import attrs

import defcoop.model.records  # the package's own types come first, in their order
from defcoop.model._parts import DATE, ID_, SOURCES, TEXT, Citation, ids, inferred_attribute
from defcoop.model._show import RecordDisplay
from defcoop.model.dates import PartialDate
from defcoop.model.registry import Index, Reference, record_type
from defcoop.model.rules import NonEmpty, to_tuple


@record_type(
    "statements",
    "statement",
    counted=True,
    date="issued",
    label="title",
    references=(Reference("parties", "country", edge="party"),),
    indexes=(Index("party", "parties", help="a country among the parties"),),
    summary="joint statements, by date issued",
    columns=("id", "issued", "parties", "title"),
    node=True,
    meanings={
        "title": "what the statement is called",
        "parties": "the countries that issued it",
        "issued": "when it was issued",
    },
    inclusion="A joint statement of the parties that a stored source reports.",
)
@attrs.frozen(kw_only=True, repr=False)
class Statement(RecordDisplay):
    """A joint statement: the toy record type of this test."""

    id: str = attrs.field(validator=ID_)
    title: str = attrs.field(validator=TEXT)
    parties: tuple[str, ...] = attrs.field(converter=to_tuple, validator=ids(NonEmpty()))
    issued: PartialDate | None = attrs.field(default=None, validator=DATE)
    sources: tuple[Citation, ...] = attrs.field(converter=to_tuple, validator=SOURCES)
    notes: str | None = attrs.field(default=None, validator=TEXT)
    inferred: frozenset[str] = inferred_attribute()
'''

DRIVE = """
import contextlib, io, json, random, sys, tempfile
from pathlib import Path

import pytest
from hypothesis import Phase, find, settings
from hypothesis import strategies as st

import defcoop
import defcoop.strategies
from defcoop.io.exports import export
from defcoop.cli import main

folder = Path(sys.argv[1])
source = defcoop.load().sources[0].id
data = folder / "statements.toml"
data.write_text(
    "[[statements]]\\n"
    'id = "vnm-blr-statement-2019"\\n'
    'title = "Joint statement on defense cooperation"\\n'
    'parties = ["VNM", "BLR"]\\n'
    'issued = "2019-05"\\n'
    f'sources = ["{source}#1"]\\n',
    encoding="utf-8",
)
db = defcoop.load(data, bundled=True)
record = db.get("vnm-blr-statement-2019", Statement)
assert "Joint statement" in repr(record) and "Joint statement" in record._repr_html_()
assert db.select(Statement, party="Belarus", issued="2019") == (record,)
assert db.select("statements", party="RUS") == ()
with pytest.raises(defcoop.UnknownNameError, match="party"):
    db.select(Statement, partie="VNM")
assert record in db.timeline(party="BLR")
assert db.dyad("VNM", "BLR").records(Statement) == (record,)
assert db.evidence(record).record == record and len(db.evidence(record)) == 1
assert "vnm-blr-statement-2019" in defcoop.to_graph(db).nodes
assert len(db.dyad_years(years="2018/2020", frame=False)) > 0
assert "statements" in defcoop.json_schema()["properties"]

broken = folder / "broken.toml"
broken.write_text(data.read_text().replace('"BLR"', '"XXX"'), encoding="utf-8")
with pytest.raises(defcoop.DataError, match="statements"):
    defcoop.load(broken, bundled=True)

names = sys.argv[2].split(",") if sys.argv[2] else [f.name for f in defcoop.formats() if f.writes]
for name in names:
    export(db, folder / name, format=name)
assert "vnm-blr-statement-2019" in (folder / "csv" / "statements.csv").read_text()

out = io.StringIO()
with contextlib.redirect_stdout(out):
    assert main(["statements", "--data", str(data), "--bundled", "--party", "VNM"]) == 0
assert "vnm-blr-statement-2019" in out.getvalue()

# Any statement of several parties the strategy draws will do: no shrinking to the smallest
# (shrinking and explaining it cost some fifteen seconds), one seed for the same draw each run.
drawn = find(
    st.from_type(Statement),
    lambda statement: len(statement.parties) > 1,
    settings=settings(phases=[Phase.generate], database=None),
    random=random.Random(20261206),
)
assert drawn == defcoop.model.records.attrs.evolve(drawn)
print("ok")
"""


def test_a_type_declared_in_the_model_alone_works_everywhere(tmp_path: Path) -> None:
    """Declared with ``@record_type`` and nothing else, a type goes through every surface
    (the text formats here; every format in the slow test below)."""
    _drive(tmp_path, "csv,json,json-schema,codebook")


@pytest.mark.slow
def test_a_type_declared_in_the_model_alone_exports_in_every_format(tmp_path: Path) -> None:
    """Every format of the registry writes the new type: tables, databases, Stata, Parquet."""
    _drive(tmp_path, "")


def _drive(tmp_path: Path, formats: str) -> None:
    script = textwrap.dedent(DECLARATION) + textwrap.dedent(DRIVE)
    src = Path(__file__).resolve().parents[2] / "src"
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path), formats],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")
