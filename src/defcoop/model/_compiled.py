"""attrs' generated methods of the model's classes, compiled once and then cached like bytecode.

attrs writes each class's methods (``__init__``, ``__eq__``, ``__hash__``, ``__repr__``...) as
Python source when the class is defined, and compiles it: for the model's classes that is
about a third of what importing the model costs, paid by every process again although the
source is the same every time. While :func:`cached` is active (the model's modules being
imported), a compiled script is taken from a cache file when its source is exactly the one
cached, else compiled as attrs does and written to the cache for the next process.

The cache lives where Python keeps bytecode (``defcoop/model/__pycache__``), one file per
interpreter (``sys.implementation.cache_tag``) holding the interpreter's ``sys.version``: a
file of another Python, an unreadable or damaged one, or a script whose source differs in
any character is never used (the source is compiled, as without a cache). It is written only
where Python itself would write bytecode (not under ``python -B``), atomically, and any
failure to read or write it is ignored. The cached code is what ``compile`` makes of the same
source, with one exception made on purpose: the salt attrs writes into ``__hash__`` (the hash
of a string, so it changes with every process's hash seed) is left out of the comparison
and set to this process's value in the code served, so that hashes are exactly attrs' own.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import sys
import types
from collections.abc import Iterator
from typing import Any

__all__ = ["cached"]

_SALT = re.compile(r"(\breturn hash\(\(\n\s*)(-?\d+)(,)")
"""The line of an attrs ``__hash__`` that holds its per-process salt (the class's type hash)."""

_Entry = tuple[str, types.CodeType, int | None]  # source without its salt, code, salt in code


class _Cache:
    """The cache file's entries, what this import used, and whether anything must be written."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.entries: dict[str, _Entry] = _read(path) if path else {}
        self.used: dict[str, _Entry] = {}
        self.changed = False

    def compile(self, source: Any, filename: Any, mode: Any, *args: Any, **kwargs: Any) -> Any:
        """``compile`` for attrs' scripts: the cached code when the source is the cached one."""
        if args or kwargs or mode != "exec" or not isinstance(source, str):
            return compile(source, filename, mode, *args, **kwargs)
        found = _SALT.search(source)
        salt = int(found.group(2)) if found else None
        plain = _SALT.sub(r"\1SALT\3", source, count=1) if found else source
        entry = self.entries.get(filename)
        if entry is not None and entry[0] == plain:
            code = entry[1] if entry[2] == salt else _resalted(entry[1], entry[2], salt)
            self.used[filename] = entry
            return code
        code = compile(source, filename, mode)
        self.used[filename] = (plain, code, salt)
        self.changed = True
        return code

    def write(self) -> None:
        """Write the cache if this import compiled anything (atomically; errors ignored)."""
        if not (self.changed and self.path) or sys.dont_write_bytecode:
            return
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(temporary, "wb") as file:
                file.write(marshal.dumps((sys.version, {**self.entries, **self.used})))
            os.replace(temporary, self.path)
            self.entries, self.changed = {**self.entries, **self.used}, False
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _path() -> str | None:
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    return os.path.join(os.path.dirname(__file__), "__pycache__", f"_attrs_methods.{tag}.marshal")


def _read(path: str) -> dict[str, _Entry]:
    """The cache file's entries, or none if it is missing, of another Python, or damaged."""
    try:
        with open(path, "rb") as file:
            version, entries = marshal.loads(file.read())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if version != sys.version or not isinstance(entries, dict):
        return {}
    return {
        name: entry
        for name, entry in entries.items()
        if isinstance(entry, tuple)
        and len(entry) == 3
        and isinstance(entry[0], str)
        and isinstance(entry[1], types.CodeType)
    }


def _resalted(code: types.CodeType, old: int | None, new: int | None) -> types.CodeType:
    """``code`` with the salt constant of its ``__hash__`` functions changed from old to new."""
    consts = []
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            const = _resalted(const, old, new)
        elif code.co_name == "__hash__" and const == old and type(const) is int:
            const = new
        consts.append(const)
    return code.replace(co_consts=tuple(consts))


_caches: dict[str | None, _Cache] = {}


@contextlib.contextmanager
def cached(path: str | None = None) -> Iterator[None]:
    """While active, attrs takes the compiled code of its generated methods from the cache.

    It replaces the name ``compile`` in ``attr._make`` (which attrs calls to compile its
    scripts) and restores it afterwards; an attrs that compiles otherwise simply gets no
    cache. Other classes defined meanwhile (another thread) are compiled as usual, since
    only a script whose source matches exactly is served from the cache. ``path`` is the
    cache file (tests give another; by default, the model's ``__pycache__``).
    """
    import attr._make as make

    if "compile" in vars(make):  # already active (a nested import): nothing more to do
        yield
        return
    path = path or _path()
    cache = _caches.get(path)
    if cache is None:  # read once per process, whichever module's classes come first
        cache = _caches[path] = _Cache(path)
    make.compile = cache.compile  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del make.compile  # type: ignore[attr-defined]
        cache.write()
