"""The engine commands: ``process`` inputs into Parquet shards (locally or on Ray) and
``load`` the shards into a corpus database."""

from __future__ import annotations

import click

from ..errors import ConfigError
from ..io import ReadOptions
from ._console import streams
from ._options import (
    actors_option,
    db_option,
    event_model_option,
    group_window_option,
    lexicon_option,
    model_option,
    read_options,
    threshold_option,
    workers_option,
)

__all__ = ["ENGINE_COMMANDS"]


@click.command(
    short_help="Analyse many articles into Parquet shards, locally or on Ray.",
    help=(
        "Analyse every article in INPUT... (files, directories, JSONL, CSV, WARC, or a "
        "Parquet dataset with a text column: --text-column) into "
        "Parquet shards in OUTPUT_DIR: one file per store table (articles, entities, "
        "mentions, quotes, events, times, failures, ...) per shard, and a manifest of the "
        "complete shards, so a re-run over the same inputs skips them. Failures are rows. "
        "Load the shards into a corpus with 'dateline load'."
    ),
)
@click.argument("paths", nargs=-1, required=True, metavar="INPUT... OUTPUT_DIR")
@click.option(
    "--engine",
    type=click.Choice(("local", "ray")),
    default="local",
    show_default=True,
    help="Worker processes on this machine, or Ray actors (pip install 'dateline[ray]').",
)
@click.option(
    "--address",
    default=None,
    help="Ray cluster address (e.g. auto or ray://head:10001); default: a local Ray.",
)
@workers_option
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=16,
    show_default=True,
    help="Articles per batch sent to a worker.",
)
@click.option(
    "--shard-size",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Input records per shard (the unit a re-run skips).",
)
@model_option
@event_model_option
@actors_option
@lexicon_option
@read_options
def process(
    paths: tuple[str, ...],
    engine: str,
    address: str | None,
    workers: int | None,
    batch_size: int,
    shard_size: int,
    model: str | None,
    event_model: bool,
    actors: tuple[str, ...],
    lexicons: tuple[str, ...],
    read: ReadOptions,
) -> int:
    from ..engines import (
        LocalEngine,
        RaySettings,
        WorkerConfig,
        default_workers,
        ray_engine,
    )
    from ..engines import process as process_records
    from ..io import read_inputs

    if len(paths) < 2:
        raise ConfigError("give at least one INPUT and the OUTPUT_DIR")
    *inputs, out_dir = paths
    if address is not None and engine != "ray":
        raise ConfigError("--address is for --engine ray")
    n = workers if workers is not None else default_workers()
    config = WorkerConfig(
        model=model,
        batch_size=batch_size,
        dictionaries=tuple(actors),
        lexicons=tuple(lexicons),
        event_model=event_model,
    )
    records = read_inputs(inputs, read)
    if engine == "ray":
        settings = RaySettings(address=address, actors=n, batch_size=batch_size)
        with ray_engine(config, settings) as runner:  # each actor writes its own shards
            summary = runner.process(records, out_dir, inputs=inputs, shard_size=shard_size)
    else:
        with LocalEngine(config, workers=n) as local:
            summary = process_records(records, out_dir, local, inputs=inputs, shard_size=shard_size)
    streams().err.write(f"dateline: {summary.format()}\n")
    return 2 if summary.failed else 0


@click.command(
    short_help="Load the Parquet shards of 'dateline process' into a corpus database.",
    help=(
        "Load every complete shard of OUTPUT_DIR (written by 'dateline process') into one "
        "DuckDB corpus, as its single writer: duplicates, near-duplicates, the ingest log and "
        "event groups as after 'dateline ingest', so every query works the same. Shards "
        "already loaded are skipped."
    ),
)
@click.argument("out_dir", metavar="OUTPUT_DIR", type=click.Path(file_okay=False, exists=True))
@db_option
@threshold_option
@group_window_option
@click.option("--no-dedup", is_flag=True, help="Do not look for near-duplicates.")
def load(out_dir: str, db: str, threshold: float, group_window: int, no_dedup: bool) -> int:
    from pathlib import Path

    from ..corpus import IngestOptions, Store
    from ..engines import load_shards, read_manifest

    if not 0.0 < threshold <= 1.0:
        raise ConfigError("--threshold must be in (0, 1]")
    manifest = read_manifest(Path(out_dir))
    options = IngestOptions(
        near_duplicates=not no_dedup,
        threshold=threshold,
        sources=tuple(manifest.get("inputs", ())),
        group_window=group_window,
    )
    with Store.open(db, write=True) as store:
        summary = load_shards(out_dir, store, options)
    streams().err.write(f"dateline: {summary.format()}\n")
    return 0


ENGINE_COMMANDS: tuple[click.Command, ...] = (process, load)
