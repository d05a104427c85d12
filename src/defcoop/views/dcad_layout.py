"""Dyad-years in the layout of DCAD's dyadic file, to append to DCAD's 1980-2010 years.

The Defense Cooperation Agreement Dataset (DCAD, Kinne 2020) ships a dyadic file,
``DCAD-v1.0-dyadic.csv``, of one row per pair of states and year with 0/1 indicators of an
active defense cooperation agreement. :meth:`Dataset.dyad_years(layout="dcad")
<defcoop.Dataset.dyad_years>` writes defcoop's dyad-years with the same columns
(:data:`COLUMNS`), so that a user can append them to DCAD's file for the years defcoop covers.

Each indicator is 1 where an agreement of the dyad (arms contracts aside, as in every panel)
is in force that year, 0 where the coverage vouches for the dyad's agreements and none is,
and **missing** where no claim of coverage reaches the dyad-year: never a false 0. defcoop's
reading of the two versions (``V1``, ``V2``) and of ``General``/``Sector``:

- ``V2`` counts an agreement in force from entry into force (or signing) to its end, and,
  where no source gives an end, as still in force (the panels' ``agreements_in_force``);
- ``V1`` counts only the years up to a known end: where the only agreements that might be
  in force are ones without a known end, ``V1`` is missing rather than guessed;
- ``General`` and ``Sector`` read each agreement's ``scope``; an
  agreement in force without a scope leaves both missing (unless an agreement of that scope
  makes it 1), as defcoop does not guess a scope; ``Any`` counts every agreement.

defcoop's authors could not consult DCAD's codebook: the columns are those DCAD's dyadic
file is documented and used with, but the codebook's own definition of the two versions may
differ from this reading (``docs/dcad.md`` says more).

>>> import defcoop
>>> rows = defcoop.load().dyad_years(years="2018", dyad=("VNM", "RUS"), layout="dcad",
...                                  frame=False)
>>> {k: rows[0][k] for k in ("ccode1", "abbrev1", "ccode2", "abbrev2", "year", "dcaAnyV2")}
{'ccode1': 365, 'abbrev1': 'RUS', 'ccode2': 816, 'abbrev2': 'DRV', 'year': 2018, 'dcaAnyV2': 1}
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

from defcoop._extras import require
from defcoop._quote import described
from defcoop.errors import ArgumentError
from defcoop.model.kinds import AgreementKind, AgreementScope, StateSystem
from defcoop.views import _panel_arguments, _panel_records

if TYPE_CHECKING:
    import pandas

    from defcoop.query.collection import Collection
    from defcoop.views.panels import DyadFilter, PartyFilter, YearsFilter

__all__ = ["COLUMNS", "INDICATORS", "DcadLayout", "build", "deliver_dcad"]

INDICATORS = (
    "dcaGeneralV1",
    "dcaGeneralV2",
    "dcaSectorV1",
    "dcaSectorV2",
    "dcaAnyV1",
    "dcaAnyV2",
)
"""The indicator columns of DCAD's dyadic file, in the file's order."""

COLUMNS = ("ccode1", "abbrev1", "ccode2", "abbrev2", "year", *INDICATORS)
"""The columns of DCAD's dyadic file, ``DCAD-v1.0-dyadic.csv``, in the file's order."""

_SCOPES = {"General": AgreementScope.GENERAL, "Sector": AgreementScope.SECTOR, "Any": None}


class DcadLayout(Sequence[dict[str, Any]]):
    """Dyad-years as rows of DCAD's dyadic file: plain dicts, a DataFrame or CSV on request.

    Rows keep ``ccode1 < ccode2`` and come in the order of the codes, then the year; each
    indicator is 1, 0 or None (missing). :attr:`metadata` says which years and dyads, the
    coverage and the data version.
    """

    __slots__ = ("_rows", "metadata")

    columns = COLUMNS
    """The column names, in DCAD's order."""

    def __init__(self, rows: list[tuple[Any, ...]], metadata: dict[str, Any]) -> None:
        """Built by :func:`build`."""
        self._rows = rows
        self.metadata = metadata
        """Years, party or dyad, coverage, data and code versions, and what each column is."""

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [dict(zip(COLUMNS, row, strict=True)) for row in self._rows[index]]
        return dict(zip(COLUMNS, self._rows[index], strict=True))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (dict(zip(COLUMNS, row, strict=True)) for row in self._rows)

    def __repr__(self) -> str:
        first, last = self.metadata["years"]
        return f"<DcadLayout dyad-year cow {first}-{last}: {len(self)} rows>"

    def to_csv(self, *, header: bool = True) -> str:
        """The rows as CSV text in DCAD's columns; a missing indicator is an empty cell.

        ``header=False`` leaves out the header line, to append to DCAD's own file.
        """
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if header:
            writer.writerow(COLUMNS)
        writer.writerows(["" if v is None else v for v in row] for row in self._rows)
        return buffer.getvalue()

    def to_frame(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame: codes, year and indicators nullable ``Int64``
        (missing ``<NA>``), abbreviations ``string``; :attr:`metadata` in ``frame.attrs``.

        Raises:
            MissingExtraError: when pandas is not installed (``pip install "defcoop[pandas]"``).
        """
        pd: Any = require("pandas", "pandas", purpose="DcadLayout.to_frame()")
        columns = list(zip(*self._rows, strict=True)) if self._rows else [()] * len(COLUMNS)
        data = {
            name: pd.array(list(values), dtype="string" if name.startswith("abbrev") else "Int64")
            for name, values in zip(COLUMNS, columns, strict=True)
        }
        frame = pd.DataFrame(data, columns=list(COLUMNS))
        frame.attrs.update(self.metadata)
        return frame


def build(
    dataset: Collection,
    *,
    years: YearsFilter,
    party: PartyFilter | None = None,
    dyad: DyadFilter | None = None,
) -> DcadLayout:
    """The dyad-years of ``dataset`` in DCAD's layout (COW codes, not directed); see the
    module's docstring for what each indicator means."""
    system = StateSystem.COW
    span = _panel_arguments.years_of(years, dataset, system)
    units = _panel_arguments.units_of(dataset, party, dyad)
    grid = _panel_records.build(dataset, "dyad", False, system, span, units)
    known: dict[str, set[int]] = {name: set() for name in _SCOPES}  # in force, end known
    open_: dict[str, set[int]] = {name: set() for name in _SCOPES}  # in force, no end known
    unscoped: set[int] = set()  # in force, no scope: General and Sector cannot be 0
    for agreement in dataset.agreements():
        if agreement.kind is AgreementKind.CONTRACT:
            continue
        start, end = _panel_records.in_force(agreement)
        if start is None:
            continue
        last = span.stop - 1 if end is None else min(end.year, span.stop - 1)
        names = [n for n, s in _SCOPES.items() if s is None or s is agreement.scope]
        for year in range(max(start.year, span.start), last + 1):
            for row in grid.rows_of(grid.codes, agreement.parties, year):
                for name in names:
                    (known if end is not None else open_)[name].add(row)
                if agreement.scope is None:
                    unscoped.add(row)
    covered = grid.covered["agreements_in_force"]
    rows = []
    abbreviations = grid.abbreviations
    for i in range(len(grid.year)):
        first, second = grid.first[i], grid.second[i]
        values: list[int | None] = []
        for name in _SCOPES:
            doubt = name != "Any" and i in unscoped
            strict = 1 if i in known[name] else None if doubt or i in open_[name] else 0
            broad = 1 if i in known[name] or i in open_[name] else None if doubt else 0
            values += [strict, broad] if covered[i] else [None, None]
        pair = (first, abbreviations.get(first), second, abbreviations.get(second))
        rows.append((*pair, grid.year[i], *values))
    metadata = {
        "layout": "dcad",
        "unit": "dyad-year",
        "system": system.value,
        "years": [span.start, span.stop - 1],
        "coverage": [str(item) for item in dataset.coverage],
        "data_version": None if dataset.info is None else dataset.info.version,
    }
    return DcadLayout(rows, metadata)


def deliver_dcad(
    dataset: Collection,
    layout: object,
    years: YearsFilter,
    party: PartyFilter | None,
    dyad: DyadFilter | None,
    unsupported: tuple[object, object],
    frame: bool | None,
) -> DcadLayout | pandas.DataFrame:
    """:meth:`Dataset.dyad_years <defcoop.Dataset.dyad_years>` for a ``layout`` other than
    defcoop's own: its arguments checked, the rows built, in the form ``frame`` asks for.

    ``unsupported`` is ``(directed, system)``, which DCAD's layout fixes (not directed, COW).
    """
    if layout != "dcad":
        from defcoop.query._lookup import unknown

        raise unknown("panel layout", described(layout), ("defcoop", "dcad"))
    directed, system = unsupported
    if directed is not False or system not in (StateSystem.COW, StateSystem.COW.value):
        raise ArgumentError(
            "layout='dcad' is DCAD's dyadic file: COW codes and one row per unordered pair; "
            f"it takes neither directed={described(directed)} nor system={described(system)}"
        )
    if frame is not None and type(frame) is not bool:
        raise ArgumentError(f"frame= expects True, False or None, got {described(frame)}")
    rows = build(dataset, years=years, party=party, dyad=dyad)
    if frame is None:
        try:
            import pandas  # noqa: F401  (only to learn whether it is there)
        except ImportError:
            return rows
        frame = True
    return rows.to_frame() if frame else rows
