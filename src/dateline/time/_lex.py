"""Word lists for temporal expressions: months, weekdays, units, numbers, reference words.

Plain English vocabulary written for dateline; the value codes (``PRESENT_REF``, ``SU``,
``TMO``, ``P1Q`` ...) are the TimeML / TIMEX3 conventions (ISO-TimeML, ISO 24617-1).
"""

from __future__ import annotations

__all__ = [
    "DAYPARTS",
    "DAY_ORDINALS",
    "DAY_ORDINAL_RE",
    "FUTURE_REF",
    "MONTHS",
    "NUMBERS",
    "ORDINALS",
    "PAST_REF",
    "PRESENT_REF",
    "SEASONS",
    "SET_ADVERBS",
    "UNITS",
    "WEEKDAYS",
]

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip

# the first month of each season, for ordering seasons against a date (northern hemisphere)
SEASON_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

DAYPARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "tonight": "NI", "daytime": "DT",
}  # fmt: skip

# unit word -> (ISO 8601 duration designator, time part?)
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "night": ("D", False), "week": ("W", False),
    "weekend": ("WE", False), "fortnight": ("2W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False), "millennium": ("ML", False),
}  # fmt: skip

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "dozen": 12, "couple": 2, "single": 1,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7,
    "eighth": 8, "8th": 8, "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
    "eleventh": 11, "11th": 11, "twelfth": 12, "12th": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "last": -1,
    "final": -1,
}  # fmt: skip

PRESENT_REF = frozenset(
    {
        "now", "right now", "just now", "currently", "current", "presently", "at present",
        "the present", "present", "nowadays", "these days", "today's", "at the moment",
        "this moment", "the moment", "this time", "for now", "by now", "until now",
        "so far", "to date", "already", "still",
    }
)  # fmt: skip
PAST_REF = frozenset(
    {
        "recently", "recent", "lately", "previously", "formerly", "earlier", "once",
        "the past", "in the past", "past", "before", "former times", "then",
        "more recently", "most recently", "until recently", "long ago", "years ago",
        "not long ago", "some time ago", "a while ago", "in recent times",
    }
)  # fmt: skip
FUTURE_REF = frozenset(
    {
        "soon", "the future", "future", "in the future", "the near future", "shortly",
        "eventually", "later", "the coming", "sooner or later", "someday",
        "some day", "the near term", "the long term", "the short term", "a later date",
        "as soon as possible", "in due course",
    }
)  # fmt: skip

# adverbs and adjectives of frequency -> TimeML SET value
SET_ADVERBS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
    "biweekly": "P2W", "fortnightly": "P2W", "monthly": "P1M", "quarterly": "P1Q",
    "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y", "semiannually": "P6M",
}  # fmt: skip

# spelled ordinals that name a day of the month ('June fifth', 'the twenty-first of May')
_ORD_UNITS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
)  # fmt: skip
_ORD_TEENS = (
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
)  # fmt: skip
DAY_ORDINALS: dict[str, int] = {
    **{w: i + 1 for i, w in enumerate(_ORD_UNITS)},
    **{w: i + 10 for i, w in enumerate(_ORD_TEENS)},
    "twentieth": 20,
    "thirtieth": 30,
    **{f"twenty-{w}": 21 + i for i, w in enumerate(_ORD_UNITS)},
    "thirty-first": 31,
}
# longest first, so 'twenty-first' wins over 'first' (look words up with '-' for spaces)
DAY_ORDINAL_RE = (
    "(?:"
    + "|".join(w.replace("-", r"[\s-]+") for w in sorted(DAY_ORDINALS, key=len, reverse=True))
    + ")"
)
