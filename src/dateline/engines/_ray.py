"""The Ray engine: the same batch function, in Ray Data actors, on one machine or a cluster.

Records become a Ray dataset of ``(seq, record JSON)`` rows; ``map_batches`` runs them
through an actor pool of ``PipelineActor`` (each holds one pipeline, loaded once); the results
stream back in input order (``preserve_order``) and are checked against the input: a record
whose result never came back becomes a ``Failure`` and a repeated one is dropped, so nothing
is lost or duplicated. Ray is an optional extra: ``pip install 'dateline[ray]'``.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any

from ..errors import INTERNAL, NO_EXTRA, ConfigError
from ..types import Failure, RawArticle
from ._batch import Record, Result, WorkerConfig, init_worker, run_batch
from ._settings import RaySettings
from ._shards import record_from_json, record_to_json, result_from_json, result_to_json

__all__ = ["PipelineActor", "RayEngine", "import_ray"]

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


class PipelineActor:
    """A Ray Data actor: one pipeline per actor, loaded in ``__init__``."""

    def __init__(self, config: WorkerConfig):
        init_worker(config)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        records = [
            (int(seq), record_from_json(str(text)))
            for seq, text in zip(batch["seq"], batch["record"], strict=True)
        ]
        results = run_batch(records)
        return {
            "seq": [seq for seq, _ in results],
            "result": [result_to_json(result) for _, result in results],
        }


class RayEngine:
    """Analyse records on Ray; results in input order, as the local engine's."""

    def __init__(self, config: WorkerConfig | None = None, settings: RaySettings | None = None):
        self.settings = settings or RaySettings()
        self.config = config or WorkerConfig(batch_size=self.settings.batch_size)
        self._ray = import_ray()

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

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
        """Results of ``(seq, record)`` pairs, in input order."""
        originals: dict[int, Record] = {}
        expected: deque[int] = deque()
        items = []
        for seq, record in records:
            originals[seq] = record
            expected.append(seq)
            items.append({"seq": seq, "record": record_to_json(record)})
        if not items:
            return
        self._init()
        ray = self._ray
        s = self.settings
        ray.data.DataContext.get_current().execution_options.preserve_order = True
        ds = ray.data.from_items(items).map_batches(
            PipelineActor,
            fn_constructor_args=(self.config,),
            batch_size=s.batch_size,
            compute=ray.data.ActorPoolStrategy(size=s.actors),
            num_cpus=s.cpus_per_actor,
        )
        arrived: dict[int, Result] = {}
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            for seq, text in zip(batch["seq"], batch["result"], strict=True):
                n = int(seq)
                if n in originals and n not in arrived:
                    arrived[n] = result_from_json(str(text))
            while expected and expected[0] in arrived:
                n = expected.popleft()
                originals.pop(n)
                yield n, arrived.pop(n)
        for n in expected:  # never came back: a failure, not a silent loss
            yield n, _lost(originals[n])


def _lost(record: Record) -> Result:
    if isinstance(record, Failure):
        return record
    assert isinstance(record, RawArticle)
    return Failure(record.origin, INTERNAL, "internal error: no result came back from Ray")
