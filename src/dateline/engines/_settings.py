"""The knobs of the engines, in one place (the Ray ones are for Ray 2.60)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RaySettings", "ShardSettings"]


@dataclass(frozen=True)
class ShardSettings:
    shard_size: int = 500  # input records per Parquet shard (the unit a re-run skips)


@dataclass(frozen=True)
class RaySettings:
    """How the Ray engine runs: ``ray.init`` and Ray Data ``map_batches`` arguments."""

    address: str | None = None  # "auto", "ray://head:10001", ...; None starts a local Ray
    actors: int = 2  # actor pool size: one pipeline (model + dictionaries) per actor
    batch_size: int = 16  # records per map_batches call (and per nlp.pipe batch)
    cpus_per_actor: float = 1.0
    object_store_memory: int | None = None  # bytes, for a local instance; None: Ray's default
    max_restarts: int = 1  # an actor that dies is replaced this many times
    max_task_retries: int = 1  # and the batch it held is retried this many times
    num_cpus: int | None = None  # CPUs of a local instance; None: all
