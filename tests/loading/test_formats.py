"""JSON read by the accelerator (msgspec) and by the standard library: same values and errors.

The ``fast`` extra parses JSON data files with msgspec first and falls back to the standard
library for anything msgspec refuses or may read otherwise. These differential tests read
the same texts both ways, sound and broken, and compare the values (types included) or the
error messages, then whole loads: the same records, or the same problems.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import defcoop
from defcoop import DataError
from defcoop import strategies as dst
from defcoop.loading import _parse as _formats

msgspec = pytest.importorskip("msgspec")

_SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class _Key(str):
    """A table's key, told apart from a text value in :func:`typed`'s walk."""


def typed(value: Any) -> list[tuple[str, Any]]:
    """A value as a flat list with every type spelled out, so that 1, 1.0 and True differ.

    A walk with its own stack: a list nested thousands deep is a value, not a recursion limit.
    """
    found: list[tuple[str, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Key):
            found.append(("key", str(item)))
        elif isinstance(item, dict):
            found.append(("dict", len(item)))
            for key, inner in reversed(item.items()):
                stack += [inner, _Key(key)]
        elif isinstance(item, list):
            found.append(("list", len(item)))
            stack.extend(reversed(item))
        else:
            found.append((type(item).__name__, repr(item)))
    return found


def both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """What parsing ``text`` gives with the accelerator and with the standard library alone."""

    def read() -> Any:
        try:
            return (
                "values",
                typed(_formats.parse("data.json", text.encode("utf-8", "surrogatepass"))),
            )
        except _formats.ParseError as exc:
            return ("error", str(exc))

    accelerated = read()
    with monkeypatch.context() as patch:
        patch.setattr(_formats, "_json_accelerated", lambda text: _formats._UNREAD)
        standard = read()
    return accelerated, standard


def loaded_both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """What loading ``path`` gives with the accelerator and with the standard library alone."""

    def load() -> Any:
        try:
            return ("dataset", defcoop.load(path))
        except DataError as exc:
            return ("problems", [str(problem) for problem in exc.problems])

    accelerated = load()
    with monkeypatch.context() as patch:
        patch.setattr(_formats, "_json_accelerated", lambda text: _formats._UNREAD)
        standard = load()
    return accelerated, standard


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_any_json_value_reads_the_same(value: Any) -> None:
    """Any JSON value, written out, is read back alike by msgspec and the standard library."""
    text = json.dumps(value, ensure_ascii=False)
    with pytest.MonkeyPatch.context() as patch:
        accelerated, standard = both(text, patch)
    assert accelerated == standard


@st.composite
def broken_texts(draw: st.DrawFn) -> str:
    """A JSON text with a key given twice, a character lost or added, or an odd escape."""
    value = draw(st.dictionaries(st.text(max_size=3), JSON_VALUES, min_size=1, max_size=4))
    text = json.dumps(value)
    how = draw(st.sampled_from(["twice", "cut", "insert", "escape", "number", "deep"]))
    if how == "twice":
        key = draw(st.sampled_from(sorted(value)))
        again = json.dumps({key: draw(JSON_VALUES)})[1:-1]
        return text[:-1] + ", " + again + "}"
    position = draw(st.integers(0, len(text)))
    if how == "cut":
        return text[:position] + text[position + 1 :]
    if how == "insert":
        return (
            text[:position] + draw(st.sampled_from(list(':,"{}[]\\\n\t x0-.e'))) + text[position:]
        )
    if how == "escape":
        escape = draw(st.sampled_from(["\\u003a", "\\u003A", "\\ud800", "\\udc00", "\\u0041"]))
        return text[:-1] + f', "k{escape}": "v{escape}:"' + "}"
    if how == "number":
        number = draw(st.sampled_from(["1e400", "-1e400", "2" * 30, "-" + "9" * 25, "1.5e-400"]))
        return text[:-1] + f', "n": {number}' + "}"
    # Depths clear of the recursion limit (hypothesis raises it to the test's depth + 2000):
    # within a few levels of it, the standard library's parser, a few Python frames deeper
    # than msgspec's, fails where msgspec does not, and which depths fall there depends on
    # the stack (constants hypothesis collects from new modules once drew 1985).
    depth = draw(st.sampled_from([500, 900, 1500, 3000, 5000]))
    return "[" * depth + "]" * depth


@given(broken_texts())
def test_broken_json_fails_the_same(text: str) -> None:
    """Broken or odd texts give the same values, or the same error message, both ways."""
    with pytest.MonkeyPatch.context() as patch:
        accelerated, standard = both(text, patch)
    assert accelerated == standard


def test_a_key_given_twice_is_refused_with_the_accelerator() -> None:
    """msgspec keeps the last of two equal keys; the colon count catches it all the same."""
    text = '{"agreements": [{"id": "a", "title": "x: y", "id": "b"}]}'
    assert msgspec.json.decode(text) == {"agreements": [{"id": "b", "title": "x: y"}]}
    assert _formats._json_accelerated(text) is _formats._UNREAD
    with pytest.raises(_formats.ParseError, match="'id' appears twice"):
        _formats.parse("data.json", text.encode())


def test_an_escaped_colon_cannot_hide_a_key_given_twice() -> None:
    """A colon written as an escape would balance the count of a lost key: such texts go to
    the standard library, which refuses the key given twice."""
    for escape in ("\\u003a", "\\u003A"):
        text = '{"a": 1, "a": "' + escape + '"}'
        assert text.count(":") == msgspec.json.encode(msgspec.json.decode(text)).count(b":")
        with pytest.raises(_formats.ParseError, match="'a' appears twice"):
            _formats.parse("data.json", text.encode())


def test_sound_files_take_the_accelerated_path() -> None:
    """A sound data file is parsed by msgspec alone, so the tests above compare two parsers."""
    text = defcoop.dumps(defcoop.load())
    assert _formats._json_accelerated(text) == json.loads(text)


def test_without_msgspec_the_standard_library_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the extra installed, JSON is parsed by the standard library, as before."""
    monkeypatch.setitem(sys.modules, "msgspec", None)  # makes `import msgspec` fail
    assert _formats._json_accelerated("[1]") is _formats._UNREAD
    assert _formats.parse("data.json", b"[1]") == [1]


@_SLOW
@given(dst.datasets())
def test_generated_datasets_load_the_same(db: defcoop.Dataset) -> None:
    """A generated dataset written as JSON loads into the same records both ways."""
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.json"
        path.write_text(defcoop.dumps(db), "utf-8")
        accelerated, standard = loaded_both(path, patch)
    assert accelerated[0] == "dataset"
    assert accelerated == standard
    assert accelerated[1] == db


@_SLOW
@given(dst.datasets(), st.data())
def test_broken_datasets_fail_the_same(db: defcoop.Dataset, data: st.DataObject) -> None:
    """A generated dataset with a record broken fails with the same problems both ways."""
    document = json.loads(defcoop.dumps(db))
    key = data.draw(st.sampled_from(sorted(k for k in document if k != "dataset")))
    record = data.draw(st.sampled_from(document[key]))
    name = data.draw(st.sampled_from(sorted(record)))
    record[name] = data.draw(st.sampled_from([None, 3, "", "bad id", [], {"x": 1}, 1e400]))
    text = json.dumps(document)
    if data.draw(st.booleans()):  # and a key given twice in one record
        text = text.replace('"id": ', '"id": "again", "id": ', 1)
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.json"
        path.write_text(text, "utf-8")
        accelerated, standard = loaded_both(path, patch)
    assert accelerated == standard
