"""Corrections: a reader's mark that an event or a quote is wrong, kept apart from the analysis.

DuckDB lets one process hold a database file for writing, and a read-write handle shuts
every other process out (``dateline events``, ``dateline report``, a second viewer). The
viewer therefore opens the corpus read-only (readers share the file; an ingest waits)
and keeps the marks in a small SQLite file next to it (``corpus.duckdb`` ->
``corpus.corrections.sqlite``): SQLite lets several processes read and write one file (it
locks per write), it is in Python's standard library, and the corpus file is never opened
for writing, so no correction can touch an analysis row.

``create_app(read_only=False)`` instead opens the corpus for writing (the server then holds
DuckDB's writer lock, so nothing else may open the file while it runs) and keeps the marks
in a ``corrections`` table of the corpus itself.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path
from typing import Any, Protocol

from ..errors import READ_ONLY, StoreError

__all__ = ["COLUMNS", "Corrections", "corrections_path"]

COLUMNS = ("id", "created", "article_id", "kind", "record_id", "note")
_CREATE = (
    "CREATE TABLE IF NOT EXISTS corrections (id INTEGER PRIMARY KEY, created VARCHAR, "
    "article_id VARCHAR, kind VARCHAR, record_id VARCHAR, note VARCHAR)"
)


class _Connection(Protocol):
    def execute(self, sql: str, params: Any = ..., /) -> Any: ...

    def commit(self) -> Any: ...

    def close(self) -> Any: ...


def corrections_path(db: Path) -> Path:
    """The SQLite file that holds the marks of the corpus ``db``."""
    return db.with_name(db.stem + ".corrections.sqlite")


class Corrections:
    """The marks, in SQLite (default) or in the corpus' own ``corrections`` table."""

    def __init__(self, con: _Connection, where: str):
        self._con = con
        self._lock = threading.Lock()
        self.where = where
        with self._lock:
            self._con.execute(_CREATE)
            self._con.commit()

    @classmethod
    def sqlite(cls, path: Path) -> Corrections:
        try:
            con = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
        except sqlite3.Error as exc:
            raise StoreError(
                f"{path}: cannot open the corrections file: {exc}", code=READ_ONLY
            ) from exc
        return cls(con, str(path))

    def add(self, article_id: str, kind: str, record_id: str, note: str) -> dict[str, Any]:
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._lock:
            try:
                row = self._con.execute(
                    "SELECT coalesce(max(id), 0) + 1 FROM corrections"
                ).fetchone()
                new_id = int(row[0])
                self._con.execute(
                    "INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?)",
                    (new_id, created, article_id, kind, record_id, note),
                )
                self._con.commit()
            except Exception as exc:  # sqlite3 and duckdb raise unrelated classes
                raise StoreError(
                    f"{self.where}: cannot store the correction: {exc}", code=READ_ONLY
                ) from exc
        return dict(zip(COLUMNS, (new_id, created, article_id, kind, record_id, note), strict=True))

    def all(self, article_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, created, article_id, kind, record_id, note FROM corrections"
        params: tuple[str, ...] = ()
        if article_id is not None:
            sql += " WHERE article_id = ?"
            params = (article_id,)
        with self._lock:
            rows = self._con.execute(sql + " ORDER BY id", params).fetchall()
        return [dict(zip(COLUMNS, row, strict=True)) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._con.close()
