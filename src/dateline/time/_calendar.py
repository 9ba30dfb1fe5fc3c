"""Calendar arithmetic for temporal expressions: ISO formats, anchoring steps, numbers,
durations, spelled-out years and public holidays. Pure functions of dates and strings.
"""

from __future__ import annotations

import datetime as dt
import re

from .._data import word_list
from ._lex import NUMBERS, UNITS

__all__ = [
    "DAY_WINDOW",
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTH_WINDOW",
    "SPELLED_YEAR",
    "add_months",
    "ago_point",
    "day_year",
    "duration",
    "fmt_day",
    "fmt_month",
    "fmt_week",
    "holiday_date",
    "month_year",
    "num_str",
    "ok_year",
    "parse_anchor",
    "parse_number",
    "quarter_of",
    "shift_day",
    "spelled_year",
    "unit_point",
    "weekday_date",
]

MIN_YEAR, MAX_YEAR = 1000, 2999


def parse_anchor(value: str | None) -> dt.date | None:
    """An ISO date (or datetime) string -> date; anything else -> None."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# ------------------------------------------------------------------------- formatting


def fmt_day(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def fmt_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def fmt_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def ok_year(y: int) -> bool:
    return MIN_YEAR <= y <= MAX_YEAR


# ------------------------------------------------------------------------- numbers

_NUM_TOKEN = re.compile(r"\d+(?:\.\d+)?")


def parse_number(words: str) -> float | None:
    """'two', 'twenty-five', '3', '1.5', 'a', 'a couple of' -> number; None if not one."""
    w = words.strip().lower().replace(" of", "")
    if not w:
        return None
    frac = re.fullmatch(r"(?:(\d+)\s+)?(\d)/(\d)", w)
    if frac:
        whole = int(frac.group(1) or 0)
        return whole + int(frac.group(2)) / int(frac.group(3)) if int(frac.group(3)) else None
    if _NUM_TOKEN.fullmatch(w.replace(",", "")):
        return float(w.replace(",", ""))
    total = 0.0
    seen = False
    article = False  # only 'a'/'an' so far: 'a two-year boom' is two, not three
    for part in re.split(r"[\s-]+", w):
        if part in ("a", "an"):
            if seen:
                return None  # 'seven a year ago': two numbers, not one
            total, seen, article = 1.0, True, True
            continue
        if article and part in NUMBERS and part not in ("hundred", "thousand", "dozen", "couple"):
            total, article = 0.0, False
        if part == "and":
            continue
        if part == "half":
            total = total + 0.5 if seen else 0.5
            seen = True
            continue
        if part in ("hundred", "thousand", "dozen") and seen:
            total *= NUMBERS[part]
            continue
        if part in NUMBERS:
            total += NUMBERS[part] if not (seen and total == 1 and part == "couple") else 1
            seen = True
            continue
        if _NUM_TOKEN.fullmatch(part):
            total += float(part)
            seen = True
            continue
        return None
    return total if seen else None


def num_str(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


# ------------------------------------------------------------------------- anchoring


def shift_day(anchor: dt.date, days: int) -> dt.date | None:
    try:
        return anchor + dt.timedelta(days=days)
    except OverflowError:
        return None


def weekday_date(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    """The weekday nearest the anchor in a direction: past/future (on or before/after the
    anchor), last/next (strictly before/after), this (in the anchor's ISO week)."""
    diff = weekday - anchor.weekday()
    if direction == "this":
        return anchor + dt.timedelta(days=diff)
    if direction in ("past", "last"):
        back = (-diff) % 7
        if back == 0 and direction == "last":
            back = 7
        return anchor - dt.timedelta(days=back)
    ahead = diff % 7
    if ahead == 0 and direction == "next":
        ahead = 7
    return anchor + dt.timedelta(days=ahead)


# how far from the anchor a bare month (in months) or month-day (in days) may lie, by tense:
# past-tense reports look back, future-tense ones ahead, others take the nearest
MONTH_WINDOW = {"past": (-11, 1), "future": (-1, 11), None: (-6, 5)}
DAY_WINDOW = {"past": (-330, 45), "future": (-45, 330), None: (-183, 182)}


def month_year(anchor: dt.date, month: int, tense: str | None, strict: str | None = None) -> int:
    """The year of a bare month name: the one whose distance from the anchor month falls in
    the tense's window; 'last'/'next' (strict) pick the nearest strictly before/after."""
    if strict == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if strict == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    lo, hi = MONTH_WINDOW.get(tense, MONTH_WINDOW[None])
    for y in (anchor.year, anchor.year - 1, anchor.year + 1):
        k = (y - anchor.year) * 12 + month - anchor.month
        if lo <= k <= hi:
            return y
    return anchor.year


def day_year(anchor: dt.date, month: int, day: int, tense: str | None) -> int | None:
    """The year of a month-day without one ('Nov. 25'), by the tense's window."""
    lo, hi = DAY_WINDOW.get(tense, DAY_WINDOW[None])
    for y in (anchor.year, anchor.year - 1, anchor.year + 1):
        try:
            k = (dt.date(y, month, day) - anchor).days
        except ValueError:
            continue
        if lo <= k <= hi:
            return y
    return None


def unit_point(anchor: dt.date, unit: str, n: int) -> tuple[str, str] | None:
    """The calendar unit n steps from the anchor's: (value, granularity)."""
    if unit == "day":
        d = shift_day(anchor, n)
        return (fmt_day(d), "day") if d else None
    if unit == "week":
        d = shift_day(anchor, 7 * n)
        return (fmt_week(d), "week") if d else None
    if unit == "weekend":
        d = shift_day(anchor, 7 * n)
        return (fmt_week(d) + "-WE", "week") if d else None
    if unit == "month":
        y, m = add_months(anchor.year, anchor.month, n)
        return (fmt_month(y, m), "month") if ok_year(y) else None
    if unit == "quarter":
        y, m = add_months(anchor.year, (quarter_of(anchor) - 1) * 3 + 1, 3 * n)
        return (f"{y:04d}-Q{(m - 1) // 3 + 1}", "quarter") if ok_year(y) else None
    if unit == "year":
        y = anchor.year + n
        return (f"{y:04d}", "year") if ok_year(y) else None
    if unit == "decade":
        dec = anchor.year // 10 + n
        return (f"{dec:03d}", "decade") if 100 <= dec <= 299 else None
    if unit == "century":
        c = anchor.year // 100 + n
        return (f"{c:02d}", "century") if 10 <= c <= 29 else None
    return None


def ago_point(anchor: dt.date, unit: str, n: float) -> tuple[str, str] | None:
    """n units before the anchor, at the unit's granularity ('two days ago'); a fraction
    counts in the next smaller unit ('a year and a half ago': 18 months ago)."""
    k = int(n)
    if k != n:
        smaller = {"decade": ("year", 10), "year": ("month", 12)}
        if unit in smaller and float(n * smaller[unit][1]).is_integer():
            return ago_point(anchor, smaller[unit][0], n * smaller[unit][1])
        if unit == "month":  # 'a month and a half ago': that week
            d = shift_day(anchor, -round(n * 30.4))
            return (fmt_week(d), "week") if d else None
        if unit == "week":  # 'a week and a half ago': that day
            d = shift_day(anchor, -round(n * 7))
            return (fmt_day(d), "day") if d else None
        return None
    if unit in ("day", "night"):
        d = shift_day(anchor, -k)
        return (fmt_day(d), "day") if d else None
    if unit == "week":
        d = shift_day(anchor, -7 * k)
        return (fmt_week(d), "week") if d else None
    if unit == "month":
        y, m = add_months(anchor.year, anchor.month, -k)
        return (fmt_month(y, m), "month") if ok_year(y) else None
    if unit == "year":
        y = anchor.year - k
        return (f"{y:04d}", "year") if ok_year(y) else None
    if unit == "decade":
        y = anchor.year - 10 * k
        return (f"{y // 10:03d}", "decade") if ok_year(y) else None
    if unit == "century":
        y = anchor.year - 100 * k
        return (f"{y // 100:02d}", "century") if ok_year(y) else None
    return None


_SPLIT = {"Y": (12, "M", False), "M": (30, "D", False), "W": (7, "D", False),
          "D": (24, "H", True), "H": (60, "M", True), "M_T": (60, "S", True)}  # fmt: skip


def duration(n: float | None, unit: str) -> str | None:
    code, is_time = UNITS[unit]
    if n is not None and n != int(n) and code in ("Y", "M", "W", "D", "H"):
        # 2 1/2 years -> P2Y6M, 5 1/2 hours -> PT5H30M
        factor, small, small_time = _SPLIT["M_T" if (code == "M" and is_time) else code]
        whole, rest = int(n), round((n - int(n)) * factor)
        big = f"{whole}{code}" if whole else ""
        if is_time:
            return f"PT{big}{rest}{small}"
        return f"P{big}T{rest}{small}" if small_time else f"P{big}{rest}{small}"
    if unit == "weekend":
        code = "WE"
    if unit == "fortnight":
        return "P" + ("X" if n is None else num_str(2 * n)) + "W"
    amount = "X" if n is None else num_str(n)
    return ("PT" if is_time else "P") + amount + code


_ONES_W = word_list("time/number_ones.txt")
_TEENS_W = word_list("time/number_teens.txt")
_TENS_W = word_list("time/number_tens.txt")
_ONES_RE, _TEENS_RE, _TENS_RE = ("|".join(w) for w in (_ONES_W, _TEENS_W, _TENS_W))
SPELLED_YEAR = re.compile(
    rf"\b(?:(?P<c>nineteen|twenty)[\s-]+(?:(?P<teen>{_TEENS_RE})|(?P<tens>{_TENS_RE})"
    rf"(?:[\s-]+(?P<ones>{_ONES_RE}))?|(?P<hundred>hundred))"
    rf"|two thousand(?:\s+(?:and\s+)?(?:(?P<t2>{_TEENS_RE})|(?P<o2>{_ONES_RE})))?)\b"
    r"(?!\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries))"
)


def spelled_year(m: re.Match[str]) -> str:
    """'nineteen eighty-two' -> '1982', 'two thousand and one' -> '2001'."""
    if m.group("c"):
        base = 1900 if m.group("c") == "nineteen" else 2000
        if m.group("teen"):
            return str(base + 10 + _TEENS_W.index(m.group("teen")))
        if m.group("tens"):
            ones = _ONES_W.index(m.group("ones")) + 1 if m.group("ones") else 0
            return str(base + 20 + 10 * _TENS_W.index(m.group("tens")) + ones)
        return str(base)
    if m.group("t2"):
        return str(2010 + _TEENS_W.index(m.group("t2")))
    if m.group("o2"):
        return str(2001 + _ONES_W.index(m.group("o2")))
    return "2000"


def holiday_date(name: str, y: int) -> dt.date | None:
    """The date of a (mostly US) public holiday in year y."""
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
             "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11),
             "boxing day": (12, 26)}  # fmt: skip
    if name in fixed:
        return dt.date(y, *fixed[name])

    def nth_weekday(month: int, weekday: int, n: int) -> dt.date:
        first = dt.date(y, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))

    if name in ("thanksgiving", "thanksgiving day"):
        return nth_weekday(11, 3, 4)
    if name == "election day":
        return nth_weekday(11, 0, 1) + dt.timedelta(days=1)
    if name == "labor day":
        return nth_weekday(9, 0, 1)
    if name == "memorial day":
        last = dt.date(y, 5, 31)
        return last - dt.timedelta(days=last.weekday())
    if name in ("easter", "easter sunday"):
        # the anonymous Gregorian computus
        a, b, c = y % 19, y // 100, y % 100
        d, e = b // 4, b % 4
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = c // 4, c % 4
        l_ = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 22 * l_) // 451
        month, day = divmod(h + l_ - 7 * m + 114, 31)
        return dt.date(y, month, day + 1)
    return None
