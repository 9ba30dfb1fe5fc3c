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
    # an actor that dies is replaced and its batch retried by Ray Data itself (its actor
    # pool defaults: max_restarts=-1, max_task_retries=-1; passing them is deprecated in 2.60)
    num_cpus: int | None = None  # CPUs of a local instance; None: all
