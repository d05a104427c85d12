"""Hypothesis strategies for defcoop records and whole datasets.

These are the generators defcoop tests itself with, for testing code built on defcoop against
many valid datasets instead of one. They need the optional extra
``pip install "defcoop[hypothesis]"``; without hypothesis, importing this module raises
:class:`~defcoop.errors.MissingExtraError`. ``import defcoop`` never imports this module.

There is one strategy per record type, each making a single valid record whose references are
arbitrary ids unless told which ids to use, and :func:`datasets`, which makes whole valid
datasets: every reference resolves, citations fall inside generated sources, fields form a
taxonomy with broader links and no cycles, dates come at every precision and nest where the
model says they must. Arguments are keyword-only: sizes, date ranges and the countries,
sources and fields of a dataset take a value or a strategy; the ids a record may refer to are
given as strategies (``country_codes=st.sampled_from(["VNM", "RUS"])``). Values that need no
context (codes, kinds, patterns) are drawn from the rules the model declares
(:mod:`defcoop.model.rules`), so that a rule added there is obeyed here too.

Example (not a doctest: hypothesis draws different examples on each run)::

    from hypothesis import given, strategies as st
    from defcoop import Period
    from defcoop import strategies as dst

    @given(dst.datasets(sizes=st.integers(0, 6), dates=Period.parse("1990/2020")))
    def test_my_timeline_lists_every_signed_agreement(db):
        timeline = my_timeline(db)  # the code under test
        assert {a.id for a in db.agreements() if a.signed} <= {row.id for row in timeline}
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from defcoop.errors import MissingExtraError

try:
    import hypothesis  # noqa: F401 - imported to fail early, with a clear error
except ImportError as exc:  # pragma: no cover - tested in a subprocess without hypothesis
    raise MissingExtraError("hypothesis", "hypothesis", purpose="defcoop.strategies") from exc

from defcoop.strategies._building import record_ids
from defcoop.strategies._coverage import dataset_infos, searches
from defcoop.strategies._datasets import datasets
from defcoop.strategies._dates import partial_dates, periods
from defcoop.strategies._records import (
    agreements,
    citations,
    countries,
    events,
    field_evidence,
    fields,
    mechanisms,
    organizations,
    people,
    relationships,
    roles,
    sources,
)
from defcoop.strategies._transfers import transfers

__all__ = [
    "agreements",
    "citations",
    "countries",
    "dataset_infos",
    "datasets",
    "events",
    "field_evidence",
    "fields",
    "mechanisms",
    "organizations",
    "partial_dates",
    "people",
    "periods",
    "record_ids",
    "relationships",
    "roles",
    "searches",
    "sources",
    "transfers",
]


def _check_exports() -> None:
    """The facade exports exactly the public strategies of its private modules, and no other."""
    exported = {
        name
        for name, value in globals().items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith(f"{__name__}._")
    }
    if exported != set(__all__):  # pragma: no cover - a mistake in this file
        raise ImportError(f"defcoop.strategies exports {sorted(exported ^ set(__all__))} wrongly")


_check_exports()


def _register() -> None:
    """Register each record type's strategy with hypothesis, so that ``st.from_type(Agreement)``
    (and ``st.builds`` of a function taking an ``Agreement``) draws valid records.

    The record types are read from their declarations (:mod:`defcoop.model.registry`): the
    strategy of a type is the function named after its data-file key (``agreements``), and a
    type without one is drawn from its declaration alone (``_rules.valid_records``).
    """
    from hypothesis import strategies as st

    from defcoop.model import registry
    from defcoop.strategies._rules import valid_records

    for declared in registry.record_types():
        strategy = globals().get(declared.key)
        if not callable(strategy):
            strategy = functools.partial(valid_records, declared.cls)
        st.register_type_strategy(declared.cls, _deferred(strategy))


def _deferred(strategy: Callable[[], Any]) -> Callable[[type], Any]:
    """The strategy made when hypothesis first asks for it, not when this module is imported."""
    return lambda _type: strategy()


_register()
