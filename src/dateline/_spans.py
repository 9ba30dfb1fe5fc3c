"""Small helpers on character spans shared by the stages that point at entities."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

from .types import Entity, Mention, Quote

__all__ = ["EntityIndex", "QuoteIndex", "doc_text", "overlap"]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of characters two end-exclusive spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


class EntityIndex:
    """Find the entity whose mention covers a span of the text."""

    def __init__(self, entities: tuple[Entity, ...]):
        pairs = sorted(
            ((m, e) for e in entities for m in e.mentions), key=lambda p: (p[0].start, p[0].end)
        )
        self._mentions: list[tuple[Mention, Entity]] = pairs
        self._starts = [m.start for m, _ in pairs]
        self._by_id = {e.id: e for e in entities}
        self._longest = max((m.end - m.start for m, _ in pairs), default=0)

    def get(self, entity_id: str | None) -> Entity | None:
        return self._by_id.get(entity_id) if entity_id else None

    def mentions_in(self, start: int, end: int) -> list[tuple[Mention, Entity]]:
        """Mentions overlapping [start, end), in text order."""
        lo = bisect_right(self._starts, start - self._longest - 1)
        hi = bisect_right(self._starts, end - 1)
        return [(m, e) for m, e in self._mentions[lo:hi] if overlap((m.start, m.end), (start, end))]

    def at(self, start: int, end: int) -> Entity | None:
        """The entity whose mention overlaps [start, end) the most (the first on a tie)."""
        best: tuple[int, Entity] | None = None
        for mention, entity in self.mentions_in(start, end):
            shared = overlap((mention.start, mention.end), (start, end))
            if best is None or shared > best[0]:
                best = (shared, entity)
        return best[1] if best else None


class _Intervals:
    """Spans (start, end, key), found by a character they cover or by where they start."""

    def __init__(self, spans: list[tuple[int, int, int]]):
        self._spans = sorted(spans)
        self._starts = [s for s, _, _ in self._spans]
        self._longest = max((e - s for s, e, _ in self._spans), default=0)

    def covering(self, at: int) -> list[int]:
        """Keys of the spans holding character ``at``, in key order."""
        lo = bisect_right(self._starts, at - self._longest - 1)
        hi = bisect_right(self._starts, at)
        return sorted({k for s, e, k in self._spans[lo:hi] if s <= at < e})

    def starting_in(self, start: int, end: int) -> list[int]:
        """Keys of the spans starting in [start, end), in key order."""
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end)
        return sorted({k for _, _, k in self._spans[lo:hi]})


class QuoteIndex:
    """Find the quotes whose cue or content covers a character, or whose cue starts in a
    range: each in the quotes' own order (one index per document: a scan of every quote per
    sentence or per event is quadratic on a long article)."""

    def __init__(self, quotes: tuple[Quote, ...]):
        self.quotes = quotes
        self._cues = _Intervals(
            [(*q.cue_span, k) for k, q in enumerate(quotes) if q.cue_span is not None]
        )
        self._content = _Intervals([(s, e, k) for k, q in enumerate(quotes) for s, e in q.spans])

    def cue_at(self, at: int) -> list[Quote]:
        """Quotes whose cue span holds character ``at``."""
        return [self.quotes[k] for k in self._cues.covering(at)]

    def cue_in(self, start: int, end: int) -> list[Quote]:
        """Quotes whose cue starts in [start, end)."""
        return [self.quotes[k] for k in self._cues.starting_in(start, end)]

    def content_at(self, at: int) -> list[Quote]:
        """Quotes one of whose content spans holds character ``at``."""
        return [self.quotes[k] for k in self._content.covering(at)]


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once per Doc: spaCy joins every token on each ``doc.text``."""
    cached = doc.user_data.get("dateline:text")
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data["dateline:text"] = cached
    return cached
