"""The batch function every engine runs in its workers: plain records in, plain results out.

A batch is a list of ``(seq, record)`` pairs, ``record`` a ``RawArticle`` or a reader's
``Failure``; its result is a list of ``(seq, Analysis | Failure)`` in the same order. Every
stage (structure, the model, entities, times, quotes, events) runs inside the worker, through
``Pipeline.analyze_many``; only frozen dataclasses cross the process boundary, never a spaCy
``Doc``. The model and the dictionaries load once per worker process (``init_worker``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import pipeline as _pipeline
from ..pipeline import Pipeline, Settings
from ..types import Analysis, Failure, RawArticle
from ._lifetime import bind_worker

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
    lexicons: tuple[str, ...] = ()
    event_model: bool = True  # the learned event model (Settings.event_model)
    # for tests of recovery only: a worker that finds this file exits at once, as a crashed
    # or killed worker would (the file says how many workers die; see crash_if_marked)
    crash_marker: str | None = None

    def pipeline(self) -> Pipeline:
        # looked up when called, so a stand-in for dateline.pipeline.Pipeline (tests) is seen
        # while it is in place, and only then
        settings = Settings(
            model=self.model, batch_size=self.batch_size, event_model=self.event_model
        )
        return _pipeline.Pipeline(
            settings=settings, dictionaries=self.dictionaries, lexicons=self.lexicons
        )


def analyze_batch(pipeline: Pipeline, records: Sequence[Record]) -> list[Result]:
    """Analyse records in order; a record that cannot be analysed becomes a ``Failure``."""
    return list(pipeline.analyze_many(records))


_WORKER: tuple[WorkerConfig, Pipeline] | None = None


def init_worker(config: WorkerConfig, parent: int | None = None) -> None:
    """Process initializer: build the pipeline and load the model once.

    ``parent``: the pid of the process that started the pool; this worker dies with it
    (killed, even with ``kill -9``) instead of waiting for its next batch (``_lifetime``).
    """
    global _WORKER
    if parent is not None:
        bind_worker(parent)
    pipeline = config.pipeline()
    pipeline.model  # noqa: B018  (load it now, not in the first batch)
    _WORKER = (config, pipeline)


def _worker() -> tuple[WorkerConfig, Pipeline]:
    if _WORKER is None:
        raise RuntimeError("init_worker was not called in this process")
    return _WORKER


def crash_if_marked(config: WorkerConfig) -> None:
    """The test hook of ``WorkerConfig.crash_marker``: the file holds how many more workers
    are to die (empty: one); each takes one off, the last deletes it."""
    marker = config.crash_marker
    if marker is None:
        return
    path = Path(marker)
    try:
        left = int(path.read_text("ascii").strip() or "1")
    except (FileNotFoundError, ValueError):
        return
    if left > 1:
        path.write_text(str(left - 1), "ascii")
    else:
        path.unlink(missing_ok=True)
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
