"""Exact and near-duplicate paragraphs.

Two paragraphs are duplicates when one's word 3-gram shingles are almost all in the
other's (containment >= 0.8, with comparable lengths), or when their characters nearly
match (rapidfuzz ratio >= 90, which catches a typo in a short paragraph), and their numbers
are the same. Of a group of duplicates the *better* copy is kept: a copy that ends a
sentence beats one that is cut off, and otherwise the earlier copy wins. Candidates come
from an inverted shingle index, so a long text is not compared pair by pair.
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
    return fuzz.ratio(" ".join(a), " ".join(b)) >= _RATIO


def find_duplicates(texts: list[str]) -> dict[int, int]:
    """``{dropped index: kept index}`` for the duplicates among ``texts``."""
    tokens = [_tokens(t) for t in texts]
    shingles = [_shingles(t) for t in tokens]
    index: defaultdict[int, list[int]] = defaultdict(list)
    keeper: dict[int, int] = {}  # each paragraph's current representative
    dropped: dict[int, int] = {}
    for i, toks in enumerate(tokens):
        if len(toks) < _MIN_TOKENS:
            continue
        counts: defaultdict[int, int] = defaultdict(int)
        for sh in shingles[i]:
            for j in index[sh]:
                counts[j] += 1
        match = None
        for j, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]:
            rep = keeper[j]
            if _same(toks, shingles[i], tokens[rep], shingles[rep]):
                match = rep
                break
        if match is None:
            keeper[i] = i
            for sh in shingles[i]:
                index[sh].append(i)
            continue
        # keep the better copy: complete beats cut off; otherwise the earlier one
        if _complete(texts[i]) and not _complete(texts[match]):
            dropped[match] = i
            for k, v in list(dropped.items()):
                if v == match:
                    dropped[k] = i
            keeper[match] = i
            keeper[i] = i
            for sh in shingles[i]:
                index[sh].append(i)
        else:
            dropped[i] = match
    return dropped
