"""Structure: from a raw article (text or HTML) to its cleaned body and parts.

Runs before any language analysis: title, dateline, byline, publication date, paragraphs,
and the blocks dropped from the body (captions, credits, promos, duplicates).
"""

from __future__ import annotations

from ._build import build_article, content_id

__all__ = ["build_article", "content_id"]
