"""The views, panels and tables a :class:`~defcoop.Dataset` gives of itself.

They are methods of the dataset (``db.timeline()``, ``db.dyad_years()``), kept here so that
the dataset module holds only building, indexes and queries. Each imports the module that
builds its answer when it is called, so that ``import defcoop`` stays cheap and optional
extras (pandas, pyarrow) are imported only by the calls that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast, overload

from defcoop import _tabular
from defcoop._lookup import record_kind
from defcoop.kinds import StateSystem

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from defcoop.dataset import CountryName, Dataset, DateFilter
    from defcoop.dyad import DyadProfile
    from defcoop.evidence import Evidence
    from defcoop.model import Record
    from defcoop.panels import Panel, YearsFilter
    from defcoop.timeline import Timeline

__all__ = ["Views"]


class Views:
    """The base of :class:`~defcoop.Dataset` that gives its views, panels and tables."""

    __slots__ = ()

    def _dataset(self) -> Dataset:
        # Views is only ever a base of Dataset, which mypy cannot see from here.
        return cast("Dataset", self)

    def timeline(
        self, *, party: CountryName | None = None, when: DateFilter | None = None
    ) -> Timeline:
        """Every dated agreement and event, in date order; see :class:`~defcoop.Timeline`.

        Agreements are dated by when they were signed, events by when they took place;
        undated records are left out. ``party`` and ``when`` work as in :meth:`events`.
        """
        from defcoop.timeline import build_timeline

        return build_timeline(self._dataset(), party=party, when=when)

    def dyad(self, first: CountryName, second: CountryName) -> DyadProfile:
        """Everything about one pair of countries: relationship, agreements, events, mechanisms."""
        from defcoop.dyad import build_dyad

        return build_dyad(self._dataset(), first, second)

    def evidence(self, record: str | Record) -> Evidence:
        """A record's citations, resolved to each source's title, publisher and date.

        ``record`` is a record or its id; a relationship's per-field evidence is included.
        """
        from defcoop.evidence import build_evidence

        return build_evidence(self._dataset(), record)

    def to_arrow(self, kind: str | type[Record]) -> pyarrow.Table:
        """Every record of one kind as an Arrow table; see :mod:`defcoop.arrow`."""
        from defcoop.arrow import dataset_table

        return dataset_table(self._dataset(), kind)

    def cite(self, record: str | Record, *, style: str = "bibtex") -> str:
        """Citations a reference manager imports, for a source or the sources of a record.

        ``style`` is ``"bibtex"`` or ``"csl-json"``; a record's entries name the paragraphs
        it rests on. See :mod:`defcoop.cite`.
        """
        from defcoop.cite import cite

        return cite(self._dataset(), record, style=style)

    @overload
    def dyad_years(
        self,
        *,
        years: YearsFilter,
        directed: bool = ...,
        system: StateSystem | str = ...,
        frame: Literal[False],
    ) -> Panel: ...

    @overload
    def dyad_years(
        self,
        *,
        years: YearsFilter,
        directed: bool = ...,
        system: StateSystem | str = ...,
        frame: Literal[True],
    ) -> pandas.DataFrame: ...

    @overload
    def dyad_years(
        self,
        *,
        years: YearsFilter,
        directed: bool = ...,
        system: StateSystem | str = ...,
        frame: None = ...,
    ) -> Panel | pandas.DataFrame: ...

    def dyad_years(
        self,
        *,
        years: YearsFilter,
        directed: bool = False,
        system: StateSystem | str = StateSystem.COW,
        frame: bool | None = None,
    ) -> Panel | pandas.DataFrame:
        """A dyad-year panel: one row per pair of states of ``system`` per year, with counts.

        Columns ``ccode1``, ``ccode2``, ``year`` (``gwcode1``/``gwcode2`` for ``system="gw"``),
        agreements signed and in force, events occurred and planned, visits, multilateral
        events, mechanisms active, the framework and one 0/1 column per field. Non-directed
        panels keep ``ccode1 < ccode2``; ``directed=True`` gives a row per direction, and
        ``visits`` then counts the first state's visits to the second. Counts are missing
        outside :attr:`coverage`; see :mod:`defcoop.panels` for what is left out and why.

        With pandas installed the panel is a DataFrame (nullable ``Int64`` columns, the
        metadata in ``frame.attrs``); without it, a :class:`~defcoop.panels.Panel` of plain
        rows. ``frame=False`` always gives the rows (code that must not depend on what is
        installed), ``frame=True`` always the DataFrame.

        Args:
            years: ``"2008/2020"``, a Period, ``(2008, 2020)`` or one year.
            directed: one row per ordered pair instead of per unordered pair.
            system: ``"cow"`` (Correlates of War, the default) or ``"gw"`` (Gleditsch-Ward).
            frame: a DataFrame (True), plain rows (False), or whichever pandas allows (None).

        Raises:
            MissingExtraError: for ``frame=True`` without pandas (``defcoop[pandas]``).
        """
        from defcoop.panels import build_panel, deliver

        panel = build_panel(self._dataset(), "dyad", years=years, directed=directed, system=system)
        return deliver(panel, frame)

    @overload
    def state_years(
        self, *, years: YearsFilter, system: StateSystem | str = ..., frame: Literal[False]
    ) -> Panel: ...

    @overload
    def state_years(
        self, *, years: YearsFilter, system: StateSystem | str = ..., frame: Literal[True]
    ) -> pandas.DataFrame: ...

    @overload
    def state_years(
        self, *, years: YearsFilter, system: StateSystem | str = ..., frame: None = ...
    ) -> Panel | pandas.DataFrame: ...

    def state_years(
        self,
        *,
        years: YearsFilter,
        system: StateSystem | str = StateSystem.COW,
        frame: bool | None = None,
    ) -> Panel | pandas.DataFrame:
        """A state-year panel: one row per state of ``system`` per year (``ccode``, ``year``).

        A record counts once for each state among its parties; ``visits_made`` and
        ``visits_received`` count visits by actor and by recipient. A state-year is covered
        only by coverage naming that state alone (or every state): a pair's coverage says
        nothing of the state's other partners. ``years``, ``system`` and ``frame`` work as
        in :meth:`dyad_years`.
        """
        from defcoop.panels import build_panel, deliver

        return deliver(build_panel(self._dataset(), "state", years=years, system=system), frame)

    def to_frame(self, kind: str | type[Record]) -> pandas.DataFrame:
        """Every record of one kind as a pandas DataFrame; see :func:`defcoop.to_frame`.

        ``kind`` is a data-file key (``"agreements"``), its singular or a record class.
        """
        record_type = record_kind(kind)
        records = (r for r in self._dataset() if type(r) is record_type)
        return _tabular.frame(records, record_type, "Dataset.to_frame()")
