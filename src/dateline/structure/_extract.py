"""HTML -> main text and metadata, with trafilatura.

``extract_html`` runs trafilatura's main-content extraction once and keeps what the
structure stage needs: the body as one paragraph per line, the title, the publication
date, the author and the site name. Comments are left out of the body. A page without
article text raises ``InputError`` (E015).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..errors import NO_TEXT, InputError

__all__ = ["NO_TEXT", "ExtractedPage", "extract_html"]


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str  # one paragraph per line
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    author: str | None = None
    sitename: str | None = None
    url: str | None = None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def extract_html(html: str, *, url: str | None = None, name: str = "HTML") -> ExtractedPage:
    """The article of an HTML page; ``name`` (a file or URL) goes into error messages."""
    import trafilatura

    if not html.strip():
        raise InputError(f"{name}: no article text found (the page is empty)", code=NO_TEXT)
    # trafilatura logs each page it cannot parse; the error below says it once, clearly.
    # A level the application set for trafilatura's logger is left alone.
    logger = logging.getLogger("trafilatura")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise InputError(
            f"{name}: no article text found (the HTML could not be parsed: {exc})",
            code=NO_TEXT,
            hint="check that the file is an HTML page",
        ) from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not isinstance(text, str) or not text.strip():
        raise InputError(
            f"{name}: no article text found in the HTML",
            code=NO_TEXT,
            hint="the page may be an index, a login wall or rendered by JavaScript",
        )
    return ExtractedPage(
        text=text,
        title=_clean(getattr(doc, "title", None)),
        published=_clean(getattr(doc, "date", None)),
        author=_clean(getattr(doc, "author", None)),
        sitename=_clean(getattr(doc, "sitename", None)),
        url=_clean(getattr(doc, "url", None)),
    )
