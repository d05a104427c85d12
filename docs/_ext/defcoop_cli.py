"""The command-line page: every subcommand, its options and real output, made at build time.

The page's file, ``cli.md``, holds the introduction and a marker line; when Sphinx reads
it, the marker is replaced by MyST Markdown rendered from the ``defcoop`` argument parser
itself (each subcommand's usage, description and options) and from real runs of
:func:`defcoop.cli._main.main` on the bundled data (:data:`EXAMPLES`), so the page cannot fall
behind the command. A subcommand without an example, or an example that no longer runs
the way the page expects, is a build warning (an error under ``-W``) that says where to
fix it. Examples run in one scratch folder, in page order, holding :data:`FILES`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shlex
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MARKER = "<!-- cli: generated at build time by docs/_ext/defcoop_cli.py -->"
DOCNAME = "cli"
MAX_LINES = 24  # longer outputs are cut, and the page says how many lines were left out

# Each subcommand's examples: the arguments and the exit status the run must end with.
EXAMPLES: dict[str, list[tuple[list[str], int]]] = {
    "agreements": [
        (["agreements", "--field", "military science"], 0),
        (["agreements", "--party", "Russia"], 0),
    ],
    "events": [
        (["events", "--party", "Russia", "--when", "2018"], 0),
        (["events", "--person", "Shoigu", "--cameo", "04", "--json"], 0),
    ],
    "mechanisms": [(["mechanisms", "--party", "RUS"], 0)],
    "relationships": [(["relationships", "--field", "military science"], 0)],
    "people": [(["people", "--country", "Belarus"], 0)],
    "organizations": [(["organizations", "--country", "VNM"], 0)],
    "transfers": [
        (["transfers", "--data", "my-data/", "--bundled", "--supplier", "Russia"], 0),
        (["transfers", "--data", "my-data/", "--bundled", "--designation", "kilo", "--json"], 0),
    ],
    "timeline": [(["timeline", "--party", "Belarus", "--when", "2018/2019"], 0)],
    "show": [(["show", "vnm-blr-military-science-2018"], 0)],
    "panel": [
        (["panel", "dyad-year", "--years", "2018", "--directed"], 0),
        (["panel", "dyad-year", "--years", "2018", "--years", "2019"], 2),
    ],
    "validate": [
        (["validate", "my-data/", "--bundled"], 0),
        (["validate", "broken.toml", "--bundled"], 1),
    ],
    "export": [
        (["export", "--format", "csv", "--out", "exported/"], 0),
        (["export", "--format", "plover", "--out", "exported/"], 0),
        (["export", "--format", "plover", "--out", "exported/"], 1),
        (["export", "--format", "nonsense", "--out", "exported/"], 2),
    ],
    "import": [(["import", "dcad", "DCAD-v1.0-main.csv", "--out", "dcad-data/"], 0)],
    "cite": [
        (["cite", "vnm-blr-military-science-2018"], 0),
        (["cite", "strengthening-2016", "--style", "csl-json"], 0),
        (["cite", "--dataset"], 0),
        (["cite", "--dataset", "--style", "apa"], 0),
    ],
    "diff": [
        (["diff", "my-data/", "my-data-v2/", "--bundled"], 0),
        (["diff", "my-data/", "my-data-v2/", "--bundled", "--json"], 0),
    ],
    "schema": [(["schema"], 0)],
}

# Errors every command shares, shown once at the end of the page.
ERRORS: list[tuple[list[str], int]] = [
    (["agreements", "--field", "militery science"], 1),
    (["events", "--when", "April 2018"], 2),
    (["evnets"], 2),
]

# The files the examples read, written into their scratch folder first.
FILES = {
    "my-data/arms.toml": """\
[[sources]]
id = "my-arms-report"
title = "A report on arms for Vietnam"
language = "en"
paragraphs = 3

[[transfers]]
id = "rus-vnm-project-636-1-2009"
supplier = "RUS"
recipient = "VNM"
designation = "Project 636.1"
aliases = ["Kilo"]
category = "ships"
quantity = 6
ordered = "2009-12"
deliveries = [{ year = 2013, count = 2 }, { year = 2014, count = 2 }, { year = 2015, count = 2 }]
status = "delivered"
sources = ["my-arms-report#2"]
""",
    "my-data/naval.toml": """\
[[sources]]
id = "my-report"
title = "A report you are curating"
language = "en"
paragraphs = 4

[[events]]
id = "my-naval-visit"
title = "Visit of a Vietnamese naval delegation to Russia"
kind = "visit"
when = "2019-02"
parties = ["VNM", "RUS"]
host = "RUS"
sources = ["my-report#2"]
""",
    # The same file with the visit's month corrected and a second citation: what diff shows.
    "my-data-v2/naval.toml": """\
[[sources]]
id = "my-report"
title = "A report you are curating"
language = "en"
paragraphs = 4

[[events]]
id = "my-naval-visit"
title = "Visit of a Vietnamese naval delegation to Russia"
kind = "visit"
when = "2019-03"
parties = ["VNM", "RUS"]
host = "RUS"
sources = ["my-report#2", "my-report#3"]
""",
    # Two rows in the layout of DCAD's main file, with plainly synthetic values.
    "DCAD-v1.0-main.csv": "ccode1,cowName1,ccode2,cowName2,signDay,signMonth,signYear,"
    "EIFDay,EIFMonth,EIFYear,type,category1,category2,category3,span,renewType,renewYears,"
    "terminated,durationActual,endYearEstimate,asymmetry,categoryConf,UNTS,fullText,"
    "sourceType,source,factivaConf,factivaSign,factivaEIF,DCAid"
    + "\n816,SYNTHETIC,365,SYNTHETIC,,11,1998,,,,general,,,,,,,,,,,,,,,,,,,SYN-1"
    + "\n816,SYNTHETIC,370,SYNTHETIC,15,3,2004,,4,2004,sector,military science,zz-code,"
    + ",,,,,,,,,,,,,,,,SYN-2\n",
    "broken.toml": """\
[[events]]
id = "my-naval-visit"
title = "Visit of a Vietnamese naval delegation to Russia"
kind = "vist"
when = "2019-02"
parties = ["VNM", "RUSS"]
sources = ["pillar-and-highlight#99"]
""",
}


def parser() -> argparse.ArgumentParser:
    """The ``defcoop`` command's argument parser, as :func:`defcoop.cli._main.main` builds it."""
    from defcoop.cli import _main as cli

    build: Any = getattr(cli, "_parser", None)
    if build is None:
        raise RuntimeError(
            "docs/_ext/defcoop_cli.py builds the page from defcoop.cli._main._parser(), which is "
            "gone: make parser() there return the command's ArgumentParser"
        )
    made: argparse.ArgumentParser = build()
    return made


def subcommands(
    top: argparse.ArgumentParser,
) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """Each subcommand's name, one-line help and parser, in the order ``--help`` lists them."""
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            return [(name, helps.get(name, ""), sub) for name, sub in action.choices.items()]
    return []


@contextlib.contextmanager
def _columns(width: int) -> Iterator[None]:
    """argparse wraps help to the terminal's width: fix it, so the page does not vary."""
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


def run(arguments: list[str]) -> tuple[int, str]:
    """Run ``defcoop`` with ``arguments`` in the current folder: its status and its output.

    What the command writes to stdout and stderr is returned together, as a terminal shows it.
    """
    from defcoop.cli._main import main

    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output), _columns(90):
        status = main(arguments)
    return status, output.getvalue()


def _cell(value: str) -> str:
    """A table cell: one line, pipes escaped, options as code (never typeset as dashes).

    >>> _cell("with --data: add | more")
    'with `--data`: add \\\\| more'
    """
    return _OPTION.sub(r"`\1`", " ".join(value.split()).replace("|", "\\|"))


_OPTION = re.compile(r"(?<![\w`])(--?[a-z][\w-]*)")


def _options(sub: argparse.ArgumentParser) -> list[str]:
    lines = ["| option | meaning |", "| --- | --- |"]
    for action in sub._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if action.option_strings:
            name = ", ".join(action.option_strings)
            if action.nargs != 0:
                name += f" {action.metavar or action.dest.upper()}"
        else:
            name = action.metavar or action.dest
        meaning = action.help or ""
        if action.choices is not None:
            meaning += f" (one of: {', '.join(map(str, action.choices))})"
        if action.required and action.option_strings:
            meaning += " (required)"
        lines.append(f"| `{name}` | {_cell(meaning)} |")
    return lines if len(lines) > 2 else ["It takes no options but `--help`."]


def _shown(arguments: list[str], status: int, output: str) -> list[str]:
    lines = output.rstrip("\n").splitlines()
    cut = len(lines) - MAX_LINES
    if cut > 0:
        lines = [*lines[:MAX_LINES], f"[... {cut} more lines]"]
    block = ["```console", f"$ defcoop {shlex.join(arguments)}", *lines]
    if status:
        block += ["$ echo $?", str(status)]
    return [*block, "```", ""]


def render() -> tuple[str, list[str]]:
    """The page's generated part as MyST Markdown, and the problems found making it."""
    problems: list[str] = []
    top = parser()
    with _columns(90):
        lines = ["## Commands", "", "```text", top.format_help().rstrip(), "```", ""]
    with tempfile.TemporaryDirectory() as scratch, contextlib.chdir(scratch):
        for name, content in FILES.items():
            Path(name).parent.mkdir(parents=True, exist_ok=True)
            Path(name).write_text(content, encoding="utf-8")
        for name, summary, sub in subcommands(top):
            lines += _command(name, summary, sub, problems)
        lines += ["## Errors and exit status", "", *exit_statuses(), ""]
        lines += ["Some of them, as every command shows them:", ""]
        for arguments, expected in ERRORS:
            lines += _example(arguments, expected, problems)
    return "\n".join(lines), problems


def exit_statuses() -> list[str]:
    """The exit statuses as a table, from their one declaration,
    :data:`defcoop.cli._exits.EXITS`: the first row whose class matches an error decides."""
    from defcoop.cli import _exits

    lines = [
        "Every command prints errors on stderr and ends with the status the first row below "
        "that matches the error gives (a row's class includes its subclasses). The table is "
        "made from the command's own declaration, `defcoop.cli._exits.EXITS`.",
        "",
        "| status | error | meaning |",
        "| --- | --- | --- |",
        f"| {_exits.OK} | | success |",
    ]
    for declared in _exits.EXITS:
        lines.append(
            f"| {declared.status} | `{declared.error.__name__}` | "
            f"{declared.meaning.replace('|', chr(92) + '|')} |"
        )
    return lines


def _command(
    name: str, summary: str, sub: argparse.ArgumentParser, problems: list[str]
) -> list[str]:
    with _columns(90):
        usage = sub.format_usage().rstrip()
    lines = [f"(cli-{name})=", f"### `defcoop {name}`", "", f"{sub.description or summary}", ""]
    lines += ["```text", usage, "```", "", *_options(sub), ""]
    examples = EXAMPLES.get(name, [])
    if not examples:
        problems.append(
            f"the command 'defcoop {name}' has no example: add one to EXAMPLES in "
            "docs/_ext/defcoop_cli.py"
        )
    for arguments, expected in examples:
        for argument in arguments:
            lines += _files(argument)
        lines += _example(arguments, expected, problems)
    return lines


def _files(argument: str) -> list[str]:
    """The files of :data:`FILES` an argument names (a file, or a folder holding them)."""
    folder = argument.rstrip("/") + "/"
    lines = []
    for name, content in FILES.items():
        if name == argument or name.startswith(folder):
            language = "text" if name.endswith(".csv") else "toml"
            lines += [f"where `{name}` holds:", "", f"```{language}", content.rstrip(), "```", ""]
    return lines


def _example(arguments: list[str], expected: int, problems: list[str]) -> list[str]:
    status, output = run(arguments)
    if status != expected:
        problems.append(
            f"'defcoop {shlex.join(arguments)}' ended with status {status}, not {expected}; "
            f"its output:\n{output}\nfix the example in docs/_ext/defcoop_cli.py"
        )
    return _shown(arguments, status, output)


def _fill(_app: Sphinx, docname: str, source: list[str]) -> None:
    from sphinx.util import logging

    if docname != DOCNAME:
        return
    logger = logging.getLogger(__name__)
    if MARKER not in source[0]:
        logger.warning(
            "the command-line page needs the marker line %s",
            MARKER,
            location=docname,
            type="defcoop",
            subtype="cli",
        )
        return
    page, problems = render()
    for problem in problems:
        logger.warning(problem, location=docname, type="defcoop", subtype="cli")
    source[0] = source[0].replace(MARKER, page)


def _always_outdated(*_args: Any) -> list[str]:
    # The page depends on the command and the data, which Sphinx does not watch.
    return [DOCNAME]


def setup(app: Sphinx) -> dict[str, Any]:
    """Fill in the command-line page whenever Sphinx reads it."""
    app.connect("source-read", _fill)
    app.connect("env-get-outdated", _always_outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
