"""Start-up: `import defcoop` and the first `load()`, against `import attrs, cattrs`.

Usage:
    python benchmarks/startup.py            # full run, prints a Markdown report
    python benchmarks/startup.py --quick    # smoke test (CI): small, few rounds, no valgrind

Every figure comes from fresh interpreters running against wheels built by the normal build
(`python -m build --wheel`, so with the snapshot the build hook compiles) and unpacked as pip
installs them, with their bytecode compiled beforehand and one first run that writes the
cache of attrs' compiled methods (cached bytecode, as after a first run). Four installs are
compared side by side in one run: today's bundled data and a generated bundled data set ten
times its size, each with its snapshot and without it (the snapshot file removed: the TOML
files are parsed, as before the snapshot).

Two measures, because the machine may be shared:

- time: each statement in a fresh interpreter, timed inside it (interpreter start-up not
  counted), wall clock and CPU time, rounds interleaved across the installs; medians;
- instructions (unless --quick or --no-valgrind): the machine instructions of the statement
  counted by valgrind (the count of the same interpreter running `pass` subtracted), which
  other work on the machine hardly moves.

Also: the memory the first load leaves allocated, per record (tracemalloc), with and without
the snapshot. Exit status 1 if any install gives other answers than the others.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as _dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = "defcoop/data/_snapshot.pickle"
BASELINE = "import attrs, cattrs"
FIRST_LOAD = "import defcoop; db = defcoop.load()"
# What a run prints besides its timing: the answer, so that installs can be compared.
_TIMED = """
import sys, time, warnings
warnings.simplefilter("ignore")
wall, cpu = time.perf_counter(), time.process_time()
exec(sys.argv[1])
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
answer = ""
if "db" in globals():
    from defcoop.loading import _loader
    served = "by_id" in _loader._cache
    answer = f"{len(db)} records, served={served}, {sorted(r.id for r in db.agreements())[:3]}"
print(wall, cpu, answer, sep="\\t")
"""
_MEMORY = """
import tracemalloc, warnings
warnings.simplefilter("ignore")
import defcoop, defcoop.dataset, defcoop.loading, pickle, _blake2
tracemalloc.start()
db = defcoop.load()
print(tracemalloc.get_traced_memory()[0] / len(db), len(db))
"""
_VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]


def main() -> int:
    """Build and install the wheels, run the comparisons, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke test: small and fast")
    parser.add_argument("--rounds", type=int, help="fresh interpreters per statement and install")
    parser.add_argument("--no-valgrind", action="store_true", help="time only")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    rounds = args.rounds or (3 if args.quick else 31)
    count = not (args.quick or args.no_valgrind) and shutil.which("valgrind") is not None
    with tempfile.TemporaryDirectory(prefix="defcoop-startup-") as folder:
        work = Path(folder)
        today = _records_in(ROOT / "src/defcoop/data")
        scale = 2 if args.quick else 10
        installs = {
            "today's data": _install(ROOT, work / "today"),
            f"{scale}× generated": _install(_generated_tree(work, today * scale), work / "big"),
        }
        for name in list(installs):
            installs[f"{name}, no snapshot"] = _without_snapshot(installs[name])
        times, answers = _times(installs, rounds)
        counts = _instructions(installs) if count else {}
        memory = {name: _memory(site) for name, site in installs.items()}
    report = _report(args.quick, rounds, today, scale, times, counts, memory)
    print(report)
    if args.output:
        args.output.write_text(report, "utf-8")
    failures = _disagreements(answers)
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


# Installs ----------------------------------------------------------------------------------


def _install(tree: Path, target: Path) -> Path:
    """Build the tree's wheel as `python -m build --wheel` does, unpack it, compile it."""
    dist = target / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(tree)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("defcoop-*.whl")
    site = target / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
        assert SNAPSHOT in archive.namelist(), f"{wheel.name} has no snapshot"
    compileall.compile_dir(site / "defcoop", quiet=1)
    # A first run, as after installing: it writes the cache of attrs' compiled methods
    # (defcoop/model/__pycache__, as Python writes bytecode), which every later run reads.
    _run(site, "import defcoop.model")
    assert any((site / "defcoop" / "model" / "__pycache__").glob("_attrs_methods.*"))
    return site


def _without_snapshot(site: Path) -> Path:
    copy = site.parent / "site-without-snapshot"
    shutil.copytree(site, copy)
    (copy / SNAPSHOT).unlink()
    return copy


def _records_in(data: Path) -> int:
    """How many records the bundled data holds (read as a user's folder, from the checkout)."""
    sys.path.insert(0, str(ROOT / "src"))
    import defcoop

    return len(defcoop.load(data))


def _generated_tree(work: Path, records: int) -> Path:
    """A copy of the checkout whose bundled data is a generated data set of about ``records``.

    Written as TOML, one file per kind of record, as the bundled data is.
    """
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    tree = work / "tree"
    tree.mkdir()
    for name in (
        "pyproject.toml",
        "hatch_build.py",
        "README.md",
        "LICENSE",
        "LICENSE-DATA.md",
        "CITATION.cff",
    ):
        shutil.copy2(ROOT / name, tree / name)
    shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__"))
    data = tree / "src/defcoop/data"
    for old in data.iterdir():
        old.unlink()
    fixed = 150 + 20 + 300 + 500 + generate.SOURCES  # countries, fields, organizations...
    document = generate.document(max(1, (records - fixed) // 2))
    (data / "dataset.toml").write_text(_toml({"dataset": document.pop("dataset")}), "utf-8")
    for key, rows in document.items():
        (data / f"{key}.toml").write_text(_toml({key: rows}), "utf-8")
    return tree


def _toml(document: dict[str, Any]) -> str:
    """A generated document as TOML: arrays of tables, inline tables inside them."""
    lines: list[str] = []
    for key, value in document.items():
        rows = value if isinstance(value, list) else [value]
        for row in rows:
            lines.append(f"[[{key}]]" if isinstance(value, list) else f"[{key}]")
            lines += [f"{k} = {_value(v)}" for k, v in row.items()]
            lines.append("")
    return "\n".join(lines)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(map(_value, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML for {type(value).__name__}")


# Measures ----------------------------------------------------------------------------------


def _run(site: Path | None, code: str, *argv: str, prefix: tuple[str, ...] = ()) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run(
        [*prefix, sys.executable, "-c", code, *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),
    )


def _times(
    installs: dict[str, Path], rounds: int
) -> tuple[dict[str, tuple[float, float]], dict[str, set[str]]]:
    """Median (wall, CPU) seconds per statement and install, rounds interleaved."""
    runs: dict[str, list[tuple[float, float]]] = {}
    answers: dict[str, set[str]] = {}
    cases = [(BASELINE, None, BASELINE)] + [
        (f"{FIRST_LOAD}: {name}", site, FIRST_LOAD) for name, site in installs.items()
    ]
    for _ in range(rounds):
        for label, site, statement in cases:
            wall, cpu, answer = _run(site, _TIMED, statement).stdout.rstrip("\n").split("\t")
            runs.setdefault(label, []).append((float(wall), float(cpu)))
            if answer:
                answers.setdefault(label, set()).add(answer)
    medians = {
        label: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for label, got in runs.items()
    }
    return medians, answers


def _instructions(installs: dict[str, Path]) -> dict[str, int]:
    """Machine instructions of each statement (the interpreter's own start-up subtracted)."""

    def count(site: Path | None, statement: str) -> int:
        code = f"import warnings; warnings.simplefilter('ignore'); {statement}"
        refs = re.search(r"I\s+refs:\s+([\d,]+)", _run(site, code, prefix=tuple(_VALGRIND)).stderr)
        assert refs is not None
        return int(refs[1].replace(",", ""))

    empty = count(None, "pass")
    counts = {BASELINE: count(None, BASELINE) - empty}
    for name, site in installs.items():
        counts[f"{FIRST_LOAD}: {name}"] = count(site, FIRST_LOAD) - empty
    return counts


def _memory(site: Path) -> tuple[float, int]:
    per_record, records = _run(site, _MEMORY).stdout.split()
    return float(per_record), int(records)


def _disagreements(answers: dict[str, set[str]]) -> list[str]:
    """Installs of the same data must give the same answer, the snapshot served or not."""
    failures = []
    for label, got in answers.items():
        if len(got) != 1:
            failures.append(f"{label}: answers differ between runs: {sorted(got)}")
        if label.endswith("no snapshot"):
            other = answers.get(label.removesuffix(", no snapshot"), set())
            strip = {a.replace("served=True", "served=False") for a in other}
            if strip != got:
                failures.append(f"{label}: {sorted(got)}, with the snapshot {sorted(other)}")
        elif not all("served=True" in a for a in got):
            failures.append(f"{label}: the snapshot was not served")
    return failures


def _goals(times: dict[str, tuple[float, float]], counts: dict[str, int], scale: int) -> list[str]:
    """The issue's goals, by CPU time and (where counted) by instructions."""

    def ratio(top: str, bottom: str) -> str:
        cpu = times[top][1] / times[bottom][1]
        text = f"{cpu:.2f}× by CPU time"
        if top in counts and bottom in counts:
            text += f", {counts[top] / counts[bottom]:.2f}× by instructions"
        return text

    today = f"{FIRST_LOAD}: today's data"
    big = f"{FIRST_LOAD}: {scale}× generated"
    return [
        f"- first load / `{BASELINE}` (goal ≤ 1.2×): {ratio(today, BASELINE)}",
        f"- the {scale}× data's first load / today's (goal ≤ 1.5× for 10×): {ratio(big, today)}",
        f"- without the snapshot / with it: today's data {ratio(today + ', no snapshot', today)};"
        f" {scale}× generated {ratio(big + ', no snapshot', big)}",
    ]


# Report ------------------------------------------------------------------------------------


def _machine() -> str:
    model = platform.processor() or "unknown"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return f"{os.cpu_count()} cores (`nproc`), {model} (`lscpu` model name)"


def _report(
    quick: bool,
    rounds: int,
    today: int,
    scale: int,
    times: dict[str, tuple[float, float]],
    counts: dict[str, int],
    memory: dict[str, tuple[float, int]],
) -> str:
    base_wall, base_cpu = times[BASELINE]
    lines = [
        "## Start-up: import and first load()",
        "",
        f"- date: {_dt.datetime.now(_dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {_machine()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"- command: `python benchmarks/startup.py{' --quick' if quick else ''}`",
        f"- today's bundled data: {today} records; generated: about {scale}× as many",
        "",
        "| statement: install | records | wall (median) | CPU (median) | CPU ratio "
        "| instructions | instructions ratio |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    base_count = counts.get(BASELINE)
    for label, (wall, cpu) in times.items():
        install = label.split(": ", 1)[1] if ": " in label else ""
        records = str(memory[install][1]) if install else ""
        count = counts.get(label)
        lines.append(
            f"| `{label.split(': ')[0]}`{': ' + install if install else ''} | {records} "
            f"| {wall * 1000:.1f} ms | {cpu * 1000:.1f} ms | **{cpu / base_cpu:.2f}×** "
            f"| {f'{count / 1e6:.0f} M' if count else 'not counted'} "
            f"| {f'**{count / base_count:.2f}×**' if count and base_count else ''} |"
        )
    lines += ["", *_goals(times, counts, scale)]
    lines += [
        "",
        f"Medians of {rounds} fresh interpreters per row, interleaved; wall {base_wall * 1000:.1f}"
        " ms for the baseline. Ratios are to `import attrs, cattrs`.",
        "",
        "| install | bytes per record after the first load (tracemalloc) |",
        "| --- | --- |",
    ]
    lines += [f"| {name} | {per:.0f} B |" for name, (per, _) in memory.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
