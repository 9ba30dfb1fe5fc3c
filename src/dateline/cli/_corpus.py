"""The corpus commands: ``ingest`` into a DuckDB file, query it, export it, report on it.

Each is a Click command returning its exit status; ``COMMANDS`` lists them in the order
``dateline --help`` shows them.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from ..corpus import (
    TABLE_COLUMNS,
    Filters,
    Store,
    actors_sql,
    articles_sql,
    check_output,
    database_files,
    events_sql,
    output_error,
    quotes_sql,
    replace_into,
    staging,
)
from ..errors import QUERY_FAILED, ConfigError, StoreError
from ..io import ReadOptions
from ._console import is_terminal, streams
from ._options import (
    Output,
    actors_option,
    db_option,
    event_model_option,
    filter_options,
    group_window_option,
    lexicon_option,
    model_option,
    output_options,
    read_options,
    threshold_option,
    workers_option,
)
from ._tables import print_report, warn_unfinished, write_rows

__all__ = ["COMMANDS"]


# ---------------------------------------------------------------------------- ingest


@click.command(
    short_help="Analyse many articles into a DuckDB corpus file.",
    help=(
        "Analyse every article in SOURCES (files, directories, JSONL, CSV, WARC) and store "
        "the results in one DuckDB file. Articles already stored are skipped before any "
        "analysis, so a re-run (after Ctrl-C or a crash) resumes where the last committed "
        "batch ended. Exact duplicates are logged, near-duplicates linked to a canonical "
        "article, failures recorded with their origin."
    ),
)
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...", type=click.Path())
@db_option
@model_option
@event_model_option
@actors_option
@lexicon_option
@workers_option
@click.option(
    "--batch-size", type=int, default=32, show_default=True, help="Articles per nlp.pipe batch."
)
@click.option(
    "--commit-every",
    type=int,
    default=64,
    show_default=True,
    help="Articles per database transaction.",
)
@threshold_option
@group_window_option
@click.option(
    "--no-dedup",
    is_flag=True,
    help="Do not look for near-duplicates (exact duplicates are still skipped).",
)
@click.option("--quiet", is_flag=True, help="No progress and no summary.")
@click.option(
    "--progress",
    "progress_lines",
    is_flag=True,
    help="Report progress even when stderr is not a terminal (one line per commit).",
)
@read_options
def ingest(
    sources: tuple[str, ...],
    db: str,
    model: str | None,
    event_model: bool,
    actors: tuple[str, ...],
    lexicons: tuple[str, ...],
    workers: int | None,
    batch_size: int,
    commit_every: int,
    threshold: float,
    group_window: int,
    no_dedup: bool,
    quiet: bool,
    progress_lines: bool,
    read: ReadOptions,
) -> int:
    from ..corpus import IngestOptions, Progress, count_records
    from ..corpus import ingest as ingest_records
    from ..engines import LocalEngine, WorkerConfig, default_workers
    from ..io import read_inputs
    from ._progress import TerminalProgress

    err = streams().err
    n_workers = workers if workers is not None else default_workers()
    if batch_size < 1 or commit_every < 1:
        raise ConfigError("--batch-size and --commit-every must be at least 1")
    if not 0.0 < threshold <= 1.0:
        raise ConfigError("--threshold must be in (0, 1]")
    # the store first: a locked or read-only file fails at once, not after the model loads
    with (
        Store.open(db, write=True) as store,
        LocalEngine(
            WorkerConfig(
                model=model,
                batch_size=batch_size,
                dictionaries=tuple(actors),
                lexicons=tuple(lexicons),
                event_model=event_model,
            ),
            workers=n_workers,
        ) as pipeline,
    ):
        pipeline.model  # load it now, so the progress rate is the analysis'  # noqa: B018
        progress: Progress | None = None
        if not quiet and is_terminal(err):
            progress = TerminalProgress(err, count_records(read_inputs(sources, read)))
        elif progress_lines and not quiet:
            progress = Progress(err, lines=True)
        summary = ingest_records(
            read_inputs(sources, read),
            store,
            pipeline,
            IngestOptions(
                commit_every=commit_every,
                near_duplicates=not no_dedup,
                threshold=threshold,
                sources=tuple(sources),
                group_window=group_window,
            ),
            progress=progress,
        )
        if summary.failed and not quiet:
            _, rows = store.query(
                "SELECT path, line, code, message FROM failures WHERE run_id = ? LIMIT 10",
                [summary.run_id],
            )
            for path, line, code, message in rows:
                where = f"{path}:{line}" if line is not None else f"{path}"
                err.write(f"dateline: failed {where}: {code} {message}\n")
    if not quiet:
        err.write(f"dateline: {summary.format()}\n")
    return 2 if summary.failed else 0


# ---------------------------------------------------------------------------- queries

QUERIES = {
    "events": ("coded events", "PLOVER event type.", "evidence or title", events_sql),
    "quotes": (
        "quotes with their speakers",
        "Quote kind.",
        "quote",
        quotes_sql,
    ),
    "actors": (
        "actors (entities) across articles",
        "Entity kind.",
        "name",
        actors_sql,
    ),
    "articles": (
        "stored articles",
        "PLOVER type of an event in the article.",
        "title or text",
        articles_sql,
    ),
}


SORTED = {
    "events": "Newest events first (by the first day of their date) unless --sort says otherwise.",
    "quotes": "Newest quotes first (by publication date) unless --sort says otherwise.",
    "actors": "Actors in most articles first unless --sort says otherwise.",
    "articles": "Oldest articles first unless --sort says otherwise.",
}


def _query_command(name: str) -> click.Command:
    what, type_help, text_help, build = QUERIES[name]

    @db_option
    @filter_options(name, type_help, text_help)
    @output_options
    def command(db: str, filters: Filters, output: Output) -> int:
        if output.format == "table" and not filters.columns:
            filters = replace(filters, columns=TABLE_COLUMNS[name])
        sql, params = build(replace(filters, limit=output.row_limit))
        return _emit(db, output, sql, params, groups=name == "events")

    return click.command(
        name,
        short_help=f"List {what} in a corpus.",
        help=(
            f"List {what} in a corpus made by 'dateline ingest', filtered by actor, "
            "country, type, date range, source and text, as a table, CSV, JSON lines or "
            "a Parquet file. Near-duplicate articles are left out unless --duplicates. "
            + SORTED[name]
        ),
    )(command)


@click.command(
    short_help="Run any SQL query on a corpus.",
    help=(
        "Run one SQL statement on a corpus and print the result. The corpus is opened "
        "read-only and sandboxed: the statement cannot read or write other files, install "
        "extensions or change settings. "
        "Tables: articles, entities, mentions, quotes, events, event_actors, times, "
        "dropped, failures, event_groups, event_mentions, ingest_log, runs.\n\n"
        'SQL is the statement, e.g. "SELECT count(*) FROM articles".'
    ),
)
@click.argument("query", metavar="SQL")
@db_option
@output_options
def sql(query: str, db: str, output: Output) -> int:
    return _emit(db, output, query.strip().rstrip(";"), [], limit=output.row_limit)


def _emit(
    db: str,
    output: Output,
    sql: str,
    params: list[Any],
    *,
    limit: int | None = None,
    groups: bool = False,
) -> int:
    """Run ``sql`` on the sandboxed corpus and write its rows, at most ``limit`` of them,
    fetched as they are written. ``--output`` may not be the database; it is written in a
    private folder next to it and moved into place when complete. ``groups``: warn when
    the event groups were not built by the last ingest."""
    out, err = streams().out, streams().err
    if output.format == "parquet" and not output.path:
        raise ConfigError("--format parquet writes a file: give --output FILE.parquet")
    if not output.path:
        with Store.open(db) as store:
            if groups:
                warn_unfinished(store, err)
            names, rows = store.stream(sql, params, limit=limit)
            write_rows(output.format, names, rows, out)
        return 0
    target = check_output(output.path, database_files(db))
    try:
        with staging(target.parent) as stage:
            part = stage / (target.name or "output")
            # only DuckDB writes the Parquet file: only then may its SQL write (in stage)
            writable = [stage] if output.format == "parquet" else []
            with Store.open(db, writable=writable) as store:
                if groups:
                    warn_unfinished(store, err)
                if output.format == "parquet":
                    _write_parquet(store, sql, params, limit, part)
                else:
                    names, rows = store.stream(sql, params, limit=limit)
                    with part.open("w", encoding="utf-8", newline="") as handle:
                        write_rows(output.format, names, rows, handle)
            replace_into(part, target)
    except OSError as exc:
        raise output_error(exc, target) from exc
    if output.format == "parquet":
        err.write(f"dateline: wrote {target}\n")
    return 0


def _write_parquet(
    store: Store, sql: str, params: list[Any], limit: int | None, part: Path
) -> None:
    try:
        relation = store.con.sql(sql, params=params or None)
        if relation is None:
            raise StoreError("query failed: the statement returns no rows", code=QUERY_FAILED)
        (relation.limit(limit) if limit is not None else relation).write_parquet(str(part))
    except StoreError:
        raise
    except Exception as exc:  # duckdb raises several unrelated classes here
        raise StoreError(f"query failed: {exc}", code=QUERY_FAILED) from exc


# ---------------------------------------------------------------------------- export, report


@click.command(
    short_help="Export a corpus to CSV, Parquet, GDELT 2.0 events or PLOVER/POLECAT JSON lines.",
    help=(
        "Export every table of a corpus to a folder of CSV or Parquet files, its event "
        "groups to one GDELT 2.0 event file (61 tab-separated columns), or its events to "
        "one PLOVER/POLECAT-style JSON-lines file."
    ),
)
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("csv", "parquet", "gdelt", "plover")),
    default="csv",
    show_default=True,
    help="csv or parquet (a folder of tables), gdelt (one TSV file) or plover (one JSONL file).",
)
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(),
    help="Folder (csv, parquet) or file (gdelt, plover) to write.",
)
@click.option("--header", is_flag=True, help="gdelt: write a header line of column names.")
@click.option(
    "--force",
    is_flag=True,
    help="Replace existing output files (each is replaced whole, never half-written).",
)
def export(db: str, fmt: str, output: str, header: bool, force: bool) -> int:
    from ..corpus import EXPORT_TABLES, export_gdelt, export_plover, export_tables

    err = streams().err
    target = Path(output)
    inputs = database_files(db)
    check_output(target, inputs)  # never the database itself, whatever the format
    if fmt in ("gdelt", "plover"):
        check_output(target, inputs, force=force)
        with Store.open(db) as store:
            warn_unfinished(store, err)
            if fmt == "gdelt":
                n = export_gdelt(store, target, header=header)
                what = "event groups"
            else:
                n = export_plover(store, target)
                what = "events"
        err.write(f"dateline: wrote {n} {what} to {target}\n")
        return 0
    if target.exists() and not target.is_dir():
        raise ConfigError(
            f"--output {target} is a file: --format {fmt} writes a folder of tables",
            hint="give a folder, or --format gdelt or plover for one file",
        )
    for table in EXPORT_TABLES:
        check_output(target / f"{table}.{fmt}", inputs, force=force)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, target) from exc
    with Store.open(db, writable=[target]) as store:
        files = export_tables(store, target, fmt)
    err.write(f"dateline: wrote {len(files)} tables to {target}{os.sep}\n")
    return 0


@click.command(
    short_help="Print a short report on a corpus.",
    help=(
        "Print a short report on a corpus: counts, top actors, top quoted speakers, "
        "events by type and the busiest actor pairs (independent articles only)."
    ),
)
@db_option
@click.option(
    "--top", type=click.IntRange(min=0), default=10, show_default=True, help="Rows per section."
)
def report(db: str, top: int) -> int:
    with Store.open(db) as store:
        warn_unfinished(store, streams().err)
    print_report(db, top, streams().out)
    return 0


COMMANDS: tuple[click.Command, ...] = (
    ingest,
    *(_query_command(name) for name in QUERIES),
    sql,
    export,
    report,
)
