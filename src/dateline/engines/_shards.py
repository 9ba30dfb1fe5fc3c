"""Parquet shards: the results of ``dateline process``, and their loading into a store.

An output directory holds, per shard of ``shard_size`` consecutive input records:

- ``records-NNNNN.parquet``: ``seq``, the input ``record`` and its ``result`` (the
  ``dateline/1`` object or the failure) as JSON: what ``load`` replays into a store;
- ``<table>-NNNNN.parquet`` for the store's tables (articles, dropped, entities, mentions,
  times, quotes, events, event_actors, failures) with the store's column names and types, for
  reading with any Parquet tool (``run_id`` and the near-duplicate columns are set by ``load``);

and ``manifest.json``, rewritten (atomically) after each complete shard: a re-run over the
same inputs skips the shards it lists. ``load`` replays the shards through the store's own
``ingest`` (one writer; duplicates, near-duplicates, the ingest log and event groups as
there), so the store is exactly what ``dateline ingest`` makes of the same inputs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..corpus import TABLES, Batch, IngestOptions, IngestSummary, Store, ingest
from ..errors import ConfigError
from ..types import Analysis, Failure, Origin, RawArticle
from ._batch import Record, Result

__all__ = [
    "MANIFEST",
    "SHARD_TABLES",
    "Engine",
    "ProcessSummary",
    "load_shards",
    "open_manifest",
    "process",
    "read_manifest",
    "record_from_json",
    "record_to_json",
    "result_from_json",
    "result_to_json",
    "write_manifest",
    "write_shard",
]

MANIFEST = "manifest.json"
SHARD_TABLES = (
    "articles",
    "dropped",
    "entities",
    "mentions",
    "times",
    "quotes",
    "events",
    "event_actors",
    "failures",
)
FORMAT = "dateline-shards/1"


class Engine(Protocol):
    """What ``process`` runs: results of ``(seq, record)`` pairs, in input order."""

    def analyze_numbered(
        self, records: Iterable[tuple[int, Record]]
    ) -> Iterator[tuple[int, Result]]: ...


# ------------------------------------------------------------------ records as JSON


def record_to_json(record: Record) -> str:
    kind = "failure" if isinstance(record, Failure) else "article"
    return json.dumps({"kind": kind, **asdict(record)}, ensure_ascii=False)


def record_from_json(text: str) -> Record:
    data = json.loads(text)
    kind = data.pop("kind")
    origin = Origin(**data.pop("origin"))
    if kind == "failure":
        return Failure(origin, data["code"], data["message"])
    data["warnings"] = tuple(data.get("warnings", ()))
    return RawArticle(origin=origin, **data)


def result_to_json(result: Result) -> str:
    if isinstance(result, Failure):
        return record_to_json(result)
    return json.dumps(result.to_dict(), ensure_ascii=False)


def result_from_json(text: str) -> Result:
    data = json.loads(text)
    if data.get("kind") == "failure":
        return Failure(Origin(**data["origin"]), data["code"], data["message"])
    return Analysis.from_dict(data)


# ------------------------------------------------------------------ writing


class ProcessSummary:
    def __init__(self, written: int, skipped: int, records: int, failed: int):
        self.written = written  # shards written by this run
        self.skipped = skipped  # shards complete from an earlier run
        self.records = records  # records analysed by this run
        self.failed = failed  # of which failed

    def format(self) -> str:
        return (
            f"wrote {self.written} shard(s) ({self.records} records, {self.failed} failed), "
            f"skipped {self.skipped} complete shard(s)"
        )


def read_manifest(out_dir: Path) -> dict[str, Any]:
    path = out_dir / MANIFEST
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    if data.get("format") != FORMAT:
        raise ConfigError(f"{path}: not a manifest of dateline shards")
    return data


def open_manifest(out: Path, inputs: Sequence[str], shard_size: int) -> dict[str, Any]:
    """The manifest of ``out`` (created with the directory when new), checked to be one of
    the same inputs and shard size."""
    out.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(out)
    if manifest:
        if manifest["inputs"] != list(inputs) or manifest["shard_size"] != shard_size:
            raise ConfigError(
                f"{out}: holds shards of other inputs or another shard size",
                hint="give the same inputs and --shard-size, or a new output directory",
            )
        return manifest
    return {
        "format": FORMAT,
        "inputs": list(inputs),
        "shard_size": shard_size,
        "model": None,
        "shards": {},
    }


def write_manifest(out_dir: Path, manifest: dict[str, Any]) -> None:
    tmp = out_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    os.replace(tmp, out_dir / MANIFEST)


def process(
    records: Iterable[Record],
    out_dir: str | os.PathLike[str],
    engine: Engine,
    *,
    inputs: Sequence[str],
    shard_size: int = 500,
) -> ProcessSummary:
    """Analyse ``records`` with ``engine`` into Parquet shards in ``out_dir``."""
    out = Path(out_dir)
    manifest = open_manifest(out, inputs, shard_size)
    done: dict[str, Any] = manifest["shards"]
    skipped = {int(k) for k in done}
    pending = (
        (seq, record) for seq, record in enumerate(records) if seq // shard_size not in skipped
    )
    written = analysed = failed = 0
    shard: list[tuple[int, Record, Result]] = []
    current: int | None = None
    originals: dict[int, Record] = {}

    def remember() -> Iterator[tuple[int, Record]]:
        for seq, record in pending:
            originals[seq] = record
            yield seq, record

    def flush() -> None:
        nonlocal written
        assert current is not None
        if manifest["model"] is None:
            manifest["model"] = next(
                (r.model for _, _, r in shard if isinstance(r, Analysis)), None
            )
        done[f"{current:05d}"] = write_shard(out, current, shard)
        write_manifest(out, manifest)
        written += 1

    for seq, result in engine.analyze_numbered(remember()):
        index = seq // shard_size
        if current is not None and index != current:
            flush()
            shard = []
        current = index
        shard.append((seq, originals.pop(seq), result))
        analysed += 1
        failed += isinstance(result, Failure)
    if shard:
        flush()
    return ProcessSummary(written, len(skipped), analysed, failed)


def write_shard(out: Path, index: int, shard: list[tuple[int, Record, Result]]) -> dict[str, Any]:
    """Write one shard's files (each atomically: a killed writer leaves no half file under
    its name) and return its manifest entry."""
    name = f"{index:05d}"
    records = pa.table(
        {
            "seq": pa.array([seq for seq, _, _ in shard], pa.int64()),
            "record": pa.array([record_to_json(r) for _, r, _ in shard], pa.string()),
            "result": pa.array([result_to_json(r) for _, _, r in shard], pa.string()),
        }
    )
    files = [f"records-{name}.parquet"]
    _write_table(records, out / files[0])
    batch = Batch()
    for _, _, result in shard:
        if isinstance(result, Failure):
            batch.add_failure(result, run_id=0)
        else:
            batch.add_article(result, run_id=0)
    for table, arrow in _flat_tables(batch).items():
        files.append(f"{table}-{name}.parquet")
        _write_table(arrow, out / files[-1])
    return {"records": len(shard), "first": shard[0][0], "files": files}


def _write_table(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def _flat_tables(batch: Batch) -> dict[str, pa.Table]:
    """The batch's rows as Arrow tables with the store's columns and types."""
    con = duckdb.connect()
    try:
        store = Store(con, Path(":memory:"), write=True)
        out: dict[str, pa.Table] = {}
        for table in SHARD_TABLES:
            columns = ", ".join(
                f'"{name}" {kind.replace(" PRIMARY KEY", "")}' for name, kind in TABLES[table]
            )
            con.execute(f"CREATE TABLE {table} ({columns})")
            store.insert(table, batch.tables.get(table, []))
            out[table] = con.sql(f"SELECT * FROM {table}").to_arrow_table()
        return out
    finally:
        con.close()


# ------------------------------------------------------------------ loading


class _Replay:
    """An analyser that hands back the results a shard holds for its records."""

    def __init__(self, model: str | None):
        self._model = model
        self.results: dict[int, Result] = {}

    @property
    def model(self) -> object:
        return _Named(self._model)

    def analyze_many(self, records: Iterable[Record]) -> Iterator[Result]:
        for record in records:
            yield self.results.pop(id(record))


class _Named:
    def __init__(self, name: str | None):
        self.name = name


def load_shards(
    out_dir: str | os.PathLike[str], store: Store, options: IngestOptions | None = None
) -> IngestSummary:
    """Load every complete shard of ``out_dir`` into ``store`` (its single writer)."""
    out = Path(out_dir)
    manifest = read_manifest(out)
    if not manifest:
        raise ConfigError(f"{out}: no {MANIFEST}: not an output directory of 'dateline process'")
    replay = _Replay(manifest["model"])
    opts = options or IngestOptions(sources=tuple(manifest["inputs"]))

    def records() -> Iterator[Record]:
        for name in sorted(manifest["shards"]):
            table = pq.read_table(out / f"records-{name}.parquet").to_pydict()
            for text, result in zip(table["record"], table["result"], strict=True):
                record = record_from_json(text)
                replay.results[id(record)] = result_from_json(result)
                yield record
                # resumed: the record was replayed, or skipped as already stored
                replay.results.pop(id(record), None)

    return ingest(records(), store, replay, opts)
