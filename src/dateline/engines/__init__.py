"""Engines: run the whole pipeline in worker processes (local) or on a Ray cluster, and
write or load Parquet shards of the results."""

from __future__ import annotations

from ._batch import Record, Result, WorkerConfig, analyze_batch, init_worker, run_batch
from ._local import START_METHOD, LocalEngine, ModelInfo, default_workers

__all__ = [
    "START_METHOD",
    "LocalEngine",
    "ModelInfo",
    "Record",
    "Result",
    "WorkerConfig",
    "analyze_batch",
    "default_workers",
    "init_worker",
    "run_batch",
]
