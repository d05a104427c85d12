"""Dataset.diff: records added, removed and changed between two datasets, as text and JSON."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given, settings

import defcoop
from _helpers import WHOLE_DATASETS
from defcoop import ArgumentError, Dataset
from defcoop import strategies as dst
from defcoop.query.diff import DataDiff, diff


def _changed(db: Dataset, record_id: str, **values: object) -> Dataset:
    record = db.get(record_id)
    records = [attrs.evolve(r, **values) if r is record else r for r in db]
    return Dataset.from_records(records, info=db.info)


def test_a_dataset_has_no_changes_from_itself(db: Dataset) -> None:
    """Comparing the bundled data with itself finds nothing, and the answer is false."""
    changes = db.diff(defcoop.load())
    assert not changes
    assert (changes.added, changes.removed, changes.changed) == ((), (), ())
    assert str(changes).endswith(": 0 added, 0 removed, 0 changed")


def test_a_changed_attribute_has_its_old_and_new_value(db: Dataset) -> None:
    """An evolved title is one change of one record, with both values as data files give them."""
    old_title = db.get("mcis-7").title  # type: ignore[attr-defined]
    changes = db.diff(_changed(db, "mcis-7", title="Renamed"))
    assert [(c.kind, c.id) for c in changes.changed] == [("event", "mcis-7")]
    (item,) = changes.changed[0].changes
    assert (item.name, item.old, item.new) == ("title", old_title, "Renamed")
    assert changes.counts() == {"event": {"added": 0, "removed": 0, "changed": 1}}
    assert f'title: {json.dumps(old_title)} -> "Renamed"' in str(changes)


def test_dates_and_lists_are_shown_as_data_files_write_them(db: Dataset) -> None:
    """A date change reads as its text; a list's change names the items added and removed."""
    event = db.get("mcis-7")
    changes = db.diff(
        _changed(db, "mcis-7", when=defcoop.Period.parse("2018-04"), inferred=frozenset())
    )
    by_name = {item.name: item for item in changes.changed[0].changes}
    assert by_name["when"].new == "2018-04"
    assert by_name["when"].old == str(event.when)  # type: ignore[attr-defined]
    assert by_name["inferred"].new == []
    assert '    inferred: - ["multilateral"]' in str(changes)


def _leaf(db: Dataset) -> str:
    """The id of an event that no other record refers to, so that it can be left out."""
    values = {r.id: json.dumps(defcoop.to_dict(r)) for r in db}
    return next(
        e.id
        for e in db.events()
        if not any(f'"{e.id}' in text for key, text in values.items() if key != e.id)
    )


def test_added_and_removed_records_are_listed_by_kind_then_id(db: Dataset) -> None:
    """Records only in one dataset are added or removed; the JSON form holds them whole."""
    leaf = _leaf(db)
    smaller = Dataset.from_records([r for r in db if r.id != leaf], info=db.info)
    assert [r.id for r in smaller.diff(db).added] == [leaf]
    changes = db.diff(smaller)
    assert [r.id for r in changes.removed] == [leaf]
    document = json.loads(changes.to_json())
    assert document["removed"][0]["kind"] == "event"
    assert document["removed"][0]["record"]["title"] == db.get(leaf).title  # type: ignore[attr-defined]
    assert document["old"]["version"] == db.info.version  # type: ignore[union-attr]
    assert f"removed:\n  event {leaf}: " in str(changes)


def test_diff_refuses_what_is_not_a_dataset(db: Dataset) -> None:
    """A list of records is not a dataset: the error names the function."""
    with pytest.raises(ArgumentError, match=r"diff\(\) expects a Dataset"):
        diff(db, list(db))  # type: ignore[arg-type]


@settings(max_examples=WHOLE_DATASETS, deadline=None)  # two whole datasets: _helpers.WHOLE_DATASETS
@given(dst.datasets(), dst.datasets())
def test_diff_accounts_for_every_id(first: Dataset, second: Dataset) -> None:
    """Added and removed are the ids on one side only; changed are the common unequal ones."""
    changes = first.diff(second)
    before = {r.id: r for r in first}
    after = {r.id: r for r in second}
    moved = {k for k in before.keys() & after.keys() if type(before[k]) is not type(after[k])}
    assert {r.id for r in changes.added} == (after.keys() - before.keys()) | moved
    assert {r.id for r in changes.removed} == (before.keys() - after.keys()) | moved
    unequal = {k for k in before.keys() & after.keys() - moved if before[k] != after[k]}
    assert {c.id for c in changes.changed} == unequal
    for change in changes.changed:
        assert change.changes
        for item in change.changes:
            assert getattr(before[change.id], item.name) != getattr(after[change.id], item.name)
    assert json.loads(changes.to_json())["counts"] == changes.counts()
    assert bool(changes) == bool(changes.added or changes.removed or changes.changed)
    assert isinstance(second.diff(second), DataDiff)
    assert not second.diff(second)
