"""Event coder benchmark: PLOVER GSR + CAMEO ConfliBERT (dev), the annotated test fifth,
the learned model's cross-validation, and agreement with PETRARCH-2.

    .venv/bin/python bench/events.py            # dateline + the scorer's keywords baseline
    .venv/bin/python bench/events.py --no-baseline

The annotated test fifth (issue 13): the ``test`` split of
``src/dateline/data/events/annotated/plover_annotated.jsonl`` (never used to train, pick
thresholds or write rules) is written as a PLOVER-format gold file to
``bench/out/events/annotated_test.jsonl`` and scored by the scorer's ``--gold`` mode, three
ways from the same run: dateline with its learned event model, dateline with the rules only
(``Settings(event_model=False)``), and the scorer's keywords baseline. Each article goes
through the pipeline whole (as ``dateline ingest`` runs it); each annotated sentence gets the
events whose trigger lies in it (``bench/_annotated.py``). The 5-fold cross-validation of the
learned part on the train split (grouped by article, with and without the model, and the
reliability of ``confidence`` per 0.1 bin) is computed by ``make train`` with the same
scorer and read here from the shipped model's metadata.

Every gold sentence is analysed alone by the whole pipeline
(``Pipeline().analyze(RawArticle(text=sentence, published=date))``); the pred lines go to
``bench/out/events/`` and are scored by ``../shared/eval/eval_events.py`` (imported).

Agreement with PETRARCH-2 (``../shared/data/events/petr2_gsr.jsonl``, 78 sentences whose
expected events are PETRARCH-2's hand-corrected output, not human gold), computed here:

* ``petr2_sentence_agree``: share of the 78 sentences where dateline and PETRARCH-2 agree
  on whether there is an event and, if both have one, share at least one CAMEO root;
* ``petr2_root_agree``: over the 66 sentences PETRARCH-2 codes with events, share where a
  root of dateline's events equals a root of PETRARCH-2's;
* ``petr2_type_agree``: the same with PLOVER types, over sentences whose PETRARCH-2 events
  have a PLOVER type (CAMEO 01/02 have none);
* ``petr2_none_agree``: over the 12 sentences that must yield no event, share where dateline
  yields none.

These count dateline's typed events; the ``_all`` variants of sentence, root and no-event
agreement count every event with a CAMEO code, the untyped CAMEO 01/02 statements too
(PETRARCH-2 codes 01/02 as well).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EVAL = SHARED / "eval" / "eval_events.py"
DATA = SHARED / "data" / "events"
OUT = REPO / "bench" / "out" / "events"
BASELINE = REPO / "bench" / "baselines" / "events.json"
COMMAND = ".venv/bin/python bench/events.py"

sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _annotated import load_set, run_articles, sentence_results, write_gold  # noqa: E402
from _common import load_jsonl, load_scorer  # noqa: E402
from dateline.events._model import default_model  # noqa: E402
from dateline.pipeline import Pipeline, Settings  # noqa: E402
from dateline.types import Analysis, Failure, Origin, RawArticle  # noqa: E402


def _iso(day: str | None) -> str | None:
    if day and len(day) == 8 and day.isdigit():
        return f"{day[:4]}-{day[4:6]}-{day[6:]}"
    return day


def _analyze(pipeline: Pipeline, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    raws = [
        RawArticle(origin=Origin(record=r["id"]), text=r["text"], published=_iso(r.get("date")))
        for r in records
    ]
    try:
        results: list[Analysis | Failure | Exception] = list(pipeline.analyze_many(raws))
    except Exception:  # a stage crashed on some record: analyse one by one, keep the rest
        results = []
        for raw in raws:
            try:
                results.append(pipeline.analyze(raw))
            except Exception as exc:
                results.append(exc)
    out: list[dict[str, Any]] = []
    for rec, res in zip(records, results, strict=True):
        result = res.to_dict() if isinstance(res, Analysis) else {"text": rec["text"]}
        if isinstance(res, Failure):
            result["failure"] = res.code
        elif isinstance(res, Exception):
            result["failure"] = f"crash: {type(res).__name__}: {res}"
        out.append({"gold_id": rec["id"], "result": result})
    return out


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _roots(events: list[dict[str, Any]], key: str) -> set[str]:
    if key == "root":
        return {str(e.get("cameo") or "")[:2] for e in events if e.get("cameo")}
    return {str(e.get("type")) for e in events if e.get("type")}


def petr2_agreement(rows: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, float]:
    """The agreement figures over dateline's typed events, and (``_all``) over all its events
    with a CAMEO code, untyped CAMEO 01/02 statements included, as PETRARCH-2 codes those
    too."""
    typed = _petr2(rows, gold, lambda e: bool(e.get("type")))
    every = _petr2(rows, gold, lambda e: bool(e.get("cameo")))
    return {
        **typed,
        "petr2_sentence_agree_all": every["petr2_sentence_agree"],
        "petr2_root_agree_all": every["petr2_root_agree"],
        "petr2_none_agree_all": every["petr2_none_agree"],
    }


def _petr2(
    rows: list[dict[str, Any]], gold: list[dict[str, Any]], counts: Callable[[Any], bool]
) -> dict[str, float]:
    by_id = {r["gold_id"]: r["result"] for r in rows}
    agree = root_ok = root_n = type_ok = type_n = none_ok = none_n = 0
    for g in gold:
        ours = [e for e in by_id.get(g["id"], {}).get("events") or [] if counts(e)]
        theirs = [] if g.get("noevents") else g.get("events") or []
        their_roots = {str(e["root"]) for e in theirs if e.get("root")}
        their_types = {str(e["plover"]) for e in theirs if e.get("plover")}
        if not theirs:
            none_n += 1
            none_ok += not ours
            agree += not ours
            continue
        root_n += 1
        hit = bool(_roots(ours, "root") & their_roots)
        root_ok += hit
        agree += hit
        if their_types:
            type_n += 1
            type_ok += bool(_roots([e for e in ours if e.get("type")], "type") & their_types)
    return {
        "petr2_sentence_agree": agree / len(gold) if gold else 0.0,
        "petr2_root_agree": root_ok / root_n if root_n else 0.0,
        "petr2_type_agree": type_ok / type_n if type_n else 0.0,
        "petr2_none_agree": none_ok / none_n if none_n else 0.0,
    }


# The GSR's modes are PLOVER v0.5b1 strings; dateline's are the current manual's (the 2021
# CAMEO -> PLOVER table). Where v0.5b1 only spelled a mode differently, read it as the current
# mode; v0.5b1's heavy-weapons covered aircraft, which the current manual calls aerial.
V05_MODES: dict[str, tuple[str, ...]] = {
    "strike-hun": ("hunger",),
    "strike-gen": ("strike", "boycott"),
    "demo-org": ("demo",),
    "demo-spon": ("demo",),
    "riot-spon": ("riot",),
    "host": ("visit",),
    "confiscate": ("seize",),
    "detain": ("arrest",),
    "heavy-weapons": ("heavy-weapons", "aerial"),
}


def _mode_pairs(rows: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
    """(gold event, dateline's first event of its type) for gold events whose type dateline
    found in the sentence."""
    by_id = {r["gold_id"]: r["result"] for r in rows}
    pairs = []
    for g in gold:
        events = by_id.get(g["id"], {}).get("events") or []
        for ge in g["events"]:
            same = [e for e in events if e.get("type") == ge["event"]]
            if same:
                pairs.append((ge, same[0]))
    return pairs


def mode_accuracy(rows: list[dict[str, Any]], gold: list[dict[str, Any]]) -> float:
    """Mode accuracy on the types whose v0.5b1 coding has modes (ASSAULT, COERCE, CONSULT,
    MOBILIZE, PROTEST, THREATEN): over gold events of those types whose type dateline found,
    share where dateline's first event of that type has the gold mode (v0.5b1 spellings read
    through ``V05_MODES``; no mode = no mode). The other types have no modes in v0.5b1, so
    their null gold mode says nothing about the current manual's modes."""
    pairs = _mode_pairs(rows, gold)
    moded = {ge["event"] for g in gold for ge in g["events"] if ge.get("mode")}
    ok = n = 0
    for ge, ev in pairs:
        if ge["event"] not in moded:
            continue
        n += 1
        want = ge.get("mode") or None
        ok += (ev.get("mode") or None) in (V05_MODES.get(want, (want,)) if want else (None,))
    return ok / n if n else 0.0


def mode_accuracy_raw(rows: list[dict[str, Any]], gold: list[dict[str, Any]]) -> float:
    """The raw figure: every paired gold event, v0.5b1 mode string == dateline's mode."""
    pairs = _mode_pairs(rows, gold)
    ok = sum((ev.get("mode") or None) == (ge.get("mode") or None) for ge, ev in pairs)
    return ok / len(pairs) if pairs else 0.0


def _figures(res: dict[str, Any]) -> dict[str, float]:
    a, b = res["plover"], res["cameo"]
    return {
        "type_acc": a["type_acc"],
        "macro_f1": a["macro_f1"],
        "detection": a["detection"],
        "src_country": a["src_country"],
        "tgt_country": a["tgt_country"],
        "src_sector": a["src_sector"],
        "tgt_sector": a["tgt_sector"],
        "extra_per_sentence": a["extra_per_sentence"],
        "cameo_root_acc": b["root_acc"],
        "cameo_root_acc_event": b["root_acc_event"],
        "cameo_root_acc_none": b["root_acc_none"],
        "raters_pairwise": b["raters_pairwise"],
    }


def measure(pipeline: Pipeline | None = None, name: str = "dateline") -> dict[str, float]:
    """dateline's figures on the dev gold and PETRARCH-2 agreement (about a minute)."""
    ev = load_scorer(EVAL)
    pipeline = pipeline or Pipeline()
    gold = ev.load_gold("dev")
    rows = _analyze(pipeline, gold["plover"] + gold["cameo"])
    _write(OUT / f"pred-{name}.jsonl", rows)
    res = ev.evaluate("dev", {r["gold_id"]: r["result"] for r in rows})
    figures = _figures(res)
    figures["mode_acc"] = mode_accuracy(rows, gold["plover"])
    figures["mode_acc_raw"] = mode_accuracy_raw(rows, gold["plover"])
    figures["crashed"] = float(sum("failure" in r["result"] for r in rows))
    petr = load_jsonl(DATA / "petr2_gsr.jsonl")
    petr_rows = _analyze(pipeline, petr)
    _write(OUT / f"pred-{name}-petr2.jsonl", petr_rows)
    figures.update(petr2_agreement(petr_rows, petr))
    return figures


TEST_GOLD = OUT / "annotated_test.jsonl"
TEST_FIGURES = (
    "type_acc",
    "type_precision",
    "macro_f1",
    "detection",
    "false_alarm",
    "src_country",
    "tgt_country",
    "src_sector",
    "tgt_sector",
    "extra_per_sentence",
    "typed_per_sentence",
)


def _test_figures(res: dict[str, Any]) -> dict[str, float]:
    plover = res["plover"]
    typed = {"typed_per_sentence": plover["pred_events"] / max(1, plover["sentences"])}
    return {k: float(typed[k] if k in typed else plover[k]) for k in TEST_FIGURES}


VARIANTS = {"rules": False, "model": True}  # name -> Settings.event_model


def measure_test_fifth(
    variants: tuple[str, ...] = ("rules", "model"), keywords: bool = False
) -> dict[str, dict[str, float]]:
    """The annotated test fifth scored by ``eval_events.py --gold``: per variant (``rules``:
    the event model off; ``model``: on, as shipped) and, with ``keywords``, the scorer's
    keywords baseline. Whole articles through the pipeline."""
    ev = load_scorer(EVAL)
    records = load_set("test")
    write_gold(records, TEST_GOLD)
    ev.GOLD["annotated-test"] = {"plover": TEST_GOLD}
    out: dict[str, dict[str, float]] = {}
    for name in variants:
        pipeline = Pipeline(settings=Settings(model="md", event_model=VARIANTS[name]))
        runs = run_articles(pipeline, records, capture=False)
        preds: dict[str, dict[str, Any]] = {}
        for run in runs:
            preds.update(sentence_results(run))
        rows = [{"gold_id": k, "result": v} for k, v in preds.items()]
        _write(OUT / f"pred-test-fifth-{name}.jsonl", rows)
        out[name] = _test_figures(ev.evaluate("annotated-test", preds))
        out[name]["located"] = len(preds) / len(records)
    if keywords:
        rows = ev.make_preds("keywords", "annotated-test")
        _write(OUT / "pred-test-fifth-keywords.jsonl", rows)
        kw = ev.evaluate("annotated-test", {r["gold_id"]: r["result"] for r in rows})
        out["keywords"] = _test_figures(kw)
    return out


def _table(columns: dict[str, dict[str, float]], keys: tuple[str, ...]) -> str:
    names = list(columns)
    lines = ["  " + " " * 22 + "".join(f"{n:>10s}" for n in names)]
    for k in keys:
        cells = "".join(
            f"{columns[n][k]:10.3f}" if k in columns[n] else f"{'-':>10s}" for n in names
        )
        lines.append(f"  {k:22s}{cells}")
    return "\n".join(lines)


def cross_validation() -> dict[str, Any]:
    """The shipped model's 5-fold cross-validation on the train split (``make train``)."""
    cv: dict[str, Any] = default_model().meta["cross_validation"]
    return cv


def main(argv: list[str]) -> int:
    t0 = time.time()
    figures = measure()
    took = time.time() - t0
    ev = load_scorer(EVAL)
    print(f"dateline events (dev, {took:.0f}s)")
    for k, v in figures.items():
        print(f"  {k:22s} {v:.3f}")
    res = ev.evaluate(
        "dev", {r["gold_id"]: r["result"] for r in load_jsonl(OUT / "pred-dateline.jsonl")}
    )
    print(ev.report("dateline", "dev", res))
    if "--no-baseline" not in argv:
        rows = ev.make_preds("keywords", "dev")
        base = _figures(ev.evaluate("dev", {r["gold_id"]: r["result"] for r in rows}))
        base["mode_acc"] = mode_accuracy(rows, ev.load_gold("dev")["plover"])
        base["mode_acc_raw"] = mode_accuracy_raw(rows, ev.load_gold("dev")["plover"])
        petr = load_jsonl(DATA / "petr2_gsr.jsonl")
        texts = [r for r in petr if r["text"].strip()]  # the baseline fails on an empty text
        kw = ev.keywords_results([r["text"] for r in texts])
        paired = [{"gold_id": r["id"], "result": x} for r, x in zip(texts, kw, strict=True)]
        base.update(petr2_agreement(paired, petr))
        print(
            "baseline: the scorer's --baseline keywords (root verb's CAMEO code, first countries)"
        )
        for k, v in base.items():
            print(f"  {k:22s} {v:.3f}")
    # the other setting of the learned event model than the shipped default
    shipped_model = Settings().event_model
    other = measure(Pipeline(settings=Settings(event_model=not shipped_model)), "dateline-other")
    with_model, rules_only = (figures, other) if shipped_model else (other, figures)
    print(f"dev gold, the event model off and on (shipped: {'on' if shipped_model else 'off'})")
    print(_table({"rules": rules_only, "model": with_model}, tuple(figures)))
    t1 = time.time()
    fifth = measure_test_fifth(keywords="--no-baseline" not in argv)
    print(f"annotated test fifth ({time.time() - t1:.0f}s; eval_events.py --gold {TEST_GOLD})")
    print(_table(fifth, (*TEST_FIGURES, "located")))
    cv = cross_validation()
    print(
        f"5-fold cross-validation on the train split, grouped by article "
        f"({cv['sentences']} sentences; make train, model metadata)"
    )
    print(_table({"rules": cv["rules"], "model": cv["model"]}, tuple(cv["model"])))
    print(f"  candidate top-1: rules {cv['rules_top1']:.3f}, model {cv['model_top1']:.3f}")
    for name in ("reliability_model", "reliability_rules"):
        print(f"  {name} (bin: n, mean confidence, share right)")
        for b in cv[name]:
            print(f"    {b['bin']}: {b['n']:4d} {b['confidence']:.3f} {b['right']:.3f}")
    floors = {
        k: round(max(0.0, v - 0.02), 3)
        for k, v in figures.items()
        if k not in ("extra_per_sentence", "raters_pairwise", "crashed", "mode_acc", "mode_acc_raw")
        and not k.endswith("_all")
    }
    model = fifth["model" if Settings().event_model else "rules"]
    baseline = {
        "floors": floors,
        "measured": {k: round(v, 3) for k, v in figures.items()},
        # the annotated test fifth (tests/test_event_model.py gates on these floors)
        "test_fifth_floors": {
            k: round(max(0.0, model[k] - 0.03), 3)
            for k in ("type_acc", "type_precision", "macro_f1", "src_country", "tgt_country")
        },
        "measured_with_model": {k: round(v, 3) for k, v in with_model.items()},
        "measured_rules_only": {k: round(v, 3) for k, v in rules_only.items()},
        "test_fifth": {n: {k: round(v, 3) for k, v in f.items()} for n, f in fifth.items()},
        "cross_validation": {n: cv[n] for n in ("rules", "model")},
        "command": COMMAND,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "events.json").write_text(json.dumps(baseline, indent=1) + "\n", "utf-8")
    print(f"baseline candidate written to {OUT / 'events.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
