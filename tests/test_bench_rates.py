"""The arithmetic of bench/scale.py: steady and end-to-end rates timed alike for every
engine, the actors' own-clock rate, and memory per quarter by medians."""

from __future__ import annotations

import pytest
from bench._rates import actor_clock_rate, is_flat, quarter_medians, rates


def test_steady_rate_leaves_out_the_warm_up_and_end_to_end_keeps_it() -> None:
    # 10 s of start-up, then a result every 0.5 s: 4 warm-up results, 20 in all
    arrivals = [10.0 + 0.5 * i for i in range(20)]
    got = rates(arrivals, warm=4)
    assert got.articles == 20
    assert got.steady_articles == 16
    assert got.steady_seconds == pytest.approx(8.0)  # from result 4 (11.5 s) to 19.5 s
    assert got.steady_rate == pytest.approx(2.0)
    assert got.rate == pytest.approx(20 / 19.5)
    assert got.first_result == 10.0


def test_no_warm_up_times_from_the_start() -> None:
    assert rates([1.0, 2.0], warm=0).steady_rate == pytest.approx(1.0)


def test_too_few_results_for_the_warm_up_is_an_error() -> None:
    with pytest.raises(ValueError):
        rates([1.0, 2.0], warm=2)


@pytest.mark.parametrize(
    ("batches", "end", "expected"),
    [
        # two actors, batches of 10 articles taking 5 s; the second actor starts 3 s late:
        # the window opens at 8 s (its first batch done) and the first actor's batch
        # running 5-10 s counts for 2/5 of its articles
        ([("a", 0, 5, 10), ("a", 5, 10, 10), ("b", 3, 8, 10), ("b", 8, 13, 10)], 13, 14 / 5),
        # one actor: the window opens after its first batch
        ([("a", 0, 2, 4), ("a", 2, 4, 4), ("a", 4, 6, 4)], 6, 2.0),
    ],
)
def test_actor_clock_rate(
    batches: list[tuple[str, float, float, int]], end: float, expected: float
) -> None:
    assert actor_clock_rate(batches, end) == pytest.approx(expected)


def test_actor_clock_rate_needs_a_window() -> None:
    with pytest.raises(ValueError):
        actor_clock_rate([("a", 0, 5, 10)], 5)


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        ([1, 2, 3, 4], [1, 2, 3, 4]),
        # one high sample per quarter does not move its median
        ([500, 900, 500, 500, 510, 500, 900, 510, 500, 520, 500, 900], [500, 500, 510, 520]),
        ([100, 300, 200, 400, 500, 600, 700, 800], [200, 300, 550, 750]),
    ],
)
def test_quarter_medians(series: list[int], expected: list[int]) -> None:
    assert quarter_medians(series) == expected


def test_quarter_medians_need_four_samples() -> None:
    with pytest.raises(ValueError):
        quarter_medians([1, 2, 3])


@pytest.mark.parametrize(
    ("quarters", "flat"),
    [([500, 520, 530, 550], True), ([500, 520, 530, 551], False), ([600, 500, 500, 400], True)],
)
def test_is_flat(quarters: list[int], flat: bool) -> None:
    assert is_flat(quarters) is flat


# a process table as bench/scale.py reads it from /proc: pid -> (parent pid, command line)
PROCS = {
    10: (1, "python -c child"),  # the run's root (the driver)
    11: (10, "python -B -c from multiprocessing.forkserver import main"),
    12: (11, "python -B -c from multiprocessing.forkserver import main"),  # a local worker
    13: (11, "python -B -c from multiprocessing.forkserver import main"),  # a local worker
    14: (10, "ray/core/src/ray/gcs/gcs_server"),
    15: (10, "ray/core/src/ray/raylet/raylet"),
    16: (15, "ray::MapWorker(MapBatches(PipelineActor))"),
    20: (1, "ray::MapWorker(MapBatches(PipelineActor))"),  # another run's actor
}


@pytest.mark.parametrize(
    ("kind", "workers", "expected"),
    [
        ("bare", 1, [10]),
        ("local", 1, [10]),
        ("local", 2, [12, 13]),
        ("ray", 2, [16, 20]),  # every actor: the caller keeps those of its tree
    ],
)
def test_workers_of(kind: str, workers: int, expected: list[int]) -> None:
    from bench.scale import workers_of

    assert sorted(workers_of(kind, workers, 10, PROCS)) == expected


def test_tree_of_holds_the_descendants_only() -> None:
    from bench.scale import tree_of

    assert tree_of(10, PROCS) == {10, 11, 12, 13, 14, 15, 16}
