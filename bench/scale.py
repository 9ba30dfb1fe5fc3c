"""Scaling of the engines: articles/s, CPU and memory per worker, 1 and 2 workers.

    python bench/scale.py [--articles 600] [--model md] [--batch-size 16] [--no-ray]
                          [--only local:2,ray:2] [--memory-articles 5000] [--memory-model sm]

In one run, over the same texts (the bundled Wikinews sample repeated to ``--articles``, each
copy with a unique closing sentence so nothing is skipped as a duplicate):

1. bare spaCy: ``nlp.pipe`` over the texts in one process, nothing else;
2. the local engine (``LocalEngine``) with 1 worker (in-process) and with 2 worker processes;
3. the Ray engine with 1 and 2 actors on a local Ray (when Ray is installed).

Each configuration runs in its own subprocess, in ONE call over the whole corpus, timed the
same way for every engine (``bench/_rates.py``):

- ``rate`` (steady state): the articles after the first ``batch * workers`` results, over the
  time from when those came back to the last result. By then every worker (process or actor)
  has started, loaded its model and finished a batch. **The aims are judged on this figure**;
- ``rate_end_to_end``: every article over the time from before the engine starts (worker
  pool start and model loads included) to the last result; ``seconds_to_first_result`` is
  the start-up as the caller sees it. For Ray, ``ray.init`` (starting the local Ray) is timed
  apart (``ray_init_seconds``), as a cluster is started once for many runs;
- for Ray also ``actors_ready_seconds`` (from the start until the last actor had loaded its
  model, by the actors' clocks) and ``rate_actor_clock``, the steady rate from the actors' own
  per-batch timestamps (``RayEngine.timings``): a check of ``rate``.

CPU: the user + system time of every process of the run's tree (the driver; the workers or
actors; for Ray also the raylet, GCS, agents and Ray Data's helper actors, which all descend
from the driver that started the local Ray), per article of the run, by role: ``driver``,
``workers``, ``other``. On a shared machine this is the figure to trust: wall-clock rates
measure the share of the cores a run got. Memory: the resident set (VmRSS) of every worker
process, sampled every 0.5 s from /proc; the report gives each worker's peak over the run and
the median of its samples in each quarter of the steady window (start-up left out; a single
sample is noise: a worker's RSS swings by a few hundred MB from batch to batch). The load
average at start and end is printed. Results go to stdout as a table and to
``bench/out/scale.json``.

``--memory-articles N`` adds the memory check: the local engine with 2 workers over N
articles (the bundled sample repeated, as above: the same texts again and again, each copy
with its unique closing sentence), with ``--memory-model`` (``sm`` by default, so that 5,000
articles fit in a run on a shared machine); flat means each worker's median RSS in the last
quarter of the steady window is within 10% of its median in the first quarter.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rates import actor_clock_rate, is_flat, quarter_medians, rates
from ingest import make_corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

_CHILD = """
import json, sys, time
kind, corpus, model = sys.argv[1:4]
batch, workers = int(sys.argv[4]), int(sys.argv[5])
from dateline.io import read_inputs
records = list(read_inputs([corpus]))
out = {}
if kind == "ray":
    import logging, ray
    began = time.monotonic()
    ray.init(num_cpus=max(2, workers), include_dashboard=False, log_to_driver=False,
             logging_level=logging.WARNING)
    out["ray_init_seconds"] = time.monotonic() - began
print("START", flush=True)
wall = time.time()
start = time.monotonic()
arrivals = []
if kind == "bare":
    from dateline.nlp import load_model
    nlp = load_model(model).nlp
    for _ in nlp.pipe((r.text for r in records), batch_size=batch):
        arrivals.append(time.monotonic() - start)
else:
    from dateline.engines import LocalEngine, RaySettings, WorkerConfig, ray_engine
    config = WorkerConfig(model=model, batch_size=batch)
    if kind == "local":
        engine = LocalEngine(config, workers=workers)
    else:
        engine = ray_engine(config, RaySettings(actors=workers, batch_size=batch))
    with engine:
        for _ in engine.analyze_many(records):
            arrivals.append(time.monotonic() - start)
    if kind == "ray" and getattr(engine, "timings", None):
        out["actors_ready_seconds"] = max(t.ready for t in engine.timings) - wall
        out["batches"] = [(t.actor, t.began - wall, t.ended - wall, t.articles)
                          for t in engine.timings]
out["arrivals"] = arrivals
print(json.dumps(out), flush=True)
"""


def _processes() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line) of every process (Linux /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        found[int(entry.name)] = (ppid, cmd)
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


def tree_of(root: int, procs: dict[int, tuple[int, str]]) -> set[int]:
    """``root`` and every process below it (a local Ray's raylet, GCS, agents and actors
    are all below the driver that started it)."""
    found = {root}
    grew = True
    while grew:
        grew = False
        for pid, (ppid, _) in procs.items():
            if ppid in found and pid not in found:
                found.add(pid)
                grew = True
    return found


def workers_of(kind: str, workers: int, root: int, procs: dict[int, tuple[int, str]]) -> list[int]:
    """The pids doing the analysis: the process itself (bare, local 1), the forkserver's
    children (local N) or the Ray actors (none yet while they start)."""
    if kind == "ray":
        return [p for p, (_, cmd) in procs.items() if "PipelineActor" in cmd]
    if kind == "bare" or workers == 1:
        return [root]
    servers = [p for p, (pp, cmd) in procs.items() if pp == root and "forkserver" in cmd]
    return [p for p, (pp, _) in procs.items() if pp in servers]


def _role(pid: int, root: int, working: list[int]) -> str:
    """What a process of the tree is, for the CPU table (bare spaCy and one local worker
    analyse in the root process itself: there, it is the worker)."""
    if pid in working:
        return "workers"
    return "driver" if pid == root else "other"


def _by_role(cpu: dict[int, float], roles: dict[int, str]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for pid, seconds in cpu.items():
        totals[roles[pid]] = totals.get(roles[pid], 0.0) + seconds
    return totals


def run(kind: str, corpus: Path, model: str, batch: int, workers: int) -> dict[str, object]:
    cmd = [sys.executable, "-c", _CHILD, kind, str(corpus), model, str(batch), str(workers)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    started = threading.Event()
    stop = threading.Event()
    samples: list[tuple[float, dict[int, int]]] = []  # (seconds from START, pid -> RSS kB)
    cpu_series: list[tuple[float, dict[int, float]]] = []  # (seconds from START, pid -> CPU s)
    roles: dict[int, str] = {}  # a process that was ever a worker stays one

    def sample() -> None:
        started.wait()
        t0 = time.monotonic()
        seen: dict[int, float] = {}  # pid -> CPU seconds when last seen (kept once it exits)
        while not stop.is_set():
            procs = _processes()
            tree = tree_of(proc.pid, procs)
            working = [p for p in workers_of(kind, workers, proc.pid, procs) if p in tree]
            for pid in tree:
                seconds = _cpu_seconds(pid)
                if seconds:
                    seen[pid] = seconds
                    if roles.get(pid) != "workers":
                        roles[pid] = _role(pid, proc.pid, working)
            cpu_series.append((time.monotonic() - t0, dict(seen)))
            samples.append((time.monotonic() - t0, {p: _rss_kb(p) for p in working}))
            stop.wait(0.5)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    result: dict[str, Any] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("START"):
            started.set()
        elif line.startswith("{"):
            result = json.loads(line)
    stop.set()
    started.set()
    thread.join()
    if proc.wait() != 0:
        raise SystemExit(f"{kind} with {workers} worker(s) failed")
    measured = rates(result["arrivals"], batch * workers)
    opened = measured.seconds - measured.steady_seconds
    # peaks over the whole run; the quarters over the steady window (start-up left out)
    peaks: dict[int, int] = {}
    per_worker: dict[int, list[int]] = {}
    for t, rss in samples:
        for pid, kb in rss.items():
            if kb:
                peaks[pid] = max(peaks.get(pid, 0), kb // 1024)
                if t >= opened:
                    per_worker.setdefault(pid, []).append(kb // 1024)
    steady_samples = sum(1 for t, _ in samples if t >= opened)
    # a process seen in under half of the samples is a passing one (a helper, a restart)
    per_worker = {p: v for p, v in per_worker.items() if len(v) * 2 >= steady_samples}
    # CPU from the start (the first sample: imports and ray.init are left out, as from the
    # wall time) to the end, and from the opening of the steady window to the end
    first = _by_role(cpu_series[0][1] if cpu_series else {}, roles)
    last = _by_role(cpu_series[-1][1] if cpu_series else {}, roles)
    cpu_by_role = {role: seconds - first.get(role, 0.0) for role, seconds in last.items()}
    at_open = next((c for t, c in reversed(cpu_series) if t <= opened), {})
    before = {r: s - first.get(r, 0.0) for r, s in _by_role(at_open, roles).items()}
    row: dict[str, object] = {
        "engine": kind,
        "workers": workers,
        "articles": measured.articles,
        "rate": round(measured.steady_rate, 2),
        "steady_articles": measured.steady_articles,
        "steady_seconds": round(measured.steady_seconds, 1),
        "rate_end_to_end": round(measured.rate, 2),
        "seconds_end_to_end": round(measured.seconds, 1),
        "seconds_to_first_result": round(measured.first_result, 1),
        "cpu_ms_per_article": {
            role: round(1000 * seconds / measured.articles)
            for role, seconds in sorted(cpu_by_role.items())
        },
        "cpu_ms_per_article_steady": {
            role: round(1000 * (seconds - before.get(role, 0.0)) / measured.steady_articles)
            for role, seconds in sorted(cpu_by_role.items())
        },
        "peak_mb_per_worker": sorted(peaks[p] for p in per_worker),
        "rss_mb_quarter_medians": [quarter_medians(v) for v in per_worker.values() if len(v) >= 4],
    }
    if kind == "ray":
        row["ray_init_seconds"] = round(result["ray_init_seconds"], 1)
    if "batches" in result:  # the actors' own clocks (RayEngine.timings)
        row["actors_ready_seconds"] = round(result["actors_ready_seconds"], 1)
        batches = [tuple(b) for b in result["batches"]]
        row["rate_actor_clock"] = round(actor_clock_rate(batches, measured.seconds), 2)
    return row


def _ratio(
    rows: list[dict[str, object]], key: str, a: tuple[str, int], b: tuple[str, int]
) -> float | None:
    found = {(r["engine"], r["workers"]): r[key] for r in rows}
    if a not in found or b not in found:
        return None
    return round(float(found[a]) / float(found[b]), 2)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--model", default="md")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--no-ray", action="store_true")
    parser.add_argument(
        "--only", default="", help="some runs only, e.g. local:2,ray:2 (default: all)"
    )
    parser.add_argument("--memory-articles", type=int, default=0)
    parser.add_argument("--memory-model", default="sm")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = OUT / "scale.jsonl"
    make_corpus(args.articles, corpus)
    try:
        import ray  # noqa: F401

        has_ray = not args.no_ray
    except ImportError:
        has_ray = False
    plan = [("bare", 1), ("local", 1), ("local", 2)]
    if has_ray:
        plan += [("ray", 1), ("ray", 2)]
    if args.only:
        wanted = {(k, int(n)) for k, n in (item.split(":") for item in args.only.split(","))}
        plan = [step for step in plan if step in wanted]
    load_before = os.getloadavg()
    rows = []
    for kind, workers in plan:
        row = run(kind, corpus, args.model, args.batch_size, workers)
        rows.append(row)
        print(json.dumps(row), flush=True)
    memory_row: dict[str, object] | None = None
    if args.memory_articles:
        big = OUT / "scale-memory.jsonl"
        make_corpus(args.memory_articles, big)
        memory_row = run("local", big, args.memory_model, args.batch_size, 2)
        memory_row["model"] = args.memory_model
        quarters: list[list[int]] = memory_row["rss_mb_quarter_medians"]  # type: ignore[assignment]
        memory_row["flat"] = bool(quarters) and all(is_flat(q) for q in quarters)
        print(json.dumps(memory_row), flush=True)
    load_after = os.getloadavg()
    report: dict[str, object] = {
        "articles": args.articles,
        "cores": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "aims_judged_on": "steady-state rates (rate); start-up reported apart",
        "runs": rows,
    }
    local1, local2, ray1, ray2 = ("local", 1), ("local", 2), ("ray", 1), ("ray", 2)
    for name, key, a, b in (
        ("speedup_local_1_to_2", "rate", local2, local1),
        ("speedup_local_1_to_2_end_to_end", "rate_end_to_end", local2, local1),
        ("speedup_ray_1_to_2", "rate", ray2, ray1),
        ("ray_2_vs_local_2", "rate", ray2, local2),
        ("ray_2_vs_local_2_end_to_end", "rate_end_to_end", ray2, local2),
        ("ray_1_vs_local_1", "rate", ray1, local1),
    ):
        value = _ratio(rows, key, a, b)
        if value is not None:
            report[name] = value
    if memory_row is not None:
        report["memory_check"] = memory_row
    rate = {(r["engine"], r["workers"]): float(r["rate"]) for r in rows}  # type: ignore[arg-type]
    if local1 in rate:
        report["hours_per_million_articles_per_core"] = round(1e6 / rate[local1] / 3600, 1)
    (OUT / "scale.json").write_text(json.dumps(report, indent=1) + "\n", "utf-8")
    print(
        f"\n{'engine':<7}{'workers':>8}{'steady/s':>10}{'end-to-end/s':>14}"
        f"{'1st result s':>14}{'CPU ms/art':>12}{'steady':>8}  peak MB/worker"
    )
    for r in rows:
        cpu_ms = sum(r["cpu_ms_per_article"].values())  # type: ignore[attr-defined]
        steady_ms = sum(r["cpu_ms_per_article_steady"].values())  # type: ignore[attr-defined]
        print(
            f"{r['engine']:<7}{r['workers']:>8}{r['rate']:>10}{r['rate_end_to_end']:>14}"
            f"{r['seconds_to_first_result']:>14}{cpu_ms:>12}{steady_ms:>8}"
            f"  {r['peak_mb_per_worker']}"
        )
    for key, value in report.items():
        if key not in ("runs", "memory_check", "articles", "cores"):
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
