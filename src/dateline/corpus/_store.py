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
E047      the file is a DuckDB database but damaged (truncated, unreadable blocks)
E048      the file is not a DuckDB database at all (a text file, random bytes)
E049      the file is empty (0 bytes)
========  =================================================================

A store written by an older dateline (an older ``STORE_VERSION``) is upgraded in place the
first time it is opened: its new columns are added and filled in from the stored values
(``_tables.MIGRATIONS``). A read-only open upgrades it through a short writing connection
first; when the file cannot be written (read-only, locked) that is the coded error, with a
message saying the corpus needs the upgrade.

A read-only ``Store`` (every query, ``sql``, ``export``, ``report``) is sandboxed: DuckDB runs
with ``enable_external_access=false``, no extension auto-install or auto-load, no progress
bar, and ``lock_configuration=true``, so SQL cannot read or write any file but the corpus
(``read_text``, ``COPY ... TO``, ``ATTACH``, ``INSTALL`` all fail) or turn the settings back.
The only files it may write are the ones the caller names (``writable``).

Writes go through ``Store.write`` which loads a whole ``Batch`` in one transaction: after a
crash the file holds every committed batch and nothing of the one in flight.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ..errors import (
    CORRUPT_DB,
    EMPTY_DB,
    LOCKED,
    NEWER_SCHEMA,
    NOT_A_CORPUS,
    NOT_A_DATABASE,
    QUERY_FAILED,
    READ_ONLY,
    STORE_FAILED,
    WRITE_FAILED,
    StoreError,
)
from ._dates import date_range
from ._rows import Batch
from ._tables import INDEXES, MIGRATIONS, STORE_VERSION, TABLES, create_statements

__all__ = ["STORE_VERSION", "Batch", "IngestState", "Store", "check_database_file", "store_error"]


@dataclass
class IngestState:
    """What a new ingest needs to know of the store before it reads any input."""

    done: set[str] = field(default_factory=set)  # ingest_log keys
    known: dict[str, str] = field(default_factory=dict)  # raw hash -> article id
    ids: set[str] = field(default_factory=set)  # stored article ids
    canonical: dict[str, str] = field(default_factory=dict)  # near-duplicate -> canonical


# DuckDB's words for a file it recognises but cannot read whole
_DAMAGED = (
    "could not read enough bytes",
    "corrupt",
    "checksum",
    "invalid block",
    "block id",
    "failed to read",
    "serialization error",
)


def store_error(
    exc: BaseException, path: str | os.PathLike[str], action: str, *, writing: bool = True
) -> StoreError:
    """A ``StoreError`` that says what went wrong with the file, from a DuckDB/OS error.

    ``writing``: the action writes, so a bare I/O error is a failed write (E043); when
    reading it is a damaged file (E047) or a plain store failure (E040), never "disk full".
    """
    text = str(exc)
    low = text.lower()
    where = str(path)
    if "not a valid duckdb database file" in low:
        return _not_a_database(Path(path), _head(Path(path)))
    if any(word in low for word in _DAMAGED):
        return StoreError(
            f"{where}: the corpus database is damaged ({action}): {_first_line(text)}",
            hint="restore it from a backup, or ingest the sources again into a new --db",
            code=CORRUPT_DB,
        )
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
    if isinstance(exc, duckdb.IOException | OSError):
        return StoreError(
            f"{where}: cannot {action}: {_first_line(text)}",
            code=WRITE_FAILED if writing else STORE_FAILED,
        )
    return StoreError(f"{where}: cannot {action}: {_first_line(text)}", code=NOT_A_CORPUS)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def _head(path: Path, size: int = 4096) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # only a character cut at the end
    return True


def _not_a_database(path: Path, head: bytes) -> StoreError:
    what = "a text file" if _looks_like_text(head) else "not a DuckDB database"
    return StoreError(
        f"{path}: {what}, not a corpus database",
        hint="give the path of a corpus made by 'dateline ingest' (inputs are SOURCES, not --db)",
        code=NOT_A_DATABASE,
    )


def check_database_file(path: Path) -> None:
    """Refuse, before DuckDB opens it, a ``--db`` that exists but cannot be a database:
    not a regular file (a FIFO would hang), empty (E049), or without DuckDB's header (E048).
    A missing or unreadable file is left to the caller and to DuckDB."""
    try:
        info = path.stat()
    except OSError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"{path}: not a regular file, not a corpus database",
            hint="give the path of a corpus made by 'dateline ingest'",
            code=NOT_A_DATABASE,
        )
    if info.st_size == 0:
        raise StoreError(
            f"{path}: the database file is empty (0 bytes)",
            hint="delete the empty file (ingest then creates the corpus), or give another --db",
            code=EMPTY_DB,
        )
    head = _head(path)
    if head and head[8:12] != _DUCKDB_MAGIC:
        raise _not_a_database(path, head)


_DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


class Store:
    """An open corpus database. Use ``Store.open`` and close it (or use ``with``)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, write: bool):
        self.con = con
        self.path = path
        self.writable = write

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        write: bool = False,
        writable: Iterable[str | os.PathLike[str]] = (),
    ) -> Store:
        """Open (``write``: create if needed) the corpus at ``path``.

        Read-only, the connection is sandboxed (see the module docs); ``writable`` names
        the only files its SQL may write (a command's temporary output files)."""
        target = Path(path)
        if not write and not target.exists():
            raise StoreError(
                f"{target}: no such corpus database",
                hint="create it with: dateline ingest SOURCES... --db " + str(target),
                code=NOT_A_CORPUS,
            )
        if write:
            _check_writable(target)
        check_database_file(target)
        try:
            if write:
                con = duckdb.connect(str(target))
            else:
                con = duckdb.connect(str(target), read_only=True, config=dict(_SANDBOX))
                _lock_down(con, writable)
        except duckdb.Error as exc:
            raise store_error(exc, target, "open it", writing=False) from exc
        store = cls(con, target, write)
        try:
            version = store._check_version()
            if write:
                if 0 < version < STORE_VERSION:
                    store._migrate(version)
                store._create()
        except BaseException:
            con.close()
            raise
        if 0 < version < STORE_VERSION:  # read-only: upgrade it through a writing connection
            con.close()
            cls._upgrade(target, version)
            return cls.open(target, writable=writable)
        return store

    @classmethod
    def _upgrade(cls, target: Path, version: int) -> None:
        try:
            cls.open(target, write=True).close()
        except StoreError as exc:
            raise StoreError(
                f"{target}: the corpus was written by an older dateline (corpus schema "
                f"{version}; this version needs {STORE_VERSION}) and must be upgraded once, "
                f"which failed: {exc.message}",
                hint=exc.hint or "open it once with write access (e.g. dateline ingest)",
                code=exc.code,
            ) from exc

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_version(self) -> int:
        """The store's schema version (0: a new, empty file); refuses a newer one."""
        try:
            tables = {
                r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
            }
            rows = (
                self.con.execute("SELECT value FROM schema_info WHERE key = 'version'").fetchall()
                if "schema_info" in tables
                else []
            )
        except duckdb.Error as exc:
            raise store_error(exc, self.path, "read it", writing=False) from exc
        if not tables:
            if not self.writable:
                raise StoreError(f"{self.path}: the database is empty", code=NOT_A_CORPUS)
            return 0
        if "schema_info" not in tables:
            raise StoreError(
                f"{self.path}: not a dateline corpus (no schema_info table)",
                hint="give the path of a database made by 'dateline ingest', or a new file",
                code=NOT_A_CORPUS,
            )
        try:
            version = int(rows[0][0]) if rows else 0
        except ValueError:
            raise StoreError(
                f"{self.path}: the corpus schema version {rows[0][0]!r} is not a number",
                code=CORRUPT_DB,
            ) from None
        if version > STORE_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer dateline (corpus schema {version}; "
                f"this version reads up to {STORE_VERSION})",
                hint="upgrade dateline (pip install -U dateline) or use another --db",
                code=NEWER_SCHEMA,
            )
        return max(version, 1)

    def _migrate(self, version: int) -> None:
        """Upgrade a store of schema ``version`` in place, in one transaction: add the
        columns of each later version (their table's indexes are dropped first, as DuckDB
        will not alter an indexed table; ``_create`` makes them again) and fill them in."""
        with self.transaction(f"upgrade it from corpus schema {version}"):
            for step in range(version + 1, STORE_VERSION + 1):
                added = MIGRATIONS.get(step, ())
                for table in sorted({t for t, _ in added}):
                    for name, on, _ in INDEXES:
                        if on == table:
                            self.con.execute(f"DROP INDEX IF EXISTS {name}")
                for table, column in added:
                    kind = _base_type(dict(TABLES[table])[column])
                    self.con.execute(
                        f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{column}" {kind}'
                    )
            if version < 2:
                self._fill_ranges("articles", "published", "published")
                self._fill_ranges("events", "date", "date")
            self.con.execute(
                "UPDATE schema_info SET value = ? WHERE key = 'version'", [str(STORE_VERSION)]
            )

    def _fill_ranges(self, table: str, column: str, prefix: str) -> None:
        """Set ``<prefix>_start``/``_end`` (and ``_granularity`` where the table has it) of
        every row from its ``column`` value."""
        values = [
            r[0] for r in self.con.execute(f"SELECT DISTINCT {column} FROM {table}").fetchall()
        ]
        ranges = [(v, date_range(v)) for v in values if v is not None]
        known = [(v, r) for v, r in ranges if r is not None]
        if not known:
            return
        has_granularity = f"{prefix}_granularity" in dict(TABLES[table])
        self.con.execute(
            "CREATE TEMP TABLE _ranges AS SELECT unnest(?::VARCHAR[]) AS v, "
            "unnest(?::DATE[]) AS s, unnest(?::DATE[]) AS e, unnest(?::VARCHAR[]) AS g",
            [
                [v for v, _ in known],
                [r.start for _, r in known],
                [r.end for _, r in known],
                [r.granularity for _, r in known],
            ],
        )
        extra = f", {prefix}_granularity = r.g" if has_granularity else ""
        self.con.execute(
            f"UPDATE {table} SET {prefix}_start = r.s, {prefix}_end = r.e{extra} "
            f"FROM _ranges r WHERE {table}.{column} = r.v"
        )
        self.con.execute("DROP TABLE _ranges")

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
        names, rows = self.stream(sql, params)
        return names, list(rows)

    def stream(
        self, sql: str, params: Sequence[Any] = (), *, limit: int | None = None
    ) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """Run one statement; return column names and its rows, fetched in chunks as they
        are consumed, at most ``limit`` of them (so a huge result is never held whole)."""
        try:
            cur = self.con.execute(sql, list(params))
            names = [d[0] for d in cur.description] if cur.description else []
        except duckdb.Error as exc:
            raise self._query_error(exc) from exc
        return names, self._fetch(cur, limit) if names else iter(())

    def _fetch(
        self, cur: duckdb.DuckDBPyConnection, limit: int | None
    ) -> Iterator[tuple[Any, ...]]:
        left = limit
        while left is None or left > 0:
            size = _CHUNK if left is None else min(_CHUNK, left)
            try:
                chunk = cur.fetchmany(size)
            except duckdb.Error as exc:
                raise self._query_error(exc) from exc
            if not chunk:
                return
            if left is not None:
                left -= len(chunk)
            yield from chunk

    def _query_error(self, exc: duckdb.Error) -> StoreError:
        found = store_error(exc, self.path, "read it", writing=False)
        if found.code in (CORRUPT_DB, NOT_A_DATABASE):
            return found
        hint = None
        if isinstance(exc, duckdb.PermissionException) or "locked" in str(exc).lower():
            hint = "queries run sandboxed: they read the corpus only, no other file, no settings"
        return StoreError(f"query failed: {_first_line(str(exc))}", hint=hint, code=QUERY_FAILED)

    def unfinished_run(self) -> int | None:
        """The last ingest run if it did not finish (killed or interrupted): its event
        groups were not rebuilt, so they are missing or out of date until the next ingest."""
        try:
            rows = self.con.execute(
                "SELECT run_id FROM runs WHERE finished IS NULL "
                "AND run_id = (SELECT max(run_id) FROM runs)"
            ).fetchall()
        except duckdb.Error:
            return None
        return int(rows[0][0]) if rows else None

    def count(self, table: str) -> int:
        rows = self.con.execute(f"SELECT count(*) FROM {table}").fetchall()
        return int(rows[0][0])


_CHUNK = 2048  # rows per fetch

# the read-only connection's settings; _lock_down adds the rest once it is open
_SANDBOX = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def _lock_down(con: duckdb.DuckDBPyConnection, writable: Iterable[str | os.PathLike[str]]) -> None:
    """No file but the corpus (and ``writable``: files, or folders and what they hold), no
    extensions, settings locked."""
    con.execute("SET enable_progress_bar = false")
    paths = [os.path.abspath(p) for p in writable]
    files = [p for p in paths if not os.path.isdir(p)]
    folders = [os.path.join(p, "") for p in paths if os.path.isdir(p)]
    if files:
        con.execute("SET allowed_paths = ?", [files])
    if folders:
        con.execute("SET allowed_directories = ?", [folders])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


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
