"""Examples that paste: every Python code block of the documentation, as its copy button copies it.

The copy button (sphinx-copybutton, set up in ``docs/conf.py``) keeps only the lines typed
after a prompt, without the prompt, and drops the output; a block without prompts is copied
whole. :func:`copied` applies the same rule, with the same settings read from ``conf.py``, to
the Markdown sources' code blocks, and each page's Python blocks then run in order in a fresh
interpreter, as they would in a new notebook. A statement whose example shows a traceback may
raise that exception (the page shows the error on purpose); any other error fails the page.

Every block is checked as pasted on each run (it compiles, and it is exactly the examples'
statements); running the pages again in fresh interpreters repeats the doctests' work (the
README's panels alone take twenty seconds), so that part is marked slow and CI runs it once.

A Python block that cannot run as pasted (an excerpt of the package's own source, or a file
the reader must first download) is preceded by a MyST comment saying why:
``% not run: <reason>``.
"""

from __future__ import annotations

import doctest
import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

import defcoop

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(p for p in [ROOT / "README.md", *DOCS.rglob("*.md")] if "_build" not in p.parts)
PYTHON = frozenset({"pycon", "python", "py", "python3"})
_FENCE = re.compile(
    r"^(?P<comment>% not run: \S.*\n)?(?P<fence>```+)(?P<lang>[\w{}-]*)[^\n]*\n"
    r"(?P<body>.*?)^(?P=fence)\s*$",
    re.MULTILINE | re.DOTALL,
)
_EXCEPTION = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)(?::|$)", re.MULTILINE)


def _settings() -> dict[str, object]:
    conf = runpy.run_path(str(DOCS / "conf.py"))
    return {name: value for name, value in conf.items() if name.startswith("copybutton_")}


SETTINGS = _settings()


def copied(text: str) -> str:
    """What the copy button copies from a block showing ``text`` (sphinx-copybutton's rule).

    Lines starting with a prompt keep what follows it; with ``copybutton_only_copy_prompt_lines``
    other lines are dropped, empty lines kept; a block with no prompt at all is copied whole.

    >>> copied(">>> x = 1\\n>>> for i in ():\\n...     pass\\nout\\n")
    'x = 1\\nfor i in ():\\n    pass'
    >>> copied("print('no prompts')\\n")
    "print('no prompts')"
    """
    prompt = str(SETTINGS["copybutton_prompt_text"])
    if not SETTINGS.get("copybutton_prompt_is_regexp", False):
        prompt = re.escape(prompt)
    only_prompts = SETTINGS.get("copybutton_only_copy_prompt_lines", True)
    pattern = re.compile(f"^({prompt})(.*)")
    lines, found = [], False
    for line in text.split("\n"):
        match = pattern.match(line)
        if match:
            found = True
            lines.append(match.group(2))
        elif not only_prompts or not line.strip():
            lines.append(line)
    result = "\n".join(lines) if found else text
    return result.removesuffix("\n")


def blocks(page: Path) -> list[tuple[int, str, str, str | None]]:
    """Each fenced code block of ``page``: line number, language, body and why it is not run."""
    text = page.read_text("utf-8")
    found = []
    for match in _FENCE.finditer(text):
        line = text.count("\n", 0, match.start("fence")) + 1
        reason = match.group("comment")
        found.append(
            (line, match.group("lang"), match.group("body"), reason and reason.strip()[13:])
        )
    return found


def _expected(example: doctest.Example) -> str | None:
    """The exception an example's output shows, by name, or None."""
    if example.exc_msg is None:
        return None
    body = example.want.split("\n", 1)[1] if "\n" in example.want else ""
    names = [m.group("name") for m in _EXCEPTION.finditer(body) if m.group("name") != "..."]
    return names[-1].rsplit(".", 1)[-1] if names else "Exception"


def runnable(page: Path) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The page's Python blocks as pasted: where, and each statement with the error it shows.

    A block with prompts is cut into its doctest examples, and the examples' sources joined
    must be exactly what the copy button copies, so that what runs is what is pasted.
    """
    parser = doctest.DocTestParser()
    result = []
    for line, language, body, reason in blocks(page):
        if language not in PYTHON or reason:
            continue
        where = f"{page.relative_to(ROOT)}:{line}"
        paste = copied(body)
        compile(paste, where, "exec")  # a paste that is not Python fails here, named
        examples = [
            e
            for e in parser.get_examples(body)
            if not e.options.get(doctest.OPTIONFLAGS_BY_NAME["SKIP"], False)
        ]
        if not examples:  # no prompts: the block is copied and run whole
            result.append((where, [(paste, None)]))
            continue
        joined = "".join(e.source for e in examples)
        assert " ".join(joined.split()) == " ".join(paste.split()), where
        result.append((where, [(e.source, _expected(e)) for e in examples]))
    return result


_RUNNER = """
import json, sys, traceback
namespace = {"__name__": "__main__"}
for where, statements in json.load(sys.stdin):
    for source, expected in statements:
        try:
            exec(compile(source, where, "exec"), namespace)
        except Exception as error:
            if expected is not None and type(error).__name__ == expected:
                continue
            traceback.print_exc()
            sys.exit(f"{where}: pasted, this raised {type(error).__name__}:\\n{source}")
        if expected is not None:
            sys.exit(f"{where}: the page shows {expected}, but this ran:\\n{source}")
"""


def test_copied_drops_prompts_and_output_as_the_copy_button_does() -> None:
    """A doctest with a traceback pastes as its statements only, which compile."""
    shown = (
        ">>> import defcoop\n>>> defcoop.load().agreements(field='militery')\n"
        "Traceback (most recent call last):\n  ...\n"
        "defcoop.errors.UnknownNameError: unknown field\n\n$ defcoop show x\n"
    )
    paste = copied(shown)
    assert paste == "import defcoop\ndefcoop.load().agreements(field='militery')\n\ndefcoop show x"
    assert SETTINGS["copybutton_only_copy_prompt_lines"] is True
    assert ".gp" not in str(SETTINGS.get("copybutton_exclude", ""))  # prompts must be seen


def test_every_python_block_is_run_or_says_why_not() -> None:
    """A Python block without prompts is run whole unless a comment gives a reason; each
    reason is there."""
    reasons = [
        (page.name, line, reason)
        for page in PAGES
        for line, language, _body, reason in blocks(page)
        if reason is not None
    ]
    assert all(reason and len(reason.split()) >= 3 for _p, _l, reason in reasons), reasons
    assert sum(len(runnable(page)) for page in PAGES) > 50  # each compiles as pasted


@pytest.mark.slow
@pytest.mark.parametrize(
    "page", [p for p in PAGES if runnable(p)], ids=lambda p: str(p.relative_to(ROOT))
)
def test_page_examples_run_as_pasted_in_a_fresh_interpreter(page: Path, tmp_path: Path) -> None:
    """The page's Python blocks, as copied, run in order in a new interpreter."""
    src = Path(defcoop.__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(ROOT / "tests")])}
    env["MPLBACKEND"] = "Agg"
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER],
        input=json.dumps(runnable(page)),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
