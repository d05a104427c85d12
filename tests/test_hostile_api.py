"""Every public callable refuses wrong arguments with a defcoop error, never a bare one.

The callables are enumerated from ``defcoop.__all__`` and the public methods of the classes
it names (Dataset, Results, Timeline, the records and value classes); each is called with a
valid set of arguments in which one argument at a time is replaced by a wrong value. The
call must either succeed (the value was acceptable after all, such as None for an optional
argument) or raise a :class:`~defcoop.DefcoopError`. A public callable added without an entry
here fails :func:`test_every_public_callable_is_driven`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import defcoop
from _helpers import with_transfers
from defcoop import (
    Agreement,
    AgreementKind,
    Citation,
    Country,
    Dataset,
    DefcoopError,
    Event,
    EventKind,
    PartialDate,
    Period,
    Transfer,
)

DB = defcoop.load()
AGREEMENT = DB.get("vnm-blr-military-science-2018", Agreement)
EVENT = DB.events()[0]
CITE = Citation(source="pillar-and-highlight", paragraph=1)
RECORDS = list(DB.agreements())
TRADE = with_transfers()
TRANSFER = TRADE.transfers()[0]

WRONG: list[Any] = [
    None,
    True,
    -1,
    1.5,
    "",
    " ",
    "x" * 5000,
    "line\nbreak",
    b"bytes",
    [1],
    {"a": 1},
    object(),
    DB,
    int,
]


class Call:
    """A callable with valid arguments; ``slots`` are the ones to replace by wrong values."""

    def __init__(self, label: str, function: Callable[..., Any], /, *args: Any, **kwargs: Any):
        self.name = label
        self.function = function
        self.args = args
        self.kwargs = kwargs

    def variants(self) -> Iterator[tuple[str, tuple[Any, ...], dict[str, Any]]]:
        for position in range(len(self.args)):
            for value in WRONG:
                args = (*self.args[:position], value, *self.args[position + 1 :])
                yield f"{self.name}[arg {position}={_short(value)}]", args, self.kwargs
        for key in self.kwargs:
            for value in WRONG:
                yield f"{self.name}[{key}={_short(value)}]", self.args, {**self.kwargs, key: value}


def _short(value: Any) -> str:
    return type(value).__name__ if not isinstance(value, str) else repr(value[:8])


def _record_kwargs(record: Any) -> dict[str, Any]:
    import attrs

    return {field.name: getattr(record, field.name) for field in attrs.fields(type(record))}


def _calls(tmp: Path) -> list[Call]:
    timeline = DB.timeline()
    evidence = DB.evidence(AGREEMENT)
    calls = [
        Call("load", defcoop.load, tmp / "data.json", bundled=False),
        Call("load[bundled]", defcoop.load, bundled=False),
        Call("dump", defcoop.dump, DB, tmp / "out.json"),
        Call("dumps", defcoop.dumps, DB),
        Call("to_dict", defcoop.to_dict, AGREEMENT),
        Call("from_dict", defcoop.from_dict, Agreement, defcoop.to_dict(AGREEMENT), name="x"),
        Call("to_frame", defcoop.to_frame, RECORDS),
        Call("to_arrow", defcoop.to_arrow, RECORDS, kind=Agreement),
        Call("to_graph", defcoop.to_graph, DB),
        Call("json_schema", defcoop.json_schema),
        Call("formats", defcoop.formats),
        Call("codebook", defcoop.codebook, DB),
        Call("clear_cache", defcoop.clear_cache),
        Call("Dataset", Dataset, [AGREEMENT.__class__(**_record_kwargs(AGREEMENT))][:0], info=None),
        Call("Dataset.from_records", Dataset.from_records, [], info=None),
        Call("Dataset.get", DB.get, "VNM", Country),
        Call("Dataset.agreements", DB.agreements, field="training", party="VNM", signed="2018"),
        Call(
            "Dataset.events",
            DB.events,
            kind="visit",
            party="VNM",
            person="ngo-xuan-lich",
            when="2018",
            status="occurred",
            cameo="04",
            plover="CONSULT",
        ),
        Call("Dataset.mechanisms", DB.mechanisms, party="VNM"),
        Call(
            "Dataset.transfers",
            TRADE.transfers,
            supplier="RUS",
            recipient="VNM",
            party="VNM",
            category="ships",
            designation="Kilo",
            ordered="2009",
            delivered="2013/2016",
            status="delivered",
        ),
        Call("Dataset.relationships", DB.relationships, party="VNM", field="training"),
        Call("Dataset.people", DB.people, country="VNM"),
        Call("Dataset.organizations", DB.organizations, country="VNM"),
        Call("Dataset.timeline", DB.timeline, party="VNM", when="2018"),
        Call("Dataset.dyad", DB.dyad, "VNM", "BLR"),
        Call("Dataset.dyad_years", DB.dyad_years, years="2017/2018", directed=False, system="cow"),
        Call("Dataset.state_years", DB.state_years, years="2017/2018", system="cow"),
        Call("Dataset.dyad_years[party]", DB.dyad_years, years="2018", party=["VNM", "RUS"]),
        Call("Dataset.dyad_years[dyad]", DB.dyad_years, years="2018", dyad=("VNM", "RUS")),
        Call("Dataset.evidence", DB.evidence, AGREEMENT.id),
        Call("Dataset.evidence of an answer", DB.evidence, DB.agreements(), field="training"),
        Call("Dataset.to_arrow", DB.to_arrow, "agreements"),
        Call("Dataset.cite", DB.cite, AGREEMENT.id, style="bibtex"),
        Call("Dataset.cite of an answer", DB.cite, DB.agreements(), style="csl-json"),
        Call("Dataset.diff", DB.diff, DB),
        Call("cite_dataset", defcoop.cite_dataset, style="apa"),
        Call("Dataset.to_frame", DB.to_frame, "agreements"),
        Call("Dataset.country", DB.country, "VNM"),
        Call("Dataset.field", DB.field, "training"),
        Call("Dataset.person", DB.person, "ngo-xuan-lich"),
        Call("Dataset.narrower", DB.narrower, "training"),
        Call("Results.to_frame", DB.agreements().to_frame),
        Call("Results.to_arrow", DB.agreements().to_arrow),
        Call("Results.ids", DB.agreements().ids),
        Call("Timeline.dates", timeline.dates),
        Call("Timeline.plot", timeline.plot, ax=None),
        Call("PartialDate", PartialDate, 2018, 11, 15),
        Call("PartialDate.parse", PartialDate.parse, "2018-11"),
        Call("PartialDate.sort_key", PartialDate(2018).sort_key),
        Call("PartialDate.words", PartialDate(2018, 11).words),
        Call("Period.words", Period.parse("2018/2019").words),
        Call("Coverage", defcoop.Coverage, countries=["VNM", "RUS"], period=Period.parse("2018")),
        Call(
            "Membership",
            defcoop.Membership,
            system=defcoop.StateSystem.COW,
            code=816,
            period=Period.parse("1954/2016"),
        ),
        Call("Period", Period, PartialDate(2018), PartialDate(2019)),
        Call("Period.parse", Period.parse, "2018/2019"),
        Call("Period.of", Period.of, PartialDate(2018)),
        Call("Period.coerce", Period.coerce, "2018"),
        Call("Period.contains", Period.parse("2018").contains, PartialDate(2018, 3)),
        Call("Period.sort_key", Period.parse("2018").sort_key),
        Call("Relationship.sources_for", DB.relationships()[0].sources_for, "training"),
        Call("Citation", Citation, **_record_kwargs(CITE)),
        Call(
            "Search",
            defcoop.Search,
            id="s",
            collections=["pages"],
            queries=["defence"],
            languages=["en"],
            years=Period.parse("2018"),
            done=PartialDate(2019),
        ),
        Call("Role", defcoop.Role, title="Minister", organization="x", rank=None, period=None),
        Call("Delivery", defcoop.Delivery, year=2013, count=2),
        Call("Value", defcoop.Value, amount=1000, currency="USD", year=2013),
        Call("FieldEvidence", defcoop.FieldEvidence, field="training", sources=[CITE]),
        Call("DatasetInfo", defcoop.DatasetInfo, name="x", version="1", released=None),
        Call("Problem", defcoop.Problem, file="a.json", message="bad", path="$", record=None),
        Call("CitedParagraph", defcoop.CitedParagraph, **_record_kwargs(evidence.items[0])),
        Call("Evidence", defcoop.Evidence, record=AGREEMENT, items=evidence.items),
        Call("AnswerEvidence", defcoop.AnswerEvidence, evidence=[evidence]),
        Call("DyadProfile", defcoop.DyadProfile, **_record_kwargs(DB.dyad("VNM", "BLR"))),
    ]
    for record in (
        AGREEMENT,
        EVENT,
        DB.sources[0],
        DB.countries[0],
        DB.fields[0],
        DB.people()[0],
        DB.organizations()[0],
        DB.mechanisms()[0],
        DB.relationships()[0],
        TRANSFER,
    ):
        calls.append(Call(type(record).__name__, type(record), **_record_kwargs(record)))
    return calls


# Public callables that are not driven, and why.
NOT_DRIVEN = {
    # Exceptions take a message, as every exception does.
    **{name: "an exception class" for name in defcoop.__all__ if name.endswith("Error")},
    # Enums look members up by value, raising ValueError as every Enum does.
    "AgreementEnding": "an enum",
    "AgreementKind": "an enum",
    "AgreementScope": "an enum",
    "EventKind": "an enum",
    "EventStatus": "an enum",
    "MechanismKind": "an enum",
    "MechanismLevel": "an enum",
    "OrganizationKind": "an enum",
    "Precision": "an enum",
    "StateSystem": "an enum",
    "TransferCategory": "an enum",
    "TransferStatus": "an enum",
    # Tuples of records: they take any iterable, as tuple() does.
    "Results": "a tuple",
    "Timeline": "a tuple",
    "__version__": "not callable",
    "Record": "a type alias (the union of the record classes)",
}


def _public_callables() -> set[str]:
    names = {name for name in defcoop.__all__ if name not in NOT_DRIVEN}
    for owner in ("Dataset", "Results", "Timeline", "PartialDate", "Period", "Relationship"):
        cls = getattr(defcoop, owner)
        for name, value in vars(cls).items():
            if not name.startswith("_") and (
                inspect.isfunction(value) or isinstance(value, classmethod)
            ):
                names.add(f"{owner}.{name}")
    return names


def test_every_public_callable_is_driven(tmp_path: Path) -> None:
    """The calls below cover every public function, class and method."""
    driven = {call.name.partition("[")[0] for call in _calls(tmp_path)}
    assert _public_callables() - driven == set()


def test_every_public_callable_refuses_wrong_arguments_with_a_defcoop_error(
    tmp_path: Path,
) -> None:
    """A wrong value in any argument is refused with a DefcoopError, or accepted; never a
    bare TypeError, KeyError, AttributeError or OSError."""
    import matplotlib

    matplotlib.use("Agg")
    (tmp_path / "data.json").write_text(defcoop.dumps(DB), "utf-8")
    bare: list[str] = []
    for call in _calls(tmp_path):
        call.function(*call.args, **call.kwargs)  # the valid call works
        for label, args, kwargs in call.variants():
            try:
                call.function(*args, **kwargs)
            except DefcoopError as error:
                text = str(error)
                if "\n" in text and not isinstance(error, defcoop.DataError):
                    bare.append(f"{label}: a message of several lines: {text[:120]!r}")
                if len(text.splitlines()[0]) > 600:
                    bare.append(f"{label}: a line of {len(text)} characters: {text[:120]!r}")
            except Exception as error:  # noqa: BLE001 - collected and reported below
                bare.append(f"{label}: {type(error).__name__}: {str(error)[:120]}")
    defcoop.clear_cache()
    assert not bare, "\n".join(bare)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: DB.get("VNM", int), "expects a record class"),
        (lambda: DB.get("VNM", "x"), "expects a record class"),
        (lambda: DB.evidence(None), "expects a record, its id or the records of an answer"),  # type: ignore[arg-type]
        (lambda: Dataset.from_records([1]), "expects records"),  # type: ignore[list-item]
        (lambda: defcoop.dumps(None), "expects a Dataset"),  # type: ignore[arg-type]
        (lambda: defcoop.to_frame([1, 2]), "expects records"),  # type: ignore[list-item]
        (lambda: defcoop.to_dict(DB), "expects a record"),  # type: ignore[arg-type]
    ],
)
def test_the_reported_calls_are_refused_by_name(call: Callable[[], Any], message: str) -> None:
    """The calls the hostile test found raising bare errors now raise ArgumentError."""
    with pytest.raises(defcoop.ArgumentError, match=message):
        call()


def test_party_errors_name_party() -> None:
    """party= errors say party=, not country=."""
    with pytest.raises(defcoop.QueryError, match="party= expects a string"):
        DB.agreements(party=[1])  # type: ignore[arg-type]
    with pytest.raises(defcoop.QueryError, match="party= expects a name"):
        DB.events(party=" ")


def test_records_sort_in_query_order() -> None:
    """sorted() of records gives the order of queries: by date, then id; undated last."""
    import random

    def shuffled(records: Any) -> list[Any]:
        return random.Random(0).sample(list(records), len(records))

    assert sorted(shuffled(DB.agreements())) == list(DB.agreements())
    assert sorted(shuffled(DB.events())) == list(DB.events())
    assert sorted(shuffled(DB.sources)) == list(DB.sources)
    # A timeline dates a transfer by its whole deal (order to last delivery), not by its
    # order date as sorted() does; its agreements and events keep sorted()'s order.
    timeline = [record for record in DB.timeline() if not isinstance(record, Transfer)]
    assert sorted(shuffled(timeline)) == timeline
    undated = Agreement(
        id="a", title="A", kind=AgreementKind.PLAN, parties=("VNM",), sources=(CITE,)
    )
    dated = Event(
        id="z", title="Z", kind=EventKind.VISIT, when=Period.parse("1900"), parties=("VNM",),
        sources=(CITE,),
    )  # fmt: skip
    assert sorted([undated, dated]) == [dated, undated]
    with pytest.raises(TypeError):
        sorted([AGREEMENT, 1])  # type: ignore[list-item]
