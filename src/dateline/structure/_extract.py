"""HTML -> main text and metadata, with trafilatura.

``extract_html`` runs trafilatura's main-content extraction once and keeps what the
structure stage needs: the body as one paragraph per line, the title, the publication
date, the author and the site name. Comments are left out of the body. A page without
article text raises ``InputError`` (E015).

lxml stops parsing a page nested deeper than 256 elements and drops the rest. Such a page
is parsed again with lxml's ``huge_tree`` (2048 levels); past that, the page is cut and
``ExtractedPage.warnings`` says where.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ..errors import NO_TEXT, InputError
from ._page_dates import PageDate, markup_date, page_dates

__all__ = ["NO_TEXT", "ExtractedPage", "extract_html"]


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str  # one paragraph per line
    title: str | None = None
    published: str | None = None  # trafilatura's date, YYYY-MM-DD (unchecked)
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = ()
    date_evidence: tuple[PageDate, ...] = ()  # what the page says of its date


_DEFAULT_DEPTH = 256  # libxml2's depth limit without huge_tree: a tree this deep was cut


def _depth_reaches(tree: Any, limit: int) -> bool:
    """True when some element of ``tree`` lies ``limit`` levels deep (iterative: no
    recursion limit on deep trees)."""
    stack = [(tree, 1)]
    while stack:
        element, depth = stack.pop()
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in element)
    return False


def _parse_deep(html: str, name: str) -> tuple[Any, tuple[str, ...]]:
    """The page parsed with lxml's ``huge_tree``; a warning when even that cut it."""
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    tree = lxml_html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    cut = [e for e in parser.error_log if "depth" in e.message.lower()]
    if not cut:
        return tree, ()
    where = f"line {cut[0].line}, column {cut[0].column}"
    return tree, (
        f"{name}: the HTML is nested too deeply for the parser; the page after {where} "
        "of the markup was cut",
    )


def _tree(html: str, name: str) -> tuple[Any, tuple[str, ...]]:
    """trafilatura's parse of the page, or the ``huge_tree`` parse when it was cut."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None or not _depth_reaches(tree, _DEFAULT_DEPTH - 1):
        return tree, ()
    return _parse_deep(html, name)


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
        tree, warnings = _tree(html, name)
        doc = None
        evidence = page_dates(tree, url)  # before trafilatura, which may change the tree
        if tree is not None:  # None: not HTML at all, reported as no article text below
            doc = trafilatura.bare_extraction(
                tree,
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
    date = _clean(getattr(doc, "date", None))
    if date and not any(e.value == date[:10] for e in evidence):
        found = markup_date(tree)  # only when the cheap evidence did not confirm it
        evidence += (found,) if found else ()
    return ExtractedPage(
        text=text,
        title=_clean(getattr(doc, "title", None)),
        published=date,
        author=_clean(getattr(doc, "author", None)),
        sitename=_clean(getattr(doc, "sitename", None)),
        url=_clean(getattr(doc, "url", None)),
        warnings=warnings,
        date_evidence=evidence,
    )
