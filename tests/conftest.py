"""Shared fixtures and hypothesis profiles: quick and derandomized by default, thorough and
exploring with DEFCOOP_PROFILE=thorough; the slow marker's tests run with --run-slow."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, settings

import defcoop

# The default profile is derandomized: the same examples on every run, so that whether a
# change lands never depends on luck. The thorough profile keeps exploring with fresh
# randomness (DEFCOOP_PROFILE=thorough); whatever it finds is fixed and kept as an explicit
# @example beside the property, so that the default runs check it from then on.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, database=None)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("DEFCOOP_PROFILE", "ci"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-slow",
        action="store_true",
        help="also run the tests marked slow (full-size cost checks; CI runs them once)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


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
