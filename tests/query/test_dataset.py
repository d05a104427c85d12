"""The query API over the bundled data: every documented filter form and every error form."""

from __future__ import annotations

from pathlib import Path

import pytest

import defcoop
from defcoop import (
    Agreement,
    Dataset,
    EventKind,
    EventStatus,
    Mechanism,
    PartialDate,
    Period,
    QueryError,
    UnknownNameError,
)


def ids(records: tuple[object, ...]) -> list[str]:
    return [r.id for r in records]  # type: ignore[attr-defined]


def test_quickstart_question(db: Dataset) -> None:
    """Which agreements cover military science: the Vietnam-Belarus agreement of November 2018."""
    (found,) = db.agreements(field="military science")
    assert isinstance(found, Agreement)
    assert found.parties == ("VNM", "BLR")
    assert str(found.signed) == "2018-11-15"
    assert found.signed_during == "ravkov-visit-vnm-2018-11"
    assert [str(c) for c in found.sources][:3] == [
        "pillar-and-highlight ¶12",
        "pillar-and-highlight ¶13",
        "vietnamplus-2018-11-15-ministers-talks ¶1",
    ]


@pytest.mark.parametrize(
    "name", ["military-science", "military science", "MILITARY SCIENCE", "defence science"]
)
def test_field_by_id_label_or_alias(db: Dataset, name: str) -> None:
    """field= takes an id, a label or an alias, in any case."""
    assert ids(db.agreements(field=name)) == ["vnm-blr-military-science-2018"]


def test_field_includes_narrower_fields(db: Dataset) -> None:
    """A broader field's results contain every narrower field's results."""
    everything = set(ids(db.agreements(field="defense cooperation")))
    for field in db.fields:
        assert set(ids(db.agreements(field=field.id))) <= everything
    assert set(ids(db.relationships(field="military education"))) <= set(
        ids(db.relationships(field="personnel training"))
    )
    assert db.narrower("personnel training") == {"personnel-training", "military-education"}


@pytest.mark.parametrize("party", ["BLR", "BY", "Belarus", "belarus", "Republic of Belarus", "112"])
def test_party_by_code_or_name(db: Dataset, party: str) -> None:
    """party= takes an alpha-3 or alpha-2 code, a numeric code or a country name."""
    found = db.agreements(party=party)
    assert found == tuple(a for a in db.agreements() if "BLR" in a.parties)
    assert "vnm-blr-military-science-2018" in found.ids()
    # Dated agreements in date order, then the undated ones.
    dated = [a for a in found if a.signed is not None]
    assert list(found[: len(dated)]) == dated


def test_party_accepts_a_country_record(db: Dataset) -> None:
    """A Country record works as a party filter too."""
    assert db.mechanisms(party=db.country("Russia")) == db.mechanisms(party="RUS")


@pytest.mark.parametrize(
    "when", ["2018", PartialDate(2018), Period.parse("2018/2018"), Period.parse("2018-01/2018-12")]
)
def test_date_filter_forms(db: Dataset, when: object) -> None:
    """Date filters take text, a PartialDate or a Period and mean the same thing."""
    assert ids(db.events(kind="visit", when=when)) == [  # type: ignore[arg-type]
        "shoigu-visit-vnm-2018-01",
        "lich-visit-rus-2018-04",
        "ravkov-visit-vnm-2018-11",
    ]


def test_date_filter_keeps_whole_ranges_only(db: Dataset) -> None:
    """A record matches a date filter only if its whole date range lies inside."""
    assert "vietnam-year-in-russia" not in ids(db.events(when="2019"))
    assert "vietnam-year-in-russia" in ids(db.events(when="2019/2020"))
    assert ids(db.agreements(signed="2018-11")) == [
        "vnm-blr-delegation-exchange-plan-2019",
        "vnm-blr-military-science-2018",
    ]
    # The 2014 agreements are dated to the month: a day inside it does not hold them.
    assert "vnm-blr-agreements-2014-10" in ids(db.agreements(signed="2014-10"))
    assert db.agreements(signed="2014-10-07") == ()


def test_undated_records_never_match_and_sort_last(db: Dataset) -> None:
    """Records without a date are left out by date filters and come after the dated ones."""
    events = db.events()
    undated = [e for e in events if e.when is None]
    assert undated
    assert events[-len(undated) :] == tuple(undated)
    assert not set(undated) & set(db.events(when="0001/9999"))
    assert all(a.signed is not None for a in db.agreements(signed="0001/9999"))


def test_results_are_ordered_by_date_then_id(db: Dataset) -> None:
    """Results are Results tuples, whatever the filters, ordered by date, then id."""
    events = db.events()
    dated = [e for e in events if e.when is not None]
    assert dated == sorted(dated, key=lambda e: (e.when, e.id))
    agreements = [a for a in db.agreements() if a.signed is not None]
    assert agreements == sorted(agreements, key=lambda a: (a.signed, a.id))
    for result in (db.agreements(), db.events(), db.mechanisms(), db.people()):
        assert type(result) is defcoop.Results
        assert isinstance(result, tuple)
    assert type(db.agreements(field="peacekeeping")) is defcoop.Results
    assert type(db.agreements(signed="1900")) is defcoop.Results


def test_filters_combine_with_and(db: Dataset) -> None:
    """Each filter narrows the answer; together they intersect."""
    by_person = set(db.events(person="Ngo Xuan Lich"))
    by_kind = set(db.events(kind="meeting"))
    both = db.events(person="Ngo Xuan Lich", kind="meeting", when="2018")
    assert set(both) == by_person & by_kind & set(db.events(when="2018"))
    assert ids(both) == ["lich-shoigu-meeting-2018-04", "lich-ravkov-talks-2018-11-15"]


@pytest.mark.parametrize("person", ["ngo-xuan-lich", "Ngo Xuan Lich", "Ngô Xuân Lịch", "lich"])
def test_person_by_id_name_or_alias(db: Dataset, person: str) -> None:
    """person= takes an id, the full name or an alias, ignoring case and diacritics."""
    assert "vnm-blr-signing-2018-11" in ids(db.events(person=person))


def test_event_kind_and_status(db: Dataset) -> None:
    """kind= and status= take vocabulary members or their words."""
    planned = db.events(status="planned")
    assert planned == db.events(status=EventStatus.PLANNED)
    assert {e.kind for e in planned} == {
        EventKind.EXCHANGE_YEAR,
        EventKind.EXERCISE,
        EventKind.MEETING,
        EventKind.MULTILATERAL_ACTIVITY,
        EventKind.PORT_CALL,
        EventKind.VISIT,
    }
    assert EventKind.COMPETITION in {e.kind for e in db.events(status="occurred")}
    assert db.events(kind="Exchange Year") == db.events(kind=EventKind.EXCHANGE_YEAR)


def test_people_and_organizations_by_country(db: Dataset) -> None:
    """people(country=) and organizations(country=) filter by country."""
    belarusians = ids(db.people(country="Belarus"))
    assert {"aleksandr-nikolaevich", "andrei-ravkov", "viktor-khrenin"} <= set(belarusians)
    assert all(db.person(person).country == "BLR" for person in belarusians)
    assert "ngo-xuan-lich" not in belarusians
    assert "un" not in ids(db.organizations(country="VN"))
    assert "vpa" in ids(db.organizations(country="VN"))


def test_get_and_iteration(db: Dataset) -> None:
    """get() finds any record by id; iteration yields every record once."""
    assert db.get("VNM").name == "Vietnam"  # type: ignore[union-attr]
    assert db.get("mcis-7").title.startswith("Seventh")  # type: ignore[union-attr]
    records = list(db)
    assert len(records) == len(db) == len({r.id for r in records})
    assert "mcis-7" in db
    assert "nope" not in db
    assert 3 not in db


@pytest.mark.parametrize(
    ("call", "kind", "suggestion"),
    [
        (lambda db: db.agreements(field="militery science"), "field", "military science"),
        (lambda db: db.agreements(party="Belaruss"), "country", "Belarus"),
        (lambda db: db.events(person="Shoygu"), "person", "Shoigu"),
        (lambda db: db.events(kind="vist"), "event kind", "visit"),
        (lambda db: db.events(status="planed"), "event status", "planned"),
        (lambda db: db.get("mcis7"), "id", "mcis-7"),
        (lambda db: db.people(country="Vietnma"), "country", "Vietnam"),
        (lambda db: db.relationships(field="peace keeping"), "field", "peacekeeping"),
    ],
)
def test_misspellings_name_the_closest_choices(
    db: Dataset, call: object, kind: str, suggestion: str
) -> None:
    """A misspelt name raises UnknownNameError with suggestions, never an empty answer."""
    with pytest.raises(UnknownNameError) as info:
        call(db)  # type: ignore[operator]
    assert info.value.kind == kind
    assert suggestion in info.value.suggestions
    assert suggestion in str(info.value)
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, defcoop.DefcoopError)


def test_unrelated_name_lists_valid_choices(db: Dataset) -> None:
    """When nothing is close, the error lists some valid choices instead."""
    with pytest.raises(UnknownNameError, match="valid choices include"):
        db.events(kind="zzzz")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda db: db.agreements(field=""), "empty string"),
        (lambda db: db.agreements(field=3), "expects a string"),
        (lambda db: db.agreements(party=["VNM"]), "expects a string"),
        (lambda db: db.agreements(signed="2018-13"), "month must be between 1 and 12"),
        (lambda db: db.events(when="last year"), "expected a date"),
        (lambda db: db.events(when=2018), "expects a PartialDate, a Period or text"),
        (lambda db: db.get(None), "expects a string"),
    ],
)
def test_bad_arguments_raise_query_error(db: Dataset, call: object, message: str) -> None:
    """Wrong types, empty strings and unreadable dates raise QueryError naming what is expected."""
    with pytest.raises(QueryError, match=message) as info:
        call(db)  # type: ignore[operator]
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, TypeError)


def test_dataset_is_immutable(db: Dataset) -> None:
    """A dataset refuses attribute assignment and deletion."""
    with pytest.raises(AttributeError, match="immutable"):
        db.info = None
    with pytest.raises(AttributeError, match="immutable"):
        del db.info


def test_same_answer_for_every_name_of_a_thing(db: Dataset) -> None:
    """An id, a label, an alias or a code of the same thing give the same answer."""
    assert db.relationships(field="peacekeeping") == db.relationships(
        field="UN peacekeeping operations"
    )
    assert db.events(party="RUS") == db.events(party="Russian Federation") == db.events(party="RU")
    assert db.events(person="sergei-shoigu") == db.events(person="Сергей Шойгу")


def test_repr_names_the_dataset(db: Dataset) -> None:
    """The dataset's repr gives its name, version and size."""
    assert repr(db) == f"<Dataset defcoop bundled data 2026.12.0: {len(db)} records>"


def test_get_with_a_kind(db: Dataset) -> None:
    """get(id, kind) returns a record of that kind, or names the closest ids of that kind."""
    assert db.get("mcis-7", defcoop.Event).kind is EventKind.CONFERENCE
    with pytest.raises(UnknownNameError, match="unknown agreement id 'mcis-7'") as info:
        db.get("mcis-7", Agreement)
    assert info.value.kind == "agreement id"


@pytest.mark.parametrize("code", ["VNM", "VN", "704", "816", 816, "Viet Nam", "việt nam"])
def test_every_code_of_a_country_finds_it(db: Dataset, code: str | int) -> None:
    """Alpha-3, alpha-2, ISO numeric and COW codes (as text or int) and names find a country."""
    assert db.country(code).code == "VNM"
    assert db.events(party=code) == db.events(party="VNM")


def test_an_int_is_a_cow_code(db: Dataset) -> None:
    """An int finds the country with that COW code, never an ISO numeric code."""
    assert db.country(365).code == "RUS"
    assert db.agreements(party=370) == db.agreements(party="BLR")
    assert db.country(704).code == "UZB"  # Vietnam's ISO numeric code is Uzbekistan's COW code
    with pytest.raises(UnknownNameError, match="unknown COW code '999'") as info:
        db.country(999)
    assert info.value.kind == "COW code"
    with pytest.raises(QueryError, match="expects a string"):
        db.country(True)  # type: ignore[arg-type]


def test_digits_as_text_are_an_iso_numeric_code_before_a_cow_code() -> None:
    """Text digits name the country with that ISO numeric code; an int names a COW code."""
    data = Dataset.from_records(
        [
            defcoop.Country(code="AAA", name="Aland", alpha2="AA", numeric="365"),
            defcoop.Country(code="BBB", name="Bland", alpha2="BB", cow_code=365),
        ]
    )
    assert data.country("365").code == "AAA"
    assert data.country(365).code == "BBB"
    assert data.country("BBB").code == "BBB"


def test_events_by_cameo_code(db: Dataset) -> None:
    """cameo= keeps events with that CAMEO code, or with a code below a shorter one."""
    visits = db.events(cameo="042")
    assert visits
    assert {e.cameo for e in visits} == {"042"}
    consults = db.events(cameo="04")
    assert set(visits) < set(consults)
    assert all(e.cameo is not None and e.cameo.startswith("04") for e in consults)
    signings = db.events(cameo="057")
    assert "vnm-blr-signing-2018-11" in signings.ids()
    assert signings == tuple(e for e in db.events() if e.cameo == "057")
    assert db.events(cameo="0421") == ()
    assert db.events(cameo="03", status="occurred") == ()


@pytest.mark.parametrize("code", ["4", "42a", "04211", 42])
def test_cameo_filter_needs_two_to_four_digits(db: Dataset, code: object) -> None:
    """A cameo= filter that is not two to four digits is a QueryError."""
    with pytest.raises(QueryError, match="cameo="):
        db.events(cameo=code)  # type: ignore[arg-type]


def test_events_by_mechanism(tmp_path: Path) -> None:
    """mechanism= keeps the rounds of one committee or dialogue, named by id, name or alias."""
    (tmp_path / "rounds.toml").write_text(
        """
[[sources]]
id = "rounds-report"
language = "en"
paragraphs = 1
published = "2020"
coverage = [{ countries = ["VNM", "RUS"], period = "2018/2019" }]

[[events]]
id = "round-2"
title = "Second round"
kind = "meeting"
parties = ["VNM", "RUS"]
when = "2019-05"
mechanism = "vnm-rus-strategic-dialogue"
round = 2
sources = ["rounds-report#1"]

[[events]]
id = "round-1"
title = "First round"
kind = "meeting"
parties = ["VNM", "RUS"]
when = "2018-05"
mechanism = "vnm-rus-strategic-dialogue"
round = 1
sources = ["rounds-report#1"]
""",
        encoding="utf-8",
    )
    db = defcoop.load(tmp_path, bundled=True)
    dialogue = db.get("vnm-rus-strategic-dialogue", Mechanism)
    assert {"round-1", "round-2"} <= set(ids(db.events(mechanism=dialogue.id)))
    assert ids(db.events(mechanism=dialogue.id, when="2018-05")) == ["round-1"]
    assert ids(db.events(mechanism=dialogue.id, when="2019-05")) == ["round-2"]
    assert db.events(mechanism=dialogue.name) == db.events(mechanism=dialogue)
    assert ids(db.events(mechanism="vnm-rus-igc-mtc", when="2018")) == []
    with pytest.raises(UnknownNameError, match="did you mean 'vnm-rus-strategic-dialogue'"):
        db.events(mechanism="vnm-rus-strategic-dialog")


def test_events_by_actor_recipient_and_host(db: Dataset) -> None:
    """actor=, recipient= and host= keep the events directed from, to, or held in a country."""
    for name in ("actor", "recipient", "host"):
        found = db.events(**{name: "Vietnam"})
        assert found, name
        assert all(getattr(event, name) == "VNM" for event in found), name
        expected = [e.id for e in db.events() if getattr(e, name) == "VNM"]
        assert [e.id for e in found] == expected, name
