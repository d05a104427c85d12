"""Shared fixtures and hypothesis profiles: quick and seeded by default, thorough and exploring
with DEFCOOP_PROFILE=thorough; the slow marker's tests run with --run-slow (and are deselected,
not skipped, without it)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import hypothesis.core
import pytest
from hypothesis import HealthCheck, settings

import defcoop

# The default profile draws its examples from one explicit seed, DEFAULT_SEED, printed in the
# header of every run: the same examples on every run, so that whether a change lands never
# depends on luck, and `pytest --hypothesis-seed=N` draws others. The thorough profile keeps
# exploring with fresh randomness (DEFCOOP_PROFILE=thorough); whatever it finds is fixed and
# kept as an explicit @example beside the property, so that the default runs check it from
# then on.
DEFAULT_SEED = 20261206
# derandomize is set, not inherited: where the CI variable is set, hypothesis's own defaults
# derandomize, which would ignore the seed.
settings.register_profile(
    "ci", max_examples=60, deadline=None, database=None, derandomize=False, print_blob=True
)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
_PROFILE = os.environ.get("DEFCOOP_PROFILE", "ci")
settings.load_profile(_PROFILE)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-slow",
        action="store_true",
        help="also run the tests marked slow (full-size cost checks; CI runs them once)",
    )


def _seed(config: pytest.Config) -> int | None:
    """The seed hypothesis draws from: --hypothesis-seed's, else DEFAULT_SEED (ci profile)."""
    given = config.getoption("hypothesis_seed", None)
    if given is not None:
        return int(given)
    return DEFAULT_SEED if _PROFILE == "ci" else None


def pytest_configure(config: pytest.Config) -> None:
    seed = _seed(config)
    if seed is not None:
        hypothesis.core.global_force_seed = seed


def pytest_report_header(config: pytest.Config) -> str:
    seed = _seed(config)
    drawn = f"seed {seed} (--hypothesis-seed=N for others)" if seed is not None else "fresh"
    return f"defcoop: hypothesis profile {_PROFILE!r}, examples from {drawn}"


def _left_out(config: pytest.Config, item: pytest.Item) -> bool:
    """Whether a test is not part of this run: slow without --run-slow, or external without
    the environment variable that names the outside file it reads."""
    if "slow" in item.keywords and not config.getoption("--run-slow"):
        return True
    external = item.get_closest_marker("external")
    return external is not None and not os.environ.get(external.args[0])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    left_out = [item for item in items if _left_out(config, item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not _left_out(config, item)]


@pytest.fixture(scope="session")
def db() -> defcoop.Dataset:
    """The bundled dataset."""
    return defcoop.load()


@pytest.fixture
def hide_module(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Make a package unimportable for one test, as if it were not installed."""

    def hide(name: str) -> None:
        for module in [m for m in sys.modules if m == name or m.startswith(f"{name}.")]:
            monkeypatch.setitem(sys.modules, module, None)
        monkeypatch.setitem(sys.modules, name, None)

    return hide
