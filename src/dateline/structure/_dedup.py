"""Exact and near-duplicate paragraphs.

Two paragraphs are duplicates when one's word 3-gram shingles are almost all in the
other's (containment >= 0.8, with comparable lengths), or when their characters nearly
match (rapidfuzz ratio >= 90, which catches a typo in a short paragraph), and their numbers
are the same. Of a group of duplicates the *better* copy is kept: a copy that ends a
sentence beats one that is cut off, and otherwise the earlier copy wins. Candidates come
from an inverted shingle index, so a long text is not compared pair by pair.

The work is linear in the text: a shingle lists at most its first ``_POSTINGS`` paragraphs
(a phrase that thousands of different paragraphs share, as in a long list of numbered
items, would otherwise be read back for each new one: quadratic), and the character
comparison is made only for paragraphs up to ``_RATIO_CHARS`` characters (its cost is the
product of the two lengths).
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

__all__ = ["find_duplicates"]

_WORD = re.compile(r"\w+")
_N = 3
_CONTAINMENT = 0.8
_RATIO = 90.0
_MIN_TOKENS = 4
#: the paragraphs a shingle lists (its first ones): bounds the work per shingle
_POSTINGS = 64
#: the longest paragraphs (tokens joined by spaces) compared character by character
_RATIO_CHARS = 5_000
_TERMINAL = re.compile(r"[.!?][\"')\]]*$|[\"'][.!?]?$")


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _WORD.findall(text)]


def _shingles(tokens: list[str]) -> set[int]:
    """Hashed word 3-grams (ints keep a long text's index small)."""
    if len(tokens) < _N:
        return {hash(tuple(tokens))}
    return {hash(tuple(tokens[i : i + _N])) for i in range(len(tokens) - _N + 1)}


def _complete(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def _same(a: list[str], sa: set[int], b: list[str], sb: set[int]) -> bool:
    short, long_ = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if min(len(a), len(b)) < 0.6 * max(len(a), len(b)):
        return False
    if sorted(t for t in a if t.isdigit()) != sorted(t for t in b if t.isdigit()):
        return False  # "319 to 219" and "359 to 179": same template, different facts
    if len(short & long_) >= _CONTAINMENT * len(short):
        return True
    joined_a, joined_b = " ".join(a), " ".join(b)
    if max(len(joined_a), len(joined_b)) > _RATIO_CHARS:
        return False
    return fuzz.ratio(joined_a, joined_b) >= _RATIO


class _Index:
    """Paragraph numbers by shingle, each shingle listing at most its first ``_POSTINGS``
    paragraphs; ``reads`` counts the entries read back (the index's work).

    Most shingles are in one paragraph: their entry is an int in ``first`` (no list per
    shingle, which in a long text would be hundreds of thousands of objects for the garbage
    collector to walk); ``more`` lists the paragraphs after the first.
    """

    def __init__(self) -> None:
        self.first: dict[int, int] = {}
        self.more: dict[int, list[int]] = {}
        self.reads = 0

    def add(self, i: int, shingles: set[int]) -> None:
        for sh in shingles:
            if sh not in self.first:
                self.first[sh] = i
                continue
            listed = self.more.get(sh)
            if listed is None:
                self.more[sh] = [i]
            elif len(listed) < _POSTINGS - 1:
                listed.append(i)

    def overlaps(self, shingles: set[int]) -> dict[int, int]:
        """``{paragraph: shingles shared}`` over the listed paragraphs."""
        counts: defaultdict[int, int] = defaultdict(int)
        for sh in shingles:
            j = self.first.get(sh)
            if j is None:
                continue
            counts[j] += 1
            self.reads += 1
            listed = self.more.get(sh)
            if listed is not None:
                self.reads += len(listed)
                for j in listed:
                    counts[j] += 1
        return counts


def find_duplicates(texts: list[str]) -> dict[int, int]:
    """``{dropped index: kept index}`` for the duplicates among ``texts``."""
    tokens = [_tokens(t) for t in texts]
    shingles = [_shingles(t) for t in tokens]
    index = _Index()
    keeper: dict[int, int] = {}  # each paragraph's current representative
    dropped: dict[int, int] = {}  # a paragraph -> the representative it repeated then
    for i, toks in enumerate(tokens):
        if len(toks) < _MIN_TOKENS:
            continue
        counts = index.overlaps(shingles[i])
        match = None
        for j, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]:
            rep = keeper[j]
            if _same(toks, shingles[i], tokens[rep], shingles[rep]):
                match = rep
                break
        if match is None:
            keeper[i] = i
            index.add(i, shingles[i])
            continue
        # keep the better copy: complete beats cut off; otherwise the earlier one
        if _complete(texts[i]) and not _complete(texts[match]):
            dropped[match] = i
            keeper[match] = i
            keeper[i] = i
            index.add(i, shingles[i])
        else:
            dropped[i] = match
    # a copy that replaced its representative is complete, so it is never replaced itself:
    # one step through ``keeper`` gives every dropped paragraph the copy that was kept
    return {k: keeper[v] for k, v in dropped.items()}
