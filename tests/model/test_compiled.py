"""attrs' generated methods served from the cache: the same code as compiling, a damaged or
foreign cache ignored, the hash salt of this process kept."""

from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

from defcoop.model import _compiled


def point_class() -> Any:
    """A new frozen attrs class (hashable, with a validator), defined under the cache."""

    @attrs.frozen
    class Point:
        x: int = attrs.field(validator=attrs.validators.instance_of(int))
        y: int = 0

    return Point


def define(path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Point defined under the cache at ``path``, read from the file as in a new process."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(_compiled, "_caches", {})
    with _compiled.cached(str(path)):
        return point_class()


def test_a_class_defined_under_the_cache_behaves_as_attrs_makes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled once, then served from the file: equal, hashed, validated and shown alike."""
    path = tmp_path / "methods.marshal"
    first = define(path, monkeypatch)
    assert path.is_file()
    version, entries = marshal.loads(path.read_bytes())
    assert version == sys.version
    assert any("Point" in name for name in entries)

    def no_compile(*args: object) -> None:
        raise AssertionError("compiled although cached")

    monkeypatch.setattr(_compiled, "compile", no_compile, raising=False)
    second = define(path, monkeypatch)
    monkeypatch.undo()
    plain = point_class()
    for cls in (first, second):
        assert cls(x=1, y=2) == cls(x=1, y=2)
        assert repr(cls(x=1)) == repr(plain(x=1)).replace(plain.__qualname__, cls.__qualname__)
        with pytest.raises(TypeError):
            cls(x="1")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            cls(x=1).x = 2  # type: ignore[misc]


def test_served_code_keeps_this_processs_hash_salt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached __hash__ written with another salt hashes as attrs would in this process."""
    path = tmp_path / "methods.marshal"
    define(path, monkeypatch)
    version, entries = marshal.loads(path.read_bytes())
    name = next(name for name in entries if "Point" in name)
    plain, code, salt = entries[name]
    entries[name] = (plain, _compiled._resalted(code, salt, 12345), 12345)
    path.write_bytes(marshal.dumps((version, entries)))
    served = define(path, monkeypatch)
    plain_cls = point_class()
    assert hash(served(x=1, y=2)) == hash(plain_cls(x=1, y=2))


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", marshal.dumps(("2.7.18", {})), marshal.dumps((sys.version, [1, 2]))],
    ids=["empty", "garbage", "other-python", "wrong-shape"],
)
def test_an_unusable_cache_is_ignored_and_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    """A cache that cannot be used is never an error: the methods are compiled, as attrs does."""
    path = tmp_path / "methods.marshal"
    path.write_bytes(content)
    cls = define(path, monkeypatch)
    assert cls(x=3) == cls(x=3)
    assert marshal.loads(path.read_bytes())[0] == sys.version


def test_nothing_is_written_under_dont_write_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like Python's own bytecode, the cache is not written under ``python -B``."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = tmp_path / "methods.marshal"
    with _compiled.cached(str(path)):
        point_class()
    assert not path.exists()
