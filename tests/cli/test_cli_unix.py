"""The command line as a well-behaved Unix program (issue 25): it prints under the C locale
and opens non-ASCII paths there, ends on Ctrl-C with status 130 and one line, fails when its
output cannot be written, stops quietly on a closed pipe, and exits with the status declared
for each error class (:data:`defcoop.cli._exits.EXITS`).

The separate processes are few: most behaviour is checked in process."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

import defcoop.errors
from defcoop.cli import _exits, _main
from defcoop.cli._main import main

# The C locale with UTF-8 mode off and no encoding forced: stdout is ASCII with Python's
# surrogateescape, which fails on "ô" as strict does.
C_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def program(*argv: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    return subprocess.run(
        [sys.executable, "-m", "defcoop", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**environment, **C_LOCALE},
        check=False,
    )


def test_the_c_locale_prints_escapes_and_opens_non_ascii_paths(tmp_path: Path) -> None:
    """Under LC_ALL=C with UTF-8 mode off, a name prints escaped and a folder named in
    Vietnamese is found: no UnicodeEncodeError, no traceback."""
    folder = tmp_path / "dữ liệu"
    folder.mkdir()
    (folder / "nguồn.toml").write_text(
        '[[sources]]\nid = "nguon"\ntitle = "Nguồn"\nlanguage = "vi"\nparagraphs = 1\n', "utf-8"
    )
    shown = program("show", "ngo-xuan-lich")
    assert shown.returncode == 0, shown.stderr
    assert b"Ng\\xf4 Xu\\xe2n L\\u1ecbch" in shown.stdout
    found = program("validate", str(folder))
    assert found.returncode == 0, found.stderr
    assert found.stdout.endswith(b": valid, 1 records\n")
    assert b"Traceback" not in shown.stderr + found.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_output_that_cannot_be_written_is_an_error() -> None:
    """defcoop --help > /dev/full fails with status 1 and says why, in one line."""
    with open("/dev/full", "wb") as full:
        done = program("--help", stdout=full.fileno())
    assert done.returncode == 1
    assert done.stderr == b"defcoop: error: No space left on device\n"


def test_a_closed_pipe_ends_quietly_with_141() -> None:
    """A reader that stops early (defcoop events | head -1) ends the command as SIGPIPE
    ends a Unix tool: status 141, nothing on stderr."""
    # Unbuffered (PYTHONUNBUFFERED), CPython's text stdout drops the rest of a write that
    # the pipe took only part of, without an error: the broken pipe then goes unseen.
    unset = ("PYTHONIOENCODING", "PYTHONUNBUFFERED")
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    with subprocess.Popen(
        [sys.executable, "-m", "defcoop", "events", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(10)  # of 250 kB, more than a pipe holds: the writer must wait
        process.stdout.close()
        err = process.stderr.read()
        status = process.wait(timeout=60)
    assert (status, err) == (141, b"")


def test_ctrl_c_ends_with_130_and_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A KeyboardInterrupt in any command is status 130 and "defcoop: interrupted", not a
    traceback."""

    def interrupted(_arguments: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(_main, "_query", interrupted)
    assert main(["agreements"]) == 130
    assert capsys.readouterr() == ("", "defcoop: interrupted\n")


def test_every_error_class_has_a_declared_status() -> None:
    """Each error class defcoop defines has its own line in the declaration, so the table of
    statuses names them all; the first line that matches decides."""
    classes = [
        value
        for value in vars(defcoop.errors).values()
        if inspect.isclass(value) and issubclass(value, defcoop.errors.DefcoopError)
    ]
    declared = [exit.error for exit in _exits.EXITS]
    assert set(classes) <= set(declared)
    for position, exit in enumerate(_exits.EXITS):
        earlier = [e.error for e in _exits.EXITS[:position]]
        assert not any(issubclass(exit.error, e) for e in earlier), exit  # never shadowed


@pytest.mark.parametrize("declared", _exits.EXITS, ids=lambda e: e.error.__name__)
def test_each_declared_status_is_the_status(
    declared: _exits.Exit, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An error of each declared class raised by a command ends main() with its status, and
    stderr gets at most the lines the declaration says, never a traceback."""
    error = _instance(declared.error)

    def failing(_arguments: object) -> int:
        raise error

    monkeypatch.setattr(_main, "_query", failing)
    assert main(["agreements"]) == declared.status
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    expected = {"nothing": 0, "problems": 2}.get(declared.shown, 1)
    assert err.count("\n") == expected, err


def _instance(cls: type[BaseException]) -> BaseException:
    if cls is defcoop.errors.DataError:
        return cls([defcoop.errors.Problem(file="a.toml", message="bad")])
    if cls is defcoop.errors.UnknownNameError:
        return cls("field", "militery", ["military"])
    if cls is defcoop.errors.MissingExtraError:
        return cls("pandas", "pandas", purpose="a frame")
    if cls is defcoop.errors.RecordError:
        return cls("signed", "expected a date")
    return cls("a message")
