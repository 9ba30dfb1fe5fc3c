"""Benchmark of the structure stage on HTML: body text vs captions, credits and related links.

    .venv/bin/python bench/structure.py

Runs over the 414 L3S-GN1 dev pages in ``../shared/data/extraction`` (all of them; about
40 s on one core): dateline (``build_article`` on ``RawArticle(html=...)``) and plain
trafilatura (the scorer's ``--baseline trafilatura`` default run, made in-process with the
scorer's own function), then scores both with ``../shared/eval/eval_extraction.py --split
dev`` and prints its tables and a side-by-side summary.

``measure()`` (the accuracy gate) returns dateline's figures only:

- ``body_f1``: body F1 over word 4-gram shingles (higher is better);
- ``supplemental_removed`` = 1 - supplemental leak: the share of gold caption / credit /
  dateline / byline text that is *not* left in the body (higher is better);
- ``related_removed`` = 1 - related leak, the same for related-link blocks.

The leaks are lower-is-better, so the gate stores them as "removed" shares, which are
floors like the F1.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from timeit import default_timer as clock
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "eval_extraction.py"
OUT = REPO / "bench" / "out" / "structure"
BASELINE = REPO / "bench" / "baselines" / "structure.json"
COMMAND = ".venv/bin/python bench/structure.py"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_extraction", SCORER)
    assert spec and spec.loader, f"no scorer at {SCORER}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pages(ev: ModuleType) -> list[tuple[str, Path]]:
    gold_file = ev.GOLD["dev"]["L3S"]
    return [(g["id"], ev.html_path(gold_file, g)) for g in ev.read_jsonl(gold_file)]


def dateline_preds(ev: ModuleType) -> list[dict[str, Any]]:
    """One ``{"gold_id", "result"}`` line per dev page, from ``build_article``."""
    sys.path.insert(0, str(REPO / "src"))
    from dateline.errors import DatelineError
    from dateline.structure import build_article
    from dateline.types import Origin, RawArticle

    rows = []
    for gold_id, path in _pages(ev):
        raw = RawArticle(origin=Origin(path=str(path)), html=ev.read_html(path))
        try:
            article = build_article(raw)
            result = {"text": article.text, "title": article.title}
        except DatelineError:
            result = {"text": "", "title": None}
        rows.append({"gold_id": gold_id, "result": result})
    return rows


def _figures(res: dict[str, Any]) -> dict[str, float]:
    l3s = res["L3S"]
    return {
        "body_f1": round(l3s["f1"], 4),
        "supplemental_removed": round(1 - l3s["supplemental_leak"], 4),
        "related_removed": round(1 - l3s["related_leak"], 4),
    }


def measure() -> dict[str, float]:
    """dateline's figures on the L3S-GN1 dev pages (see the module docstring)."""
    ev = _scorer()
    preds = {r["gold_id"]: r["result"] for r in dateline_preds(ev)}
    return _figures(ev.evaluate("dev", preds, n_boot=0))


def _score(path: Path) -> dict[str, Any]:
    """Run the scorer script on a pred file; print its table, return its figures."""
    figures = path.with_suffix(".scores.json")
    cmd = [sys.executable, str(SCORER), str(path), "--split", "dev", "--json", str(figures)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    print(done.stdout.strip())
    runs: dict[str, Any] = json.loads(figures.read_text("utf-8"))
    return next(iter(runs.values()))


def main() -> int:
    ev = _scorer()
    OUT.mkdir(parents=True, exist_ok=True)
    timings = {}
    t0 = clock()
    base_rows = ev.make_preds("trafilatura", "dev", {})
    timings["trafilatura"] = clock() - t0
    t0 = clock()
    ours_rows = dateline_preds(ev)
    timings["dateline"] = clock() - t0
    base_path, ours_path = OUT / "pred-trafilatura.jsonl", OUT / "pred-dateline.jsonl"
    ev.write_jsonl(base_path, base_rows)
    ev.write_jsonl(ours_path, ours_rows)
    base, ours = _figures(_score(base_path)), _figures(_score(ours_path))
    print(f"\n{'L3S-GN1 dev, 414 pages':<26}{'trafilatura':>12}{'dateline':>12}")
    for name in ("body_f1", "supplemental_removed", "related_removed"):
        print(f"{name:<26}{base[name]:>12.3f}{ours[name]:>12.3f}")
    for name in ("supplemental", "related"):
        key = f"{name}_removed"
        print(f"{name + ' leak':<26}{1 - base[key]:>12.3f}{1 - ours[key]:>12.3f}")
    print(f"{'seconds':<26}{timings['trafilatura']:>12.1f}{timings['dateline']:>12.1f}")
    floors = {k: round(v - 0.01, 3) for k, v in ours.items()}
    print("\nbaseline file:")
    print(json.dumps({"floors": floors, "measured": ours, "command": COMMAND}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
