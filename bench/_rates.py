"""The arithmetic of ``bench/scale.py``: rates from result times, and memory per quarter.

Every engine is timed the same way, in one call over the whole corpus:

- **end to end**: all articles over the time from before the engine starts (pool start and
  model loads included; for Ray, after ``ray.init``, which is reported apart) to the last
  result;
- **steady state**: the articles after the first ``batch * workers`` results over the time from
  when those came back to the last result: every worker has loaded its model and finished a
  batch by then, so start-up is left out, for every engine alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

__all__ = [
    "FLAT",
    "Rates",
    "actor_clock_rate",
    "is_flat",
    "quarter_medians",
    "rates",
]

FLAT = 1.10  # flat memory: the last quarter's median RSS within 10% of the first quarter's


@dataclass(frozen=True)
class Rates:
    articles: int
    seconds: float  # end to end
    rate: float  # end to end, articles/s
    first_result: float  # seconds from the start to the first result
    steady_articles: int
    steady_seconds: float
    steady_rate: float


def rates(arrivals: Sequence[float], warm: int) -> Rates:
    """``arrivals``: seconds from the start at which each result came back, in order;
    ``warm``: results left out of the steady state (``batch * workers``)."""
    if len(arrivals) <= warm:
        raise ValueError(f"{len(arrivals)} results: too few for a warm-up of {warm}")
    end = arrivals[-1]
    steady_articles = len(arrivals) - warm
    steady_seconds = end - arrivals[warm - 1] if warm else end
    return Rates(
        articles=len(arrivals),
        seconds=end,
        rate=len(arrivals) / end,
        first_result=arrivals[0],
        steady_articles=steady_articles,
        steady_seconds=steady_seconds,
        steady_rate=steady_articles / steady_seconds,
    )


def actor_clock_rate(batches: Sequence[tuple[str, float, float, int]], end: float) -> float:
    """The steady rate by the actors' own clocks: ``(actor, began, ended, articles)`` per
    batch; the window opens when every actor has finished its first batch and closes at
    ``end``; a batch partly inside it counts for the part of its time inside."""
    first: dict[str, float] = {}
    for actor, _, ended, _ in sorted(batches, key=lambda b: b[1]):
        first.setdefault(actor, ended)
    start = max(first.values())
    if end <= start:
        raise ValueError("the window closes before every actor has finished a batch")
    counted = 0.0
    for _, began, ended, articles in batches:
        inside = min(ended, end) - max(began, start)
        if inside > 0:
            counted += articles * inside / (ended - began)
    return counted / (end - start)


def quarter_medians(series: Sequence[int]) -> list[int]:
    """The median of the samples in each quarter of a series (one sample is noise: a
    worker's RSS swings by a few hundred MB from batch to batch)."""
    if len(series) < 4:
        raise ValueError("fewer than 4 samples")
    bounds = [len(series) * q // 4 for q in range(5)]
    return [round(median(series[bounds[q] : bounds[q + 1]])) for q in range(4)]


def is_flat(quarters: Sequence[int]) -> bool:
    """The memory does not grow over the run: last quarter's median within ``FLAT``."""
    return quarters[3] <= quarters[0] * FLAT
