"""HTML pages: decode with the declared charset (HTTP header or ``<meta>``) or detection,
and hand the markup to the structure stage, which extracts the article."""

from __future__ import annotations

import html as htmllib
import re

from ..types import Failure, Origin, RawArticle
from ._checks import check_document
from ._decode import decode
from ._options import ReadOptions

__all__ = ["html_article", "meta_charset", "page_url"]

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_HEAD_END = re.compile(r"</head\s*>|<body\b", re.I)


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta charset>``, an
    ``http-equiv`` content type, or an XML declaration), or None."""
    head = data[:4096]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return found.group(1).decode("ascii") if found else None


def page_url(page: str) -> str | None:
    """The page's own address from ``<link rel=canonical>`` or ``og:url`` in the head."""
    end = _HEAD_END.search(page, 0, 200_000)
    head = page[: end.start()] if end else page[:200_000]
    og: str | None = None
    for tag in _TAG.finditer(head):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTR.finditer(tag.group(2))
        }
        if tag.group(1).lower() == "link" and "canonical" in attrs.get("rel", "").lower().split():
            href = htmllib.unescape(attrs.get("href", "")).strip()
            if href.startswith(("http://", "https://")):
                return href
        if attrs.get("property", "").lower() == "og:url" and og is None:
            content = htmllib.unescape(attrs.get("content", "")).strip()
            og = content if content.startswith(("http://", "https://")) else None
    return og


def html_article(
    data: bytes,
    origin: Origin,
    options: ReadOptions,
    *,
    charset: str | None = None,
    url: str | None = None,
    what: str = "file",
) -> RawArticle | Failure:
    """A ``RawArticle(html=...)``; ``charset`` is an HTTP header's, ``url`` a known address."""
    problem = check_document(data, origin, options.max_bytes, what)
    if problem:
        return problem
    decoded = decode(data, declared=charset or meta_charset(data), forced=options.encoding)
    return RawArticle(
        origin=origin,
        html=decoded.text,
        url=url or page_url(decoded.text),
        warnings=decoded.warnings,
    )
