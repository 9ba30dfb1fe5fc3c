"""Temporal expressions resolved against the article's date (issue #4).

Pipeline: ``timex_detect`` finds spans (spaCy DATE/TIME entities, repaired, plus rules for
what the model misses); the tense of each span's governing verb is read from the parse;
``timex_norm`` turns each span into a TimeML value against the anchor date: the dateline
date when there is one and it is not later than the publication date, else the
publication date. Without an anchor, relative expressions keep ``value=None`` and
``anchor="none"``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import cast

from spacy.tokens import Doc, Span, Token

from .._data import mapping, word_list, word_set
from .._spans import doc_text
from ..types import Anchor, Article, Granularity, TimeExpr, TimeMod, TimeType
from ._calendar import fmt_day
from ._detect import find_candidates, is_rate, trim_span
from ._event import event_anchored
from ._norm import Norm, normalise, parse_anchor

__all__ = ["choose_anchor", "find_times", "tense_of"]

_FUTURE_AUX = word_set("time/future_auxiliaries.txt")
# words just before a time that put it ahead: 'until 9 a.m. Tuesday', 'as early as Monday'
_AHEAD_CUE = re.compile(r"\b(?:" + "|".join(word_list("time/ahead_cues.txt")) + r")\s+(?:on\s+)?$")
# 'sales this year through August': a stretch of the current year up to a month, not ahead
_SO_FAR = re.compile(r"\b(?:this year|so far|to date|year-to-date)\s+(?:through|to)\s+$")
_PAST_CUE = re.compile(r"\b(?:ended|since)\s+$")
_REFERENCE_GRANULARITIES = frozenset({"day", "month", "quarter", "year"})
# verbs and adjectives whose complement lies ahead: 'planned to sail Thursday'
_LOOK_AHEAD = word_set("time/look_ahead_words.txt")


def choose_anchor(article: Article) -> tuple[dt.date | None, Anchor]:
    """(anchor date, its name): a dateline date wins over a later (republication) date."""
    published = parse_anchor(article.published)
    dateline = parse_anchor(article.dateline.date if article.dateline else None)
    if dateline and (published is None or dateline <= published):
        return dateline, "dateline"
    if published:
        return published, "published"
    return None, "none"


def _governor(span: Span) -> Token | None:
    tok: Token = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok not in span:
            return tok
        if tok.head is tok:
            break
        tok = tok.head
    root = span.sent.root
    return root if root.pos_ in ("VERB", "AUX") else None


def tense_of(span: Span) -> str | None:
    """'past', 'future', 'near' or None (present or unknown) for the verb that governs the
    span ('near': a plan reported in the past tense, whose date may lie either side).

    Non-finite verbs (participles, infinitives, gerunds) take the tense of the verb they
    hang from; 'planned to sail Thursday' and 'set to reopen Monday' look ahead.
    """
    verb = _governor(span)
    for _ in range(5):
        if verb is None:
            return None
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in _FUTURE_AUX for a in auxes):
            if any(a.lower_ == "have" for a in auxes) and not any(
                a.lower_ in ("will", "'ll", "shall") for a in auxes
            ):
                return "past"  # 'may have been responsible for Wednesday's drop'
            return "future"
        if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children):
            return "future"
        if verb.lemma_ in _LOOK_AHEAD and verb.tag_ in ("VBZ", "VBP"):
            return "future"  # 'plans to meet Thursday'
        if verb.lemma_ in _LOOK_AHEAD and verb.tag_ == "VBD" and span.end <= verb.i:
            return "past"  # 'On Friday, the government planned ...': the day of the planning
        if verb.lemma_ in _LOOK_AHEAD and verb.tag_ in ("VBD", "VBN"):
            # 'planned a rally on Saturday', 'set Friday as the deadline': after the report,
            # but before or after the article's date: the nearest one
            return "near"
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if verb.tag_ in ("VBN", "VBG") and any(a.lemma_ == "have" for a in auxes):
            return "past"  # 'have been searching since the Oct. 23 slaying'
        if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "future" if verb.lemma_ in _LOOK_AHEAD else None
        head = verb.head
        if (
            verb.tag_ == "VB"
            and any(a.tag_ == "TO" for a in auxes)
            and head.lemma_ in (*_LOOK_AHEAD, "be")
        ):
            # 'is to reopen Monday' looks ahead; 'had been due to close Friday' looked
            # ahead from a past moment, so the day may lie either side of the article's date
            frame = head.head if head.dep_ == "acomp" else head  # 'had been due to close'
            head_auxes = [
                c for f in {head, frame} for c in f.children if c.dep_ in ("aux", "auxpass", "cop")
            ]
            if (
                frame.tag_ == "VBD"
                or head.tag_ == "VBD"
                or any(a.tag_ == "VBD" for a in head_auxes)
            ):
                return "near"
            return "future"
        if verb.tag_ == "VBN" and verb.lemma_ in _LOOK_AHEAD:
            return "future"
        if head is verb or head.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        verb = head
    return None


_REPORTING = word_set("time/reporting_verbs.txt")
_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")


def _scheduled(span: Span) -> bool:
    """'Arafat and Albright meet Monday': a weekday with a present-tense action verb is a
    scheduled event, ahead of the article (reporting verbs like 'says' are not)."""
    if not _WEEKDAY.search(span.text) or span.root.dep_ == "poss":
        return False  # "follows Tuesday's ruling": the weekday names another event
    if _headline(span):
        return False  # a headline ('Bomb kills 10 Friday') tells the past in the present
    verb = _governor(span)
    if verb is None or verb.tag_ not in ("VBZ", "VBP") or verb.lemma_ in _REPORTING:
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _headline(span: Span) -> bool:
    """The span sits on a short line that does not end like a sentence."""
    text = doc_text(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    line = text[start : end if end >= 0 else len(text)].strip()
    return len(line) < 120 and not re.search(r"[.!?:;\"'\u201d\u2019)]$", line)


def _pluperfect(span: Span | None) -> bool:
    """'until Thursday, they had not called him': the time lies behind a past moment."""
    verb = _governor(span) if span is not None and len(span) else None
    return verb is not None and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


_RATE_VALUE = mapping("time/rate_units.tsv", "unit", "value")
_ENDED_AFTER = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends)\b", re.I)


def _ended_period(text: str, end: int, surface: str) -> bool:
    return bool(
        re.fullmatch(r"(?i)(?:the\s+|its\s+)?(?:fiscal\s+)?year", surface)
        and _ENDED_AFTER.match(text, end)
    )


_QUARTER_ENDED = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|closed)\s+(?:on\s+)?"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?)"
)


def _quarter_ended(text: str, end: int, surface: str, anchor: dt.date | None) -> Norm | None:
    """'the quarter ended Sept. 30': the three months up to that day, named by the calendar
    quarter that holds most of them (a fiscal quarter ended July 31 is mostly Q2)."""
    if not re.fullmatch(
        r"(?i)(?:the\s+|its\s+|their\s+)?(?:latest\s+|most recent\s+)?quarter", surface
    ):
        return None
    m = _QUARTER_ENDED.match(text, end)
    if not m:
        return None
    got = normalise(m.group("date"), anchor, "past", use_parser=False)
    if got is None or got.value is None or got.granularity != "day":
        return None
    mid = dt.date.fromisoformat(got.value[:10]) - dt.timedelta(days=45)
    return Norm(f"{mid.year:04d}-Q{(mid.month - 1) // 3 + 1}", "quarter", relative=got.relative)


_DAY_AROUND = re.compile(r"\s+(?P<dir>after|before)\s+(?!tomorrow|yesterday)", re.I)
_APPOSITION = re.compile(r",\s*$")


def _day_around_event(
    text: str, start: int, end: int, surface: str, ref: str | None, prev_end: int | None
) -> Norm | None:
    """'the day after the vote': a day next to an event, not the article's own day. Read
    against the last date mentioned ('on Oct. 23 ... the day after his death' -> Oct. 24);
    in apposition to that date ('Oct. 12, the day before the crash') it is that date."""
    if not re.fullmatch(r"(?i)the\s+(?:very\s+)?day", surface):
        return None
    m = _DAY_AROUND.match(text, end)
    if not m or re.search(r"(?i)\b(?:in|of|during|all)\s+$", text[max(0, start - 12) : start]):
        return None
    base = parse_anchor(ref[:10]) if ref and len(ref) >= 10 else None
    if base is None:
        return Norm(None, "day", relative=True)
    if prev_end is not None and _APPOSITION.fullmatch(text[prev_end:start]):
        return Norm(fmt_day(base), "day", relative=True, from_reference=True)
    step = 1 if m.group("dir").lower() == "after" else -1
    return Norm(fmt_day(base + dt.timedelta(days=step)), "day", relative=True, from_reference=True)


def find_times(article: Article, doc: Doc) -> tuple[TimeExpr, ...]:
    """Every date and time expression in the text, normalised to ISO 8601 where it can be."""
    text = article.text
    anchor, anchor_name = choose_anchor(article)
    out: list[TimeExpr] = []
    ref: str | None = None  # the narrative's reference time: the last date mentioned
    qref: str | None = None  # the last quarter mentioned (company results)
    for cand in find_candidates(text, doc):
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        tense = tense_of(span) if span is not None and len(span) else None
        before = text[max(0, cand.start - 30) : cand.start].lower()
        if span is not None and len(span) and tense is None and _scheduled(span):
            tense = "future"
        if _SO_FAR.search(before):
            tense = "past"
        elif _AHEAD_CUE.search(before) and not (tense == "past" and _pluperfect(span)):
            tense = "future"
        elif _PAST_CUE.search(before):
            tense = "past"
        start, end = cand.start, cand.end
        surface = text[start:end]
        norm: Norm | None
        listed = _listed_day(text, out[-1], start, surface) if out else None
        if listed is not None:
            out[-1], norm = listed
        else:
            norm = normalise(surface, anchor, tense, ref=ref, quarter_ref=qref)
        if norm is None:
            # the model's span may carry words that are not part of the time: try its tail
            # ('a talk several weeks'), then its head ('May month')
            better = _best_part(text, start, end, anchor, tense, ref)
            if better is not None:
                start, end, norm = better
                surface = text[start:end]
        if norm is None:
            if cand.source != "spacy":
                continue
            norm = Norm(None, None)
        if re.fullmatch(r"(?i)(?:a|an|per)\s+(hour|day|week|month|year)", surface) and is_rate(
            text, cand.start
        ):
            norm = Norm(_RATE_VALUE[surface.split()[-1].lower()], "set", "SET")
        around = _day_around_event(text, start, end, surface, ref, out[-1].end if out else None)
        if around is not None:
            norm = around
        ended = _quarter_ended(text, end, surface, anchor)
        if ended is not None:
            norm = ended
        if (
            out
            and norm.value
            and norm.value[:4].isdigit()
            and _year_ago_of_months(text, out[-1], start, surface)
        ):
            # 'the nine months ... compared with $9 million a year earlier': the same months of
            # the year before, which no quarter names; the year is the closest value
            norm = Norm(f"{int(norm.value[:4]):04d}", "year", relative=True, from_reference=True)
        if _ended_period(text, cand.end, surface):
            norm = Norm("P1Y", "duration", "DURATION")  # 'the year ended March 31': a fiscal year
        if norm.value and norm.granularity in _REFERENCE_GRANULARITIES and not norm.from_reference:
            ref = norm.value
        if (
            norm.value
            and norm.granularity == "quarter"
            and not norm.from_reference
            and not _ahead_of(norm.value, anchor)
        ):
            qref = norm.value
        out.append(_expr(start, end, surface, norm, anchor, anchor_name))
    return tuple(_clock_days(text, event_anchored(text, doc, out, anchor)))


_CLOCK_ONLY = re.compile(
    r"(?i)(?:(?:about|around|at|shortly after|shortly before|just after|just before)\s+)?"
    r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?\s?m\b\.?)?(?:\s*\(?[a-z]{2,4}t\)?)?"
    r"|\d{1,2}(?::\d\d)?\s+(?:o'clock\s+)?(?:in the (?:morning|afternoon|evening)|at night)"
    r"|noon|midnight|midday)"
)
_CLOCK_GAP = re.compile(r"\s*(?:\([^()]{0,24}\)\s*)?(?:,\s*)?(?:on\s+)?\(?\s*")
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
# 'arrested at 6 a.m. in his home on Tuesday': a place between the clock time and its day,
# in one clause (no punctuation, no reporting verb whose day would be the report's)
_SAME_CLAUSE = re.compile(
    r"\s+(?:in|at|near|outside|inside|from|off)\s+(?:(?!\b(?:said|says|told|tells|announced|"
    r"reported|and|but|when|after|before|until|then)\b)[^.,;:!?()\"\u201c\u201d])+?\s+(?:on\s+)?"
)


def _clock_days(text: str, out: list[TimeExpr]) -> list[TimeExpr]:
    """'10:35 a.m. (0735 GMT) Friday', '4 in the morning (4 a.m. EDT Thursday)': a clock time
    without a day of its own takes the day named right after it, not the article's day."""
    fixed = list(out)
    for i, cur in enumerate(out[:-1]):
        nxt = out[i + 1]
        if not (cur.value and cur.type == "TIME" and _CLOCK_ONLY.fullmatch(cur.text)):
            continue
        if not (nxt.value and _DAY_VALUE.match(nxt.value)) or nxt.start - cur.end > 40:
            continue
        gap = text[cur.end : nxt.start]
        if cur.text.lower().endswith("m") and gap.startswith("."):
            gap = gap[1:]  # the period of 'a.m.'
        if not (_CLOCK_GAP.fullmatch(gap) or _SAME_CLAUSE.fullmatch(gap)):
            continue
        value = nxt.value[:10] + cur.value[10:]
        if value != cur.value:
            fixed[i] = replace(cur, value=value, anchor=nxt.anchor)
    return fixed


_LISTED_DAY = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?")
_LIST_GAP = re.compile(r"\s*(?:,?\s*(?:and|or)|to|through|-|\u2013)\s*")


def _listed_day(
    text: str, prev: TimeExpr, start: int, surface: str
) -> tuple[TimeExpr, Norm] | None:
    """'April 24 and 25', 'Oct. 12-14': a bare day after a day of a month is a day of that
    month; a year after it ('24 and 25, 1999') is the year of both. Returns the previous
    expression (with that year) and the day's value."""
    m = _LISTED_DAY.fullmatch(surface)
    if not (m and prev.value and _DAY_VALUE.fullmatch(prev.value)):
        return None
    if not _LIST_GAP.fullmatch(text[prev.end : start]):
        return None
    year = m.group("y") or prev.value[:4]
    try:
        day = dt.date(int(year), int(prev.value[5:7]), int(m.group("d")))
        first = dt.date(int(year), int(prev.value[5:7]), int(prev.value[8:10]))
    except ValueError:
        return None
    relative = m.group("y") is None and prev.anchor != "absolute"
    if m.group("y"):
        prev = replace(prev, value=fmt_day(first), anchor="absolute")
    return prev, Norm(fmt_day(day), "day", relative=relative)


_YEAR_AGO = re.compile(r"(?i)(?:a|one)\s+year\s+(?:earlier|ago|before)|year[\s-](?:earlier|ago)")
_MONTHS_PERIOD = re.compile(r"P(?:[2-9]|1[01])M")


def _year_ago_of_months(text: str, prev: TimeExpr, start: int, surface: str) -> bool:
    """'a year earlier' in the sentence of a stretch of several months ('the nine months')."""
    return bool(
        _YEAR_AGO.fullmatch(surface)
        and prev.value
        and _MONTHS_PERIOD.fullmatch(prev.value)
        and not re.search(r"[.!?]\s", text[prev.end : start])
    )


def _ahead_of(quarter: str, anchor: dt.date | None) -> bool:
    """A quarter that has not ended by the anchor ('the fourth quarter' in an October
    report is an outlook, not the period the results are about)."""
    m = re.fullmatch(r"(\d{4})-Q([1-4])", quarter)
    if not m or anchor is None:
        return False
    return (int(m.group(1)), int(m.group(2))) >= (anchor.year, (anchor.month - 1) // 3 + 1)


PART_WORDS = 24


def _best_part(
    text: str, start: int, end: int, anchor: dt.date | None, tense: str | None, ref: str | None
) -> tuple[int, int, Norm] | None:
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    # a time expression is a few words: parts longer than PART_WORDS are not tried (a span
    # of thousands of words would otherwise cost its length squared)
    tails = [(s, end) for s, _ in words[max(1, len(words) - PART_WORDS) :]]
    heads = [(start, e) for _, e in reversed(words[: min(len(words) - 1, PART_WORDS)])]
    for s0, e0 in tails + heads:
        s, e = trim_span(text, s0, e0)
        if e <= s:
            continue
        got = normalise(text[s:e], anchor, tense, ref=ref, use_parser=False)
        if got is not None and (got.value is not None or got.relative):
            return s, e, got
    return None


def _expr(
    start: int, end: int, surface: str, norm: Norm, anchor: dt.date | None, anchor_name: Anchor
) -> TimeExpr:
    which: Anchor = "absolute"
    if norm.relative:
        which = anchor_name if anchor is not None else "none"
    return TimeExpr(
        start=start,
        end=end,
        text=surface,
        value=norm.value,
        granularity=cast(
            Granularity | None,
            norm.granularity if norm.value is not None or norm.relative else None,
        ),
        type=cast(TimeType, norm.type),
        anchor=which,
        mod=cast(TimeMod | None, norm.mod),
    )
