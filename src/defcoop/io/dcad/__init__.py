"""Read the Defense Cooperation Agreement Dataset (DCAD) into defcoop records.

DCAD (Brandon J. Kinne, "The Defense Cooperation Agreement Dataset (DCAD)", *Journal of
Conflict Resolution* 64(4), 2020) codes 1,872 bilateral defense cooperation agreements of
1980-2010. It is not bundled: download it from the Correlates of War project
(https://correlatesofwar.org/data-sets/defense-cooperation-agreement-dataset/, a zip with
the main and dyadic CSV files and the codebook) or from its author's page
(https://www.brandonkinne.com/dcad), and cite the article of record in any publication that
uses it, as both ask.

:func:`read` turns the agreement-level file, ``DCAD-v1.0-main.csv``, into a
:class:`~defcoop.Dataset` joined with the bundled data (or any dataset given as ``base``),
one agreement per row:

================================ ============================================================
DCAD column                      defcoop
================================ ============================================================
``ccode1``, ``ccode2``           ``parties``: the countries with those Correlates of War codes
``signYear/Month/Day``           ``signed``, at the precision the row gives
``EIFYear/Month/Day``            ``entered_into_force``, likewise
``type``                         ``kind``: ``framework agreement`` for a general DCA,
                                 ``agreement`` for a sector-specific one (see ``TYPES``);
                                 and ``scope``, ``general`` or ``sector`` (see ``SCOPES``)
``category1`` to ``category3``   ``fields``, through the category crosswalk (below)
``DCAid``                        ``id`` ``dcad-<DCAid>`` and ``identifiers`` ``dcad:<DCAid>``
``UNTS``                         ``identifiers`` ``unts:<number>``, where the cell is a UNTS
                                 registration number (not ``0`` or ``1``, see below)
the row's number                 ``sources``: ``dcad#<row>``, rows counted from 1 after the
                                 header, in the source record ``dcad``
================================ ============================================================

The other columns (``span``, ``renewType``, ``renewYears``, ``terminated``,
``durationActual``, ``endYearEstimate``, ``asymmetry``, ``categoryConf``,
``fullText``, ``sourceType``, ``source``, the Factiva columns, and DCAD's country names) are
not carried over: join back to the file by ``identifiers`` to use them. DCAD gives no titles,
so each title is composed from the kind and the parties, as each record's notes say.

**The category crosswalk.** The DCAD codebook (in the zip above) defines the category codes;
defcoop could not consult it, so it ships no table of codes of its own. A category maps to a
field when it names one of the dataset's fields by id, label or alias (ignoring case and
diacritics), or when the ``categories`` argument maps it (``{"7": "military-education"}``).
A category that maps to nothing is never dropped: it is kept as written in the record's notes
and reported, as ``Conversion.unmapped`` and in one :class:`DcadWarning`.

**Matching.** A row that is an agreement the base dataset holds already (the same parties,
signing date and kind, or its ``dcad:`` identifier) adds none; rows that come close are added
and reported as doubts (:class:`MatchReport`, ``Conversion.matches``).

**Reading.** The file is streamed, row by row, and only a regular file is read (a FIFO or a
device is refused). Rows that cannot be read (an unknown COW code, a code in other digits
than ASCII's, a month of 13, a missing ``DCAid``, a row of the wrong width, a cell over
:data:`~defcoop.io.dcad.columns.MAX_CELL` characters, a quote left open) are reported
together in one :class:`~defcoop.DataError`, each with its row and column.

The codebook defines the ``UNTS`` column; defcoop could not consult it. A cell holding a
registration number (``54321`` or ``I-54321``) is kept as ``unts:<number>``; ``0`` reads as
none, and ``1`` or any other value, which reads as a yes/no flag or is not a number, is kept
in the notes and reported as unmapped.
"""

from __future__ import annotations

from defcoop.io._registry import Format
from defcoop.io.dcad._conversion import (
    Agreements,
    Conversion,
    DcadWarning,
    convert,
    read,
    source,
)
from defcoop.io.dcad._matching import Doubt, Match, MatchReport
from defcoop.io.dcad.columns import (
    COLUMNS,
    DYADIC_COLUMNS,
    MAX_CELL,
    MISSING,
    SCOPES,
    SOURCE_ID,
    TYPES,
)

__all__ = [
    "COLUMNS",
    "DYADIC_COLUMNS",
    "FORMAT",
    "MAX_CELL",
    "MISSING",
    "SCOPES",
    "SOURCE_ID",
    "TYPES",
    "Agreements",
    "Conversion",
    "DcadWarning",
    "Doubt",
    "Match",
    "MatchReport",
    "convert",
    "read",
    "source",
]

#: DCAD's agreement-level file, read; its dyadic layout is written by
#: ``db.dyad_years(layout="dcad")``.
FORMAT = Format(
    name="dcad",
    suffix=".csv",
    title="Defense Cooperation Agreement Dataset (DCAD)",
    reads="``DCAD-v1.0-main.csv``: :func:`defcoop.io.dcad.read`, ``defcoop import dcad``",
)
