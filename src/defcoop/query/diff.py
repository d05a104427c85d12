"""Record-level changes between two datasets: records added, removed, and changed attributes.

:meth:`defcoop.Dataset.diff` (and ``defcoop diff OLD NEW``) compares two versions of the data
record by record, by id: a record only in the new data is *added*, one only in the old
*removed*, and one in both whose attributes differ is *changed*, with each changed
attribute's old and new value. Values are compared as the records hold them (a set of
parties is equal whatever its order) and shown as a data file writes them (``"2018-11"`` for
a date, ``"source#3"`` for a citation). A record whose id now names another kind of record
(an event become an agreement) is removed and added. The result reads as a text report
(``str()``: a list's items added and removed, long values cut) and as plain values for JSON
(:meth:`DataDiff.to_dict`, every value whole).

>>> import attrs, defcoop
>>> old = defcoop.load()
>>> visit = old.get("ravkov-visit-vnm-2018-11")
>>> new = defcoop.Dataset.from_records(
...     [attrs.evolve(visit, title="A new title") if r is visit else r for r in old],
...     info=old.info,
... )
>>> changes = old.diff(new)
>>> changes
<DataDiff 2026.12.0 -> 2026.12.0: 0 added, 0 removed, 1 changed>
>>> [(change.id, [item.name for item in change.changes]) for change in changes.changed]
[('ravkov-visit-vnm-2018-11', ['title'])]
>>> print(str(changes).splitlines()[-1][-16:])
-> "A new title"
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from defcoop._quote import one_line
from defcoop.model import registry
from defcoop.model.records import Record

if TYPE_CHECKING:
    from defcoop.query.collection import Collection, DatasetInfo

__all__ = ["AttributeChange", "DataDiff", "RecordChange", "diff"]

# The longest value a text report shows in full; JSON always has every value whole.
_SHOWN = 160


@attrs.frozen
class AttributeChange:
    """One attribute of a record whose value changed, as data-file values (``None`` if unset)."""

    name: str
    old: Any
    new: Any


@attrs.frozen
class RecordChange:
    """A record in both datasets whose attributes differ: its kind, id and each change."""

    kind: str
    id: str
    changes: tuple[AttributeChange, ...]


@attrs.frozen(repr=False)
class DataDiff:
    """What changed from one dataset to another, record by record; see :func:`diff`.

    ``added`` and ``removed`` hold the records themselves (ordered by kind, then id),
    ``changed`` one :class:`RecordChange` per record whose attributes differ. False when
    nothing changed. ``str()`` is a text report; :meth:`to_dict` gives plain values for JSON.
    """

    old_version: str | None
    new_version: str | None
    added: tuple[Record, ...]
    removed: tuple[Record, ...]
    changed: tuple[RecordChange, ...]
    old_name: str | None = None
    new_name: str | None = None

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def __repr__(self) -> str:
        return (
            f"<DataDiff {self.old_version} -> {self.new_version}: {len(self.added)} added, "
            f"{len(self.removed)} removed, {len(self.changed)} changed>"
        )

    def counts(self) -> dict[str, dict[str, int]]:
        """How many records of each kind were added, removed and changed, kinds in data order.

        Kinds without any change are left out: ``{"event": {"added": 2, "removed": 0, ...}}``.
        """
        result: dict[str, dict[str, int]] = {}
        for declared in registry.record_types():
            kind = declared.singular
            counted = {
                "added": sum(1 for r in self.added if type(r) is declared.cls),
                "removed": sum(1 for r in self.removed if type(r) is declared.cls),
                "changed": sum(1 for c in self.changed if c.kind == kind),
            }
            if any(counted.values()):
                result[kind] = counted
        return result

    def to_dict(self) -> dict[str, Any]:
        """The changes as plain values, for ``json.dumps``: every record and value whole."""
        return {
            "old": {"name": self.old_name, "version": self.old_version},
            "new": {"name": self.new_name, "version": self.new_version},
            "counts": self.counts(),
            "added": [_described(record) for record in self.added],
            "removed": [_described(record) for record in self.removed],
            "changed": [
                {
                    "kind": change.kind,
                    "id": change.id,
                    "changes": [
                        {"attribute": item.name, "old": item.old, "new": item.new}
                        for item in change.changes
                    ],
                }
                for change in self.changed
            ],
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON text, the same for the same changes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def __str__(self) -> str:
        old = " ".join(str(p) for p in (self.old_name, self.old_version) if p) or "old data"
        new = " ".join(str(p) for p in (self.new_name, self.new_version) if p) or "new data"
        lines = [
            f"{old} -> {new}: {len(self.added)} added, {len(self.removed)} removed, "
            f"{len(self.changed)} changed"
        ]
        for heading, records in (("added", self.added), ("removed", self.removed)):
            if records:
                lines.append(f"{heading}:")
                lines += [f"  {_kind(type(r))} {r.id}{_title(r)}" for r in records]
        if self.changed:
            lines.append("changed:")
            for change in self.changed:
                lines.append(f"  {change.kind} {change.id}")
                lines += [f"    {item.name}: {_change(item)}" for item in change.changes]
        return "\n".join(lines)


def diff(old: Collection, new: Collection) -> DataDiff:
    """The records added, removed and changed from ``old`` to ``new``, matched by id.

    Raises:
        ArgumentError: when either is not a dataset.
    """
    from defcoop.query.collection import require_dataset

    require_dataset(old, "diff()")
    require_dataset(new, "diff()")
    before = {record.id: record for record in old}
    after = {record.id: record for record in new}
    added: list[Record] = []
    removed: list[Record] = []
    changed: list[RecordChange] = []
    for key, record in after.items():
        previous = before.get(key)
        if previous is None or type(previous) is not type(record):
            added.append(record)
            if previous is not None:
                removed.append(previous)
        elif previous != record:
            changed.append(RecordChange(_kind(type(record)), key, _changes(previous, record)))
    removed += [record for key, record in before.items() if key not in after]
    return DataDiff(
        old_version=_version(old.info),
        new_version=_version(new.info),
        added=_ordered(added),
        removed=_ordered(removed),
        changed=tuple(sorted(changed, key=lambda c: (_position(c.kind), c.id))),
        old_name=None if old.info is None else old.info.name,
        new_name=None if new.info is None else new.info.name,
    )


def _changes(old: Record, new: Record) -> tuple[AttributeChange, ...]:
    """Each attribute whose value differs, in the record type's attribute order."""
    from defcoop.model._converter import make_converter

    converter = make_converter()
    before, after = converter.unstructure(old), converter.unstructure(new)
    return tuple(
        AttributeChange(
            field.name,
            _plain(getattr(old, field.name), before.get(field.name)),
            _plain(getattr(new, field.name), after.get(field.name)),
        )
        for field in attrs.fields(type(new))
        if getattr(old, field.name) != getattr(new, field.name)
    )


def _plain(value: Any, unstructured: Any) -> Any:
    """A data-file value; a set's members sorted, so that the same set reads the same."""
    if isinstance(value, frozenset) and isinstance(unstructured, list):
        return sorted(unstructured, key=lambda item: json.dumps(item, sort_keys=True))
    return unstructured


def _described(record: Record) -> dict[str, Any]:
    from defcoop.model._converter import make_converter

    converter = make_converter()
    values = converter.unstructure(record)
    names = attrs.fields_dict(type(record))
    plain = {name: _plain(getattr(record, name), values.get(name)) for name in names}
    return {"kind": _kind(type(record)), "id": record.id, "record": plain}


def _kind(record_type: type[Record]) -> str:
    return registry.of(record_type).singular


def _position(kind: str) -> int:
    kinds = [declared.singular for declared in registry.record_types()]
    return kinds.index(kind)


def _ordered(records: Iterable[Record]) -> tuple[Record, ...]:
    return tuple(sorted(records, key=lambda r: (_position(_kind(type(r))), r.id)))


def _version(info: DatasetInfo | None) -> str | None:
    return None if info is None else info.version


def _title(record: Record) -> str:
    title = getattr(record, "title", None) or getattr(record, "name", None)
    return f": {one_line(str(title), _SHOWN)}" if title else ""


def _change(item: AttributeChange) -> str:
    """An attribute's change in a line: a list's items added and removed, else old -> new."""
    if isinstance(item.old, list) and isinstance(item.new, list):
        came = [value for value in item.new if value not in item.old]
        gone = [value for value in item.old if value not in item.new]
        parts = [
            f"{sign} {_shown(values)}" for sign, values in (("+", came), ("-", gone)) if values
        ]
        return "; ".join(parts) or "the same items, reordered"
    return f"{_shown(item.old)} -> {_shown(item.new)}"


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return one_line(text, _SHOWN)
