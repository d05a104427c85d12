"""Fixtures of the loading tests: an installed package's snapshot of the bundled data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from snapshot_helpers import install, snapshot_bytes

import defcoop
from defcoop.loading import _loader, _snapshot


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The loader reads the bundled data from a copy holding the current snapshot."""
    package = install(tmp_path, snapshot=snapshot_bytes())
    monkeypatch.setattr(_loader, "_package", lambda: _snapshot.Folder(str(package)))
    defcoop.clear_cache()
    yield package
    defcoop.clear_cache()
