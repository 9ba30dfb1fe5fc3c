"""Engines: run the whole pipeline in worker processes (local) or on a Ray cluster, and
write Parquet shards of the results or load them into a store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._batch import Record, Result, WorkerConfig, analyze_batch, init_worker, run_batch
from ._local import START_METHOD, WORKERS_VARIABLE, LocalEngine, ModelInfo, default_workers
from ._settings import RaySettings, ShardSettings
from ._shards import MANIFEST, SHARD_TABLES, ProcessSummary, load_shards, process, read_manifest

if TYPE_CHECKING:
    from ._ray import RayEngine

__all__ = [
    "MANIFEST",
    "SHARD_TABLES",
    "START_METHOD",
    "WORKERS_VARIABLE",
    "LocalEngine",
    "ModelInfo",
    "ProcessSummary",
    "RaySettings",
    "Record",
    "Result",
    "ShardSettings",
    "WorkerConfig",
    "analyze_batch",
    "default_workers",
    "init_worker",
    "load_shards",
    "process",
    "ray_engine",
    "read_manifest",
    "run_batch",
]


def ray_engine(
    config: WorkerConfig | None = None, settings: RaySettings | None = None
) -> RayEngine:
    """A ``RayEngine`` (imported here only: Ray is an optional extra)."""
    from ._ray import RayEngine

    return RayEngine(config, settings)
