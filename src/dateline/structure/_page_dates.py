"""A page's own evidence for its publication date, and the check of trafilatura's date.

trafilatura (through htmldate) returns a day for every page it dates, even when all it
found was a year: a footer's "Copyright 2007" becomes ``2007-01-01``, and every relative
date of the article ("on Sunday") is then read a year off. ``page_dates`` collects what the
page itself says, and ``check_published`` keeps trafilatura's day only when that evidence
confirms it:

* ``<meta>`` tags named in ``data/structure/published_meta.txt`` (``article:published_time``,
  ``datePublished``, ``dc.date``, ...), JSON-LD ``"datePublished"``, and ``<time datetime>``;
* a date in the URL (``/2007/12/30/``, ``2007-12-30``, ``20071230``; ``/2007/12/`` is a month);
* a full date written anywhere in the page's text ("Dec. 30, 2007");
* htmldate's date of the page without its extensive search (which is where a copyright
  line's year comes from): the markup and the links it reads, such as ``?date=2007/12/30``.

A day the evidence holds is kept. Otherwise the date is downgraded to what the evidence
supports: the month of a URL such as ``/2007/12/``; the year when the day is 1 January (how
htmldate writes out a year-only date, such as a copyright line's); the month when it is the
first of a month (how it writes out "September 2008"). Each change is said in a warning,
and the structure stage then prefers a day the article's text gives. Any other day is kept:
htmldate read it on the page in a form the evidence here does not read ("15.01.2008").
A year or a month is never given as a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .._data import word_set
from ._dates import find_full_dates, iso, parse_date

__all__ = [
    "CheckedDate",
    "PageDate",
    "check_published",
    "markup_date",
    "page_dates",
    "url_dates",
]

_META_NAMES = word_set("structure/published_meta.txt")
_JSON_LD = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_URL_DAY = re.compile(
    r"(?<!\d)((?:19|20)\d\d)(?:[/_-]([01]?\d)[/_-]([0-3]?\d)(?!\d)|([01]\d)([0-3]\d)(?!\d))"
)
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/([01]\d)/")
_VISIBLE_TEXT = "//text()[not(ancestor::script) and not(ancestor::style)]"
_TEXT_LIMIT = 200_000  # characters of page text searched for written dates


@dataclass(frozen=True, slots=True)
class PageDate:
    """One date the page gives: where (``meta``, ``json-ld``, ``time``, ``url``, ``text``),
    and the value (``YYYY-MM-DD``, or ``YYYY-MM`` for a URL month)."""

    source: str
    value: str


@dataclass(frozen=True, slots=True)
class CheckedDate:
    """The publication date after the check (None: dropped), and what the check said."""

    value: str | None
    warning: str | None = None


def _attr(element: Any, *names: str) -> str:
    for name in names:
        value = element.get(name)
        if value:
            return str(value)
    return ""


def page_dates(tree: Any, url: str | None = None) -> tuple[PageDate, ...]:
    """The publication-date evidence of a parsed page (an lxml tree) and its URL."""
    found: list[PageDate] = []
    if tree is not None:
        for meta in tree.iter("meta"):
            name = _attr(meta, "property", "name", "itemprop").strip().lower()
            if name in _META_NAMES and (day := parse_date(_attr(meta, "content")[:64])):
                found.append(PageDate("meta", day))
        for script in tree.iter("script"):
            if "ld+json" in _attr(script, "type").lower() and script.text:
                for m in _JSON_LD.finditer(script.text):
                    if day := parse_date(m[1]):
                        found.append(PageDate("json-ld", day))
        for time in tree.iter("time"):
            if (stamp := _attr(time, "datetime")) and (day := parse_date(stamp[:64])):
                found.append(PageDate("time", day))
        text = " ".join(tree.xpath(_VISIBLE_TEXT))[:_TEXT_LIMIT]
        found.extend(PageDate("text", day) for _, _, day in find_full_dates(text))
    if url:
        found.extend(url_dates(url))
    return tuple(found)


def markup_date(tree: Any) -> PageDate | None:
    """htmldate's date of the page from its markup alone (no extensive search), or None."""
    if tree is None:
        return None
    from htmldate import find_date

    try:
        value = find_date(tree, extensive_search=False, original_date=True)
    except Exception:  # htmldate/lxml raise many kinds on odd markup: no evidence then
        return None
    day = parse_date(value) if isinstance(value, str) else None
    return PageDate("markup", day) if day else None


def url_dates(url: str) -> tuple[PageDate, ...]:
    """The dates a URL holds: days, or else months (``/2007/12/``)."""
    found = []
    for m in _URL_DAY.finditer(url):
        month, day = (m[2], m[3]) if m[2] else (m[4], m[5])
        if value := iso(int(m[1]), int(month), int(day)):
            found.append(PageDate("url", value))
    if not found:
        found = [
            PageDate("url", f"{m[1]}-{m[2]}")
            for m in _URL_MONTH.finditer(url)
            if 1 <= int(m[2]) <= 12
        ]
    return tuple(found)


def check_published(value: str, evidence: tuple[PageDate, ...]) -> CheckedDate:
    """trafilatura's date ``value`` (``YYYY-MM-DD``) checked against the page's evidence
    (see the module docs)."""
    days = {e.value for e in evidence if len(e.value) == 10}
    if value in days:
        return CheckedDate(value)
    months = {e.value for e in evidence if len(e.value) == 7}
    if value[:7] in months:
        return CheckedDate(value[:7], _downgraded(value, value[:7], "its URL gives only the month"))
    if value[5:] == "01-01":
        same_year = sorted(m for m in months if m[:4] == value[:4])
        if same_year:  # a URL such as /2007/12/ says more than the year
            return CheckedDate(
                same_year[0], _downgraded(value, same_year[0], "its URL gives the month")
            )
        return CheckedDate(value[:4], _downgraded(value, value[:4], "a year written out as a day"))
    if value[8:] == "01":
        return CheckedDate(value[:7], _downgraded(value, value[:7], "a month written out as a day"))
    # another day: htmldate read it on the page, in a form the evidence above does not read
    # ("07/01/2008", "15.01.2008"); it is kept
    return CheckedDate(value)


def _downgraded(value: str, kept: str, why: str) -> str:
    return (
        f"the page's date {value} is not written on the page as a day (no meta tag, <time>, "
        f"URL or text gives it; {why}, such as a copyright line's): published {kept}"
    )
