"""Calendar dates for the structure stage: metadata dates and explicit dates in text.

Only *full* dates count as evidence for the publication date: a day, a month and a year
("Jan 21, 2022", "21 January 2022", "2022-01-21", "14/01/2008" when the day is above 12).
A weekday or a month-day without a year is never enough on its own.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import warnings

from .._data import mapping, word_list

__all__ = [
    "MONTH_RE",
    "WEEKDAYS",
    "find_full_dates",
    "iso",
    "month_day",
    "parse_date",
    "weekdays_in",
]

MONTHS = {
    name: int(number)
    for name, number in mapping("structure/months.tsv", "abbreviation", "month").items()
}
WEEKDAYS = word_list("structure/weekdays.txt")

MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"
_MDY = re.compile(
    rf"\b(?P<m1>{MONTH_RE})\s+{_DAY.format('d1')},?\s+{_YEAR.format('y1')}\b", re.IGNORECASE
)
_DMY = re.compile(
    rf"\b{_DAY.format('d2')}\s+(?:of\s+)?(?P<m2>{MONTH_RE}),?\s+{_YEAR.format('y2')}\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_NUMERIC = re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:19|20)\d\d)\b")
_MONTH_DAY = re.compile(
    rf"^(?P<m>{MONTH_RE})\s+{_DAY.format('d')}$|^{_DAY.format('d2')}\s+(?P<m2>{MONTH_RE})$",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.IGNORECASE)


def iso(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` when the three make a real date, else None."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:3]]


def find_full_dates(text: str) -> list[tuple[int, int, str]]:
    """Every full calendar date in ``text`` as ``(start, end, "YYYY-MM-DD")``, in order."""
    found: list[tuple[int, int, str]] = []
    for m in _MDY.finditer(text):
        value = iso(int(m["y1"]), _month(m["m1"]), int(m["d1"]))
        if value:
            found.append((m.start(), m.end(), value))
    for m in _DMY.finditer(text):
        value = iso(int(m["y2"]), _month(m["m2"]), int(m["d2"]))
        if value:
            found.append((m.start(), m.end(), value))
    for m in _ISO.finditer(text):
        value = iso(int(m["y"]), int(m["m"]), int(m["d"]))
        if value:
            found.append((m.start(), m.end(), value))
    for m in _NUMERIC.finditer(text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 >= b:  # day/month/year, unambiguous
            value = iso(year, b, a)
        elif b > 12 >= a:  # month/day/year, unambiguous
            value = iso(year, a, b)
        else:
            value = None
        if value:
            found.append((m.start(), m.end(), value))
    # keep the first of overlapping matches
    found.sort()
    kept: list[tuple[int, int, str]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def month_day(text: str) -> tuple[int, int] | None:
    """``(month, day)`` for a year-less date such as "Jan 5" or "5 January"."""
    m = _MONTH_DAY.match(text.strip())
    if not m:
        return None
    month = _month(m["m"] or m["m2"])
    day = int(m["d"] or m["d2"])
    return (month, day) if iso(2000, month, day) else None  # 2000 is a leap year


def weekdays_in(text: str) -> set[int]:
    """The weekdays (0 = Monday) that ``text`` names."""
    names = {m.group().lower() for m in _WEEKDAY.finditer(text)}
    return {WEEKDAYS.index(n) for n in names}


def parse_date(value: str) -> str | None:
    """A metadata date (ISO 8601, RFC 2822, "Jan 21, 2022", ...) as ``YYYY-MM-DD``."""
    text = value.strip()
    if not text:
        return None
    m = re.match(r"^((?:19|20)\d\d)-?([01]\d)-?([0-3]\d)(?:$|[T ]\d)", text)
    if m:
        return iso(int(m[1]), int(m[2]), int(m[3]))
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat()
    found = find_full_dates(text)
    if found:
        return found[0][2]
    return _dateparser(text)


def _dateparser(text: str) -> str | None:
    """Last resort for odd formats; dateparser must see day, month and year."""
    if len(text) > 64 or not re.search(r"\d{4}", text):
        return None  # no year written: "yesterday" is relative to the clock, not the article
    import dateparser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parsed = dateparser.parse(
                text,
                languages=["en"],
                settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"},
            )
        except (ValueError, TypeError, OverflowError, KeyError):  # odd strings can break it
            return None
    return parsed.date().isoformat() if parsed is not None else None
