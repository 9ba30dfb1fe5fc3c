"""Find the spans of temporal expressions: spaCy DATE/TIME entities, repaired and filtered,
plus the expressions the model misses (weekdays, 'now', 'recently', 'two days ago', ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .._data import word_list, word_set
from ._lex import DAY_ORDINAL_RE

__all__ = ["Candidate", "find_candidates", "is_rate", "trim_span"]


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    source: str  # spacy | rule


_WD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Apr(?:il|\.)?|May|June|July|Aug(?:ust|\.)?|"
    r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_UNIT = r"(?:" + "|".join(word_list("time/unit_words.txt")) + r")"
_NUMW = r"(?:" + "|".join(word_list("time/amount_words.txt")) + r")"
_REL = "(?:" + "|".join(word_list("time/relative_words.txt")) + ")"
_DAYPART = r"(?:" + "|".join(word_list("time/daypart_words.txt")) + r")"

_ONES = "|".join(word_list("time/number_ones.txt"))
_TENS = "|".join(
    (*word_list("time/number_teens.txt"), *word_list("time/number_tens.txt"), "hundred")
)
_HOLIDAY = r"(?:" + "|".join(word_list("time/holidays.txt")) + r")\b"

# patterns for what spaCy's DATE/TIME entities tend to miss; (?i) only where case is free
_PATTERNS = [
    rf"\b(?:(?i:{_REL})\s+)?{_WD}s?(?:\s+(?i:{_DAYPART}))?\b",
    rf"(?i:\b(?:the\s+)?(?:(?:early|earlier|late|later)\s+)?{_REL}\s+(?:(?:{_NUMW})[\s-]+)?{_UNIT}\b)",
    rf"(?i:\b(?:(?:about|around|nearly|almost|more than|some|just)\s+)?{_NUMW}[\s-]+{_UNIT}"
    r"\s+(?:ago|earlier|later)\b)",
    r"(?i:\b(?:earlier|later)\s+(?:this|that|last|next)\s+(?:week|month|year|season|quarter)\b)",
    rf"(?i:\b(?:(?:at\s+least|about|nearly|almost|only|just|another)\s+)?{_NUMW}\s+"
    rf"(?:more|additional|extra|further)\s+{_UNIT}\b)",
    r"(?i:\b(?:the\s+day\s+(?:after|before)\s+)?(?:today|tonight|yesterday|tomorrow)\b)",
    rf"(?i:\bthe\s+day\s+(?:after|before)\s+)(?:(?:(?i:last|next|this)\s+)?{_WD}\b"
    rf"|{_MONTH}\s+\d{{1,2}}\b(?:,?\s+\d{{4}}\b)?|{_HOLIDAY})",
    r"(?i:\b(?:right\s+now|now|currently|presently|nowadays|recently|lately|"
    r"(?<!as\s)(?<!-)soon(?!\s+(?:after|afterwards?|as|enough)|-)|"
    r"the\s+(?:near\s+|distant\s+)?future|in\s+the\s+past|the\s+(?:near|short)\s+term)\b)",
    r"\b(?i:mid|early|late)-(?:1[5-9]|20)\d\d(?:s)?\b",
    r"\b(?:the\s+)?(?:(?i:early|late|mid)[\s-])?(?:1[5-9]|20)\d0s\b|\b(?:the\s+)?'\d0s\b",
    r"\bQ[1-4](?:\s+(?:1[5-9]|20)\d\d)?\b",
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b",
    rf"\b{_MONTH}\s+(?i:(?:the\s+)?{DAY_ORDINAL_RE})\b(?:,?\s+\d{{4}}\b)?"
    rf"|(?i:\b(?:the\s+)?{DAY_ORDINAL_RE}\s+of\s+){_MONTH}(?:,?\s+\d{{4}}\b)?",
    rf"(?i:\b(?:every|each)\s+(?:other\s+)?(?:day|week|month|year|quarter|hour|morning|night|"
    rf"evening|weekend|spring|summer|fall|autumn|winter)\b)|\b(?i:every|each)\s+(?:{_WD}|{_MONTH})\b",
    r"(?i:\b(?:current|recent|daily|weekly|hourly|nightly)\b)",
    r"(?i:\b(?:the\s+(?:(?:year-ago|year-earlier|comparable|corresponding|same|latest|"
    r"most\s+recent)\s+)*"
    r"(?:(?:1[5-9]|20)\d\d\s+)?(?:(?:first|second|third|fourth)[\s-]+)?|(?:1[5-9]|20)\d\d\s+"
    r"(?:(?:first|second|third|fourth)[\s-]+)?|(?:first|second|third|fourth)[\s-]+)"
    r"(?:quarter|period|half)\b)",
    rf"(?i:\b(?:nineteen|twenty)[\s-]+(?:{_TENS})(?:[\s-]+(?:{_ONES}))?\b)",
    rf"(?i:\b(?:the\s+year\s+)?two\s+thousand(?:\s+(?:and\s+)?(?:{_ONES}|{_TENS}))?\b)",
    rf"\b(?:(?i:last|next|this)\s+)?{_HOLIDAY}",
    rf"(?i:\b(?:the\s+)?(?:(?:early|late)\s+)?(?:spring|summer|fall|autumn|winter)\s+of\s+"
    rf"(?:(?:1[5-9]|20)\d\d|(?:nineteen|twenty)[\s-]+(?:{_TENS})(?:[\s-]+(?:{_ONES}))?)\b)",
    rf"(?i:\b\d{{1,2}}(?::\d\d)?\s*[ap]\.?m\b\.?(?:\s*\(?[a-z]{{2,3}}t\)?)?)"
    rf"(?:,?\s+(?:(?i:on)\s+)?(?:{_WD}|(?i:today|yesterday|tomorrow)|{_MONTH}\s+\d{{1,2}}\b))?",
    rf"(?i:\b(?:noon|midnight|midday)\b)(?:\s+{_WD})?",
    r"(?i:\bthe\s+(?:(?:early|late|mid)[\s-]+)?(?:twenties|thirties|forties|fifties|sixties|"
    r"seventies|eighties|nineties)\b)",
    r"(?i:\b(?:[1-9]|1\d|2[01])(?:st|nd|rd|th)[\s-]+century\b)",
    r"(?i:\b(?:post|pre)-)(?:1[6-9]|20)\d\d\b",
    r"(?i:\b(?:a|an|one)\s+(?:second|minute|hour|day|week|month|year)\s+and\s+a\s+half\b)",
    r"(?i:\b\d{1,2}(?::\d\d)?\s+(?:o'clock\s+)?(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b)",
]
_RX = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")

# an entity is an age, a score, a fraction, an event name or a price, not a time
_NOT_TIME = re.compile(
    r"(?i:^\d+\s*-?\s*(?:years?|months?|weeks?|days?)\s*-?\s*olds?$"
    r"|^[a-z]+-(?:year|month|week|day)s?-olds?$"
    r"|^\d+\s+(?:years?|months?)\s+old$"
    r"|^\d{1,3}$"
    r"|^\d{1,2}/\d{1,2}$"
    r"|^\d+\s*-\s*\d+$"
    r"|^\$|^last-minute$)"
)
_MODIFIERS = word_set("time/frequency_modifiers.txt")
# a model DATE/TIME entity longer than this many characters is no time expression but a run
# the model took for one ("two days ago two days ago ..."): it is no candidate, and the
# rules find the times inside it (the longest time in the Wikinews, VOA and event dev sets
# is 31 characters)
MAX_ENTITY_CHARS = 200
_SET_BEFORE = re.compile(r"(?i)\b(?:every|each)\s+(?:other\s+)?$")
_AGE_AFTER = re.compile(r"^\s*-?\s*(?:years?|months?)?[\s-]*olds?\b|^\s+years?\s+of\s+age", re.I)
_TEMPORAL_WORD = re.compile(
    r"(?i)\b(?:\d{4}s?|'\d\ds?|\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?|"
    rf"{_WD}s?|{_MONTH}|{_UNIT}|spring|summer|fall|autumn|winter|now|today|tonight|"
    r"yesterday|tomorrow|recent(?:ly)?|currently|future|past|soon|noon|midnight|morning|"
    r"afternoon|evening|overnight|daily|weekly|monthly|annually|yearly|hourly|"
    r"quarterly|decade|centur(?:y|ies)|time|period|era|q[1-4]|h[12])\b"
)
_LEAD = re.compile(
    r"^(?:(?:" + "|".join(word_list("time/leading_words.txt")) + r")\s+)+", re.IGNORECASE
)
_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(?P<a>.+?)\s*(?:\band\b|\bto\b|\bthrough\b|\buntil\b|-|\u2013)\s*(?P<b>.+)$",
    re.I,
)
_TRAIL_MARKS = frozenset(",.;:!?\"“”'’)(-")


def _trail_start(span: str) -> int:
    """Where the span's trailing punctuation and possessives start (-1: none).

    The leftmost match of ``(?:\\s*(?:'s|’s|[,.;:!?"“”'’)(]|--?))+$`` found from the end in
    one pass (a regex search tries every start: quadratic on a long run). A match ends with
    a mark or possessive (or one before a final newline, as ``$`` allows) and runs back over
    blanks, marks and possessives."""
    end = len(span)
    if span.endswith("\n"):
        end -= 1
    k = end
    while k > 0:
        c = span[k - 1]
        if c in _TRAIL_MARKS:
            k -= 1
        elif c == "s" and k >= 2 and span[k - 2] in "'’":
            k -= 2
        elif c.isspace() and k < end:
            k -= 1
        else:
            break
    # a match cannot start with a blank run that no mark follows (the end's own blanks)
    return k if k < end else -1


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without leading prepositions, trailing punctuation and possessives."""
    return _trim(text, start, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    m = _LEAD.match(span)
    if m and m.end() < len(span):
        start += m.end()
        span = text[start:end]
    cut = _trail_start(span)
    if cut > 0:
        end = start + cut
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_time_like(text: str) -> bool:
    """Does the span contain a word that can carry a time value?"""
    return bool(_TEMPORAL_WORD.search(text))


def _is_title(text: str, start: int, end: int) -> bool:
    """A quoted, capitalised name: the show "Sunday Morning", the song "Midnight Train"."""
    before = text[max(0, start - 8) : start]
    after = text[end : end + 60]
    # the title may go on past the time: "This Week With David Brinkley"
    quoted = re.search(r"(?:[\"“]|``|'')\s*(?:[A-Z][\w']*\s+){0,3}$", before) and re.match(
        r"(?:\s+(?:[A-Z][\w'.]*|of|the|and|a|in|on|at|for|to)){0,5}[,.]?\s*(?:[\"”]|'')", after
    )
    words = text[start:end].split()
    return bool(quoted) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


_NAMED_DAY = re.compile(r"\b(?:" + "|".join(word_list("time/named_day_words.txt")) + r")\s+$")


def _is_name(doc: Doc, text: str, start: int, end: int) -> bool:
    """Part of a name, not a time: 'Super Tuesday', 'Black Friday', 'Gazette Today'."""
    if _NAMED_DAY.search(text[max(0, start - 10) : start]) and re.match(_WD, text[start:end]):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span[0].i == span.sent.start or not text[start:end][:1].isupper():
        return False
    prev = doc[span[0].i - 1]
    first = span[0].lower_
    return (
        prev.pos_ == "PROPN" and prev.text[:1].isupper() and first in ("today", "tonight", "this")
    )


def _periodical(doc: Doc, text: str, start: int, end: int) -> bool:
    """'the Communist Party daily Granma', 'the business daily said': 'daily' or 'weekly' as
    the noun for a newspaper, which names a publication, not a frequency."""
    if not re.fullmatch(r"(?i)daily|weekly", text[start:end]):
        return False
    span = doc.char_span(start, end)
    if span is None or span[0].i == 0 or span[0].i + 1 >= len(doc):
        return False
    prev, nxt = doc[span[0].i - 1], doc[span[0].i + 1]
    if prev.pos_ in ("VERB", "AUX", "ADV", "NUM") or prev.is_punct:
        return False  # 'published daily', 'twice daily', 'rose 3% weekly'
    if nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
        # 'daily Granma compared ...': a name closes the noun phrase ('the weekly Cabinet
        # meeting' goes on to a common noun: there 'weekly' is the frequency)
        i = nxt.i
        while i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and doc[i + 1].text[:1].isupper():
            i += 1
        return not (i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN")
    return nxt.is_punct or nxt.tag_ in ("VBD", "VBZ", "MD")  # 'the business daily said'


_FRACTION = re.compile(
    r"(?i)^(?:(?:more than|less than|about|nearly|almost|roughly|over|under)\s+)?"
    r"(?:a|one|three)[\s-]+(?:quarters?|half)$"
)
_FRACTION_OF = re.compile(
    r"\s+of\s+(?!(?:fiscal\s+)?(?:1[5-9]|20)\d\d|'\d\d|(?:this|last|next|the)\s+(?:fiscal\s+)?year)",
    re.I,
)
_MONTH_NOUN = re.compile(r"^\s+(?:for|on|against|to)\s+[A-Z]")


def _not_a_time(text: str, span_text: str, start: int, end: int) -> bool:
    """Words that look like times but are not: 'a quarter of the market' (a fraction), 'his
    year in school', 'the March for Life', 'this march' (a noun, not the month), 'Good evening'
    (a greeting)."""
    if _FRACTION.search(span_text) and _FRACTION_OF.match(text, end):
        return True
    if re.fullmatch(r"(?i)(?:day|night|week|month|year)", span_text) and re.search(
        r"(?i)\b(?:his|her|my|your|our|their)\s+$", text[max(0, start - 7) : start]
    ):
        return True  # 'his year in kindergarten', 'their day in court': a possession, not a date
    last = span_text.split()[-1] if span_text.split() else ""
    if last in ("march", "may") and not text.islower():
        return True  # lower case in mixed-case text: the noun or the verb
    if last == "March" and _MONTH_NOUN.match(text[end : end + 16]):
        return True
    return bool(
        re.fullmatch(r"(?i)(?:morning|afternoon|evening|night)", span_text)
        and re.search(r"(?i)\bgood\s+$", text[max(0, start - 6) : start])
    )


def _keep_entity(text: str, span_text: str, start: int, end: int) -> bool:
    if _NOT_TIME.search(span_text.strip()) or _not_a_time(text, span_text, start, end):
        return False
    m = re.fullmatch(r"\d{4}", span_text.strip())
    if m and not 1000 <= int(span_text) <= 2999:
        return False  # 'Decree No. 4521'
    if re.search(r"(?i)\b(?:aged?|ages|no\.|number|#)\s*$", text[max(0, start - 8) : start]):
        return False  # 'aged 16 to 18 years', 'No. 1999'
    if _AGE_AFTER.match(text[end : end + 20]) and re.search(r"\d|year|month", span_text):
        return False
    return is_time_like(span_text)


_ENDED = re.compile(
    rf"^(?P<a>.+?)\s+(?:that\s+)?(?:ended|ending|ends|through)\s+(?P<b>(?:{_MONTH}\s+\d{{1,2}}"
    r"(?:,?\s+\d{4})?|yesterday|today|tomorrow|(?:1[5-9]|20)\d\d))$"
    rf"|^(?P<a2>(?:the\s+)?(?:first|last|next|past|final)\s+(?!half\b).+?)\s+of\s+"
    r"(?P<b2>(?:1[5-9]|20)\d\d|(?:the|this|last|next)\s+year)$",
    re.I,
)


def _split_range(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """'between 2003 and 2006', 'the year ended June 30', 'the first six months of
    2003': two expressions, as TimeML has them."""
    span = text[start:end]
    years = list(re.finditer(r"(?:1[5-9]|20)\d\d", span))
    rest = re.sub(
        r"(?:1[5-9]|20)\d\d|,|\b(?:and|or|in|both|between|from|to|through)\b|\s", "", span
    )
    if len(years) >= 2 and not rest and re.search(r",|\band\b|\bor\b", span):
        return [(start + y.start(), start + y.end()) for y in years]  # '2003, 2004 and 2006'
    m = _ENDED.match(span)
    if m:
        ga, gb = ("a", "b") if m.group("a") else ("a2", "b2")
        sa, ea = _trim(text, start + m.start(ga), start + m.end(ga))
        sb, eb = _trim(text, start + m.start(gb), start + m.end(gb))
        if ea > sa and eb > sb:
            return [(sa, ea), (sb, eb)]
    m = _RANGE.match(text[start:end])
    if m:
        a, b = m.group("a"), m.group("b")
        if _range_side(a) and _range_side(b):
            sa, ea = _trim(text, start + m.start("a"), start + m.end("a"))
            sb, eb = _trim(text, start + m.start("b"), start + m.end("b"))
            if ea > sa and eb > sb:
                return [(sa, ea), (sb, eb)]
    return [(start, end)]


def _range_side(part: str) -> bool:
    p = part.strip()
    return bool(
        re.fullmatch(rf"(?:1[5-9]|20)\d\d|now|today|{_HOLIDAY}", p, re.I)
        or re.search(rf"^{_MONTH}\s+\d|^{_WD}|^\d{{1,2}}\s+{_MONTH}|^{_MONTH}(?:\s+\d{{4}})?$", p)
    )


_RATE = re.compile(
    r"\b(?:a|an|per)\s+(?:hour|day|week|month|year)\b(?!\s+(?:ago|earlier|later|before|after|or))"
)
_RATE_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|hundred|times|percent|dollars|\w{3,}s))\W{0,2}\s+$", re.I
)


def is_rate(text: str, start: int) -> bool:
    """'$33 million a year', 'interviews a day': a frequency (TimeML SET), not a stretch."""
    before = text[max(0, start - 30) : start]
    if re.search(r"(?i)\b(?:for|in|within|about|over|than|nearly|almost|once|twice)\s+$", before):
        return before.rstrip().lower().endswith(("once", "twice"))
    return bool(_RATE_BEFORE.search(before))


def find_candidates(text: str, doc: Doc) -> list[Candidate]:
    """Non-overlapping candidate spans, in text order."""
    found: list[Candidate] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if len(ent) == 1 and ent[0].tag_ == "JJ" and ent[0].lower_ in _MODIFIERS:
            continue  # 'quarterly dividend', 'annual report': a modifier, not a time
        if ent.end_char - ent.start_char > MAX_ENTITY_CHARS:
            continue
        s, e = _trim(text, ent.start_char, ent.end_char)
        if e <= s or not _keep_entity(text, text[s:e], s, e) or _is_name(doc, text, s, e):
            continue
        if _is_title(text, s, e) or re.search(r"(?i)\s(?:of|the|and|or)$", text[s:e]):
            continue  # a title, or a fragment cut off before what it modifies
        for a, b in _split_range(text, s, e):
            m = _SET_BEFORE.search(text[max(0, a - 12) : a])
            if m:
                a -= len(m.group(0))
            found.append(Candidate(a, b, "spacy"))
    for m in _RX.finditer(text):
        s, e = _trim(text, m.start(), m.end())
        if e <= s or _AGE_AFTER.match(text[e : e + 20]) or _is_title(text, s, e):
            continue
        if not _is_name(doc, text, s, e) and not _periodical(doc, text, s, e):
            found.append(Candidate(s, e, "rule"))
    for m in _RATE.finditer(text):
        if is_rate(text, m.start()):
            found.append(Candidate(m.start(), m.end(), "rule"))
    for m in _YEAR.finditer(text):
        if _bare_year(doc, text, m.start(), m.end()):
            found.append(Candidate(m.start(), m.end(), "rule"))
    for m in _DAY_LIST.finditer(text):
        found.append(Candidate(m.start(), m.end(), "rule"))
    merged = [part for c in _merge(text, found) for part in _split_day_list(text, c)]
    return [_without_article(doc, text, c) for c in merged]


# 'April 24 and 25', 'March 3 to 5', 'Oct. 12-14': the second day shares the first's month
_DAY_LIST = re.compile(
    rf"\b(?P<a>{_MONTH}\s+\d{{1,2}})(?:st|nd|rd|th)?(?P<gap>\s*(?:,?\s*(?:and|or)|to|through|-|\u2013)\s*)"
    r"(?P<b>\d{1,2})(?:st|nd|rd|th)?\b(?P<y>,?\s+(?:1[5-9]|20)\d\d\b)?"
    r"(?![.,]?\d|\s*(?:%|percent|per\s?cent|points?|people|million|billion|years?|months?"
    r"|weeks?|days?|hours?|[ap]\.?m\b|o'clock|-year))"
)


def _split_day_list(text: str, cand: Candidate) -> list[Candidate]:
    """A candidate that is a list of days of one month splits into the days: 'April 24
    and 25' -> 'April 24', '25' (TimeML annotates each day)."""
    m = _DAY_LIST.fullmatch(text, cand.start, cand.end)
    if not m:
        return [cand]
    return [
        Candidate(cand.start, m.end("a"), cand.source),
        Candidate(m.start("b"), cand.end, cand.source),
    ]


def _without_article(doc: Doc, text: str, cand: Candidate) -> Candidate:
    """'the third-quarter loss', 'the Aug. 7, 1998, bombings': a time used as a modifier
    leaves the article to the noun it modifies, as TimeML bounds it."""
    m = re.match(r"(?i)the\s+", text[cand.start : cand.end])
    if not m or cand.start + m.end() >= cand.end or re.match(r"['’]s\b", text[cand.end :]):
        return cand  # 'the week's most active session': the article is the time's own
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return cand
    article = span[0].head
    owned = article.i >= span.end and article.pos_ in ("NOUN", "PROPN")
    # 'the Aug. 7, 1998, bombings': the parse often misses it; the comma-closed year shows it
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    dated = (
        re.search(r"\d{4}$", span.text) is not None
        and span.end < len(doc)
        and doc[span.end].text == ","
        and after is not None
        and after.pos_ == "NOUN"
        and after.text.islower()
    )
    if owned or dated:
        return Candidate(cand.start + m.end(), cand.end, cand.source)
    return cand


def _bare_year(doc: Doc, text: str, start: int, end: int) -> bool:
    """A four-digit number used as a year ('the 2014 annexation', 'in 1998')."""
    span = doc.char_span(start, end)
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    if tok.ent_type_ in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL") and tok.ent_type_ != "":
        nxt = text[end : end + 12].lower()
        if not re.match(r"\s*(?:annexation|election|elections|war|crisis|olympics|census)", nxt):
            return False
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    if "$" in before or re.match(r"\s?%|[\d,.]\d", after) or before.endswith(("#", "-", "/")):
        return False
    prev = tok.nbor(-1).lower_ if tok.i > 0 else ""
    if prev in (
        "in",
        "since",
        "until",
        "by",
        "of",
        "the",
        "from",
        "to",
        "before",
        "after",
        "during",
        "early",
        "late",
        "mid",
        "through",
    ):
        return True
    return tok.ent_type_ in ("DATE", "EVENT", "")


_KINDS = (
    ("day", re.compile(rf"(?i)^(?:{_WD}|today|yesterday|tomorrow|tonight)$")),
    ("date", re.compile(rf"^{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?$")),
    (
        "clock",
        re.compile(r"(?i)^(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:\s*[a-z]{2,3}t)?|noon|midnight)$"),
    ),
    ("part", re.compile(r"(?i)^(?:(?:early|late|mid)-?\s*)?(?:morning|afternoon|evening|night)$")),
)
_JOIN = re.compile(r"^\s*,?\s*(?:on\s+)?$")


def _kind(span: str) -> str | None:
    return next((name for name, rx in _KINDS if rx.match(span)), None)


def _merge(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates become one span (their union), preferring model bounds; a
    day next to its date, clock time or part of day joins it ('Monday, May 4',
    '9 p.m. Tuesday', 'early evening yesterday')."""
    cands.sort(key=lambda c: (c.start, -c.end))
    out: list[Candidate] = []
    for c in cands:
        if out and c.start < out[-1].end:
            last = out[-1]
            out[-1] = Candidate(last.start, max(last.end, c.end), last.source)
            continue
        if out and _JOIN.match(text[out[-1].end : c.start]):
            a, b = _kind(text[out[-1].start : out[-1].end]), _kind(text[c.start : c.end])
            if a and b and a != b and "day" in (a, b):
                out[-1] = Candidate(out[-1].start, c.end, out[-1].source)
                continue
        out.append(c)
    return out
