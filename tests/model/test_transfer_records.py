"""Arms transfers in the model: their rules, their derived values and how loading reports them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import defcoop
from _helpers import TRANSFER_SOURCE, TRANSFERS, problems_of, write
from defcoop import (
    Citation,
    Delivery,
    PartialDate,
    Period,
    RecordError,
    Transfer,
    TransferCategory,
    TransferStatus,
    Value,
)
from defcoop import strategies as dst
from defcoop.model import registry
from defcoop.model._parts import compact
from defcoop.model.rules import Ascending, Between, NotBeforeYearOf, SumAtMost

CITE = Citation(source="s", paragraph=1)
VALID: dict[str, Any] = {
    "id": "t",
    "supplier": "RUS",
    "recipient": "VNM",
    "designation": "Su-30MK2",
    "category": TransferCategory.AIRCRAFT,
    "quantity": 4,
    "ordered": PartialDate(2009, 2),
    "deliveries": (Delivery(year=2010, count=2), Delivery(year=2011)),
    "status": TransferStatus.DELIVERED,
    "sources": (CITE,),
}


def test_a_transfer_is_declared_once_for_the_whole_package() -> None:
    """The declaration gives the key, the date, the label, the references and the filters."""
    declared = registry.of(Transfer)
    assert (declared.key, declared.singular, declared.date) == ("transfers", "transfer", "ordered")
    assert declared.label == "designation"
    assert [(r.attribute, r.target) for r in declared.references] == [
        ("supplier", "country"),
        ("recipient", "country"),
        ("contract", "agreement"),
    ]
    assert {index.filter for index in declared.indexes} == {
        "party",
        "supplier",
        "recipient",
        "category",
        "status",
        "designation",
    }
    assert registry.keys()[-1] == "transfers"


def test_vocabularies_follow_sipri_and_the_issue() -> None:
    """The categories are SIPRI's twelve; the statuses run from planned to cancelled."""
    assert [c.value for c in TransferCategory] == [
        "aircraft",
        "air defence systems",
        "anti-submarine warfare",
        "armoured vehicles",
        "artillery",
        "engines",
        "missiles",
        "naval weapons",
        "satellites",
        "sensors",
        "ships",
        "other",
    ]
    assert [s.value for s in TransferStatus] == [
        "planned",
        "ordered",
        "in delivery",
        "delivered",
        "cancelled",
    ]


def test_delivered_runs_from_the_first_to_the_last_delivery_year() -> None:
    """``delivered`` is derived from the deliveries, None without any, and never stored."""
    transfer = Transfer(**VALID)
    assert transfer.delivered == Period.parse("2010/2011")
    assert attrs.evolve(transfer, deliveries=()).delivered is None
    assert "delivered" not in attrs.fields_dict(Transfer)
    assert transfer.parties == ("RUS", "VNM")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("recipient", "RUS", "cannot also be the supplier"),
        ("quantity", 0, "at least 1"),
        ("deliveries", (Delivery(year=2011), Delivery(year=2010)), "in order of year"),
        ("deliveries", (Delivery(year=2010), Delivery(year=2010)), "gives year 2010 twice"),
        ("deliveries", (Delivery(year=2008),), "before the year of ordered"),
        ("deliveries", (Delivery(year=2010, count=5),), "add up to 5, more than the quantity"),
        ("category", "aircraft", "TransferCategory"),
        ("value", {"amount": 1}, "expected Value"),
    ],
)
def test_broken_rules_are_refused_naming_the_attribute(name: str, value: Any, message: str) -> None:
    """Each rule of a transfer refuses a breaking value with a RecordError naming it."""
    with pytest.raises(RecordError, match=message) as raised:
        Transfer(**{**VALID, name: value})
    assert (raised.value.record_type, raised.value.attribute) == ("Transfer", name)


def test_what_no_source_states_may_be_left_out() -> None:
    """Only the id, the countries, the designation, the category and sources are required."""
    bare = defcoop.from_dict(
        Transfer,
        {
            "id": "t",
            "supplier": "BLR",
            "recipient": "VNM",
            "designation": "tanks (type not stated)",
            "category": "armoured vehicles",
            "sources": ["s#1"],
        },
    )
    assert (bare.status, bare.quantity, bare.ordered, bare.deliveries) == (None, None, None, ())
    assert bare.delivered is None
    assert bare.value is None
    assert not bare.licensed


def test_counts_without_a_quantity_and_deliveries_without_an_order_are_fine() -> None:
    """The sum and the order-year rules hold only where both sides are known."""
    Transfer(**{**VALID, "quantity": None, "deliveries": (Delivery(year=2010, count=99),)})
    Transfer(**{**VALID, "ordered": None, "deliveries": (Delivery(year=1990),)})


@pytest.mark.parametrize(
    ("cls", "valid", "name", "value"),
    [
        (Delivery, {"year": 2010, "count": 1}, "year", 0),
        (Delivery, {"year": 2010, "count": 1}, "year", 10_000),
        (Delivery, {"year": 2010, "count": 1}, "count", 0),
        (Value, {"amount": 1, "currency": "USD", "year": 2010}, "currency", "usd"),
        (Value, {"amount": 1, "currency": "USD", "year": 2010}, "amount", 0),
        (Value, {"amount": 1, "currency": "USD", "year": 2010}, "year", "2010"),
    ],
)
def test_parts_refuse_what_their_rules_refuse(
    cls: type, valid: dict[str, Any], name: str, value: Any
) -> None:
    """A delivery's year and count, a value's amount, currency and year, check their rules."""
    with pytest.raises(RecordError) as raised:
        cls(**{**valid, name: value})
    assert (raised.value.record_type, raised.value.attribute) == (cls.__name__, name)


def test_parts_read_as_people_write_them() -> None:
    """A delivery reads "2010: 4" (or the year alone); a value its amount, currency and year."""
    assert [str(d) for d in VALID["deliveries"]] == ["2010: 2", "2011"]
    assert str(Value(amount=600_000_000, currency="USD", year=2013)) == "600,000,000 USD (2013)"


def test_new_rules_say_themselves_in_every_form() -> None:
    """The rules give their JSON Schema keywords and say whether they relate attributes."""
    assert Between(1, 9999).json_schema({}, object) == {"minimum": 1, "maximum": 9999}
    assert Ascending("year").json_schema({}, object) == {}
    assert NotBeforeYearOf("ordered").relates
    assert SumAtMost("count", "quantity").relates
    assert not Ascending("year").relates


def test_designations_compare_without_case_spaces_or_hyphens() -> None:
    """Su-30MK2, su 30 mk2 and SU30MK2 are one designation; Su-30MK is another."""
    assert compact("Su-30MK2") == compact("su 30 mk2") == compact("SU30MK2")
    assert compact("Su-30MK") != compact("Su-30MK2")


def test_a_data_file_of_transfers_loads_with_the_bundled_data(tmp_path: Path) -> None:
    """Transfers written as data-file tables load, values and parts as written."""
    write(tmp_path / "t.json", {"sources": [TRANSFER_SOURCE], "transfers": TRANSFERS})
    db = defcoop.load(tmp_path, bundled=True)
    kilo = db.get("rus-vnm-project-636-1-2009", Transfer)
    assert kilo.value == Value(amount=2_000_000_000, currency="USD", year=2009)
    assert kilo.delivered == Period.parse("2013/2016")
    assert defcoop.to_dict(kilo)["deliveries"][0] == {
        "year": 2013,
        "count": 2,
    }


def test_a_broken_transfer_in_a_file_names_file_record_and_attribute(tmp_path: Path) -> None:
    """A delivery count above the quantity is a DataError naming where it is."""
    broken = {**TRANSFERS[0], "quantity": 2}
    path = write(tmp_path / "t.json", {"sources": [TRANSFER_SOURCE], "transfers": [broken]})
    (problem,) = problems_of(path, bundled=True)
    assert "t.json" in problem
    assert "rus-vnm-project-636-1-2009" in problem
    assert "deliveries" in problem
    assert "more than the quantity" in problem


def test_a_misspelt_category_suggests_the_closest(tmp_path: Path) -> None:
    """A category outside SIPRI's is refused with the words it may have meant."""
    broken = {**TRANSFERS[1], "category": "aircrafts"}
    path = write(tmp_path / "t.json", {"sources": [TRANSFER_SOURCE], "transfers": [broken]})
    (problem,) = problems_of(path, bundled=True)
    assert "category" in problem
    assert "aircraft" in problem


def test_a_contract_must_name_an_agreement(tmp_path: Path) -> None:
    """``contract`` is a reference: an id that names no agreement is refused at load."""
    broken = {**TRANSFERS[1], "contract": "vnm-rus-defense-plan-2018-2020x"}
    path = write(tmp_path / "t.json", {"sources": [TRANSFER_SOURCE], "transfers": [broken]})
    assert any("contract" in problem for problem in problems_of(path, bundled=True))


@given(dst.transfers(dates=Period.parse("1950/2030")))
def test_generated_transfers_round_trip_through_their_data_file_form(transfer: Transfer) -> None:
    """to_dict then from_dict gives the same transfer back, parts included."""
    data = json.loads(json.dumps(defcoop.to_dict(transfer)))
    assert defcoop.from_dict(Transfer, data) == transfer


@given(dst.transfers(), st.data())
def test_generated_transfers_obey_their_rules(transfer: Transfer, data: st.DataObject) -> None:
    """Deliveries in year order, within the quantity, from the order year; two countries."""
    years = [d.year for d in transfer.deliveries]
    assert years == sorted(set(years))
    assert transfer.supplier != transfer.recipient
    counted = sum(d.count or 0 for d in transfer.deliveries)
    assert transfer.quantity is None or counted <= transfer.quantity
    if transfer.ordered is not None:
        assert all(year >= transfer.ordered.year for year in years)
