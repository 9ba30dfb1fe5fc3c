"""Word lists for temporal expressions: months, weekdays, units, numbers, reference words.

Plain English vocabulary written for dateline; the value codes (``PRESENT_REF``, ``SU``,
``TMO``, ``P1Q`` ...) are the TimeML / TIMEX3 conventions (ISO-TimeML, ISO 24617-1).
"""

from __future__ import annotations

from .._data import mapping, table, word_list, word_set

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

MONTHS: dict[str, int] = {w: int(n) for w, n in mapping("time/months.tsv", "word", "month").items()}

WEEKDAYS: dict[str, int] = {
    w: int(n) for w, n in mapping("time/weekdays.tsv", "word", "weekday").items()
}

SEASONS: dict[str, str] = mapping("time/seasons.tsv", "word", "code")

# the first month of each season, for ordering seasons against a date (northern hemisphere)
SEASON_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

DAYPARTS: dict[str, str] = mapping("time/dayparts.tsv", "word", "code")

# unit word -> (ISO 8601 duration designator, time part?)
UNITS: dict[str, tuple[str, bool]] = {
    row["word"]: (row["designator"], row["time_part"] == "yes") for row in table("time/units.tsv")
}

NUMBERS: dict[str, int] = {
    w: int(n) for w, n in mapping("time/numbers.tsv", "word", "value").items()
}

ORDINALS: dict[str, int] = {
    w: int(n) for w, n in mapping("time/ordinals.tsv", "word", "value").items()
}

PRESENT_REF = word_set("time/present_ref.txt")
PAST_REF = word_set("time/past_ref.txt")
FUTURE_REF = word_set("time/future_ref.txt")

# adverbs and adjectives of frequency -> TimeML SET value
SET_ADVERBS: dict[str, str] = mapping("time/set_adverbs.tsv", "word", "value")

# spelled ordinals that name a day of the month ('June fifth', 'the twenty-first of May')
_ORD_UNITS = word_list("time/ordinal_units.txt")
_ORD_TEENS = word_list("time/ordinal_teens.txt")
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
