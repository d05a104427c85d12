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

    from defcoop.dataset import Dataset
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
    from defcoop.io._registry import formats
    from defcoop.io.codebook import codebook
    from defcoop.io.schema import json_schema
    from defcoop.io.serialize import dump, dumps, from_dict, to_dict
    from defcoop.loading import clear_cache, load
    from defcoop.model.dates import PartialDate, Period, Precision
    from defcoop.model.kinds import (
        AgreementEnding,
        AgreementKind,
        AgreementScope,
        EventKind,
        EventStatus,
        MechanismKind,
        MechanismLevel,
        OrganizationKind,
        StateSystem,
        TransferCategory,
        TransferStatus,
    )
    from defcoop.model.records import (
        Agreement,
        Citation,
        Country,
        Coverage,
        Delivery,
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
        Search,
        Source,
        Transfer,
        Value,
    )
    from defcoop.query.arrow import to_arrow
    from defcoop.query.collection import DatasetInfo
    from defcoop.query.frames import to_frame
    from defcoop.query.results import Results
    from defcoop.views.citation import cite_dataset
    from defcoop.views.dyad import DyadProfile
    from defcoop.views.evidence import AnswerEvidence, CitedParagraph, Evidence
    from defcoop.views.graph import to_graph
    from defcoop.views.timeline import Timeline

# Public names and the modules that define them. Nothing below is imported until first
# used, so that `import defcoop` costs next to nothing (the names still come from here).
_SOURCES: dict[str, str] = {
    "Agreement": "defcoop.model.records",
    "AgreementEnding": "defcoop.model.kinds",
    "AgreementKind": "defcoop.model.kinds",
    "AgreementScope": "defcoop.model.kinds",
    "ArgumentError": "defcoop.errors",
    "Citation": "defcoop.model.records",
    "AnswerEvidence": "defcoop.views.evidence",
    "CitedParagraph": "defcoop.views.evidence",
    "Country": "defcoop.model.records",
    "Coverage": "defcoop.model.records",
    "DataError": "defcoop.errors",
    "Dataset": "defcoop.dataset",
    "DatasetInfo": "defcoop.query.collection",
    "DateError": "defcoop.errors",
    "DefcoopError": "defcoop.errors",
    "Delivery": "defcoop.model.records",
    "DyadProfile": "defcoop.views.dyad",
    "ExportError": "defcoop.errors",
    "Event": "defcoop.model.records",
    "EventKind": "defcoop.model.kinds",
    "EventStatus": "defcoop.model.kinds",
    "Evidence": "defcoop.views.evidence",
    "Field": "defcoop.model.records",
    "FieldEvidence": "defcoop.model.records",
    "Mechanism": "defcoop.model.records",
    "MechanismKind": "defcoop.model.kinds",
    "MechanismLevel": "defcoop.model.kinds",
    "Membership": "defcoop.model.records",
    "MissingExtraError": "defcoop.errors",
    "Organization": "defcoop.model.records",
    "OrganizationKind": "defcoop.model.kinds",
    "PartialDate": "defcoop.model.dates",
    "Period": "defcoop.model.dates",
    "Person": "defcoop.model.records",
    "Precision": "defcoop.model.dates",
    "Problem": "defcoop.errors",
    "QueryError": "defcoop.errors",
    "Record": "defcoop.model.records",
    "RecordError": "defcoop.errors",
    "Relationship": "defcoop.model.records",
    "Results": "defcoop.query.results",
    "Role": "defcoop.model.records",
    "Search": "defcoop.model.records",
    "Source": "defcoop.model.records",
    "StateSystem": "defcoop.model.kinds",
    "Timeline": "defcoop.views.timeline",
    "Transfer": "defcoop.model.records",
    "TransferCategory": "defcoop.model.kinds",
    "TransferStatus": "defcoop.model.kinds",
    "UnknownNameError": "defcoop.errors",
    "Value": "defcoop.model.records",
    "cite_dataset": "defcoop.views.citation",
    "clear_cache": "defcoop.loading",
    "codebook": "defcoop.io.codebook",
    "dump": "defcoop.io.serialize",
    "dumps": "defcoop.io.serialize",
    "formats": "defcoop.io._registry",
    "from_dict": "defcoop.io.serialize",
    "json_schema": "defcoop.io.schema",
    "load": "defcoop.loading",
    "to_arrow": "defcoop.query.arrow",
    "to_dict": "defcoop.io.serialize",
    "to_frame": "defcoop.query.frames",
    "to_graph": "defcoop.views.graph",
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
    "AgreementEnding",
    "AgreementKind",
    "AgreementScope",
    "AnswerEvidence",
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
    "Delivery",
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
    "Search",
    "Source",
    "StateSystem",
    "Timeline",
    "Transfer",
    "TransferCategory",
    "TransferStatus",
    "UnknownNameError",
    "Value",
    "__version__",
    "cite_dataset",
    "clear_cache",
    "codebook",
    "dump",
    "dumps",
    "formats",
    "from_dict",
    "json_schema",
    "load",
    "to_arrow",
    "to_dict",
    "to_frame",
    "to_graph",
]
