"""The dyad-year panel benchmark: defcoop against DuckDB's SQL over the same records.

Builds the non-directed dyad-year panel of every Correlates of War dyad, 1980-2024, over
synthetic agreements and events (half each) between COW states, twice: with
``Dataset.dyad_years(...).to_frame()`` and with one DuckDB SQL query over tables of the same
records (memberships, agreements, events and their parties), fetched as a DataFrame. Both
start from data already in memory. The two panels must hold the same rows and the same
numbers, or the run fails; the report gives both times, medians of interleaved runs, and
their ratio. DuckDB is in the ``bench`` extra only.

    python benchmarks/panel.py            # 100,000 records, 5 rounds
    python benchmarks/panel.py --quick    # smoke test: 2,000 records, 1980-1989, 1 round
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from typing import Any

import defcoop
from defcoop import (
    Agreement,
    AgreementKind,
    Citation,
    Coverage,
    Dataset,
    DatasetInfo,
    Event,
    EventKind,
    EventStatus,
    PartialDate,
    Period,
    Search,
    Source,
)
from defcoop.views import _panel_cells

# Every count of the panel but mechanisms, which have no dates (always 0 where covered).
COUNTS = [name for name in _panel_cells.COUNTS["dyad"] if name != "mechanisms_active"]


def synthetic(n: int, first: int, last: int, seed: int = 10) -> Dataset:
    """``n`` agreements and events between states of the COW system, every state covered."""
    rng = random.Random(seed)
    bundled = defcoop.load()
    states = [c for c in bundled.countries if c.cow_code is not None and c.memberships]
    source = Source(id="synthetic", language="en", paragraphs=1)
    cite = (Citation(source="synthetic", paragraph=1),)
    records: list[Any] = [source, *bundled.countries]
    for i in range(n):
        year = rng.randint(first, last)
        parties = tuple(c.code for c in rng.sample(states, rng.choice((2, 2, 2, 3))))
        several = rng.random() < 0.05
        count = rng.choice((None, 3)) if several else None
        if i % 2:
            span = Period(PartialDate(year), PartialDate(min(year + rng.randint(0, 5), last)))
            records.append(
                Agreement(
                    id=f"a{i}",
                    title="A",
                    kind=AgreementKind.AGREEMENT,
                    parties=parties,
                    signed=PartialDate(year, rng.randint(1, 12)) if rng.random() < 0.9 else None,
                    period=span if rng.random() < 0.7 else None,
                    several=several,
                    count=count,
                    sources=cite,
                )
            )
            continue
        visit = rng.random() < 0.5
        records.append(
            Event(
                id=f"e{i}",
                title="E",
                kind=EventKind.VISIT if visit else EventKind.MEETING,
                when=Period.of(PartialDate(year, rng.randint(1, 12))),
                parties=parties,
                actor=parties[0] if visit else None,
                recipient=parties[1] if visit else None,
                status=EventStatus.OCCURRED if rng.random() < 0.8 else EventStatus.PLANNED,
                multilateral=len(parties) > 2,
                several=several,
                count=count,
                sources=cite,
            )
        )
    # Every state covered, as a dataset's own claim must be: resting on a search and its sources.
    span = Period(PartialDate(first), PartialDate(last))
    records.append(
        Search(
            id="synthetic-search",
            collections=("generated",),
            queries=("every record",),
            languages=("en",),
            years=span,
            done=PartialDate(last),
        )
    )
    world = Coverage(countries=(), period=span, search="synthetic-search", sources=("synthetic",))
    return Dataset.from_records(records, info=DatasetInfo(name="s", version="1", coverage=(world,)))


def duckdb_tables(db: Dataset, connection: Any) -> None:
    """The records as DuckDB tables (not timed): memberships, agreements, events, parties."""
    import pandas as pd

    code = {c.code: c.cow_code for c in db.countries if c.cow_code is not None}
    members = [
        (m.code, m.period.start.year, 9999 if m.period.open else m.period.end.year)
        for c in db.countries
        for m in c.memberships
        if m.system == "cow"
    ]

    def weight(r: Agreement | Event) -> int:
        # A record standing for several with no number given counts as one (a lower bound).
        return r.count or 1

    # In force from the period's start, or (where there is none) the signing; to the period's
    # end, or open (in force until a source says otherwise) where no end is known.
    agreements = [
        (
            a.id,
            a.signed.year if a.signed else None,
            a.period.start.year if a.period else a.signed.year if a.signed else None,
            a.period.end.year if a.period else None,
            weight(a),
        )
        for a in db.agreements()
    ]
    events = [
        (
            e.id,
            e.when.start.year if e.when and e.when.start.year == e.when.end.year else None,
            e.status.value,
            e.kind.value,
            e.multilateral,
            code.get(e.actor or ""),
            code.get(e.recipient or ""),
            weight(e),
        )
        for e in db.events()
    ]
    parties = [(r.id, code[p]) for r in (*db.agreements(), *db.events()) for p in r.parties]
    frames = {
        "membership": pd.DataFrame(members, columns=["ccode", "first", "last"]),
        "agreement": pd.DataFrame(agreements, columns=["id", "signed", "start", "stop", "w"]),
        "event": pd.DataFrame(
            events, columns=["id", "year", "status", "kind", "multi", "actor", "recipient", "w"]
        ),
        "party": pd.DataFrame(parties, columns=["record", "ccode"]),
    }
    for name, frame in frames.items():
        connection.register(f"{name}_frame", frame)
        connection.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_frame")


SQL = """
WITH years AS (SELECT range AS year FROM range(?, ? + 1)),
members AS (
    SELECT DISTINCT m.ccode, y.year FROM membership m
    JOIN years y ON y.year BETWEEN m.first AND m.last),
grid AS (
    SELECT a.ccode AS ccode1, b.ccode AS ccode2, a.year FROM members a
    JOIN members b ON a.year = b.year AND a.ccode < b.ccode),
pairs AS (
    SELECT p1.record, p1.ccode AS ccode1, p2.ccode AS ccode2 FROM party p1
    JOIN party p2 ON p1.record = p2.record AND p1.ccode < p2.ccode),
signed AS (
    SELECT ccode1, ccode2, a.signed AS year, SUM(a.w) AS agreements_signed
    FROM agreement a JOIN pairs ON pairs.record = a.id
    WHERE a.signed IS NOT NULL AND a.w IS NOT NULL GROUP BY ALL),
in_force AS (
    SELECT ccode1, ccode2, y.year, SUM(a.w) AS agreements_in_force,
        SUM(CASE WHEN a.stop IS NULL THEN a.w ELSE 0 END) AS agreements_in_force_open
    FROM agreement a JOIN pairs ON pairs.record = a.id
    JOIN years y ON y.year BETWEEN a.start AND coalesce(a.stop, 9999)
    WHERE a.w IS NOT NULL GROUP BY ALL),
happened AS (
    SELECT ccode1, ccode2, e.year,
        SUM(CASE WHEN e.status = 'occurred' THEN e.w ELSE 0 END) AS events_occurred,
        SUM(CASE WHEN e.status = 'planned' THEN e.w ELSE 0 END) AS events_planned,
        SUM(CASE WHEN e.multi THEN e.w ELSE 0 END) AS multilateral_events
    FROM event e JOIN pairs ON pairs.record = e.id
    WHERE e.year IS NOT NULL AND e.w IS NOT NULL GROUP BY ALL),
visits AS (
    SELECT least(actor, recipient) AS ccode1, greatest(actor, recipient) AS ccode2, year,
        SUM(w) AS visits
    FROM event
    WHERE kind = 'visit' AND status = 'occurred' AND year IS NOT NULL AND w IS NOT NULL
        AND actor IS NOT NULL AND recipient IS NOT NULL
    GROUP BY ALL)
SELECT grid.ccode1, grid.ccode2, grid.year,
    coalesce(agreements_signed, 0)::BIGINT AS agreements_signed,
    coalesce(agreements_in_force, 0)::BIGINT AS agreements_in_force,
    coalesce(agreements_in_force_open, 0)::BIGINT AS agreements_in_force_open,
    coalesce(events_occurred, 0)::BIGINT AS events_occurred,
    coalesce(events_planned, 0)::BIGINT AS events_planned,
    coalesce(visits, 0)::BIGINT AS visits,
    coalesce(multilateral_events, 0)::BIGINT AS multilateral_events
FROM grid
LEFT JOIN signed USING (ccode1, ccode2, year)
LEFT JOIN in_force USING (ccode1, ccode2, year)
LEFT JOIN happened USING (ccode1, ccode2, year)
LEFT JOIN visits USING (ccode1, ccode2, year)
ORDER BY grid.ccode1, grid.ccode2, grid.year
"""


def main() -> int:
    """Run the benchmark, print the report; non-zero when the two panels differ."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke test: small and fast")
    args = parser.parse_args()
    try:
        import duckdb
        import numpy as np
    except ImportError:
        print('duckdb and pandas are needed: pip install -e ".[bench]"', file=sys.stderr)
        return 2
    n, first, last, rounds = (2_000, 1980, 1989, 1) if args.quick else (100_000, 1980, 2024, 5)
    db = synthetic(n, first, last)
    connection = duckdb.connect()
    duckdb_tables(db, connection)

    def ours() -> Any:
        return db.dyad_years(years=(first, last), frame=False).to_frame()

    def theirs() -> Any:
        return connection.execute(SQL, [first, last]).fetchdf()

    ours(), theirs()  # warm up: imports, caches, DuckDB's plan
    times: dict[str, list[float]] = {"defcoop": [], "duckdb": []}
    for _ in range(rounds):
        for name, run in (("defcoop", ours), ("duckdb", theirs)):
            start = time.perf_counter()
            result = run()
            times[name].append(time.perf_counter() - start)
            if name == "defcoop":
                mine = result
            else:
                other = result
    columns = ["ccode1", "ccode2", "year", *COUNTS]
    same = len(mine) == len(other) and all(
        np.array_equal(mine[c].to_numpy(dtype=np.int64), other[c].to_numpy(dtype=np.int64))
        for c in columns
    )
    ours_time, theirs_time = statistics.median(times["defcoop"]), statistics.median(times["duckdb"])
    print(f"# Dyad-year panel: defcoop and DuckDB ({'quick' if args.quick else 'full'} run)\n")
    print(f"- command: `python benchmarks/panel.py{' --quick' if args.quick else ''}`")
    print(
        f"- machine: {platform.machine()}, Python {platform.python_version()}, "
        f"duckdb {duckdb.__version__}, date {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    print(
        f"- {n:,} records (half agreements, half events), COW dyads {first}-{last}: "
        f"{len(mine):,} rows; medians of {rounds} interleaved rounds\n"
    )
    print("| method | time | ratio to DuckDB |")
    print("| --- | --- | --- |")
    print(
        f"| `db.dyad_years(...).to_frame()` | {ours_time:.2f} s | "
        f"**{ours_time / theirs_time:.2f}x** |"
    )
    print(f"| DuckDB SQL, `fetchdf()` | {theirs_time:.2f} s | 1.00x |\n")
    print(f"Same rows and numbers in both panels: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
