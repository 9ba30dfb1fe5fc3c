"""The corrections export: every mark made in the viewer, with what it marks.

``correction_rows(db)`` reads the marks of the corpus ``db`` (its SQLite file beside it,
``corpus.corrections.sqlite``, and the corpus' own ``corrections`` table when a writable
viewer kept them there), and joins each to the corpus, read-only: the article (title,
address, date) and the event (type, CAMEO code, mode, date, source and target names,
evidence sentence) or the quote (kind, speaker, cue, text). A mark whose record is no
longer in the corpus (the article was ingested again and lost it) keeps its own columns,
with ``found`` false.

``write_corrections`` writes them as JSON lines or CSV, one row per mark, in a private
folder next to the output and moved onto its name (``dateline.corpus.staging``), after
``check_output`` refused an output that is an input (the corpus, its log, the marks file).

Nothing here needs the server's extra: the command line imports this module without
FastAPI.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..corpus import Store, check_output, database_files, output_error, replace_into, staging
from ..errors import READ_ONLY, StoreError
from ._corrections import COLUMNS, corrections_path

__all__ = [
    "EXPORT_COLUMNS",
    "FORMATS",
    "correction_inputs",
    "correction_rows",
    "write_corrections",
]

FORMATS = ("jsonl", "csv")
MARK = "wrong"  # the one mark the viewer makes: "this event (quote) is wrong"
EXPORT_COLUMNS = (
    "correction_id",
    "created",
    "mark",
    "note",
    "kind",
    "article_id",
    "record_id",
    "found",
    "title",
    "url",
    "published",
    "type",
    "cameo",
    "mode",
    "date",
    "source",
    "target",
    "text",
)

_EVENT = """
    SELECT v.*, a.title, a.url, a.published,
        (SELECT string_agg(coalesce(en.name, ea.entity_id), '; ' ORDER BY ea.position)
         FROM event_actors ea LEFT JOIN entities en ON en.article_id = ea.article_id
             AND en.entity_id = ea.entity_id
         WHERE ea.article_id = v.article_id AND ea.event_id = v.event_id
             AND ea.role = 'source') AS source_names,
        (SELECT string_agg(coalesce(en.name, ea.entity_id), '; ' ORDER BY ea.position)
         FROM event_actors ea LEFT JOIN entities en ON en.article_id = ea.article_id
             AND en.entity_id = ea.entity_id
         WHERE ea.article_id = v.article_id AND ea.event_id = v.event_id
             AND ea.role = 'target') AS target_names
    FROM events v JOIN articles a ON a.id = v.article_id
    WHERE v.article_id = ? AND v.event_id = ?
"""
_QUOTE = """
    SELECT q.*, a.title, a.url, a.published, coalesce(en.name, q.speaker_text) AS speaker_name
    FROM quotes q JOIN articles a ON a.id = q.article_id
    LEFT JOIN entities en ON en.article_id = q.article_id AND en.entity_id = q.speaker
    WHERE q.article_id = ? AND q.quote_id = ?
"""
_ARTICLE = "SELECT title, url, published FROM articles WHERE id = ?"


def correction_inputs(db: str | os.PathLike[str]) -> list[Path]:
    """The files an export reads: the corpus, its write-ahead log, and the marks file."""
    marks = corrections_path(Path(db))
    extra = [marks.with_name(marks.name + suffix) for suffix in ("-wal", "-journal", "-shm")]
    return [*database_files(db), marks, *extra]


def _sqlite_marks(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    try:  # read-only: an export never creates or changes the marks file
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = con.execute(f"SELECT {', '.join(COLUMNS)} FROM corrections").fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot read the corrections: {exc}", code=READ_ONLY) from exc
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def _row(names: list[str], rows: list[tuple[Any, ...]]) -> dict[str, Any] | None:
    return dict(zip(names, rows[0], strict=True)) if rows else None


def _record(store: Store, mark: dict[str, Any]) -> dict[str, Any]:
    """The export row of one mark: its own columns, then what it marks."""
    out: dict[str, Any] = dict.fromkeys(EXPORT_COLUMNS)
    out.update(
        correction_id=mark["id"],
        created=mark["created"],
        mark=MARK,
        note=mark["note"],
        kind=mark["kind"],
        article_id=mark["article_id"],
        record_id=mark["record_id"],
        found=False,
    )
    key = [mark["article_id"], mark["record_id"]]
    if mark["kind"] == "event":
        found = _row(*store.query(_EVENT, key))
        if found is not None:
            out.update(
                type=found.get("type"),
                cameo=found.get("cameo"),
                mode=found.get("mode"),
                date=found.get("date") or found.get("published"),
                source=found.get("source_names"),
                target=found.get("target_names"),
                text=found.get("evidence"),
            )
    else:
        found = _row(*store.query(_QUOTE, key))
        if found is not None:
            out.update(
                type=found.get("kind"),
                date=found.get("published"),
                source=found.get("speaker_name"),
                text=found.get("text"),
            )
    article = found or _row(*store.query(_ARTICLE, [mark["article_id"]]))
    if article is not None:
        out.update(title=article["title"], url=article["url"], published=article["published"])
    out["found"] = found is not None
    return out


def correction_rows(db: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every mark of the corpus ``db`` joined to its record, oldest first."""
    with Store.open(db) as store:
        tables = {r[0] for r in store.query("SELECT table_name FROM duckdb_tables()")[1]}
        marks = _sqlite_marks(corrections_path(Path(db)))
        if "corrections" in tables:  # a writable viewer keeps them in the corpus itself
            names, rows = store.query(f"SELECT {', '.join(COLUMNS)} FROM corrections")
            marks += [dict(zip(names, row, strict=True)) for row in rows]
        marks.sort(key=lambda m: (m["created"] or "", m["id"]))
        return [_record(store, mark) for mark in marks]


def _write(rows: Sequence[dict[str, Any]], fmt: str, out: TextIO) -> None:
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def write_corrections(
    db: str | os.PathLike[str],
    output: str | os.PathLike[str] | TextIO,
    fmt: str = "jsonl",
    *,
    force: bool = False,
) -> int:
    """Write every mark of ``db`` to ``output`` (a path, or an open text stream) as JSON
    lines or CSV; return how many. A path that is an input is refused (E031), and so is an
    existing one unless ``force`` (E032)."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: one of {', '.join(FORMATS)}")
    if not isinstance(output, str | os.PathLike):
        rows = correction_rows(db)
        _write(rows, fmt, output)
        return len(rows)
    target = check_output(output, correction_inputs(db), force=force)
    rows = correction_rows(db)
    try:
        with staging(target.parent) as folder:
            written = folder / target.name
            with written.open("w", encoding="utf-8", newline="") as out:
                _write(rows, fmt, out)
            replace_into(written, target)
    except OSError as exc:
        raise output_error(exc, target) from exc
    return len(rows)
