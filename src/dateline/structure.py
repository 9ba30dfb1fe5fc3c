"""The structure stage: raw text or HTML -> a clean ``Article`` (placeholder, issue #2)."""

from __future__ import annotations

import hashlib

from .types import Article, Paragraph, RawArticle

__all__ = ["build_article", "content_id"]


def content_id(text: str) -> str:
    """The article id: a hash of its cleaned text, so the same story gets the same id."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def build_article(raw: RawArticle) -> Article:
    text = (raw.text or "").strip()
    paragraphs: list[Paragraph] = []
    pos = 0
    for block in text.split("\n\n"):
        start = text.find(block, pos)
        if block.strip():
            paragraphs.append(Paragraph(start, start + len(block), start))
        pos = start + len(block)
    return Article(
        id=content_id(text),
        text=text,
        paragraphs=tuple(paragraphs),
        title=raw.title,
        published=raw.published,
        published_from="metadata" if raw.published else None,
        url=raw.url,
        source=raw.source,
        origin=raw.origin,
    )
