"""The project's annotated sentence set, run article by article through dateline.

Shared by ``scripts/train_events.py`` (training data, cross-validation) and
``bench/events.py`` (the test fifth). Whole articles go through the pipeline; each annotated
sentence is found in the analysed text near its recorded offset, and gets a result of its
own for ``eval_events.py``: the sentence as ``text``, the events whose trigger lies in it,
and the entities with their mentions in it (offsets relative to the sentence).

The rule coder's events, the candidates it passed over, and their feature rows
(``dateline.events._model.featurize``, the function the pipeline uses) are captured at the
event stage, so training sees exactly what the model sees at run time.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from dateline.events._coder import Candidate
from dateline.events._model import NONE, coded, featurize
from dateline.pipeline import Pipeline
from dateline.types import Analysis, Event, Origin, RawArticle

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SET = REPO / "src" / "dateline" / "data" / "events" / "annotated" / "plover_annotated.jsonl"
CORPORA = {
    "voa": SHARED / "data" / "corpus" / "voa.jsonl",
    "wikinews": REPO / "src" / "dateline" / "data" / "corpus" / "wikinews.jsonl",
}

__all__ = ["ArticleRun", "load_set", "run_articles", "sentence_results"]


def load_set(split: str, path: Path = SET) -> list[dict[str, Any]]:
    """The annotated records of one split (``train`` or ``test``), in file order."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["split"] == split]


def _articles(ids: set[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in CORPORA.values():
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if str(rec["id"]) in ids:
                    found[str(rec["id"])] = rec
    return found


@dataclass
class ArticleRun:
    """One article's analysis, its annotated sentences located in it, the rule events."""

    article_id: str
    analysis: dict[str, Any]
    records: list[dict[str, Any]]
    where: dict[str, tuple[int, int]]  # record id -> (start, end) in the analysed text
    amap: list[int]  # raw article offset -> analysed text offset
    events: tuple[Event, ...] = ()  # the rule coder's events (captured at the stage)
    candidates: list[Candidate] = field(default_factory=list)  # the triggers it passed over
    x: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    index: list[int] = field(default_factory=list)  # feature row -> number in ``coded``
    _entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def coded(self) -> list[Event]:
        """The rule events, then the candidates' events (the feature rows' numbering)."""
        return [*self.events, *(c.event for c in self.candidates)]

    def entities_in(self, record_id: str) -> list[dict[str, Any]]:
        """The article's entities with only their mentions in the sentence, rebased."""
        if record_id not in self._entities:
            lo, hi = self.where[record_id]
            self._entities[record_id] = [
                {
                    **ent,
                    "mentions": [
                        {**m, "start": m["start"] - lo, "end": m["end"] - lo}
                        for m in ent["mentions"]
                        if lo <= m["start"] and m["end"] <= hi
                    ],
                }
                for ent in self.analysis["entities"]
            ]
        return self._entities[record_id]

    def gold_span(self, rec: dict[str, Any], span: dict[str, Any]) -> tuple[int, int]:
        """A gold span (offsets in its sentence) in the analysed text."""
        start = rec["start"] + span["start"]
        return self.amap[start], self.amap[start + max(0, span["end"] - span["start"] - 1)] + 1

    def record_of(self, offset: int) -> dict[str, Any] | None:
        for rec in self.records:
            span = self.where.get(rec["id"])
            if span and span[0] <= offset < span[1]:
                return rec
        return None


def char_map(raw: str, text: str) -> list[int]:
    """Each offset of the raw article text -> the offset in the analysed text (the structure
    stage straightens quotes, drops boilerplate...): difflib's matching blocks, the gaps
    carried forward from the last matched character."""
    out = [-1] * (len(raw) + 1)
    matcher = difflib.SequenceMatcher(None, raw, text, autojunk=False)
    for a, b, n in matcher.get_matching_blocks():
        for k in range(n):
            out[a + k] = b + k
    last = 0
    for i, v in enumerate(out):
        if v < 0:
            out[i] = last
        else:
            last = v + 1 if i < len(raw) else v
    out[len(raw)] = len(text)
    return out


def _locate(
    raw: str, text: str, records: list[dict[str, Any]]
) -> tuple[dict[str, tuple[int, int]], list[int]]:
    where: dict[str, tuple[int, int]] = {}
    amap = char_map(raw, text)
    for rec in records:
        lo, hi = amap[rec["start"]], amap[rec["end"] - 1] + 1
        if hi > lo and text[lo:hi].strip():
            where[rec["id"]] = (lo, hi)
    return where, amap


def run_articles(
    pipeline: Pipeline, records: list[dict[str, Any]], capture: bool
) -> list[ArticleRun]:
    """Analyse every article of ``records`` whole; ``capture``: keep the event stage's
    events and feature rows (run the pipeline with ``event_model=False`` for the rules')."""
    by_article: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        by_article.setdefault(rec["article_id"], []).append(rec)
    texts = _articles(set(by_article))
    missing = sorted(set(by_article) - set(texts))
    if missing:
        raise SystemExit(f"articles not found in {list(CORPORA.values())}: {missing[:5]}")
    captured: list[tuple[tuple[Event, ...], list[Candidate], np.ndarray, list[int]]] = []
    restore: Callable[[], None] | None = None
    if capture:
        nlp = pipeline._nlp()
        stage = nlp.get_pipe("dateline_events")
        original = stage.annotate

        def annotate(doc: Doc, article: Any) -> None:
            # the rules' events (as with the model off) and the candidates they passed over
            events, candidates = stage.code(doc, article, candidates=True)
            doc._.events = events
            every, extra = coded(events, candidates)
            x, index = featurize(doc, every, extra)
            captured.append((events, candidates, x, index))

        stage.annotate = annotate  # type: ignore[method-assign]

        def restore() -> None:
            stage.annotate = original  # type: ignore[method-assign]

    ids = sorted(by_article)
    raws = [
        RawArticle(
            origin=Origin(record=aid),
            text=texts[aid]["text"],
            published=(texts[aid].get("published") or "")[:10] or None,
        )
        for aid in ids
    ]
    runs: list[ArticleRun] = []
    try:
        for aid, result in zip(ids, pipeline.analyze_many(raws), strict=True):
            if not isinstance(result, Analysis):
                raise SystemExit(f"article {aid} failed: {result}")
            analysis = result.to_dict()
            where, amap = _locate(texts[aid]["text"], analysis["text"], by_article[aid])
            run = ArticleRun(aid, analysis, by_article[aid], where, amap)
            if capture:
                run.events, run.candidates, run.x, run.index = captured.pop(0)
            runs.append(run)
    finally:
        if restore is not None:
            restore()
    return runs


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def labels(run: ArticleRun) -> list[str | None]:
    """The gold class of each feature row: the type of the gold event whose trigger the
    rule trigger overlaps, else a gold event of the sentence (its own type first, then one
    no other candidate claimed), else NONE; a gold non-event's trigger is NONE. None: the
    row's event lies in no located annotated sentence, or is untyped (not trained on)."""
    out: list[str | None] = [None] * len(run.index)
    claimed: set[tuple[str, int]] = set()
    taken: set[tuple[str, int]] = set()  # claimed, or matched by a rule event of its type
    pending: list[tuple[int, dict[str, Any], tuple[int, int]]] = []
    every = run.coded
    for row, n in enumerate(run.index):
        event = every[n]
        if event.type is None or event.trigger is None:
            continue
        rec = run.record_of(event.trigger[0])
        if rec is None:
            continue
        trig = (event.trigger[0], event.trigger[1])
        for k, gold in enumerate(rec["events"]):
            t = gold.get("trigger")
            if t and _overlap(trig, run.gold_span(rec, t)):
                out[row] = gold["event"]
                claimed.add((rec["id"], k))
                taken.add((rec["id"], k))
                break
        else:
            if any(
                ne.get("trigger") and _overlap(trig, run.gold_span(rec, ne["trigger"]))
                for ne in rec.get("non_events") or []
            ):
                out[row] = NONE
            else:
                pending.append((row, rec, trig))
    for row, rec, _ in pending:
        event = every[run.index[row]]
        golds = list(enumerate(rec["events"]))
        rules = run.index[row] < len(run.events)
        # a candidate (which the rules did not code) takes only a gold event no one took
        free = [k for k, _ in golds if (rec["id"], k) not in (claimed if rules else taken)]
        same = [k for k, g in golds if g["event"] == event.type and (rules or k in free)]
        if same:
            out[row] = event.type
            taken.add((rec["id"], same[0]))
            if not rules:
                claimed.add((rec["id"], same[0]))
        elif free:
            out[row] = rec["events"][free[0]]["event"]
            claimed.add((rec["id"], free[0]))
            taken.add((rec["id"], free[0]))
        else:
            out[row] = NONE
    return out


def _event_dict(event: Event | dict[str, Any]) -> dict[str, Any]:
    if isinstance(event, dict):
        return event
    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "source": list(event.source),
        "target": list(event.target),
        "trigger": list(event.trigger) if event.trigger else None,
        "sentence": list(event.sentence) if event.sentence else None,
        "rule": event.rule,
        "confidence": event.confidence,
    }


def sentence_results(
    run: ArticleRun, events: Iterable[Event | dict[str, Any]] | None = None
) -> dict[str, dict[str, Any]]:
    """``{record id: result}`` for the scorer; ``events`` replaces the analysis' events
    (e.g. the rule events as a model decided them)."""
    evs = [_event_dict(e) for e in (run.analysis["events"] if events is None else events)]
    out: dict[str, dict[str, Any]] = {}
    for rec in run.records:
        span = run.where.get(rec["id"])
        if span is None:
            continue
        lo, hi = span
        ents = run.entities_in(rec["id"])
        mine = []
        for e in evs:
            at = (e.get("trigger") or e.get("sentence") or [-1])[0]
            if lo <= at < hi:
                mine.append(e)
        text = run.analysis["text"][lo:hi]
        out[rec["id"]] = {"text": text, "entities": ents, "events": mine}
    return out


def write_gold(records: list[dict[str, Any]], path: Path) -> None:
    """The records as a PLOVER-format gold file for ``eval_events.py --gold``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
