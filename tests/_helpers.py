"""Helpers shared by several test modules: written once here, imported where needed."""

from __future__ import annotations

import functools
import json
import os
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st

import defcoop
from defcoop import Citation, DataError, Record, RecordError
from defcoop.cli._main import main

# Whole generated datasets (defcoop.strategies.datasets()) cost some 120 ms each to draw, some
# 5 to 10 ms for each of their dozen records, almost all of it in hypothesis's own engine; the
# properties over them get a sixth of the profile's examples: 10 in the default seeded profile,
# which keeps the whole suite within its two minutes on two cores, and 333 in the thorough
# one (DEFCOOP_PROFILE=thorough), which is where the exploring is done.
WHOLE_DATASETS = max(10, settings.default.max_examples // 6)
"""The examples of a property that draws one or more whole generated datasets."""


def citations(record: Record) -> Iterator[Citation]:
    """Every citation a record carries, its fields' evidence included."""
    yield from getattr(record, "sources", ())
    for item in getattr(record, "evidence", ()):
        yield from item.sources


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line's main() in process: (exit status, stdout, stderr)."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write(path: Path, content: Any) -> Path:
    """Write ``content`` to ``path``, making its folders: bytes and text as they are,
    anything else as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


def problems_of(path: Any, **kwargs: Any) -> list[str]:
    """The problem lines a load of ``path`` reports, as one DataError (a ValueError too)."""
    with pytest.raises(DataError) as raised:
        defcoop.load(path, **kwargs)
    assert isinstance(raised.value, ValueError)
    return [str(problem) for problem in raised.value.problems]


@functools.cache
def values_but(*allowed: type) -> st.SearchStrategy[Any]:
    """Values of many types, none an instance of ``allowed`` (None is one of them unless
    ``type(None)`` is allowed): what a constructor must refuse for an attribute of those types."""
    anything = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=5),
        st.binary(max_size=5),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
        st.just(object()),
        st.just(int),
    )
    return anything.filter(lambda value: not isinstance(value, allowed))


# A report and three arms transfers, in the shape of a data file: the tests of transfers add
# them to the bundled data less its own transfers, so that the answers they pin are those of
# these three (the bundled transfers are the data tests' to check, in tests/data). Their ids
# are their own: none is a bundled record's.
TRANSFER_SOURCE = {
    "id": "arms-report-2016",
    "title": "Arms for Vietnam",
    "publisher": "A defence weekly",
    "published": "2016-12",
    "language": "en",
    "paragraphs": 6,
    "coverage": [{"countries": ["VNM", "RUS"], "period": "2009/2016"}],
}
TRANSFERS = [
    {
        "id": "rus-vnm-project-636-1-2009",
        "supplier": "RUS",
        "recipient": "VNM",
        "designation": "Project 636.1",
        "aliases": ["Kilo", "Варшавянка"],
        "category": "ships",
        "quantity": 6,
        "ordered": "2009-12",
        "deliveries": [
            {"year": 2013, "count": 2},
            {"year": 2014, "count": 2},
            {"year": 2015, "count": 1},
            {"year": 2016, "count": 1},
        ],
        "status": "delivered",
        "value": {"amount": 2_000_000_000, "currency": "USD", "year": 2009},
        "sources": ["arms-report-2016#1", "arms-report-2016#2"],
    },
    {
        "id": "rus-vnm-su-30mk2-sample-2013",
        "supplier": "RUS",
        "recipient": "VNM",
        "designation": "Su-30MK2",
        "category": "aircraft",
        "quantity": 12,
        "ordered": "2013-08",
        "deliveries": [{"year": 2014}, {"year": 2015}, {"year": 2016, "count": 2}],
        "status": "delivered",
        "sources": ["arms-report-2016#3"],
        "inferred": ["status"],
    },
    {
        "id": "vnm-rus-repair-2015",
        "supplier": "VNM",
        "recipient": "RUS",
        "designation": "Engine overhaul",
        "category": "engines",
        "ordered": "2015",
        "status": "ordered",
        "sources": ["arms-report-2016#4"],
    },
]


@functools.cache
def with_transfers() -> defcoop.Dataset:
    """The bundled data, its transfers left out, with :data:`TRANSFER_SOURCE` and
    :data:`TRANSFERS` added."""
    bundled = [record for record in defcoop.load() if not isinstance(record, defcoop.Transfer)]
    records = [
        defcoop.from_dict(defcoop.Source, TRANSFER_SOURCE),
        *(defcoop.from_dict(defcoop.Transfer, item) for item in TRANSFERS),
    ]
    return defcoop.Dataset.from_records([*bundled, *records])


def assert_refused(cls: type, valid: dict[str, Any], name: str, value: Any) -> None:
    """``cls`` built from ``valid`` with ``name`` set to ``value`` raises a RecordError that
    names the class and the attribute and says what was expected."""
    with pytest.raises(RecordError) as raised:
        cls(**{**valid, name: value})
    assert (raised.value.record_type, raised.value.attribute) == (cls.__name__, name)
    assert str(raised.value).startswith(f"{name}: ")
    assert "expected" in str(raised.value)


def small() -> dict[str, Any]:
    """A small valid dataset in the file schema: two countries, a source, an agreement."""
    return {
        "sources": [{"id": "src", "language": "en", "paragraphs": 4}],
        "countries": [
            {"code": "VNM", "name": "Vietnam", "alpha2": "VN", "cow_code": 816},
            {"code": "LAO", "name": "Laos", "alpha2": "LA", "cow_code": 812},
        ],
        "agreements": [
            {
                "id": "deal",
                "title": "A deal",
                "kind": "memorandum",
                "parties": ["VNM", "LAO"],
                "signed": "2019-03-02",
                "sources": ["src#3"],
            }
        ],
    }


def in_child(body: Callable[[], bool], timeout: float = 30) -> str:
    """Run ``body`` in a forked child; "ok", "failed", or "hung" if it did not end in time."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads, 3.12+
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            code = 0 if body() else 1
        except BaseException:  # noqa: BLE001 - whatever happens, the child must exit
            code = 2
        os._exit(code)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return "ok" if os.waitstatus_to_exitcode(status) == 0 else "failed"
        time.sleep(0.01)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return "hung"


def parse_bibtex(text: str) -> Any:
    """pybtex's reading of a BibTeX string; the test is skipped where pybtex is not installed.

    The same parser as ``pybtex.database.parse_string(text, "bibtex")``, whose plugin lookup
    reads every installed package's entry points on each call (a tenth of a second): here the
    parser class is looked up once.
    """
    return _bibtex_parser()().parse_string(text)


@functools.cache
def _bibtex_parser() -> Any:
    plugin = pytest.importorskip("pybtex.plugin")
    return plugin.find_plugin("pybtex.database.input", "bibtex")
