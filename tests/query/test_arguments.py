"""The shared argument checks (issue 25): booleans must be booleans and paths must be paths,
in every public call that takes one, with the library's own error naming the argument."""

from __future__ import annotations

import inspect
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import defcoop
from defcoop import ArgumentError, Dataset, DefcoopError
from defcoop.cli._main import main
from defcoop.io import exports

DB = defcoop.load()
AGREEMENT = DB.agreements()[0]


def _flag_calls(tmp: Path) -> dict[tuple[str, str], Callable[[Any], object]]:
    """A call for every boolean keyword of the public API, taking the keyword's value."""
    return {
        ("load", "bundled"): lambda v: defcoop.load(tmp / "data.json", bundled=v),
        ("export", "force"): lambda v: exports.export(DB, tmp / "out", force=v),
        ("export_files", "force"): lambda v: exports.export_files(tmp / "out", {}, force=v),
        ("Dataset.dyad_years", "directed"): lambda v: DB.dyad_years(years="2018", directed=v),
        ("Dataset.dyad_years", "frame"): lambda v: DB.dyad_years(years="2018", frame=v),
        ("Dataset.state_years", "frame"): lambda v: DB.state_years(years="2018", frame=v),
    }


def _public_callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    for name in defcoop.__all__:
        yield name, getattr(defcoop, name)
    for owner in ("Dataset", "Results", "Timeline"):
        for name, value in vars(getattr(defcoop, owner)).items():
            if not name.startswith("_") and inspect.isfunction(value):
                yield f"{owner}.{name}", value
    yield "export", exports.export
    yield "export_files", exports.export_files


def test_every_boolean_keyword_of_the_public_api_is_checked(tmp_path: Path) -> None:
    """Each keyword annotated bool of a public function or method has its call below (the
    record classes check theirs by their rules, and an error's own constructor is not an
    argument of the API)."""
    flags = {
        (name, parameter.name)
        for name, function in _public_callables()
        if callable(function) and not isinstance(function, type)
        for parameter in inspect.signature(function).parameters.values()
        if "bool" in str(parameter.annotation)
    }
    assert flags == set(_flag_calls(tmp_path))


@pytest.mark.parametrize("value", ["no", "False", 0, 1, 0.0, [], [False]])
def test_a_flag_that_is_not_a_boolean_is_refused(tmp_path: Path, value: object) -> None:
    """force="no" is not true, nor 0 false: each boolean keyword refuses what is not a bool,
    naming the keyword, and writes nothing."""
    (tmp_path / "data.json").write_text(defcoop.dumps(DB), "utf-8")
    for (function, keyword), call in _flag_calls(tmp_path).items():
        with pytest.raises(ArgumentError, match=f"expects {keyword}=True") as raised:
            call(value)
        assert function.rpartition(".")[2] in str(raised.value)
    assert not (tmp_path / "out").exists()


@given(value=st.one_of(st.text(), st.integers(), st.floats(), st.binary(), st.none()))
def test_export_force_takes_only_a_boolean(value: object) -> None:
    """Whatever export(force=) gets that is not True or False, it refuses before writing."""
    folder = Path(tempfile.gettempdir(), "defcoop-never-written")
    with pytest.raises(ArgumentError, match="force="):
        exports.export_files(folder, {"a.txt": "a"}, force=value)
    assert not folder.exists()


def test_none_is_a_choice_only_where_it_is_documented() -> None:
    """frame=None means "DataFrame if pandas is there"; bundled=None means nothing."""
    DB.state_years(years="2018", frame=None)
    with pytest.raises(ArgumentError, match="bundled=True or False"):
        defcoop.load("data.json", bundled=None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda tmp: defcoop.load(tmp / "a\x00.json"), "load() expects a path without NUL"),
        (lambda tmp: defcoop.dump(DB, f"{tmp}/a\x00.json"), "dump() expects a path"),
        (lambda tmp: exports.export(DB, f"{tmp}/o\x00ut"), "export() expects a path"),
        (lambda tmp: exports.export_files(f"{tmp}/\x00", {}), "folder='"),
    ],
    ids=["load", "dump", "export", "export_files"],
)
def test_a_nul_in_a_path_is_an_argument_error(
    tmp_path: Path, call: Callable[[Path], object], argument: str
) -> None:
    """A NUL character in a path is the library's ArgumentError naming the call and the
    argument, not the operating system's bare ValueError."""
    with pytest.raises(ArgumentError, match=argument.replace("(", r"\(").replace(")", r"\)")):
        call(tmp_path)


def test_a_nul_in_a_path_on_the_command_line_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line says so in one line, with the usage status."""
    assert main(["validate", f"{tmp_path}/a\x00.json"]) == 2
    err = capsys.readouterr().err
    assert "without NUL" in err
    assert err.count("\n") == 1


def test_a_record_flag_is_a_boolean_too() -> None:
    """The records' own booleans refuse text as well, by their rules."""
    import attrs

    with pytest.raises(DefcoopError, match="several"):
        attrs.evolve(AGREEMENT, several="no")


def test_the_checks_accept_what_they_should(tmp_path: Path) -> None:
    """True and False pass, and a path with any other character is a path."""
    path = exports.export(DB, tmp_path / "ünïcode out", force=False)[0]
    assert exports.export(DB, path.parent, force=True) == [path]
    assert isinstance(defcoop.load(path, bundled=False), Dataset)
