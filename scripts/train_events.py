"""Train the learned event model (``dateline.events._model``) on the annotated set.

    python scripts/train_events.py            # (make train) writes src/dateline/data/events/model/
    python scripts/train_events.py --out DIR  # elsewhere (the tests train a tiny model)

Deterministic, CPU only, numpy only, a few minutes (most of it the pipeline over the
articles):

1. Every article of the annotated set's ``train`` split (``plover_annotated.jsonl``, whatever
   it holds; the ``test`` fifth is never read) goes whole through the pipeline with the
   model off; the rule coder's typed events, the lexicon triggers it passed over (the
   candidates: dropped at its sentence pre-filter or its actor filter) and their feature
   rows are captured at the event stage (``bench/_annotated.py``), and each is labelled by
   the gold event it matches (trigger overlap first, then the same sentence; unmatched or a
   gold non-event: NONE).
2. Five folds grouped by article (fixed by a hash of the article id): for each L2 strength,
   out-of-fold probabilities of every row; a temperature fitted to them (negative
   log-likelihood); then the drop, retype and promote thresholds whose decisions score best
   on the train sentences, scored by ``../shared/eval/eval_events.py``: the highest micro F1
   of its type precision and type accuracy among the settings whose type precision and
   source and target country are at least the rules' own, a tie (within 0.002) going to
   the higher type precision (coordinate search: drop and retype, then promote, then drop
   and retype again).
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
    decide_all,
    promote,
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
PROMOTE_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never promote
QUALIFY = ("type_precision", "src_country", "tgt_country")  # none may fall below the rules'
F1_TIES = 0.002  # type F1 this close to the best is a tie, won by the higher type precision
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
        ruled = rule_types(run.coded, run.index, CLASSES, len(run.events))
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


def model_of(drop: float, retype: float, promote: float, t: float = 1.0) -> EventModel:
    return EventModel(CLASSES, np.zeros((1, 1)), np.zeros(1), 0.0, drop, retype, promote, t, "", {})


def decided_preds(
    runs: list[ArticleRun],
    probs: dict[tuple[int, int], Matrix] | None,
    model: EventModel | None,
) -> dict[str, dict[str, Any]]:
    """Per-sentence results of the rule events and candidates, as the model decides them
    (None: the rules alone); the decision is the pipeline's own (``decide_all``)."""
    preds: dict[str, dict[str, Any]] = {}
    for r, run in enumerate(runs):
        events: Any = run.events
        if probs is not None and model is not None:
            mine = {n: probs[(r, row)] for row, n in enumerate(run.index) if (r, row) in probs}
            events = decide_all(run.events, run.candidates, mine, model)
        preds.update(sentence_results(run, events))
    return preds


class SentenceScores:
    """Type accuracy, type precision and source and target country of a whole set of
    predictions, from per-sentence counts that are each scored once
    (``eval_events.score_plover`` on that one sentence): each figure is a ratio of sums over
    sentences (right types / gold events, right types / typed predictions, right countries /
    gold actors with a country), and a threshold search changes few sentences at a time."""

    def __init__(self, ev: Any, gold: list[dict[str, Any]]):
        self.ev = ev
        self.gold = {g["id"]: g for g in gold}
        self.memo: dict[tuple[str, str], tuple[int, ...]] = {}

    def counts(self, rid: str, result: dict[str, Any]) -> tuple[int, ...]:
        """(right types, gold events, typed predictions, right source countries, gold
        sources with one, right target countries, gold targets with one) of a sentence."""
        keep = ("type", "mode", "cameo", "source", "target", "trigger", "sentence")
        key = json.dumps([{k: e.get(k) for k in keep} for e in result["events"]])
        if (rid, key) not in self.memo:
            res = self.ev.score_plover([self.gold[rid]], {rid: result})
            gold, pred = int(res["gold_events"]), int(res["pred_events"])
            src_n, tgt_n = int(res["src_country_n"]), int(res["tgt_country_n"])
            self.memo[(rid, key)] = (
                round(res["type_acc"] * gold),
                gold,
                pred,
                round(res["src_country"] * src_n),
                src_n,
                round(res["tgt_country"] * tgt_n),
                tgt_n,
            )
        return self.memo[(rid, key)]

    def __call__(self, preds: dict[str, dict[str, Any]]) -> dict[str, float]:
        sums = [0] * 7
        for rid, result in preds.items():
            if rid in self.gold:
                sums = [a + b for a, b in zip(sums, self.counts(rid, result), strict=True)]
        ok, gold, pred, src, src_n, tgt, tgt_n = sums
        return {
            "type_acc": ok / gold if gold else 0.0,
            "type_precision": ok / pred if pred else 0.0,
            "src_country": src / src_n if src_n else 0.0,
            "tgt_country": tgt / tgt_n if tgt_n else 0.0,
        }


def search(
    runs: list[ArticleRun],
    probs: dict[tuple[int, int], Matrix],
    t: float,
    score: SentenceScores,
    floor: dict[str, float],
) -> tuple[tuple[float, float, float], tuple[bool, float, float]]:
    """The (drop, retype, promote) thresholds that score best, and (qualifies, type F1, type
    precision) of them: a coordinate search, drop and retype with promotion off, then
    promote, then drop and retype again. Best: qualifying (type precision and source and
    target country at least the rules', ``floor``), then the highest type F1; among the
    points within ``F1_TIES`` of that F1 the highest type precision; then the more
    cautious thresholds."""
    memo: dict[tuple[float, float, float], tuple[bool, float, float]] = {}

    def judge(point: tuple[float, float, float]) -> tuple[bool, float, float]:
        if point not in memo:
            res = score(decided_preds(runs, probs, model_of(*point, t)))
            ok = all(res[k] >= v - 1e-9 for k, v in floor.items())
            memo[point] = (ok, round(f1(res), 4), round(float(res["type_precision"]), 4))
        return memo[point]

    def pick(grid: list[tuple[float, float, float]]) -> tuple[float, float, float]:
        return best_of(grid, judge)

    point = (1.01, 1.01, 1.01)
    for stage in ("check", "promote", "check"):
        if stage == "promote":
            point = pick([(point[0], point[1], pr) for pr in PROMOTE_GRID])
        else:
            point = pick([(d, rt, point[2]) for d in DROP_GRID for rt in RETYPE_GRID])
    return point, judge(point)


def best_of(points: list[Any], judge: Any) -> Any:
    """The best of ``points`` by ``judge(point)`` = (qualifies, F1, precision): among the
    qualifying ones (if any), those within ``F1_TIES`` of the highest F1, the one with the
    highest precision; ties to the greater point (the stronger regularisation, the more
    cautious thresholds)."""
    ok = max(judge(g)[0] for g in points)
    top = max(judge(g)[1] for g in points if judge(g)[0] == ok)
    near = [g for g in points if judge(g)[0] == ok and judge(g)[1] >= top - F1_TIES]
    return max(near, key=lambda g: (judge(g)[2], g))


def f1(res: dict[str, Any]) -> float:
    p, r = res["type_precision"], res["type_acc"]
    return 2 * p * r / (p + r) if p + r else 0.0


FIGURES = ("type_acc", "type_precision", "macro_f1", "detection", "false_alarm",
           "src_country", "tgt_country", "extra_per_sentence")  # fmt: skip


def figures(res: dict[str, Any]) -> dict[str, float]:
    out = {k: round(float(res[k]), 3) for k in FIGURES}
    out["type_f1"] = round(f1(res), 3)
    out["typed_per_sentence"] = round(res["pred_events"] / max(1, res["sentences"]), 3)
    out["typed_events"] = int(res["pred_events"])
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
        run, n = runs[r], runs[r].index[row]
        if n >= len(run.events):  # a candidate: counted when promoted
            if probs is None or model is None:
                continue
            kept = promote(run.candidates[n - len(run.events)], probs[i], model)
        else:
            kept = run.events[n]
            if probs is not None and model is not None:
                kept = decide(kept, probs[i], model)
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
    rule_rows = sum(runs[r].index[row] < len(runs[r].events) for r, row in where)
    print(f"{len(y)} labelled rows ({rule_rows} rule events): {counts}", file=sys.stderr)

    def score(preds: dict[str, dict[str, Any]]) -> dict[str, Any]:
        located_ids = set(preds)
        gold = [r for r in records if r["id"] in located_ids]
        result: dict[str, Any] = ev.score_plover(gold, preds)
        return result

    rules = score(decided_preds(runs, None, None))
    fast = SentenceScores(ev, records)
    assert abs(fast(decided_preds(runs, None, None))["type_acc"] - rules["type_acc"]) < 1e-9
    floor = {k: float(rules[k]) for k in QUALIFY}
    # per L2 strength: its thresholds, temperature and (qualifies, F1, precision); the
    # strengths are compared as the thresholds are (``best_of``)
    found: dict[float, tuple[tuple[float, float, float], float, tuple[bool, float, float]]] = {}
    logits_by_l2 = {}
    gram = x @ x.T
    for l2 in L2_GRID:
        logits = out_of_fold(gram, ruled, y, groups, l2)
        t = best_temperature(logits, y)
        logits_by_l2[l2] = (logits, t)
        p = softmax(logits / t)
        probs = {wh: p[i] for i, wh in enumerate(where)}
        point, judged = search(runs, probs, t, fast, floor)
        found[l2] = (point, t, judged)
        top1 = float((p.argmax(axis=1) == y).mean())
        print(f"l2 {l2:g}: T {t}, top-1 {top1:.3f}, {point} {judged}", file=sys.stderr)
    l2 = best_of(list(L2_GRID), lambda k: found[k][2])
    (drop, retype, promote_at), t, _ = found[l2]
    logits, _ = logits_by_l2[l2]
    p = softmax(logits / t)
    probs = {wh: p[i] for i, wh in enumerate(where)}
    chosen = model_of(drop, retype, promote_at, t)
    with_model = score(decided_preds(runs, probs, chosen))
    w, b, prior = fit(x, ruled, y, l2)
    cv = {
        "folds": FOLDS,
        "grouped_by": "article",
        "sentences": rules["sentences"],
        "rules": figures(rules),
        "model": figures(with_model),
        "selection": f"{', '.join(QUALIFY)} >= the rules', then the highest type F1; "
        f"within {F1_TIES} of it, the highest type precision",
        "model_top1": round(float((p.argmax(axis=1) == y).mean()), 3),
        "rules_top1": round(
            float(
                np.mean(
                    [
                        runs[r].coded[runs[r].index[row]].type == CLASSES[int(y[i])]
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
        "thresholds": {"drop": drop, "retype": retype, "promote": promote_at},
        "temperature": t,
        "l2": l2,
        "prior": round(float(prior), 4),
        "training": {
            "data": "src/dateline/data/events/annotated/plover_annotated.jsonl, split train",
            "data_sha256": digest,
            "articles": len(runs),
            "rows": len(y),
            "rule_rows": rule_rows,
            "candidate_rows": len(y) - rule_rows,
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
        f"chosen: l2 {l2:g}, drop P(NONE) >= {drop}, retype P >= {retype}, "
        f"promote P >= {promote_at}, T {t}; "
        f"wrote {a.out} ({time.time() - t0:.0f}s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
