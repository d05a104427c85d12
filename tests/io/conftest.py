"""What the tests of the formats share: the bundled data exported once per format, into
the folders docs/r.md names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from defcoop import Dataset
from defcoop.io.exports import export

FOLDERS = {"sqlite": "db", "duckdb": "db", "parquet": "parquet", "datapackage": "package"}
"""Where each format is written, as docs/r.md names the folders."""


@pytest.fixture(scope="session")
def exported(db: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``exported("sqlite", "duckdb")``: a folder holding the bundled data in those formats
    (``db/defcoop.sqlite``, ``db/defcoop.duckdb``, ``parquet/``, ``package/``), each
    written once for the session, when first asked for."""
    folder = tmp_path_factory.mktemp("exported")
    done: set[str] = set()

    def written(*formats: str) -> Path:
        for format in formats:
            if format not in done:
                export(db, folder / FOLDERS[format], format=format)
                done.add(format)
        return folder

    return written
