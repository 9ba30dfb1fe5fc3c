"""From a speaker's words in the text to an entity id.

The speaker span always comes from the syntax; the entity comes from the entities stage's
clusters (``spans.EntityIndex``), whose mentions include resolved pronouns and nominals.
Only the span's head word (and its name compounds) is looked up, so "Russia's news agency"
is not mistaken for Russia. A personal pronoun the clusters did not resolve falls back to
the person most recently named as a subject before it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .._data import word_set
from .._spans import EntityIndex, doc_text
from ..types import Entity

__all__ = ["Speaker", "SpeakerResolver"]

PERSONAL = set(word_set("quotes/personal_pronouns.txt"))
PERSON_KINDS = {"PERSON"}
LOOKBACK = 1500  # characters searched back for a pronoun's antecedent


@dataclass(frozen=True, slots=True)
class Speaker:
    entity: str | None
    text: str
    span: tuple[int, int]


class SpeakerResolver:
    def __init__(self, doc: Doc, entities: tuple[Entity, ...]):
        self.doc = doc
        self.index = EntityIndex(entities)
        named = sorted(
            (m.start, m.end, e.id)
            for e in entities
            if e.kind in PERSON_KINDS
            for m in e.mentions
            if m.kind == "name"
        )
        self._people = named
        self._people_starts = [s for s, _, _ in named]

    def resolve(self, head: Token, start: int, end: int) -> Speaker:
        """The speaker whose head word is ``head``, spoken of by tokens [start, end)."""
        doc = self.doc
        while end - 1 > start and doc[end - 1].dep_ == "case":  # "Trump's claim": Trump
            end -= 1
        first, last = doc[start], doc[end - 1]
        span = (first.idx, last.idx + len(last.text))
        text = doc_text(doc)[span[0] : span[1]]
        return Speaker(self.entity_for(head), text, span)

    def entity_for(self, head: Token) -> str | None:
        keys = [head] + [c for c in head.children if c.dep_ in ("compound", "flat")]
        for tok in keys:
            ent = self.index.at(tok.idx, tok.idx + len(tok.text))
            if ent is not None:
                return ent.id
        if head.lower_ in PERSONAL:
            return self._antecedent(head)
        return None

    def _antecedent(self, pronoun: Token) -> str | None:
        """The person named last before the pronoun, preferring sentence subjects."""
        hi = bisect_left(self._people_starts, pronoun.idx)
        fallback: str | None = None
        for k in range(hi - 1, -1, -1):
            start, end, eid = self._people[k]
            if start < pronoun.idx - LOOKBACK:
                break
            if fallback is None:
                fallback = eid
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                return eid
        return fallback
