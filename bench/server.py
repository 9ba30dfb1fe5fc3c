"""Render times of the viewer's pages on a 1,000-article corpus, next to the raw JSON.

    python bench/server.py [--articles 1000] [--source bench/out/demo.duckdb] [--runs 30]

The corpus: the demo corpus (``make demo``: the 311 bundled Wikinews articles, ingested
with the real pipeline; built here when missing) copied into ``bench/out/server.duckdb``
and its rows repeated, table by table in SQL, up to ``--articles`` articles. Every copy
gets new ids (``<id>-c<n>``), its dates moved by ``n`` days and its own event groups, so
lists, overview aggregates and search run over 1,000 independent articles. The NLP is
not re-run: the analyses are what the viewer reads, not what it measures.

Each page is requested in-process (FastAPI's TestClient, no network) ``--runs`` times on
varied ids; the report gives median and p95 milliseconds per page, with the raw JSON of an
article (``/api/articles/{id}``) and a list page of the API as the plain baseline measured
in the same run; the overview's first request, which computes its aggregates (kept after),
is printed apart. Besides the wall-clock times, ``cpu ms`` is the median CPU time of the
process (all its threads) per request, which follows the machine's load much less; the
load average is printed before and after. Not a CI test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SAMPLE = ROOT / "src" / "dateline" / "data" / "corpus" / "wikinews.jsonl"

# the tables holding one article's rows, and the column naming the article
PER_ARTICLE = {
    "articles": "id",
    "dropped": "article_id",
    "entities": "article_id",
    "mentions": "article_id",
    "times": "article_id",
    "quotes": "article_id",
    "events": "article_id",
    "event_actors": "article_id",
    "event_mentions": "article_id",
}


def _shift(column: str, n: int) -> str:
    """A date string moved by n days when it is a full ISO date, else unchanged."""
    return (
        f"CASE WHEN {column} SIMILAR TO '\\d{{4}}-\\d{{2}}-\\d{{2}}' THEN "
        f"strftime(CAST({column} AS DATE) + {n}, '%Y-%m-%d') ELSE {column} END"
    )


def build(source: Path, target: Path, articles: int) -> None:
    shutil.copyfile(source, target)
    con = duckdb.connect(str(target))
    base = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
    copies = -(-articles // base)
    for n in range(1, copies):
        keep = min(base, articles - n * base)
        if keep <= 0:
            break
        ids = f"(SELECT id FROM articles WHERE id NOT LIKE '%-c%' ORDER BY id LIMIT {keep})"
        for table, key in PER_ARTICLE.items():
            described = con.execute(f"DESCRIBE {table}").fetchall()
            types = {r[0]: r[1] for r in described}
            select = []
            for col in types:
                if col == key or col == "canonical_id":
                    select.append(f"CASE WHEN {col} IS NULL THEN NULL ELSE {col} || '-c{n}' END")
                elif col == "group_id":
                    select.append(f"{col} || '-c{n}'")
                elif col in ("published", "date"):
                    select.append(_shift(col, n))
                elif types[col] == "DATE":  # a typed date (date_start, ...): moved too
                    select.append(f'"{col}" + {n}')
                else:
                    select.append(f'"{col}"')
            con.execute(
                f"INSERT INTO {table} SELECT {', '.join(select)} FROM {table} WHERE {key} IN {ids}"
            )
        con.execute(
            f"INSERT INTO event_groups SELECT group_id || '-c{n}', type, cameo, source_key, "
            f"target_key, {_shift('date', n)}, place, n_mentions, n_articles, n_sources, "
            f"first_article || '-c{n}', first_url FROM event_groups "
            "WHERE group_id NOT LIKE '%-c%' AND group_id IN (SELECT group_id FROM "
            f"event_mentions WHERE article_id IN {ids})"
        )
    con.close()


def timed(client: object, urls: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each request (CPU: this process, every thread)."""
    wall, cpu = [], []
    for i in range(runs):
        url = urls[i % len(urls)]
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)  # type: ignore[attr-defined]
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.text[:200])
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--source", type=Path, default=OUT / "demo.duckdb")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.source.exists():
        print(f"building {args.source} (dateline ingest of the Wikinews sample)", flush=True)
        subprocess.run(
            [sys.executable, "-m", "dateline.cli", "ingest", str(SAMPLE), "--db",
             str(args.source), "--quiet"],
            check=True,
        )  # fmt: skip
    target = OUT / "server.duckdb"
    target.unlink(missing_ok=True)
    OUT.joinpath("server.corrections.sqlite").unlink(missing_ok=True)
    build(args.source, target, args.articles)

    from fastapi.testclient import TestClient

    from dateline.server import create_app

    with TestClient(create_app(target)) as client:
        api = client.get("/api/articles", params={"limit": 500}).json()
        n = api["total"]
        ids = [a["id"] for a in api["items"]][:: max(1, len(api["items"]) // args.runs)]
        actors = [a["name"] for a in client.get("/api/actors?limit=40").json()["items"]]
        groups = [g["group_id"] for g in client.get("/api/groups?limit=40").json()["items"]]
        pages = {
            "baseline: raw JSON /api/articles/{id}": [f"/api/articles/{i}" for i in ids],
            "baseline: /api/events?limit=50": ["/api/events?limit=50"],
            "overview /": ["/"],
            "article /articles/{id}": [f"/articles/{i}" for i in ids],
            "actor /actors/{name}": [f"/actors/{a}" for a in actors],
            "event group /groups/{id}": [f"/groups/{g}" for g in groups],
            "search /search?q=...": [
                f"/search?q={q}" for q in ("police", "election", "president", "Iraq", "oil")
            ],
        }
        first = {}
        for name, urls in pages.items():  # warm up: the world outline, the templates
            start = time.perf_counter()
            client.get(urls[0])
            first[name] = (time.perf_counter() - start) * 1000
        print(f"corpus: {n} articles ({target}); {args.runs} requests per page, in-process")
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        print(f"{'page':42} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'cpu ms':>7}")
        for name, urls in pages.items():
            wall, cpu = timed(client, urls, args.runs)
            times = sorted(wall)
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            print(
                f"{name:42} {statistics.median(times):10.1f} {p95:8.1f} {times[-1]:8.1f} "
                f"{statistics.median(cpu):7.1f}"
            )
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        # the overview's aggregates are computed on its first request, then kept (the corpus
        # is read-only, it cannot change under the server)
        print(f"first overview request (computes the aggregates): {first['overview /']:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
