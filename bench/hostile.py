"""Benchmark of hostile input shapes: each stage's time and memory as the text grows.

    PYTHONPATH=src .venv/bin/python bench/hostile.py                  # 10k, 100k (~8 min)
    PYTHONPATH=src .venv/bin/python bench/hostile.py --sizes 100k,1M  # growth to 1M (long)
    PYTHONPATH=src .venv/bin/python bench/hostile.py --sizes 100k,1M --shapes relative,months

For each shape (below) and size, a forked child builds the text, runs the structure stage,
the model (``Pipeline.parse``: in windows past ``Settings.window_chars``) and each dateline
component on the one Doc, timing each, and reports its peak memory over what it started
with (``ru_maxrss``). The model's tokenizer alone (spaCy's, in ``nlp.BoundedTokenizer``)
runs first on the same text in the same child. ``--stages`` times only some stages (the
structure stage always runs; a component runs when it or a later one is asked for). The
table gives seconds per stage; the summary the growth ratio 100k -> 1M per stage (10 is
linear for 100k -> 1M; the aim is <= 20, within 2x of linear) and the peak memory per 100k
characters. A child that passes ``--timeout`` seconds is stopped and reported so.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _texts import numbered_news
from dateline import structure
from dateline._invariants import unexpected
from dateline.pipeline import STAGES, Pipeline, Settings, analysis_from_doc
from dateline.types import Origin, RawArticle

STAGE_NAMES = [
    "tokenizer",
    "structure",
    "model",
    "entities",
    "time",
    "quotes",
    "events",
    "places",
]
_COMPONENT = {
    "entities": "dateline_entities",
    "time": "dateline_times",
    "quotes": "dateline_quotes",
    "events": "dateline_events",
    "places": "dateline_event_places",
}
assert set(_COMPONENT.values()) == set(STAGES)

_WORDS = [
    "the",
    "minister",
    "said",
    "that",
    "officials",
    "in",
    "the",
    "capital",
    "met",
    "with",
    "delegates",
    "from",
    "several",
    "countries",
    "while",
    "protesters",
    "gathered",
    "outside",
    "and",
    "police",
    "watched",
    "as",
    "talks",
    "continued",
]


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _latin1(n: int) -> str:
    rng = random.Random(16)
    return "".join(chr(rng.randrange(0x20, 0x100)) for _ in range(n))


def _sentence(n: int) -> str:
    rng = random.Random(16)
    words: list[str] = []
    size = 0
    while size < n:
        w = rng.choice(_WORDS)
        words.append(w)
        size += len(w) + 1
    return ("The report says " + " ".join(words))[: n - 1] + "."


SHAPES: dict[str, Callable[[int], str]] = {
    "quotes": lambda n: _repeat('"', n),
    "possessive": lambda n: ("a" + _repeat("'s", n))[:n],
    "relative": lambda n: _repeat("two days ago ", n),
    "months": lambda n: _repeat(
        "January February March April May June July August September October November December ",
        n,
    ),
    "according": lambda n: _repeat("according to the report of the ministry ", n),
    "latin1": _latin1,
    "sentence": _sentence,
    "news": numbered_news,
}


def _size(text: str) -> int:
    text = text.strip().lower()
    for suffix, factor in (("m", 1_000_000), ("k", 1_000)):
        if text.endswith(suffix):
            return int(float(text[: -len(suffix)]) * factor)
    return int(text)


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


BASELINE_SECONDS = 60


def _too_slow(signum: int, frame: object) -> None:
    raise TimeoutError


def _measure(
    pipeline: Pipeline, shape: str, n: int, stages: frozenset[str] = frozenset(STAGE_NAMES)
) -> dict[str, Any]:
    """One shape at one size, in this (child) process: seconds per stage, peak memory.

    Only ``stages`` are timed; the structure stage always runs, and the model and each
    component run when they or a later component are asked for (they depend on them).
    """
    text = SHAPES[shape](n)
    nlp = pipeline.model.nlp
    start_rss = _rss_kb()
    times: dict[str, float] = {}
    tokens = 0
    if "tokenizer" in stages:
        t = time.perf_counter()
        signal.signal(signal.SIGALRM, _too_slow)
        signal.alarm(BASELINE_SECONDS)  # spaCy's own tokenizer was quadratic on some shapes
        try:
            for a in range(0, len(text), 500_000):  # the tokenizer has the same length limit
                tokens += len(nlp.tokenizer(text[a : a + 500_000]))
            times["tokenizer"] = time.perf_counter() - t
        except TimeoutError:
            times["tokenizer"] = -1.0  # stopped: over BASELINE_SECONDS
        finally:
            signal.alarm(0)
    t = time.perf_counter()
    article = structure.build_article(RawArticle(origin=Origin(), text=text))
    times["structure"] = time.perf_counter() - t
    later = STAGE_NAMES[STAGE_NAMES.index("model") :]
    problems: list[str] = []
    if stages & set(later):
        t = time.perf_counter()
        doc = pipeline.parse(article.text)
        times["model"] = time.perf_counter() - t
        doc._.article = article
        needed = [s for s in _COMPONENT if stages & set(later[later.index(s) :])]
        for stage in needed:
            t = time.perf_counter()
            component = nlp.get_pipe(_COMPONENT[stage])
            component.annotate(doc, article)
            times[stage] = time.perf_counter() - t
        if len(needed) == len(_COMPONENT):
            # the invariants of the result (after the measure: not timed)
            problems = unexpected(analysis_from_doc(doc, pipeline.model.name))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "shape": shape,
        "chars": len(text),
        "tokens": tokens,
        "seconds": {s: v for s, v in times.items() if s in stages},
        "peak_mb": max(0, peak - start_rss) / 1024,
        "problems": problems[:5],
        "n_problems": len(problems),
    }


def _run_forked(
    pipeline: Pipeline, shape: str, n: int, timeout: float, stages: frozenset[str]
) -> dict[str, Any]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        try:
            result = _measure(pipeline, shape, n, stages)
        except BaseException as exc:  # report any failure to the parent
            result = {"shape": shape, "chars": n, "error": f"{type(exc).__name__}: {exc}"}
        with os.fdopen(write_fd, "w") as f:
            json.dump(result, f)
        os._exit(0)
    os.close(write_fd)
    deadline = time.monotonic() + timeout
    while True:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read_fd)
            return {"shape": shape, "chars": n, "error": f"timeout after {timeout:g} s"}
        time.sleep(0.05)
    with os.fdopen(read_fd) as f:
        data = f.read()
    return json.loads(data) if data else {"shape": shape, "chars": n, "error": "no result"}


def _cell(seconds: float | None) -> str:
    if seconds is None:
        return f"{'-':>10}"
    return f"{seconds:>10.3f}" if seconds >= 0 else f"{'>' + str(BASELINE_SECONDS) + 's':>10}"


def _report(results: list[dict[str, Any]], sizes: list[int]) -> None:
    head = f"{'shape':<10} {'chars':>9} " + " ".join(f"{s:>10}" for s in STAGE_NAMES)
    print(head + f" {'peak MB':>8}")
    for r in results:
        if "error" in r:
            print(f"{r['shape']:<10} {r['chars']:>9} {r['error']}")
            continue
        cells = " ".join(_cell(r["seconds"].get(s)) for s in STAGE_NAMES)
        print(f"{r['shape']:<10} {r['chars']:>9} {cells} {r['peak_mb']:>8.0f}")
        for problem in r["problems"]:
            print(f"  invariant broken ({r['n_problems']} in all): {problem}")
    if len(sizes) < 2:
        return
    small, large = sizes[-2], sizes[-1]
    linear = large / small
    print(
        f"\ngrowth {small:,} -> {large:,} characters per stage (linear = {linear:g}, "
        f"aim <= {2 * linear:g}); peak MB per 100k characters at {large:,}"
    )
    print(f"{'shape':<10} " + " ".join(f"{s:>10}" for s in STAGE_NAMES) + f" {'MB/100k':>8}")
    by_key = {(r["shape"], r["chars"]): r for r in results if "error" not in r}
    worst = 0.0
    for shape in dict.fromkeys(r["shape"] for r in results):
        a = by_key.get((shape, small))
        b = by_key.get((shape, large))
        if a is None or b is None:
            print(f"{shape:<10} (a size failed)")
            continue
        cells = ""
        for s in STAGE_NAMES:
            if s not in a["seconds"] or s not in b["seconds"]:
                cells += f" {'-':>10}"
                continue
            if a["seconds"][s] < 0 or b["seconds"][s] < 0:
                cells += f" {'stopped':>10}"
                continue
            # below 10 ms a stage's time is noise: floor both at 10 ms
            ratio = max(b["seconds"][s], 0.01) / max(a["seconds"][s], 0.01)
            cells += f" {ratio:>10.1f}"
            worst = max(worst, ratio)
        cells = cells[1:]
        print(f"{shape:<10} {cells} {b['peak_mb'] * 100_000 / b['chars']:>8.1f}")
    verdict = "within" if worst <= 2 * linear else "NOT within"
    print(f"\nworst stage growth {worst:.1f}: {verdict} 2x of linear ({2 * linear:g})")
    broken = sum(r.get("n_problems", 0) for r in results)
    print(f"invariants: {broken} problems in {len(results)} results")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated sizes")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    parser.add_argument(
        "--stages",
        default=",".join(STAGE_NAMES),
        help="comma-separated stages to time (the ones they depend on run untimed)",
    )
    parser.add_argument("--model", default=None, help="the spaCy model setting")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per case")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    sizes = [_size(s) for s in args.sizes.split(",")]
    shapes = [s.strip() for s in args.shapes.split(",")]
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shape(s) {unknown}; known: {', '.join(SHAPES)}")
    stages = frozenset(s.strip() for s in args.stages.split(","))
    if not stages <= set(STAGE_NAMES):
        parser.error(f"unknown stage(s) {sorted(stages - set(STAGE_NAMES))}")
    pipeline = Pipeline(settings=Settings(model=args.model, time_budget=0, memory_budget_mb=0))
    print(f"model {pipeline.model.name}", file=sys.stderr)
    # load every stage's data in the parent (each shape, small), so the children measure
    # the work alone
    warm = [RawArticle(origin=Origin(), text=make(3_000)) for make in SHAPES.values()]
    list(pipeline.analyze_many(warm))
    results = []
    for shape in shapes:
        for n in sizes:
            result = _run_forked(pipeline, shape, n, args.timeout, stages)
            print(json.dumps(result), file=sys.stderr, flush=True)
            results.append(result)
    _report(results, sizes)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
