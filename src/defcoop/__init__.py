"""defcoop: bilateral defense cooperation as a typed, source-cited, queryable dataset.

>>> import defcoop
>>> db = defcoop.load()
>>> [str(a.signed) for a in db.agreements(field="military science")]
['2018-11']
"""

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
from defcoop.serialize import dump, dumps, from_dict, to_dict

__all__ = [
    "Agreement",
    "AgreementKind",
    "ArgumentError",
    "Citation",
    "Country",
    "DataError",
    "Dataset",
    "DatasetInfo",
    "DateError",
    "DefcoopError",
    "Event",
    "EventKind",
    "EventStatus",
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
    "Role",
    "Source",
    "UnknownNameError",
    "__version__",
    "clear_cache",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "to_dict",
]
