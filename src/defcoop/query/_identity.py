"""What makes a dataset travel and compare: pickling, copying and equality by its records.

A :class:`~defcoop.Dataset` holds indexes, caches and locks that cannot be pickled (closures,
``threading`` locks) and need not be: they are rebuilt from the records. So a dataset pickles,
copies and deep-copies as its records and its info, which lets it be sent to and returned from
another process; and two datasets are equal when they hold equal records and info, in whatever
order they were read.
"""

from __future__ import annotations

from typing import Any


class Travels:
    """The base of :class:`~defcoop.Dataset`: reduce, equality and hash by records and info.

    Subclasses have ``_by_id`` (every record by id), ``info`` and a ``_trusted`` constructor
    from records already checked together.
    """

    __slots__ = ()
    _by_id: dict[str, Any]
    info: Any

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), tuple(self._by_id.values()), self.info))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Travels):
            return NotImplemented
        return self is other or (self.info == other.info and self._by_id == other._by_id)

    def __hash__(self) -> int:
        return hash((self.info, len(self._by_id)))


def _restore(cls: Any, records: tuple[Any, ...], info: Any) -> Any:
    """A dataset of records that were already checked together (the inverse of pickling)."""
    from defcoop.model._validation import group_by_kind, ids  # not needed by a first load

    groups = group_by_kind(records)
    return cls._trusted(groups, ids(groups), info)
