"""The local engine: N worker processes give exactly the results of one, in input order; a
worker that dies is replaced and its batch retried; failures are results, not crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.engines import LocalEngine, WorkerConfig
from dateline.errors import BAD_RECORD, NO_TEXT
from dateline.io import read_inputs
from dateline.types import Analysis, Failure, Origin, RawArticle

CORPUS = Path(__file__).resolve().parents[1] / "src/dateline/data/corpus/wikinews.jsonl"


def small_corpus(n: int = 12) -> list[RawArticle | Failure]:
    """n Wikinews articles, an empty one and a reader's failure among them."""
    records = list(read_inputs([str(CORPUS)]))[:n]
    records.insert(3, RawArticle(origin=Origin(path="empty", line=1), text="   "))
    records.insert(7, Failure(Origin(path="bad.jsonl", line=2), BAD_RECORD, "not JSON"))
    return records


def plain(results: list[Analysis | Failure]) -> list[object]:
    return [r.to_dict() if isinstance(r, Analysis) else r for r in results]


@pytest.fixture(scope="module")
def one_worker() -> list[Analysis | Failure]:
    with LocalEngine(WorkerConfig(batch_size=4), workers=1) as engine:
        return list(engine.analyze_many(small_corpus()))


def test_one_worker_keeps_order_and_turns_bad_records_into_failures(
    one_worker: list[Analysis | Failure],
) -> None:
    records = small_corpus()
    assert len(one_worker) == len(records)
    for record, result in zip(records, one_worker, strict=True):
        assert result.origin == record.origin
    assert isinstance(one_worker[3], Failure) and one_worker[3].code == NO_TEXT
    assert isinstance(one_worker[7], Failure) and one_worker[7].code == BAD_RECORD
    assert sum(isinstance(r, Analysis) for r in one_worker) == len(records) - 2


def test_two_workers_give_exactly_the_results_of_one(
    one_worker: list[Analysis | Failure],
) -> None:
    with LocalEngine(WorkerConfig(batch_size=2), workers=2) as engine:
        assert engine.model.name == one_worker[0].model  # type: ignore[union-attr]
        results = list(engine.analyze_many(small_corpus()))
    assert plain(results) == plain(one_worker)


def test_a_worker_that_dies_is_replaced_and_its_batch_retried(
    one_worker: list[Analysis | Failure], tmp_path: Path
) -> None:
    marker = tmp_path / "crash-once"
    marker.touch()
    config = WorkerConfig(batch_size=2, crash_marker=str(marker))
    with LocalEngine(config, workers=2) as engine:
        results = list(engine.analyze_many(small_corpus()))
    assert not marker.exists()  # a worker did die
    assert plain(results) == plain(one_worker)
