"""CPU time of the whole analysis next to a bare spaCy pass, in one process.

    python bench/cpu.py [--articles 40] [--model md]

Wall-clock rates on a shared machine follow its load; user CPU time of this process does
much less. Both passes run over the same bundled Wikinews articles, after the model and
every dictionary are loaded (one warm-up article), so the figures compare the work itself:
``nlp.pipe`` alone, then ``Pipeline.analyze_many``. To compare two trees, run the script of
each (``PYTHONPATH=<tree>/src``) back to back.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Callable
from pathlib import Path

from dateline.pipeline import Pipeline, Settings
from dateline.types import Origin, RawArticle

SAMPLE = Path(__file__).resolve().parent.parent / "src/dateline/data/corpus/wikinews.jsonl"


def _cpu(work: Callable[[], int]) -> tuple[int, float, float]:
    before, start = resource.getrusage(resource.RUSAGE_SELF).ru_utime, time.perf_counter()
    count = work()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    return count, after - before, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--model", default="md")
    parser.add_argument("--event-model", action="store_true", help="the learned event model on")
    args = parser.parse_args()
    rows = [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines() if line.strip()]
    rows = rows[: args.articles]
    pipeline = Pipeline(settings=Settings(model=args.model, event_model=args.event_model))
    warm = RawArticle(origin=Origin(), text="Talks in Paris on Monday.", published="2020-01-01")
    list(pipeline.analyze_many([warm]))
    texts = [row["text"] for row in rows]
    records = [
        RawArticle(origin=Origin(), text=row["text"], published=(row.get("published") or "")[:10])
        for row in rows
    ]
    n, bare_cpu, bare_wall = _cpu(lambda: sum(1 for _ in pipeline.model.nlp.pipe(texts)))
    m, full_cpu, full_wall = _cpu(lambda: sum(1 for _ in pipeline.analyze_many(records)))
    print(f"articles: {n}, model {pipeline.model.name}")
    print(f"bare spaCy nlp.pipe:   {bare_cpu:6.1f} s CPU ({bare_wall:.1f} s wall)")
    print(
        f"dateline analyze_many: {full_cpu:6.1f} s CPU ({full_wall:.1f} s wall), "
        f"{full_cpu / bare_cpu:.2f}x the bare pass"
    )
    assert m == n


if __name__ == "__main__":
    main()
