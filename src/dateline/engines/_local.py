"""The local engine: N worker processes on this machine, each running the whole pipeline.

The main process reads the records, cuts them into batches of consecutive records, hands
each batch to a worker (``_batch.run_batch``) and yields the results in input order, so the
output is exactly that of one worker. At most ``2 * workers`` batches are in flight, which
keeps memory bounded over any number of records. A worker that dies breaks the pool: a new
pool is started and the batches that were in flight are sent again, once; a batch whose
second try dies too comes back as one ``Failure`` per record, never as a crashed run.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from types import TracebackType

from ..errors import INTERNAL, ConfigError
from ..pipeline import Pipeline
from ..types import Failure, Origin, RawArticle
from ._batch import (
    Record,
    Result,
    WorkerConfig,
    analyze_batch,
    init_worker,
    run_batch,
    worker_model_name,
)

__all__ = ["START_METHOD", "WORKERS_VARIABLE", "LocalEngine", "ModelInfo", "default_workers"]

# how worker processes start: forkserver forks each from a clean server process that has
# imported dateline (and spaCy) once, so a worker starts fast and without the parent's state
START_METHOD = "forkserver"


WORKERS_VARIABLE = "DATELINE_WORKERS"


def default_workers() -> int:
    """Worker processes when none are asked for: ``DATELINE_WORKERS`` from the environment,
    else one per core this process may run on (measured: docs/guide/scale.md)."""
    setting = os.environ.get(WORKERS_VARIABLE, "").strip()
    if setting:
        try:
            return max(1, int(setting))
        except ValueError:
            raise ConfigError(
                f"{WORKERS_VARIABLE}={setting!r} is not a number of workers",
                hint="a whole number, at least 1",
            ) from None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, cores or 1)


@dataclass(frozen=True)
class ModelInfo:
    """The name of the model the workers run (what ``Store`` records per run)."""

    name: str | None


@dataclass
class _Batch:
    records: list[tuple[int, Record]]
    tries: int = 0
    future: Future[list[tuple[int, Result]]] | None = field(default=None, repr=False)


class LocalEngine:
    """Analyse records with ``workers`` processes; ``workers == 1`` runs in this process,
    and so does an input of a single batch while no pool is running (nothing to share)."""

    def __init__(self, config: WorkerConfig | None = None, workers: int = 1):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.config = config or WorkerConfig()
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._pipeline: Pipeline | None = None
        self._model: ModelInfo | None = None

    # -- lifecycle

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _start_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context(START_METHOD)
            context.set_forkserver_preload(["dateline.engines._batch"])
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=init_worker,
                initargs=(self.config, os.getpid()),
            )
        return self._pool

    def _restart_pool(self) -> ProcessPoolExecutor:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        return self._start_pool()

    @property
    def model(self) -> ModelInfo:
        """The workers' model (loads it: in this process for one worker, else in a worker)."""
        if self._model is None:
            if self.workers == 1:
                # a stand-in pipeline (tests) may have no model
                self._model = ModelInfo(getattr(self._local().model, "name", None))
            else:
                self._model = ModelInfo(self._start_pool().submit(worker_model_name).result())
        return self._model

    def _local(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = self.config.pipeline()
        return self._pipeline

    # -- analysis

    def analyze_many(self, records: Iterable[Record]) -> Iterator[Result]:
        """Analyse a stream of records; results come in input order."""
        for _, result in self.analyze_numbered(enumerate(records)):
            yield result

    def analyze_numbered(
        self, records: Iterable[tuple[int, Record]]
    ) -> Iterator[tuple[int, Result]]:
        """Like ``analyze_many`` for ``(seq, record)`` pairs; yields ``(seq, result)``."""
        batches = _batches(records, self.config.batch_size)
        first = next(batches, None)
        if first is None:
            return
        second = None if self.workers == 1 else next(batches, None)
        if second is None and self._pool is None:
            # one worker, or an input of one batch: nothing to share, so no pool to start
            pipeline = self._local()
            for batch in itertools.chain([first], batches):
                results = analyze_batch(pipeline, [r for _, r in batch])
                yield from zip((seq for seq, _ in batch), results, strict=True)
            return
        rest = [first] if second is None else [first, second]
        yield from self._parallel(itertools.chain(rest, batches))

    def _parallel(
        self, batches: Iterator[list[tuple[int, Record]]]
    ) -> Iterator[tuple[int, Result]]:
        pool = self._start_pool()
        window: deque[_Batch] = deque()
        limit = 2 * self.workers
        exhausted = False
        while True:
            while not exhausted and len(window) < limit:
                records = next(batches, None)
                if records is None:
                    exhausted = True
                    break
                item = _Batch(records)
                item.future = pool.submit(run_batch, records)
                window.append(item)
            if not window:
                return
            head = window[0]
            assert head.future is not None
            try:
                results = head.future.result()
            except BrokenProcessPool:
                pool = self._recover(window)
                continue
            window.popleft()
            yield from results

    def _recover(self, window: deque[_Batch]) -> ProcessPoolExecutor:
        """A worker died: a new pool, and every batch in flight sent again (once)."""
        pool = self._restart_pool()
        for item in list(window):
            future = item.future
            if future is not None and future.done() and future.exception() is None:
                continue  # finished before the pool broke: its results stand
            item.tries += 1
            if item.tries > 1:
                item.future = _failed(item.records)
            else:
                item.future = pool.submit(run_batch, item.records)
        return pool


def _batches(
    records: Iterable[tuple[int, Record]], size: int
) -> Iterator[list[tuple[int, Record]]]:
    batch: list[tuple[int, Record]] = []
    for pair in records:
        batch.append(pair)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _failed(records: list[tuple[int, Record]]) -> Future[list[tuple[int, Result]]]:
    """A finished future holding one Failure per record of a batch whose workers died."""
    future: Future[list[tuple[int, Result]]] = Future()
    out: list[tuple[int, Result]] = []
    for seq, record in records:
        if isinstance(record, Failure):
            out.append((seq, record))
        else:
            origin = record.origin if isinstance(record, RawArticle) else Origin()
            message = "internal error: the worker analysing this article died twice"
            out.append((seq, Failure(origin, INTERNAL, message)))
    future.set_result(out)
    return future
