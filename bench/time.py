"""Benchmark: temporal expressions on TimeBank + AQUAINT (dev gold, 256 documents).

Each document becomes an Article with its creation date (DCT) as ``published`` and its raw
text (no cleaning: the gold offsets index the raw text), goes through the spaCy model and
``dateline.time.find_times``, and is scored by ``../shared/eval/eval_time.py --dev``.
``python bench/time.py`` prints dateline's figures and, from the same run, the scorer's
spaCy + dateparser baseline. ``measure()`` (the CI gate) runs dateline only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import timeit
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
GOLD = SHARED / "data" / "time" / "tbaq.jsonl"
SCORER = SHARED / "eval" / "eval_time.py"
OUT = REPO / "bench" / "out"
COMMAND = "python bench/time.py"

sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_jsonl  # noqa: E402
from dateline.nlp import load_model  # noqa: E402
from dateline.structure import content_id  # noqa: E402
from dateline.time import find_times  # noqa: E402
from dateline.types import Article, Paragraph  # noqa: E402


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    out: list[Paragraph] = []
    pos = 0
    for block in text.split("\n\n"):
        start = text.find(block, pos)
        if block.strip():
            out.append(Paragraph(start, start + len(block), start))
        pos = start + len(block)
    return tuple(out)


def write_preds(path: Path) -> float:
    """Run dateline over the gold documents; write the pred file; return seconds taken."""
    gold = load_jsonl(GOLD)
    model = load_model()
    started = timeit.default_timer()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        docs = model.pipe((g["text"] for g in gold), batch_size=16)
        for record, doc in zip(gold, docs, strict=True):
            dct = (record.get("dct") or "")[:10] or None
            article = Article(
                id=content_id(record["text"]),
                text=record["text"],
                paragraphs=_paragraphs(record["text"]),
                published=dct,
            )
            times = find_times(article, doc)
            result = {
                "text": record["text"],
                "published": dct,
                "times": [
                    {"start": t.start, "end": t.end, "text": t.text, "value": t.value,
                     "granularity": t.granularity, "type": t.type, "mod": t.mod}
                    for t in times
                ],
            }  # fmt: skip
            f.write(json.dumps({"gold_id": record["id"], "result": result}) + "\n")
    return timeit.default_timer() - started


def _score(pred: Path, extra: list[str], show: bool) -> dict[str, Any]:
    metrics_path = pred.with_suffix(".metrics.json")
    cmd = [sys.executable, str(SCORER), *extra, "--dev", "--json", str(metrics_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    if show:
        print(done.stdout)
    result: dict[str, Any] = json.loads(metrics_path.read_text("utf-8"))
    return result


def _figures(m: dict[str, Any]) -> dict[str, float]:
    rel = m.get("by_relative", {}).get("relative", {})
    return {
        "relaxed_p": round(m["relaxed_p"], 4),
        "relaxed_r": round(m["relaxed_r"], 4),
        "relaxed_f1": round(m["relaxed_f1"], 4),
        "strict_f1": round(m["strict_f1"], 4),
        "value_acc": round(m["value_acc"], 4),
        "norm_f1": round(m["norm_f1"], 4),
        "relative_recall": round(rel.get("relaxed_r", 0.0), 4),
        "relative_value_acc": round(rel.get("value_acc", 0.0), 4),
    }


def measure() -> dict[str, float]:
    """dateline's figures on the dev gold (all 256 documents; about 30 s with md)."""
    pred = OUT / "time_dateline_dev.jsonl"
    write_preds(pred)
    return _figures(_score(pred, [str(pred)], show=False))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", type=int, default=0, help="print N value errors of dateline")
    ap.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline")
    args = ap.parse_args(argv)
    pred = OUT / "time_dateline_dev.jsonl"
    seconds = write_preds(pred)
    print(f"== dateline ({load_model().name}, find_times over {GOLD.name}: {seconds:.1f}s)")
    extra = [str(pred)] + (["--errors", str(args.errors)] if args.errors else [])
    ours = _figures(_score(pred, extra, show=True))
    rows = [("dateline", ours)]
    if not args.no_baseline:
        base_pred = OUT / "time_dateparser_dev.jsonl"
        print("== baseline: spaCy sm DATE/TIME + dateparser (eval_time.py --baseline dateparser)")
        base = _figures(
            _score(base_pred, ["--baseline", "dateparser", "--out", str(base_pred)], True)
        )
        rows.append(("dateparser", base))
    names = list(ours)
    print(f"{'system':12s} " + " ".join(f"{n:>18s}" for n in names))
    for label, figs in rows:
        print(f"{label:12s} " + " ".join(f"{figs[n]:18.3f}" for n in names))
    print("measured:", json.dumps(ours))


if __name__ == "__main__":
    main()
