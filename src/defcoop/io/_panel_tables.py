"""The panels a database export holds: which units and years, and their rows.

A database holds the directed dyad-year panel and the state-year panel for the units the
dataset's coverage names (:func:`scope`): each dyad a claim names, every dyad of a state a
claim names alone, every unit of the state system when a claim names no country, over the
years from the first claim's to the last's. Elsewhere every count would be missing, so the
rows would say nothing a missing row does not. The rows are those of
:meth:`Dataset.dyad_years <defcoop.Dataset.dyad_years>` and :meth:`Dataset.state_years
<defcoop.Dataset.state_years>`, asked for each dyad or group of states and put together
in the panels' order.

They are materialised tables, not SQL views, because the counting rules are written once,
in :mod:`defcoop.views.panels` (``defcoop.io._sql`` says which rules).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import attrs

from defcoop.views._panel_cells import LOWER_BOUND

if TYPE_CHECKING:
    from defcoop.dataset import Dataset
    from defcoop.views.panels import Panel

__all__ = ["PanelRows", "Scope", "column_type", "panels", "scope"]


@attrs.frozen
class Scope:
    """The units and years of a database's panels.

    Attributes:
        years: the first and last year.
        states: the countries (ids) whose every dyad is kept.
        dyads: the pairs of countries kept beside those (in their claims' order).
        everyone: whether every unit is kept (a claim names no country).
    """

    years: tuple[int, int]
    states: tuple[str, ...] = ()
    dyads: tuple[tuple[str, str], ...] = ()
    everyone: bool = False


@attrs.frozen
class PanelRows:
    """One panel of a database: its columns, key, rows and the metadata of the panels (one
    per dyad or group of states) its rows come from."""

    columns: tuple[str, ...]
    key: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    metadata: list[dict[str, Any]]


def scope(dataset: Dataset) -> Scope | None:
    """The units and years the dataset's coverage names (a claim still running runs to this
    year); None when it claims no coverage, where every count would be missing."""
    claims = dataset.coverage
    if not claims:
        return None
    first = min(claim.period.start.year for claim in claims)
    last = max(
        datetime.date.today().year if claim.period.open else claim.period.end.year
        for claim in claims
    )
    if any(not claim.countries for claim in claims):
        return Scope((first, last), everyone=True)
    states = tuple(dict.fromkeys(c.countries[0] for c in claims if len(c.countries) == 1))
    dyads = tuple(
        dict.fromkeys(
            (claim.countries[0], claim.countries[1])
            for claim in claims
            if len(claim.countries) == 2 and not set(claim.countries) & set(states)
        )
    )
    return Scope((first, last), states, dyads)


def panels(dataset: Dataset) -> dict[str, PanelRows]:
    """``dyad_years`` (directed) and ``state_years`` of ``dataset``, for its :func:`scope`;
    without coverage, their columns (the dataset's fields among them) and no rows."""
    found = scope(dataset)
    if found is None:
        year = datetime.date.today().year
        return {
            "dyad_years": _rows(
                [dataset.dyad_years(years=year, directed=True, frame=False)], False
            ),
            "state_years": _rows([dataset.state_years(years=year, frame=False)], False),
        }
    years = found.years
    dyad_panels: list[Panel] = []
    state_panels: list[Panel] = []
    if found.everyone:
        dyad_panels.append(dataset.dyad_years(years=years, directed=True, frame=False))
        state_panels.append(dataset.state_years(years=years, frame=False))
    else:
        if found.states:
            party = list(found.states)
            dyad_panels.append(
                dataset.dyad_years(years=years, party=party, directed=True, frame=False)
            )
        dyad_panels += [
            dataset.dyad_years(years=years, dyad=dyad, directed=True, frame=False)
            for dyad in found.dyads
        ]
        countries = list(dict.fromkeys([*found.states, *(c for d in found.dyads for c in d)]))
        state_panels.append(dataset.state_years(years=years, party=countries, frame=False))
    return {"dyad_years": _rows(dyad_panels), "state_years": _rows(state_panels)}


def column_type(name: str) -> str:
    """The type of a panel's column as :meth:`Panel.to_frame
    <defcoop.views.panels.Panel.to_frame>` gives it: lower-bound flags ``"boolean"``,
    abbreviations and the framework ``"string"``, every other column (codes, year, counts,
    field flags) ``"integer"``."""
    if name.endswith(LOWER_BOUND):
        return "boolean"
    return "string" if name.startswith("stateabb") or name == "framework" else "integer"


def _rows(built: list[Panel], kept: bool = True) -> PanelRows:
    """The rows of ``built`` (panels of one kind), each unit and year once, in the panels'
    order; with ``kept`` false, their columns and no rows."""
    columns = built[0].columns
    key = (*(c for c in columns if c.startswith(("ccode", "gwcode"))), "year")
    if not kept:
        return PanelRows(columns, key, [], [])
    at = [columns.index(name) for name in key]
    rows: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for panel in built:
        for row in panel:
            values = tuple(row.values())
            rows.setdefault(tuple(values[i] for i in at), values)
    ordered = [rows[k] for k in sorted(rows)]
    return PanelRows(columns, key, ordered, [panel.metadata for panel in built])
