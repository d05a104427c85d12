"""The command line never hands a terminal a control character or a bidi override from the
data (issue 25): it prints them escaped, and JSON stays valid with the same values."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from _helpers import run, small, write
from defcoop.cli import _terminal

HOSTILE = "\x1b[2J\x1b]0;pwned\x07red\rover\u202eevil\u2066x\x9b31m\x00end"
# Anything a terminal acts on: C0 but newline and tab, DEL, C1, bidi controls, separators.
ACTED_ON = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def hostile_data(tmp_path: Path) -> Path:
    data: dict[str, Any] = small()
    data["agreements"][0]["title"] = HOSTILE
    data["agreements"][0]["notes"] = "line one\nline two\tand a tab"
    data["sources"][0]["title"] = HOSTILE
    data["countries"][1]["name"] = "Laos\u202e"
    return write(tmp_path / "data" / "hostile.json", data)


@pytest.mark.parametrize(
    "argv",
    [
        ["agreements"],
        ["agreements", "--party", "LAO"],
        ["show", "deal"],
        ["show", "LAO"],
        ["cite", "deal"],
        ["cite", "deal", "--style", "csl-json"],
        ["timeline"],
    ],
)
def test_data_reaches_the_terminal_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """Text output holds no character a terminal acts on; the data shows as escapes (citations
    leave control characters out altogether)."""
    status, out, err = run(capsys, *argv, "--data", str(hostile_data(tmp_path)))
    assert (status, err) == (0, "")
    assert not ACTED_ON.search(out)
    if argv[0] != "cite" and argv[-1] != "LAO":
        assert "\\x1b[2J" in out
        assert "\\u202e" in out


def test_json_output_keeps_the_values_and_is_safe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json escapes them as JSON does (\\u001b, \\u202e): parsed, the values are whole."""
    status, out, _err = run(capsys, "agreements", "--json", "--data", str(hostile_data(tmp_path)))
    assert status == 0
    assert not ACTED_ON.search(out)
    assert json.loads(out)[0]["title"] == HOSTILE


def test_errors_show_what_was_typed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown id or an invalid value is echoed escaped on stderr, on one line."""
    data = str(hostile_data(tmp_path))
    status, out, err = run(capsys, "show", "\x1b[2Jdeal\u202e", "--data", data)
    assert (status, out) == (1, "")
    assert not ACTED_ON.search(err)
    assert err.count("\n") == 1
    status, _out, err = run(capsys, "events", "--kind", "\x1b[31mvisit")
    assert status == 1
    assert not ACTED_ON.search(err)
    assert "\\x1b[31mvisit" in err


def test_a_panel_is_written_whole_to_a_pipe_and_escaped_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file's text (a panel's CSV) keeps its data when piped, and is escaped on a tty."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, expected in [(io.StringIO(), HOSTILE), (Terminal(), _terminal.shown(HOSTILE))]:
        monkeypatch.setattr("sys.stdout", stream)
        with _terminal.safe_terminal():
            _terminal.write_data(HOSTILE)
        assert stream.getvalue() == expected
    assert not ACTED_ON.search(_terminal.shown(HOSTILE))
