"""The report's Markdown tables and figures, shared by the sections of ``run.py``."""

from __future__ import annotations

from collections.abc import Sequence

Row = list[str]
GOAL_SIZE = 100_000
"""The size the goals for loading, memory and queries are set at."""


def table(title: str, header: Row, rows: Sequence[Row], notes: str = "") -> str:
    lines = [f"## {title}", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    if notes:
        lines += ["", notes]
    return "\n".join(lines)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def us(seconds: float) -> str:
    return f"{seconds * 1e6:.1f} µs"


def verdict(ratio: float, goal: float, *, at_most: bool = True) -> str:
    met = ratio <= goal if at_most else ratio >= goal
    return f"{'≤' if at_most else '≥'} {goal:g}× {'met' if met else 'missed'}"
