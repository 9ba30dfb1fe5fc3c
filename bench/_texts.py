"""Long test texts shared by the hostile benchmark (``bench/hostile.py``) and the long-text
tests (``tests/test_long_texts.py``): one builder, so both measure and test the same text.

``numbered_news(size)``: real news paragraphs (the Wikinews and VOA corpora under
``../shared/data/corpus``), each numbered so that the structure stage's duplicate check keeps
every one, repeated up to ``size`` characters; a short built-in sample when the corpus is
missing.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["CORPUS", "SAMPLE", "numbered_news"]

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "corpus"

SAMPLE = (
    "GENEVA (AP) - Talks between the two delegations ended on Monday without an agreement, "
    "the foreign ministry said in a statement.\n\n"
    '"We will meet again next week," the minister told reporters, adding that the '
    "sanctions imposed in March would stay in place until the troops withdraw.\n\n"
    "According to officials in Brussels, the alliance plans to hold a summit on 12 June.\n\n"
)


def _paragraphs(corpus: Path) -> list[str]:
    out: list[str] = []
    for name in ("wikinews.jsonl", "voa.jsonl"):
        path = corpus / name
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                out += [p.strip() for p in text.split("\n") if p.strip()]
    return out


def numbered_news(size: int, corpus: Path = CORPUS) -> str:
    """``size`` characters of numbered news paragraphs, separated by blank lines."""
    paragraphs = _paragraphs(corpus) or [p for p in SAMPLE.split("\n") if p]
    out: list[str] = []
    n = k = 0
    while n < size:
        paragraph = f"({k // len(paragraphs) + 1}) {paragraphs[k % len(paragraphs)]}"
        out.append(paragraph)
        n += len(paragraph) + 2
        k += 1
    return "\n\n".join(out)[:size]
