"""The snapshot of the bundled data: served when its key matches, else the files are parsed;
a snapshot that cannot be used falls back to parsing with one SnapshotWarning."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from snapshot_helpers import install, served, snapshot_bytes

import defcoop
from defcoop import DataError
from defcoop.loading import SnapshotWarning, _loader, _reading, _snapshot
from defcoop.model.dates import PartialDate

HEADER = len(_snapshot.MAGIC) + 64  # magic line, data key, payload digest


def test_an_installed_package_serves_its_snapshot(installed: Path) -> None:
    """A matching snapshot is what the first load reads, and gives the bundled records."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        db = defcoop.load()
    assert served()
    assert [a.title for a in db.agreements(field="military science")] == [
        "Agreement on military science"
    ]


def test_a_source_checkout_parses_its_files_silently() -> None:
    """The checkout running the tests holds no snapshot and expects none: no warning."""
    package = _loader._package()
    assert _loader._is_checkout(package)
    assert not package.joinpath("data", _snapshot.FILE).is_file()
    files = _loader._bundled_files()
    missing = package.joinpath("data", "none.pickle")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _snapshot.served(files, missing, expected=False) is None


def test_an_edited_data_file_is_loaded_not_the_snapshot(installed: Path) -> None:
    """A data file edited after the snapshot was built changes the key: the edit is loaded."""
    title = 'title = "Agreement on military science"'
    path = next(p for p in (installed / "data").glob("*.toml") if title in p.read_text("utf-8"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Agreement on military science", "Edited title"), "utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # stale is expected after an edit: no warning
        db = defcoop.load()
    assert not served()
    assert [a.title for a in db.agreements(field="military science")] == ["Edited title"]


def test_an_added_data_file_changes_the_key(installed: Path) -> None:
    """A data file added beside the others is part of the key: its records are loaded."""
    source = {"id": "added-source", "title": "Added", "language": "en", "paragraphs": 1}
    (installed / "data" / "zz-added.json").write_text(json.dumps({"sources": [source]}))
    db = defcoop.load()
    assert not served()
    assert "added-source" in db


def damaged(blob: bytes) -> bytes:
    """The snapshot with one byte of its records changed."""
    middle = HEADER + (len(blob) - HEADER) // 2
    return blob[:middle] + bytes([blob[middle] ^ 0x20]) + blob[middle + 1 :]


def unsupported(blob: bytes) -> bytes:
    """A snapshot written by a Python whose pickle protocol this one cannot read."""
    payload = b"\x80\x09" + blob[HEADER + 2 :]
    return _snapshot.dumps(blob[len(_snapshot.MAGIC) : len(_snapshot.MAGIC) + 32], payload)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda blob: blob[: len(blob) // 2], "cannot be read"),
        (lambda blob: blob[:40], "is truncated"),
        (lambda blob: b"", "is not a defcoop snapshot"),
        (lambda blob: b"PK\x03\x04" + blob, "is not a defcoop snapshot"),
        (damaged, "do not match their digest"),
        (unsupported, "unsupported pickle protocol"),
    ],
    ids=["half", "header-only", "empty", "garbage", "damaged", "newer-python"],
)
def test_an_unusable_snapshot_falls_back_with_one_warning(
    installed: Path, change: object, words: str
) -> None:
    """Truncated, damaged or foreign: one SnapshotWarning, then the files' records."""
    assert callable(change)
    (installed / "data" / _snapshot.FILE).write_bytes(change(snapshot_bytes()))
    with pytest.warns(SnapshotWarning) as caught:
        db = defcoop.load()
    assert len(caught) == 1
    assert words in str(caught[0].message)
    assert "reinstall" in str(caught[0].message)
    assert not served()
    defcoop.clear_cache()
    assert db == _loader._checked(_loader._read_all(_loader._bundled_files()))


def test_a_missing_snapshot_of_an_installed_package_warns(installed: Path) -> None:
    """An installed package without its snapshot warns once, and parses its files."""
    (installed / "data" / _snapshot.FILE).unlink()
    with pytest.warns(SnapshotWarning, match="is missing"):
        db = defcoop.load()
    assert not served()
    assert len(db) > 500


def test_an_unreadable_snapshot_warns(tmp_path: Path) -> None:
    """A snapshot that cannot be opened warns, naming why; the caller parses the files."""

    class Unreadable:
        def is_file(self) -> bool:
            return True

        def read_bytes(self) -> bytes:
            raise PermissionError(13, "Permission denied")

    with pytest.warns(SnapshotWarning, match="cannot be read \\(Permission denied\\)"):
        assert _snapshot.served([], Unreadable(), expected=True) is None


def test_records_laid_out_otherwise_are_never_served() -> None:
    """Objects whose class now has other attributes than the snapshot's are refused."""
    blank = object.__new__(PartialDate)
    with pytest.raises(_snapshot.LayoutError, match="PartialDate"):
        _snapshot.fill([(PartialDate, ("year", "month"), (blank,), ((2018,), (11,)))])
    with pytest.raises(_snapshot.LayoutError, match="lengths"):
        _snapshot.fill([(PartialDate, ("year", "month", "day"), (blank,), ((2018,), (), ()))])
    _snapshot.fill([(PartialDate, ("year", "month", "day"), (blank,), ((2018,), (11,), (None,)))])
    assert blank == PartialDate(2018, 11)


def test_a_snapshot_of_other_layouts_falls_back(installed: Path) -> None:
    """A whole snapshot whose records name other attributes falls back with a warning."""
    blob = snapshot_bytes()
    payload = blob[HEADER:]
    assert payload.count(b"\x8c\x05month") >= 1  # the attribute names are in the pickle
    key = blob[len(_snapshot.MAGIC) : len(_snapshot.MAGIC) + 32]
    other = _snapshot.dumps(key, payload.replace(b"\x8c\x05month", b"\x8c\x05mONTH"))
    (installed / "data" / _snapshot.FILE).write_bytes(other)
    with pytest.warns(SnapshotWarning, match="LayoutError"):
        assert len(defcoop.load()) > 500


def test_a_snapshot_of_unknown_tables_falls_back(installed: Path) -> None:
    """A snapshot naming a table no record type declares now falls back with a warning."""
    blob = snapshot_bytes()
    payload = blob[HEADER:]
    assert payload.count(b"\x8c\x06fields") >= 1  # the key of the fields' table, in the spans
    key = blob[len(_snapshot.MAGIC) : len(_snapshot.MAGIC) + 32]
    other = _snapshot.dumps(key, payload.replace(b"\x8c\x06fields", b"\x8c\x06fieldz"))
    (installed / "data" / _snapshot.FILE).write_bytes(other)
    with pytest.warns(SnapshotWarning, match="tables of no record type.*fieldz"):
        assert len(defcoop.load()) > 500


def test_bundled_true_merges_with_the_snapshot(installed: Path, tmp_path: Path) -> None:
    """A user's records join the snapshot's and are checked with them as a whole."""
    event = {
        "id": "my-meeting",
        "title": "A meeting",
        "kind": "meeting",
        "when": "2018-06",  # inside the coverage of the source it cites
        "parties": ["VNM", "RUS"],
        "participants": ["sergei-shoigu"],
        "sources": ["pillar-and-highlight#3"],
    }
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"events": [event]}))
    combined = defcoop.load(mine, bundled=True)
    assert served()
    assert [e.id for e in combined.events(person="Shoigu", when="2018-06")] == ["my-meeting"]
    assert len(combined) == len(defcoop.load()) + 1
    mine.write_text(json.dumps({"countries": [{"code": "VNM", "name": "Again", "alpha2": "VN"}]}))
    with pytest.raises(DataError, match="'VNM' is used twice") as raised:
        defcoop.load(mine, bundled=True)
    assert "mine.json" in str(raised.value)


def test_the_info_key_is_the_readers() -> None:
    """The loader's name for the [dataset] table is the reader's, without importing it."""
    assert _loader._INFO_KEY == _reading.INFO_KEY


# The modules a first load served from the snapshot imports: the model, the query layer and
# the loader itself; none of the parsing, structuring, fast-path or checking modules.
FIRST_LOAD_MODULES = {
    "defcoop",
    "defcoop._extras",
    "defcoop._quote",
    "defcoop._version",
    "defcoop.dataset",
    "defcoop.errors",
    "defcoop.loading",
    "defcoop.loading._loader",
    "defcoop.loading._snapshot",
    "defcoop.loading._walk",
    "defcoop.model",
    "defcoop.model._attribute",
    "defcoop.model._compiled",
    "defcoop.model._coverage",
    "defcoop.model._fieldtypes",
    "defcoop.model._names",
    "defcoop.model._order",
    "defcoop.model._parts",
    "defcoop.model._quantities",
    "defcoop.model._reference",
    "defcoop.model._show",
    "defcoop.model._standing",
    "defcoop.model._taxonomy",
    "defcoop.model._transfer",
    "defcoop.model.dates",
    "defcoop.model.kinds",
    "defcoop.model.plover",
    "defcoop.model.records",
    "defcoop.model.registry",
    "defcoop.model.rules",
    "defcoop.query",
    "defcoop.query._arguments",
    "defcoop.query._display",
    "defcoop.query._external",
    "defcoop.query._identity",
    "defcoop.query._info",
    "defcoop.query._lookup",
    "defcoop.query._lookups",
    "defcoop.query._select",
    "defcoop.query._table",
    "defcoop.query._tabular",
    "defcoop.query.collection",
    "defcoop.query.results",
}
HEAVY = {
    "cattrs",
    "tomllib",
    "json",
    "importlib.resources",
    "pathlib",
    "pickle",
    "hashlib",
    "defcoop.loading._parse",
    "defcoop.loading._reading",
    "defcoop.loading._compile",
    "defcoop.loading.fast",
    "defcoop.model._validation",
    "defcoop.model._soundness",
    "defcoop.model._converter",
}


def test_the_first_load_imports_only_what_it_needs(tmp_path: Path) -> None:
    """In a fresh interpreter, import defcoop and a served load() import just these modules."""
    install(tmp_path, snapshot=snapshot_bytes(), whole=True)
    script = (
        "import sys, warnings; before = set(sys.modules)\n"
        "warnings.simplefilter('error')\n"
        "import defcoop; db = defcoop.load()\n"
        "imported = sorted(set(sys.modules) - before)\n"
        "from defcoop.loading import _loader; assert 'by_id' in _loader._cache, 'not served'\n"
        "print(*imported)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    imported = set(done.stdout.split())
    assert {m for m in imported if m.split(".")[0] == "defcoop"} == FIRST_LOAD_MODULES
    assert not {m for m in imported if m in HEAVY or m.startswith("defcoop.loading.fast")}


def test_the_snapshot_holds_every_record_by_columns() -> None:
    """Every record, and every value inside one, is filled from the columns of its class."""
    payload = snapshot_bytes()[HEADER:]
    assert b"__setstate__" not in payload
    columns, records, spans, info, by_id = pickle.loads(payload)
    assert len(records) == len(by_id)
    assert info is not None
    assert {key for _, _, key in spans} <= set(_loader.COLLECTIONS)
    classes = {cls for cls, _, _, _ in columns}
    assert {type(record) for record in records} <= classes
    assert {PartialDate, type(info)} <= classes
    filled = {id(obj) for _, _, objects, _ in columns for obj in objects}
    assert all(id(record) in filled for record in records)
