"""The corpus store: one DuckDB file holding every analysed article as flat tables.

Only one process writes (DuckDB locks the file); any number may read when no writer holds
it. ``Store.open(path, write=True)`` creates or upgrades-in-place the tables, refuses a
file written by a newer schema, and turns every database failure into a ``StoreError``
with a stable code and a hint:

========  =================================================================
E041      the file is locked by another process
E042      the file or its folder is read-only
E043      the disk is full (or a write failed for another I/O reason)
E044      the file was written by a newer dateline (schema version)
E045      the file is not a dateline corpus, or does not exist (for a query)
E046      a query failed (bad SQL, unknown column)
========  =================================================================

Writes go through ``Store.write`` which loads a whole ``Batch`` in one transaction: after a
crash the file holds every committed batch and nothing of the one in flight.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ..errors import (
    LOCKED,
    NEWER_SCHEMA,
    NOT_A_CORPUS,
    QUERY_FAILED,
    READ_ONLY,
    WRITE_FAILED,
    StoreError,
)
from ._rows import Batch
from ._tables import STORE_VERSION, TABLES, create_statements

__all__ = ["STORE_VERSION", "Batch", "IngestState", "Store", "store_error"]


@dataclass
class IngestState:
    """What a new ingest needs to know of the store before it reads any input."""

    done: set[str] = field(default_factory=set)  # ingest_log keys
    known: dict[str, str] = field(default_factory=dict)  # raw hash -> article id
    ids: set[str] = field(default_factory=set)  # stored article ids
    canonical: dict[str, str] = field(default_factory=dict)  # near-duplicate -> canonical


def store_error(exc: BaseException, path: str | os.PathLike[str], action: str) -> StoreError:
    """A ``StoreError`` that says what went wrong with the file, from a DuckDB/OS error."""
    text = str(exc)
    low = text.lower()
    where = str(path)
    if "could not set lock" in low or "conflicting lock" in low:
        return StoreError(
            f"{where}: the database is in use by another process ({action})",
            hint="only one process may write a corpus; wait for the other ingest to end",
            code=LOCKED,
        )
    if "read-only" in low or "permission denied" in low or "read only" in low:
        return StoreError(
            f"{where}: the database cannot be written ({action}): {text}",
            hint="check the file's and the folder's permissions, or give another --db",
            code=READ_ONLY,
        )
    if "no space left" in low or "file too large" in low or "disk quota" in low:
        return StoreError(
            f"{where}: the disk is full ({action}); the last batch was not stored",
            hint="free some space and run the same command again: it resumes where it stopped",
            code=WRITE_FAILED,
        )
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG):
        return StoreError(f"{where}: the disk is full ({action})", code=WRITE_FAILED)
    if isinstance(exc, duckdb.IOException):
        return StoreError(f"{where}: cannot {action}: {text}", code=WRITE_FAILED)
    return StoreError(f"{where}: cannot {action}: {text}", code=NOT_A_CORPUS)


class Store:
    """An open corpus database. Use ``Store.open`` and close it (or use ``with``)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, write: bool):
        self.con = con
        self.path = path
        self.writable = write

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, write: bool = False) -> Store:
        """Open (``write``: create if needed) the corpus at ``path``."""
        target = Path(path)
        if not write and not target.exists():
            raise StoreError(
                f"{target}: no such corpus database",
                hint="create it with: dateline ingest SOURCES... --db " + str(target),
                code=NOT_A_CORPUS,
            )
        if write:
            _check_writable(target)
        try:
            con = duckdb.connect(str(target), read_only=not write)
        except duckdb.Error as exc:
            raise store_error(exc, target, "open it") from exc
        store = cls(con, target, write)
        try:
            store._check_version()
            if write:
                store._create()
        except BaseException:
            con.close()
            raise
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_version(self) -> None:
        try:
            tables = {
                r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
            }
        except duckdb.Error as exc:
            raise store_error(exc, self.path, "read it") from exc
        if not tables:
            if not self.writable:
                raise StoreError(f"{self.path}: the database is empty", code=NOT_A_CORPUS)
            return
        if "schema_info" not in tables:
            raise StoreError(
                f"{self.path}: not a dateline corpus (no schema_info table)",
                hint="give the path of a database made by 'dateline ingest', or a new file",
                code=NOT_A_CORPUS,
            )
        rows = self.con.execute("SELECT value FROM schema_info WHERE key = 'version'").fetchall()
        version = int(rows[0][0]) if rows else 0
        if version > STORE_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer dateline (corpus schema {version}; "
                f"this version reads up to {STORE_VERSION})",
                hint="upgrade dateline (pip install -U dateline) or use another --db",
                code=NEWER_SCHEMA,
            )

    def _create(self) -> None:
        try:
            with self.transaction("create its tables"):
                for statement in create_statements():
                    self.con.execute(statement)
                self.con.execute(
                    "INSERT INTO schema_info VALUES ('version', ?) ON CONFLICT DO NOTHING",
                    [str(STORE_VERSION)],
                )
        except StoreError:
            raise

    # ------------------------------------------------------------------ writing

    @contextmanager
    def transaction(self, action: str) -> Iterator[None]:
        """One transaction; a DuckDB or OS failure inside rolls back and is a StoreError."""
        try:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield
                self.con.execute("COMMIT")
            except BaseException:
                with suppress(duckdb.Error):  # a failed commit has already aborted it
                    self.con.execute("ROLLBACK")
                raise
        except (duckdb.Error, OSError) as exc:
            raise store_error(exc, self.path, action) from exc

    def write(self, batch: Batch) -> None:
        """Load one batch of rows in one transaction."""
        if batch.empty():
            return
        with self.transaction("store a batch"):
            for table, rows in batch.tables.items():
                self.insert(table, rows)

    def insert(self, table: str, rows: Sequence[Sequence[Any]]) -> None:
        """Insert many rows at once (column lists unnested: far faster than executemany)."""
        if not rows:
            return
        columns = TABLES[table]
        names = ", ".join(f'"{name}"' for name, _ in columns)
        selects = ", ".join(f"unnest(?::{_base_type(kind)}[])" for _, kind in columns)
        values = [list(col) for col in zip(*rows, strict=True)]
        self.con.execute(f"INSERT INTO {table} ({names}) SELECT {selects}", values)

    def next_run_id(self) -> int:
        rows = self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchall()
        return int(rows[0][0])

    # ------------------------------------------------------------------ reading

    def ingest_state(self) -> IngestState:
        """Everything a resumed ingest skips, read once at the start."""
        state = IngestState()
        try:
            for key, raw_hash, article_id in self.con.execute(
                "SELECT key, raw_hash, article_id FROM ingest_log"
            ).fetchall():
                state.done.add(key)
                state.known[raw_hash] = article_id
            for article_id, canonical in self.con.execute(
                "SELECT id, canonical_id FROM articles"
            ).fetchall():
                state.ids.add(article_id)
                if canonical:
                    state.canonical[article_id] = canonical
        except duckdb.Error as exc:
            raise store_error(exc, self.path, "read its ingest log") from exc
        return state

    def query(
        self, sql: str, params: Sequence[Any] = ()
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one statement; return column names and rows."""
        try:
            cur = self.con.execute(sql, list(params))
            names = [d[0] for d in cur.description] if cur.description else []
            return names, cur.fetchall() if names else []
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {exc}", code=QUERY_FAILED) from exc

    def count(self, table: str) -> int:
        rows = self.con.execute(f"SELECT count(*) FROM {table}").fetchall()
        return int(rows[0][0])


def _base_type(kind: str) -> str:
    return kind.replace(" PRIMARY KEY", "")


def _check_writable(target: Path) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        raise StoreError(f"{target}: the folder {folder} does not exist", code=READ_ONLY)
    probe = target if target.exists() else folder
    if not os.access(probe, os.W_OK):
        raise StoreError(
            f"{target}: the database cannot be written (read-only {_what(probe, target)})",
            hint="check the permissions, or give another --db",
            code=READ_ONLY,
        )


def _what(probe: Path, target: Path) -> str:
    return "file" if probe == target else "folder"
