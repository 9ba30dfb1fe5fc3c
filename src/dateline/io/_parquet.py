"""Parquet files: one article per row, by the same field (column) names as JSONL and CSV.

A Parquet dataset is a ``.parquet`` file or a directory of them (the directory walk reads
each, in sorted order; hive-style ``key=value`` folders are walked like any other). The file
is read a row group at a time and only the columns the field names ask for, so a wide or
large file is streamed. ``Origin.line`` is the row's number in its file (the first row is 1).
Date and time columns become ISO 8601 text (``published``); a text value holding NUL or
control characters fails its row alone, as in CSV.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..types import Failure, Origin, RawArticle
from ._codes import BINARY, CANNOT_READ, MISSING_COLUMN, NOTHING_FOUND, fail
from ._csv import CONTROL
from ._options import ReadOptions
from ._records import record_article

__all__ = ["PARQUET_MAGIC", "read_parquet"]

PARQUET_MAGIC = b"PAR1"
ROWS_PER_BATCH = 256


def _fields(options: ReadOptions) -> tuple[str, ...]:
    return (
        options.text_field,
        options.html_field,
        options.url_field,
        options.title_field,
        options.date_field,
        options.id_field,
        options.source_field,
    )


def read_parquet(path: Path, name: str, options: ReadOptions) -> Iterator[RawArticle | Failure]:
    """Every row of the Parquet file ``path`` as an article (or its failure)."""
    whole = Origin(path=name)
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        yield fail(whole, CANNOT_READ, f"cannot read: not a readable Parquet file ({exc})")
        return
    columns = list(parquet.schema_arrow.names)
    top = {field.split(".")[0] for field in _fields(options)}
    text_top = options.text_field.split(".")[0]
    html_top = options.html_field.split(".")[0]
    if text_top not in columns and html_top not in columns:
        shown = ", ".join(repr(c) for c in columns[:30])
        yield fail(
            whole,
            MISSING_COLUMN,
            f"no column {options.text_field!r} (or {options.html_field!r}); the columns are "
            f"{shown} (choose one with --text-column)",
        )
        return
    wanted = [c for c in columns if c in top]
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=ROWS_PER_BATCH, columns=wanted):
            for values in batch.to_pylist():
                row += 1
                yield _article(values, Origin(path=name, line=row), options)
    except (OSError, pa.ArrowException) as exc:
        yield fail(whole, CANNOT_READ, f"cannot read: damaged Parquet data after row {row} ({exc})")
        return
    if row == 0:
        yield fail(whole, NOTHING_FOUND, "no rows in this Parquet file")


def _article(values: dict[str, Any], origin: Origin, options: ReadOptions) -> RawArticle | Failure:
    for key, value in values.items():
        if isinstance(value, dt.datetime | dt.date | dt.time):
            values[key] = value.isoformat()
        elif isinstance(value, str) and CONTROL.search(value):
            return fail(origin, BINARY, f"not text: column {key!r} holds NUL or control bytes")
    return record_article(values, origin, options)
