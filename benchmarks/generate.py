"""Synthetic defcoop datasets of any size, in the JSON file schema, from a fixed seed.

The shape follows the real data: about 20 fields of cooperation in a three-level taxonomy,
150 countries, a few hundred organizations and people, 100 sources to cite, dates at year,
month and day precision, one to four fields per agreement, two to four parties. The same
``n`` and ``seed`` always give the same document.

Run as a script to write files: ``python benchmarks/generate.py 10000 -o /tmp/data.json``.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
from pathlib import Path
from typing import Any

AGREEMENT_KINDS = ["agreement", "plan", "memorandum", "protocol", "treaty"]
EVENT_KINDS = [
    "visit",
    "meeting",
    "conference",
    "signing",
    "exchange year",
    "competition",
    "delegation exchange",
    "multilateral activity",
    "exercise",
]
FIELD_TREE = {
    "defense-cooperation": None,
    "military-technology": "defense-cooperation",
    "arms-trade": "military-technology",
    "shipbuilding": "military-technology",
    "aviation": "military-technology",
    "personnel-training": "defense-cooperation",
    "military-education": "personnel-training",
    "officer-exchange": "personnel-training",
    "scientific-research": "defense-cooperation",
    "military-science": "scientific-research",
    "military-medicine": "scientific-research",
    "cyber-security": "scientific-research",
    "security": "defense-cooperation",
    "peacekeeping": "security",
    "counter-terrorism": "security",
    "maritime-security": "security",
    "border-security": "security",
    "strategic-exchange": "defense-cooperation",
    "delegation-exchange": "strategic-exchange",
    "defense-industry": "defense-cooperation",
}
SYLLABLES = ["ka", "lo", "ri", "na", "ve", "tu", "mar", "sen", "dor", "bel", "ith", "an", "os"]
FIRST_YEAR, LAST_YEAR = 1980, 2010
SOURCES = 100


def document(n: int, *, events: bool = True, seed: int = 6) -> dict[str, Any]:
    """A dataset of ``n`` agreements (and ``n`` events unless ``events`` is false).

    Agreements refer to events (``signed_during``) only when events are included.
    """
    rng = random.Random(seed)
    countries = _countries(rng)
    codes = [c["code"] for c in countries]
    organizations = _organizations(codes)
    people = _people(rng, codes)
    doc: dict[str, Any] = {
        "dataset": {"name": f"synthetic {n}", "version": "1", "released": "2026-11"},
        "sources": [
            {"id": f"src-{i:03d}", "language": "en", "paragraphs": rng.randint(5, 80)}
            for i in range(SOURCES)
        ],
        "countries": countries,
        "fields": [
            {"id": fid, "label": fid.replace("-", " ")} | ({"broader": up} if up else {})
            for fid, up in FIELD_TREE.items()
        ],
        "organizations": organizations,
        "people": [{k: v for k, v in p.items() if k != "_sources"} for p in people],
    }
    event_list = _events(rng, n, codes, people) if events else []
    if events:
        doc["events"] = event_list
    doc["agreements"] = _agreements(rng, n, codes, event_list)
    return doc


def _citations(rng: random.Random) -> list[str]:
    cited = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        source = rng.randrange(SOURCES)
        cited.append(f"src-{source:03d}#{rng.randint(1, 5)}")
    return list(dict.fromkeys(cited))


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _countries(rng: random.Random) -> list[dict[str, Any]]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    codes: list[str] = []
    alpha2s: set[str] = set()
    names: set[str] = set()
    result = []
    while len(result) < 150:
        code = "".join(rng.choice(letters) for _ in range(3))
        alpha2 = code[:2]
        name = _name(rng, rng.randint(2, 4))
        if code in codes or alpha2 in alpha2s or name.lower() in names:
            continue
        codes.append(code)
        alpha2s.add(alpha2)
        names.add(name.lower())
        result.append(
            {
                "code": code,
                "name": name,
                "alpha2": alpha2,
                "numeric": f"{len(result) + 100:03d}",
                "cow_code": 100 + len(result) * 5,
            }
        )
    return result


def _organizations(codes: list[str]) -> list[dict[str, Any]]:
    result = []
    for code in codes:
        ministry = f"mod-{code.lower()}"
        result.append(
            {
                "id": ministry,
                "name": f"Ministry of Defense of {code}",
                "kind": "ministry",
                "country": code,
                "sources": ["src-000#1"],
            }
        )
        result.append(
            {
                "id": f"army-{code.lower()}",
                "name": f"Armed Forces of {code}",
                "kind": "armed forces",
                "country": code,
                "parent": ministry,
                "sources": ["src-000#2"],
            }
        )
    return result


def _people(rng: random.Random, codes: list[str]) -> list[dict[str, Any]]:
    result = []
    for i in range(500):
        first, last = _name(rng, 2), _name(rng, 3)
        result.append(
            {
                "id": f"person-{i:03d}",
                "name": f"{first} {last}",
                "country": rng.choice(codes),
                "roles": [
                    {
                        "title": "Minister of Defense",
                        "organization": "mod-" + rng.choice(codes).lower(),
                    }
                ],
                "sources": _citations(rng),
            }
        )
    return result


def _date(rng: random.Random) -> str:
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    precision = rng.random()
    if precision < 0.2:
        return f"{year:04d}"
    month = rng.randint(1, 12)
    if precision < 0.55:
        return f"{year:04d}-{month:02d}"
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


def _parties(rng: random.Random, codes: list[str]) -> list[str]:
    count = rng.choices((2, 3, 4), weights=(85, 10, 5))[0]
    return rng.sample(codes, count)


def _events(
    rng: random.Random, n: int, codes: list[str], people: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    years: list[dict[str, Any]] = []
    for i in range(n):
        kind = rng.choice(EVENT_KINDS)
        parties = _parties(rng, codes)[: rng.choice((1, 2, 2, 2, 3))]
        event: dict[str, Any] = {
            "id": f"event-{i:06d}",
            "title": f"{kind.capitalize()} of {' and '.join(parties)} delegations",
            "kind": kind,
            "parties": parties,
            "sources": _citations(rng),
        }
        shape = rng.random()
        if shape < 0.05:
            pass
        elif shape < 0.75:
            event["when"] = _date(rng)
        elif shape < 0.95:
            start = _date(rng)
            end_year = int(start[:4]) + rng.randint(0, 3)
            event["when"] = f"{start}/{min(end_year, LAST_YEAR + 3)}"
        else:
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
            event["when"] = f"{year}"
            if years and rng.random() < 0.5:
                parent = rng.choice(years)
                event["when"] = f"{parent['when']}-{rng.randint(1, 12):02d}"
                event["part_of"] = parent["id"]
            else:
                years.append(event)
        if rng.random() < 0.5:
            event["host"] = parties[0]
        if rng.random() < 0.6:
            event["participants"] = [p["id"] for p in rng.sample(people, rng.randint(1, 3))]
        if rng.random() < 0.1:
            event["status"] = "planned"
        if rng.random() < 0.1:
            event["organizer"] = f"mod-{parties[0].lower()}"
        if rng.random() < 0.15:
            event["notes"] = "Reported in the source as part of a wider programme of exchanges."
        result.append(event)
    return result


def _agreements(
    rng: random.Random, n: int, codes: list[str], events: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    fields = list(FIELD_TREE)
    dated_events = [e for e in events if "when" in e and "/" not in e["when"]]
    result = []
    for i in range(n):
        kind = rng.choice(AGREEMENT_KINDS)
        parties = _parties(rng, codes)
        chosen = rng.sample(fields, rng.randint(1, 4))
        agreement: dict[str, Any] = {
            "id": f"agreement-{i:06d}",
            "title": f"{kind.capitalize()} on {chosen[0].replace('-', ' ')} "
            f"between {' and '.join(parties)}",
            "kind": kind,
            "parties": parties,
        }
        if rng.random() < 0.3:
            agreement["signatories"] = [f"mod-{p.lower()}" for p in parties[:2]]
        if dated_events and rng.random() < 0.1:
            event = rng.choice(dated_events)
            agreement["signed"] = event["when"]
            agreement["signed_during"] = event["id"]
        elif rng.random() < 0.95:
            agreement["signed"] = _date(rng)
        if rng.random() < 0.3:
            start = rng.randint(FIRST_YEAR, LAST_YEAR)
            agreement["period"] = f"{start}/{start + rng.randint(1, 10)}"
        agreement["fields"] = chosen
        agreement["sources"] = _citations(rng)
        if rng.random() < 0.2:
            agreement["notes"] = "The source names the agreement but does not give its full text."
        if rng.random() < 0.05:
            agreement["inferred"] = ["signed"]
        result.append(agreement)
    return result


def main() -> None:
    """Write a generated dataset as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of agreements (and of events)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--no-events", action="store_true", help="agreements only")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    data = document(args.n, events=not args.no_events, seed=args.seed)
    args.output.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main()
