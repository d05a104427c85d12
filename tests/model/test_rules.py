"""Rules declared once on the model: enforced by construction, the fast loader and the schema."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import defcoop
from _helpers import WHOLE_DATASETS
from defcoop import DefcoopError, RecordError
from defcoop import strategies as dst
from defcoop.loading.fast._fast import Structurer, UnsoundError, source_of
from defcoop.model._jsonschema import reference as _reference
from defcoop.model.kinds import EventKind
from defcoop.model.rules import (
    BOOKKEEPING,
    CAMEO,
    ID,
    AtLeast,
    Check,
    Each,
    InstanceOf,
    MemberOf,
    NonEmpty,
    OnlyWith,
    Pattern,
    Unique,
    inferable,
    rules_of,
    to_tuple,
)
from defcoop.strategies._rules import from_rules

jsonschema = pytest.importorskip("jsonschema")

SERIAL = Pattern("[A-Z][0-9]{2}", "a letter and two digits")


@attrs.frozen(kw_only=True)
class Gadget:
    """A throwaway record type, declared with rules as the model declares its own."""

    id: str = attrs.field(validator=Check(InstanceOf(str), ID))
    serial: str = attrs.field(validator=Check(InstanceOf(str), SERIAL))
    size: int = attrs.field(validator=Check(InstanceOf(int), AtLeast(2)))
    kind: EventKind = attrs.field(validator=Check(MemberOf(EventKind)))
    tags: tuple[str, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=Check(InstanceOf(tuple), Each(InstanceOf(str), NonEmpty()), Unique()),
    )
    code: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), CAMEO))


VALID = {"id": "g-1", "serial": "A12", "size": 2, "kind": "visit", "tags": ["x"], "code": "04"}
BROKEN = [
    ("serial", "a12"),
    ("serial", "A1"),
    ("size", 1),
    ("tags", ["x", "x"]),
    ("tags", [""]),
    ("code", "4"),
    ("code", "٠٤٢"),
    ("id", "bad id"),
]


def build(table: dict[str, Any]) -> Gadget:
    values = dict(table)
    values["kind"] = EventKind(values["kind"])
    return Gadget(**values)


@pytest.mark.parametrize(("name", "value"), BROKEN)
def test_a_rule_declared_once_is_enforced_everywhere(name: str, value: Any) -> None:
    """A value breaking one declared rule is refused by construction, fast path and schema."""
    table = {**VALID, name: value}
    with pytest.raises(RecordError, match=name) as info:
        build(table)
    assert info.value.attribute == name
    assert info.value.record_type == "Gadget"
    fast = Structurer().function(Gadget)
    assert fast is not None
    with pytest.raises(UnsoundError):
        fast(table)
    definitions: dict[str, Any] = {}
    _reference(Gadget, definitions)
    validator = jsonschema.Draft202012Validator({"$defs": definitions, **definitions["Gadget"]})
    assert not validator.is_valid(table)


def test_a_valid_table_passes_everywhere() -> None:
    """The same table, unbroken, is built alike by construction and the fast path."""
    fast = Structurer().function(Gadget)
    assert fast is not None
    assert fast(VALID) == build(VALID)
    definitions: dict[str, Any] = {}
    _reference(Gadget, definitions)
    validator = jsonschema.Draft202012Validator({"$defs": definitions, **definitions["Gadget"]})
    assert validator.is_valid(VALID)


def test_the_fast_path_is_generated_and_readable() -> None:
    """The generated source sets the slots directly and checks each declared pattern."""
    source = source_of(Gadget)
    assert source is not None
    assert "def structure(raw):" in source
    assert "raise _Unsound" in source


@given(from_rules(Gadget))
def test_generated_values_obey_the_declared_rules(gadget: Gadget) -> None:
    """Strategies derived from the declarations make only records the rules allow."""
    assert SERIAL.matches(gadget.serial)
    assert gadget.size >= 2
    assert gadget.code is None or CAMEO.matches(gadget.code)


BAD_VALUES: list[Any] = [
    None,
    3,
    1.5,
    True,
    "",
    "bad id",
    "x",
    [],
    [None],
    ["VNM", "VNM"],
    [["nested"]],
    {"a": 1},
    b"bytes",
    object(),
]


@given(
    st.one_of(
        dst.sources(),
        dst.countries(),
        dst.fields(),
        dst.people(),
        dst.organizations(),
        dst.agreements(),
        dst.events(),
        dst.mechanisms(),
        dst.relationships(),
        dst.citations(),
        dst.roles(),
        dst.field_evidence(),
    ),
    st.data(),
)
def test_every_invalid_value_raises_a_record_error(record: Any, data: st.DataObject) -> None:
    """Whatever an attribute is given, the constructor accepts it or raises RecordError."""
    name = data.draw(st.sampled_from([f.name for f in attrs.fields(type(record))]))
    bad = data.draw(st.sampled_from(BAD_VALUES))
    try:
        attrs.evolve(record, **{name: bad})
    except Exception as exc:  # noqa: BLE001 - whatever is raised is checked below
        error: Exception | None = exc
    else:
        error = None  # the value is allowed there (None for an optional attribute, say)
    if error is not None:
        assert isinstance(error, RecordError), repr(error)
        assert isinstance(error, DefcoopError)
        assert isinstance(error, ValueError)
        assert isinstance(error, TypeError)
        # A relationship's fields follow its evidence; and an attribute whose rule relates it
        # to this one (a host or an actor among the parties, a count only where several)
        # may be the one found wrong.
        related = {
            field.name
            for field in attrs.fields(type(record))
            for rule in rules_of(field)
            if rule.relates
            and name in (getattr(rule, "attribute", None), *getattr(rule, "attributes", ()))
        }
        assert error.attribute in {name, "fields", *related}


@pytest.mark.parametrize(
    ("values", "attribute"),
    [
        ({"id": "bad id"}, "id"),
        ({"parties": "VNM"}, "parties"),
        ({"parties": 3}, "parties"),
        ({"kind": "plan"}, "kind"),
        ({"fields": [["x"]]}, "fields"),
        ({"sources": []}, "sources"),
    ],
)
def test_wrong_values_and_types_are_record_errors(values: dict[str, Any], attribute: str) -> None:
    """A wrong type or a wrong form: both RecordError, naming the record type and attribute."""
    base: dict[str, Any] = {
        "id": "a",
        "title": "T",
        "kind": defcoop.AgreementKind.PLAN,
        "parties": ["VNM"],
        "sources": [defcoop.Citation(source="s", paragraph=1)],
    }
    with pytest.raises(RecordError) as info:
        defcoop.Agreement(**{**base, **values})
    assert info.value.attribute == attribute
    assert info.value.record_type == "Agreement"


def test_every_record_attribute_declares_its_rules() -> None:
    """Every attribute of every record type is checked by a declaration of rules, no other."""
    from defcoop.loading._loader import COLLECTIONS

    for record_type in [*COLLECTIONS.values(), defcoop.Citation, defcoop.Role]:
        for field in attrs.fields(record_type):
            assert isinstance(field.validator, Check), f"{record_type.__name__}.{field.name}"
            assert rules_of(field)


def test_bookkeeping_names_are_not_inferable() -> None:
    """``inferred`` may name every attribute but the bookkeeping ones."""
    names = inferable(defcoop.Event)
    assert not names & BOOKKEEPING
    assert {"cameo", "host", "when"} <= names


def test_cameo_pattern_is_ascii_digits() -> None:
    """The CAMEO pattern refuses digits of other scripts, as JSON Schema's would."""
    assert CAMEO.matches("042")
    assert not CAMEO.matches("٠٤٢")
    with pytest.raises(RecordError, match="cameo"):
        attrs.evolve(
            defcoop.load().events()[0],
            cameo="٠٤٢",
        )


def assert_fast_path_takes_every_record(db: defcoop.Dataset) -> None:
    """Each record of ``db``, written out and read back, is built by the fast path alone."""
    from defcoop.loading._loader import COLLECTIONS

    document = json.loads(defcoop.dumps(db))
    structurer = Structurer()
    for key, record_type in COLLECTIONS.items():
        fast = structurer.function(record_type)
        assert fast is not None
        records = [record for record in db if type(record) is record_type]
        assert [fast(table) for table in document.get(key, [])] == records


def test_the_generated_loader_never_doubts_the_bundled_records() -> None:
    """Every bundled record takes the fast path; none is sent to cattrs."""
    assert_fast_path_takes_every_record(defcoop.load())


# Each dataset holds some twenty records, each checked on its own: as many examples as the
# other properties over whole datasets draw (_helpers.WHOLE_DATASETS).
@settings(max_examples=WHOLE_DATASETS)
@given(dst.datasets())
def test_the_generated_loader_never_doubts_generated_records(db: defcoop.Dataset) -> None:
    """Every record of a generated dataset takes the fast path, so none hides a fast-path bug."""
    assert_fast_path_takes_every_record(db)


def test_a_rule_relating_two_attributes_holds_in_the_fast_path() -> None:
    """OnlyWith on an optional attribute holds in construction and in the generated loader."""

    @attrs.frozen(kw_only=True)
    class Session:
        series: str | None = attrs.field(default=None, validator=Check(InstanceOf(str), ID))
        number: int | None = attrs.field(
            default=None, validator=Check(InstanceOf(int), AtLeast(1), OnlyWith("series"))
        )

    with pytest.raises(RecordError, match=r"number: .*needs series"):
        Session(number=3)
    fast = Structurer().function(Session)
    assert fast is not None
    assert fast({"series": "s", "number": 3}) == Session(series="s", number=3)
    with pytest.raises(UnsoundError):
        fast({"number": 3})
