"""The DCAids a DCAD file has given so far, so that a DCAid given twice is a problem naming
the row that gave it first.

A million DCAids held with their rows make a large table that every batch of rows probes at
random, which costs more than the rest of a batch's checks together. The rows made by the
batch path (:func:`~defcoop.io.dcad._fast.read_rows`) are therefore registered in a set
alone (a third of the work of a table of rows); their rows are found in the list of rows
made only when a DCAid comes again, which a valid file never does. Each row of that list is
indexed at most once however many DCAids repeat, so the work stays proportional to the file.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

__all__ = ["Register"]


class _Made(Protocol):
    """A row made: its number in the file and its DCAid (a :class:`~defcoop.io.dcad._rows.Row`)."""

    @property
    def number(self) -> int: ...

    @property
    def dcaid(self) -> str: ...


_R = TypeVar("_R", bound=_Made)


class Register(Generic[_R]):
    """Each DCAid read and the row that first gave it.

    ``made`` is the list the rows are made into: the DCAids added by :meth:`add_batch` are
    looked up there, by their rows, when one comes again.

    >>> register = Register()
    >>> register.first("B1", 1), register.first("B1", 2)
    (1, 1)
    """

    def __init__(self) -> None:
        self.made: list[_R] = []
        """The rows made so far, in the order of the file."""
        self._rows: dict[str, int] = {}
        """The DCAids of rows read one by one, and each one's first row."""
        self._batched: set[str] = set()
        """The DCAids of rows made a batch at a time (their rows are in ``made``)."""
        self._index: dict[str, int] = {}
        self._indexed = 0
        """How many rows of ``made`` are in ``_index`` so far."""

    def first(self, dcaid: str, number: int) -> int:
        """The row that first gave ``dcaid``: ``number`` itself if it is new (then registered)."""
        if dcaid in self._batched:
            return self._batched_row(dcaid)
        return self._rows.setdefault(dcaid, number)

    def add_batch(self, dcaids: list[str]) -> bool:
        """Register the DCAids of a batch whose rows go into :attr:`made`, if each is new and
        none comes twice; else register none and say False."""
        fresh = set(dcaids)
        if len(fresh) != len(dcaids) or not (
            self._batched.isdisjoint(fresh) and self._rows.keys().isdisjoint(fresh)
        ):
            return False
        self._batched |= fresh
        return True

    def _batched_row(self, dcaid: str) -> int:
        index, made = self._index, self.made
        if dcaid not in index:
            batched = self._batched
            for row in made[self._indexed :]:
                if row.dcaid in batched:
                    index.setdefault(row.dcaid, row.number)
            self._indexed = len(made)
        return index[dcaid]
