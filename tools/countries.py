"""Write src/defcoop/data/countries.json from the published state-system and ISO lists.

Run once, by hand, when a list changes; the committed JSON is what defcoop reads (its note,
``countries.md`` beside it, says where it comes from). The input files are not part of the
repository; pass the folder that holds them:

    python tools/countries.py INPUTS > src/defcoop/data/countries.json

INPUTS holds:

- ``cowstates.csv``: the Correlates of War State System Membership List v2016
  (states2016.csv), as bundled by the R package ``states`` 0.3.3 (andybega/states,
  data/cowstates.rda, exported to CSV with columns cowcode, cowc, country_name, start, end;
  dates in days since 1970-01-01, the list's last day 2016-12-31 replaced by 9999-12-31).
- ``gwstates.csv``: Gleditsch and Ward's list of independent states and microstates
  (iisystem.dat and microstatessystem.dat), from the same package, same columns.
- ``iso3166-1.json`` and ``iso3166-3.json``: ISO 3166-1 and 3166-3 from the Debian
  iso-codes data as shipped by pycountry (pycountry/pycountry 24.6.1-27-g6c2ac46a).
- ``owid.ts``: Our World in Data's country crosswalk (owid/owid-grapher commit c7402d12e2,
  packages/@ourworldindata/grapher/src/mapCharts/CountriesRegions.ts), used to pair COW
  state numbers with ISO alpha-3 codes and, by ISO alpha-3 code, each state with its
  Wikidata item (its ``wikidata_uri`` column).
- ``geopolhist.csv``: GeoPolHist's entity table (medialab/GeoPolHist commit f710c678ad,
  data/GeoPolHist_entities.csv; Sciences Po médialab, ODbL 1.0), whose codes are the COW
  state numbers (its ``public/GPH2022_vs_COW2016.csv`` pairs them), for the Wikidata item of
  each state the OWID crosswalk gives none: the column ``GEOPOLHIST`` names, by record.
  A state neither list gives an item keeps none.

With ``--wikidata-only``, the script reads just ``owid.ts`` and ``geopolhist.csv`` and adds
the Wikidata ids to the countries.json it is given on standard input, leaving every other
value as it is:

    python tools/countries.py --wikidata-only INPUTS < countries.json > new.json

Ids: the ISO alpha-3 code of the state (ISO 3166-3's former code for a dissolved state that
had one), else its COW abbreviation (GW's for a state COW does not list), else, when that
abbreviation is already an ISO code or an id, the abbreviation, a hyphen and the state
number (KOR-730 is the Korea of 1887-1905, whose COW abbreviation is South Korea's ISO code).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

EPOCH = dt.date(1970, 1, 1)
OPEN = 2932896  # 9999-12-31, the states package's mark for "still a member"

# Dissolved COW states that had a code of their own in ISO 3166-1, now in ISO 3166-3.
FORMER_ISO = {315: "CSK", 265: "DDR", 680: "YMD"}
# ISO-only records: ISO coded these separately; COW and GW count each as one state with the
# country that continues it (the id of its record here).
ISO_ONLY = {"SUN": "RUS", "VDR": "VNM"}
# GW rows whose abbreviation and number differ from the COW state they are.
GW_TO_COW = {("KBI", 970): 946, ("SER", 340): 345}
# GW states that COW splits in two: from this day on, the GW number belongs to the second.
GW_SPLITS = {260: (dt.date(1990, 10, 3), 255), 678: (dt.date(1990, 5, 22), 679)}

# Names in the states' own languages, and history, for the states the sources involve.
OWN_NAMES = {
    "VNM": [
        "Việt Nam",
        "Cộng hòa Xã hội chủ nghĩa Việt Nam",
        "Socialist Republic of Vietnam",
        "Viet Nam",
    ],
    "VDR": ["Democratic Republic of Vietnam", "North Vietnam", "Việt Nam Dân chủ Cộng hòa"],
    "RUS": ["Russian Federation", "Россия", "Российская Федерация"],
    "BLR": ["Беларусь", "Рэспубліка Беларусь", "Республика Беларусь", "Belorussia", "Byelorussia"],
    "SUN": [
        "USSR",
        "Soviet Union",
        "Union of Soviet Socialist Republics",
        "former Soviet Union",
        "СССР",
        "Советский Союз",
        "Союз Советских Социалистических Республик",
    ],
}
SHORT = {"SUN": "Soviet Union", "VDR": "Democratic Republic of Vietnam"}

# The states OWID's crosswalk gives no Wikidata item: GeoPolHist's entity (its code, the COW
# state number where COW lists the state; else the entity of that name) and the column read.
# An entity that stands for several states lists one item for each, in the order its name
# gives them ("Russia (USSR)": Russia, then the USSR). VNM-815 has none: GeoPolHist's
# Vietnam (815) carries Q881, modern Vietnam's item, which VNM holds.
GEOPOLHIST = {
    "ABK": ("3721", "wikidata"),  # Abkhazia
    "AUH": ("300", "wikidata"),
    "BAD": ("267", "wikidata"),
    "BAV": ("245", "wikidata"),
    "CSK": ("315", "wikidata"),
    "DDR": ("265", "wikidata"),
    "GCL": ("100", "wikidata_alt2"),  # Colombia (New Granada) (Gran Colombia)
    "GFR": ("260", "wikidata"),
    "HAN": ("240", "wikidata"),
    "HSE": ("273", "wikidata"),
    "HSG": ("275", "wikidata_alt1"),  # People's State of Hesse (Hesse Grand Ducal)
    "KOR-730": ("730", "wikidata"),
    "KOS": ("347", "wikidata"),
    "MEC": ("280", "wikidata"),
    "MOD": ("332", "wikidata"),
    "OFS": ("564", "wikidata"),
    "PMA": ("335", "wikidata"),
    "RVN": ("817", "wikidata"),
    "SAX": ("269", "wikidata"),
    "SIC": ("329", "wikidata"),
    "SOT": ("3722", "wikidata"),  # South Ossetia
    "SUN": ("365", "wikidata_alt1"),  # Russia (USSR)
    "TBT": ("7910", "wikidata"),  # Tibet
    "TRA": ("563", "wikidata"),
    "TUS": ("337", "wikidata"),
    "UPC": ("89", "wikidata"),  # United States of Central America
    "VDR": ("816", "wikidata"),  # Vietnam, Democratic Rep.
    "WRT": ("271", "wikidata"),
    "YAR": ("678", "wikidata"),
    "YMD": ("680", "wikidata"),
    "ZAN": ("511", "wikidata"),
}
FORMAL = {"SUN": "Union of Soviet Socialist Republics", "VDR": "Democratic Republic of Vietnam"}


def day(value: str) -> dt.date:
    return EPOCH + dt.timedelta(days=int(float(value)))


def period(start: dt.date, end: dt.date | None) -> str:
    return f"{start.isoformat()}/{'..' if end is None else end.isoformat()}"


def key(name: str) -> str:
    bare = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in bare if not unicodedata.combining(c)).casefold().split())


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def wikidata_ids(owid_text: str) -> dict[str, str]:
    """The Wikidata item of each ISO alpha-3 code the crosswalk gives one (``VNM``: ``Q881``)."""
    found = {}
    for r in csv.DictReader(io.StringIO(owid_text)):
        match = re.search(r"/(Q[1-9][0-9]*)$", r["wikidata_uri"] or "")
        if match and r["iso_alpha3"]:
            found[r["iso_alpha3"]] = match.group(1)
    return found


def geopolhist_ids(gph_text: str) -> dict[str, str]:
    """The Wikidata item GeoPolHist gives each record ``GEOPOLHIST`` names (``DDR``: ``Q16957``)."""
    entities = {r["GPH_code"]: r for r in csv.DictReader(io.StringIO(gph_text))}
    found = {}
    for code, (gph, column) in GEOPOLHIST.items():
        match = re.search(r"/(Q[1-9][0-9]*)$", entities[gph][column] or "")
        if match:
            found[code] = match.group(1)
    return found


def with_wikidata(countries_json: str, owid_text: str, gph_text: str) -> str:
    """countries.json with each country's Wikidata id added: by its ISO alpha-3 code from
    OWID's crosswalk, else from GeoPolHist's entity for the state."""
    items = {**geopolhist_ids(gph_text), **wikidata_ids(owid_text)}
    lines = []
    for country in json.loads(countries_json)["countries"]:
        country.pop("wikidata", None)
        record = {}
        for key, value in country.items():
            if key in ("names", "memberships", "continued_by", "notes") and "wikidata" not in record:
                if country["code"] in items:
                    record["wikidata"] = items[country["code"]]
            record[key] = value
        if "wikidata" not in record and country["code"] in items:
            record["wikidata"] = items[country["code"]]
        lines.append(json.dumps(record, ensure_ascii=False))
    return '{"countries": [\n' + ",\n".join(lines) + "\n]}\n"


def main(inputs: Path) -> str:
    cow = rows(inputs / "cowstates.csv")
    gw = rows(inputs / "gwstates.csv")
    iso = {e["alpha_3"]: e for e in json.loads((inputs / "iso3166-1.json").read_text())["3166-1"]}
    former = {
        e["alpha_3"]: e for e in json.loads((inputs / "iso3166-3.json").read_text())["3166-3"]
    }
    owid_text = (inputs / "owid.ts").read_text(encoding="utf-8").split("`")[1]
    gph_text = (inputs / "geopolhist.csv").read_text(encoding="utf-8")
    items = {**geopolhist_ids(gph_text), **wikidata_ids(owid_text)}
    crosswalk = {
        int(float(r["cow_code"])): r
        for r in csv.DictReader(io.StringIO(owid_text))
        if r["cow_code"] and r["iso_alpha3"]
    }

    states: dict[int, dict] = {}
    for r in cow:
        code = int(float(r["cowcode"]))
        state = states.setdefault(
            code, {"cow_code": code, "abbrev": r["cowc"], "cow_name": r["country_name"], "m": []}
        )
        end = None if int(float(r["end"])) == OPEN else day(r["end"])
        state["m"].append(("cow", code, day(r["start"]), end))
    by_abbrev = {s["abbrev"]: s for s in states.values()}

    gw_only: dict[int, dict] = {}
    for r in gw:
        code, abbrev = int(r["gwcode"]), r["gwc"]
        start = day(r["start"])
        end = None if int(float(r["end"])) == OPEN else day(r["end"])
        target = GW_TO_COW.get((abbrev, code))
        state = states.get(target) if target else by_abbrev.get(abbrev)
        if (
            state is None
            and code in states
            and key(states[code]["cow_name"])[:4] == key(r["country_name"])[:4]
        ):
            state = states[code]  # same number, another abbreviation (HSD/HSG, RUM/ROM, FJI/FIJ)
        if state is None:
            state = gw_only.setdefault(
                code, {"cow_code": None, "abbrev": abbrev, "cow_name": r["country_name"], "m": []}
            )
        split = GW_SPLITS.get(code)
        if split and (end is None or end >= split[0]) and start < split[0]:
            before = states[code]  # the COW state with that number holds the years before
            before["m"].append(("gw", code, start, split[0] - dt.timedelta(days=1)))
            states[split[1]]["m"].append(("gw", code, split[0], end))
        else:
            state["m"].append(("gw", code, start, end))
        state.setdefault("gw_names", []).append(r["country_name"])

    iso_codes = set(iso) | set(former)
    records = []
    taken: set[str] = set()
    for code, state in sorted(states.items()):
        alpha3 = crosswalk[code]["iso_alpha3"] if code in crosswalk else FORMER_ISO.get(code)
        records.append(build(state, alpha3, iso, former, crosswalk.get(code)))
    for _code, state in sorted(gw_only.items()):
        records.append(build(state, None, iso, former, None))
    for record in records:
        if record["code"] is None:
            abbrev = record["cow_abbrev"] or record["_abbrev"]
            number = record["cow_code"] or record["_gw"]
            clash = abbrev in iso_codes or abbrev in taken
            record["code"] = f"{abbrev}-{number}" if clash else abbrev
        taken.add(record["code"])
    for alpha3, successor in ISO_ONLY.items():
        number = next(r["cow_code"] for r in records if r["code"] == successor)
        entry = former[alpha3]
        records.append(
            {
                "code": alpha3,
                "name": SHORT[alpha3],
                "formal_name": FORMAL[alpha3],
                "alpha2": entry["alpha_2"],
                "numeric": entry.get("numeric"),
                "continued_by": successor,
                "names": [*OWN_NAMES.get(alpha3, []), entry["name"]],
                "m": [],
                "notes": f"ISO 3166-3 code, withdrawn {entry['withdrawal_date']}. The Correlates "
                f"of War and Gleditsch-Ward lists count it as state {number}, whose record is "
                f"{successor}; this record keeps the ISO identity for ISO-coded joins.",
            }
        )
    for record in records:
        if record["code"] in items:
            record["wikidata"] = items[record["code"]]
    return render(dedupe(records))


def build(state: dict, alpha3: str | None, iso: dict, former: dict, owid: dict | None) -> dict:
    entry = iso.get(alpha3) or former.get(alpha3) if alpha3 else None
    names = [state["cow_name"], *state.get("gw_names", [])]
    for gw_name in state.get("gw_names", []):
        if "(" in gw_name:
            outer, _, inner = gw_name.partition(" (")
            names += [outer, inner.rstrip(")")]
    record = {
        "code": alpha3,
        "_abbrev": state["abbrev"],
        "_gw": next((c for s, c, *_ in state["m"] if s == "gw"), None),
        "cow_abbrev": state["abbrev"] if state["cow_code"] is not None else None,
        "cow_code": state["cow_code"],
        "m": state["m"],
    }
    if entry is not None:
        short = owid["name"] if owid else entry.get("common_name", entry["name"])
        formal = entry.get("official_name", entry["name"])
        names += [entry["name"], entry.get("common_name", ""), formal]
        record.update(name=short, formal_name=formal, alpha2=entry["alpha_2"])
        record["numeric"] = entry.get("numeric")
        if alpha3 in former:
            record["notes"] = (
                f"ISO 3166-3 codes (withdrawn {former[alpha3]['withdrawal_date']}): the state "
                "no longer exists."
            )
    else:
        record.update(name=state["cow_name"], formal_name=None, alpha2=None, numeric=None)
    record["names"] = [*OWN_NAMES.get(alpha3 or "", []), *names]
    return record


def dedupe(records: list[dict]) -> list[dict]:
    """Keep each name once per record and drop a name two records share (it would be
    ambiguous); report what was dropped on stderr."""
    owners: dict[str, set[str]] = {}
    own = {key(n): code for code, names in OWN_NAMES.items() for n in names}
    for record in records:
        for name in {key(n) for n in [record["name"], *record["names"]] if n}:
            owners.setdefault(name, set()).add(record["code"])
    for record in records:
        seen = {key(record["name"])}
        kept = []
        for name in record["names"]:
            k = key(name)
            if not name or k in seen:
                continue
            seen.add(k)
            if len(owners[k]) > 1 and own.get(k) != record["code"]:
                print(f"dropped shared name {name!r} of {sorted(owners[k])}", file=sys.stderr)
                continue
            kept.append(name)
        record["names"] = kept
    return records


def render(records: list[dict]) -> str:
    """The countries as a JSON data file, one country per line.

    JSON rather than TOML: Python reads it some thirty times faster, and this is the largest
    bundled file (every first ``defcoop.load()`` reads it). Its provenance note is
    ``countries.md`` beside it, since JSON has no comments.
    """
    lines = []
    for r in sorted(records, key=lambda r: r["code"]):
        record: dict = {"code": r["code"], "name": r["name"]}
        if r.get("formal_name") and r["formal_name"] != r["name"]:
            record["formal_name"] = r["formal_name"]
        for field in ("alpha2", "numeric", "cow_abbrev"):
            if r.get(field):
                record[field] = r[field]
        if r.get("cow_code") is not None:
            record["cow_code"] = r["cow_code"]
        if r.get("wikidata"):
            record["wikidata"] = r["wikidata"]
        if r["names"]:
            record["names"] = r["names"]
        if r["m"]:
            record["memberships"] = [
                {"system": system, "code": number, "period": period(start, end)}
                for system, number, start, end in sorted(r["m"], key=lambda m: (m[0], m[2]))
            ]
        if r.get("continued_by"):
            record["continued_by"] = r["continued_by"]
        if r.get("notes"):
            record["notes"] = r["notes"]
        lines.append(json.dumps(record, ensure_ascii=False))
    return '{"countries": [\n' + ",\n".join(lines) + "\n]}\n"


if __name__ == "__main__":
    if sys.argv[1] == "--wikidata-only":
        owid = (Path(sys.argv[2]) / "owid.ts").read_text(encoding="utf-8").split("`")[1]
        gph = (Path(sys.argv[2]) / "geopolhist.csv").read_text(encoding="utf-8")
        sys.stdout.write(with_wikidata(sys.stdin.read(), owid, gph))
    else:
        sys.stdout.write(main(Path(sys.argv[1])))
