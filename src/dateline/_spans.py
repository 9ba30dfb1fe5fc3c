"""Small helpers on character spans shared by the stages that point at entities."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from .types import Entity, Mention

__all__ = ["EntityIndex", "doc_text", "overlap"]


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


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once per Doc: spaCy joins every token on each ``doc.text``."""
    cached = doc.user_data.get("dateline:text")
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data["dateline:text"] = cached
    return cached
