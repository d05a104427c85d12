"""Arms transfers: one deal of one weapon, from a supplier to a recipient (issue 22).

Declared here, below :mod:`defcoop.model.records`, which re-exports and documents it with
the other records and imports this module last, so that transfers come last among the
record types, as data files list them.
"""

from __future__ import annotations

import attrs

from defcoop.model._parts import (
    COUNT,
    DATE,
    FLAG,
    ID_,
    SOURCES,
    TEXT,
    TEXTS,
    Citation,
    Delivery,
    Value,
    delivery_years,
    designation_keys,
    inferred_attribute,
    observed_ordered,
    transfer_parties,
)
from defcoop.model._show import RecordDisplay
from defcoop.model.dates import PartialDate, Period
from defcoop.model.kinds import TransferCategory, TransferStatus
from defcoop.model.registry import Index, Reference, Stages, record_type
from defcoop.model.rules import (
    ID,
    Ascending,
    Check,
    Differs,
    Each,
    InstanceOf,
    MemberOf,
    NotBeforeYearOf,
    SumAtMost,
    to_tuple,
)

__all__ = ["Transfer"]


@record_type(
    "transfers",
    "transfer",
    counted=True,
    date="ordered",
    observed=observed_ordered,
    stages=Stages(delivery_years, "delivered that year"),
    label="designation",
    references=(
        Reference("supplier", "country", edge="supplier"),
        Reference("recipient", "country", edge="recipient"),
        Reference("contract", "agreement", edge="contract"),
    ),
    indexes=(
        Index(
            "party",
            "supplier",
            keys=transfer_parties,
            help="a country that supplies or receives, by code or name",
        ),
        Index("supplier", "supplier", help="the supplying country, by code or name"),
        Index("recipient", "recipient", help="the receiving country, by code or name"),
        Index("category", "category", help="a SIPRI weapon category such as aircraft or ships"),
        Index("status", "status", help="planned, ordered, in delivery, delivered or cancelled"),
        Index(
            "designation",
            "designation",
            keys=designation_keys,
            help="the weapon's designation or alias (case, spaces, hyphens ignored)",
        ),
    ),
    filters=(("delivered", "a date or period the deliveries lie within, such as 2010/2016"),),
    summary="arms transfers, by date ordered",
    columns=(
        "id",
        "ordered",
        "delivered",
        "supplier",
        "recipient",
        "quantity",
        "status",
        "designation",
    ),
    node=True,
    meanings={
        "supplier": "the country supplying the weapons",
        "recipient": "the country receiving them",
        "designation": "the weapon, as commonly written (Su-30MK2)",
        "category": "the SIPRI category of the weapon",
        "quantity": "how many units were ordered",
        "ordered": "when the deal was ordered",
        "deliveries": "the years of delivery, each with its count where stated",
        "status": "how far the deal had gone by the latest source",
        "licensed": "true for production under licence in the recipient country",
        "value": "the deal's value: amount, ISO 4217 currency and the year of the money",
        "contract": "the id of the agreement that is the deal's contract",
    },
    inclusion=(
        "One deal (a contract or a batch) of one weapon from one state to another that a "
        "source reports; upgrades, repairs and licensed production included."
    ),
)
@attrs.frozen(kw_only=True, repr=False)
class Transfer(RecordDisplay):
    """An arms transfer: one deal of one weapon, from a supplier to a recipient.

    A deal is a contract or a batch, with its order, its deliveries and its status as of the
    latest source.
    ``designation`` is the weapon as commonly written ("Su-30MK2", "Project 636.1") and
    ``aliases`` its other spellings and names; ``category`` is SIPRI's weapon category.
    ``quantity`` is the number of units ordered where a source states it; ``ordered`` the date
    of the order at the source's precision. ``deliveries`` say in which years units arrived,
    each with its count where stated, in order of the years; their counts never add up to
    more than the quantity, and none comes before the year of the order. ``licensed`` is true
    for production under licence in the recipient. ``status`` is how far the deal had gone by
    the latest source, None where no source says. ``value`` is the deal's worth where a
    source states it, and ``contract`` the id of the agreement that is its contract.
    Upgrades and repairs are transfers too, said so in ``designation`` or ``notes``.
    """

    id: str = attrs.field(validator=ID_)
    supplier: str = attrs.field(validator=Check(InstanceOf(str), ID))
    recipient: str = attrs.field(validator=Check(InstanceOf(str), ID, Differs("supplier")))
    designation: str = attrs.field(validator=TEXT)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=TEXTS)
    category: TransferCategory = attrs.field(validator=Check(MemberOf(TransferCategory)))
    quantity: int | None = attrs.field(default=None, validator=COUNT)
    ordered: PartialDate | None = attrs.field(default=None, validator=DATE)
    deliveries: tuple[Delivery, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=Check(
            InstanceOf(tuple),
            Each(InstanceOf(Delivery)),
            Ascending("year"),
            NotBeforeYearOf("ordered"),
            SumAtMost("count", "quantity"),
        ),
    )
    status: TransferStatus | None = attrs.field(
        default=None, validator=Check(MemberOf(TransferStatus))
    )
    licensed: bool = attrs.field(default=False, validator=FLAG)
    value: Value | None = attrs.field(default=None, validator=Check(InstanceOf(Value)))
    contract: str | None = attrs.field(default=None, validator=ID_)
    sources: tuple[Citation, ...] = attrs.field(converter=to_tuple, validator=SOURCES)
    notes: str | None = attrs.field(default=None, validator=TEXT)
    inferred: frozenset[str] = inferred_attribute()

    @property
    def delivered(self) -> Period | None:
        """The years of the deliveries, first to last (derived, never stored); None for none."""
        if not self.deliveries:
            return None
        first, last = self.deliveries[0].year, self.deliveries[-1].year
        return Period(PartialDate(first), PartialDate(last))

    @property
    def parties(self) -> tuple[str, str]:
        """The supplier and the recipient, in that order (the countries the transfer is between)."""
        return (self.supplier, self.recipient)
