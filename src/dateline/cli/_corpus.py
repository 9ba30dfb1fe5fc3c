"""The corpus commands: ``ingest`` into a DuckDB file, query it, export it, report on it.

``register(sub)`` adds them to the main parser; each command function takes
``(args, out, err)`` and returns an exit status, like the rest of ``cli``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..corpus import Store
from ..corpus._queries import (
    Filters,
    actors_sql,
    articles_sql,
    events_sql,
    quotes_sql,
    report_sql,
)
from ..errors import QUERY_FAILED, ConfigError, StoreError

__all__ = ["DEFAULT_DB", "default_workers", "register"]

DEFAULT_DB = "corpus.duckdb"
FORMATS = ("table", "csv", "json", "parquet")


def default_workers() -> int:
    """spaCy worker processes when ``--workers`` is not given (see README: measured)."""
    return 1


def register(sub: Any) -> None:
    """Add the corpus commands to the CLI's subparsers."""
    from ._main import _add_read_options

    ingest = sub.add_parser(
        "ingest",
        help="analyse many articles into a DuckDB corpus file",
        description=(
            "Analyse every article in SOURCES (files, directories, JSONL, CSV, WARC) and store "
            "the results in one DuckDB file. Articles already stored are skipped before any "
            "analysis, so a re-run (after Ctrl-C or a crash) resumes where the last committed "
            "batch ended. Exact duplicates are logged, near-duplicates linked to a canonical "
            "article, failures recorded with their origin."
        ),
    )
    ingest.add_argument("sources", nargs="+", metavar="SOURCE", help="input file or directory")
    _add_db(ingest)
    ingest.add_argument(
        "--model", default=None, help="spaCy model: auto (default), md, sm or a path"
    )
    ingest.add_argument(
        "--actors",
        action="append",
        default=[],
        metavar="FILE",
        help="extra actor dictionary: Phoenix format or CSV name,code[,country,sector]",
    )
    ingest.add_argument(
        "--workers",
        type=int,
        default=None,
        help=f"spaCy worker processes (nlp.pipe n_process; default {default_workers()})",
    )
    ingest.add_argument(
        "--batch-size", type=int, default=32, help="articles per nlp.pipe batch (default 32)"
    )
    ingest.add_argument(
        "--commit-every",
        type=int,
        default=64,
        help="articles per database transaction (default 64)",
    )
    ingest.add_argument(
        "--threshold",
        type=float,
        default=0.8,
        help="MinHash Jaccard similarity that makes a near-duplicate (default 0.8)",
    )
    ingest.add_argument(
        "--no-dedup",
        action="store_true",
        help="do not look for near-duplicates (exact duplicates are still skipped)",
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress and no summary")
    ingest.add_argument(
        "--progress",
        action="store_true",
        help="report progress even when stderr is not a terminal (one line per commit)",
    )
    _add_read_options(ingest)
    ingest.set_defaults(func=_cmd_ingest)

    for name, what, type_help, text_help in (
        ("events", "coded events", "PLOVER event type", "evidence or title"),
        ("quotes", "quotes with their speakers", "quote kind (direct, indirect, mixed)", "quote"),
        ("actors", "actors (entities) across articles", "entity kind (PERSON, ORG, GPE)", "name"),
        ("articles", "stored articles", "PLOVER type of an event in the article", "title or text"),
    ):
        cmd = sub.add_parser(
            name,
            help=f"list {what} in a corpus",
            description=(
                f"List {what} in a corpus made by 'dateline ingest', filtered by actor, "
                "country, type, date range, source and text, as a table, CSV, JSON lines or "
                "a Parquet file. Near-duplicate articles are left out unless --duplicates."
            ),
        )
        _add_db(cmd)
        cmd.add_argument("--actor", help="actor name, alias (substring, any case) or code (exact)")
        cmd.add_argument("--country", help="ISO 3166 alpha-3 country of an actor, e.g. RUS")
        cmd.add_argument("--type", help=type_help)
        cmd.add_argument("--since", help="from this ISO date on (inclusive)")
        cmd.add_argument("--until", help="up to this ISO date (inclusive)")
        cmd.add_argument("--source", help="publisher name or URL substring")
        cmd.add_argument("--text", help=f"substring of the {text_help}")
        cmd.add_argument(
            "--duplicates", action="store_true", help="include near-duplicate articles"
        )
        _add_output(cmd)
        cmd.set_defaults(func=_cmd_query, query=name)

    sql = sub.add_parser(
        "sql",
        help="run any SQL query on a corpus",
        description=(
            "Run one SQL statement on a corpus (opened read-only) and print the result. "
            "Tables: articles, entities, mentions, quotes, events, event_actors, times, "
            "dropped, failures, event_groups, event_mentions, ingest_log, runs."
        ),
    )
    sql.add_argument(
        "query", metavar="SQL", help='the statement, e.g. "SELECT count(*) FROM articles"'
    )
    _add_db(sql)
    _add_output(sql)
    sql.set_defaults(func=_cmd_sql)

    export = sub.add_parser(
        "export",
        help="export a corpus to CSV, Parquet or a GDELT-style event TSV",
        description=(
            "Export every table of a corpus to a folder of CSV or Parquet files, or its "
            "event groups to one GDELT-style tab-separated file."
        ),
    )
    _add_db(export)
    export.add_argument(
        "--format",
        choices=("csv", "parquet", "gdelt"),
        default="csv",
        help="csv or parquet (a folder of tables) or gdelt (one TSV file); default csv",
    )
    export.add_argument(
        "--output", "-o", required=True, help="folder (csv, parquet) or file (gdelt) to write"
    )
    export.add_argument(
        "--header", action="store_true", help="gdelt: write a header line of column names"
    )
    export.set_defaults(func=_cmd_export)

    report = sub.add_parser(
        "report",
        help="print a short report on a corpus",
        description=(
            "Print a short report on a corpus: counts, top actors, top quoted speakers, "
            "events by type and the busiest actor pairs (independent articles only)."
        ),
    )
    _add_db(report)
    report.add_argument("--top", type=int, default=10, help="rows per section (default 10)")
    report.set_defaults(func=_cmd_report)


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=DEFAULT_DB, help=f"the corpus database file (default {DEFAULT_DB})"
    )


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table (default), csv, json (one object per line) or parquet (needs --output)",
    )
    parser.add_argument("--output", "-o", help="write to this file instead of the terminal")
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="at most this many rows (default: 100 for a table, all otherwise; 0 for all)",
    )


# ---------------------------------------------------------------------------- ingest


def _cmd_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..corpus import IngestOptions, Progress, count_records, ingest
    from ..io import read_inputs
    from ..pipeline import Pipeline
    from ._main import _read_options

    workers = args.workers if args.workers is not None else default_workers()
    if workers < 1 or args.batch_size < 1 or args.commit_every < 1:
        raise ConfigError("--workers, --batch-size and --commit-every must be at least 1")
    if not 0.0 < args.threshold <= 1.0:
        raise ConfigError("--threshold must be in (0, 1]")
    options = _read_options(args)
    # the store first: a locked or read-only file fails at once, not after the model loads
    with Store.open(args.db, write=True) as store:
        pipeline = Pipeline(
            args.model, batch_size=args.batch_size, n_process=workers, dictionaries=args.actors
        )
        pipeline.model  # load it now, so the progress rate is the analysis'  # noqa: B018
        progress = None
        if not args.quiet and err.isatty():
            progress = Progress(err, count_records(read_inputs(args.sources, options)))
        elif args.progress and not args.quiet:
            progress = Progress(err, lines=True)
        summary = ingest(
            read_inputs(args.sources, options),
            store,
            pipeline,
            IngestOptions(
                commit_every=args.commit_every,
                near_duplicates=not args.no_dedup,
                threshold=args.threshold,
                sources=tuple(args.sources),
            ),
            progress=progress,
        )
        if summary.failed and not args.quiet:
            _, rows = store.query(
                "SELECT path, line, code, message FROM failures WHERE run_id = ? LIMIT 10",
                [summary.run_id],
            )
            for path, line, code, message in rows:
                where = f"{path}:{line}" if line is not None else f"{path}"
                err.write(f"dateline: failed {where}: {code} {message}\n")
    if not args.quiet:
        err.write(f"dateline: {summary.format()}\n")
    return 2 if summary.failed else 0


# ---------------------------------------------------------------------------- queries


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(
        actor=args.actor,
        country=args.country,
        type=args.type,
        since=args.since,
        until=args.until,
        source=args.source,
        text=args.text,
        duplicates=args.duplicates,
        limit=_row_limit(args),
    )


def _row_limit(args: argparse.Namespace) -> int | None:
    if args.limit is not None:
        return args.limit or None
    return 100 if args.format == "table" and not args.output else None


def _cmd_query(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    build = {
        "events": events_sql,
        "quotes": quotes_sql,
        "actors": actors_sql,
        "articles": articles_sql,
    }[args.query]
    sql, params = build(_filters(args))
    return _emit(args, sql, params, out, err)


def _cmd_sql(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    sql = args.query.strip().rstrip(";")
    limit = _row_limit(args)
    return _emit(args, sql, [], out, err, limit=limit)


def _emit(
    args: argparse.Namespace,
    sql: str,
    params: list[Any],
    out: TextIO,
    err: TextIO,
    *,
    limit: int | None = None,
) -> int:
    with Store.open(args.db) as store:
        if args.format == "parquet":
            if not args.output:
                raise ConfigError("--format parquet writes a file: give --output FILE.parquet")
            try:
                store.con.sql(sql, params=params or None).write_parquet(args.output)
            except Exception as exc:  # duckdb raises several unrelated classes here
                raise StoreError(f"query failed: {exc}", code=QUERY_FAILED) from exc
            err.write(f"dateline: wrote {args.output}\n")
            return 0
        names, rows = store.query(sql, params)
    if limit is not None:
        rows = rows[:limit]
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as handle:
                _write_rows(args.format, names, rows, handle)
        except OSError as exc:
            raise ConfigError(f"{args.output}: cannot write: {exc.strerror}") from exc
        return 0
    _write_rows(args.format, names, rows, out)
    return 0


def _write_rows(fmt: str, names: list[str], rows: Sequence[tuple[Any, ...]], out: TextIO) -> None:
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([[_plain(v) for v in row] for row in rows])
    elif fmt == "json":
        for row in rows:
            out.write(
                json.dumps(dict(zip(names, map(_plain, row), strict=True)), ensure_ascii=False)
            )
            out.write("\n")
    else:
        out.write(format_table(names, rows) + "\n")


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def format_table(names: list[str], rows: Sequence[tuple[Any, ...]], width: int = 40) -> str:
    """Rows as aligned text columns, long cells cut to ``width`` characters."""
    if not names:
        return "(no result)"
    cells = [[_cell(v, width) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in cells:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _cell(value: Any, width: int) -> str:
    if value is None:
        return ""
    text = f"{value:.3g}" if isinstance(value, float) else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------- export, report


def _cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..corpus import export_gdelt, export_tables

    target = Path(args.output)
    with Store.open(args.db) as store:
        if args.format == "gdelt":
            n = export_gdelt(store, target, header=args.header)
            err.write(f"dateline: wrote {n} event groups to {target}\n")
        else:
            files = export_tables(store, target, args.format)
            err.write(f"dateline: wrote {len(files)} tables to {target}{os.sep}\n")
    return 0


def _cmd_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    out.write(corpus_report(args.db, args.top) + "\n")
    return 0


def corpus_report(db: str | os.PathLike[str], top: int = 10) -> str:
    """The text of ``dateline report``."""
    parts = []
    with Store.open(db) as store:
        for title, sql in report_sql(top).items():
            names, rows = store.query(sql)
            body = format_table(names, rows) if rows else "(none)"
            parts.append(f"== {title}\n{body}")
    return "\n\n".join(parts)
