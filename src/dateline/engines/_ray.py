"""The Ray engine: the same batch function, in Ray Data actors, on one machine or a cluster.

``process_on_ray`` (what ``dateline process --engine ray`` runs): the driver streams the input
records into one ``pending/records-NNNNN.parquet`` file per shard that the manifest does not
list as complete (so it holds one shard's records at a time, never the corpus), then runs
Ray Data ``map_batches`` over the list of those files, one shard per call, on an actor pool
of ``ShardActor``. Each actor holds one pipeline (loaded once), reads its shard's records,
analyses them with ``run_batch`` and writes the shard's Parquet files itself (atomically);
only the shard's manifest entry goes back to the driver, which adds it to the manifest. On a
cluster, ``OUTPUT_DIR`` must therefore be a directory every node sees (a shared mount).

A killed actor is replaced by Ray Data and its shard retried. Each start of a shard is
counted in ``pending/records-NNNNN.attempts``: a shard whose first try and one retry both
died is written on its third start with every record a ``Failure`` (E090), so a record that
kills its worker costs its shard, never the run, and is never retried forever. A shard file
is whole or absent and is listed only once complete, so nothing is lost or duplicated; a
re-run skips the listed shards.

``RayEngine.analyze_numbered`` runs ``PipelineActor`` over records held by the driver and
yields the results in input order (for the Python API and ``bench/scale.py``). The results
come back pickled (as the local engine's do), not as JSON: decoding a result's JSON costs the
driver about 9 ms an article, unpickling it well under 1 ms. Each batch also reports when it
ran and when its actor had loaded its pipeline (``RayEngine.timings``), so a benchmark can
tell the actors' start-up from their steady rate. Ray is an optional extra:
``pip install 'dateline[ray]'``.
"""

from __future__ import annotations

import json
import logging
import math
import os
import pickle
import shutil
import socket
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import INTERNAL, NO_EXTRA, ConfigError
from ..types import Analysis, Failure, RawArticle
from ._batch import Record, Result, WorkerConfig, init_worker, run_batch
from ._settings import RaySettings
from ._shards import (
    ProcessSummary,
    open_manifest,
    record_from_json,
    record_to_json,
    write_manifest,
    write_shard,
)

__all__ = [
    "PENDING",
    "BatchTiming",
    "PipelineActor",
    "RayEngine",
    "ShardActor",
    "import_ray",
    "process_on_ray",
]

PENDING = "pending"  # the folder of OUTPUT_DIR holding the records of shards not yet written
TRIES = 2  # a shard is analysed at most twice: its first try and one retry

HINT = "pip install 'dateline[ray]'   (Ray 2.60 with Ray Data)"


def import_ray() -> ModuleType:
    """The ``ray`` module, or a coded error saying how to install it."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ConfigError(
            "the Ray engine needs Ray, which is not installed", hint=HINT, code=NO_EXTRA
        ) from exc
    return ray


@dataclass(frozen=True)
class BatchTiming:
    """One ``map_batches`` call of a ``PipelineActor``, in seconds since the epoch on the
    actor's node (``time.time()``; on one machine, the driver's clock too)."""

    actor: str  # "pid@host"
    ready: float  # when the actor had built its pipeline and loaded the model
    began: float
    ended: float
    articles: int


class PipelineActor:
    """A Ray Data actor: one pipeline per actor, loaded in ``__init__``."""

    def __init__(self, config: WorkerConfig):
        init_worker(config)
        self.name = f"{os.getpid()}@{socket.gethostname()}"
        self.ready = time.time()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        began = time.time()
        records = [
            (int(seq), pickle.loads(data))
            for seq, data in zip(batch["seq"], batch["record"], strict=True)
        ]
        results = run_batch(records)
        rows = len(results)
        out = [pickle.dumps(result, pickle.HIGHEST_PROTOCOL) for _, result in results]
        ended = time.time()
        return {
            "seq": [seq for seq, _ in results],
            "result": out,
            "actor": [self.name] * rows,
            "ready": [self.ready] * rows,
            "began": [began] * rows,
            "ended": [ended] * rows,
        }


class ShardActor:
    """A Ray Data actor that analyses whole shards and writes their files itself."""

    def __init__(self, config: WorkerConfig, out_dir: str):
        init_worker(config)
        self.config = config
        self.out = Path(out_dir)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        entries = [self.shard(int(index)) for index in batch["shard"]]
        return {"shard": list(batch["shard"]), "entry": [json.dumps(e) for e in entries]}

    def shard(self, index: int) -> dict[str, Any]:
        pending = _pending(self.out, index)
        records = [
            (int(seq), record_from_json(str(text)))
            for seq, text in zip(*pq.read_table(pending).to_pydict().values(), strict=True)
        ]
        if _count_attempt(pending) > TRIES:
            results = [(seq, _died(record)) for seq, record in records]
        else:
            results = []
            size = self.config.batch_size
            for start in range(0, len(records), size):
                results.extend(run_batch(records[start : start + size]))
        shard = [
            (seq, record, result)
            for (seq, record), (_, result) in zip(records, results, strict=True)
        ]
        entry = write_shard(self.out, index, shard)
        entry["model"] = next((r.model for _, r in results if isinstance(r, Analysis)), None)
        entry["failed"] = sum(isinstance(r, Failure) for _, r in results)
        return entry


def _pending(out: Path, index: int) -> Path:
    return out / PENDING / f"records-{index:05d}.parquet"


def _count_attempt(pending: Path) -> int:
    """Count this start of a shard (on disk: it survives the actor) and return the count."""
    counter = pending.with_suffix(".attempts")
    with counter.open("a", encoding="ascii") as handle:
        handle.write(".")
        handle.flush()
        os.fsync(handle.fileno())
    return counter.stat().st_size


def _died(record: Record) -> Result:
    if isinstance(record, Failure):
        return record
    assert isinstance(record, RawArticle)
    message = "internal error: the worker analysing this article died twice"
    return Failure(record.origin, INTERNAL, message)


def _spill(
    records: Iterable[Record], out: Path, shard_size: int, skip: set[int]
) -> Iterator[tuple[int, int]]:
    """Write each pending shard's records to ``pending/``; yields ``(shard, records)``."""
    folder = out / PENDING
    folder.mkdir(exist_ok=True)
    rows: list[tuple[int, str]] = []
    current = -1

    def flush() -> tuple[int, int]:
        table = pa.table(
            {
                "seq": pa.array([seq for seq, _ in rows], pa.int64()),
                "record": pa.array([text for _, text in rows], pa.string()),
            }
        )
        path = _pending(out, current)
        tmp = path.with_name(f".{path.name}.tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, path)
        path.with_suffix(".attempts").unlink(missing_ok=True)
        return current, len(rows)

    for seq, record in enumerate(records):
        index = seq // shard_size
        if index in skip:
            continue
        if rows and index != current:
            yield flush()
            rows = []
        current = index
        rows.append((seq, record_to_json(record)))
    if rows:
        yield flush()


def process_on_ray(
    engine: RayEngine,
    records: Iterable[Record],
    out_dir: str | os.PathLike[str],
    *,
    inputs: Sequence[str],
    shard_size: int = 500,
) -> ProcessSummary:
    """``dateline process --engine ray``: the actors write the shards (see the module)."""
    out = Path(out_dir).resolve()
    manifest = open_manifest(out, inputs, shard_size)
    done: dict[str, Any] = manifest["shards"]
    skip = {int(k) for k in done}
    pending = dict(_spill(records, out, shard_size, skip))
    written = analysed = failed = 0
    if pending:
        engine._init()
        ray = engine._ray
        s = engine.settings
        engine._context(preserve_order=False)
        ds = ray.data.from_items([{"shard": i} for i in sorted(pending)]).map_batches(
            ShardActor,
            fn_constructor_args=(engine.config, str(out)),
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=s.actors),
            num_cpus=s.cpus_per_actor,
        )
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            for index, text in zip(batch["shard"], batch["entry"], strict=True):
                key = f"{int(index):05d}"
                if key in done:
                    continue  # a repeated result of a retried shard: already listed
                entry = json.loads(str(text))
                if manifest["model"] is None:
                    manifest["model"] = entry.pop("model")
                entry.pop("model", None)
                failed += entry.pop("failed")
                analysed += entry["records"]
                done[key] = entry
                write_manifest(out, manifest)
                written += 1
                _pending(out, int(index)).unlink(missing_ok=True)
                _pending(out, int(index)).with_suffix(".attempts").unlink(missing_ok=True)
    if not any((out / PENDING).iterdir()):
        shutil.rmtree(out / PENDING)
    write_manifest(out, manifest)
    return ProcessSummary(written, len(skip), analysed, failed)


class RayEngine:
    """Analyse records on Ray; results in input order, as the local engine's."""

    def __init__(self, config: WorkerConfig | None = None, settings: RaySettings | None = None):
        self.settings = settings or RaySettings()
        self.config = config or WorkerConfig(batch_size=self.settings.batch_size)
        self.timings: list[BatchTiming] = []  # of the last analyze_numbered call
        self._ray = import_ray()

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def process(
        self,
        records: Iterable[Record],
        out_dir: str | os.PathLike[str],
        *,
        inputs: Sequence[str],
        shard_size: int = 500,
    ) -> ProcessSummary:
        """Analyse ``records`` into Parquet shards written by the actors themselves."""
        return process_on_ray(self, records, out_dir, inputs=inputs, shard_size=shard_size)

    def _init(self) -> None:
        ray = self._ray
        if ray.is_initialized():
            return
        s = self.settings
        kwargs: dict[str, Any] = {
            "address": s.address,
            "include_dashboard": False,
            "logging_level": logging.WARNING,
            "log_to_driver": False,
        }
        if s.address is None:
            kwargs["num_cpus"] = s.num_cpus
            kwargs["object_store_memory"] = s.object_store_memory
        ray.init(**kwargs)

    def analyze_many(self, records: Iterable[Record]) -> Iterator[Result]:
        for _, result in self.analyze_numbered(enumerate(records)):
            yield result

    def analyze_numbered(
        self, records: Iterable[tuple[int, Record]]
    ) -> Iterator[tuple[int, Result]]:
        """Results of ``(seq, record)`` pairs, in input order; ``timings`` then holds one
        ``BatchTiming`` per batch the actors ran."""
        originals: dict[int, Record] = {}
        expected: deque[int] = deque()
        items = []
        for seq, record in records:
            originals[seq] = record
            expected.append(seq)
            items.append({"seq": seq, "record": pickle.dumps(record, pickle.HIGHEST_PROTOCOL)})
        self.timings = []
        if not items:
            return
        self._init()
        ray = self._ray
        s = self.settings
        self._context(preserve_order=True)
        # one block per batch: Ray Data neither splits nor re-bundles blocks for map_batches
        blocks = math.ceil(len(items) / s.batch_size)
        ds = ray.data.from_items(items, override_num_blocks=blocks).map_batches(
            PipelineActor,
            fn_constructor_args=(self.config,),
            batch_size=s.batch_size,
            compute=ray.data.ActorPoolStrategy(size=s.actors),
            num_cpus=s.cpus_per_actor,
        )
        arrived: dict[int, Result] = {}
        seen: dict[tuple[str, float], BatchTiming] = {}
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            columns = ("seq", "result", "actor", "ready", "began", "ended")
            for seq, data, actor, ready, began, ended in zip(
                *(batch[c] for c in columns), strict=True
            ):
                n = int(seq)
                if n in originals and n not in arrived:
                    arrived[n] = pickle.loads(data)
                key = (str(actor), float(began))
                old = seen.get(key)
                seen[key] = BatchTiming(
                    str(actor),
                    float(ready),
                    float(began),
                    float(ended),
                    1 if old is None else old.articles + 1,
                )
            while expected and expected[0] in arrived:
                n = expected.popleft()
                originals.pop(n)
                yield n, arrived.pop(n)
        self.timings = sorted(seen.values(), key=lambda t: t.began)
        for n in expected:  # never came back: a failure, not a silent loss
            yield n, _lost(originals[n])

    def _context(self, *, preserve_order: bool) -> None:
        """Ray Data's settings for this engine's datasets (the process' current context)."""
        context = self._ray.data.DataContext.get_current()
        context.execution_options.preserve_order = preserve_order


def _lost(record: Record) -> Result:
    if isinstance(record, Failure):
        return record
    assert isinstance(record, RawArticle)
    return Failure(record.origin, INTERNAL, "internal error: no result came back from Ray")
