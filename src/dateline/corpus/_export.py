"""Export a corpus: every table to CSV or Parquet, the event groups as GDELT 2.0 event
records, or the events as PLOVER/POLECAT-style JSON lines.

The GDELT file has one row per event group in GDELT 2.0's 61 columns (``_gdelt``),
tab-separated, no header by default (as GDELT ships it). The PLOVER file has one JSON
object per event with POLECAT's field names (``_plover``).

Every file is written in a private folder next to it and moved onto its name with
``os.replace`` (see ``_output``): an export never leaves a half-written file. A store opened
read-only (sandboxed) must be opened with the export folder as ``writable``.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from ..errors import QUERY_FAILED, StoreError
from ._gdelt import GDELT_COLUMNS, gdelt_rows
from ._output import output_error, replace_into, staging
from ._plover import plover_records
from ._store import Store, store_error
from ._tables import TABLES

__all__ = ["EXPORT_TABLES", "GDELT_COLUMNS", "export_gdelt", "export_plover", "export_tables"]

EXPORT_TABLES = tuple(t for t in TABLES if t not in ("minhashes", "schema_info"))


def export_tables(store: Store, folder: Path, fmt: str) -> list[Path]:
    """Write each table to ``folder/<table>.csv`` or ``.parquet``; return the files."""
    if fmt not in ("csv", "parquet"):
        raise StoreError(f"unknown export format {fmt!r}", code=QUERY_FAILED)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, folder) from exc
    written = []
    options = "FORMAT csv, HEADER" if fmt == "csv" else "FORMAT parquet"
    try:
        with staging(folder) as stage:
            for table in EXPORT_TABLES:
                target = folder / f"{table}.{fmt}"
                part = stage / target.name
                try:
                    store.con.execute(f"COPY {table} TO '{_quote(part)}' ({options})")
                except (duckdb.Error, OSError) as exc:
                    raise store_error(exc, target, f"export {table}") from exc
                replace_into(part, target)
                written.append(target)
    except OSError as exc:
        raise output_error(exc, folder) from exc
    return written


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def export_gdelt(store: Store, target: Path, *, header: bool = False) -> int:
    """Write the GDELT 2.0 event TSV; return the number of rows."""
    rows = gdelt_rows(store)
    try:
        with staging(target.parent) as stage:
            part = stage / (target.name or "events.tsv")
            with part.open("w", encoding="utf-8", newline="\n") as out:
                if header:
                    out.write("\t".join(GDELT_COLUMNS) + "\n")
                for row in rows:
                    out.write("\t".join(row) + "\n")
            replace_into(part, target)
    except OSError as exc:
        raise output_error(exc, target) from exc
    return len(rows)


def export_plover(store: Store, target: Path) -> int:
    """Write the PLOVER/POLECAT-style JSON lines, one event each; return the number of rows."""
    n = 0
    try:
        with staging(target.parent) as stage:
            part = stage / (target.name or "events.jsonl")
            with part.open("w", encoding="utf-8", newline="\n") as out:
                for record in plover_records(store):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    n += 1
            replace_into(part, target)
    except OSError as exc:
        raise output_error(exc, target) from exc
    return n
