"""Dates as ranges: a TimeML value -> the first and last day it covers.

An event dated ``2019-W03`` happened some day from 14 to 20 January 2019, and one dated
``2019-03`` some day in March. ``date_range`` reads the values the time stage writes: a day
(with or without a time of day), an ISO week (``2019-W03``, and its weekend ``2019-W03-WE``),
a month, a quarter (``2019-Q2``), a half (``2019-H1``), a year, a decade (``201``, ``201X``)
and a century (``20``, ``20XX``); anything else (``PAST_REF``, a duration, 2019-13-45) has no
range. The one reader of these values: the event coder (event dates, future and historical
flags), event grouping and the corpus store (typed date columns, ``--since``/``--until``)
all call it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateRange", "date_range"]


@dataclass(frozen=True, slots=True)
class DateRange:
    """The first and last day a date value covers, and the unit it names."""

    start: dt.date
    end: dt.date
    granularity: str


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|T)")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:$|-)")  # 2019-W03, 2019-W03-WE (its weekend)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X?$")
_CENTURY = re.compile(r"^(\d{2})(?:XX)?$")


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def date_range(value: str | None) -> DateRange | None:
    """The range of a date value (see the module docs), or None when it names none."""
    if not value:
        return None
    text = value.strip()
    try:
        if m := _DAY.match(text):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return DateRange(day, day, "day")
        if m := _WEEK.match(text):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return DateRange(monday, monday + dt.timedelta(days=6), "week")
        if m := _MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            return DateRange(dt.date(year, month, 1), _month_end(year, month), "month")
        if m := _QUARTER.match(text):
            year, q = int(m[1]), int(m[2])
            return DateRange(dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter")
        if m := _HALF.match(text):
            year, h = int(m[1]), int(m[2])
            return DateRange(dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h), "half")
        if m := _YEAR.match(text):
            year = int(m[1])
            return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        if m := _DECADE.match(text):
            first = int(m[1]) * 10
            return DateRange(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade")
        if m := _CENTURY.match(text):
            first = int(m[1]) * 100
            return DateRange(dt.date(first, 1, 1), dt.date(first + 99, 12, 31), "century")
    except ValueError:  # 2019-13-45, week 54, year 0
        return None
    return None
