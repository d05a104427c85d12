"""The quick whole-dataset check agrees with the detailed one on every dataset."""

from __future__ import annotations

from collections.abc import Iterable

from hypothesis import given
from hypothesis import strategies as st

import defcoop
from defcoop import (
    Agreement,
    AgreementKind,
    Citation,
    Country,
    Event,
    EventKind,
    Field,
    Organization,
    OrganizationKind,
    PartialDate,
    Period,
    Person,
    Problem,
    Relationship,
    Role,
    Source,
)
from defcoop.model._soundness import doubtful, is_sound
from defcoop.model._validation import CHECKS, Origin, _references, check, group_by_kind, ids


@st.composite
def records(draw: st.DrawFn) -> list[object]:
    """A small dataset whose references, citations, dates and keys may or may not hold.

    Half the datasets draw only from values that hold, so that sound ones are common.
    """
    sound = draw(st.booleans())

    def pick(good: list[str], *bad: str) -> str | None:
        return draw(st.none() | st.sampled_from(good if sound else [*good, *bad]))

    def many(good: list[str], *bad: str, size: int = 2) -> list[str]:
        pool = good if sound else [*good, *bad]
        return draw(st.lists(st.sampled_from(pool), max_size=size, unique=True))

    def cites() -> tuple[Citation, ...]:
        sources = ["s"] if sound else ["s", "t", "f1"]
        citation = st.builds(
            Citation, source=st.sampled_from(sources), paragraph=st.integers(1, 3 if sound else 4)
        )
        return tuple(draw(st.lists(citation, min_size=1, max_size=2, unique=True)))

    when = st.sampled_from([Period.parse("2018"), Period.parse("2018-03")])
    first, second = draw(st.none() | when), draw(st.none() | when)
    if sound and first != second:
        first = second = None
    signed = [PartialDate(2018, 3)] if sound else [PartialDate(2018, 3), PartialDate(2019)]
    found: list[object] = [
        Source(id="s", language="en", paragraphs=3),
        Country(code="AAA", name="Aland", alpha2="AA"),
        Country(
            code="BBB",
            name=draw(st.sampled_from(["Bland"] if sound else ["Bland", "aland"])),
            alpha2="BB",
        ),
        Field(id="f1", label="one", broader=pick(["f2"], "nope")),
        Field(id="f2", label="two", broader=None if sound else pick([], "f1")),
        Organization(
            id="o1",
            name="O",
            kind=OrganizationKind.MINISTRY,
            country=pick(["AAA"], "o1"),
            parent=None if sound else pick([], "o1", "e1"),
            sources=cites(),
        ),
        Person(
            id="p1",
            name="P",
            country=pick(["BBB"], "nope"),
            roles=(Role(title="Minister", organization=pick(["o1"], "p1")),),
            sources=cites(),
        ),
        Event(
            id="e1",
            title="E",
            kind=EventKind.VISIT,
            when=first,
            parties=many(["AAA", "BBB"], "f1"),
            participants=many(["p1"], "o1", size=1),
            part_of=pick(["e2"], "e1", "f1"),
            organizer=pick(["o1"], "nope"),
            sources=cites(),
        ),
        Event(
            id="e2",
            title="F",
            kind=EventKind.MEETING,
            when=second,
            parties=(),
            part_of=None if sound else pick([], "e1"),
            sources=cites(),
        ),
        Agreement(
            id="a1",
            title="A",
            kind=AgreementKind.PLAN,
            parties=many(["AAA", "BBB"], "nope") or ["AAA"],
            fields=many(["f1", "f2"], "e1"),
            signatories=many(["o1"], "AAA", size=1),
            signed=draw(st.none() | st.sampled_from(signed)),
            signed_during=pick(["e1"], "o1", "nope"),
            sources=cites(),
        ),
    ]
    if draw(st.booleans()):
        found.append(
            Relationship(
                id="r1",
                parties=["AAA", draw(st.sampled_from(["BBB"] if sound else ["BBB", "p1"]))],
                forums=many(["o1"], "e2", size=1),
                sources=cites(),
            )
        )
    return found


@given(records())
def test_quick_check_agrees_with_detailed_check(found: list[object]) -> None:
    """is_sound is true exactly when check finds no problem."""
    groups = group_by_kind(found)  # type: ignore[arg-type]
    problems = check(found, lambda record: Origin("<test>", "$"))  # type: ignore[arg-type]
    assert is_sound(groups, ids(groups)) == (not problems)


@given(records())
def test_checks_the_quick_pass_clears_find_nothing(found: list[object]) -> None:
    """Each detailed check the quick pass does not name finds nothing, so running only
    the named ones reports every problem that running all of them does."""
    groups = group_by_kind(found)  # type: ignore[arg-type]
    named = doubtful(groups, ids(groups))
    assert named <= set(CHECKS)

    def run(only: Iterable[str]) -> list[Problem]:
        return check(found, lambda record: Origin("<test>", "$"), only)  # type: ignore[arg-type]

    for name in set(CHECKS) - named:
        assert run([name]) == [], name
    assert run(named) == run(CHECKS)


def test_bundled_data_is_sound() -> None:
    """The bundled data passes the quick check, so loading it skips the detailed one."""
    records = list(defcoop.load())
    groups = group_by_kind(records)
    assert is_sound(groups, ids(groups))


def test_references_in_attribute_order() -> None:
    """Reference paths name the attribute and index, fields once each in sorted order."""
    agreement = Agreement(
        id="a",
        title="A",
        kind=AgreementKind.PLAN,
        parties=("AAA", "BBB"),
        fields=frozenset({"f2", "f1"}),
        signed_during="e1",
        sources=(Citation(source="s", paragraph=1),),
    )
    assert [(path, target) for path, target, _ in _references(agreement)] == [
        ("parties[0]", "AAA"),
        ("parties[1]", "BBB"),
        ("fields", "f1"),
        ("fields", "f2"),
        ("signed_during", "e1"),
    ]
