"""The tables of a dataset as a SQL database holds them, whatever the database.

:func:`tables` describes every table (its columns and their types, its primary key, its
foreign keys) and holds its rows; :mod:`defcoop.io.sqlite` and :mod:`defcoop.io.duckdb`
create and fill them, each in its own dialect (:func:`create_table`). Nothing here is
written twice: the record tables take their columns from the JSON Schema of data files
(:func:`defcoop.query._columns.columns`, the layout of the CSV, Parquet and frame exports),
the link tables and citations come from :mod:`defcoop.io._relations`, and the panels are
those of :meth:`Dataset.dyad_years <defcoop.Dataset.dyad_years>` and
:meth:`Dataset.state_years <defcoop.Dataset.state_years>`.

The tables:

- one per record type, named by its data-file key (``agreements``), primary key its id
  (``code`` for countries); a date is its text (``"2018-11"``) followed by its precision and
  its first and last day (``signed_precision``, ``signed_earliest``, ``signed_latest``, a
  ``DATE``); a column holding one id of another record has a foreign key to that record;
- a link table for each list of ids (``agreement_parties``: ``agreement``, ``country``), with
  foreign keys to both sides;
- ``citations``: every citation, ``record``, ``record_type``, ``source``, ``paragraph`` and
  ``field`` (a relationship's per-field evidence);
- ``coverage``: every coverage claim as declared (``dataset.claims``), one row each, and
  ``coverage_sources``, the sources each rests on;
- ``dyad_years`` (directed: one row per direction) and ``state_years``: the panels, for the
  units and years the coverage names (``defcoop.io._panel_tables``);
- ``metadata``: ``key`` and ``value``, the dataset's name, data version, release, the code
  version, the merged coverage and, for each panel, the metadata of the panels its rows
  come from (JSON).

The panels are **materialised tables, not views**. A view would have to restate in SQL how
the panels count: coverage read column by column and by what each claim vouches for, counts
missing rather than 0 where nothing vouches, lower bounds for records standing for several,
agreements in force from signing or entry into force to an end that may be unknown,
mechanisms whose activity is unknown outside their reported period, dates kept only where
their year is certain, state-system membership by year. Those rules are written once, in
:mod:`defcoop.views.panels` and its helpers; a second copy in SQL would drift from them. The
tables hold exactly the rows the Python panels give (the tests compare them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from defcoop._version import __version__
from defcoop.io import _panel_tables
from defcoop.io._relations import citation_rows, links
from defcoop.model import registry
from defcoop.query import _columns, _tabular

if TYPE_CHECKING:
    from defcoop.dataset import Dataset

__all__ = [
    "Column",
    "ForeignKey",
    "Table",
    "create_table",
    "creation_order",
    "quoted",
    "tables",
]


@attrs.frozen
class Column:
    """One column: its name and type, and whether it may be empty.

    ``type`` is ``"integer"``, ``"string"``, ``"boolean"``, ``"date"``, ``"list"`` (of
    ``items``) or ``"json"`` (nested tables: a person's roles, a transfer's value, as JSON
    text).
    """

    name: str
    type: str
    required: bool = False
    items: str = "string"


@attrs.frozen
class ForeignKey:
    """``column`` holds a value of ``target`` in the table ``table``."""

    column: str
    table: str
    target: str


@attrs.frozen
class Table:
    """One table: its columns, keys and rows (values in column order)."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    rows: Sequence[tuple[Any, ...]] = attrs.field(default=(), repr=False)


def quoted(name: str) -> str:
    """A name as a SQL identifier, quoted (``when`` is a column, and a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def create_table(
    table: Table, types: Callable[[Column], str], *, keys: Iterable[ForeignKey] | None = None
) -> str:
    """The ``CREATE TABLE`` statement of ``table``, each column's type given by ``types``;
    ``keys``, the foreign keys to declare (all of the table's when None)."""
    lines = [
        f"{quoted(c.name)} {types(c)}" + (" NOT NULL" if c.required else "") for c in table.columns
    ]
    if table.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(map(quoted, table.primary_key))})")
    for key in table.foreign_keys if keys is None else keys:
        lines.append(
            f"FOREIGN KEY ({quoted(key.column)}) REFERENCES {quoted(key.table)} "
            f"({quoted(key.target)})"
        )
    return f"CREATE TABLE {quoted(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"


def creation_order(found: Sequence[Table]) -> list[Table]:
    """The tables in an order where each comes after the tables its foreign keys name (but
    itself), for a database that checks foreign keys as rows arrive; declaration order
    where the keys allow it, and declaration order for tables in a loop of keys."""
    import graphlib

    names = {table.name: table for table in found}
    sorter = graphlib.TopologicalSorter(
        {
            table.name: {k.table for k in table.foreign_keys if k.table != table.name}
            for table in found
        }
    )
    try:
        order = list(sorter.static_order())
    except graphlib.CycleError:
        return list(found)
    return [names[name] for name in order if name in names]


def tables(dataset: Dataset) -> tuple[Table, ...]:
    """Every table of the database of ``dataset`` (see the module's description)."""
    by_type: dict[type, list[Any]] = {}
    for record in dataset:
        by_type.setdefault(type(record), []).append(record)
    found = [_record_table(declared, by_type.get(declared.cls, ())) for declared in _types()]
    for link in links():
        owner, target = link.columns
        found.append(
            Table(
                link.table,
                (Column(owner, "string", True), Column(target, "string", True)),
                (owner, target),
                (_key_to(owner, link.owner), _key_to(target, link.target)),
                list(link.rows(by_type.get(link.owner, ()))),
            )
        )
    found += [_citations(dataset), *_coverage(dataset)]
    panels = _panel_tables.panels(dataset)
    for name, panel in panels.items():
        columns = tuple(
            Column(c, _panel_tables.column_type(c), c in panel.key) for c in panel.columns
        )
        found.append(Table(name, columns, panel.key, (), panel.rows))
    found.append(_metadata(dataset, panels))
    return tuple(found)


def _types() -> tuple[registry.RecordType, ...]:
    return registry.record_types()


def _key_to(column: str, record_type: type[Any]) -> ForeignKey:
    return ForeignKey(column, registry.of(record_type).key, _columns.key_column(record_type))


def _column(column: _columns.Column) -> Column:
    if column.type == "object" or (column.type == "array" and column.items == "object"):
        return Column(column.name, "json", column.required)
    if column.type == "array":
        return Column(column.name, "list", column.required, column.items or "string")
    return Column(column.name, column.type, column.required)


def _record_table(declared: registry.RecordType, records: Iterable[Any]) -> Table:
    columns = tuple(_column(c) for c in _columns.columns(declared.cls))
    keys = tuple(
        _key_to(name, target)
        for name, target, several in _columns.references(declared.cls)
        if not several
    )
    nested = {c.name for c in columns if c.type == "json"}
    rows = []
    for record in records:
        values = _tabular.row(record)
        rows.append(
            tuple(
                _json(values.get(c.name)) if c.name in nested else values.get(c.name)
                for c in columns
            )
        )
    key = (_columns.key_column(declared.cls),)
    return Table(declared.key, columns, key, keys, rows)


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _citations(dataset: Dataset) -> Table:
    columns = (
        Column("record", "string", True),
        Column("record_type", "string", True),
        Column("source", "string", True),
        Column("paragraph", "integer", True),
        Column("field", "string"),
    )
    source = _key_to("source", registry.named("source").cls)
    return Table("citations", columns, (), (source,), citation_rows(dataset))


def _coverage(dataset: Dataset) -> tuple[Table, Table]:
    columns = (
        Column("claim", "integer", True),
        Column("country1", "string"),
        Column("country2", "string"),
        Column("period", "string", True),
        Column("first_day", "date", True),
        Column("last_day", "date"),
        Column("records", "list"),
        Column("search", "string"),
    )
    country = registry.named("country").cls
    keys = (
        _key_to("country1", country),
        _key_to("country2", country),
        _key_to("search", registry.named("search").cls),
    )
    rows, sources = [], []
    for number, claim in enumerate(dataset.claims, start=1):
        first, second = (*claim.countries, None, None)[:2]
        period = claim.period
        last = None if period.open else period.latest
        scope = sorted(claim.records)
        rows.append(
            (number, first, second, str(period), period.earliest, last, scope, claim.search)
        )
        sources += [(number, source) for source in dict.fromkeys(claim.sources)]
    claims = Table("coverage", columns, ("claim",), keys, rows)
    link = Table(
        "coverage_sources",
        (Column("claim", "integer", True), Column("source", "string", True)),
        ("claim", "source"),
        (ForeignKey("claim", "coverage", "claim"), _key_to("source", registry.named("source").cls)),
        sources,
    )
    return claims, link


def _metadata(dataset: Dataset, panels: Mapping[str, _panel_tables.PanelRows]) -> Table:
    info = dataset.info
    values: dict[str, str | None] = {
        "name": None if info is None else info.name,
        "data_version": None if info is None else info.version,
        "released": None if info is None else str(info.released),
        "code_version": __version__,
        "coverage": json.dumps([str(claim) for claim in dataset.coverage], ensure_ascii=False),
    }
    for name, panel in panels.items():
        values[name] = json.dumps(panel.metadata, ensure_ascii=False) if panel.rows else None
    columns = (Column("key", "string", True), Column("value", "string"))
    return Table("metadata", columns, ("key",), (), list(values.items()))
