"""Text cleaning for the structure stage: blocks with source offsets, 1:1 normalisation.

A *block* is a candidate paragraph: a stripped slice of the reader's text with the offset
where it starts. Normalisation only ever replaces one character by one character (odd
spaces and line breaks inside a paragraph become ``" "``, curly quotes, guillemets and
primes become straight quotes), so every offset maps back to the reader's text and each
change is recorded as ``(offset in block, original character)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Block", "normalise", "split_blocks"]

# characters that become a plain space inside a paragraph
_SPACES = frozenset(
    "\t\n\r\x0b\x0c\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_QUOTES = {
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’
    "\u201a": "'",  # ‚
    "\u201b": "'",  # ‛
    "\u2032": "'",  # ′ prime
    "\u2039": "'",  # ‹
    "\u203a": "'",  # ›
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u201e": '"',  # „
    "\u201f": '"',  # ‟
    "\u2033": '"',  # ″ double prime
    "\u00ab": '"',  # «
    "\u00bb": '"',  # »
}
_LINE = re.compile(r"[^\n\r\x0b\x0c\x85\u2028\u2029]*(?:\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]|$)")
_BLANK = frozenset(" ") | _SPACES
_TERMINAL = (".", "!", "?", ":", '"', "'", "\u201d", "\u2019")


@dataclass(frozen=True, slots=True)
class Block:
    """A candidate paragraph: ``raw`` is the reader's text from ``source_start`` on."""

    raw: str
    source_start: int
    text: str  # normalised, same length as ``raw``
    replacements: tuple[tuple[int, str], ...]  # (offset in block, original character)

    def tail(self, cut: int) -> Block:
        """The block from character ``cut`` on, leading blanks skipped."""
        while cut < len(self.raw) and self.raw[cut] in _BLANK:
            cut += 1
        return Block(
            self.raw[cut:],
            self.source_start + cut,
            self.text[cut:],
            tuple((o - cut, c) for o, c in self.replacements if o >= cut),
        )


# control characters (NUL, BEL, ESC, C1 controls) become a space; lone surrogates, which
# cannot be encoded, become U+FFFD
_CONTROLS = frozenset(chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0x85)])
_CONTROLS |= frozenset(chr(c) for c in range(0x86, 0xA0))
_SURROGATES = "\ud800-\udfff"
_TABLE = str.maketrans(
    {**{ch: " " for ch in _SPACES | _CONTROLS}, **_QUOTES}
    | {c: "\ufffd" for c in range(0xD800, 0xE000)}
)
_CHANGED = re.compile(
    "[" + re.escape("".join(sorted(_SPACES | _CONTROLS | set(_QUOTES)))) + _SURROGATES + "]"
)


def _recordable(ch: str) -> str:
    """The original character, or ``U+D800``-style for a lone surrogate (not encodable)."""
    return f"U+{ord(ch):04X}" if "\ud800" <= ch <= "\udfff" else ch


def normalise(raw: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """``raw`` with odd spaces and curly quotes replaced, one character for one."""
    changes = tuple((m.start(), _recordable(m.group())) for m in _CHANGED.finditer(raw))
    return (raw.translate(_TABLE) if changes else raw), changes


def _block(source: str, start: int, end: int) -> Block | None:
    while start < end and source[start] in _BLANK:
        start += 1
    while end > start and source[end - 1] in _BLANK:
        end -= 1
    if start >= end:
        return None
    raw = source[start:end]
    text, changes = normalise(raw)
    return Block(raw, start, text, changes)


def _looks_wrapped(lines: list[tuple[int, int]], source: str) -> bool:
    """Hard-wrapped prose: similar line lengths, few lines ending a sentence."""
    if len(lines) < 2:
        return False
    texts = [source[a:b].strip() for a, b in lines]
    lengths = [len(t) for t in texts]
    longest = max(lengths)
    if longest > 110 or min(lengths[:-1]) < 0.55 * longest:
        return False
    ends = sum(t.endswith(_TERMINAL) for t in texts[:-1])
    return ends <= (len(texts) - 1) / 2


def split_blocks(source: str, *, lines_are_paragraphs: bool = False) -> list[Block]:
    """Cut the reader's text into blocks.

    Blank lines separate blocks. Inside a run of non-blank lines, each line is its own
    block unless the run looks hard-wrapped, in which case it is one block whose line
    breaks become spaces. With ``lines_are_paragraphs`` (extractor output) every line is a
    block.
    """
    runs: list[list[tuple[int, int]]] = [[]]
    for m in _LINE.finditer(source):
        if m.start() == m.end():
            break
        line_end = m.start() + len(m.group().rstrip("\r\n\x0b\x0c\x85\u2028\u2029"))
        if all(ch in _BLANK for ch in source[m.start() : line_end]):
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((m.start(), line_end))
    blocks: list[Block] = []
    for run in runs:
        if not run:
            continue
        if not lines_are_paragraphs and _looks_wrapped(run, source):
            pieces = [(run[0][0], run[-1][1])]
        else:
            pieces = run
        for a, b in pieces:
            for c, d in _cells(source, a, b) if lines_are_paragraphs else [(a, b)]:
                block = _block(source, c, d)
                if block is not None:
                    blocks.append(block)
    return blocks


_CELL_BREAK = re.compile(r"(?:(?:^|\s)\s*\|(?=\s|$))+\s*| {3,}")


def _cells(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """Extractor output: the cells of a table row ("| a | b |") and runs of text set apart
    by wide gaps are separate blocks (the pipes and gaps are layout, not text)."""
    line = source[start:end]
    if "|" not in line and "   " not in line:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _CELL_BREAK.finditer(line):
        if m.start() > pos:
            spans.append((start + pos, start + m.start()))
        pos = max(pos, m.end())
    if pos < len(line):
        spans.append((start + pos, end))
    return spans
