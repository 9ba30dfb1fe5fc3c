"""Times anchored on an event rather than on the article's date.

'in the weeks before the shooting', '10 days before the murder', 'days after a sniper killed
the doctor': the time hangs on an event ('the shooting'), and the event's date is often
given elsewhere in the text ('the Oct. 23 slaying', 'was shot to death on Oct. 23'). When
the same event (the same word, or a near-synonym of the same kind: 'shooting', 'slaying',
'murder') has a day-dated mention, the expression is read against that day:

- 'N days/weeks before|after E' is the day N units away (a DATE, not a DURATION);
- 'the days/weeks before E', 'days after E' is the month of the event (TimeML writes these
  vague stretches around a dated event as that month);
- a clock time right before such an expression takes its day ('at 6 a.m. ten days before').

Without a dated mention of the event nothing changes: the expression keeps its own value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from .._data import table, word_set
from ..types import TimeExpr
from ._calendar import fmt_day, parse_number

__all__ = ["event_anchored", "event_key"]

# near-synonyms that news text uses for one event: 'the shooting' ... 'the slaying'
_EVENT_CLASSES: dict[str, frozenset[str]] = {
    name: frozenset(row["lemma"] for row in table("time/event_classes.tsv") if row["class"] == name)
    for name in dict.fromkeys(row["class"] for row in table("time/event_classes.tsv"))
}
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}$")
_UNIT_DAYS = {"day": 1, "night": 1, "week": 7}
_VAGUE = re.compile(r"(?i)(?:(?:in\s+)?the\s+)?(?:(?:few|several)\s+)?(?P<unit>days|weeks)")
_COUNTED = re.compile(
    r"(?i)(?P<num>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|twenty|thirty)[\s-]+(?P<unit>days?|nights?|weeks?)"
)
_AROUND = re.compile(r"\s+(?P<dir>before|after|prior\s+to|following)\s+", re.I)
_CLOCK = re.compile(r"(?i)\d{1,2}(?::\d\d)?\s*[ap]\.?\s?m\.?")


def event_key(tok: Token) -> str:
    """The word an event is known by: its lemma without '-ing' ('shooting' -> 'shoot'),
    folded into its class of near-synonyms ('slaying', 'murder' -> 'killing')."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN" and lemma.endswith("ing") and len(lemma) > 5:
        lemma = lemma[:-3]
        if len(lemma) > 2 and lemma[-1] == lemma[-2]:
            lemma = lemma[:-1]  # 'shooting' -> 'shoot', 'bombing' -> 'bomb'; 'getting' -> 'get'
    for name, words in _EVENT_CLASSES.items():
        if lemma in words:
            return name
    return lemma


def _dated_events(doc: Doc, times: list[TimeExpr]) -> list[tuple[int, str, dt.date]]:
    """(position, event key, day) for each day-dated mention of an event: the noun a date
    modifies ('the Oct. 23 slaying') and the verb it dates ('was shot on Oct. 23')."""
    found: list[tuple[int, str, dt.date]] = []
    for t in times:
        if not (t.value and _DAY_VALUE.match(t.value) and t.type == "DATE"):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        day = dt.date.fromisoformat(t.value)
        tok: Token = span.root
        for _ in range(6):
            if tok.head is tok:
                break
            tok = tok.head
            if tok in span:
                continue
            if tok.pos_ in ("NOUN", "VERB"):
                found.append((t.start, event_key(tok), day))
            if tok.pos_ in ("VERB", "AUX"):
                break
    return found


def _event_after(doc: Doc, char: int) -> Token | None:
    """The event named after 'before'/'after' at ``char``: the object of the preposition
    ('before the shooting') or the verb of the clause ('before Slepian was killed')."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    word = span[0]
    if word.dep_ == "mark" and word.head.pos_ in ("VERB", "AUX"):
        return word.head
    if word.lower_ == "prior" and word.i + 1 < len(doc):
        word = doc[word.i + 1]  # 'prior to'
    objects = [c for c in word.children if c.dep_ in ("pobj", "pcomp")]
    if objects and objects[0].pos_ in ("NOUN", "VERB"):
        return objects[0]
    return None


def _event_day(dated: list[tuple[int, str, dt.date]], key: str, position: int) -> dt.date | None:
    """The day of the latest dated mention of the event before ``position``, else the
    first one after it."""
    before = [d for p, k, d in dated if k == key and p < position]
    if before:
        return before[-1]
    after = [d for p, k, d in dated if k == key and p > position]
    return after[0] if after else None


def event_anchored(
    text: str, doc: Doc, times: list[TimeExpr], anchor: dt.date | None = None
) -> list[TimeExpr]:
    """The expressions of ``times`` read against a dated event they are anchored on.
    A clock time moves to its event's day only when nothing but the ``anchor`` dated it."""
    dated = _dated_events(doc, times)
    if not dated:
        return times
    out = list(times)
    for i, t in enumerate(times):
        if t.type == "TIME" and t.value and _CLOCK.fullmatch(t.text.rstrip(".")):
            if anchor is None or t.value[:10] != fmt_day(anchor):
                continue  # dated by the narrative or a day next to it, not by the anchor
            day = _clock_event_day(doc, dated, t)
            if day is not None:
                out[i] = replace(t, value=fmt_day(day) + t.value[10:])
            continue
        m = _AROUND.match(text, t.end)
        if not m:
            continue
        event = _event_after(doc, m.start("dir"))
        if event is None:
            continue
        day = _event_day(dated, event_key(event), t.start)
        if day is None:
            continue
        sign = -1 if m.group("dir").lower().startswith(("before", "prior")) else 1
        fixed = _against(t, day, sign)
        if fixed is None:
            continue
        out[i] = fixed
        if i and fixed.value and fixed.granularity == "day":
            prev = out[i - 1]
            if (
                prev.type == "TIME"
                and prev.value
                and _CLOCK.fullmatch(prev.text.rstrip("."))
                and t.start - prev.end <= 40
                and not re.search(r"[,;:!?]|\.\s+[A-Z]", text[prev.end : t.start])
            ):
                out[i - 1] = replace(prev, value=fixed.value + prev.value[10:])
    return out


_REPORTING = word_set("time/event_reporting_verbs.txt")


def _clock_event_day(
    doc: Doc, dated: list[tuple[int, str, dt.date]], t: TimeExpr
) -> dt.date | None:
    """'Slepian was shot to death at 10 p.m.' after 'the Oct. 23 slaying': a clock time
    with no day of its own, on an event dated earlier in the text, is on that day."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok: Token = span.root
    for _ in range(4):
        if tok.pos_ == "VERB" and tok not in span:
            break
        if tok.head is tok:
            return None
        tok = tok.head
    if tok.pos_ != "VERB" or tok.lemma_ in _REPORTING:
        return None
    key = event_key(tok)
    before = [d for p, k, d in dated if k == key and p < t.start]
    return before[-1] if before else None


def _against(t: TimeExpr, day: dt.date, sign: int) -> TimeExpr | None:
    m = _COUNTED.fullmatch(t.text)
    if m:
        n = parse_number(m.group("num").lower())
        if n is None or n != int(n):
            return None
        unit = m.group("unit").lower().rstrip("s")
        try:
            got = day + dt.timedelta(days=sign * int(n) * _UNIT_DAYS[unit])
        except OverflowError:
            return None
        return replace(t, value=fmt_day(got), granularity="day", type="DATE", mod=None)
    if _VAGUE.fullmatch(t.text):
        return replace(
            t, value=f"{day.year:04d}-{day.month:02d}", granularity="month", type="DATE", mod=None
        )
    return None
