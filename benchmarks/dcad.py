"""The DCAD reader on a large main file: CPU time and peak memory of ``dcad.convert``.

Issue 25 measured a million rows at 47 s and 2.8 GB; the goal is under 10 s and under 500 MB.
Each measurement runs in a child process of its own, which reports its own CPU time
(``resource.getrusage``: user plus system, of the work alone, after imports and the bundled
load) and its peak resident memory (``ru_maxrss``, of the whole process), because the
machines this runs on are shared and wall time is noise. Beside the reader, the same file
is read by the csv module alone (every row, nothing kept): the floor any CSV reader in
Python stands on, measured in the same run.

    python benchmarks/dcad.py            # 1,000,000 rows
    python benchmarks/dcad.py --quick    # 20,000 rows: CI's smoke test (figures mean nothing)

The smoke test fails (exit 1) if the reader's agreements are not one per row.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import defcoop
from defcoop.io import dcad

GOAL_SECONDS, GOAL_MB = 10.0, 500.0

_CHILD = """
import csv, json, resource, sys
import defcoop
from defcoop.io import dcad

def usage():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime, r.ru_maxrss

path, what = sys.argv[1], sys.argv[2]
base = defcoop.load()
before, _ = usage()
if what == "csv":
    with open(path, newline="", encoding="utf-8-sig") as file:
        count = sum(1 for _ in csv.reader(file)) - 1
else:
    count = len(dcad.convert(path, base=base).agreements)
after, peak = usage()
scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
print(json.dumps({"rows": count, "cpu": after - before, "peak_mb": peak * scale / 2**20}))
"""


def write(path: Path, rows: int) -> None:
    """A synthetic DCAD main file: random pairs of the bundled countries' COW codes, dates
    at day, month or year precision, both types, a category naming a bundled field."""
    codes = [c.cow_code for c in defcoop.load().countries if c.cow_code is not None]
    chance = random.Random(25)
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(",".join(dcad.COLUMNS) + "\n")
        for number in range(1, rows + 1):
            first, second = chance.sample(codes, 2)
            cells = dict.fromkeys(dcad.COLUMNS, "0")
            cells.update(
                ccode1=str(first),
                ccode2=str(second),
                cowName1="SYNTHETIC",
                cowName2="SYNTHETIC",
                signYear=str(chance.randint(1980, 2010)),
                signMonth=chance.choice(["", str(chance.randint(1, 12))]),
                signDay="",
                EIFDay="",
                EIFMonth="",
                EIFYear=chance.choice(["", "2011"]),
                type=chance.choice(["general", "sector"]),
                category1=chance.choice(["", "military science"]),
                category2="",
                category3="",
                UNTS=chance.choice(["0", str(number + 10_000)]),
                source="synthetic benchmark row",
                DCAid=f"B{number}",
            )
            if cells["signMonth"]:
                cells["signDay"] = chance.choice(["", str(chance.randint(1, 28))])
            file.write(",".join(cells[column] for column in dcad.COLUMNS) + "\n")


def measure(path: Path, what: str) -> dict[str, float]:
    """One child process's figures for reading ``path`` (``"csv"`` or ``"dcad"``)."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), what],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def main() -> int:
    """Write the file, measure both readers, print the report; 1 if the counts disagree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke test: 20,000 rows")
    parser.add_argument("--rows", type=int, help="rows in the file (default 1,000,000)")
    args = parser.parse_args()
    rows = args.rows or (20_000 if args.quick else 1_000_000)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "DCAD-v1.0-main.csv")
        write(path, rows)
        size = path.stat().st_size / 2**20
        floor = measure(path, "csv")
        reader = measure(path, "dcad")
    print(f"# DCAD reader, {rows:,} rows ({size:.0f} MB)")
    print(f"Python {platform.python_version()}, {platform.machine()}, {platform.system()}")
    print("| what | CPU s | peak RSS MB |")
    print("| --- | ---: | ---: |")
    print(f"| csv module alone (the floor) | {floor['cpu']:.1f} | {floor['peak_mb']:.0f} |")
    print(f"| dcad.convert | {reader['cpu']:.1f} | {reader['peak_mb']:.0f} |")
    if rows >= 1_000_000:
        met = reader["cpu"] < GOAL_SECONDS and reader["peak_mb"] < GOAL_MB
        print(f"Goal (< {GOAL_SECONDS:.0f} s, < {GOAL_MB:.0f} MB): {'met' if met else 'missed'}")
    if reader["rows"] != rows or floor["rows"] != rows:
        print(f"FAILED: {reader['rows']} agreements and {floor['rows']} rows, not {rows}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
