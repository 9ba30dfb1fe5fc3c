"""Benchmark: pronoun sources of PolNeAR dev quotes linked to a named person.

PolNeAR (84 dev articles of 2016 US election coverage) marks the source of every
attribution. Where that source is a personal pronoun ("he", "she", "they", ...), a reader
needs to know who it is. This script runs the model and ``entities.find_entities`` over
each article's raw text (paragraphs split on blank lines, the record's date as the
publication date; the structure stage is left out so that offsets match the gold) and
counts the pronoun sources that dateline links to a PERSON entity with a name.

PolNeAR does not say who a pronoun refers to, so precision cannot be scored
automatically: the script writes a fixed sample of 50 links (pronoun, its context, the
entity) to ``bench/out/entity_links_sample.txt`` for checking by hand; the README gives
the precision found. The plain baseline links each pronoun to the nearest PERSON span
before it (spaCy alone); the share of links on which both agree is printed too.

``python bench/entities.py`` prints both; ``measure()`` (the CI gate) runs dateline only.
The gold is read from ``../shared/data`` and never copied.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from timeit import default_timer as perf_counter
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
GOLD = SHARED / "data" / "quotes" / "polnear.dev.jsonl"
OUT = REPO / "bench" / "out"
COMMAND = "python bench/entities.py"
PRONOUNS = frozenset({"he", "she", "they", "him", "her", "his", "them", "their"})
SAMPLE = 50

sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_jsonl  # noqa: E402
from dateline.entities import find_entities  # noqa: E402
from dateline.nlp import load_model  # noqa: E402
from dateline.types import Article, Paragraph  # noqa: E402


class Link(NamedTuple):  # not a dataclass: the gate loads this file without a module entry
    article: str
    start: int
    end: int
    pronoun: str
    entity: str | None  # dateline's named person, or None
    baseline: str | None  # nearest PERSON span before the pronoun
    context: str


def _article(record: dict[str, Any]) -> Article:
    text = record["text"]
    paragraphs = tuple(
        Paragraph(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text)
    )
    return Article(
        id=str(record["id"]), text=text, paragraphs=paragraphs, published=record.get("date")
    )


def collect(gold_path: Path = GOLD) -> tuple[list[Link], float]:
    """Every gold pronoun source, with dateline's and the baseline's link; and seconds."""
    model = load_model()
    links: list[Link] = []
    started = perf_counter()
    for record in load_jsonl(gold_path):
        text = record["text"]
        article = _article(record)
        doc = model(text)
        entities = find_entities(article, doc)
        person_at: dict[tuple[int, int], str] = {}
        for entity in entities:
            if entity.kind == "PERSON" and entity.name:
                for m in entity.mentions:
                    person_at[(m.start, m.end)] = entity.name
        persons = [(e.start_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
        for attribution in record["attributions"]:
            if len(attribution["source"]) != 1:
                continue
            start, end = attribution["source"][0]
            if text[start:end].strip().lower() not in PRONOUNS:
                continue
            before = [name for s, name in persons if s < start]
            sent_start = max(text.rfind(". ", 0, start - 200) + 2, text.rfind("\n", 0, start) + 1)
            context = " ".join(text[max(0, min(sent_start, start - 300)) : end + 80].split())
            links.append(
                Link(
                    str(record["id"]),
                    start,
                    end,
                    text[start:end],
                    person_at.get((start, end)),
                    before[-1] if before else None,
                    context,
                )
            )
    return links, perf_counter() - started


def figures(links: list[Link]) -> dict[str, float]:
    total = len(links) or 1
    linked = [x for x in links if x.entity]
    agree = [x for x in linked if x.baseline and x.baseline.split()[-1] in x.entity.split()]  # type: ignore[union-attr]
    return {
        "pronoun_sources": float(len(links)),
        "pronoun_link_rate": round(len(linked) / total, 4),
        "baseline_link_rate": round(sum(1 for x in links if x.baseline) / total, 4),
        "agreement_with_baseline": round(len(agree) / (len(linked) or 1), 4),
    }


def write_sample(links: list[Link], path: Path = OUT / "entity_links_sample.txt") -> None:
    """A fixed sample of dateline's links (by a hash of article and offset) to check by hand."""
    # a fixed pseudo-random choice: a link keeps its place when other links change
    linked = [x for x in links if x.entity]
    chosen = sorted(linked, key=lambda x: hashlib.sha1(f"{x.article}@{x.start}".encode()).digest())
    sample = sorted(chosen[:SAMPLE], key=lambda x: (x.article, x.start))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for n, x in enumerate(sample, start=1):
            f.write(f"{n:02d}. [{x.article} @{x.start}] {x.pronoun!r} -> {x.entity}\n")
            f.write(f"    {x.context}\n\n")


def measure() -> dict[str, float]:
    links, _ = collect()
    out = figures(links)
    return {"pronoun_link_rate": out["pronoun_link_rate"]}


def main() -> None:
    links, seconds = collect()
    result = figures(links)
    write_sample(links)
    print(f"PolNeAR dev: {int(result['pronoun_sources'])} gold pronoun sources, {seconds:.1f} s")
    print(f"  dateline  pronoun -> named person link rate: {result['pronoun_link_rate']:.3f}")
    print(f"  baseline  nearest PERSON before the pronoun:  {result['baseline_link_rate']:.3f}")
    print(f"  dateline links that agree with the baseline: {result['agreement_with_baseline']:.3f}")
    print(f"  sample of {SAMPLE} links for hand checking: {OUT / 'entity_links_sample.txt'}")
    measured = {"pronoun_link_rate": result["pronoun_link_rate"]}
    floors = {k: round(max(0.0, v - 0.02), 2) for k, v in measured.items()}
    baseline = {"floors": floors, "measured": measured, "command": COMMAND}
    print(json.dumps(baseline, indent=2))


if __name__ == "__main__":
    main()
