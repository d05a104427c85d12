"""Load, query and panels before the layers and now (issue 19): CPU time, as ratios.

Issue 19 turned the flat package into subpackages with a record-type registry and a format
registry; its goal is no slowdown over 5% on loading, querying and panels. This benchmark
times the same work with the code of commit :data:`BASELINE` (the last before the layers)
and with this checkout's, side by side in one run: the old code is taken from git (``git
archive``) into a temporary folder, never into the repository, and each measurement runs in
a fresh interpreter, old and new alternating in both orders, so that the two packages never
meet in one process. Each worker reports CPU time (``time.process_time``), which other work
on a shared machine moves less than wall time, as medians of its repetitions.

- **load**: ``defcoop.load(path)`` of a generated JSON file of agreements and events.
- **query**: a fixed set of combined queries on the loaded dataset, first call included
  (the sorting and postings a query builds are part of its cost), per call.
- **panel**: ``db.dyad_years(years=(1980, 2024), frame=False)`` on a fresh in-memory dataset
  of agreements and events between COW states (``panel.synthetic``, each version's own).

    python benchmarks/layers.py               # 10,000 agreements and events, 7 rounds
    python benchmarks/layers.py --quick       # smoke test
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

BASELINE = "f2a215d"
"""The last commit before the layers (``64f2e1e`` made the subpackages)."""

_WORKER = r"""
import gc, json, statistics, sys, time
source, path, reps, panel_n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sys.path[:0] = [source + "/src", source + "/benchmarks"]
import defcoop
assert defcoop.__file__.startswith(source), defcoop.__file__
import panel

def cpu(call):
    gc.collect()
    start = time.process_time()
    result = call()
    return time.process_time() - start, result

party = json.loads(open(path, encoding="utf-8").read())["countries"][0]["code"]
defcoop.load(path)  # every module imported, bytecode written
loads, queries, panels = [], [], []
for _ in range(reps):
    seconds, db = cpu(lambda: defcoop.load(path))
    loads.append(seconds)
    def ask(db=db):
        found = 0
        for signed in ("1990/2000", "2001/2010", None):
            found += len(db.agreements(field="security", party=party, signed=signed))
            found += len(db.events(party=party, when=signed))
        found += len(db.agreements(party=party))
        return found
    seconds, found = cpu(ask)
    queries.append(seconds / 7)
    del db
    records = panel.synthetic(panel_n, 1980, 2024)
    seconds, grid = cpu(lambda: records.dyad_years(years=(1980, 2024), frame=False))
    panels.append(seconds)
    del records, grid
print(json.dumps({"load": statistics.median(loads), "query": statistics.median(queries),
                  "panel": statistics.median(panels), "found": found}))
"""


def _baseline(folder: Path, repository: Path, commit: str = BASELINE) -> Path:
    """A commit's ``src`` and ``benchmarks`` extracted into ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(repository), "archive", "--format=tar", commit, "src", "benchmarks"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _run(source: Path, path: Path, reps: int, panel_n: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _WORKER, str(source), str(path), str(reps), str(panel_n)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": ""},
    ).stdout
    result: dict[str, float] = json.loads(out)
    return result


def main() -> int:
    """Run the comparison, print a Markdown table; non-zero when the answers differ."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke test: small and fast")
    parser.add_argument("--size", type=int, help="agreements (and as many events)")
    parser.add_argument("--rounds", type=int, help="rounds of old and new, alternating")
    parser.add_argument("--before", default=BASELINE, help="the old commit (default: %(default)s)")
    parser.add_argument("--after", help="a commit for the new code (default: this checkout)")
    args = parser.parse_args()
    size = args.size or (500 if args.quick else 10_000)
    rounds = args.rounds or (1 if args.quick else 7)
    reps, panel_n = (1, 2_000) if args.quick else (3, 20_000)
    here = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder:
        try:
            old = _baseline(Path(folder) / "old", here, args.before)
        except subprocess.CalledProcessError:
            if not args.quick:
                message = f"commit {args.before} is not in this repository's history"
                raise SystemExit(message) from None
            # A shallow clone has no old commit: the smoke test then runs the checkout twice.
            print(f"(commit {args.before} not found: the smoke test compares this checkout)")
            old = here
        new = here if args.after is None else _baseline(Path(folder) / "new", here, args.after)
        path = Path(folder) / "data.json"
        path.write_text(json.dumps(generate.document(size)), "utf-8")
        found: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
        for round_ in range(rounds):
            for which in ("old", "new") if round_ % 2 == 0 else ("new", "old"):
                source = old if which == "old" else new
                found[which].append(_run(source, path, reps, panel_n))
    if {r["found"] for r in found["old"]} != {r["found"] for r in found["new"]}:
        print("FAILED: the two versions' queries found different records", file=sys.stderr)
        return 1
    load = os.getloadavg()
    lines = [
        f"{_dt.date.today()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load[0]:.2f} at the end; "
        f"{size:,} agreements and {size:,} events; panels of {panel_n:,} records; {rounds} "
        f"rounds of {reps}, old and new alternating. CPU seconds, medians.",
        "",
        f"| | before (`{args.before}`) | {args.after or 'now'} | ratio |",
        "|---|---|---|---|",
    ]
    for what in ("load", "query", "panel"):
        before = statistics.median(r[what] for r in found["old"])
        after = statistics.median(r[what] for r in found["new"])
        unit, scale = ("ms", 1e3) if what == "query" else ("s", 1)
        lines.append(
            f"| {what} | {before * scale:.3f} {unit} | {after * scale:.3f} {unit} "
            f"| **{after / before:.3f}×** |"
        )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
