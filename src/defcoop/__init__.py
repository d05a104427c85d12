"""defcoop: bilateral defense cooperation as a typed, source-cited, queryable dataset.

>>> import defcoop
>>> db = defcoop.load()
>>> [str(a.signed) for a in db.agreements(field="military science")]
['2018-11-15']
"""

from __future__ import annotations

from defcoop._version import __version__

TYPE_CHECKING = False  # not imported from typing, which costs more than this whole module
if TYPE_CHECKING:
    from typing import Any

    from defcoop.arrow import to_arrow
    from defcoop.dataset import Dataset, DatasetInfo
    from defcoop.dates import PartialDate, Period, Precision
    from defcoop.dyad import DyadProfile
    from defcoop.errors import (
        ArgumentError,
        DataError,
        DateError,
        DefcoopError,
        ExportError,
        MissingExtraError,
        Problem,
        QueryError,
        RecordError,
        UnknownNameError,
    )
    from defcoop.evidence import CitedParagraph, Evidence
    from defcoop.frames import to_frame
    from defcoop.graph import to_graph
    from defcoop.kinds import (
        AgreementKind,
        EventKind,
        EventStatus,
        MechanismKind,
        MechanismLevel,
        OrganizationKind,
        StateSystem,
    )
    from defcoop.loading import clear_cache, load
    from defcoop.model import (
        Agreement,
        Citation,
        Country,
        Coverage,
        Event,
        Field,
        FieldEvidence,
        Mechanism,
        Membership,
        Organization,
        Person,
        Record,
        Relationship,
        Role,
        Source,
    )
    from defcoop.results import Results
    from defcoop.schema import json_schema
    from defcoop.serialize import dump, dumps, from_dict, to_dict
    from defcoop.timeline import Timeline

# Public names and the modules that define them. Nothing below is imported until first
# used, so that `import defcoop` costs next to nothing (the names still come from here).
_SOURCES: dict[str, str] = {
    "Agreement": "defcoop.model",
    "AgreementKind": "defcoop.kinds",
    "ArgumentError": "defcoop.errors",
    "Citation": "defcoop.model",
    "CitedParagraph": "defcoop.evidence",
    "Country": "defcoop.model",
    "Coverage": "defcoop.model",
    "DataError": "defcoop.errors",
    "Dataset": "defcoop.dataset",
    "DatasetInfo": "defcoop.dataset",
    "DateError": "defcoop.errors",
    "DefcoopError": "defcoop.errors",
    "ExportError": "defcoop.errors",
    "DyadProfile": "defcoop.dyad",
    "Event": "defcoop.model",
    "EventKind": "defcoop.kinds",
    "EventStatus": "defcoop.kinds",
    "Evidence": "defcoop.evidence",
    "Field": "defcoop.model",
    "FieldEvidence": "defcoop.model",
    "Mechanism": "defcoop.model",
    "MechanismKind": "defcoop.kinds",
    "MechanismLevel": "defcoop.kinds",
    "Membership": "defcoop.model",
    "MissingExtraError": "defcoop.errors",
    "Organization": "defcoop.model",
    "OrganizationKind": "defcoop.kinds",
    "PartialDate": "defcoop.dates",
    "Period": "defcoop.dates",
    "Person": "defcoop.model",
    "Precision": "defcoop.dates",
    "Problem": "defcoop.errors",
    "QueryError": "defcoop.errors",
    "Record": "defcoop.model",
    "RecordError": "defcoop.errors",
    "Relationship": "defcoop.model",
    "Results": "defcoop.results",
    "Role": "defcoop.model",
    "Source": "defcoop.model",
    "StateSystem": "defcoop.kinds",
    "Timeline": "defcoop.timeline",
    "UnknownNameError": "defcoop.errors",
    "clear_cache": "defcoop.loading",
    "dump": "defcoop.serialize",
    "dumps": "defcoop.serialize",
    "from_dict": "defcoop.serialize",
    "json_schema": "defcoop.schema",
    "load": "defcoop.loading",
    "to_arrow": "defcoop.arrow",
    "to_dict": "defcoop.serialize",
    "to_frame": "defcoop.frames",
    "to_graph": "defcoop.graph",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use of the name (PEP 562)."""
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module 'defcoop' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_SOURCES})


__all__ = [
    "Agreement",
    "AgreementKind",
    "ArgumentError",
    "Citation",
    "CitedParagraph",
    "Country",
    "Coverage",
    "DataError",
    "Dataset",
    "DatasetInfo",
    "DateError",
    "DefcoopError",
    "DyadProfile",
    "Event",
    "EventKind",
    "EventStatus",
    "Evidence",
    "ExportError",
    "Field",
    "FieldEvidence",
    "Mechanism",
    "MechanismKind",
    "MechanismLevel",
    "Membership",
    "MissingExtraError",
    "Organization",
    "OrganizationKind",
    "PartialDate",
    "Period",
    "Person",
    "Precision",
    "Problem",
    "QueryError",
    "Record",
    "RecordError",
    "Relationship",
    "Results",
    "Role",
    "Source",
    "StateSystem",
    "Timeline",
    "UnknownNameError",
    "__version__",
    "clear_cache",
    "dump",
    "dumps",
    "from_dict",
    "json_schema",
    "load",
    "to_arrow",
    "to_dict",
    "to_frame",
    "to_graph",
]
