"""Throughput and memory of ``dateline ingest`` next to a bare spaCy ``nlp.pipe`` pass.

    python bench/ingest.py [--articles 5000] [--model md] [--workers 1] [--batch-size 32]

The bundled Wikinews sample (311 articles) is repeated to ``--articles`` records. Every copy
after the first gets a unique closing sentence, so no record is an exact duplicate (those
are skipped before any analysis, which would make the rate meaningless); the copies are
near-duplicates, so they all go through the NLP *and* the MinHash check, and the summary
says how many were linked to a canonical article.

In the same run, with the same texts, model, batch size and workers:

1. bare spaCy: ``nlp.pipe`` over the texts, nothing else (model load excluded);
2. ``dateline ingest`` as a subprocess into a fresh DuckDB file, with ``--progress``.

Rates: "whole run" is articles / time from the first record to the summary (it includes
the one-time loading of the stages' dictionaries on the first article); "steady" is
measured between the first and the last commit line. CPU: the user+system CPU seconds of
each subprocess (``getrusage`` of the children), whose ratio holds on a loaded machine,
where wall-clock rates swing with the other load (the bare pass's CPU excludes the model
load, measured inside it; ingest's includes its start-up). ``--event-model`` runs ingest
with the learned event model (when it is not already the default). Memory: the ingest process's RSS
(plus its children) sampled every 0.5 s; the report shows it at each quarter of the run so
growth with corpus size is visible. Not part of the CI gate (too slow): scratch files go to
``bench/out/``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "dateline" / "data" / "corpus" / "wikinews.jsonl"
OUT = ROOT / "bench" / "out"


def make_corpus(n: int, target: Path) -> list[str]:
    rows = [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines() if line.strip()]
    texts = []
    with target.open("w", encoding="utf-8") as out:
        for i in range(n):
            row = dict(rows[i % len(rows)])
            copy = i // len(rows)
            if copy:
                row["text"] += f"\n\nThis report was filed again as copy {copy}, item {i}."
                row["id"] = f"{row['id']}-copy{copy}"
            texts.append(row["text"])
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return texts


_BARE = """
import json, sys, time
from dateline.nlp import load_model
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
model = load_model(sys.argv[2])
model.nlp("warm up")
start, cpu = time.monotonic(), time.process_time()
n = 0
for doc in model.nlp.pipe(texts, batch_size=int(sys.argv[3]), n_process=int(sys.argv[4])):
    n += 1
print(json.dumps({"articles": n, "seconds": time.monotonic() - start,
                  "cpu": time.process_time() - cpu}))
"""


def rss_kb(pid: int) -> int:
    """Resident memory of a process and its children, in kB (Linux /proc)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def run_bare(corpus: Path, model: str, batch: int, workers: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _BARE, str(corpus), model, str(batch), str(workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return {"articles": data["articles"], "seconds": data["seconds"], "cpu": data["cpu"]}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_ingest(
    corpus: Path, db: Path, model: str, batch: int, workers: int, event_model: bool = False
) -> dict[str, object]:
    for f in (db, db.with_name(db.name + ".wal")):
        f.unlink(missing_ok=True)
    cmd = [
        sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", str(db),
        "--model", model, "--batch-size", str(batch), "--workers", str(workers), "--progress",
    ] + (["--event-model"] if event_model else [])  # fmt: skip
    cpu = children_cpu()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, bufsize=1)
    samples: list[tuple[float, int]] = []
    commits: list[tuple[float, int]] = []
    lines: list[str] = []

    def read_stderr() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            m = re.search(r"committed (\d+) articles", line)
            if m:
                commits.append((time.monotonic() - start, int(m.group(1))))

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    while proc.poll() is None:
        samples.append((time.monotonic() - start, rss_kb(proc.pid)))
        time.sleep(0.5)
    reader.join(timeout=10)
    cpu = children_cpu() - cpu
    summary = next((x for x in reversed(lines) if "processed" in x), "").strip()
    m = re.search(r"processed (\d+) \((\d+) near", summary)
    processed = int(m.group(1)) if m else 0
    return {
        "seconds": time.monotonic() - start,
        "cpu": cpu,
        "processed": processed,
        "near_duplicates": int(m.group(2)) if m else 0,
        "summary": summary,
        "samples": samples,
        "commits": commits,
        "returncode": proc.returncode,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="records to ingest")
    parser.add_argument("--model", default=os.environ.get("DATELINE_MODEL", "md"))
    parser.add_argument("--workers", type=int, default=1, help="nlp.pipe n_process")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--event-model", action="store_true", help="ingest with the model")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    corpus = OUT / f"ingest_{args.articles}.jsonl"
    texts = make_corpus(args.articles, corpus)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} articles, {words} words ({corpus})")
    print(f"model {args.model}, workers {args.workers}, batch size {args.batch_size}")

    bare = run_bare(corpus, args.model, args.batch_size, args.workers)
    bare_rate = bare["articles"] / bare["seconds"]
    print(f"bare spaCy nlp.pipe:   {bare_rate:7.1f} articles/s ({bare['seconds']:.0f} s)")

    ing = run_ingest(
        corpus,
        OUT / "ingest_bench.duckdb",
        args.model,
        args.batch_size,
        args.workers,
        args.event_model,
    )
    if ing["returncode"] != 0:
        print(f"ingest failed (exit {ing['returncode']}): {ing['summary']}")
        return 1
    seconds = float(ing["seconds"])  # type: ignore[arg-type]
    processed = int(ing["processed"])  # type: ignore[call-overload]
    whole = processed / seconds
    commits: list[tuple[float, int]] = ing["commits"]  # type: ignore[assignment]
    steady = None
    # with workers > 1 results arrive in bursts of a whole flush, so commit times say
    # nothing about the steady rate; only the whole run counts then
    if args.workers == 1 and len(commits) >= 2 and commits[-1][0] > commits[0][0]:
        steady = (commits[-1][1] - commits[0][1]) / (commits[-1][0] - commits[0][0])
    print(
        f"dateline ingest:       {whole:7.1f} articles/s whole run incl. start-up "
        f"({seconds:.0f} s), ratio {whole / bare_rate:.2f}"
    )
    if steady is not None:
        print(
            f"dateline ingest:       {steady:7.1f} articles/s steady (between commits), "
            f"ratio {steady / bare_rate:.2f}"
        )
    cpu = float(ing["cpu"])  # type: ignore[arg-type]
    print(
        f"CPU seconds: bare spaCy {bare['cpu']:.0f}, dateline ingest {cpu:.0f}; "
        f"CPU-time ratio {bare['cpu'] / cpu:.2f}"
    )
    print(f"summary: {ing['summary']}")
    samples: list[tuple[float, int]] = ing["samples"]  # type: ignore[assignment]
    if samples and commits:
        peak = max(r for _, r in samples)
        # RSS when 25/50/75/100 % of the articles had been committed
        quarters = []
        for q in (0.25, 0.5, 0.75, 1.0):
            t = next(c for c, n in commits if n >= q * processed)
            rss = max((r for s, r in samples if s <= t), default=0)
            quarters.append(f"{int(q * 100)}%: {rss / 1024:.0f} MB")
        print(
            f"ingest RSS peak {peak / 1024:.0f} MB; peak so far when this share of the "
            "articles was stored: " + ", ".join(quarters)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
