"""A user's large JSON file: `defcoop.load(path)` against `json.loads`, and where the time goes.

Usage:
    python benchmarks/jsonload.py            # 100,000 agreements, prints a Markdown report
    python benchmarks/jsonload.py --quick    # smoke test (CI): 2,000 agreements, few rounds

The file comes from `benchmarks/generate.py` (agreements only, with the reference records
they cite). Each measurement runs in a fresh interpreter, `load(path)` and `json.loads(text)`
alternating (the text read before the clock starts, the collector on for `json.loads` as by
default, and the modules a first load imports imported before it starts too); the figures
are medians of wall and CPU time. Then one more interpreter profiles a load with cProfile
and reports the functions with the most time of their own, and the memory the loaded
dataset holds per agreement (tracemalloc). Exit status 1 if a load disagrees with the file
(another number of records).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

_TIMED = """
import gc, json, sys, time
path, which = sys.argv[1], sys.argv[2]
import defcoop, defcoop.dataset, defcoop.loading
# What a first load(path) imports (the parsers, the fast path, the checks), before the clock.
import defcoop.loading._parse, defcoop.loading._reading, defcoop.model._validation
text = open(path, encoding="utf-8").read() if which == "json" else None
gc.collect()
wall, cpu = time.perf_counter(), time.process_time()
result = json.loads(text) if which == "json" else defcoop.load(path)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(wall, cpu, len(result["agreements"]) if which == "json" else len(result.agreements()))
"""
_PROFILE = """
import cProfile, io, pstats, sys, tracemalloc
import defcoop, defcoop.dataset, defcoop.loading
import defcoop.loading._parse, defcoop.loading._reading, defcoop.model._validation
path, top = sys.argv[1], int(sys.argv[2])
profile = cProfile.Profile()
profile.enable()
db = defcoop.load(path)
profile.disable()
stream = io.StringIO()
stats = pstats.Stats(profile, stream=stream)
total = stats.total_tt
rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:top]
for (file, line, name), (_, calls, own, cumulative, _) in rows:
    where = file.split("site-packages/")[-1].split("/src/")[-1]
    print(f"{own / total * 100:.1f}\\t{own:.3f}\\t{calls}\\t{where}:{line}({name})")
del db
defcoop.clear_cache()
tracemalloc.start()
db = defcoop.load(path)
print("memory", tracemalloc.get_traced_memory()[0] / len(db.agreements()))
"""


def main() -> int:
    """Generate the file, time both, profile a load, print the report."""
    import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke test: small and fast")
    parser.add_argument("--size", type=int, help="number of agreements")
    parser.add_argument("--rounds", type=int, help="fresh-interpreter pairs")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    size = args.size or (2000 if args.quick else 100_000)
    rounds = args.rounds or (2 if args.quick else 9)
    with tempfile.TemporaryDirectory(prefix="defcoop-jsonload-") as folder:
        path = Path(folder) / "agreements.json"
        path.write_text(json.dumps(generate.document(size, events=False)), "utf-8")
        megabytes = path.stat().st_size / 1e6
        runs: dict[str, list[tuple[float, float]]] = {"json": [], "load": []}
        counts: set[int] = set()
        for round_ in range(rounds):
            for which in ("json", "load") if round_ % 2 == 0 else ("load", "json"):
                wall, cpu, count = _run(_TIMED, str(path), which).split()
                runs[which].append((float(wall), float(cpu)))
                counts.add(int(count))
        profile = _run(_PROFILE, str(path), "12").splitlines()
    report = _report(args.quick, size, megabytes, rounds, runs, profile)
    print(report)
    if args.output:
        args.output.write_text(report, "utf-8")
    if counts != {size}:
        print(f"FAILED: expected {size} agreements, got {sorted(counts)}", file=sys.stderr)
        return 1
    return 0


def _run(code: str, *argv: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def _report(
    quick: bool,
    size: int,
    megabytes: float,
    rounds: int,
    runs: dict[str, list[tuple[float, float]]],
    profile: list[str],
) -> str:
    median = {
        which: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for which, got in runs.items()
    }
    (json_wall, json_cpu), (load_wall, load_cpu) = median["json"], median["load"]
    lines = [
        f"## {size:,} agreements from JSON: `load(path)` against `json.loads`",
        "",
        f"- date: {_dt.datetime.now(_dt.UTC):%Y-%m-%d %H:%M} UTC; machine: {os.cpu_count()} "
        f"cores (`nproc`), {_cpu_model()}; Python {platform.python_version()}",
        f"- command: `python benchmarks/jsonload.py{' --quick' if quick else ''}`",
        f"- file: {megabytes:.1f} MB; medians of {rounds} fresh interpreters each, alternating",
        "",
        "| | wall | CPU |",
        "| --- | --- | --- |",
        f"| `json.loads(text)` | {json_wall * 1000:.0f} ms | {json_cpu * 1000:.0f} ms |",
        f"| `defcoop.load(path)` | {load_wall * 1000:.0f} ms | {load_cpu * 1000:.0f} ms |",
        f"| load / json.loads (goal ≤ 1.0×) | **{load_wall / json_wall:.2f}×** "
        f"| **{load_cpu / json_cpu:.2f}×** |",
        "",
        "Where a load's time goes (cProfile, one load; the functions with the most time of "
        "their own; the profiler's overhead inflates the many small calls):",
        "",
        "| share of the load | own time | calls | function |",
        "| --- | --- | --- | --- |",
    ]
    memory = ""
    for row in profile:
        if row.startswith("memory"):
            memory = row.split()[1]
            continue
        share, own, calls, function = row.split("\t")
        lines.append(f"| {share}% | {float(own) * 1000:.0f} ms | {calls} | `{function}` |")
    lines += ["", f"Memory after the load: **{float(memory):.0f} B per agreement** (tracemalloc)."]
    return "\n".join(lines) + "\n"


def _cpu_model() -> str:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    for line in lscpu.splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


if __name__ == "__main__":
    sys.exit(main())
