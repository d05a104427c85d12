"""defcoop: bilateral defense cooperation as a typed, source-cited, queryable dataset.

>>> import defcoop
>>> db = defcoop.load()
>>> [str(a.signed) for a in db.agreements(field="military science")]
['2018-11']
"""

from typing import TYPE_CHECKING, Any

from defcoop._version import __version__
from defcoop.dataset import Dataset, DatasetInfo
from defcoop.dates import PartialDate, Period, Precision
from defcoop.errors import (
    ArgumentError,
    DataError,
    DateError,
    DefcoopError,
    MissingExtraError,
    Problem,
    QueryError,
    RecordError,
    UnknownNameError,
)
from defcoop.kinds import (
    AgreementKind,
    EventKind,
    EventStatus,
    MechanismKind,
    MechanismLevel,
    OrganizationKind,
)
from defcoop.loading import clear_cache, load
from defcoop.model import (
    Agreement,
    Citation,
    Country,
    Event,
    Field,
    FieldEvidence,
    Mechanism,
    Organization,
    Person,
    Record,
    Relationship,
    Role,
    Source,
)
from defcoop.results import Results
from defcoop.serialize import dump, dumps, from_dict, to_dict

if TYPE_CHECKING:
    from defcoop.dyad import DyadProfile
    from defcoop.evidence import CitedParagraph, Evidence
    from defcoop.frames import to_frame
    from defcoop.graph import to_graph
    from defcoop.schema import json_schema
    from defcoop.timeline import Timeline

# Public names whose modules are imported on first use, so that `import defcoop` stays cheap.
_LAZY = {
    "CitedParagraph": "defcoop.evidence",
    "DyadProfile": "defcoop.dyad",
    "Evidence": "defcoop.evidence",
    "Timeline": "defcoop.timeline",
    "json_schema": "defcoop.schema",
    "to_frame": "defcoop.frames",
    "to_graph": "defcoop.graph",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'defcoop' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Agreement",
    "AgreementKind",
    "ArgumentError",
    "Citation",
    "CitedParagraph",
    "Country",
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
    "Field",
    "FieldEvidence",
    "Mechanism",
    "MechanismKind",
    "MechanismLevel",
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
    "Timeline",
    "UnknownNameError",
    "__version__",
    "clear_cache",
    "dump",
    "dumps",
    "from_dict",
    "json_schema",
    "load",
    "to_dict",
    "to_frame",
    "to_graph",
]
