"""What DCAD's files hold, declared once: their columns, the values read as missing, the
crosswalk of ``type``, and the limits the reader keeps to."""

from __future__ import annotations

import re
from collections.abc import Mapping

from defcoop.model.kinds import AgreementKind, AgreementScope
from defcoop.views.dcad_layout import COLUMNS as _DYADIC

__all__ = [
    "COLUMNS",
    "DYADIC_COLUMNS",
    "MAX_CELL",
    "MISSING",
    "SCOPES",
    "SOURCE_ID",
    "TYPES",
    "UNTS_NUMBER",
    "USED",
    "WHOLE_NUMBER",
]

COLUMNS = (
    "ccode1", "cowName1", "ccode2", "cowName2", "signDay", "signMonth", "signYear", "EIFDay",
    "EIFMonth", "EIFYear", "type", "category1", "category2", "category3", "span", "renewType",
    "renewYears", "terminated", "durationActual", "endYearEstimate", "asymmetry",
    "categoryConf", "UNTS", "fullText", "sourceType", "source", "factivaConf", "factivaSign",
    "factivaEIF", "DCAid",
)  # fmt: skip
"""The columns of ``DCAD-v1.0-main.csv``, in the file's order."""

USED = ("ccode1", "ccode2", "signDay", "signMonth", "signYear", "EIFDay", "EIFMonth",
        "EIFYear", "type", "category1", "category2", "category3", "UNTS", "DCAid")  # fmt: skip
"""The columns the reader reads; a file without one of them is not a DCAD main file."""

DYADIC_COLUMNS = _DYADIC
"""The columns of DCAD's dyadic file, which ``db.dyad_years(layout="dcad")`` writes
(declared in :mod:`defcoop.views.dcad_layout`)."""

SOURCE_ID = "dcad"
"""The id of the source record every imported agreement cites."""

TYPES: Mapping[str, AgreementKind] = {
    "general": AgreementKind.FRAMEWORK,
    "sector": AgreementKind.AGREEMENT,
    "sector-specific": AgreementKind.AGREEMENT,
}
"""DCAD's ``type`` (any case) and the kind it gives; extend it with ``types=``."""

SCOPES: Mapping[str, AgreementScope] = {
    "general": AgreementScope.GENERAL,
    "sector": AgreementScope.SECTOR,
    "sector-specific": AgreementScope.SECTOR,
}
"""DCAD's ``type`` (any case) and the :class:`~defcoop.AgreementScope` it gives; other
types leave ``scope`` empty."""

MISSING = frozenset({"", "NA", "N/A", "."})
"""The cells read as "not given"; extend them with ``missing=``."""

MAX_CELL = 4096
"""The longest cell the reader takes, in characters. DCAD's longest cells (``source``) are a
few hundred; a longer one is an error naming its row and column, not a run on memory."""

WHOLE_NUMBER = re.compile(r"[0-9]{1,9}", re.ASCII)
"""ASCII digits only, as DCAD writes a code, year, month or day; no sign, no ``_``
separator, no other script's digits, all of which ``int()`` would take."""

UNTS_NUMBER = re.compile(r"(?:[IV]{1,3}-)?[0-9]{1,9}", re.ASCII)
"""A United Nations Treaty Series registration number (``54321``, ``I-54321``)."""
