"""Build the project's PLOVER-annotated sentence set from its hand-written annotation sheets.

    annotation_build.py split ARTICLE_ID [...]   print an article's sentences (index, text), to
                                                 annotate; splitting only, no event coding
    annotation_build.py build                    sheets -> plover_annotated.jsonl (+ blind file)
    annotation_build.py stats                    the counts table of the set's README

Sentences: spaCy's dependency parser of the md model (``dateline.nlp.load_model("md")``) gives
the sentence boundaries; each sentence keeps its character offsets in the article text
(whitespace at the edges stripped). Nothing else of dateline runs here.

Split: an article is in the test fifth when
``int(sha1(("dateline-annot:" + id).encode()).hexdigest(), 16) % 5 == 0``, fixed before any
annotation (see the set's README).

Sheet format (``src/dateline/data/events/annotated/sheets/*.sheet``), one line per judgement:

    @ ARTICLE_ID                       an article whose every sentence is judged below
    IDX | -                            sentence IDX has no event
    IDX | x REASON                     sentence IDX left out of the set (REASON, e.g. it names
                                       a person of the project's seed article)
    IDX | TYPE[/mode] | SOURCES | TARGETS | TRIGGER [| flags]
                                       one event (several lines for several events)

SOURCES / TARGETS are ``;``-separated actors ``words[@n]=CCC/SEC`` (``n``: the n-th occurrence
of the words in the sentence, 1 when left out; ``-`` for an unknown country or sector), or
``-`` for none. TRIGGER is ``words[@n]``. flags: ``neg``, ``hyp``, ``fut``, ``q``; an event
flagged ``neg``, ``hyp`` or ``q``, or ``fut`` on a type that is not a commitment (AGREE,
CONCEDE, THREATEN, AID), goes to ``non_events``, not ``events``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SET_DIR = REPO / "src" / "dateline" / "data" / "events" / "annotated"
SHEETS = SET_DIR / "sheets"
BLIND = SET_DIR / "blind"
INDEPENDENT = SET_DIR / "blind_independent"
CORPORA = {
    "voa": SHARED / "data" / "corpus" / "voa.jsonl",
    "wikinews": REPO / "src" / "dateline" / "data" / "corpus" / "wikinews.jsonl",
}
ANNOTATOR_BASE = "dateline developers (AI-assisted)"
COMMITMENTS = {"AGREE", "CONCEDE", "THREATEN", "AID"}
FLAGS = {"neg": "negated", "hyp": "hypothetical", "fut": "future", "q": "question"}


def split_of(article_id: str) -> str:
    """``test`` for the fifth of articles the hash picks, else ``train``."""
    digest = hashlib.sha1(("dateline-annot:" + article_id).encode("utf-8")).hexdigest()
    return "test" if int(digest, 16) % 5 == 0 else "train"


@cache
def articles() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for corpus, path in CORPORA.items():
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                record["corpus"] = corpus
                found[str(record["id"])] = record
    return found


@cache
def sentences(article_id: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the article text, edges stripped of whitespace."""
    from dateline.nlp import load_model

    nlp = load_model("md").nlp
    text = articles()[article_id]["text"]
    with nlp.select_pipes(enable=["tok2vec", "parser"]):
        doc = nlp(text)
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _locate(sentence: str, spec: str, where: str) -> dict[str, Any]:
    words, _, nth = spec.partition("@")
    words = words.strip()
    count = int(nth) if nth else 1
    at = -1
    for _ in range(count):
        at = sentence.find(words, at + 1)
        if at < 0:
            raise ValueError(f"{where}: {words!r} (occurrence {count}) not in the sentence")
    return {"text": words, "start": at, "end": at + len(words)}


def _actors(sentence: str, field: str, where: str) -> list[dict[str, Any]]:
    field = field.strip()
    if field in ("", "-"):
        return []
    out = []
    for item in field.split(";"):
        spec, _, code = item.strip().rpartition("=")
        country, _, sector = code.partition("/")
        actor = _locate(sentence, spec, where)
        actor["country"] = None if country in ("", "-") else country
        actor["sector"] = None if sector in ("", "-") else sector
        out.append(actor)
    return out


def read_sheet(path: Path) -> dict[str, dict[int, list[str]]]:
    """article id -> sentence index -> its judgement lines (``-`` or event fields)."""
    judged: dict[str, dict[int, list[str]]] = {}
    current: dict[int, list[str]] | None = None
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            current = judged.setdefault(line[1:].strip(), {})
            continue
        if current is None:
            raise ValueError(f"{path.name}:{number}: a judgement before any @ article line")
        index, _, rest = line.partition("|")
        current.setdefault(int(index), []).append(f"{path.name}:{number}\t{rest.strip()}")
    return judged


_GUIDELINES = re.compile(r"guidelines (v\d+(?:\.\d+)?)")


def annotator_of(sheet_name: str) -> str:
    """Who annotated a sheet (``..._a1.sheet``: annotator a1) and under which guidelines (the
    version its first comment line names; v1 when it names none)."""
    path = next(p for p in (SHEETS, BLIND, INDEPENDENT) if (p / sheet_name).is_file()) / sheet_name
    found = _GUIDELINES.search(path.read_text("utf-8").partition("\n")[0])
    version = found[1] if found else "v1"
    stem = sheet_name.removesuffix(".sheet")
    tag = stem.rpartition("_")[2]
    if tag[:1] == "a" and tag[1:].isdigit():
        return f"dateline developers (AI-assisted, annotator {tag}), guidelines {version}"
    return f"{ANNOTATOR_BASE}, guidelines {version}"


def record(article_id: str, index: int, lines: list[str]) -> dict[str, Any]:
    article = articles()[article_id]
    start, end = sentences(article_id)[index]
    text = article["text"][start:end]
    events: list[dict[str, Any]] = []
    non_events: list[dict[str, Any]] = []
    for line in lines:
        where, _, body = line.partition("\t")
        if body == "-":
            continue
        parts = [p.strip() for p in body.split("|")]
        if len(parts) not in (4, 5):
            raise ValueError(f"{where}: expected TYPE | SOURCES | TARGETS | TRIGGER [| flags]")
        kind, _, mode = parts[0].partition("/")
        flags = {f.strip() for f in parts[4].split(",")} if len(parts) == 5 else set()
        unknown = flags - set(FLAGS)
        if unknown:
            raise ValueError(f"{where}: unknown flags {sorted(unknown)}")
        event: dict[str, Any] = {
            "event": kind,
            "mode": mode or None,
            "source": _actors(text, parts[1], where),
            "target": _actors(text, parts[2], where),
            "trigger": _locate(text, parts[3], where),
        }
        event.update({name: short in flags for short, name in FLAGS.items()})
        asserted = not (flags & {"neg", "hyp", "q"}) and ("fut" not in flags or kind in COMMITMENTS)
        (events if asserted else non_events).append(event)
    return {
        "id": f"{article_id}-{index}",
        "article_id": article_id,
        "corpus": article["corpus"],
        "split": split_of(article_id),
        "text": text,
        "start": start,
        "end": end,
        "date": str(article["published"])[:10],
        "events": events,
        "non_events": non_events,
        "annotator": annotator_of(lines[0].partition(":")[0]),
    }


def build_sheets(folder: Path, complete: bool) -> list[dict[str, Any]]:
    """Records of every judged sentence; ``complete``: each @ article must be judged whole."""
    out: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.sheet")):
        for article_id, judged in read_sheet(path).items():
            count = len(sentences(article_id))
            missing = sorted(set(range(count)) - set(judged))
            extra = sorted(set(judged) - set(range(count)))
            if extra or (complete and missing):
                raise ValueError(f"{path.name} @{article_id}: missing {missing}, extra {extra}")
            out.extend(
                record(article_id, i, judged[i])
                for i in sorted(judged)
                if not judged[i][0].partition("\t")[2].startswith("x ")
            )
    return out


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def stats(path: Path) -> str:
    """Markdown tables: sentences and events by split, events by type and split."""
    from collections import Counter

    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    rows = ["| | train | test | all |", "| --- | ---: | ---: | ---: |"]

    def row(label: str, count: Counter[str]) -> str:
        return f"| {label} | {count['train']} | {count['test']} | {sum(count.values())} |"

    def tally(pick: Any) -> Counter[str]:
        return Counter(r["split"] for r in records for _ in range(pick(r)))

    articles = {(r["article_id"], r["split"]) for r in records}
    rows.append(row("articles", Counter(split for _, split in articles)))
    rows.append(row("sentences", tally(lambda r: 1)))
    rows.append(row("sentences with >= 1 event", tally(lambda r: int(bool(r["events"])))))
    rows.append(row("sentences with no event", tally(lambda r: int(not r["events"]))))
    rows.append(row("events", tally(lambda r: len(r["events"]))))
    rows.append(row("non-events (modal, in `non_events`)", tally(lambda r: len(r["non_events"]))))
    types = sorted({e["event"] for r in records for e in r["events"]})
    for kind in types:
        rows.append(row(kind, tally(lambda r, k=kind: sum(e["event"] == k for e in r["events"]))))
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    if argv[:1] == ["split"]:
        for article_id in argv[1:]:
            art = articles()[article_id]
            print(f"@ {article_id}  [{split_of(article_id)}] {art['published']} {art['title']}")
            for i, (s, e) in enumerate(sentences(article_id)):
                print(f"{i}\t{art['text'][s:e]}")
        return 0
    if argv[:1] == ["build"]:
        main_set = build_sheets(SHEETS, complete=True)
        write_jsonl(SET_DIR / "plover_annotated.jsonl", main_set)
        blind = build_sheets(BLIND, complete=False)
        write_jsonl(SET_DIR / "blind_pass2.jsonl", blind)
        independent = build_sheets(INDEPENDENT, complete=False) if INDEPENDENT.is_dir() else []
        write_jsonl(SET_DIR / "blind_independent.jsonl", independent)
        print(
            f"{len(main_set)} sentences, {len(blind)} re-annotated blind, "
            f"{len(independent)} by an independent annotator"
        )
        return 0
    if argv[:1] == ["stats"]:
        print(stats(SET_DIR / "plover_annotated.jsonl"))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
