"""What the package knows about each record type, declared once, beside the class itself.

Each record class of :mod:`defcoop.model.records` carries a :func:`record_type` declaration, in the
manner of pycountry's databases: its key in data files, its singular word, the attributes that
refer to other records, its date, the attribute that names it, its query indexes, whether it is
a node of the graph. Loading, validation, display, frames, the graph, the schema, the command
line, serialization and the dataset's indexes read these declarations instead of lists of their
own, so adding a record type touches the model, its data and its tests.

>>> from defcoop import Agreement
>>> declared = of(Agreement)
>>> declared.key, declared.singular, declared.date
('agreements', 'agreement', 'signed')
>>> [reference.attribute for reference in declared.references]
['parties', 'fields', 'signatories', 'signed_during']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

__all__ = [
    "Index",
    "RecordType",
    "Reference",
    "Stages",
    "by_key",
    "collections",
    "dated",
    "keys",
    "named",
    "of",
    "record_type",
    "record_types",
]

C = TypeVar("C", bound=type)


@attrs.frozen
class Reference:
    """An attribute that holds the id (or ids) of records of another type.

    Attributes:
        attribute: the attribute's name (``"parties"``); ``"roles.organization"`` names an
            attribute of each item of a list.
        target: the singular word of the record type referred to (``"country"``).
        edge: the type of the graph edge it makes (``"party"``), or None for no edge.
    """

    attribute: str
    target: str
    edge: str | None = None

    @property
    def target_type(self) -> type[Any]:
        """The record class referred to."""
        return named(self.target).cls


@attrs.frozen
class Index:
    """A query filter answered from a posting index built once, when a dataset is built.

    Attributes:
        filter: the name of the query argument (``"party"``).
        attribute: the attribute whose values are the index's keys (``"parties"``); a list
            gives one key per item, a vocabulary word its text, None no key.
        broader: whether a value also answers for every field above it in the taxonomy.
        keys: for a value derived from the record rather than stored in it, the function
            that gives a record's keys (an event's PLOVER types from its CAMEO code).
        help: what the filter takes, in words, for the command line's ``--help``.
    """

    filter: str
    attribute: str
    broader: bool = False
    keys: Callable[[Any], Iterable[str]] | None = None
    help: str = ""


@attrs.frozen
class Stages:
    """Dates a record reaches after its own, which a timeline draws on its row as bars (a
    transfer's years of delivery after its order).

    Attributes:
        of: the function that gives a record's stages, in order, as partial dates or periods.
        label: what one of them is, for a chart's legend (``"delivered that year"``).
    """

    of: Callable[[Any], tuple[Any, ...]]
    label: str


@attrs.frozen(kw_only=True)
class RecordType:
    """One record type as the rest of the package sees it.

    Attributes:
        cls: the model class.
        key: its key in data files, and its plural (``"agreements"``).
        singular: the word for one record (``"agreement"``), in messages and graphs.
        references: the attributes that refer to other records.
        date: the attribute the records are dated and ordered by, if any.
        label: the attribute that names a record (title, name or label), if any.
        parent: the attribute linking a record to one above it of its own type; the links
            form no cycle.
        names: the attributes whose values find a record by name (lookups such as
            ``db.country("Viet Nam")``), codes first.
        indexes: the query filters answered from posting indexes; a type without any has
            no query method of its own and is listed by id. A type with indexes has a query
            method named after its key (``db.agreements(...)``) taking each index's filter,
            and its ``date`` as a date filter, and a ``defcoop`` command of the same name.
        filters: query filters its query method takes beside the indexes and the date, as
            ``(filter, help)`` (a transfer's ``delivered``, a period its deliveries lie in),
            so that its ``defcoop`` command offers them too.
        summary: what a listing of the records holds, in words (``"agreements and plans,
            by date signed"``): the help of its ``defcoop`` command.
        columns: the attributes a text listing shows (``defcoop agreements``); ``"date"``
            is the record's date, whatever its attribute.
        node: whether its records are nodes of :func:`defcoop.to_graph`.
        id_attribute: the attribute holding the record's id.
        counted: whether panels count its records, so that a coverage claim may vouch for
            them by its key (``records = ["agreements"]``; see ``defcoop.model._coverage``).
        observed: for the curation guide's coverage rule, the attribute and the date a
            record is observed at, or None where it is not observed at a date (a planned
            event); a type without it is not held to the rule (see
            ``defcoop.model._inside_coverage``).
        external: the attributes holding the record's ids in public registers (a country's
            ``wikidata``, an agreement's ``unts``): each finds one record of its type, and
            ``db.get()`` accepts them as it accepts ids.
        stages: for a dated type, the dates its records reach after their own (a transfer's
            deliveries after its order), which stretch its span on a timeline; None for none.
        meanings: what each of its attributes means, in our words (what a value is, not how
            it is checked): the codebook, the data package, Stata's variable labels and the
            docs read them (``defcoop.model._meanings.meaning``); an attribute several
            types share (``id``, ``sources``) may take its meaning from
            ``defcoop.model._meanings.SHARED``.
        inclusion: what qualifies a record of the type for the data, in a sentence or two
            (the codebook's inclusion rule).
    """

    cls: type[Any]
    key: str
    singular: str
    references: tuple[Reference, ...] = ()
    date: str | None = None
    label: str | None = None
    parent: str | None = None
    names: tuple[str, ...] = ()
    indexes: tuple[Index, ...] = ()
    filters: tuple[tuple[str, str], ...] = ()
    summary: str = ""
    columns: tuple[str, ...] = ("id",)
    node: bool = False
    id_attribute: str = "id"
    counted: bool = False
    observed: Callable[[Any], tuple[str, Any] | None] | None = None
    external: tuple[str, ...] = ()
    stages: Stages | None = None
    meanings: Mapping[str, str] = attrs.field(factory=dict, eq=False, hash=False)
    inclusion: str = ""

    @property
    def plural(self) -> str:
        """The word for several records, which is also the data-file key."""
        return self.key


_declared: dict[type[Any], RecordType] = {}


def record_type(key: str, singular: str, **details: Any) -> Callable[[C], C]:
    """Declare a model class a record type; see :class:`RecordType` for ``details``.

    Used as a class decorator on the model: ``@record_type("agreements", "agreement",
    date="signed", ...)``. Declaration order is the order of the data-file keys.
    """

    def declare(cls: C) -> C:
        declared = RecordType(cls=cls, key=key, singular=singular, **details)
        for other in _declared.values():
            if other.key == key or other.singular == singular:
                raise ValueError(f"{cls.__name__} is declared as {key!r} / {singular!r} twice")
        _declared[cls] = declared
        return cls

    return declare


def record_types() -> tuple[RecordType, ...]:
    """Every record type, in declaration order (the order of the data-file keys)."""
    return tuple(_declared.values())


def dated() -> tuple[RecordType, ...]:
    """The record types a timeline shows: those panels count that have a date, in order.

    >>> [declared.key for declared in dated()]
    ['agreements', 'events', 'transfers']
    """
    return tuple(declared for declared in _declared.values() if declared.counted and declared.date)


def collections() -> dict[str, type[Any]]:
    """The data-file keys, in order, and the record class each holds a list of."""
    return {declared.key: declared.cls for declared in _declared.values()}


def keys() -> tuple[str, ...]:
    """The data-file keys, in order: ``sources``, ``countries``, ``fields``, ..."""
    return tuple(declared.key for declared in _declared.values())


def of(cls: type[Any]) -> RecordType:
    """The declaration of a record class, or of the record class it derives from.

    Raises:
        TypeError: for a class that is not a record type.
    """
    declared = _declared.get(cls)
    if declared is None:
        for base in cls.__mro__[1:]:
            if base in _declared:
                return _declared[base]
        raise TypeError(f"not a defcoop record type: {cls.__name__}")
    return declared


def by_key(key: str) -> RecordType | None:
    """The record type under data-file key ``key``, or None."""
    for declared in _declared.values():
        if declared.key == key:
            return declared
    return None


def named(word: str) -> RecordType:
    """The record type whose key or singular word is ``word`` (``"events"`` or ``"event"``).

    Remembered once found: a word names one record type for good (declaring it twice is an
    error), and checking a dataset asks for each reference of each record.

    Raises:
        LookupError: for a word that names no record type.
    """
    found = _named.get(word)
    if found is None:
        for declared in _declared.values():
            if word in (declared.key, declared.singular):
                found = _named[word] = declared
                return found
        raise LookupError(f"no record type is called {word!r}")
    return found


_named: dict[str, RecordType] = {}
