"""defcoop.errors: what a Problem holds is checked as a record's attributes are."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _helpers import assert_refused, values_but
from defcoop import DataError, Problem

PROBLEM: dict[str, Any] = {
    "file": "a.json",
    "message": "expected text",
    "path": "$.agreements[0].title",
    "record": "deal",
    "attribute": "title",
}


@pytest.mark.parametrize("name", list(PROBLEM))
@given(data=st.data())
def test_a_problem_refuses_anything_but_text(name: str, data: st.DataObject) -> None:
    """Each attribute of a Problem is text (record and attribute may be None); any other
    value raises a RecordError naming Problem and the attribute."""
    optional = attrs.fields_dict(Problem)[name].default is None
    value = data.draw(values_but(str, type(None)) if optional else values_but(str))
    assert_refused(Problem, PROBLEM, name, value)


@given(
    file=st.text(),
    message=st.text(),
    path=st.text(),
    record=st.none() | st.text(),
    attribute=st.none() | st.text(),
)
def test_any_text_makes_a_problem_of_one_line(
    file: str, message: str, path: str, record: str | None, attribute: str | None
) -> None:
    """Whatever text a Problem holds, it is accepted and reports on one line."""
    problem = Problem(file=file, message=message, path=path, record=record, attribute=attribute)
    assert "\n" not in str(problem)
    assert str(DataError([problem])).count("\n") == 1
