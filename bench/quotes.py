"""Benchmark: quote attribution on PolNeAR dev (84 articles of 2016 US election coverage).

Each gold record goes through dateline's own stages: ``structure.build_article`` (with the
record's title and date), the spaCy model, ``entities.find_entities`` and
``quotes.find_quotes``; the result is written as a pred line and scored by
``../shared/eval/eval_quotes.py`` (content P/R/F1 at overlap 0.3 and 0.8, speaker accuracy,
end-to-end F1; the "all" and "speech" views). ``python bench/quotes.py`` prints dateline's
figures and, from the same run, the scorer's textacy baselines (whole article and paragraph
by paragraph). ``measure()`` (the CI gate) runs dateline only. The gold is read from
``../shared/data`` and never copied.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
GOLD = SHARED / "data" / "quotes" / "polnear.dev.jsonl"
SCORER = SHARED / "eval" / "eval_quotes.py"
OUT = REPO / "bench" / "out"
COMMAND = "python bench/quotes.py"

sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_jsonl  # noqa: E402
from dateline import entities as entities_stage  # noqa: E402
from dateline import structure  # noqa: E402
from dateline.nlp import load_model  # noqa: E402
from dateline.quotes import find_quotes  # noqa: E402
from dateline.types import Origin, RawArticle, to_plain  # noqa: E402


def write_preds(path: Path, gold_path: Path = GOLD, limit: int | None = None) -> float:
    """Run dateline over the gold articles; write the pred file; return seconds taken."""
    gold = load_jsonl(gold_path)[:limit]
    model = load_model()
    started = time.perf_counter()
    articles = [
        structure.build_article(
            RawArticle(
                origin=Origin(record=str(g["id"])),
                text=g["text"],
                title=g.get("title"),
                published=g.get("date"),
            )
        )
        for g in gold
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        docs = model.pipe((a.text for a in articles), batch_size=16)
        for record, article, doc in zip(gold, articles, docs, strict=True):
            try:
                entities = entities_stage.find_entities(article, doc)
            except Exception as exc:  # another stage's bug must not stop the quote benchmark
                print(f"warning: entities failed on {record['id']}: {exc!r}", file=sys.stderr)
                entities = ()
            quotes = find_quotes(article, doc, entities)
            result = {
                "schema": "dateline/1",
                "text": article.text,
                "entities": to_plain(entities),
                "quotes": to_plain(quotes),
            }
            f.write(json.dumps({"gold_id": record["id"], "result": result}) + "\n")
    return time.perf_counter() - started


def _score(args: list[str], gold_path: Path) -> dict[str, Any]:
    metrics = OUT / f"quotes.metrics.{abs(hash(tuple(args)))}.json"
    proc = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold_path), *args, "--json", str(metrics)],
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, Any] = json.loads(metrics.read_text("utf-8"))
    data["table"] = proc.stdout
    return data


def _figures(data: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for view in ("speech", "all"):
        v = data["views"][view]
        prefix = "" if view == "speech" else "all_"
        for key in ("F1@0.3", "F1@0.8", "P@0.3", "R@0.3", "speaker", "e2e_F1"):
            out[prefix + key] = round(float(v[key]), 4)
    return out


def measure() -> dict[str, float]:
    """dateline's figures on PolNeAR dev (speech view unprefixed, all view as ``all_``)."""
    pred = OUT / "quotes.dateline.dev.jsonl"
    seconds = write_preds(pred)
    figures = _figures(_score(["--pred", str(pred)], GOLD))
    figures["seconds"] = round(seconds, 1)
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD, help="PolNeAR JSONL (default: dev)")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--no-baseline", action="store_true", help="skip the textacy baselines")
    ap.add_argument("--table", action="store_true", help="print the scorer's full tables")
    args = ap.parse_args(argv)
    pred = OUT / f"quotes.dateline.{args.gold.stem}.jsonl"
    seconds = write_preds(pred, args.gold, args.limit)
    rows = {"dateline": _score(["--pred", str(pred)], args.gold)}
    if not args.no_baseline:
        for name in ("textacy", "textacy-para"):
            out = OUT / f"quotes.{name}.{args.gold.stem}.jsonl"
            rows[name] = _score(["--baseline", name, "--out", str(out)], args.gold)
    print(f"PolNeAR {args.gold.name}: dateline ran in {seconds:.1f} s")
    header = f"{'system':<14}{'view':<8}" + "".join(
        f"{k:>9}" for k in ("P@.3", "R@.3", "F1@.3", "F1@.8", "speaker", "e2e F1")
    )
    print(header)
    for name, data in rows.items():
        if args.table:
            print(data["table"])
        for view in ("speech", "all"):
            v = data["views"][view]
            print(
                f"{name:<14}{view:<8}"
                + "".join(f"{v[k]:9.3f}" for k in ("P@0.3", "R@0.3", "F1@0.3", "F1@0.8", "speaker"))
                + f"{v['e2e_F1']:9.3f}"
            )
    if args.gold == GOLD and args.limit is None:
        figures = _figures(rows["dateline"])
        floors = {k: round(max(0.0, v - 0.015), 3) for k, v in figures.items()}
        print(json.dumps({"floors": floors, "measured": figures, "command": COMMAND}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
