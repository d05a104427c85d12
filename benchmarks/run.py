"""defcoop's benchmarks: each comparison measured side by side in one run, reported as a ratio.

Machines are noisy, so every figure that has a goal is a ratio between two things timed in
the same run, interleaved, as medians over many repetitions. ``--quick`` is the smoke test CI
runs: small data, few repetitions, and a non-zero exit if any method disagrees with another
or anything fails. Nothing here asserts on speed.

    python benchmarks/run.py             # the full run: 1k, 10k and 100k agreements
    python benchmarks/run.py --quick     # smoke test
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import defcoop
import generate
import queries
import structuring
from report import GOAL_SIZE, ms, table, us, verdict


def main() -> int:
    """Run every benchmark, print the report; non-zero when methods disagree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke test: small and fast")
    parser.add_argument("--sizes", type=int, nargs="*", help="numbers of agreements")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    quick = args.quick
    sizes = args.sizes or ([1000] if quick else [1000, 10_000, 100_000])
    try:
        import pandas  # noqa: F401
    except ImportError:
        print('pandas is needed: pip install -e ".[bench]"', file=sys.stderr)
        return 2
    report: list[str] = [_environment(quick)]
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        report.append(_imports(reps=3 if quick else 40))
        files = {n: _write(Path(folder), n) for n in sizes}
        report.append(_loads(files, reps=2 if quick else 7))
        report.append(_structuring(files, quick))
        report.append(_memory(files[max(sizes)], max(sizes)))
        combined, scaling = queries.queries(files, quick, failures)
        report += [combined, scaling]
    text = "\n\n".join(report) + "\n"
    print(text)
    if args.output:
        args.output.write_text(text, "utf-8")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


# Environment -------------------------------------------------------------------------------


def _environment(quick: bool) -> str:
    model = platform.processor() or "unknown"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    command = "python benchmarks/run.py" + (" --quick" if quick else "")
    return "\n".join(
        [
            "## Machine and run",
            "",
            f"- date: {_dt.datetime.now(_dt.UTC):%Y-%m-%d %H:%M} UTC",
            f"- machine: {os.cpu_count()} cores (`nproc`), {model} (`lscpu` model name)",
            f"- Python {platform.python_version()} ({platform.python_implementation()}), "
            f"defcoop {defcoop.__version__}, {platform.system()} {platform.release()}",
            f"- command: `{command}`",
        ]
    )


# Import ------------------------------------------------------------------------------------

_PROBE = """
import sys, time
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
start = time.perf_counter()
{statement}
elapsed = time.perf_counter() - start
heavy = sorted(m for m in ("cattrs", "pandas", "networkx", "hypothesis", "json", "tomllib")
               if m in sys.modules)
data = [p for p in opened if "defcoop" in p and p.endswith((".toml", ".json"))]
print(elapsed, ",".join(heavy), len(data))
"""

_STATEMENTS = {
    "import attrs": "import attrs",
    "import attrs, cattrs": "import attrs, cattrs",
    "import defcoop": "import defcoop",
    "import defcoop; defcoop.Dataset": "import defcoop; defcoop.Dataset",
    "import defcoop; defcoop.load()": "import defcoop; defcoop.load()",
}


def _imports(reps: int) -> str:
    """Each statement in a fresh interpreter, timed inside it (start-up excluded)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[float]] = {name: [] for name in _STATEMENTS}
    probes: dict[str, tuple[str, int]] = {}

    def run(statement: str) -> tuple[float, str, int]:
        code = _PROBE.format(statement=statement)
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        ).stdout.split(" ")
        return float(out[0]), out[1], int(out[2])

    for statement in _STATEMENTS.values():  # once first, so that bytecode is cached
        run(statement)
    for _ in range(reps):
        for name, statement in _STATEMENTS.items():
            elapsed, heavy, data = run(statement)
            times[name].append(elapsed)
            probes[name] = (heavy, data)
    median = {name: statistics.median(values) for name, values in times.items()}
    rows = []
    for name in _STATEMENTS:
        heavy, data = probes[name]
        rows.append([f"`{name}`", ms(median[name]), heavy or "none", str(data)])
    bare = median["import defcoop"] / median["import attrs"]
    named = median["import defcoop; defcoop.Dataset"] / median["import attrs"]
    first = median["import defcoop; defcoop.load()"] / median["import attrs, cattrs"]
    notes = "\n".join(
        [
            f"- `import defcoop` / `import attrs`: **{bare:.2f}×** "
            f"(goal {verdict(bare, 1.3)}); with a public name used "
            f"(`defcoop.Dataset`, which imports the model): {named:.2f}×",
            f"- `import defcoop` + first `defcoop.load()` / `import attrs, cattrs`: "
            f"**{first:.2f}×** (goal {verdict(first, 1.5)})",
            f"- medians of {reps} fresh interpreters per statement, interleaved; the time is "
            "measured inside each interpreter, so start-up is not counted.",
        ]
    )
    header = ["statement", "median", "heavy modules imported", "data files read"]
    return table("Import", header, rows, notes)


# Loading -----------------------------------------------------------------------------------


def _write(folder: Path, n: int) -> dict[str, Path]:
    files = {}
    for label, events in (("agreements", False), ("agreements+events", True)):
        path = folder / f"{label}-{n}.json"
        path.write_text(json.dumps(generate.document(n, events=events)), "utf-8")
        files[label] = path
    return files


_PARTY = generate.document(1, events=False)["countries"][0]["code"]


def _loads(files: dict[int, dict[str, Path]], reps: int) -> str:
    """defcoop.load(path) against json.loads of the same file's text, alternately."""
    rows = []
    for n, paths in files.items():
        for label, path in paths.items():
            text = path.read_text("utf-8")
            defcoop.load(path)  # warm: every module imported
            loads, parses, firsts = [], [], []
            for rep in range(reps):
                for which in (0, 1) if rep % 2 else (1, 0):
                    gc.collect()
                    start = time.perf_counter()
                    result: Any = json.loads(text) if which else defcoop.load(path)
                    elapsed = time.perf_counter() - start
                    (parses if which else loads).append(elapsed)
                    if not which:  # then the first query: sorting and its posting
                        result.agreements(field="security", party=_PARTY, signed="1990/2000")
                        firsts.append(time.perf_counter() - start)
                    del result
            ratio = statistics.median(loads) / statistics.median(parses)
            first = statistics.median(firsts) / statistics.median(parses)
            goal = verdict(ratio, 1.0) if (label, n) == ("agreements", GOAL_SIZE) else ""
            rows.append(
                [
                    f"{n:,} {label}",
                    f"{path.stat().st_size / 1e6:.1f} MB",
                    ms(statistics.median(parses)),
                    ms(statistics.median(loads)),
                    f"**{ratio:.2f}×** {goal}".strip(),
                    f"{ms(statistics.median(firsts))}: {first:.2f}×",
                ]
            )
    header = [
        "data",
        "JSON",
        "`json.loads(text)`",
        "`defcoop.load(path)`",
        "load / json.loads",
        "load and a first combined query",
    ]
    notes = (
        f"Medians of {reps} runs each, alternating. `defcoop.load` reads and decodes the file, "
        "parses it, structures and checks every record and indexes them by id; `json.loads` is "
        "given the text already read, with the garbage collector on, as it is by default. "
        "Putting records in date order and the postings of a combination of filters are built "
        "by the first query that needs them: the last column is a load followed by one "
        "combined query (field, party and signing period), and its ratio to `json.loads`. "
        "Between runs, a full collection (not timed) clears what the previous run left."
    )
    return table("Loading from JSON", header, rows, notes)


def _structuring(files: dict[int, dict[str, Path]], quick: bool) -> str:
    """Per record: the hand-written fast path of the baseline commit against the generated one."""
    title = "Structuring: hand-written fast path (before) and generated (after)"
    with tempfile.TemporaryDirectory() as folder:
        baseline = structuring.baseline_source(Path(folder), Path(__file__).resolve().parents[1])
        if isinstance(baseline, str):
            return table(title, ["note"], [[f"not measured: {baseline}"]])
        rows = []
        rounds, passes = (2, 1) if quick else (6, 3)
        for n, paths in files.items():
            found = structuring.compare(
                paths["agreements+events"], baseline, rounds=rounds, passes=passes
            )
            for key, (before, after) in found.items():
                ratio = after / before
                rows.append(
                    [
                        f"{n:,} {key}",
                        us(before),
                        us(after),
                        f"**{ratio:.2f}×** {verdict(ratio, 1.0)}",
                    ]
                )
    header = ["records", f"before ({structuring.BASELINE})", "after (generated)", "after / before"]
    notes = (
        f"Each round runs the baseline commit's code (`git archive {structuring.BASELINE}`, in a "
        "temporary folder) and the current code in fresh interpreters, alternating which goes "
        f"first; {rounds} rounds, each the median of {passes} passes after a warm-up pass. A "
        "pass structures every record of the parsed file with a new `Structurer`, as one load "
        "does (checks, shared values). The goal: the generated path at least as fast (≤ 1×)."
    )
    return table(title, header, rows, notes)


def _memory(paths: dict[str, Path], n: int) -> str:
    path = paths["agreements"]
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    db = defcoop.load(path)
    gc.collect()
    loaded = tracemalloc.get_traced_memory()[0] - before
    for query in queries.pick(db, n, random.Random(1), 5, 0.001, 0.01):
        query.run_defcoop(db)
    queried = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    rows = [
        [f"{n:,} agreements, loaded", f"{loaded / 1e6:.1f} MB", f"**{loaded / n:.0f} B**"],
        [
            "… and after the combined query built its posting",
            f"{queried / 1e6:.1f} MB",
            f"{queried / n:.0f} B",
        ],
    ]
    goal = ""
    if n == GOAL_SIZE:
        goal = f" Goal: at most 800 B per agreement, {'met' if loaded / n <= 800 else 'missed'}."
    notes = (
        "Measured with tracemalloc: everything still allocated after the load (records, "
        "shared values, ids, indexes and the dataset around them) divided by the number of "
        "agreements; the reference records (150 countries, 20 fields, 300 organizations, 500 "
        "people, 100 sources) are included." + goal
    )
    return table("Memory", ["data", "traced", "per agreement"], rows, notes)


if __name__ == "__main__":
    sys.exit(main())
