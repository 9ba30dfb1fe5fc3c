"""Putting quotes together: quoted regions + speech cues + speakers -> ``Quote`` values.

1. Every speech cue's reported content (from the parse) is snapped to the quoted regions it
   touches; content that is quotation throughout is a direct quote, content with a quoted
   part is mixed, the rest is indirect (reported) speech.
2. A quoted region no cue's content reached looks for a cue next to it in its sentence
   (``"...," she said``, ``he said: "..."``, ``"...," said X``).
3. A region still alone that is a sentence of its own continues the quote before it when
   only that quote's cue sentence lies between them (the fragments become one quote), else
   it is a floating quote of the previous speaker, else an unattributed quote. A short
   quoted phrase inside someone else's sentence with no cue (scare quotes, titles,
   nicknames) is not speech and is dropped.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .._data import word_set
from .._spans import overlap
from ..types import Entity, Quote, QuoteKind
from ._layout import colon_cues, signature_cue
from ._marks import find_regions
from ._speakers import Speaker, SpeakerResolver
from ._syntax import Cue, find_cues, noun_phrase

__all__ = ["extract"]

FRAME_LIMIT = 16  # tokens searched on either side of a quotation for its cue
SENTENCE_END = {".", "!", "?", ";"}
CLOSE_PUNCT = ",?!—–-…:"
FLOAT_LINES = 2  # a floating quote continues a speaker quoted this many lines back at most
MIN_UNATTRIBUTED_WORDS = 4
QUOTE_OPENERS = "\"'“‘«„‹"


@dataclass
class Draft:
    """A quote under construction."""

    spans: list[tuple[int, int]]
    cue: Cue | None
    rule: str
    regions: set[int] = field(default_factory=set)
    speaker: Speaker | None = None


class Extractor:
    def __init__(self, text: str, doc: Doc, entities: tuple[Entity, ...]):
        self.text = text
        self.doc = doc
        self.regions = find_regions(text)
        self.region_starts = [r.start for r in self.regions]
        self.in_region = self._token_regions()
        self.resolver = SpeakerResolver(doc, entities)
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.chains: dict[int, list[int]] = {}
        for k, r in enumerate(self.regions):
            self.chains.setdefault(r.chain, []).append(k)

    # ------------------------------------------------------------------ helpers

    def _token_regions(self) -> list[int]:
        out = [-1] * len(self.doc)
        k = 0
        regions = self.regions
        for tok in self.doc:
            while k < len(regions) and regions[k].end <= tok.idx:
                k += 1
            if k < len(regions) and regions[k].start <= tok.idx < regions[k].end:
                out[tok.i] = k
        return out

    def line_of(self, char: int) -> int:
        return bisect_right(self.line_starts, char) - 1

    def region_tokens(self, k: int) -> tuple[int, int]:
        """Token range [a, b) of region k (may be empty for a region with no token start)."""
        r = self.regions[k]
        span = self.doc.char_span(r.start, r.end, alignment_mode="expand")
        if span is None:
            return 0, 0
        return span.start, span.end

    def regions_in(self, start: int, end: int) -> list[int]:
        """Regions overlapping characters [start, end)."""
        lo = bisect_left(self.region_starts, start)
        while lo > 0 and self.regions[lo - 1].end > start:
            lo -= 1
        hi = bisect_left(self.region_starts, end)
        return [k for k in range(lo, hi) if self.regions[k].end > start]

    def char_range(self, a: int, b: int) -> tuple[int, int] | None:
        """Characters of tokens [a, b), trimmed of spaces and edge punctuation."""
        doc = self.doc
        while a < b and (doc[a].is_space or (doc[a].is_punct and doc[a].text in ",;:—–-")):
            a += 1
        while b > a and (doc[b - 1].is_space or doc[b - 1].text in {",", ";", ":", ".", "—"}):
            b -= 1
        if a >= b:
            return None
        return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)

    def clip_to_line(self, cue: Cue) -> tuple[int, int] | None:
        """Characters of the cue's content, kept to the cue's own line (paragraph)."""
        assert cue.content is not None
        a, b = cue.content
        line = self.line_of(self.doc[cue.token].idx)
        lo = self.line_starts[line]
        hi = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        while a < b and self.doc[a].idx < lo:
            a += 1
        while b > a and self.doc[b - 1].idx >= hi:
            b -= 1
        if a <= cue.token < b and cue.skip is None and not cue.rule.startswith("passive"):
            # a parse that crossed a paragraph
            a, b = (cue.token + 1, b) if b - cue.token > cue.token - a else (a, cue.token)
        return self.char_range(a, b)

    def _without_skip(self, cue: Cue, s: int, e: int) -> list[tuple[int, int]]:
        """Content characters [s, e) minus the cue's own words ("X, he said, Y")."""
        if cue.skip is None:
            return [(s, e)]
        doc = self.doc
        cut0 = doc[cue.skip[0]].idx
        cut1 = doc[cue.skip[1] - 1].idx + len(doc[cue.skip[1] - 1].text)
        parts = []
        for a, b in ((s, min(e, cut0)), (max(s, cut1), e)):
            text = self.text[a:b]
            a += len(text) - len(text.lstrip(" ,;:—–-\n"))
            b -= len(text) - len(text.rstrip(" ,;:—–-\n"))
            if b > a:
                parts.append((a, b))
        return parts or [(s, e)]

    def quoted_share(self, spans: list[tuple[int, int]]) -> float:
        inside = total = 0
        for s, e in spans:
            for k in self.regions_in(s, e):
                r = self.regions[k]
                lo, hi = max(s, r.start), min(e, r.end)
                inside += sum(1 for ch in self.text[lo:hi] if not ch.isspace())
            total += sum(1 for ch in self.text[s:e] if not ch.isspace())
        return inside / total if total else 0.0

    def inner(self, k: int) -> tuple[int, int]:
        r = self.regions[k]
        return r.inner_start, r.inner_end

    def speaker_of(self, cue: Cue) -> Speaker | None:
        if cue.speaker is None:
            return None
        head = self.doc[cue.speaker]
        a, b = noun_phrase(head)
        return self.resolver.resolve(head, a, b)

    # ------------------------------------------------------------------ steps

    def from_content(self, cues: list[Cue]) -> list[Draft]:
        """Step 1: cues whose parse gives reported content."""
        drafts: list[Draft] = []
        for cue in cues:
            if cue.content is None:
                continue
            rng = self.clip_to_line(cue)
            if rng is None:
                continue
            s, e = rng
            touched = self.regions_in(s, e)
            # the region chain of a multi-paragraph quotation may reach other lines
            s = min([s] + [self.regions[k].start for k in touched])
            e = max([e] + [self.regions[k].end for k in touched])
            touched = self.regions_in(s, e)
            if not touched:
                parts = self._without_skip(cue, s, e)
                words = sum(len(self.text[a:b].split()) for a, b in parts)
                if words >= 2 or cue.rule.startswith("answer/"):
                    drafts.append(Draft(parts, cue, cue.rule))
                continue
            share = self.quoted_share([(s, e)])
            if share >= 0.9:
                # direct: the whole quotation, with the rest of a multi-paragraph chain
                keys = sorted({j for k in touched for j in self.chains[self.regions[k].chain]})
                spans = [self.inner(k) for k in keys]
                drafts.append(Draft(spans, cue, cue.rule, set(keys)))
            else:
                extra = [
                    k2
                    for k in touched
                    for k2 in self.chains[self.regions[k].chain]
                    if self.regions[k2].start >= e
                ]
                spans = self._without_skip(cue, s, e) + [self.inner(k) for k in extra]
                drafts.append(Draft(spans, cue, cue.rule, set(touched) | set(extra)))
        return drafts

    def block_paragraphs(self, cues: list[Cue]) -> list[Draft]:
        """ "The governor added:" closing its paragraph, then a paragraph without quotation
        marks: the paragraph is what was said (a block quotation)."""
        drafts: list[Draft] = []
        doc, text = self.doc, self.text
        for cue in cues:
            if cue.speaker is None or (cue.content is not None and self.clip_to_line(cue)):
                continue
            tok = doc[cue.token]
            line = self.line_of(tok.idx)
            if line + 1 >= len(self.line_starts):
                continue
            tail = text[tok.idx + len(tok.text) : self.line_starts[line + 1]].strip()
            if not tail.endswith(":") or len(tail.split()) > 4:
                continue
            nxt = line + 1
            while (
                nxt + 1 < len(self.line_starts)
                and not text[self.line_starts[nxt] : self.line_starts[nxt + 1]].strip()
            ):
                nxt += 1
            lo = self.line_starts[nxt]
            hi = self.line_starts[nxt + 1] - 1 if nxt + 1 < len(self.line_starts) else len(text)
            body = text[lo:hi]
            start = lo + len(body) - len(body.lstrip())
            end = lo + len(body.rstrip())
            if end - start < 20 or text[start] in QUOTE_OPENERS or self.regions_in(start, end):
                continue
            drafts.append(Draft([(start, end)], cue, f"block/{cue.rule.split('/')[-1]}"))
        return drafts

    def _frame(self, start_tok: int, step: int) -> list[Token]:
        """Tokens next to a quotation, up to a sentence end, another quotation or a line."""
        out: list[Token] = []
        i = start_tok
        doc = self.doc
        while 0 <= i < len(doc) and len(out) < FRAME_LIMIT:
            tok = doc[i]
            if self.in_region[i] >= 0 or "\n" in tok.text:
                break
            if tok.text in SENTENCE_END and step > 0:
                break
            if tok.text in SENTENCE_END and step < 0:
                break
            out.append(tok)
            i += step
        return out

    def adjacent_cue(self, chain: list[int], by_token: dict[int, Cue]) -> tuple[Cue, str] | None:
        """Step 2: a cue in the sentence right after or right before a quotation."""
        first, last = chain[0], chain[-1]
        a, _ = self.region_tokens(first)
        _, b = self.region_tokens(last)
        inner_text = self.text[self.regions[last].inner_start : self.regions[last].inner_end]
        signed = signature_cue(self.doc, b)
        if signed is not None:
            return signed, "signature"
        after = self._frame(b, 1)
        # '"...," she said' and '"...?" asked X'; after a full stop only a short tail
        if after and (
            inner_text.rstrip()[-1:] in CLOSE_PUNCT or after[0].is_lower or len(after) <= 8
        ):
            for tok in after:
                cue = by_token.get(tok.i)
                if cue is not None and self._owns_no_other_content(cue, first, last):
                    return cue, "after"
                if tok.pos_ in ("VERB",) and tok.i - b > 1 and by_token.get(tok.i) is None:
                    break
        before = self._frame(a - 1, -1)
        for tok in before:
            cue = by_token.get(tok.i)
            if cue is not None and self._owns_no_other_content(cue, first, last):
                return cue, "before"
            if tok.pos_ == "VERB" and tok.dep_ not in ("advcl",):
                break
        return None

    def _looks_like_a_name(self, spans: list[tuple[int, int]], cue: Cue) -> bool:
        words = [w for a, b in spans for w in self.text[a:b].split()]
        if cue.speaker is None and len(words) < 3:
            return True
        ends_like_speech = self.text[spans[-1][0] : spans[-1][1]].rstrip()[-1:] in ".,?!…:;—-"
        title_case = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
        return len(words) <= 4 and not ends_like_speech and title_case

    def colon_paragraph(self, chain: list[int], cues: list[Cue]) -> tuple[Cue, str] | None:
        """A quotation opening a paragraph after one that ends "... wrote:"."""
        start = self.regions[chain[0]].start
        line = self.line_of(start)
        if self.text[self.line_starts[line] : start].strip():
            return None
        before = self.text[: self.line_starts[line]].rstrip()
        if not before.endswith(":"):
            return None
        lo = self.line_starts[self.line_of(len(before) - 1)]
        for cue in reversed(cues):
            at = self.doc[cue.token].idx
            if at < lo:
                break
            if at < len(before) and self._owns_no_other_content(cue, chain[0], chain[-1]):
                return cue, "colon"
            if at < len(before):
                break
        return None

    def _owns_no_other_content(self, cue: Cue, first: int, last: int) -> bool:
        if cue.content is None:
            return True
        rng = self.clip_to_line(cue)
        if rng is None:
            return True
        lo, hi = self.regions[first].start, self.regions[last].end
        if rng[0] >= lo - 1 and rng[1] <= hi + 1:
            return True
        # the cue already reports another quotation: this one continues it
        return self.quoted_share([rng]) >= 0.9

    # ------------------------------------------------------------------ whole article

    def run(self) -> list[Draft]:
        cues = find_cues(self.doc, self.in_region) + colon_cues(self.doc, self.in_region)
        by_token = {c.token: c for c in cues}
        drafts = self.from_content(cues) + self.block_paragraphs(cues)
        claimed: set[int] = {k for d in drafts for k in d.regions}
        by_cue: dict[int, Draft] = {}
        for d in drafts:
            if d.cue is not None and d.regions and self.quoted_share(d.spans) >= 0.9:
                by_cue[d.cue.token] = d
        chain_ids = sorted({r.chain for r in self.regions}, key=lambda c: self.chains[c][0])
        for chain_id in chain_ids:
            keys = self.chains[chain_id]
            if any(k in claimed for k in keys):
                continue
            found = self.adjacent_cue(keys, by_token) or self.colon_paragraph(keys, cues)
            if found is None:
                continue
            cue, side = found
            spans = [self.inner(k) for k in keys]
            if self._looks_like_a_name(spans, cue):
                continue  # a title or label next to a cue, not what was said
            existing = by_cue.get(cue.token)
            if existing is not None:
                existing.spans = sorted(existing.spans + spans)
                existing.regions |= set(keys)
            else:
                draft = Draft(spans, cue, f"direct-{side}/{cue.rule.split('/')[-1]}", set(keys))
                drafts.append(draft)
                by_cue[cue.token] = draft
            claimed |= set(keys)
        for d in drafts:
            d.speaker = self.speaker_of(d.cue) if d.cue is not None else None
        drafts.sort(key=lambda d: d.spans[0])
        return self.lone_quotes(drafts, claimed)

    def _standalone(self, keys: list[int]) -> bool:
        a, _ = self.region_tokens(keys[0])
        _, b = self.region_tokens(keys[-1])
        before = self._frame(a - 1, -1)
        after = self._frame(b, 1)
        return not any(t.is_alpha for t in before) and not any(t.is_alpha for t in after)

    def _only_cue_between(self, prev: Draft, start: int) -> bool:
        """Nothing but the previous quote's cue sentence between it and ``start``."""
        end = max(e for _, e in prev.spans)
        if self.text[end:start].count("\n") > 2:
            return False
        span = self.doc.char_span(end, start, alignment_mode="expand")
        if span is None:
            return True
        cue = prev.cue
        lo = hi = -1
        if cue is not None:
            tok = self.doc[cue.token]
            lo, hi = tok.left_edge.i, tok.right_edge.i
            if cue.speaker is not None:
                spk = self.doc[cue.speaker]
                lo, hi = min(lo, spk.left_edge.i), max(hi, spk.right_edge.i)
        for tok in span:
            if self.in_region[tok.i] >= 0 or not tok.is_alpha:
                continue
            if not lo <= tok.i <= hi:
                return False
        return True

    def _last_speaker(self, before: list[Draft], start: int) -> Draft | None:
        """The quote a floating quotation continues: the last one quoted directly nearby,
        else the last attributed one."""
        line = self.line_of(start)
        fallback: Draft | None = None
        for draft in reversed(before):
            if line - self.line_of(draft.spans[-1][1]) > FLOAT_LINES * 2:
                break
            if draft.speaker is None:
                continue
            if draft.regions:
                return draft
            if fallback is None:
                fallback = draft
        return fallback

    def lone_quotes(self, drafts: list[Draft], claimed: set[int]) -> list[Draft]:
        """Step 3: continuing, floating and unattributed quotes."""
        lone = [
            keys
            for c, keys in sorted(self.chains.items(), key=lambda kv: kv[1][0])
            if not any(k in claimed for k in keys)
        ]
        if not lone:
            return drafts
        out = list(drafts)
        starts = [d.spans[0][0] for d in out]
        for keys in lone:
            if not self._standalone(keys):
                continue  # a quoted phrase inside a sentence with no cue: not speech
            start = self.regions[keys[0]].start
            pos = bisect_left(starts, start)
            prev = out[pos - 1] if pos else None
            spans = [self.inner(k) for k in keys]
            if prev is not None and prev.regions and self._only_cue_between(prev, start):
                prev.spans = sorted(prev.spans + spans)
                prev.regions |= set(keys)
                continue
            source = self._last_speaker(out[:pos], start)
            if source is not None:
                draft = Draft(spans, None, "floating", set(keys), source.speaker)
            else:
                words = sum(len(self.text[s:e].split()) for s, e in spans)
                if words < MIN_UNATTRIBUTED_WORDS:
                    continue
                draft = Draft(spans, None, "unattributed", set(keys))
            out.insert(pos, draft)
            starts.insert(pos, start)
        return out


def _speaker_after_cue(
    doc: Doc, ext: Extractor, cue_span: tuple[int, int] | None, spans: list[tuple[int, int]]
) -> Speaker | None:
    if cue_span is None:
        return None
    sent_end = doc.char_span(cue_span[0], cue_span[1], alignment_mode="expand")
    if sent_end is None:
        return None
    limit = min(sent_end.sent.end_char, cue_span[1] + 80)
    for mention, entity in ext.resolver.index.mentions_in(cue_span[1], limit):
        inside = any(overlap((mention.start, mention.end), sp) for sp in spans)
        if mention.start >= cue_span[1] and entity.kind in ("PERSON", "ORG", "NORP") and not inside:
            return Speaker(entity.id, mention.text, (mention.start, mention.end))
    return None


EDGE = " \n\t,;:—–-"


def _without(
    text: str, spans: list[tuple[int, int]], cut: tuple[int, int]
) -> list[tuple[int, int]]:
    """The content ``spans`` without the characters of ``cut`` (the cue: what is said never
    holds the words that say it), trimmed of blanks and clause punctuation at the cut."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if not overlap((s, e), cut):
            out.append((s, e))
            continue
        for a, b, at_end in ((s, min(e, cut[0]), True), (max(s, cut[1]), e, False)):
            if at_end:
                while b > a and text[b - 1] in EDGE:
                    b -= 1
            else:
                while a < b and text[a] in EDGE:
                    a += 1
            if b > a:
                out.append((a, b))
    return out


# cue words of a question put to someone (data/quotes/question_cues.txt)
QUESTION_CUES = word_set("quotes/question_cues.txt")


def _unowned_question(text: str, spans: list[tuple[int, int]], draft: Draft) -> bool:
    """A question nobody named is asking: "Asked about the summit, she said ...", or
    "'Will the US impose sanctions?' a reporter asked". Not a quote of anyone."""
    if draft.rule.endswith("/asked"):
        return True
    if (draft.speaker is not None and draft.speaker.entity is not None) or draft.cue is None:
        return False
    start, end = draft.cue.cue_span
    words = text[start:end].lower().split()
    said = text[spans[-1][0] : spans[-1][1]].rstrip(" \"'”’»)")
    return bool(words) and words[0] in QUESTION_CUES and said.endswith("?")


def extract(text: str, doc: Doc, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    ext = Extractor(text, doc, entities)
    quotes: list[Quote] = []
    for draft in ext.run():
        cue = draft.cue
        spans = [(s, e) for s, e in draft.spans if e > s]
        if cue is not None:
            spans = _without(text, spans, cue.cue_span)
        if not spans or _unowned_question(text, spans, draft):
            continue
        share = ext.quoted_share(spans)
        kind: QuoteKind = "direct" if share >= 0.9 else "indirect" if share == 0 else "mixed"
        spk = draft.speaker
        if spk is not None and any(overlap(spk.span, sp) for sp in spans):
            # the parse took the quoted words for the subject ("'...,' said X"): the speaker
            # is then the named mention right after the cue outside the content, or nobody
            spk = _speaker_after_cue(doc, ext, cue.cue_span if cue else None, spans)
        quotes.append(
            Quote(
                id=f"Q{len(quotes) + 1}",
                kind=kind,
                text=" ".join(text[s:e] for s, e in spans),
                spans=tuple(spans),
                speaker=spk.entity if spk else None,
                speaker_text=spk.text if spk else None,
                speaker_span=spk.span if spk else None,
                cue=text[cue.cue_span[0] : cue.cue_span[1]] if cue else None,
                cue_span=cue.cue_span if cue else None,
                rule=draft.rule,
            )
        )
    return tuple(quotes)
