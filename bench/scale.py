"""Scaling of the engines: articles/s and peak memory per worker, 1 and 2 workers.

    python bench/scale.py [--articles 600] [--model md] [--batch-size 16] [--no-ray]
                          [--memory-articles 5000] [--memory-model sm]

In one run, over the same texts (the bundled Wikinews sample repeated to ``--articles``, each
copy with a unique closing sentence so nothing is skipped as a duplicate):

1. bare spaCy: ``nlp.pipe`` over the texts in one process, nothing else;
2. the local engine (``LocalEngine``) with 1 worker (in-process) and with 2 worker processes;
3. the Ray engine with 1 and 2 actors on a local Ray (when Ray is installed).

Each configuration runs in its own subprocess; a warm-up (one batch per worker) is analysed
first and excluded, so the local rates are steady ones, with every worker's model loaded.
Ray Data starts a new actor pool for each dataset, so the Ray rates include starting the
actors and loading their models (as a ``dateline process`` run does, once): use enough
articles that this start-up is small next to the run. Memory:
the resident set (VmRSS) of every worker process, sampled every 0.5 s from /proc; the report
gives each worker's peak and its RSS at each quarter of the timed run (flat = no growth with
corpus size). The load average at start and end is printed: the machine is shared. Results go
to stdout as a table and to ``bench/out/scale.json``.

``--memory-articles N`` adds the memory check: the local engine with 2 workers over N
articles (the bundled sample repeated, as above: the same texts again and again, each copy
with its unique closing sentence), with ``--memory-model`` (``sm`` by default, so that 5,000
articles fit in a run on a shared machine); flat means each worker's RSS at the last quarter
is within 10% of its RSS at the first quarter.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import make_corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

_CHILD = """
import json, sys, time
kind, corpus, model = sys.argv[1:4]
batch, workers = int(sys.argv[4]), int(sys.argv[5])
from dateline.io import read_inputs
records = list(read_inputs([corpus]))
warm = batch * workers
if kind == "bare":
    from dateline.nlp import load_model
    nlp = load_model(model).nlp
    texts = [r.text for r in records]
    list(nlp.pipe(texts[:warm], batch_size=batch))
    print("START", flush=True)
    start = time.monotonic()
    n = sum(1 for _ in nlp.pipe(texts[warm:], batch_size=batch))
else:
    from dateline.engines import LocalEngine, RaySettings, WorkerConfig, ray_engine
    config = WorkerConfig(model=model, batch_size=batch)
    if kind == "local":
        engine = LocalEngine(config, workers=workers)
    else:
        import ray
        ray.init(num_cpus=max(2, workers), include_dashboard=False, log_to_driver=False)
        engine = ray_engine(config, RaySettings(actors=workers, batch_size=batch))
    list(engine.analyze_many(records[:warm]))
    print("START", flush=True)
    start = time.monotonic()
    n = sum(1 for _ in engine.analyze_many(records[warm:]))
print(json.dumps({"articles": n, "seconds": time.monotonic() - start}), flush=True)
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


def workers_of(kind: str, root: int) -> list[int]:
    """The pids doing the analysis: the process itself (bare, local 1), the forkserver's
    children (local N) or the Ray actors."""
    procs = _processes()
    if kind == "ray":
        return [p for p, (_, cmd) in procs.items() if "PipelineActor" in cmd]
    servers = [p for p, (pp, cmd) in procs.items() if pp == root and "forkserver" in cmd]
    children = [p for p, (pp, _) in procs.items() if pp in servers]
    return children or [root]


def run(kind: str, corpus: Path, model: str, batch: int, workers: int) -> dict[str, object]:
    cmd = [sys.executable, "-c", _CHILD, kind, str(corpus), model, str(batch), str(workers)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    started = threading.Event()
    stop = threading.Event()
    samples: list[tuple[float, dict[int, int]]] = []

    def sample() -> None:
        started.wait()
        t0 = time.monotonic()
        while not stop.is_set():
            pids = workers_of(kind, proc.pid)
            samples.append((time.monotonic() - t0, {p: _rss_kb(p) for p in pids}))
            stop.wait(0.5)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    result: dict[str, float] = {}
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
    per_worker: dict[int, list[int]] = {}
    for _, rss in samples:
        for pid, kb in rss.items():
            if kb:
                per_worker.setdefault(pid, []).append(kb)
    # a process seen in under half of the samples is a passing one (a helper, a restart)
    per_worker = {p: v for p, v in per_worker.items() if len(v) * 2 >= len(samples)}
    peaks = sorted(max(v) // 1024 for v in per_worker.values())
    quarters = []
    for series in per_worker.values():
        if len(series) >= 4:
            quarters.append([series[len(series) * q // 4] // 1024 for q in (0, 1, 2, 3)])
    return {
        "engine": kind,
        "workers": workers,
        "articles": result["articles"],
        "seconds": round(result["seconds"], 1),
        "rate": round(result["articles"] / result["seconds"], 2),
        "peak_mb_per_worker": peaks,
        "rss_mb_at_quarters": quarters,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--model", default="md")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--no-ray", action="store_true")
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
    load_before = os.getloadavg()
    rows = []
    for kind, workers in plan:
        row = run(kind, corpus, args.model, args.batch_size, workers)
        rows.append(row)
        print(json.dumps(row), flush=True)
    if args.memory_articles:
        big = OUT / "scale-memory.jsonl"
        make_corpus(args.memory_articles, big)
        row = run("local", big, args.memory_model, args.batch_size, 2)
        row["model"] = args.memory_model
        row["flat"] = all(q[3] <= q[0] * 1.1 for q in row["rss_mb_at_quarters"])  # type: ignore[attr-defined]
        print(json.dumps(row), flush=True)
        memory_row: dict[str, object] | None = row
    else:
        memory_row = None
    load_after = os.getloadavg()
    rate = {(r["engine"], r["workers"]): float(r["rate"]) for r in rows}  # type: ignore[arg-type]
    report: dict[str, object] = {
        "articles": args.articles,
        "cores": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "speedup_local_1_to_2": round(rate[("local", 2)] / rate[("local", 1)], 2),
        "runs": rows,
    }
    if memory_row is not None:
        report["memory_check"] = memory_row
    if has_ray:
        report["speedup_ray_1_to_2"] = round(rate[("ray", 2)] / rate[("ray", 1)], 2)
        report["ray_2_vs_local_2"] = round(rate[("ray", 2)] / rate[("local", 2)], 2)
    hours = 1e6 / rate[("local", 1)] / 3600
    report["hours_per_million_articles_per_core"] = round(hours, 1)
    (OUT / "scale.json").write_text(json.dumps(report, indent=1) + "\n", "utf-8")
    print(f"\n{'engine':<8}{'workers':>8}{'articles/s':>12}{'peak MB/worker':>18}")
    for r in rows:
        print(f"{r['engine']:<8}{r['workers']:>8}{r['rate']:>12}{r['peak_mb_per_worker']!s:>18}")
    for key in ("load_average_before", "load_average_after", "speedup_local_1_to_2"):
        print(f"{key}: {report[key]}")
    for key in ("speedup_ray_1_to_2", "ray_2_vs_local_2", "hours_per_million_articles_per_core"):
        if key in report:
            print(f"{key}: {report[key]}")


if __name__ == "__main__":
    main()
