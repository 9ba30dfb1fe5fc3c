"""Train the learned event model (``dateline.events._model``) on the annotated set.

    python scripts/train_events.py            # (make train) writes src/dateline/data/events/model/
    python scripts/train_events.py --out DIR  # elsewhere (the tests train a tiny model)

Deterministic, CPU only, numpy only, a few minutes (most of it the pipeline over the
articles):

1. Every article of the annotated set's ``train`` split (``plover_annotated.jsonl``, whatever
   it holds; the ``test`` fifth is never read) goes whole through the pipeline with the
   model off; the rule coder's typed events and their feature rows are captured at the
   event stage (``bench/_annotated.py``), and each is labelled by the gold event it matches
   (trigger overlap first, then the same sentence; unmatched or a gold non-event: NONE).
2. Five folds grouped by article (fixed by a hash of the article id): for each L2 strength,
   out-of-fold probabilities of every candidate; a temperature fitted to them (negative
   log-likelihood); then the drop and retype thresholds whose decisions score best on the
   train sentences, scored by ``../shared/eval/eval_events.py`` (micro F1 of its type
   precision and type accuracy).
3. The chosen strength trained on every candidate; weights, thresholds, temperature and
   the cross-validated figures (with and without the model, reliability per 0.1 bin) go to
   ``plover_linear.npz`` and ``plover_linear.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one BLAS thread: faster on a busy machine, repeatable

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from _annotated import SET, ArticleRun, labels, load_set, run_articles, sentence_results  # noqa: E402
from _common import load_scorer  # noqa: E402
from dateline.events._model import (  # noqa: E402
    FEATURE_VERSION,
    FORMAT_VERSION,
    META,
    NONE,
    WEIGHTS,
    EventModel,
    decide,
    rule_types,
)
from dateline.pipeline import Pipeline, Settings  # noqa: E402

EVAL = REPO.parent / "shared" / "eval" / "eval_events.py"
OUT = REPO / "src" / "dateline" / "data" / "events" / "model"
SCRATCH = REPO / "bench" / "out" / "events"
CLASSES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    NONE,
)  # fmt: skip
FOLDS = 5
L2_GRID = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2)
DROP_GRID = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never drop
RETYPE_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never retype
TEMPERATURES = tuple(round(0.5 + 0.1 * i, 1) for i in range(26))
COMMAND = "make train  (python scripts/train_events.py)"

Matrix = np.ndarray


def fold_of(article_id: str) -> int:
    """The cross-validation fold of an article (a hash, not the split's)."""
    return int(hashlib.sha1(("dateline-cv:" + article_id).encode()).hexdigest(), 16) % FOLDS


def softmax(z: Matrix) -> Matrix:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_kernel(
    k: Matrix, r: Matrix, y: np.ndarray, l2: float, steps: int = 400
) -> tuple[Matrix, Matrix, float]:
    """Multinomial logistic regression, mean cross-entropy + l2/2 |W|^2, with logits
    X W + b + prior * R (R: one-hot of the rules' type, ``prior`` one shared number), by
    full-batch gradient descent with Nesterov momentum from zero. It runs in the span of
    the rows: with W = X^T A the logits are K A + b + prior R (K = X X^T), and each step on
    A is exactly the step on W, at n x n instead of n x d cost. Deterministic."""
    n = len(y)
    target = np.eye(len(CLASSES))[y]
    a, b, c = np.zeros((n, len(CLASSES))), np.zeros(len(CLASSES)), 0.0
    va, vb, vc = np.zeros_like(a), np.zeros_like(b), 0.0
    lr, mom = 0.5, 0.9
    for _ in range(steps):
        la, lb, lc = a + mom * va, b + mom * vb, c + mom * vc
        g = (softmax(k @ la + lb + lc * r) - target) / n
        va = mom * va - lr * (g + l2 * la)
        vb = mom * vb - lr * g.sum(axis=0)
        vc = mom * vc - lr * float((g * r).sum())
        a, b, c = a + va, b + vb, c + vc
    return a, b, c


def fit(x: Matrix, r: Matrix, y: np.ndarray, l2: float) -> tuple[Matrix, Matrix, float]:
    """Weights (features x classes), bias and rule prior trained on ``x``, ``y``."""
    a, b, c = fit_kernel(x @ x.T, r, y, l2)
    return x.T @ a, b, c


def collect(
    runs: list[ArticleRun],
) -> tuple[Matrix, Matrix, np.ndarray, list[tuple[int, int]]]:
    """Feature rows with a label, their rule types, class numbers, and (run, row) of each."""
    xs, rs, ys, where = [], [], [], []
    for r, run in enumerate(runs):
        ruled = rule_types(run.events, run.index, CLASSES)
        for row, label in enumerate(labels(run)):
            if label is not None:
                xs.append(run.x[row])
                rs.append(ruled[row])
                ys.append(CLASSES.index(label))
                where.append((r, row))
    return np.vstack(xs), np.vstack(rs), np.array(ys, dtype=np.int64), where


def out_of_fold(k: Matrix, r: Matrix, y: np.ndarray, groups: np.ndarray, l2: float) -> Matrix:
    """Out-of-fold logits of every row (``k``: the Gram matrix of all rows)."""
    logits = np.zeros((len(y), len(CLASSES)))
    for f in range(FOLDS):
        held, train = np.flatnonzero(groups == f), np.flatnonzero(groups != f)
        a, b, c = fit_kernel(k[np.ix_(train, train)], r[train], y[train], l2)
        logits[held] = k[np.ix_(held, train)] @ a + b + c * r[held]
    return logits


def best_temperature(logits: Matrix, y: np.ndarray) -> float:
    def nll(t: float) -> float:
        p = softmax(logits / t)
        return float(-np.log(p[np.arange(len(y)), y] + 1e-12).mean())

    return min(TEMPERATURES, key=lambda t: (round(nll(t), 6), t))


def model_of(drop: float, retype: float, t: float = 1.0) -> EventModel:
    return EventModel(CLASSES, np.zeros((1, 1)), np.zeros(1), 0.0, drop, retype, t, "", {})


def decided_preds(
    runs: list[ArticleRun],
    probs: dict[tuple[int, int], Matrix] | None,
    model: EventModel | None,
) -> dict[str, dict[str, Any]]:
    """Per-sentence results of the rule events, as the model decides them (None: rules)."""
    preds: dict[str, dict[str, Any]] = {}
    for r, run in enumerate(runs):
        events = list(run.events)
        if probs is not None and model is not None:
            out: list[Any] = list(events)
            for row, n in enumerate(run.index):
                p = probs.get((r, row))
                if p is not None:
                    out[n] = decide(events[n], p, model)
            events = [e for e in out if e is not None]
        preds.update(sentence_results(run, events))
    return preds


def f1(res: dict[str, Any]) -> float:
    p, r = res["type_precision"], res["type_acc"]
    return 2 * p * r / (p + r) if p + r else 0.0


FIGURES = ("type_acc", "type_precision", "macro_f1", "detection", "false_alarm",
           "src_country", "tgt_country", "extra_per_sentence")  # fmt: skip


def figures(res: dict[str, Any]) -> dict[str, float]:
    out = {k: round(float(res[k]), 3) for k in FIGURES}
    out["type_f1"] = round(f1(res), 3)
    return out


def reliability(conf: list[float], right: list[bool]) -> list[dict[str, Any]]:
    """Per 0.1 bin of confidence: count, mean confidence, share right."""
    bins = []
    c, ok = np.array(conf), np.array(right, dtype=float)
    for i in range(10):
        lo, hi = i / 10, (i + 1) / 10
        m = (c >= lo) & ((c < hi) if i < 9 else (c <= hi))
        if m.any():
            bins.append(
                {
                    "bin": f"{lo:.1f}-{hi:.1f}",
                    "n": int(m.sum()),
                    "confidence": round(float(c[m].mean()), 3),
                    "right": round(float(ok[m].mean()), 3),
                }
            )
    return bins


def calibration(
    runs: list[ArticleRun],
    where: list[tuple[int, int]],
    y: np.ndarray,
    probs: Matrix | None,
    model: EventModel | None,
) -> list[dict[str, Any]]:
    """Reliability of the kept typed events' confidence (right = its label is its type)."""
    conf, right = [], []
    for i, (r, row) in enumerate(where):
        event = runs[r].events[runs[r].index[row]]
        if probs is not None and model is not None:
            kept = decide(event, probs[i], model)
            if kept is None:
                continue
            event = kept
        conf.append(float(event.confidence or 0.0))
        right.append(CLASSES[int(y[i])] == event.type)
    return reliability(conf, right)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT, help="folder for the weights")
    ap.add_argument("--data", type=Path, default=SET, help="the annotated JSONL")
    ap.add_argument("--articles", type=int, default=0, help="only the first N train articles")
    a = ap.parse_args(argv)
    t0 = time.time()
    records = load_set("train", a.data)
    if a.articles:
        keep = sorted({r["article_id"] for r in records})[: a.articles]
        records = [r for r in records if r["article_id"] in keep]
    ev = load_scorer(EVAL)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    pipeline = Pipeline(settings=Settings(model="md", event_model=False))
    runs = run_articles(pipeline, records, capture=True)
    located = sum(len(run.where) for run in runs)
    print(
        f"{len(runs)} train articles, {located} of {len(records)} sentences located "
        f"({time.time() - t0:.0f}s)",
        file=sys.stderr,
    )
    x, ruled, y, where = collect(runs)
    groups = np.array([fold_of(runs[r].article_id) for r, _ in where])
    counts = {c: int((y == i).sum()) for i, c in enumerate(CLASSES) if (y == i).any()}
    print(f"{len(y)} labelled candidates: {counts}", file=sys.stderr)

    def score(preds: dict[str, dict[str, Any]]) -> dict[str, Any]:
        located_ids = set(preds)
        gold = [r for r in records if r["id"] in located_ids]
        result: dict[str, Any] = ev.score_plover(gold, preds)
        return result

    rules = score(decided_preds(runs, None, None))
    best: tuple[float, float, float, float, float] | None = None  # f1, l2, drop, retype, t
    logits_by_l2 = {}
    gram = x @ x.T
    for l2 in L2_GRID:
        logits = out_of_fold(gram, ruled, y, groups, l2)
        t = best_temperature(logits, y)
        logits_by_l2[l2] = (logits, t)
        p = softmax(logits / t)
        probs = {wh: p[i] for i, wh in enumerate(where)}
        for drop in DROP_GRID:
            for retype in RETYPE_GRID:
                got = f1(score(decided_preds(runs, probs, model_of(drop, retype, t))))
                # ties: the stronger regularisation, the more cautious thresholds
                key = (round(got, 4), l2, drop, retype, t)
                if best is None or key > best:
                    best = key
        top1 = float((p.argmax(axis=1) == y).mean())
        print(f"l2 {l2:g}: T {t}, top-1 {top1:.3f}, best so far {best}", file=sys.stderr)
    assert best is not None
    _, l2, drop, retype, t = best
    logits, _ = logits_by_l2[l2]
    p = softmax(logits / t)
    probs = {wh: p[i] for i, wh in enumerate(where)}
    chosen = model_of(drop, retype, t)
    with_model = score(decided_preds(runs, probs, chosen))
    w, b, prior = fit(x, ruled, y, l2)
    cv = {
        "folds": FOLDS,
        "grouped_by": "article",
        "sentences": rules["sentences"],
        "rules": figures(rules),
        "model": figures(with_model),
        "model_top1": round(float((p.argmax(axis=1) == y).mean()), 3),
        "rules_top1": round(
            float(
                np.mean(
                    [
                        runs[r].events[runs[r].index[row]].type == CLASSES[int(y[i])]
                        for i, (r, row) in enumerate(where)
                    ]
                )
            ),
            3,
        ),
        "reliability_model": calibration(runs, where, y, p, chosen),
        "reliability_rules": calibration(runs, where, y, None, None),
    }
    digest = hashlib.sha256(a.data.read_bytes()).hexdigest()
    meta = {
        "format_version": FORMAT_VERSION,
        "feature_version": FEATURE_VERSION,
        "model": "plover-linear",
        "vectors": pipeline.model.nlp.vocab.vectors.name,
        "spacy_model": f"{pipeline.model.nlp.meta['lang']}_{pipeline.model.nlp.meta['name']}"
        f"-{pipeline.model.nlp.meta['version']}",
        "classes": list(CLASSES),
        "thresholds": {"drop": drop, "retype": retype},
        "temperature": t,
        "l2": l2,
        "prior": round(float(prior), 4),
        "training": {
            "data": "src/dateline/data/events/annotated/plover_annotated.jsonl, split train",
            "data_sha256": digest,
            "articles": len(runs),
            "candidates": len(y),
            "classes": counts,
        },
        "cross_validation": cv,
        "date": dt.date.today().isoformat(),
        "command": COMMAND,
    }
    a.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        a.out / WEIGHTS,
        weights=w.astype(np.float32),
        bias=b.astype(np.float32),
        prior=np.float32(prior),
    )
    (a.out / META).write_text(json.dumps(meta, indent=1) + "\n", "utf-8")
    print(json.dumps(cv, indent=1))
    print(
        f"chosen: l2 {l2:g}, drop P(NONE) >= {drop}, retype P >= {retype}, T {t}; "
        f"wrote {a.out} ({time.time() - t0:.0f}s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
