"""The codebook: what a row of each table and panel is, and what each column means and holds.

Generated from the model and the data, never written by hand: each record type's table has
the columns its frames and Arrow tables have (``defcoop.query._columns``), each panel the
columns :func:`defcoop.views.panels.column_names` gives, and every meaning, dtype, vocabulary
and inclusion rule is read from where it is declared (the record type's declaration,
``defcoop.views._panel_columns``, the vocabularies of :mod:`defcoop.model.kinds`). The search
protocol comes from the dataset's searches and coverage claims, and the coverage table is the
one that opens the coverage page. :func:`defcoop.codebook` builds it for the bundled data;
:func:`build` for any collection.

>>> import defcoop
>>> book = defcoop.codebook()
>>> column = book.table("agreements").column("kind")
>>> column.dtype, column.values[:2]
('string', ('agreement', 'framework agreement'))
>>> book.table("dyad_years").column("agreements_signed_lb").dtype
'boolean'
>>> book.label("dyad_years", "visits")
'Visits from the first state to the second (both ways when not directed)'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

import attrs

from defcoop._version import __version__
from defcoop.model import _meanings, registry
from defcoop.model._coverage import kinds_of
from defcoop.model._taxonomy import field_column
from defcoop.model.kinds import AgreementKind, EventKind
from defcoop.model.records import Search
from defcoop.query import _columns
from defcoop.views import _coverage_runs, _panel_columns
from defcoop.views.panels import column_names

if TYPE_CHECKING:
    from defcoop.query.collection import Collection

__all__ = [
    "Codebook",
    "CodebookColumn",
    "CodebookTable",
    "CoverageRun",
    "SearchProtocol",
    "build",
    "label_of",
]

LABEL_LENGTH = 80
"""The longest label :meth:`Codebook.label` gives: Stata's limit for variable labels."""

PANELS = {
    "dyad_years": ("dyad", False),
    "directed_dyad_years": ("dyad", True),
    "state_years": ("state", False),
}
"""The panels the codebook describes: their table names, unit and whether directed."""


@attrs.frozen(kw_only=True)
class CodebookColumn:
    """One column: its name, its dtype, what it means, what it may hold, and when it is missing.

    ``dtype`` is the pandas dtype the frames declare (``Int64``, ``boolean``, ``string``,
    ``datetime64[s]``; ``object`` for lists and nested tables); ``type`` the type of the
    Table Schema and the Arrow table (``integer``, ``boolean``, ``string``, ``date``,
    ``array``, ``object``). ``values`` lists a closed vocabulary's words (None for an open
    column); ``counts`` says which records a panel count column counts (``events:visit``).
    """

    name: str
    dtype: str
    type: str
    meaning: str
    values: tuple[str, ...] | None = None
    missing: str
    counts: str | None = None


@attrs.frozen(kw_only=True)
class CodebookTable:
    """A table (a record type's, or a panel): what a row is, its columns and what is included.

    ``kinds`` gives, for a record type with kinds, each kind and what it takes.
    """

    name: str
    title: str
    row: str
    inclusion: str
    columns: tuple[CodebookColumn, ...]
    kinds: tuple[tuple[str, str], ...] = ()

    def column(self, name: str) -> CodebookColumn:
        """The column called ``name``.

        Raises:
            UnknownNameError: naming the closest columns.
        """
        return _named(self.columns, name, f"column of {self.name}", "column()")


@attrs.frozen(kw_only=True)
class CoverageRun:
    """One row of the coverage table: a dyad over a run of years, what is covered, and by what
    (ids of the sources or searches the claims rest on)."""

    countries: tuple[str, str]
    first: int
    last: int
    covered: str
    by: tuple[str, ...]


@attrs.frozen(kw_only=True)
class SearchProtocol:
    """How the records behind the coverage were looked for: the searches the dataset records
    (collections, languages, queries, dates), and how many coverage claims rest on searches
    and how many on sources that looked at everything of a kind."""

    searches: tuple[Search, ...]
    claims: int
    claims_on_searches: int
    sources_claiming: int
    text: str


@attrs.frozen(kw_only=True)
class Codebook:
    """Every table and panel of a dataset, the search protocol and the coverage table."""

    data_version: str | None
    code_version: str
    tables: tuple[CodebookTable, ...]
    searches: SearchProtocol
    coverage: tuple[CoverageRun, ...]

    def table(self, name: str) -> CodebookTable:
        """The table called ``name`` (a data-file key such as ``"agreements"``, or a panel:
        ``"dyad_years"``, ``"directed_dyad_years"``, ``"state_years"``).

        Raises:
            UnknownNameError: naming the closest tables.
        """
        return _named(self.tables, name, "codebook table", "table()")

    def label(self, table: str, column: str) -> str:
        """A label of at most 80 characters (Stata's limit) for a column, from its meaning."""
        return label_of(self.table(table).column(column).meaning)


class _Named(Protocol):
    @property
    def name(self) -> str: ...


_N = TypeVar("_N", bound=_Named)


def _named(items: tuple[_N, ...], name: object, kind: str, function: str) -> _N:
    """The item called ``name``; an ArgumentError for a name that is not text, and an
    UnknownNameError naming the closest for one that no item has."""
    if not isinstance(name, str):
        from defcoop._quote import described
        from defcoop.errors import ArgumentError

        raise ArgumentError(f"{function} expects a name, got {described(name)}")
    for item in items:
        if item.name == name:
            return item
    from defcoop.query._lookup import unknown

    raise unknown(kind, name, [item.name for item in items])


def label_of(meaning: str) -> str:
    """A meaning as a label: its first clause, capitalized, cut at a word to 80 characters.

    >>> label_of("agreements signed in the year")
    'Agreements signed in the year'
    >>> len(label_of("word " * 40)) <= 80
    True
    """
    text = meaning.split("; ")[0].split(": ")[0].strip()
    text = text[:1].upper() + text[1:]
    if len(text) <= LABEL_LENGTH:
        return text
    cut = text[: LABEL_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\N{HORIZONTAL ELLIPSIS}"


def build(dataset: Collection) -> Codebook:
    """The codebook of ``dataset``: its record types' tables, its panels (with a column for
    each of its fields), its search protocol and its coverage table."""
    tables = [_record_table(declared) for declared in registry.record_types()]
    fields = {field.id: field.label for field in dataset.fields}
    tables += [_panel_table(name, fields) for name in PANELS]
    info = dataset.info
    return Codebook(
        data_version=None if info is None else info.version,
        code_version=__version__,
        tables=tuple(tables),
        searches=_protocol(dataset),
        coverage=tuple(
            CoverageRun(countries=pair, first=first, last=last, covered=what, by=tuple(by.split()))
            for pair in _coverage_runs.dyads(dataset)
            for first, last, what, by in _coverage_runs.runs(dataset, pair)
        ),
    )


_TYPES = {"Int64": "integer", "boolean": "boolean", "string": "string"}


def _record_table(declared: registry.RecordType) -> CodebookTable:
    cls = declared.cls
    dtypes = _columns.dtypes([cls])
    columns = tuple(
        CodebookColumn(
            name=column.name,
            dtype=dtypes[column.name],
            type=column.type,
            meaning=column.description or "",
            values=column.enum,
            missing=_missing_rule(declared, column),
        )
        for column in _columns.columns(cls)
    )
    kinds: tuple[tuple[str, str], ...] = ()
    if declared.key in ("agreements", "events"):
        vocabulary: list[AgreementKind | EventKind] = list(
            AgreementKind if declared.key == "agreements" else EventKind
        )
        kinds = tuple((member.value, _meanings.VALUES[member]) for member in vocabulary)
    doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("``", "").replace("\n", " ")
    return CodebookTable(
        name=declared.key,
        title=f"{declared.key.capitalize()} ({cls.__name__})",
        row=f"one {declared.singular}: {doc[:1].lower()}{doc[1:]}",
        inclusion=declared.inclusion,
        columns=columns,
        kinds=kinds,
    )


def _missing_rule(declared: registry.RecordType, column: _columns.Column) -> str:
    name = column.name
    for part in ("precision", "earliest", "latest"):
        if name.endswith(f"_{part}") and name.rsplit("_", 1)[0] in _date_names(declared):
            return f"missing where {name.rsplit('_', 1)[0]} is"
    if column.required:
        return "never missing"
    if name == "count":
        return (
            "missing where no source gives a number; with several true the record counts as"
            " at least one, and panels mark its cells as lower bounds"
        )
    if column.type == "array":
        return "never missing; an empty list where the sources name none"
    if column.type == "boolean":
        return "never missing; false unless a source says so"
    return "missing where the sources do not say"


def _date_names(declared: registry.RecordType) -> frozenset[str]:
    from defcoop.model._fieldtypes import date_fields

    return date_fields(declared.cls)


_UNITS = {
    "dyad_years": (
        "one pair of states in one year, while both are members of the state system"
        " (Correlates of War by default; gwcode1, gwcode2 with system='gw'); ccode1 < ccode2"
    ),
    "directed_dyad_years": (
        "one ordered pair of states in one year, a row for each direction, while both are"
        " members of the state system; counts read from the first state to the second"
    ),
    "state_years": "one state in one year, while it is a member of the state system",
}

_PANEL_INCLUSION = (
    "A record counts in the cells of its parties in the year it is dated; records that"
    " cannot be put in a year (undated, dated only to a span of years, visits without a"
    " direction) are left out and counted in Panel.left_out. Arms contracts are not counted"
    " as agreements. A count is exact, a lower bound (its _lb column true) or missing."
)


def _panel_table(name: str, fields: dict[str, str]) -> CodebookTable:
    unit, directed = PANELS[name]
    by_column = {field_column(field): label for field, label in fields.items()}
    columns = []
    for column in column_names(unit, "cow", list(fields)):
        dtype = _panel_columns.dtype(column)
        counted = _panel_columns.COUNTED.get(column)
        label = by_column.get(column)
        columns.append(
            CodebookColumn(
                name=column,
                dtype=dtype,
                type=_TYPES[dtype],
                meaning=_panel_columns.meaning(column, label and f"'{label}'"),
                values=("0", "1") if label else ("true", "false") if dtype == "boolean" else None,
                missing=_panel_missing(column, counted is not None),
                counts=None if counted is None else str(counted),
            )
        )
    title = {"dyad_years": "Dyad-years", "directed_dyad_years": "Directed dyad-years"}
    return CodebookTable(
        name=name,
        title=f"{title.get(name, 'State-years')} panel",
        row=_UNITS[name] + (" (directed)" if directed else ""),
        inclusion=_PANEL_INCLUSION,
        columns=tuple(columns),
    )


def _panel_missing(column: str, counted: bool) -> str:
    if counted:
        return (
            "missing (never 0) where no coverage claim vouches for the records the column"
            " counts in that unit and year: there, no record means nobody looked"
        )
    if column.endswith("_lb"):
        return "missing where its count is missing"
    if column.startswith("field_"):
        return "missing where no coverage claim vouches for agreements in that unit and year"
    if column.startswith("stateabb"):
        return "missing where the state has no Correlates of War abbreviation"
    if column == "framework":
        return "missing before a framework began, and where the sources name none"
    return "never missing"


def _protocol(dataset: Collection) -> SearchProtocol:
    claims = dataset.claims
    on_searches = sum(1 for claim in claims if claim.search)
    claiming = sum(1 for source in dataset.sources if source.coverage)
    searches = tuple(dataset.searches)
    counted = ", ".join(
        f"{declared.key} ({', '.join(kinds_of(declared.cls)) or 'no kinds'})"
        for declared in registry.record_types()
        if declared.counted
    )
    text = (
        f"{len(claims)} coverage claims: {on_searches} rest on recorded searches and the rest"
        f" on {claiming} sources that each looked at everything of a kind for a state or pair"
        f" over a period. A claim may vouch for some record types and kinds only: {counted}."
    )
    if not searches:
        text += (
            " The data records no searches of its own yet; the curators' search logs (the"
            " searches/ folder of the repository) list the searches behind the stored sources."
        )
    return SearchProtocol(
        searches=searches,
        claims=len(claims),
        claims_on_searches=on_searches,
        sources_claiming=claiming,
        text=text,
    )
