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
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import defcoop
import generate
import structuring

Row = list[str]
GOAL_SIZE = 100_000
"""The size the goals for loading, memory and queries are set at."""


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
        queries, scaling = _queries(files, quick, failures)
        report += [queries, scaling]
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


def _table(title: str, header: Row, rows: Sequence[Row], notes: str = "") -> str:
    lines = [f"## {title}", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    if notes:
        lines += ["", notes]
    return "\n".join(lines)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:.1f} µs"


def _verdict(ratio: float, goal: float, *, at_most: bool = True) -> str:
    met = ratio <= goal if at_most else ratio >= goal
    return f"{'≤' if at_most else '≥'} {goal:g}× {'met' if met else 'missed'}"


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
        rows.append([f"`{name}`", _ms(median[name]), heavy or "none", str(data)])
    bare = median["import defcoop"] / median["import attrs"]
    named = median["import defcoop; defcoop.Dataset"] / median["import attrs"]
    first = median["import defcoop; defcoop.load()"] / median["import attrs, cattrs"]
    notes = "\n".join(
        [
            f"- `import defcoop` / `import attrs`: **{bare:.2f}×** "
            f"(goal {_verdict(bare, 1.3)}); with a public name used "
            f"(`defcoop.Dataset`, which imports the model): {named:.2f}×",
            f"- `import defcoop` + first `defcoop.load()` / `import attrs, cattrs`: "
            f"**{first:.2f}×** (goal {_verdict(first, 1.5)})",
            f"- medians of {reps} fresh interpreters per statement, interleaved; the time is "
            "measured inside each interpreter, so start-up is not counted.",
        ]
    )
    header = ["statement", "median", "heavy modules imported", "data files read"]
    return _table("Import", header, rows, notes)


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
            goal = _verdict(ratio, 1.0) if (label, n) == ("agreements", GOAL_SIZE) else ""
            rows.append(
                [
                    f"{n:,} {label}",
                    f"{path.stat().st_size / 1e6:.1f} MB",
                    _ms(statistics.median(parses)),
                    _ms(statistics.median(loads)),
                    f"**{ratio:.2f}×** {goal}".strip(),
                    f"{_ms(statistics.median(firsts))}: {first:.2f}×",
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
    return _table("Loading from JSON", header, rows, notes)


def _structuring(files: dict[int, dict[str, Path]], quick: bool) -> str:
    """Per record: the hand-written fast path of the baseline commit against the generated one."""
    title = "Structuring: hand-written fast path (before) and generated (after)"
    with tempfile.TemporaryDirectory() as folder:
        baseline = structuring.baseline_source(Path(folder), Path(__file__).resolve().parents[1])
        if isinstance(baseline, str):
            return _table(title, ["note"], [[f"not measured: {baseline}"]])
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
                        _us(before),
                        _us(after),
                        f"**{ratio:.2f}×** {_verdict(ratio, 1.0)}",
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
    return _table(title, header, rows, notes)


def _memory(paths: dict[str, Path], n: int) -> str:
    path = paths["agreements"]
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    db = defcoop.load(path)
    gc.collect()
    loaded = tracemalloc.get_traced_memory()[0] - before
    for query in _pick(db, n, random.Random(1), 5, 0.001, 0.01):
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
    return _table("Memory", ["data", "traced", "per agreement"], rows, notes)


# Queries -----------------------------------------------------------------------------------


class _Query:
    """One combined query (field, party, signing period) in every method's terms."""

    def __init__(self, db: defcoop.Dataset, field: str, party: str, since: int, until: int):
        self.field, self.party, self.text = field, party, f"{since}/{until}"
        period = defcoop.Period.parse(self.text)
        self.period = period
        self.first, self.last = period.earliest.toordinal(), period.latest.toordinal()
        self.below = db.narrower(field)
        self.answer = [a.id for a in self.run_defcoop(db)]

    def run_defcoop(self, db: defcoop.Dataset) -> tuple[defcoop.Agreement, ...]:
        return db.agreements(field=self.field, party=self.party, signed=self.text)

    def run_scan(self, records: Sequence[defcoop.Agreement]) -> list[defcoop.Agreement]:
        party, below, period = self.party, self.below, self.period
        return [
            a
            for a in records
            if party in a.parties
            and not below.isdisjoint(a.fields)
            and a.signed is not None
            and period.contains(a.signed)
        ]

    def run_pandas(self, frame: Any) -> Any:
        mask = (
            frame[f"f:{self.field}"]
            & frame[f"p:{self.party}"]
            & (frame["earliest"] >= self.first)
            & (frame["latest"] <= self.last)
        )
        return frame[mask]

    def run_sqlite(self, connection: sqlite3.Connection) -> list[tuple[str]]:
        return connection.execute(_SQL, (self.party, self.field, self.first, self.last)).fetchall()


_SQL = """
SELECT a.id FROM party p
JOIN field f ON f.pos = p.pos AND f.field = ?2
JOIN agreement a ON a.pos = p.pos
WHERE p.party = ?1 AND a.earliest >= ?3 AND a.latest <= ?4
ORDER BY a.pos
"""


def _pick(
    db: defcoop.Dataset, n: int, rng: random.Random, count: int, low: float, high: float
) -> list[_Query]:
    """Queries whose answers hold between ``low`` and ``high`` of the agreements."""
    fields = [f.id for f in db.fields]
    parties = [c.code for c in db.countries]
    found: list[_Query] = []
    for _ in range(200_000):
        since = rng.randint(generate.FIRST_YEAR, generate.LAST_YEAR - 2)
        until = min(since + rng.randint(2, 20), generate.LAST_YEAR)
        query = _Query(db, rng.choice(fields), rng.choice(parties), since, until)
        if low * n <= len(query.answer) <= max(high * n, 1):
            found.append(query)
            if len(found) == count:
                break
    return found


def _baselines(db: defcoop.Dataset) -> tuple[Any, sqlite3.Connection]:
    """The same agreements as a pandas frame and an indexed in-memory SQLite database."""
    import numpy as np
    import pandas as pd

    records = db.agreements()
    undated = 10**9
    earliest = [a.signed.earliest.toordinal() if a.signed else undated for a in records]
    latest = [a.signed.latest.toordinal() if a.signed else undated for a in records]
    columns: dict[str, Any] = {
        "id": [a.id for a in records],
        "earliest": np.array(earliest),
        "latest": np.array(latest),
    }
    for field in db.fields:
        below = db.narrower(field)
        columns[f"f:{field.id}"] = np.array([not below.isdisjoint(a.fields) for a in records])
    for country in db.countries:
        columns[f"p:{country.code}"] = np.array([country.code in a.parties for a in records])
    frame = pd.DataFrame(columns)
    connection = sqlite3.connect(":memory:")
    connection.executescript(
        """
        CREATE TABLE agreement (pos INTEGER PRIMARY KEY, id TEXT, earliest INT, latest INT);
        CREATE TABLE field (pos INTEGER, field TEXT);
        CREATE TABLE party (pos INTEGER, party TEXT);
        """
    )
    connection.executemany(
        "INSERT INTO agreement VALUES (?, ?, ?, ?)",
        ((i, a.id, earliest[i], latest[i]) for i, a in enumerate(records)),
    )
    narrower = {f.id: db.narrower(f) for f in db.fields}
    connection.executemany(
        "INSERT INTO field VALUES (?, ?)",
        (
            (i, f)
            for i, a in enumerate(records)
            for f, below in narrower.items()
            if not below.isdisjoint(a.fields)
        ),
    )
    connection.executemany(
        "INSERT INTO party VALUES (?, ?)",
        ((i, p) for i, a in enumerate(records) for p in a.parties),
    )
    connection.executescript(
        """
        CREATE INDEX field_by_name ON field (field, pos);
        CREATE INDEX party_by_code ON party (party, pos);
        CREATE INDEX agreement_by_date ON agreement (earliest);
        ANALYZE;
        """
    )
    return frame, connection


def _per_call(call: Callable[[], object], budget: float) -> float:
    """The median time of one call, over batches of about ``budget`` seconds each."""
    number = 1
    while True:
        elapsed = timeit.timeit(call, number=number)
        if elapsed >= budget / 5 or number >= 1 << 16:
            break
        number *= 4
    runs = timeit.repeat(call, number=number, repeat=5)
    return statistics.median(runs) / number


def _queries(
    files: dict[int, dict[str, Path]], quick: bool, failures: list[str]
) -> tuple[str, str]:
    budget = 0.002 if quick else 0.02
    count = 5 if quick else 20
    rows, scale_rows = [], []
    latency: dict[int, float] = {}
    for n, paths in files.items():
        db = defcoop.load(paths["agreements"])
        rng = random.Random(n)
        start = time.perf_counter()
        db.agreements(field=db.fields[0], party=db.countries[0], signed="1990/2000")
        first = time.perf_counter() - start  # sorts, and builds the (field, party) posting
        queries = _pick(db, n, rng, count, 0.001, 0.01)
        small = _pick(db, n, rng, count, 5 / n, 15 / n)
        frame, connection = _baselines(db)
        records = db.agreements()
        times: dict[str, list[float]] = {m: [] for m in ("defcoop", "pandas", "sqlite3", "scan")}
        for query in queries:
            answers = {
                "defcoop": [a.id for a in query.run_defcoop(db)],
                "pandas": frame.loc[query.run_pandas(frame).index, "id"].tolist(),
                "sqlite3": [row[0] for row in query.run_sqlite(connection)],
                "scan": [a.id for a in query.run_scan(records)],
            }
            for method, answer in answers.items():
                if answer != query.answer:
                    failures.append(f"{method} disagrees on {vars(query)} at {n}")
            calls: dict[str, Callable[[], object]] = {
                "defcoop": partial(query.run_defcoop, db),
                "pandas": partial(query.run_pandas, frame),
                "sqlite3": partial(query.run_sqlite, connection),
                "scan": partial(query.run_scan, records),
            }
            for method, call in calls.items():
                times[method].append(_per_call(call, budget))
        median = {method: statistics.median(values) for method, values in times.items()}
        latency[n] = median["defcoop"]
        sizes = [len(q.answer) for q in queries]
        goals = {"pandas": 10, "sqlite3": 20, "scan": 400}
        row = [f"{n:,}", f"{statistics.median(sizes):.0f} ({min(sizes)}–{max(sizes)})"]
        row.append(f"**{_us(median['defcoop'])}**")
        for method, goal in goals.items():
            ratio = median[method] / median["defcoop"]
            verdict = _verdict(ratio, goal, at_most=False) if n == GOAL_SIZE else ""
            row.append(f"{_us(median[method])}: **{ratio:.0f}×** {verdict}".strip())
        rows.append(row)
        small_times = [_per_call(partial(q.run_defcoop, db), budget) for q in small]
        small_sizes = [len(q.answer) for q in small]
        scale_rows.append(
            [
                f"{n:,}",
                f"{_us(statistics.median(small_times))} ({statistics.median(small_sizes):.0f})",
                f"{_us(median['defcoop'])} ({statistics.median(sizes):.0f})",
                _ms(first),
            ]
        )
        connection.close()
        del db, frame, records
    header = ["agreements", "answer size (median, range)", "defcoop median"]
    header += ["pandas mask: time, defcoop faster by", "sqlite3: …", "linear scan: …"]
    notes = (
        f"The combined query is `db.agreements(field=..., party=..., signed='YYYY/YYYY')`, "
        f"{count} different queries whose answers hold 0.1–1% of the agreements; each figure "
        f"is the median over the queries of the median time per call. Every method returns the "
        f"same agreements in the same order (checked for every query). pandas: a boolean mask "
        f"over precomputed columns (one per field, narrower fields included, one per country, "
        f"first and last day); sqlite3: in memory, with indexes on (field, pos), (party, pos) "
        f"and the first day; scan: a list comprehension over the agreements tuple."
    )
    if GOAL_SIZE in latency:
        met = "met" if latency[GOAL_SIZE] <= 20e-6 else "missed"
        notes += f" Goal at {GOAL_SIZE:,}: a median of at most 20 µs, {met}."
    table = _table(
        "Combined query: defcoop against pandas, sqlite3 and a scan", header, rows, notes
    )
    scale_header = [
        "agreements",
        "query with 5–15 results (answer size)",
        "query with 0.1–1% (answer size)",
        "first query (sorts, builds the field+party posting)",
    ]
    scale_notes = (
        "Median time per call, with the median answer size in brackets. With answers of the "
        "same size (5–15 agreements) a query costs the same whatever the size of the dataset; "
        "queries that keep a fixed share of a growing dataset grow with their answers. The "
        "first query sorts the agreements by date, and the first with a new combination of "
        "filters builds that combination's posting; both once, in time proportional to the "
        "dataset."
    )
    scaling = _table("Query cost as the dataset grows", scale_header, scale_rows, scale_notes)
    return table, scaling


if __name__ == "__main__":
    sys.exit(main())
