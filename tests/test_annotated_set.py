"""The project's PLOVER-annotated sentence set: format, offsets, types and the split rule."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

import dateline

DATA = Path(dateline.__file__).parent / "data"
FOLDER = DATA / "events" / "annotated"
SET = FOLDER / "plover_annotated.jsonl"
BLIND = FOLDER / "blind_pass2.jsonl"
INDEPENDENT = FOLDER / "blind_independent.jsonl"
SHARED_VOA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus" / "voa.jsonl"
CODEBOOK = SHARED_VOA.parents[1] / "events" / "codebooks" / "PLOVER_structured_codebook_updated.csv"

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
SECTORS = {
    "GOV", "MIL", "COP", "SPY", "JUD", "LEG", "OPP", "REB", "BUS", "MED", "EDU", "NGO", "IGO",
    "CVL", "CRM", "REL", "LAB", "HLH", "REF", "AGR", "ELI",
}  # fmt: skip
FLAGS = ("negated", "hypothetical", "future", "question")
COMMITMENTS = {"AGREE", "CONCEDE", "THREATEN", "AID"}
SEED_NAMES = ("Blinken", "Lavrov", "Ryabkov", "Sherman")


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


RECORDS = _load(SET)
BLIND_RECORDS = _load(BLIND) + _load(INDEPENDENT)
ALL = [("set", r) for r in RECORDS] + [("blind", r) for r in BLIND_RECORDS]


def _split(article_id: str) -> str:
    digest = hashlib.sha1(("dateline-annot:" + article_id).encode("utf-8")).hexdigest()
    return "test" if int(digest, 16) % 5 == 0 else "train"


def _articles() -> dict[str, str]:
    texts = {}
    paths = [DATA / "corpus" / "wikinews.jsonl"] + ([SHARED_VOA] if SHARED_VOA.exists() else [])
    for path in paths:
        for rec in _load(path):
            texts[str(rec["id"])] = rec["text"]
    return texts


def test_the_set_is_not_empty_and_ids_are_unique() -> None:
    assert len(RECORDS) >= 100
    ids = [r["id"] for r in RECORDS]
    assert len(ids) == len(set(ids))
    assert {r["id"] for r in BLIND_RECORDS} <= set(ids)


ANNOTATOR = re.compile(
    r"dateline developers \(AI-assisted(, annotator a\d+)?\), guidelines v1(\.1)?"
)


def record_problems(rec: dict[str, Any]) -> list[str]:
    """What is wrong with one record: format, offsets, types, sectors, flags and buckets."""
    problems: list[str] = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    check(rec["id"] == f"{rec['article_id']}-{rec['id'].rsplit('-', 1)[1]}", "id")
    check(rec["split"] in ("train", "test"), "split")
    check(rec["corpus"] in ("voa", "wikinews"), "corpus")
    check(len(rec["date"]) == 10 and rec["date"][4] == "-", "date")
    check(ANNOTATOR.fullmatch(rec["annotator"]) is not None, f"annotator {rec['annotator']!r}")
    check(0 <= rec["start"] < rec["end"] == rec["start"] + len(rec["text"]), "offsets")
    text = rec["text"]
    for bucket in ("events", "non_events"):
        for event in rec[bucket]:
            check(event["event"] in TYPES, f"type {event['event']}")
            check(event["mode"] is None or isinstance(event["mode"], str), "mode")
            for role in ("source", "target"):
                for actor in event[role]:
                    check(text[actor["start"] : actor["end"]] == actor["text"], f"{role} span")
                    check(actor["country"] is None or len(actor["country"]) == 3, "country")
                    check(actor["sector"] is None or actor["sector"] in SECTORS, "sector")
            trigger = event["trigger"]
            check(text[trigger["start"] : trigger["end"]] == trigger["text"], "trigger span")
            check(all(isinstance(event[f], bool) for f in FLAGS), "flags")
            modal = event["negated"] or event["hypothetical"] or event["question"]
            modal = modal or (event["future"] and event["event"] not in COMMITMENTS)
            check(modal == (bucket == "non_events"), f"{bucket} holds a wrong-mode event")
    return problems


# one test for all records (thousands of them): a failure lists every bad record
@pytest.mark.parametrize("where", ["set", "blind"])
def test_record_format_and_offsets(where: str) -> None:
    bad = {
        f"{w}:{rec['id']}": found
        for w, rec in ALL
        if w == where and (found := record_problems(rec))
    }
    assert not bad, dict(list(bad.items())[:20])


def test_a_broken_record_is_reported() -> None:
    rec = json.loads(json.dumps(RECORDS[0]))
    rec["start"] += 1
    rec["annotator"] = "someone else"
    assert record_problems(rec) == ["annotator 'someone else'", "offsets"]


def test_every_article_follows_the_hash_split_rule() -> None:
    wrong = {r["article_id"] for r in RECORDS if r["split"] != _split(r["article_id"])}
    assert not wrong


def test_sentences_are_the_article_text_at_their_offsets() -> None:
    texts = _articles()
    checked = 0
    for rec in RECORDS:
        if rec["article_id"] in texts:
            assert texts[rec["article_id"]][rec["start"] : rec["end"]] == rec["text"]
            checked += 1
    assert checked > 0


def test_modes_are_codebook_modes() -> None:
    if not CODEBOOK.exists():
        pytest.skip("the shared PLOVER codebook is not on this machine")
    with CODEBOOK.open(encoding="utf-8") as f:
        modes = {(row["event"], row["mode"]) for row in csv.DictReader(f) if row["mode"]}
    used = {
        (e["event"], e["mode"])
        for r in RECORDS + BLIND_RECORDS
        for bucket in ("events", "non_events")
        for e in r[bucket]
        if e["mode"]
    }
    assert used <= modes, sorted(used - modes)


def test_no_seed_article_names_in_the_shipped_files() -> None:
    for path in (SET, BLIND, INDEPENDENT):
        text = path.read_text("utf-8")
        assert not [name for name in SEED_NAMES if name in text]
