"""The structure stage: raw text or HTML -> a clean ``Article``.

    reader's text (or trafilatura's text of an HTML page)
      -> blocks (paragraph candidates with their offset in the reader's text)
      -> headline, bylines, captions and credits, promo lines, boilerplate  -> ``dropped``
      -> dateline at the start of the body                                  -> ``dropped``
      -> exact and near-duplicate paragraphs                                -> ``dropped``
      -> body: paragraphs joined by a blank line, 1:1 character normalisation
      -> publication date (metadata, HTML, or explicit evidence in the text), language, id

Nothing is silently lost: every removed block is a ``Dropped`` with its kind and its offset
in the reader's text, and every normalised character is a ``Replacement``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from .._data import word_set
from ..errors import InputError
from ..types import (
    Article,
    Dateline,
    Dropped,
    DroppedKind,
    Paragraph,
    PublishedFrom,
    RawArticle,
    Replacement,
)
from ._dates import find_full_dates, iso, month_day, parse_date, weekdays_in
from ._dedup import find_duplicates
from ._extract import NO_TEXT, extract_html
from ._lang import detect_language
from ._page_dates import check_published, url_dates
from ._rules import (
    Verdict,
    classify,
    is_list_heading,
    looks_like_headline,
    looks_like_list_item,
    match_dateline,
)
from ._text import Block, split_blocks

__all__ = ["build_article", "content_id"]

_MIN_HTML_WORDS = 10  # less page text than this is navigation, not an article
_MAX_LIST = 15  # related-link items after one heading
_DATELINE_SCAN = 3  # body paragraphs searched for a dateline
_WEEKDAY_SCAN = 3  # body paragraphs searched for a weekday that confirms a caption date
_PUBLISH_LABELS = word_set("structure/publish_labels.txt")


def content_id(text: str) -> str:
    """The article id: a hash of its cleaned text, so the same story gets the same id."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class _Draft:
    """What the stage has found so far, while it walks through the blocks."""

    title: str | None
    byline: str | None
    kept: list[Block] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    # (priority, source offset, ISO date, where): evidence for the publication date
    evidence: list[tuple[int, int, str, str]] = field(default_factory=list)
    captions: list[Block] = field(default_factory=list)

    def drop(
        self, kind: DroppedKind, block: Block, reason: str, duplicate_of: int | None = None
    ) -> None:
        self.dropped.append(Dropped(kind, block.raw, block.source_start, reason, duplicate_of))


@dataclass(frozen=True)
class _Input:
    """The text to structure and what is known about the article before reading it."""

    blocks: list[Block]
    from_html: bool
    title: str | None
    byline: str | None
    source: str | None
    url: str | None
    published: str | None
    published_from: PublishedFrom | None


def _read(raw: RawArticle, name: str, warnings: list[str]) -> _Input:
    """Blocks of the reader's text, or of trafilatura's text of the HTML, and metadata."""
    published: str | None = None
    published_from: PublishedFrom | None = None
    if raw.published and raw.published.strip():
        published = parse_date(raw.published)
        if published:
            published_from = "metadata"
        else:
            warnings.append(f"could not read the published date {raw.published!r}; ignored")
    title, byline = _clean(raw.title), _clean(raw.byline)
    if raw.text is not None and raw.text.strip():
        blocks = split_blocks(raw.text)
        return _Input(blocks, False, title, byline, raw.source, raw.url, published, published_from)
    if raw.html is None or not raw.html.strip():
        raise InputError(f"{name}: no article text found (the input is empty)", code=NO_TEXT)
    page = extract_html(raw.html, url=raw.url, name=name)
    warnings.extend(page.warnings)
    if published is None and page.published and (day := parse_date(page.published)):
        evidence = page.date_evidence
        if page.url and page.url != raw.url:  # the page's canonical URL
            evidence += url_dates(page.url)
        checked = check_published(day, evidence)
        published = checked.value
        published_from = "html" if published else None
        if checked.warning:
            warnings.append(checked.warning)
    return _Input(
        split_blocks(page.text, lines_are_paragraphs=True),
        True,
        title or page.title,
        byline or page.author,
        raw.source or page.sitename,
        raw.url or page.url,
        published,
        published_from,
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(raw: RawArticle, warnings: list[str]) -> RawArticle:
    """Lone surrogates (from broken JSON escapes) cannot be encoded: U+FFFD instead."""
    fields = ("text", "html", "title", "byline", "url", "source", "published")
    found = {f: v for f in fields if isinstance(v := getattr(raw, f), str) and _SURROGATE.search(v)}
    if not found:
        return raw
    count = sum(len(_SURROGATE.findall(v)) for v in found.values())
    warnings.append(f"{count} lone surrogate character(s) replaced with U+FFFD")
    cleaned: dict[str, object] = {f: _SURROGATE.sub("\ufffd", v) for f, v in found.items()}
    return replace(raw, **cleaned)  # type: ignore[arg-type]


def build_article(raw: RawArticle) -> Article:
    """Structure one article. Raises ``InputError`` (E015) when it holds no article text."""
    name = raw.origin.path or raw.url or "input"
    warnings: list[str] = list(raw.warnings)
    raw = _without_surrogates(raw, warnings)
    given = _read(raw, name, warnings)
    blocks, from_html = given.blocks, given.from_html
    published, published_from = given.published, given.published_from
    if not blocks:
        raise InputError(f"{name}: no article text found (only white space)", code=NO_TEXT)

    draft = _Draft(title=given.title, byline=given.byline)
    rest = _headline(draft, blocks, from_html)
    _classify_blocks(draft, rest)
    dateline = _dateline(draft)
    _deduplicate(draft)
    if not draft.kept:
        raise InputError(
            f"{name}: no article text found (only a headline, captions or page furniture)",
            code=NO_TEXT,
        )
    text, paragraphs, replacements = _assemble(draft.kept)
    if from_html and len(text.split()) < _MIN_HTML_WORDS:
        raise InputError(
            f"{name}: no article text found in the HTML (only {text!r})",
            code=NO_TEXT,
            hint="the page may be an index, a login wall or rendered by JavaScript",
        )

    if published is None:
        published = _infer_published(draft)
        published_from = "text" if published else None
    elif published_from == "html" and len(published) < len("YYYY-MM-DD"):
        # the page's date was only a month or a year: a day the text gives is better
        day = _infer_published(draft)
        if day:
            warnings.append(f"published {day}, the date the text gives, not {published}")
            published, published_from = day, "text"
    if dateline is not None and dateline.date and dateline.date.startswith("XXXX") and published:
        dateline = _with_year(dateline, published)

    language, prob = detect_language(text)
    if language is not None and language != "en" and prob >= 0.9:
        warnings.append(f"language {language!r} detected; dateline's models are English")

    return Article(
        id=content_id(text),
        text=text,
        paragraphs=paragraphs,
        dropped=tuple(sorted(draft.dropped, key=lambda d: d.source_start or 0)),
        title=draft.title,
        dateline=dateline,
        byline=draft.byline,
        published=published,
        published_from=published_from,
        url=given.url,
        source=given.source,
        language=language,
        replacements=replacements,
        origin=raw.origin,
        warnings=tuple(warnings),
    )


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


# ------------------------------------------------------------------ headline


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _is_title(line: str, title: str) -> bool:
    """Is a body line the article's title (perhaps without the site name the title has)?"""
    a, b = _words(line), _words(title)
    if not a or not b:
        return False
    if a == b or fuzz.ratio(" ".join(a), " ".join(b)) >= 90:
        return True
    if len(a) >= 4 and len(a) >= 0.5 * len(b):
        n = len(a)
        return any(b[i : i + n] == a for i in range(len(b) - n + 1))
    return False


def _headline(draft: _Draft, blocks: list[Block], from_html: bool) -> list[Block]:
    """Drop the headline line; when no title is known, the first short line is it."""
    if draft.title is not None:
        for i, block in enumerate(blocks[:3]):
            if len(blocks) > 1 and _is_title(block.text, draft.title):
                draft.drop("headline", block, "repeats the title")
                return blocks[:i] + blocks[i + 1 :]
        return blocks
    first = blocks[0]
    if (
        not from_html
        and len(blocks) > 1
        and looks_like_headline(first.text)
        and classify(first.text) is None
        and match_dateline(first.text) is None
    ):
        draft.title = first.text
        draft.drop("headline", first, "first short line without a final period")
        return blocks[1:]
    return blocks


# ------------------------------------------------------------------ block rules


def _classify_blocks(draft: _Draft, blocks: list[Block]) -> None:
    in_list = 0  # > 0 while under a related-links heading
    for block in blocks:
        verdict = classify(block.text)
        if (
            verdict is None
            and 0 < in_list <= _MAX_LIST
            and looks_like_list_item(block.text)
            and not block.text.rstrip().endswith(("!", "?", '"', "'"))
        ):
            verdict = Verdict("promo", "listed under a related-links heading")
        if verdict is None:
            in_list = 0
            draft.kept.append(block)
            continue
        if verdict.kind == "promo" and is_list_heading(block.text):
            in_list = 1
        elif verdict.kind == "promo" and in_list:
            in_list += 1
        else:
            in_list = 0
        draft.drop(verdict.kind, block, verdict.reason)
        _note_evidence(draft, block, verdict)


def _note_evidence(draft: _Draft, block: Block, verdict: Verdict) -> None:
    """Remember bylines, and dates of date lines, bylines and captions."""
    if verdict.kind == "byline" and verdict.value and draft.byline is None:
        draft.byline = _byline_name(verdict.value)
    dates = find_full_dates(block.text)
    if verdict.kind == "caption":
        if not re.search(r"\bfile\b", block.text, re.IGNORECASE):
            draft.captions.append(block)
        return
    if not dates:
        return
    date = dates[0][2]
    if verdict.kind == "byline":
        draft.evidence.append((2, block.source_start, date, "byline"))
    elif verdict.reason == "date line":
        label = verdict.value
        if label in _PUBLISH_LABELS:
            draft.evidence.append((0, block.source_start, date, "date line"))
        elif label is None and not draft.kept:
            draft.evidence.append((3, block.source_start, date, "date line"))
        elif label is not None:
            draft.evidence.append((4, block.source_start, date, "updated line"))


def _byline_name(value: str) -> str:
    """The name part of a byline: "JANE DOE, Associated Press" -> "JANE DOE, Associated Press",
    "Tim Smith - January 16 2008" -> "Tim Smith"."""
    for date in find_full_dates(value)[:1]:
        value = value[: date[0]]
    return value.strip(" -–—|,") or value


# ------------------------------------------------------------------ dateline


def _dateline(draft: _Draft) -> Dateline | None:
    """Find the dateline at the start of the first body paragraphs and cut it off."""
    for i, block in enumerate(draft.kept[:_DATELINE_SCAN]):
        found = match_dateline(block.text)
        if found is not None:
            prefix = Block(
                block.raw[: found.end].rstrip(),
                block.source_start,
                block.text[: found.end].rstrip(),
                (),
            )
            draft.drop("dateline", prefix, "dateline at the start of the body")
            draft.kept[i] = block.tail(found.end)
        elif i + 1 < len(draft.kept) and len(block.text) <= 80:
            found = match_dateline(block.text, alone=True)
            if found is None:
                continue
            draft.drop("dateline", block, "dateline on a line of its own")
            del draft.kept[i]
        else:
            continue
        date = None
        if found.date:
            full = find_full_dates(found.date)
            if full:
                date = full[0][2]
                draft.evidence.append((1, block.source_start, date, "dateline"))
            else:
                md = month_day(found.date)
                date = f"XXXX-{md[0]:02d}-{md[1]:02d}" if md else None
        if found.place is None:
            return None  # an agency credit such as "(CNN) --" without a place
        place = f"{found.place}, {found.region}" if found.region else found.place
        return Dateline(place=place, agency=found.agency, date=date, text=found.prefix)
    return None


def _with_year(dateline: Dateline, published: str) -> Dateline:
    """Give a year-less dateline date the year that puts it on or before publication."""
    assert dateline.date is not None
    month, day = int(dateline.date[5:7]), int(dateline.date[8:10])
    year = int(published[:4])
    value = iso(year, month, day)
    # only a full publication day can put the dateline's date in the year before
    if value is None or (len(published) == len(value) and value > published):
        value = iso(year - 1, month, day)
    return Dateline(dateline.place, dateline.entity, dateline.agency, value, dateline.text)


# ------------------------------------------------------------------ duplicates


def _deduplicate(draft: _Draft) -> None:
    dupes = find_duplicates([b.text for b in draft.kept])
    if not dupes:
        return
    survivors = [i for i in range(len(draft.kept)) if i not in dupes]
    new_index = {old: new for new, old in enumerate(survivors)}
    for i, kept_i in sorted(dupes.items()):
        draft.drop("duplicate", draft.kept[i], "repeats another paragraph", new_index[kept_i])
    draft.kept = [draft.kept[i] for i in survivors]


# ------------------------------------------------------------------ assembly


def _assemble(
    blocks: list[Block],
) -> tuple[str, tuple[Paragraph, ...], tuple[Replacement, ...]]:
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    replacements: list[Replacement] = []
    pos = 0
    for block in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(block.text)
        paragraphs.append(Paragraph(pos, pos + len(block.text), block.source_start))
        replacements.extend(Replacement(pos + off, ch) for off, ch in block.replacements)
        pos += len(block.text)
    return "".join(parts), tuple(paragraphs), tuple(replacements)


# ------------------------------------------------------------------ publication date


def _infer_published(draft: _Draft) -> str | None:
    """The publication date from explicit evidence in the text, or None.

    Evidence, strongest first: a "Published:" line, a dateline with a full date, a byline
    with a full date, a bare date line above the body, an "Updated:" line, and last a
    caption's full date when the first body paragraphs name that date's weekday ("on
    Friday"). A weekday alone, or a caption date that no weekday confirms, is not enough.
    """
    if draft.evidence:
        return min(draft.evidence)[2]
    named: set[int] = set()
    for block in draft.kept[:_WEEKDAY_SCAN]:
        named |= weekdays_in(block.text)
    if not named:
        return None
    for caption in draft.captions:
        for _, _, date in find_full_dates(caption.text):
            year, month, day = (int(x) for x in date.split("-"))
            if dt.date(year, month, day).weekday() in named:
                return date
    return None
