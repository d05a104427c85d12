"""The suite's hypothesis settings: one printed seed by default, another on request.

Each run is an inner pytest session in this process (a fresh interpreter would cost a second
of start-up per run). The seed hypothesis is forced to draw from is a global of its own:
each run starts without one, as a fresh interpreter would, so that the run must set it
itself, and this session's is put back afterwards."""

from __future__ import annotations

from pathlib import Path

import hypothesis.core
import pytest

pytest_plugins = ["pytester"]

_PROPERTY = """
from pathlib import Path
from hypothesis import given, settings, strategies as st

@settings(max_examples=5)
@given(st.integers())
def test_draw(n):
    with Path("drawn.txt").open("a") as out:
        out.write(f"{n}\\n")
"""


def _drawn(pytester: pytest.Pytester, *args: str) -> tuple[list[str], str]:
    drawn = pytester.path / "drawn.txt"
    drawn.unlink(missing_ok=True)
    hypothesis.core.global_force_seed = None  # as in a fresh interpreter
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", *args)
    result.assert_outcomes(passed=1)
    return drawn.read_text().split(), result.stdout.str()


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    # This session's seed, put back after the test whatever the inner runs set.
    monkeypatch.setattr(hypothesis.core, "global_force_seed", hypothesis.core.global_force_seed)
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text("utf-8"))
    pytester.makepyfile(test_draw=_PROPERTY)
    return pytester


def test_default_runs_draw_the_same_examples_and_say_from_which_seed(
    project: pytest.Pytester,
) -> None:
    """Two plain runs draw the same examples, and the header names the seed."""
    first, output = _drawn(project)
    again, _ = _drawn(project)
    assert first == again
    assert "examples from seed 20261206" in output


def test_hypothesis_seed_draws_other_examples(project: pytest.Pytester) -> None:
    """--hypothesis-seed=N changes the examples drawn, and the header says so."""
    default, _ = _drawn(project)
    other, output = _drawn(project, "--hypothesis-seed=7")
    assert other != default
    assert "examples from seed 7" in output
