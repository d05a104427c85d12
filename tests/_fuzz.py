"""Documents for the loading fuzz tests (tests/loading/test_loading_fuzz.py): generated
datasets written as JSON and TOML files, the places inside them, and the mutations' shape."""

import json
import math
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
from hypothesis import strategies as st

import defcoop
from defcoop import Dataset, DatasetInfo, FieldEvidence, Role
from defcoop import strategies as dst
from defcoop.loading._loader import COLLECTIONS

Location = tuple[str | int, ...]
Files = dict[str, dict[str, Any]]


# Writing documents as JSON and TOML ------------------------------------------------------


def toml_text(document: dict[str, Any]) -> str:
    """A document as TOML: record lists as [[tables]], nested values inline, nulls left out."""
    head: list[str] = []
    body: list[str] = []
    for key, value in document.items():
        if isinstance(value, dict):
            body += ["", f"[{toml_string(key)}]", *toml_pairs(value)]
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for table in value:
                body += ["", f"[[{toml_string(key)}]]", *toml_pairs(table)]
        elif value is not None:
            head.append(f"{toml_string(key)} = {toml_value(value)}")
    return "\n".join([*head, *body]) + "\n"


def toml_pairs(table: dict[str, Any]) -> list[str]:
    return [f"{toml_string(k)} = {toml_value(v)}" for k, v in table.items() if v is not None]


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value if v is not None) + "]"
    return "{" + ", ".join(toml_pairs(value)) + "}"


def toml_string(text: str) -> str:
    escapes = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    return (
        '"'
        + "".join(
            escapes.get(c) or (f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
            for c in text
        )
        + '"'
    )


def file_text(name: str, document: Any) -> str:
    if name.endswith(".json"):
        return json.dumps(document, ensure_ascii=False, indent=1)
    return toml_text(document)


def write(folder: Path, texts: dict[str, bytes]) -> None:
    for name, raw in texts.items():
        (folder / name).write_bytes(raw)


def records_in(texts: dict[str, bytes]) -> int:
    """How many records the files hold, read with the standard library alone."""
    count = 0
    for name, raw in texts.items():
        text = raw.decode("utf-8").removeprefix("\ufeff")
        document = json.loads(text) if name.endswith(".json") else tomllib.loads(text)
        count += sum(len(document[key]) for key in COLLECTIONS if key in document)
    return count


# Where things are in a document ----------------------------------------------------------


def where(location: Location) -> str:
    """A location as problems write it: ``$.agreements[3].signed``."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in location)


def walk(value: Any, location: Location = ()) -> Iterator[tuple[Location, Any]]:
    yield location, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*location, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, (*location, index))


def at(document: Any, location: Location) -> Any:
    for step in location:
        document = document[step]
    return document


def put(document: Any, location: Location, value: Any) -> None:
    at(document, location[:-1])[location[-1]] = value


def tables(files: Files) -> list[tuple[str, Location, type]]:
    """Every table that becomes a record or part of one: file, location and class."""
    found: list[tuple[str, Location, type]] = []
    for name, document in files.items():
        for key, value in document.items():
            if key == "dataset":
                found.append((name, (key,), DatasetInfo))
                continue
            for index, record in enumerate(value):
                found.append((name, (key, index), COLLECTIONS[key]))
                for part, kind in (("roles", Role), ("evidence", FieldEvidence)):
                    for inner in range(len(record.get(part) or ())):
                        found.append((name, (key, index, part, inner), kind))
    return found


def records_of(files: Files, keys: Any) -> list[tuple[str, Location]]:
    return [
        (name, (key, index))
        for name, document in files.items()
        for key in document
        if key in keys
        for index in range(len(document[key]))
    ]


# Valid files to start from ---------------------------------------------------------------


@st.composite
def layouts(draw: st.DrawFn) -> tuple[Dataset, Files]:
    """A generated dataset, its collections split between a JSON and a TOML file."""
    db = draw(dst.datasets(sizes=st.integers(1, 2)))  # one record of each kind at least
    document = json.loads(defcoop.dumps(db))
    in_toml = draw(st.sets(st.sampled_from(sorted(document))))
    files: Files = {}
    for name, keys in (("data.json", set(document) - in_toml), ("more.toml", in_toml)):
        if keys:
            files[name] = {key: value for key, value in document.items() if key in keys}
    return db, files


@attrs.frozen
class Mutation:
    """One way of breaking one file, and where the loader must say the problem is.

    ``places`` are paths in the file: a problem must be at one of them or inside it, except
    that ``"$"`` (the file as a whole) matches only itself.
    """

    file: str
    places: tuple[str, ...]
    words: str = ""
    text: Callable[[str], str] = lambda text: text
    raw: Callable[[bytes], bytes] = lambda raw: raw


def joinable(files: Files) -> Files:
    """The files without a [dataset] table, which records joining the bundled data may not
    have (the bundled dataset has its own); a file left empty is dropped."""
    kept = {name: {k: v for k, v in doc.items() if k != "dataset"} for name, doc in files.items()}
    return {name: doc for name, doc in kept.items() if doc}


def texts_of(files: Files, mutation: Mutation | None = None) -> dict[str, bytes]:
    texts = {}
    for name, document in files.items():
        text = file_text(name, document)
        raw = text.encode("utf-8")
        if mutation is not None and name == mutation.file:
            raw = mutation.raw(mutation.text(text).encode("utf-8"))
        texts[name] = raw
    return texts
