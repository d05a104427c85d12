"""Arms transfers: a deal's order, its deliveries year by year and its value, drawn together.

The attributes of a transfer depend on each other (deliveries in year order, none before the
year of the order, their counts within the quantity; a recipient other than the supplier), so
they are drawn by one composite strategy; each value that needs no context comes from the
rules the model declares (:func:`~defcoop.strategies._rules.values_for`).
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from defcoop.model.dates import Period
from defcoop.model.records import Citation, Delivery, Transfer, Value
from defcoop.strategies._building import (
    _EVERY_DAY,
    _aliases,
    _cited,
    _codes,
    _ids,
    _inferred,
    _maybe,
    _names,
    _notes,
    _strategy,
    _usually,
)
from defcoop.strategies._dates import partial_dates
from defcoop.strategies._rules import values_for

__all__ = ["transfers"]


def transfers(
    *,
    ids: SearchStrategy[str] | None = None,
    country_codes: SearchStrategy[str] | None = None,
    agreement_ids: SearchStrategy[str] | None = None,
    citations: SearchStrategy[Citation] | None = None,
    dates: Period | SearchStrategy[Period] | None = None,
) -> SearchStrategy[Transfer]:
    """Arms transfers of every category and status, perhaps ordered, delivered and valued.

    Deliveries fall in distinct years in order, none before the year of the order, with
    counts (where drawn) adding up to no more than the quantity; the recipient is never the
    supplier, so ``country_codes`` must offer at least two codes.

    Args:
        ids: the transfer's id.
        country_codes: the codes its supplier and recipient may have.
        agreement_ids: the ids of the agreement that may be its contract.
        citations: the citations in ``sources``.
        dates: the period its order, deliveries and value's year lie in (default: years 1
            to 9999).
    """
    return _transfers(
        _ids(ids),
        _codes(country_codes),
        _ids(agreement_ids),
        citations,
        _strategy(_EVERY_DAY if dates is None else dates),
    )


@st.composite
def _transfers(
    draw: st.DrawFn,
    ids: SearchStrategy[str],
    codes: SearchStrategy[str],
    agreement_ids: SearchStrategy[str],
    citations: SearchStrategy[Citation] | None,
    dates: SearchStrategy[Period],
) -> Transfer:
    span = draw(dates)
    supplier = draw(codes)
    recipient = draw(codes.filter(lambda code: code != supplier))
    ordered = draw(_usually(partial_dates(within=span)))
    first = span.start.year if ordered is None else ordered.year
    years = sorted(
        draw(st.sets(st.integers(first, min(span.end.year, first + 30)), max_size=3)),
    )
    counts = [draw(_maybe(st.integers(1, 49))) for _ in years]
    deliveries = [Delivery(year=y, count=n) for y, n in zip(years, counts, strict=True)]
    least = max(1, sum(n for n in counts if n is not None))
    money = st.builds(
        Value,
        amount=st.integers(1, 10**12),
        currency=values_for(Value, "currency"),
        year=st.integers(span.start.year, span.end.year),
    )
    return Transfer(
        id=draw(ids),
        supplier=supplier,
        recipient=recipient,
        designation=draw(_names()),
        aliases=draw(_aliases(2)),
        category=draw(values_for(Transfer, "category")),
        quantity=draw(_maybe(st.integers(least, least + 100))),
        ordered=ordered,
        deliveries=deliveries,
        status=draw(values_for(Transfer, "status")),
        licensed=draw(st.booleans()),
        value=draw(_maybe(money)),
        contract=draw(_maybe(agreement_ids)),
        sources=draw(_cited(citations)),
        notes=draw(_notes()),
        inferred=draw(_inferred(Transfer)),
    )
