"""db.transfers(): the filters of arms transfers, with the semantics and errors of the others."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import defcoop
from _helpers import WHOLE_DATASETS, with_transfers
from defcoop import Dataset, Period, QueryError, Transfer, UnknownNameError
from defcoop import strategies as dst
from defcoop.model._parts import compact


def ids(records: object) -> list[str]:
    return [record.id for record in records]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def db() -> Dataset:
    """The bundled data with three transfers."""
    return with_transfers()


def test_transfers_come_by_order_date(db: Dataset) -> None:
    """Every transfer, ordered by date then id; the bundled data alone has none yet."""
    assert ids(db.transfers()) == [
        "rus-vnm-project-636-1-2009",
        "rus-vnm-su-30mk2-sample-2013",
        "vnm-rus-repair-2015",
    ]
    assert all(isinstance(t, Transfer) for t in db.transfers())


@pytest.mark.parametrize("russia", ["RUS", "RU", "643", "Russia", "russian federation", 365])
def test_supplier_recipient_and_party_take_any_country_name(db: Dataset, russia: object) -> None:
    """supplier=, recipient= and party= take codes and names, as party= does elsewhere."""
    assert ids(db.transfers(supplier=russia)) == ids(db.transfers())[:2]  # type: ignore[arg-type]
    assert ids(db.transfers(recipient=russia)) == ["vnm-rus-repair-2015"]  # type: ignore[arg-type]
    assert db.transfers(party=russia) == db.transfers()  # type: ignore[arg-type]


@pytest.mark.parametrize("written", ["Su-30MK2", "su 30 mk2", "SU30MK2", "su-30-mk2"])
def test_designation_ignores_case_spaces_and_hyphens(db: Dataset, written: str) -> None:
    """A designation matches however it is spaced, hyphenated or capitalised."""
    assert ids(db.transfers(designation=written)) == ["rus-vnm-su-30mk2-sample-2013"]


def test_designation_matches_aliases_in_any_script(db: Dataset) -> None:
    """Aliases find the transfer, in Latin or Cyrillic letters."""
    kilo = ["rus-vnm-project-636-1-2009"]
    assert ids(db.transfers(designation="kilo")) == kilo
    assert ids(db.transfers(designation="варшавянка")) == kilo
    assert ids(db.transfers(designation="Project 636.1")) == kilo


def test_a_misspelt_designation_names_the_closest(db: Dataset) -> None:
    """An unknown designation is an error suggesting the nearest ones, never an empty answer."""
    with pytest.raises(UnknownNameError, match="did you mean 'Su-30MK2'"):
        db.transfers(designation="Su-30MK3")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"category": "aircrafts"}, "did you mean 'aircraft'"),
        ({"status": "deliverd"}, "did you mean 'delivered'"),
        ({"supplier": "Rusia"}, "did you mean 'Russia'"),
        ({"ordered": "2013-13"}, "ordered="),
        ({"delivered": 2013}, "delivered= expects"),
        ({"designation": " "}, "designation= expects a name"),
    ],
)
def test_bad_filters_say_what_was_meant(
    db: Dataset, arguments: dict[str, object], message: str
) -> None:
    """Each filter refuses a misspelling or a wrong type as the other queries do."""
    with pytest.raises((QueryError, UnknownNameError), match=message):
        db.transfers(**arguments)  # type: ignore[arg-type]


def test_category_and_status_take_their_words_in_any_case(db: Dataset) -> None:
    """category= and status= take vocabulary words, any case, or the members themselves."""
    assert ids(db.transfers(category="Ships")) == ["rus-vnm-project-636-1-2009"]
    assert ids(db.transfers(category=defcoop.TransferCategory.ENGINES)) == ["vnm-rus-repair-2015"]
    assert ids(db.transfers(status="ordered")) == ["vnm-rus-repair-2015"]


def test_ordered_and_delivered_keep_what_lies_wholly_within(db: Dataset) -> None:
    """ordered= filters the order date, delivered= the span of the deliveries, both wholly
    within; a transfer without deliveries is never within a delivered= period."""
    assert ids(db.transfers(ordered="2009/2013")) == ids(db.transfers())[:2]
    assert ids(db.transfers(ordered="2013")) == ["rus-vnm-su-30mk2-sample-2013"]
    assert ids(db.transfers(delivered="2013/2016")) == ids(db.transfers())[:2]
    assert ids(db.transfers(delivered="2014/2016")) == ["rus-vnm-su-30mk2-sample-2013"]
    assert ids(db.transfers(delivered=Period.parse("2014/2015"))) == []


def test_filters_combine_with_and(db: Dataset) -> None:
    """Several filters keep the transfers that pass all of them."""
    found = db.transfers(supplier="RUS", category="aircraft", ordered="2013", status="delivered")
    assert ids(found) == ["rus-vnm-su-30mk2-sample-2013"]
    assert ids(db.transfers(supplier="VNM", designation="Su-30MK2")) == []


@settings(max_examples=WHOLE_DATASETS)  # whole datasets: see _helpers.WHOLE_DATASETS
@given(dst.datasets(sizes=st.integers(0, 4)), st.data())
def test_each_filter_keeps_exactly_the_transfers_that_match(
    db: Dataset, data: st.DataObject
) -> None:
    """For generated datasets, each filter's answer is the transfers a scan finds."""
    everything = db.transfers()
    assert len(everything) == sum(isinstance(r, Transfer) for r in db)
    for country in db.countries:
        code = country.code
        assert [t for t in everything if t.supplier == code] == list(db.transfers(supplier=code))
        assert [t for t in everything if code in t.parties] == list(db.transfers(party=code))
    if everything:
        chosen = data.draw(st.sampled_from(everything))
        named = db.transfers(designation=chosen.designation.upper())
        key = compact(chosen.designation)
        assert list(named) == [
            t for t in everything if key in {compact(n) for n in (t.designation, *t.aliases)}
        ]
        by_category = db.transfers(category=chosen.category)
        assert list(by_category) == [t for t in everything if t.category is chosen.category]


def test_a_transfer_without_a_status_is_found_by_no_status(db: Dataset) -> None:
    """status= finds only the transfers whose status a source states."""
    repair = db.get("vnm-rus-repair-2015", Transfer)
    unstated = attrs.evolve(repair, id="unstated", status=None)
    both = Dataset.from_records([*db, unstated])
    assert "unstated" not in both.transfers(status="ordered").ids()
    assert "unstated" in both.transfers(party="VNM").ids()
