"""Quotation marks: find the quoted stretches of a text in one linear pass per line.

Any double-mark style counts (straight ``"``, curly, low-9 ``„``, guillemets, the doubled
apostrophes and backticks of some wire feeds), and a pair may be mismatched (a straight
opening mark closed by a curly one). Whether an ambiguous mark opens or closes is decided by
its neighbours: a mark after a space or line start and before a non-space opens, a mark
after a non-space closes. Single marks (``'``, ``‘ ’``) quote only where no double quote
is open, open only before a letter or digit after a space, and must close on the same
line; otherwise they are apostrophes.

A quote left open at the end of a line runs to that line's end. When the next non-empty
line opens a quote again, the two regions belong to one quotation: the news convention for
quotes running over several paragraphs (the earlier paragraph is not closed).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Region", "find_regions"]

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
DOUBLE_ANY = '"' + DOUBLE_OPEN + DOUBLE_CLOSE + "″"
SINGLE_OPEN = "‘‚‛‹"
SINGLE_CLOSE = "’›"
SINGLE_ANY = "'" + SINGLE_OPEN + SINGLE_CLOSE
OPENER_BEFORE = "([{-–—―/:;,"


@dataclass(frozen=True, slots=True)
class Region:
    """A quoted stretch: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool  # False: ran to the end of its line
    chain: int  # regions of one multi-paragraph quotation share a chain number
    single: bool = False  # quoted with single marks


def _mark_at(text: str, i: int, end: int) -> int:
    """Length of the double quotation mark at i (0: none)."""
    ch = text[i]
    if ch in DOUBLE_ANY:
        return 1
    if ch in "'`" and i + 1 < end and text[i + 1] == ch:
        return 2
    return 0


def _double_regions(text: str, lo: int, hi: int) -> list[tuple[int, int, int, int, bool]]:
    out: list[tuple[int, int, int, int, bool]] = []
    open_at = -1
    open_len = 0
    i = lo
    while i < hi:
        n = _mark_at(text, i, hi)
        if not n:
            i += 1
            continue
        ch = text[i]
        prev = text[i - 1] if i > lo else " "
        nxt = text[i + n] if i + n < hi else " "
        opener_ctx = (prev.isspace() or prev in OPENER_BEFORE or prev in DOUBLE_ANY) and (
            not nxt.isspace()
        )
        closer_ctx = not prev.isspace()
        if open_at < 0:
            if ch in DOUBLE_OPEN or opener_ctx or (ch == '"' and not closer_ctx):
                open_at, open_len = i, n
            # else: a stray closing mark
        elif ch in DOUBLE_OPEN and opener_ctx and not closer_ctx:
            # a new quote opens while one is open: the old one was never closed
            out.append((open_at, i, open_at + open_len, i, False))
            open_at, open_len = i, n
        elif closer_ctx or ch in DOUBLE_CLOSE or nxt.isspace() or i + n >= hi:
            out.append((open_at, i + n, open_at + open_len, i, True))
            open_at = -1
        i += n
    if open_at >= 0:
        end = hi
        while end > open_at + open_len and text[end - 1].isspace():
            end -= 1
        out.append((open_at, end, open_at + open_len, end, False))
    return out


def _single_regions(text: str, lo: int, hi: int) -> list[tuple[int, int, int, int, bool]]:
    out: list[tuple[int, int, int, int, bool]] = []
    open_at = -1
    for i in range(lo, hi):
        ch = text[i]
        if ch not in SINGLE_ANY:
            continue
        prev = text[i - 1] if i > lo else " "
        nxt = text[i + 1] if i + 1 < hi else " "
        if open_at < 0:
            if (
                ch not in SINGLE_CLOSE
                and (prev.isspace() or prev in OPENER_BEFORE)
                and (nxt.isalnum())
                and not (i + 1 < hi and text[i + 1] == ch)
            ):
                open_at = i
        elif not nxt.isalnum() and not prev.isspace():
            if i - open_at > 2:
                out.append((open_at, i + 1, open_at + 1, i, True))
            open_at = -1
    return out


def _has_word(text: str, start: int, end: int) -> bool:
    return any(ch.isalnum() for ch in text[start:end])


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_regions(text: str) -> list[Region]:
    """Every quoted stretch of the text, in order; linear in the text's length."""
    regions: list[Region] = []
    chain = -1
    carry = False  # the previous non-empty line ended inside an open double quote
    for lo, hi in _lines(text):
        if not text[lo:hi].strip():
            continue
        doubles = _double_regions(text, lo, hi)
        first_nonspace = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())
        gaps: list[tuple[int, int]] = []
        pos = lo
        for s, e, _, _, _ in doubles:
            gaps.append((pos, s))
            pos = e
        gaps.append((pos, hi))
        singles = [r for g0, g1 in gaps for r in _single_regions(text, g0, g1)]
        found = sorted(
            [(*d, False) for d in doubles] + [(*s, True) for s in singles], key=lambda r: r[0]
        )
        found = [f for f in found if _has_word(text, f[2], f[3])]
        for k, (s, e, i_s, i_e, closed, single) in enumerate(found):
            continues = carry and k == 0 and s == first_nonspace and not single
            if not continues:
                chain += 1
            regions.append(Region(s, e, i_s, i_e, closed, chain, single))
        carry = bool(found) and not found[-1][4] and not found[-1][5]
    return regions
