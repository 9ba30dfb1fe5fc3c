"""Normalise one temporal expression to a TimeML value, given an anchor date and a tense.

``normalise("next week", date(2022, 1, 21), None)`` gives ``Norm("2022-W04", "week", ...)``.
The rules are dateline's own; absolute dates that the rules do not cover go to dateparser.
Relative expressions without an anchor keep ``value=None`` and ``relative=True``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .._data import table, word_list
from ._calendar import (
    DAY_WINDOW,
    SPELLED_YEAR,
    ago_point,
    day_year,
    duration,
    fmt_day,
    fmt_month,
    fmt_week,
    holiday_date,
    month_year,
    ok_year,
    parse_anchor,
    parse_number,
    quarter_of,
    shift_day,
    spelled_year,
    unit_point,
    weekday_date,
)
from ._lex import (
    DAY_ORDINAL_RE,
    DAY_ORDINALS,
    DAYPARTS,
    FUTURE_REF,
    MONTHS,
    ORDINALS,
    PAST_REF,
    PRESENT_REF,
    SEASON_MONTH,
    SEASONS,
    SET_ADVERBS,
    WEEKDAYS,
)

__all__ = ["Norm", "normalise", "parse_anchor"]


@dataclass(frozen=True, slots=True)
class Norm:
    value: str | None
    granularity: str | None
    type: str = "DATE"
    mod: str | None = None
    relative: bool = False
    from_reference: bool = False  # read against the narrative's last date, not the anchor


# ------------------------------------------------------------------------- patterns

_MONTH_RE = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTH_RE2 = _MONTH_RE.replace("month", "month2")
_WEEKDAY_RE = (
    r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?(?P<plural>s)?"
)
_UNIT_RE = r"(?P<unit>" + "|".join(word_list("time/unit_words_norm.txt")) + r")"
_NUMWORD = r"(?:" + "|".join(word_list("time/amount_words_norm.txt")) + r")"
_NUM_RE = rf"(?P<num>{_NUMWORD}(?:[\s-]+{_NUMWORD})*)"
_DAYPART_RE = r"(?P<part>" + "|".join(word_list("time/daypart_words_norm.txt")) + r")s?"
_TIME_RE = (
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)?"
    r"(?:\s*\(?(?:[a-z]{2,4}t|gmt|utc)\)?)?"
)

_MODS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(row["pattern"]), row["mod"]) for row in table("time/modifiers.tsv")
]

_NOISE = re.compile(r"^(?:" + "|".join(word_list("time/noise_words.txt")) + r")+")
_TAIL_CHARS = frozenset(",.;:!?'\"’)")


def _cut_tail(t: str) -> str:
    """``t`` without its tail of punctuation and blanks, or without a final possessive 's.

    The same as removing ``(?:'s|’s|[\\s,.;:!?'"’)]+)$``, scanned from the end: a regex
    search for it tries every start of a long run of those characters (quadratic)."""
    if t.endswith(("'s", "’s")):
        return t[:-2]
    k = len(t)
    while k > 0 and (t[k - 1] in _TAIL_CHARS or t[k - 1].isspace()):
        k -= 1
    return t[:k]


def _clean(text: str) -> str:
    t = text.lower().replace("’", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = re.sub(r"\s+", " ", t).strip()
    for _ in range(3):
        t = _cut_tail(t).strip()
    return t


def _strip_mods(t: str) -> tuple[str, str | None]:
    mod = None
    for _ in range(2):
        hit = False
        for rx, name in _MODS:
            m = rx.match(t)
            if m and m.end() < len(t):
                # 'later this year': END, but 'later' alone is a reference word
                mod = mod or name
                t = t[m.end() :]
                hit = True
                break
        if not hit:
            break
    t = re.sub(r"\s+or so$", "", t)
    return t, mod


def _strip_noise(t: str) -> str:
    out = _NOISE.sub("", t)
    return out or t


# ------------------------------------------------------------------------- the normaliser


def normalise(
    text: str,
    anchor: dt.date | None,
    tense: str | None = None,
    *,
    ref: str | None = None,
    quarter_ref: str | None = None,
    use_parser: bool = True,
) -> Norm | None:
    """The TimeML value of one expression, or None when it is not a time at all.

    ``ref`` is the value of the last date the text mentioned (the narrative's reference
    time): 'that year', 'the following month' and 'a year earlier' after a quarter are
    read against it. ``quarter_ref`` is the last quarter the text mentioned (company
    results): 'the latest period' and 'the year-ago quarter' hang on it even after other
    dates came between.
    """
    raw = _clean(text)
    if not raw:
        return None
    try:
        if ref is not None or quarter_ref is not None:
            got = _by_reference(raw, anchor, ref, quarter_ref)
            if got is not None:
                return got
        return _normalise(raw, anchor, tense, use_parser)
    except (ValueError, OverflowError, KeyError, IndexError):
        return Norm(None, None)


_CLOCK_PART = re.compile(
    r"\b(?P<h>\d{1,2})(?P<m>:\d\d)?\s+(?:o'clock\s+)?"
    r"(?:in the (?P<p>morning|afternoon|evening)|at (?P<n>night))\b"
)


def _clock_part(m: re.Match[str]) -> str:
    hour = int(m.group("h"))
    morning = m.group("p") == "morning" or (m.group("n") and (hour < 5 or hour == 12))
    return f"{hour}{m.group('m') or ''} {'a.m.' if morning else 'p.m.'}"


def _normalise(
    raw: str, anchor: dt.date | None, tense: str | None, use_parser: bool
) -> Norm | None:
    # whole-phrase reference words first ('the past', 'the future', 'now')
    for phrase in (raw, _strip_noise(raw)):
        ref = _ref(phrase)
        if ref:
            return Norm(ref, "ref", relative=True)
    raw = re.sub(r"\bfiscal[\s-]+|\s+or so\b", " ", raw).strip()
    raw = SPELLED_YEAR.sub(spelled_year, raw)
    raw = re.sub(r"\bthis past\b", "last", re.sub(r"\bthis coming\b", "next", raw))
    raw = re.sub(r"^(?:an? |one )?(?:additional|extra|further|more) (?!than)|^another ", "a ", raw)
    raw = re.sub(rf"\b(?:additional|extra|further|more) (?={_UNIT_RE}$)", "", raw)  # 2 more
    raw = _CLOCK_PART.sub(_clock_part, raw)  # '4 in the morning' -> '4 a.m.'
    core, mod = _strip_mods(_strip_noise(raw))
    last = re.fullmatch(rf"the (?:last|past) {_UNIT_RE}", core)
    if last and not last.group("unit").endswith("s"):
        # 'for the last week', 'over the past year': the stretch up to now
        unit = _unit_name(last.group("unit"))
        return Norm(duration(1, unit), "duration", "DURATION", mod)
    core = _strip_noise(core)
    for rule in _RULES:
        got = rule(core, anchor, tense)
        if got is not None:
            if mod and got.mod is None:
                got = Norm(got.value, got.granularity, got.type, mod, got.relative)
            return got
    if use_parser:
        got = _dateparser(core, anchor, tense)
        if got is not None:
            return Norm(got.value, got.granularity, got.type, mod, got.relative)
    return None


_REF_VALUE = re.compile(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])))?")


def _by_reference(t: str, a: dt.date | None, ref: str | None, qref: str | None) -> Norm | None:
    """Expressions whose value hangs on the narrative's last date, not on the anchor."""
    qm = _REF_VALUE.fullmatch(qref or "")
    m = _REF_VALUE.fullmatch(ref or "")
    if m and m.group(4) and not (qm and qm.group(4)):
        qm = m
    year = int(qm.group(1)) if qm and qm.group(4) else 0
    quarter = int(qm.group(4)) if qm and qm.group(4) else None
    same_period = re.fullmatch(
        r"(?:the\s+)?(?:(?:a|one) year (?:ago|earlier|before)|year[\s-](?:ago|earlier)"
        r"(?:\s+(?:period|quarter|results|level))?|(?:the\s+)?(?:(?:same|comparable|corresponding|"
        r"year-ago|year-earlier)\s+)+(?:period|quarter)(?:\s+(?:a year (?:ago|earlier)|last year|"
        r"of \d{4}))?|(?:the\s+)?quarter a year (?:ago|earlier))",
        t,
    )
    if same_period and quarter is not None:
        return Norm(f"{year - 1:04d}-Q{quarter}", "quarter", relative=True, from_reference=True)
    m_year = re.fullmatch(r"(?:the\s+)?(?P<y>\d{4})\s+(?:period|quarter)", t)
    if m_year and quarter is not None:
        return Norm(f"{m_year.group('y')}-Q{quarter}", "quarter", from_reference=True)
    m_q = re.fullmatch(
        r"(?:the\s+)?(?:that|same|this|that same|latest|most recent)\s+(?:period|quarter)"
        r"|(?:the\s+)?quarter",
        t,
    )
    if m_q and quarter is not None:
        return Norm(f"{year:04d}-Q{quarter}", "quarter", relative=True, from_reference=True)
    if not m or ref is None:
        return None
    year = int(m.group(1))
    part_only = re.fullmatch(r"(?:the\s+)?(?P<p>morning|afternoon|evening|overnight)", t)
    if m.group(3) and part_only:
        # 'in the morning' after 'on Friday': that day's morning
        return Norm(
            f"{ref[:10]}T{DAYPARTS[part_only.group('p')]}", "time", "TIME", relative=True,
            from_reference=True,
        )  # fmt: skip
    if m.group(3) and re.fullmatch(rf"(?:about |around |at )?{_TIME_RE}", t) and "m" in t:
        # 'at 10 p.m.' after 'on Oct. 23': that day's evening
        return _r_clock(t, dt.date(year, int(m.group(2)), int(m.group(3))), None)
    m_wd = re.fullmatch(rf"the (?P<rel>following|next|previous|preceding|prior) {_WEEKDAY_RE}", t)
    if m.group(3) and m_wd and not m_wd.group("plural"):
        # 'the previous Friday' after 'on Oct. 27': the Friday before that day
        base = dt.date(year, int(m.group(2)), int(m.group(3)))
        way = "next" if m_wd.group("rel") in ("following", "next") else "last"
        d = weekday_date(base, WEEKDAYS[m_wd.group("wd")], way)
        return Norm(fmt_day(d), "day", relative=True, from_reference=True)
    m2 = re.fullmatch(
        r"(?:(?:later|earlier)\s+)?(?:the\s+)?(?P<rel>that|same|following|next|previous|preceding|prior)\s+"
        r"(?P<unit>day|week|month|year|morning|afternoon|evening|night)",
        t,
    )
    if not m2:
        return None
    unit = m2.group("unit")
    step = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}.get(
        m2.group("rel"), 0
    )
    part = None
    if unit in DAYPARTS:
        part, unit = DAYPARTS[unit], "day"
    if m.group(3):
        base = dt.date(year, int(m.group(2)), int(m.group(3)))
    elif m.group(2) and unit in ("month", "year"):
        base = dt.date(year, int(m.group(2)), 1)
    elif unit == "year":
        base = dt.date(year, 1, 1)
    else:
        return None
    got = unit_point(base, unit, step)
    if got is None:
        return None
    lead = t.split()[0]
    mod = "START" if lead == "earlier" else "END" if lead == "later" else None
    if part:
        return Norm(f"{got[0]}T{part}", "time", "TIME", mod, relative=True, from_reference=True)
    return Norm(got[0], got[1], mod=mod, relative=True, from_reference=True)


_HOLIDAY_RE = re.compile(
    r"(?:(?P<rel>last|next|this)\s+)?(?P<name>"
    + "|".join(word_list("time/holiday_names.txt"))
    + r")(?:\s*,?\s*(?P<year>\d{4}))?"
)


def _r_holiday(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = _HOLIDAY_RE.fullmatch(t)
    if not m:
        return None
    name = m.group("name")
    if m.group("year"):
        d = holiday_date(name, int(m.group("year")))
        return Norm(fmt_day(d), "day") if d else None
    if a is None:
        return Norm(None, "day", relative=True)
    options = [d for y in (a.year - 1, a.year, a.year + 1) if (d := holiday_date(name, y))]
    rel = m.group("rel")
    if rel == "last":
        before = [d for d in options if d < a]
        pick = before[-1] if before else None
    elif rel == "next":
        after = [d for d in options if d > a]
        pick = after[0] if after else None
    else:
        lo, hi = DAY_WINDOW.get(tense, DAY_WINDOW[None])
        inside = [d for d in options if lo <= (d - a).days <= hi]
        pick = min(inside, key=lambda d: abs((d - a).days)) if inside else None
    if pick is None:
        return Norm(None, None, relative=True)
    return Norm(fmt_day(pick), "day", relative=True)


def _ref(t: str) -> str | None:
    if t in PRESENT_REF:
        return "PRESENT_REF"
    if t in PAST_REF:
        return "PAST_REF"
    if t in FUTURE_REF:
        return "FUTURE_REF"
    if re.fullmatch(r"(?:recent|past|previous|earlier) times", t):
        return "PAST_REF"
    if re.fullmatch(r"future (?:days|weeks|months|quarters|years|decades)", t):
        return "FUTURE_REF"
    return None


# each rule: (core text, anchor, tense) -> Norm | None  (None: not mine, try the next)


def _r_day_around(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    """'the day after tomorrow', 'the day before yesterday'."""
    m = re.fullmatch(r"(?:the )?day (?P<dir>after tomorrow|before yesterday)", t)
    if not m:
        return _day_next_to(t, a, tense)
    if a is None:
        return Norm(None, "day", relative=True)
    d = shift_day(a, 2 if m.group("dir").startswith("after") else -2)
    return Norm(fmt_day(d), "day", relative=True) if d else None


def _day_next_to(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    """'the day before last Tuesday', 'the day after Christmas': a day next to a named day."""
    m = re.fullmatch(r"(?:the )?day (?P<dir>after|before) (?P<rest>.+)", t)
    if not m:
        return None
    rest = m.group("rest")
    day = _r_weekday(rest, a, tense) or _r_month_day(rest, a, tense) or _r_holiday(rest, a, tense)
    if day is None or day.value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.value):
        return day
    d = shift_day(dt.date.fromisoformat(day.value), 1 if m.group("dir") == "after" else -1)
    return Norm(fmt_day(d), "day", relative=day.relative) if d else None


def _r_deictic(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(
        r"(?P<rel>today|tonight|yesterday|tomorrow|this|last|tomorrow's|yesterday's)"
        r"(?:\s+(?P<part>morning|afternoon|evening|night|overnight))?",
        t,
    )
    if not m:
        m = re.fullmatch(
            r"(?P<part>morning|afternoon|evening|night)\s*,?\s*(?P<rel>today|yesterday|tomorrow)", t
        )
    if not m:
        return None
    rel, part = m.group("rel").removesuffix("'s"), m.group("part")
    if rel in ("this", "last") and not part:
        return None
    if rel == "tonight":
        part = "night"
    offset = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1}.get(rel, -1)
    if rel == "last" and part not in ("night",):
        offset = -1
    if a is None:
        return Norm(None, "day", "TIME" if part else "DATE", relative=True)
    d = shift_day(a, offset)
    if d is None:
        return Norm(None, None, relative=True)
    if part and rel != "tonight":
        return Norm(fmt_day(d) + "T" + DAYPARTS[part], "time", "TIME", relative=True)
    return Norm(fmt_day(d), "day", relative=True)


def _r_ago(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(
        rf"{_NUM_RE}?\s*{_UNIT_RE}(?P<half>\s+and\s+a\s+half)?"
        r"\s+(?P<dir>ago|earlier|before|later|after|hence|from now)",
        t,
    )
    if not m:
        return None
    unit = _unit_name(m.group("unit"))
    numtext = (m.group("num") or "").strip()
    half = m.group("half") is not None or numtext.endswith(" and a half")
    numtext = numtext.removesuffix(" and a half")
    n = parse_number(numtext) if numtext else 1.0
    if n is not None and half:
        n += 0.5  # 'a minute and a half later', 'two and a half years ago'
    vague_words = ("few", "a few", "several", "many", "some")
    if n is None and numtext not in vague_words:
        return None  # 'up from seven a year ago': the count belongs to the sentence
    vague = numtext in vague_words or n is None
    if vague:
        if m.group("dir") != "ago":
            return Norm(duration(None, unit), "duration", "DURATION")
        return Norm("PAST_REF", "ref", relative=True)
    assert n is not None
    direction = m.group("dir")
    if direction != "ago" and not (
        direction in ("earlier", "before") and unit in ("year", "month", "quarter", "week")
    ):
        # 'an hour later', 'a day earlier': measured from another event, not the anchor
        return Norm(duration(n, unit), "duration", "DURATION")
    if a is None:
        return Norm(None, unit, relative=True)
    got = ago_point(a, unit, n)
    if got is None:
        return Norm(None, None, relative=True)
    return Norm(got[0], got[1], relative=True)


def _unit_name(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    if w.startswith("millenni"):
        return "millennium"
    return w.removesuffix("s")


def _r_relative_unit(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(
        rf"(?P<rel>last|past|previous|prior|next|coming|following|this|current|latest|upcoming|same)"
        rf"(?:\s+{_NUM_RE})?\s+{_UNIT_RE}(?:\s+(?:or so|alone|ahead))?",
        t,
    )
    if not m:
        return None
    rel = m.group("rel")
    unit = _unit_name(m.group("unit"))
    numtext = (m.group("num") or "").strip()
    plural = m.group("unit").endswith(("s", "ies"))
    if numtext or plural:
        n = parse_number(numtext) if numtext else None
        if (
            numtext
            and n is None
            and numtext not in ("few", "a few", "several", "many", "some", "more")
        ):
            return None
        return Norm(duration(n, unit), "duration", "DURATION", relative=False)
    if unit in ("second", "minute", "hour", "night"):
        if unit == "night" and rel == "last":
            return _r_deictic("last night", a, tense)
        return Norm(duration(1, unit), "duration", "DURATION")
    if rel == "past":
        # 'over the past week': the seven days up to now
        return Norm(duration(1, unit), "duration", "DURATION")
    step = {"last": -1, "past": -1, "previous": -1, "prior": -1, "next": 1, "coming": 1,
            "following": 1, "upcoming": 1}.get(rel, 0)  # fmt: skip
    if rel == "latest" and unit == "quarter" and tense == "past":
        step = -1
    if unit in ("fortnight", "millennium"):
        return Norm(duration(1, unit), "duration", "DURATION")
    if a is None:
        return Norm(None, unit, relative=True)
    if unit == "weekend":
        return _weekend(a, tense if rel == "this" else None, step)
    got = unit_point(a, unit, step)
    if got is None:
        return Norm(None, None, relative=True)
    return Norm(got[0], got[1], relative=True)


def _weekend(a: dt.date, tense: str | None, step: int) -> Norm:
    """The weekend: in the past tense the one on or before the anchor, else the coming one."""
    if step == 0 and tense != "future" and a.weekday() < 5:
        base = a - dt.timedelta(days=a.weekday() + 1)
    else:
        base = a + dt.timedelta(days=7 * step)
    return Norm(fmt_week(base) + "-WE", "week", relative=True)


def _r_vague(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    """'recent months', 'the coming weeks', 'the days ahead': a stretch of unknown length
    (TimeML PXM, PXW ...); 'two to three weeks': the lower bound."""
    m = re.fullmatch(rf"(?:recent|coming|upcoming|next few|past few|last few)\s+{_UNIT_RE}", t)
    m = m or re.fullmatch(rf"{_UNIT_RE}\s+ahead", t)
    if m and m.group("unit").endswith("s"):
        return Norm(duration(None, _unit_name(m.group("unit"))), "duration", "DURATION")
    m = re.fullmatch(
        rf"(?:(?:next|past|last|first)\s+)?(?P<lo>\d+|{_NUMWORD})\s+(?:to|or)\s+(?P<hi>\d+|{_NUMWORD})"
        rf"\s+{_UNIT_RE}",
        t,
    )
    if m:
        lo = parse_number(m.group("lo"))
        return Norm(duration(lo, _unit_name(m.group("unit"))), "duration", "DURATION")
    m = re.fullmatch(
        rf"(?:year-earlier\s+|year-ago\s+)?{_NUM_RE}\s+(?:trading|business|working|school|calendar)"
        rf"\s+{_UNIT_RE}",
        t,
    )
    if m:
        n = parse_number(m.group("num"))
        return Norm(duration(n, _unit_name(m.group("unit"))), "duration", "DURATION") if n else None
    m = re.fullmatch(rf"(?:year-earlier|year-ago)\s+{_NUM_RE}\s+{_UNIT_RE}", t)
    if m:
        n = parse_number(m.group("num"))
        return Norm(duration(n, _unit_name(m.group("unit"))), "duration", "DURATION") if n else None
    return None


def _r_span_of(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    """'the first nine months', 'the last two years': a duration; 'year-end': the year."""
    m = re.fullmatch(rf"(?:first|initial|final|opening|closing)\s+{_UNIT_RE}", t)
    if m and m.group("unit").endswith("s"):
        return Norm(duration(None, _unit_name(m.group("unit"))), "duration", "DURATION")
    m = re.fullmatch(rf"(?:week|weekend) of\s+(?P<rest>{_MONTH_RE}\s+\d{{1,2}}.*)", t)
    if m:
        day = _r_month_day(m.group("rest"), a, tense)
        if day is None or day.value is None:
            return day
        return Norm(fmt_week(dt.date.fromisoformat(day.value[:10])), "week", relative=day.relative)
    m = re.fullmatch(rf"(?:first|initial|final|opening|closing)\s+{_NUM_RE}\s+{_UNIT_RE}", t)
    if m:
        n = parse_number(m.group("num"))
        if n is None:
            return None
        return Norm(duration(n, _unit_name(m.group("unit"))), "duration", "DURATION")
    m = re.fullmatch(r"(?:year|year's)[\s-]end|end of (?:the|this) year", t)
    if m:
        if a is None:
            return Norm(None, "year", mod="END", relative=True)
        return Norm(f"{a.year:04d}", "year", mod="END", relative=True)
    m = re.fullmatch(r"(?:the\s+)?(?:full|whole|entire|current|latest)\s+year", t)
    if m:
        if a is None:
            return Norm(None, "year", relative=True)
        return Norm(f"{a.year:04d}", "year", relative=True)
    return None


def _r_bare_unit(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    """'the week', 'the year', 'the quarter': the anchor's own unit (past tense quarter: the
    last completed one, as in company results)."""
    m = re.fullmatch(r"(?P<unit>day|week|weekend|month|quarter|year)", t)
    if not m and re.fullmatch(r"(?:latest|most recent) (?:period|reporting period)", t):
        # company results with no quarter named yet: the latest period is the last quarter
        return _r_bare_unit("quarter", a, "past")
    if not m:
        return None
    unit = m.group("unit")
    if a is None:
        return Norm(None, unit, relative=True)
    # a quarter: company results speak of the last completed one for weeks after it ended
    step = 0
    if unit == "quarter" and (tense == "past" or (tense != "future" and (a.month - 1) % 3 < 2)):
        step = -1
    if unit == "weekend":
        return _weekend(a, tense, 0)
    got = unit_point(a, unit, step)
    return Norm(got[0], got[1], relative=True) if got else None


def _r_weekday(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(
        rf"(?:(?P<rel>last|next|this|past|coming|previous|following)\s+)?{_WEEKDAY_RE}"
        rf"(?:\s+{_DAYPART_RE})?(?:\s*,?\s*(?P<rest>{_MONTH_RE}\s+\d{{1,2}}.*|\d{{1,2}}\s+{_MONTH_RE2}.*))?",
        t,
    )
    if not m:
        m2 = re.fullmatch(rf"{_DAYPART_RE}\s+{_WEEKDAY_RE}", t)
        if not m2:
            return None
        return _r_weekday(f"{m2.group('wd')} {m2.group('part')}", a, tense)
    if m.group("rest"):
        # 'Friday, Jan. 21': the explicit date decides
        return _r_month_day(m.group("rest"), a, tense)
    wd = WEEKDAYS[m.group("wd")]
    part = m.group("part")
    if m.group("plural") or (part and t.endswith("s")):
        suffix = "T" + DAYPARTS[part] if part else ""
        return Norm(f"XXXX-WXX-{wd + 1}{suffix}", "set", "SET")
    if a is None:
        return Norm(None, "day", relative=True)
    rel = m.group("rel")
    if rel in ("last", "past", "previous"):
        d = weekday_date(a, wd, "last")
    elif rel in ("next", "coming", "following"):
        d = weekday_date(a, wd, "next")
    elif rel == "this":
        d = weekday_date(a, wd, "this")
    elif tense == "near":
        ahead, back = weekday_date(a, wd, "future"), weekday_date(a, wd, "past")
        d = ahead if (ahead - a) <= (a - back) else back
    else:
        d = weekday_date(a, wd, "future" if tense == "future" else "past")
    if part:
        return Norm(fmt_day(d) + "T" + DAYPARTS[part], "time", "TIME", relative=True)
    return Norm(fmt_day(d), "day", relative=True)


_SPELLED_DAY = re.compile(
    rf"(?P<pre>\b{_MONTH_RE}\s+)(?:the\s+)?(?P<o>{DAY_ORDINAL_RE})\b"
    rf"|\b(?:the\s+)?(?P<o2>{DAY_ORDINAL_RE})(?P<post>\s+of\s+{_MONTH_RE2}\b)"
)


def _day_digits(t: str) -> str:
    """'june fifth', 'the twenty-first of may' -> 'june 5', '21 of may'."""
    if not re.search(r"(?:st|nd|rd|th)\b", t):
        return t

    def digits(m: re.Match[str]) -> str:
        word = re.sub(r"[\s-]+", "-", m.group("o") or m.group("o2"))
        return f"{m.group('pre') or ''}{DAY_ORDINALS[word]}{m.group('post') or ''}"

    return _SPELLED_DAY.sub(digits, t)


def _r_month_day(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    t = _day_digits(t)
    m = re.fullmatch(
        rf"(?:(?P<rel>last|next|this)\s+)?(?:{_MONTH_RE}\s+(?P<d1>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"{_MONTH_RE2})"
        rf"(?:\s*,?\s*(?P<year>\d{{4}}|'\d{{2}}))?"
        rf"(?:\s*,?\s*(?:at\s+)?(?P<time>{_TIME_RE}))?",
        t,
    )
    if not m:
        return None
    month = MONTHS[_month_key(m)]
    day = int(m.group("d1") or m.group("d2"))
    ytext = m.group("year")
    relative = ytext is None
    if ytext:
        y = int(ytext[-2:]) + 1900 if ytext.startswith("'") else int(ytext)
        if ytext.startswith("'") and y < 1930:
            y += 100
    elif a is None:
        return Norm(None, "day", relative=True)
    else:
        rel = m.group("rel")
        got_year = day_year(a, month, day, {"last": "past", "next": "future"}.get(rel or "", tense))
        if got_year is None:
            return Norm(None, None, relative=True)
        y = got_year
    if not ok_year(y):
        return Norm(None, None)
    try:
        d = dt.date(y, month, day)
    except ValueError:
        return Norm(None, None, relative=relative)
    if m.group("time") and m.group("hour") and m.group("ampm"):
        hh = _hour(m.group("hour"), m.group("ampm"))
        if hh is not None:
            return Norm(
                f"{fmt_day(d)}T{hh:02d}:{int(m.group('minute') or 0):02d}",
                "time",
                "TIME",
                relative=relative,
            )
    return Norm(fmt_day(d), "day", relative=relative)


def _month_key(m: re.Match[str]) -> str:
    name = (m.groupdict().get("month") or m.groupdict().get("month2") or "").rstrip(".")
    if name in MONTHS:
        return name
    return name[:3]


def _hour(h: str, ampm: str | None) -> int | None:
    hh = int(h)
    if hh > 24:
        return None
    if ampm:
        if hh > 12 or hh == 0:
            return None
        p = ampm.replace(".", "").replace(" ", "")
        if p.startswith("p") and hh != 12:
            hh += 12
        if p.startswith("a") and hh == 12:
            hh = 0
    return hh


def _r_month(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(
        rf"(?:(?P<rel>last|next|this|past|coming|previous|following)\s+)?{_MONTH_RE}"
        rf"(?:\s*(?:,|of)?\s*(?P<year>\d{{4}}|'\d{{2}})|\s+(?P<yrel>last|next|this) year)?",
        t,
    )
    if not m:
        return None
    month = MONTHS[_month_key(m)]
    ytext = m.group("year")
    if ytext:
        y = (
            int(ytext)
            if len(ytext) == 4
            else int(ytext[1:]) + (1900 if int(ytext[1:]) >= 30 else 2000)
        )
        if not ok_year(y):
            return Norm(None, None)
        return Norm(fmt_month(y, month), "month")
    if a is None:
        return Norm(None, "month", relative=True)
    yrel = m.group("yrel")
    if yrel:
        y = a.year + {"last": -1, "next": 1, "this": 0}[yrel]
    else:
        rel = m.group("rel")
        strict = {"last": "last", "past": "last", "previous": "last", "next": "next",
                  "coming": "next", "following": "next"}.get(rel or "")  # fmt: skip
        y = a.year if rel == "this" else month_year(a, month, tense, strict)
    return Norm(fmt_month(y, month), "month", relative=True)


def _r_season(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(
        r"(?:(?P<rel>last|next|this|past|coming|previous)\s+)?(?P<season>spring|summer|fall|autumn|winter)"
        r"(?:\s*(?:of\s+)?(?P<year>\d{4}))?",
        t,
    )
    if not m:
        return None
    code = SEASONS[m.group("season")]
    if m.group("year"):
        return Norm(f"{m.group('year')}-{code}", "season")
    if a is None:
        return Norm(None, "season", relative=True)
    start = SEASON_MONTH[code]
    rel = m.group("rel")
    y = a.year
    if rel in ("last", "past", "previous"):
        y = a.year if start + 2 < a.month else a.year - 1
    elif rel in ("next", "coming"):
        y = a.year if start > a.month else a.year + 1
    elif rel is None:
        y = month_year(a, start, tense)
    return Norm(f"{y:04d}-{code}", "season", relative=True)


def _r_quarter(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(
        r"(?:(?P<ypre>\d{4})|(?P<yrel>last|next|this|the current|the previous) year's"
        r"|(?P<yago>year-ago|year-earlier|a year earlier|a year ago))?\s*"
        r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final)|q(?P<qn>[1-4]))"
        r"(?:[\s-]+(?P<kind>quarter|half|quarters))?"
        r"(?:\s*(?:of\s+)?(?:(?P<ypost>\d{4})|(?:fiscal\s+)?(?P<yrel2>last|next|this) year))?",
        t,
    )
    if not m or not (m.group("kind") or m.group("qn")):
        return None
    if m.group("kind") == "quarters":
        return None
    kind = "half" if m.group("kind") == "half" else "quarter"
    n = int(m.group("qn")) if m.group("qn") else ORDINALS[m.group("ord")]
    if n == -1:
        n = 4 if kind == "quarter" else 2
    if (kind == "quarter" and n > 4) or (kind == "half" and n > 2):
        return None
    code = ("Q" if kind == "quarter" else "H") + str(n)
    ytext = m.group("ypre") or m.group("ypost")
    if ytext:
        return Norm(f"{ytext}-{code}", kind)
    if a is None:
        return Norm(None, kind, relative=True)
    yrel = m.group("yrel") or m.group("yrel2")
    if yrel:
        y = a.year + {"last": -1, "next": 1, "this": 0, "the current": 0, "the previous": -1}[yrel]
    else:
        cur = quarter_of(a) if kind == "quarter" else (1 if a.month <= 6 else 2)
        y = a.year
        if tense == "past" and n > cur:
            y -= 1
        if m.group("yago"):
            y -= 1
    return Norm(f"{y:04d}-{code}", kind, relative=True)


_DECADE_WORDS = word_list("time/decade_words.txt")


def _r_year(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(
        r"(?:(?:the\s+)?year\s+)?(?:fiscal\s+|calendar\s+|fy\s*)?(?P<y>\d{4})(?:\s*/\s*\d{2,4})?"
        r"(?:\s+(?:period|quarter|half|season))?",
        t,
    )
    if m:
        y = int(m.group("y"))
        return Norm(f"{y:04d}", "year") if ok_year(y) else Norm(None, None)
    m = re.fullmatch(
        r"(?P<y>\d{3})0'?s|'(?P<yy>\d)0'?s|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
        t,
    )
    if m:
        if m.group("y"):
            dec = int(m.group("y"))
            return Norm(f"{dec:03d}", "decade") if 100 <= dec <= 299 else Norm(None, None)
        word = m.group("w")
        d = int(m.group("yy")) if m.group("yy") else _DECADE_WORDS.index(word) + 2
        century = 19 if d >= 2 or a is None else a.year // 100
        if d < 2 and a is not None:
            century = 20 if a.year >= 2010 else 19
        return Norm(f"{century}{d}", "decade", relative=m.group("yy") is not None)
    m = re.fullmatch(r"(?P<o>\d{1,2})(?:st|nd|rd|th)[\s-]+century|(?P<w>[a-z-]+) century", t)
    if m:
        n = int(m.group("o")) if m.group("o") else ORDINALS.get(m.group("w") or "", 0)
        if m.group("w") == "this" or m.group("w") == "current":
            if a is None:
                return Norm(None, "century", relative=True)
            return Norm(f"{a.year // 100:02d}", "century", relative=True)
        if 1 <= n <= 30:
            return Norm(f"{n - 1:02d}", "century")
    return None


def _r_year_relative(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(
        r"(?P<unit>year|month|week|quarter|day)[\s-]+(?:earlier|ago|before)"
        r"(?: (?:period|quarter|level|month|year))?",
        t,
    )
    m2 = re.fullmatch(
        r"(?:the\s+)?(?:same|comparable|corresponding|year-ago|year-earlier)\s+(?:period|quarter)"
        r"(?: a year (?:ago|earlier)| last year)?",
        t,
    )
    if not (m or m2):
        return None
    if a is None:
        return Norm(None, None, relative=True)
    if m and m.group("unit") != "year":
        got = ago_point(a, m.group("unit"), 1)
        return Norm(got[0], got[1], relative=True) if got else None
    return Norm(f"{a.year - 1:04d}", "year", relative=True)


def _r_set(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    if t in SET_ADVERBS:
        return Norm(SET_ADVERBS[t], "set", "SET")
    m = re.fullmatch(
        rf"(?:every|each|per|a|an)\s+(?:(?P<n>other|single|\d+|two|three|four|five|six)\s+)?{_UNIT_RE}",
        t,
    )
    if m and not t.startswith(("a ", "an ")):
        unit = _unit_name(m.group("unit"))
        n = {"other": 2, "single": 1}.get(m.group("n") or "")
        if n is None:
            n = int(parse_number(m.group("n")) or 1) if m.group("n") else 1
        if unit == "quarter":
            return Norm(f"P{n}Q", "set", "SET")
        return Norm(duration(n, unit), "set", "SET")
    m = re.fullmatch(rf"(?:every|each)\s+{_WEEKDAY_RE}", t)
    if m:
        return Norm(f"XXXX-WXX-{WEEKDAYS[m.group('wd')] + 1}", "set", "SET")
    m = re.fullmatch(rf"(?:every|each)\s+{_MONTH_RE}", t)
    if m:
        return Norm(f"XXXX-{MONTHS[_month_key(m)]:02d}", "set", "SET")
    m = re.fullmatch(r"(?:every|each) (?P<s>spring|summer|fall|autumn|winter)", t)
    if m:
        return Norm(f"XXXX-{SEASONS[m.group('s')]}", "set", "SET")
    return None


def _r_duration(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(
        rf"{_NUM_RE}[\s-]+{_UNIT_RE}(?:[\s-]+(?:long|old))?"
        r"(?:\s+(?:or so|more|straight|running|in a row))?",
        t,
    )
    if m:
        if re.search(r"[\s-]old$", t):
            return None  # an age, not a time
        numtext = m.group("num").strip()
        if numtext in ("few", "a few", "several", "many", "some", "more", "a couple of"):
            return Norm(
                duration(None if numtext != "a couple of" else 2, _unit_name(m.group("unit"))),
                "duration",
                "DURATION",
            )
        n = parse_number(numtext)
        if n is None or re.fullmatch(r"\d{4}", numtext):
            return None  # 'the 1988 quarter' is a year, not 1988 quarters
        return Norm(duration(n, _unit_name(m.group("unit"))), "duration", "DURATION")
    m = re.fullmatch(rf"{_UNIT_RE}(?:-long)?", t)
    if m and m.group("unit").endswith("s"):
        return Norm(duration(None, _unit_name(m.group("unit"))), "duration", "DURATION")
    m = re.fullmatch(rf"(?:a|an|one)\s+{_UNIT_RE}\s+and\s+a\s+half", t)
    if m:
        return Norm(duration(1.5, _unit_name(m.group("unit"))), "duration", "DURATION")
    return None


def _r_clock(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(
        rf"(?:{_TIME_RE}|(?P<noon>noon|midday|midnight))"
        r"(?:\s*,?\s*(?:on\s+)?(?P<rest>(?:today|yesterday|tomorrow|tonight|this morning|"
        rf"{_WEEKDAY_RE}|{_MONTH_RE}\s+\d).*))?",
        t,
    )
    if not m:
        m = re.fullmatch(
            rf"(?P<rest>today|yesterday|tomorrow|tonight|{_WEEKDAY_RE})(?:\s+(?:at\s+)?)"
            rf"(?:{_TIME_RE}|(?P<noon>noon|midday|midnight))",
            t,
        )
        if not m:
            return None
    if m.group("noon"):
        hh, mm = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m.group("noon")]
    else:
        if not m.group("ampm") and not m.group("minute"):
            return None
        got = _hour(m.group("hour"), m.group("ampm"))
        if got is None:
            return Norm(None, None, "TIME")
        hh, mm = got, int(m.group("minute") or 0)
        if mm > 59:
            return Norm(None, None, "TIME")
    day: dt.date | None = a
    rest = m.group("rest")
    if rest:
        rest = rest.strip()
        sub = (
            _r_deictic(rest, a, tense) or _r_weekday(rest, a, tense) or _r_month_day(rest, a, tense)
        )
        if sub is None or sub.value is None:
            return Norm(None, "time", "TIME", relative=True)
        day = dt.date.fromisoformat(sub.value[:10])
    if day is None:
        return Norm(None, "time", "TIME", relative=True)
    return Norm(f"{fmt_day(day)}T{hh:02d}:{mm:02d}", "time", "TIME", relative=True)


def _r_daypart(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(r"(?:the\s+)?(?P<part>morning|afternoon|evening|overnight|night)", t)
    if not m:
        return None
    if a is None:
        return Norm(None, "time", "TIME", relative=True)
    return Norm(f"{fmt_day(a)}T{DAYPARTS[m.group('part')]}", "time", "TIME", relative=True)


def _r_numeric(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    m = re.fullmatch(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})", t)
    if m:
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        m = re.fullmatch(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})", t)
        if not m:
            return None
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if y < 100:
            y += 1900 if y >= 30 else 2000
    if not ok_year(y):
        return Norm(None, None)
    try:
        return Norm(fmt_day(dt.date(y, mo, d)), "day")
    except ValueError:
        return Norm(None, None)


_RULES = [
    _r_vague,
    _r_holiday,
    _r_span_of,
    _r_day_around,
    _r_deictic,
    _r_clock,
    _r_ago,
    _r_year_relative,
    _r_relative_unit,
    _r_weekday,
    _r_month_day,
    _r_numeric,
    _r_quarter,
    _r_month,
    _r_season,
    _r_year,
    _r_set,
    _r_duration,
    _r_bare_unit,
    _r_daypart,
]


_PARSER_SHAPES = re.compile(rf"\b{_MONTH_RE}(?![a-z])|\b\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}\b")


def _dateparser(t: str, a: dt.date | None, tense: str | None) -> Norm | None:
    """Absolute dates the rules missed, read by dateparser (relative ones are never
    trusted to it: it reads 'next week' as a day)."""
    if not re.search(r"\d", t) or len(t) > 40 or re.search(r"[()\[\]]", t):
        return None
    if not _PARSER_SHAPES.search(t):
        return None  # only calendar dates: a month name, or digits like 21.01.2022
    has_year = re.search(r"\b\d{4}\b|'\d{2}\b", t) is not None
    if not has_year and a is None:
        return Norm(None, None, relative=True)
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    settings: dict[str, object] = {"RETURN_TIME_AS_PERIOD": True, "STRICT_PARSING": False}
    if a is not None:
        settings["RELATIVE_BASE"] = dt.datetime(a.year, a.month, a.day)
    if tense == "past":
        settings["PREFER_DATES_FROM"] = "past"
    elif tense == "future":
        settings["PREFER_DATES_FROM"] = "future"
    try:
        dd = DateDataParser(languages=["en"], settings=settings).get_date_data(t)
    except Exception:  # dateparser raises on odd strings; a miss is fine
        return None
    if dd is None or dd.date_obj is None:
        return None
    d, period = dd.date_obj, dd.period
    if not ok_year(d.year):
        return Norm(None, None)
    rel = not has_year
    if period == "time":
        return Norm(d.strftime("%Y-%m-%dT%H:%M"), "time", "TIME", relative=rel)
    if period == "month":
        return Norm(fmt_month(d.year, d.month), "month", relative=rel)
    if period == "year":
        return Norm(f"{d.year:04d}", "year", relative=rel)
    if period == "week":
        return Norm(fmt_week(d.date()), "week", relative=rel)
    return Norm(fmt_day(d.date()), "day", relative=rel)
