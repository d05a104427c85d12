"""The Parquet export: one file per record type, the Arrow tables of :mod:`defcoop.query.arrow`
written with the data version in their metadata.

pyarrow is an optional extra (``pip install "defcoop[arrow]"``), imported on the first call.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from defcoop._extras import require
from defcoop.io._registry import Format
from defcoop.model.registry import collections
from defcoop.query.arrow import dataset_table

if TYPE_CHECKING:
    from defcoop.query.collection import Collection

__all__ = ["FORMAT", "parquet_files"]


def parquet_files(dataset: Collection) -> dict[str, bytes]:
    """One Parquet file per record type, by name (``agreements.parquet``...), as bytes."""
    parquet = require("pyarrow.parquet", "arrow", purpose="the Parquet export")
    written = {}
    for key, record_type in collections().items():
        sink = io.BytesIO()
        table = dataset_table(dataset, record_type)
        metadata = {b"defcoop.record_type": record_type.__name__.encode()}
        if dataset.info is not None:
            metadata[b"defcoop.data_version"] = dataset.info.version.encode()
        parquet.write_table(table.replace_schema_metadata(metadata), sink)
        written[f"{key}.parquet"] = sink.getvalue()
    return written


#: Apache Parquet, one file per record type.
FORMAT = Format(
    name="parquet",
    suffix=".parquet",
    title="Apache Parquet",
    writes="one Parquet file per record type, the data version in its metadata",
    reads="with :func:`defcoop.query.arrow.from_arrow`, after ``pyarrow.parquet.read_table``",
    extra="arrow",
    writer=parquet_files,
)
