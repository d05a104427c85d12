"""Loading fuzzed files: every bad input is one DataError naming file and path, nothing half done.

Valid generated datasets are written as a JSON and a TOML file, one file is broken in one way,
and the load must raise DataError (never another exception) with a problem at the broken
place; the files on disk and the bundled dataset must be left exactly as they were.
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import defcoop
from _fuzz import (
    Files,
    Mutation,
    at,
    file_text,
    joinable,
    layouts,
    put,
    records_in,
    records_of,
    tables,
    texts_of,
    walk,
    where,
    write,
)
from defcoop import Agreement, DataError, Dataset, DatasetInfo, Event, Role, Source
from defcoop.loading._loader import COLLECTIONS
from invariants import assert_integrity

# Each example makes a dataset, writes and loads it: a sixth of the profile's examples.
FUZZ = settings(max_examples=max(8, settings.default.max_examples // 6))

NOWHERE = "nowhere-1"
SENTINEL = "defcoop-fuzz-sentinel"


# Mutations that always make the data invalid ----------------------------------------------

# The JSON types a value may have, and values of each (some of them huge).
KINDS: dict[type, st.SearchStrategy[Any]] = {
    str: st.text(max_size=5) | st.just("x" * 200_000),
    int: st.integers(),
    float: st.floats(allow_nan=False, allow_infinity=False),
    bool: st.booleans(),
    list: st.lists(st.integers(), max_size=3) | st.just(list(range(3000))),
    dict: st.dictionaries(st.text(max_size=3), st.integers(), min_size=1, max_size=2),
}


@st.composite
def wrong_types(draw: st.DrawFn, files: Files) -> Mutation:
    """A value, a record or a whole collection replaced by a value of another type."""
    name = draw(st.sampled_from(sorted(files)))
    document = files[name]
    places = [(loc, v) for loc, v in walk(document) if loc and v is not None]
    location, value = draw(st.sampled_from(places))
    replacement = draw(
        st.sampled_from([k for k in KINDS if type(value) is not k]).flatmap(KINDS.get)
    )
    put(document, location, replacement)
    return Mutation(name, (where(location),))


@st.composite
def missing_keys(draw: st.DrawFn, files: Files) -> Mutation:
    """A key the record (or role, evidence or [dataset] table) needs is taken out."""
    name, location, kind = draw(st.sampled_from(tables(files)))
    required = [a.name for a in attrs.fields(kind) if a.default is attrs.NOTHING]
    key = draw(st.sampled_from(required))
    del at(files[name], location)[key]
    return Mutation(name, (where((*location, key)),), "required key missing")


@st.composite
def unknown_keys(draw: st.DrawFn, files: Files) -> Mutation:
    """A key no record has is added to a record, a part of one, or the top of a file."""
    name, location, kind = draw(st.sampled_from([(n, (), dict) for n in files] + tables(files)))
    known = {"dataset", *COLLECTIONS} if kind is dict else set(attrs.fields_dict(kind))
    key = draw(st.text(min_size=1, max_size=8).filter(lambda k: k not in known))
    at(files[name], location)[key] = draw(KINDS[int] | KINDS[str])
    place = where((key,)) if kind is dict else where(location)
    return Mutation(name, (place,), "unknown key")


REFERRING: dict[str, list[str]] = {
    "fields": ["broader"],
    "people": ["country"],
    "organizations": ["country", "parent"],
    "agreements": ["parties", "signatories", "fields", "signed_during"],
    "events": ["parties", "participants", "part_of", "organizer", "forum"],
    "mechanisms": ["parties", "fields"],
    "relationships": ["parties", "forums"],
}


@st.composite
def dangling_references(draw: st.DrawFn, files: Files) -> Mutation:
    """A reference, or a citation, to an id no record has."""
    name, location = draw(st.sampled_from(records_of(files, REFERRING)))
    record = at(files[name], location)
    cites = ["sources"] if "sources" in record else []  # fields cite nothing
    attribute = draw(st.sampled_from([*REFERRING[location[0]], *cites]))
    if attribute == "sources":
        record["sources"].append(f"{NOWHERE}#1")
    elif location[0] == "relationships" and attribute == "parties":
        record[attribute][-1] = NOWHERE  # a relationship has exactly two parties
    elif isinstance(record[attribute], list):
        record[attribute].append(NOWHERE)
    else:
        record[attribute] = NOWHERE
    return Mutation(name, (where((*location, attribute)),), repr(NOWHERE))


@st.composite
def duplicate_ids(draw: st.DrawFn, files: Files) -> Mutation:
    """A record given again in the same list: the copy's id is used twice."""
    name, (key, index) = draw(st.sampled_from(records_of(files, COLLECTIONS)))
    records = files[name][key]
    records.append(copy.deepcopy(records[index]))
    return Mutation(name, (where((key, len(records) - 1)),), "is used twice")


# The attributes holding a date or a period, by the class of the table that has them.
DATES: dict[type, list[str]] = {
    Source: ["published"],
    Agreement: ["signed", "period"],
    Event: ["when"],
    Role: ["period"],
    DatasetInfo: ["released"],
}


@st.composite
def impossible_dates(draw: st.DrawFn, files: Files) -> Mutation:
    """A date or period that cannot exist: no such day or month, or a start after its end."""
    places = [
        (name, (*location, key))
        for name, location, kind in tables(files)
        for key in DATES.get(kind, [])
    ]
    name, location = draw(st.sampled_from(places))
    year = draw(st.integers(1, 9998))
    common = year + (1 if year % 4 == 0 else 0)  # not a leap year
    bad = draw(
        st.sampled_from(
            [
                f"{year:04d}-13",
                f"{year:04d}-00",
                f"{year:04d}-02-30",
                f"{year:04d}-04-31",
                f"{year:04d}-01-00",
                f"{common:04d}-02-29",
                "0000",
                f"{year + 1:04d}/{year:04d}",
            ]
        )
    )
    put(files[name], location, bad)
    return Mutation(name, (where(location),))


@st.composite
def citations_past_the_end(draw: st.DrawFn, files: Files) -> Mutation:
    """A citation of a paragraph after the last one of its source."""
    sources = [s for document in files.values() for s in document.get("sources", [])]
    places = [
        (name, (*location, "sources", i))
        for name, location in records_of(files, set(COLLECTIONS) - {"sources", "countries"})
        for i in range(len(at(files[name], location).get("sources") or []))
    ]
    name, location = draw(st.sampled_from(places))
    source = draw(st.sampled_from(sources))
    paragraph = source["paragraphs"] + draw(st.integers(1, 10**6))
    put(files[name], location, f"{source['id']}#{paragraph}")
    return Mutation(name, (where(location),), "is past the end of source")


@st.composite
def deep_nesting(draw: st.DrawFn, files: Files) -> Mutation:
    """A value replaced by lists or tables nested up to thousands deep."""
    name = draw(st.sampled_from(sorted(files)))
    location = draw(st.sampled_from([loc for loc, _ in walk(files[name]) if loc]))
    put(files[name], location, SENTINEL)
    depth = draw(st.integers(2, 5000))
    table = '{"a": ' if name.endswith(".json") else '{"a" = '
    nested = draw(st.sampled_from(["[" * depth + "]" * depth, table * depth + "1" + "}" * depth]))
    return Mutation(
        name,
        (where(location), "$"),
        text=lambda text: text.replace(f'"{SENTINEL}"', nested),
    )


@st.composite
def huge_numbers(draw: st.DrawFn, files: Files) -> Mutation:
    """A number too long to read (Python refuses integers of more than 4,300 digits)."""
    name = draw(st.sampled_from(sorted(files)))
    location = draw(st.sampled_from([loc for loc, _ in walk(files[name]) if loc]))
    put(files[name], location, SENTINEL)
    digits = "9" * draw(st.integers(4301, 20_000))
    return Mutation(
        name, ("$",), "cannot be read", text=lambda text: text.replace(f'"{SENTINEL}"', digits)
    )


@st.composite
def broken_syntax(draw: st.DrawFn, files: Files) -> Mutation:
    """A JSON file cut short, or a TOML file with a line that is not TOML."""
    name = draw(st.sampled_from(sorted(files)))
    if name.endswith(".json"):
        cut = draw(st.integers(0, len(file_text(name, files[name]).rstrip()) - 1))
        return Mutation(name, ("$",), text=lambda text: text[:cut])
    line = draw(st.sampled_from(["[[", "= 1", 'key = "', "[table", "a = 1 2", "x = [1,"]))
    lines = file_text(name, files[name]).splitlines()
    position = draw(st.integers(0, len(lines)))
    changed = "\n".join([*lines[:position], line, *lines[position:]])
    return Mutation(name, ("$",), "is not valid TOML", text=lambda _text: changed)


@st.composite
def empty_files(draw: st.DrawFn, files: Files) -> Mutation:
    """A file with nothing in it, or only blanks, or only a byte order mark."""
    name = draw(st.sampled_from(sorted(files)))
    blank = draw(st.text(" \t\r\n", max_size=5) | st.just("\ufeff"))
    return Mutation(name, ("$",), "is empty", text=lambda _text: blank)


@st.composite
def not_utf8(draw: st.DrawFn, files: Files) -> Mutation:
    """One byte that cannot occur where it is in UTF-8 text, anywhere in the file."""
    name = draw(st.sampled_from(sorted(files)))
    size = len(file_text(name, files[name]).encode("utf-8"))
    position = draw(st.integers(0, size))
    byte = bytes([draw(st.integers(0x80, 0xFF))])
    return Mutation(
        name, ("$",), "is not UTF-8", raw=lambda raw: raw[:position] + byte + raw[position:]
    )


MUTATIONS = [
    wrong_types,
    missing_keys,
    unknown_keys,
    dangling_references,
    duplicate_ids,
    impossible_dates,
    citations_past_the_end,
    deep_nesting,
    huge_numbers,
    broken_syntax,
    empty_files,
    not_utf8,
]


# The properties ---------------------------------------------------------------------------


@pytest.fixture(autouse=True, scope="module")
def bundled_data_is_untouched() -> Iterator[None]:
    """After all the fuzzing, the bundled files and the dataset they load are as before."""
    folder = resources.files("defcoop").joinpath("data")
    files = {entry.name: entry.read_bytes() for entry in folder.iterdir()}
    text = defcoop.dumps(defcoop.load())
    yield
    assert {entry.name: entry.read_bytes() for entry in folder.iterdir()} == files
    assert defcoop.dumps(defcoop.load()) == text


def load_folder(texts: dict[str, bytes], bundled: bool) -> tuple[Dataset | DataError, Path]:
    """Load the files from a fresh folder; the files and the bundled data must not change."""
    shared = defcoop.load()
    size = len(shared)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write(folder, texts)
        try:
            outcome: Dataset | DataError = defcoop.load(folder, bundled=bundled)
        except DataError as error:
            outcome = error
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == texts
    assert defcoop.load() is shared
    assert len(shared) == size
    return outcome, folder


def assert_well_formed(error: DataError, folder: Path, texts: dict[str, bytes]) -> None:
    """Every problem names one of the files and a path in it, and says something short."""
    assert error.problems
    assert isinstance(error, ValueError)
    assert str(error).count("\n") == len(error.problems)
    files = {str(folder / name) for name in texts}
    for problem in error.problems:
        assert problem.file in files
        assert problem.path.startswith("$")
        assert 0 < len(problem.message) < 500


@FUZZ
@given(layouts())
def test_unbroken_files_load_as_the_dataset_they_came_from(layout: tuple[Dataset, Files]) -> None:
    """The JSON and TOML files written from a dataset load back as an equal dataset."""
    db, files = layout
    loaded, _folder = load_folder(texts_of(files), bundled=False)
    assert isinstance(loaded, Dataset)
    assert list(loaded) == list(db)
    assert loaded.info == db.info


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.__name__)
@FUZZ
@given(layout=layouts(), bundled=st.booleans(), data=st.data())
def test_every_broken_file_raises_one_data_error_at_the_broken_place(
    mutation: Callable[[Files], st.SearchStrategy[Mutation]],
    layout: tuple[Dataset, Files],
    bundled: bool,
    data: st.DataObject,
) -> None:
    """A broken file raises DataError with a problem at its file and path; nothing changes."""
    _db, files = layout
    files = joinable(files) if bundled else files
    change = data.draw(mutation(files))
    texts = texts_of(files, change)
    outcome, folder = load_folder(texts, bundled)
    assert isinstance(outcome, DataError)
    assert_well_formed(outcome, folder, texts)
    file = str(folder / change.file)
    assert any(
        p.file == file and at_one_of(p.path, change.places) and change.words in p.message
        for p in outcome.problems
    ), [str(p) for p in outcome.problems]


def at_one_of(path: str, places: tuple[str, ...]) -> bool:
    return any(
        path == place or (place != "$" and path.startswith((f"{place}.", f"{place}[")))
        for place in places
    )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def anything(draw: st.DrawFn, files: Files) -> Mutation:
    """Any change at all: a value replaced or removed, or bytes cut, added or repeated."""
    name = draw(st.sampled_from(sorted(files)))
    document = files[name]
    how = draw(st.sampled_from(["replace", "remove", "cut", "insert", "repeat"]))
    if how in ("replace", "remove"):
        location = draw(st.sampled_from([loc for loc, _ in walk(document) if loc]))
        if how == "replace":
            put(document, location, draw(JSON_VALUES))
        else:
            del at(document, location[:-1])[location[-1]]
        return Mutation(name, ("$",))
    size = len(file_text(name, document).encode("utf-8"))
    start = draw(st.integers(0, size))
    end = draw(st.integers(start, min(size, start + 40)))
    if how == "cut":
        return Mutation(name, ("$",), raw=lambda raw: raw[:start] + raw[end:])
    if how == "insert":
        extra = draw(st.binary(min_size=1, max_size=8))
        return Mutation(name, ("$",), raw=lambda raw: raw[:start] + extra + raw[start:])
    return Mutation(name, ("$",), raw=lambda raw: raw[:end] + raw[start:])


@FUZZ
@given(layout=layouts(), bundled=st.booleans(), data=st.data())
def test_any_change_loads_whole_or_raises_data_error(
    layout: tuple[Dataset, Files], bundled: bool, data: st.DataObject
) -> None:
    """Whatever the change, the load gives a whole, sound dataset or one DataError, no other."""
    _db, files = layout
    files = joinable(files) if bundled else files
    change = data.draw(anything(files))
    texts = texts_of(files, change)
    outcome, folder = load_folder(texts, bundled)
    if isinstance(outcome, DataError):
        assert_well_formed(outcome, folder, texts)
    else:
        assert len(outcome) == records_in(texts) + (len(defcoop.load()) if bundled else 0)
        assert_integrity(outcome)
