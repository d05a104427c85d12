"""Structuring time per record: the hand-written fast path before, the generated one after.

Until commit ``6d0da04`` the loader's fast path for agreements and events was written by
hand beside the model's validators; it is now generated from the rules declared on the model.
This benchmark times both on the same parsed data, side by side in one run: the old code is
taken from git (``git archive``) into a temporary folder, never copied into the repository,
and each measurement runs in a fresh interpreter (old and new alternating, in both orders),
so that the two ``defcoop`` packages never meet in one process.

Each interpreter parses the file once, then structures every agreement (and event) with a
new ``Structurer`` per pass, as one load does: checks, shared values and all. The figure is
the median pass, per record.

    python benchmarks/structuring.py                   # 1k, 10k, 100k: time per record
    python benchmarks/structuring.py --paused          # the collector paused, as in load()
    python benchmarks/structuring.py --instructions --sizes 1000 10000   # valgrind counts

``--instructions`` counts the machine instructions of a pass with valgrind instead of
timing it: slower, but steady on a machine shared with other work.
"""

from __future__ import annotations

import io
import json
import os
import re
import statistics
import subprocess
import sys
import tarfile
from pathlib import Path

BASELINE = "6d0da04"
"""The last commit with the hand-written fast path."""

_WORKER = r"""
import json, sys, time
source, path, passes = sys.argv[1], sys.argv[2], int(sys.argv[3])
only = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None
if len(sys.argv) > 5 and sys.argv[5] == "paused":  # as load() runs it: no collector passes
    import gc
    gc.disable()
if source:
    sys.path.insert(0, source)
import defcoop
from defcoop import Agreement, Event
try:  # the layout since the layers were folders
    from defcoop.loading.fast._fast import Structurer
except ImportError:  # the baseline commit's flat layout
    from defcoop._fast import Structurer
if source:
    assert defcoop.__file__.startswith(source), defcoop.__file__
document = json.loads(open(path, encoding="utf-8").read())
found = {}
for key, cls in (("agreements", Agreement), ("events", Event)):
    rows = document.get(key)
    if not rows or only not in (None, key):
        continue
    times = []
    for _ in range(passes + 1):  # the first pass warms up (and compiles generated code)
        function = Structurer().function(cls)
        start = time.perf_counter()
        records = list(map(function, rows))
        times.append((time.perf_counter() - start) / len(rows))
        assert len(records) == len(rows)
    found[key] = sorted(times[1:])[len(times[1:]) // 2]
print(json.dumps(found))
"""


def baseline_source(folder: Path, repository: Path) -> Path | str:
    """The baseline's ``src`` extracted into ``folder``, or why it cannot be."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(repository), "archive", "--format=tar", BASELINE, "src/defcoop"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        return f"commit {BASELINE} is not available ({detail.decode(errors='replace').strip()})"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def _run(source: str, path: Path, passes: int, paused: bool) -> dict[str, float]:
    collector = "paused" if paused else "on"
    out = subprocess.run(
        [sys.executable, "-c", _WORKER, source, str(path), str(passes), "", collector],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, float] = json.loads(out)
    return result


def compare(
    path: Path, baseline: Path, *, rounds: int, passes: int, paused: bool = False
) -> dict[str, list[float]]:
    """Median seconds per record, by data-file key, as ``[before, after]``, over ``rounds``.

    Each round runs the baseline and the current code once each, in alternating order. With
    ``paused``, the collector is off in the workers, as :func:`defcoop.load` pauses it while
    structuring (then and now); by default it is on, so its passes over the new records and
    the parsed file are counted too.
    """
    before: dict[str, list[float]] = {}
    after: dict[str, list[float]] = {}
    for round_ in range(rounds):
        order = (str(baseline), "") if round_ % 2 == 0 else ("", str(baseline))
        for source in order:
            for key, seconds in _run(source, path, passes, paused).items():
                (after if source == "" else before).setdefault(key, []).append(seconds)
    return {key: [statistics.median(before[key]), statistics.median(after[key])] for key in after}


_VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]


def instructions(path: Path, source: str, key: str, *, passes: int = 2) -> float:
    """Machine instructions per record of one structuring pass, counted by valgrind.

    Unlike time, the count hardly moves with what else the machine is doing, which makes it
    the steadier comparison on a shared machine (it does not see cache misses). The worker
    runs once with two passes and once with ``2 + passes``; the difference is ``passes`` passes.
    """
    counts = []
    for extra in (1, 1 + passes):
        worker = [sys.executable, "-c", _WORKER, source, str(path), str(extra), key]
        run = subprocess.run(
            [*_VALGRIND, *worker],
            capture_output=True,
            text=True,
            check=True,
            # Every run compiles the modules it imports, so that a first run writing the
            # bytecode cache does not count instructions the second does not.
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        refs = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
        assert refs is not None, run.stderr
        counts.append(int(refs[1].replace(",", "")))
    rows = len(json.loads(path.read_text("utf-8"))[key])
    return (counts[1] - counts[0]) / passes / rows


def main() -> int:
    """Print before, after and their ratio per record, for each size asked."""
    import argparse
    import tempfile

    import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=6, help="fresh-interpreter pairs")
    parser.add_argument("--passes", type=int, default=3, help="passes per interpreter")
    parser.add_argument(
        "--paused",
        action="store_true",
        help="with the garbage collector paused, as load() structures records",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count machine instructions per record with valgrind instead of timing",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        baseline = baseline_source(Path(folder), Path(__file__).resolve().parents[1])
        if isinstance(baseline, str):
            print(f"not measured: {baseline}", file=sys.stderr)
            return 2
        unit = "instructions" if args.instructions else "time"
        print(f"| records | before ({unit}) | after ({unit}) | after / before |")
        print("| --- | --- | --- | --- |")
        for n in args.sizes:
            path = Path(folder) / f"{n}.json"
            path.write_text(json.dumps(generate.document(n, events=True)), "utf-8")
            if args.instructions:
                for key in ("agreements", "events"):
                    before, after = (instructions(path, s, key) for s in (str(baseline), ""))
                    print(f"| {n:,} {key} | {before:,.0f} | {after:,.0f} | {after / before:.2f}× |")
                continue
            found = compare(
                path, baseline, rounds=args.rounds, passes=args.passes, paused=args.paused
            )
            for key, (before, after) in found.items():
                print(
                    f"| {n:,} {key} | {before * 1e6:.2f} µs | {after * 1e6:.2f} µs "
                    f"| {after / before:.2f}× |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
