"""The answer of a query: an immutable, ordered tuple of records that displays itself.

Every query method returns :class:`Results`, whatever the filters. It *is* a tuple (equal to
the plain tuple of the same records, hashable, immutable), so code that expects tuples keeps
working; on top of that it shows one record per line in a terminal, a table in Jupyter, and
converts to a pandas DataFrame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, SupportsIndex, TypeVar, overload

from defcoop.model.records import Record
from defcoop.query import _display, _tabular

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = ["Results"]

R_co = TypeVar("R_co", bound=Record, covariant=True)


class Results(tuple[R_co, ...]):
    """Records in query order (date, then id); a tuple with a display and a DataFrame.

    >>> import defcoop
    >>> found = defcoop.load().agreements(field="military science")
    >>> found
    Results(<Agreement vnm-blr-military-science-2018: Agreement on military science (2018-11-15)>)
    >>> isinstance(found, tuple), found == tuple(found), found[:0]
    (True, True, Results())

    Slices are Results too; ``+`` and other tuple operations give plain tuples. The evidence
    and citations of an answer come from the dataset that holds its sources:
    ``db.evidence(found)`` and ``db.cite(found)`` (an answer has no ``cite()`` of its own,
    since the sources it cites are not in it).
    """

    __slots__ = ()

    @overload
    def __getitem__(self, index: SupportsIndex) -> R_co: ...

    @overload
    def __getitem__(self, index: slice) -> Results[R_co]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> R_co | Results[R_co]:
        if isinstance(index, slice):
            return Results(tuple.__getitem__(self, index))
        return tuple.__getitem__(self, index)

    def __repr__(self) -> str:
        return _display.results_repr(type(self).__name__, self)

    def _repr_html_(self) -> str:
        return _display.results_html(self)

    def to_frame(self) -> pandas.DataFrame:
        """A pandas DataFrame with one row per record; see :func:`defcoop.to_frame`.

        Raises:
            MissingExtraError: when pandas is not installed (``pip install "defcoop[pandas]"``).
        """
        return _tabular.frame(self, None, "Results.to_frame()")

    def to_arrow(self) -> pyarrow.Table:
        """An Arrow table with one row per record, of one kind; see :func:`defcoop.to_arrow`.

        Raises:
            MissingExtraError: when pyarrow is not installed (``pip install "defcoop[arrow]"``).
        """
        from defcoop.query.arrow import to_arrow

        return to_arrow(self)

    def ids(self) -> tuple[str, ...]:
        """The ids of the records, in order."""
        return tuple(record.id for record in self)
