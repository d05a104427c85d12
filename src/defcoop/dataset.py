"""The dataset: validated records, their queries, and the views they give of themselves.

:class:`Dataset` is a :class:`~defcoop.query.collection.Collection` (the records, their
indexes and queries) with the views, panels and tables of :mod:`defcoop.views` as methods
(``db.timeline()``, ``db.dyad_years()``). It sits in its own layer, above the views and below
loading, so that the views take a collection and nothing imports upward. Each method imports
the module that builds its answer when it is called, so that ``import defcoop`` stays cheap
and optional extras (pandas, pyarrow) are imported only by the calls that need them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, overload

from defcoop.model.kinds import StateSystem
from defcoop.query import _tabular
from defcoop.query._lookup import record_kind
from defcoop.query.collection import (
    Collection,
    CountryName,
    DateFilter,
)

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from defcoop.model.records import Record
    from defcoop.query.diff import DataDiff
    from defcoop.views.dcad_layout import DcadLayout
    from defcoop.views.dyad import DyadProfile
    from defcoop.views.evidence import AnswerEvidence, Evidence
    from defcoop.views.panels import DyadFilter, Panel, PartyFilter, YearsFilter
    from defcoop.views.timeline import Timeline

__all__ = ["Dataset"]


class Dataset(Collection):
    """Validated records and the queries over them; immutable once built.

    Build one with :func:`defcoop.load` or :meth:`from_records`. Query methods return
    :class:`~defcoop.Results`, tuples ordered by date, then id (undated records last); their
    filters combine with AND. The views (:meth:`timeline`, :meth:`dyad`, :meth:`evidence`,
    :meth:`cite`, :meth:`dyad_years`, :meth:`state_years`) and tables (:meth:`to_frame`,
    :meth:`to_arrow`) are methods too.
    """

    __slots__ = ()

    def timeline(
        self, *, party: CountryName | None = None, when: DateFilter | None = None
    ) -> Timeline:
        """Every dated agreement, event and arms transfer, in date order; see
        :class:`~defcoop.Timeline`.

        Agreements are dated by when they were signed, events by when they took place,
        transfers from their order to their last delivery; undated records are left out.
        ``party`` and ``when`` work as in :meth:`events`.
        """
        from defcoop.views.timeline import build_timeline

        return build_timeline(self, party=party, when=when)

    def dyad(self, first: CountryName, second: CountryName) -> DyadProfile:
        """Everything about one pair: relationship, agreements, events, mechanisms, transfers."""
        from defcoop.views.dyad import build_dyad

        return build_dyad(self, first, second)

    @overload
    def evidence(self, record: str | Record, *, field: str | None = ...) -> Evidence: ...

    @overload
    def evidence(self, record: Iterable[Record], *, field: str | None = ...) -> AnswerEvidence: ...

    def evidence(
        self, record: str | Record | Iterable[Record], *, field: str | None = None
    ) -> Evidence | AnswerEvidence:
        """A record's citations, or those of every record of an answer, resolved to sources.

        ``record`` is a record or its id (an :class:`~defcoop.Evidence`, with a relationship's
        per-field evidence), or the records of an answer, such as the :class:`~defcoop.Results`
        of a query (an :class:`~defcoop.AnswerEvidence`, listing each source once). With
        ``field`` (an id, label or alias), a relationship's evidence is only what is cited
        for that field and the fields below it.
        """
        from defcoop.views.evidence import build_answer_evidence, build_evidence, is_answer

        if is_answer(record):
            return build_answer_evidence(self, record, field=field)
        return build_evidence(self, record, field=field)  # type: ignore[arg-type]

    def diff(self, other: Collection) -> DataDiff:
        """What changed from this dataset to ``other``: records added, removed and changed.

        ``old.diff(new)`` matches records by id and lists, for each changed record, every
        attribute whose value differs with its old and new value; ``str()`` of the answer is
        a text report, ``to_dict()``/``to_json()`` the same for other tools. See
        :mod:`defcoop.query.diff`.
        """
        from defcoop.query.diff import diff

        return diff(self, other)

    def to_arrow(self, kind: str | type[Record]) -> pyarrow.Table:
        """Every record of one kind as an Arrow table; see :mod:`defcoop.query.arrow`."""
        from defcoop.query.arrow import dataset_table

        return dataset_table(self, kind)

    def cite(
        self,
        record: str | Record | Iterable[Record],
        *,
        style: str = "bibtex",
        field: str | None = None,
    ) -> str:
        """Citations a reference manager imports: for a source, a record, or a whole answer.

        ``record`` is a source, a record, its id, or the records of an answer such as the
        :class:`~defcoop.Results` of a query (``db.cite(db.agreements(field="training"))``;
        :class:`~defcoop.Results` has no ``cite()`` of its own, since the sources are in the
        dataset, not in the answer). Each source cited has one entry, with a key unique in
        the answer, whose note names the paragraphs each record rests on. ``style`` is
        ``"bibtex"`` or ``"csl-json"``; ``field`` narrows a relationship's citations as in
        :meth:`evidence`. See :mod:`defcoop.views.cite`.
        """
        from defcoop.views.cite import cite

        return cite(self, record, style=style, field=field)

    @overload
    def dyad_years(
        self,
        *,
        years: YearsFilter,
        party: PartyFilter | None = ...,
        dyad: DyadFilter | None = ...,
        directed: bool = ...,
        system: StateSystem | str = ...,
        layout: Literal["defcoop"] = ...,
        frame: Literal[False],
    ) -> Panel: ...

    @overload
    def dyad_years(
        self,
        *,
        years: YearsFilter,
        party: PartyFilter | None = ...,
        dyad: DyadFilter | None = ...,
        layout: Literal["dcad"],
        frame: Literal[False],
    ) -> DcadLayout: ...

    @overload
    def dyad_years(
        self,
        *,
        years: YearsFilter,
        party: PartyFilter | None = ...,
        dyad: DyadFilter | None = ...,
        directed: bool = ...,
        system: StateSystem | str = ...,
        layout: Literal["defcoop", "dcad"] = ...,
        frame: Literal[True],
    ) -> pandas.DataFrame: ...

    @overload
    def dyad_years(
        self,
        *,
        years: YearsFilter,
        party: PartyFilter | None = ...,
        dyad: DyadFilter | None = ...,
        directed: bool = ...,
        system: StateSystem | str = ...,
        layout: Literal["defcoop", "dcad"] = ...,
        frame: None = ...,
    ) -> Panel | DcadLayout | pandas.DataFrame: ...

    def dyad_years(
        self,
        *,
        years: YearsFilter,
        party: PartyFilter | None = None,
        dyad: DyadFilter | None = None,
        directed: bool = False,
        system: StateSystem | str = StateSystem.COW,
        layout: Literal["defcoop", "dcad"] = "defcoop",
        frame: bool | None = None,
    ) -> Panel | DcadLayout | pandas.DataFrame:
        """A dyad-year panel: one row per pair of states of ``system`` per year, with counts.

        Columns ``ccode1``, ``ccode2``, ``year`` (``gwcode1``/``gwcode2`` for ``system="gw"``),
        ``stateabb1``, ``stateabb2`` (COW abbreviations), agreements signed, in force and in
        force with no end known, events occurred and planned, visits, multilateral events,
        mechanisms active, arms transfers ordered and delivering and units delivered, each
        count's lower-bound flag (``agreements_signed_lb``: true where a record stands for
        several with no number given), the framework and one 0/1 column per field. Non-directed
        panels keep ``ccode1 < ccode2``; ``directed=True`` gives a row per direction, and
        ``visits`` then counts the first state's visits to the second. Counts are missing
        outside :attr:`coverage`; see :mod:`defcoop.views.panels` for what is left out and why.

        With pandas installed the panel is a DataFrame (nullable ``Int64`` columns, the
        metadata in ``frame.attrs``); without it, a :class:`~defcoop.views.panels.Panel` of plain
        rows. ``frame=False`` always gives the rows (code that must not depend on what is
        installed), ``frame=True`` always the DataFrame.

        Args:
            years: ``"2008/2020"``, a Period, ``(2008, 2020)`` or one year, within the state
                system's years (a later year is an error, not a huge panel).
            party: a country (its dyads only), or a list of countries (the dyads of any of
                them), by code or name.
            dyad: a pair of countries: their dyad only.
            directed: one row per ordered pair instead of per unordered pair.
            system: ``"cow"`` (Correlates of War, the default) or ``"gw"`` (Gleditsch-Ward).
            layout: ``"defcoop"``, or ``"dcad"`` for the columns and coding of DCAD's dyadic
                file (a :class:`~defcoop.views.dcad_layout.DcadLayout`: COW codes, not
                directed, indicators missing outside coverage), to append to DCAD's years.
            frame: a DataFrame (True), plain rows (False), or whichever pandas allows (None).

        Raises:
            MissingExtraError: for ``frame=True`` without pandas (``defcoop[pandas]``).
            ArgumentError: for ``layout="dcad"`` with ``directed=True`` or another system.
        """
        from defcoop.views.panels import build_panel, deliver

        if layout != "defcoop":
            from defcoop.views.dcad_layout import deliver_dcad

            return deliver_dcad(self, layout, years, party, dyad, (directed, system), frame)
        panel = build_panel(
            self, "dyad", years=years, directed=directed, system=system, party=party, dyad=dyad
        )
        return deliver(panel, frame)

    @overload
    def state_years(
        self,
        *,
        years: YearsFilter,
        party: PartyFilter | None = ...,
        system: StateSystem | str = ...,
        frame: Literal[False],
    ) -> Panel: ...

    @overload
    def state_years(
        self,
        *,
        years: YearsFilter,
        party: PartyFilter | None = ...,
        system: StateSystem | str = ...,
        frame: Literal[True],
    ) -> pandas.DataFrame: ...

    @overload
    def state_years(
        self,
        *,
        years: YearsFilter,
        party: PartyFilter | None = ...,
        system: StateSystem | str = ...,
        frame: None = ...,
    ) -> Panel | pandas.DataFrame: ...

    def state_years(
        self,
        *,
        years: YearsFilter,
        party: PartyFilter | None = None,
        system: StateSystem | str = StateSystem.COW,
        frame: bool | None = None,
    ) -> Panel | pandas.DataFrame:
        """A state-year panel: one row per state of ``system`` per year (``ccode``, ``year``).

        A record counts once for each state among its parties; ``visits_made`` and
        ``visits_received`` count visits by actor and by recipient, ``transfers_supplied``,
        ``transfers_received``, ``units_supplied`` and ``units_received`` arms transfers by
        supplier and by recipient. A state-year is covered
        only by coverage naming that state alone (or every state): a pair's coverage says
        nothing of the state's other partners. ``years``, ``party`` (the rows of a country, or
        of any of a list of them), ``system`` and ``frame`` work as in :meth:`dyad_years`.
        """
        from defcoop.views.panels import build_panel, deliver

        panel = build_panel(self, "state", years=years, system=system, party=party)
        return deliver(panel, frame)

    def to_frame(self, kind: str | type[Record]) -> pandas.DataFrame:
        """Every record of one kind as a pandas DataFrame; see :func:`defcoop.to_frame`.

        ``kind`` is a data-file key (``"agreements"``), its singular or a record class.
        """
        record_type = record_kind(kind)
        records = (r for r in self if type(r) is record_type)
        return _tabular.frame(records, record_type, "Dataset.to_frame()")
