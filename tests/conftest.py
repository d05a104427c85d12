"""Shared fixtures and hypothesis profiles: quick by default, thorough with DEFCOOP_PROFILE."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, settings

import defcoop

settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("DEFCOOP_PROFILE", "ci"))


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
