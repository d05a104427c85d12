"""What a dataset calls itself: the ``[dataset]`` table of its files, as :class:`DatasetInfo`
(re-exported by :mod:`defcoop.query.collection` and as :class:`defcoop.DatasetInfo`)."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import TYPE_CHECKING

import attrs

from defcoop._version import __version__
from defcoop.model._compiled import cached
from defcoop.model._parts import DATE, Coverage
from defcoop.model.dates import PartialDate
from defcoop.model.rules import Check, InstanceOf, NonEmpty, NotBlank

if TYPE_CHECKING:
    from defcoop.model.records import Source

__all__ = ["DatasetInfo", "all_claims"]


# attrs' generated methods compiled once and cached, as the model's (defcoop.model._compiled).
with cached():

    @attrs.frozen(kw_only=True)
    class DatasetInfo:
        """What a dataset calls itself: name, version and release date (a ``[dataset]`` table).

        ``coverage`` holds the claims the ``[dataset]`` table declares for the dataset as a whole,
        each resting on a search and naming its sources (:class:`Coverage`); what each source
        says it looked at is its own ``Source.coverage``, and ``Dataset.coverage`` gathers
        both.
        """

        name: str = attrs.field(validator=Check(InstanceOf(str), NonEmpty(), NotBlank()))
        version: str = attrs.field(validator=Check(InstanceOf(str), NonEmpty(), NotBlank()))
        released: PartialDate | None = attrs.field(default=None, validator=DATE)
        coverage: tuple[Coverage, ...] = ()

        @property
        def code_version(self) -> str:
            """The version of the defcoop code reading the data, beside the data's ``version``.

            The two move apart: the data is versioned by its release month (``2026.12.0``,
            docs/citing.md says how), the code by semantic versioning (``defcoop.__version__``).
            Exports and citations name both.
            """
            return __version__


def all_claims(info: DatasetInfo | None, sources: Sequence[Source]) -> tuple[Coverage, ...]:
    """The dataset's own claims, then each source's (sources by id), each naming its source."""
    own = (
        attrs.evolve(claim, sources=(source.id,))
        for source in sorted(sources, key=attrgetter("id"))
        for claim in source.coverage
    )
    return (*(() if info is None else info.coverage), *own)
