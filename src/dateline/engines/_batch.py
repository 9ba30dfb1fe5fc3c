"""The batch function every engine runs in its workers: plain records in, plain results out.

A batch is a list of ``(seq, record)`` pairs, ``record`` a ``RawArticle`` or a reader's
``Failure``; its result is a list of ``(seq, Analysis | Failure)`` in the same order. Every
stage (structure, the model, entities, times, quotes, events) runs inside the worker, through
``Pipeline.analyze_many``; only frozen dataclasses cross the process boundary, never a spaCy
``Doc``. The model and the dictionaries load once per worker process (``init_worker``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..pipeline import Pipeline, Settings
from ..types import Analysis, Failure, RawArticle

__all__ = [
    "Record",
    "Result",
    "WorkerConfig",
    "analyze_batch",
    "init_worker",
    "run_batch",
    "worker_model_name",
]

Record = RawArticle | Failure
Result = Analysis | Failure


@dataclass(frozen=True)
class WorkerConfig:
    """What a worker needs to build its pipeline (picklable: it is sent to every worker)."""

    model: str | None = None
    batch_size: int = 16  # nlp.pipe batch inside the worker
    dictionaries: tuple[str, ...] = ()
    event_model: bool = False  # the learned event model checks the rules' events
    # for tests of recovery only: a worker that finds this file deletes it and exits at once,
    # as a crashed or killed worker would
    crash_marker: str | None = None

    def pipeline(self) -> Pipeline:
        settings = Settings(
            model=self.model, batch_size=self.batch_size, event_model=self.event_model
        )
        return Pipeline(settings=settings, dictionaries=self.dictionaries)


def analyze_batch(pipeline: Pipeline, records: Sequence[Record]) -> list[Result]:
    """Analyse records in order; a record that cannot be analysed becomes a ``Failure``."""
    return list(pipeline.analyze_many(records))


_WORKER: tuple[WorkerConfig, Pipeline] | None = None


def init_worker(config: WorkerConfig, parent: int | None = None) -> None:
    """Process initializer: build the pipeline and load the model once.

    ``parent``: the pid of the process that started the pool; when it is gone (killed, even
    with ``kill -9``) this worker exits instead of waiting forever for its next batch.
    """
    global _WORKER
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    pipeline = config.pipeline()
    pipeline.model  # noqa: B018  (load it now, not in the first batch)
    _WORKER = (config, pipeline)


def _exit_with(parent: int) -> None:
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(75)
        except PermissionError:
            pass  # alive, under another user (a pid reused): keep going
        if _zombie(parent):  # killed, not yet reaped by its own parent: gone all the same
            os._exit(75)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            stat = handle.read()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def _worker() -> tuple[WorkerConfig, Pipeline]:
    if _WORKER is None:
        raise RuntimeError("init_worker was not called in this process")
    return _WORKER


def crash_if_marked(config: WorkerConfig) -> None:
    """The test hook of ``WorkerConfig.crash_marker``."""
    marker = config.crash_marker
    if marker is None:
        return
    try:
        Path(marker).unlink()
    except FileNotFoundError:
        return
    os._exit(70)


def run_batch(batch: Sequence[tuple[int, Record]]) -> list[tuple[int, Result]]:
    """The worker's entry point: one batch, analysed by this process' pipeline."""
    config, pipeline = _worker()
    crash_if_marked(config)
    results = analyze_batch(pipeline, [record for _, record in batch])
    return [(seq, result) for (seq, _), result in zip(batch, results, strict=True)]


def worker_model_name() -> str:
    """The name of the model this worker loaded (the store records it per run)."""
    return _worker()[1].model.name
