"""Event dates: the sentence's own time expression, else the publication date."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from ..time import date_range
from ..types import Granularity, TimeExpr

__all__ = ["HISTORICAL_DAYS", "event_date", "period"]

# an event whose period ends this many days or more before publication is historical
HISTORICAL_DAYS = 90

_PUBLISHED_UNIT: dict[int, Granularity] = {4: "year", 7: "month", 10: "day"}
# a century ("out of place in the 21st century") never dates one act
_USABLE = ("day", "week", "month", "quarter", "half", "year", "decade", "time", None)


def period(value: str | None) -> tuple[date, date] | None:
    """First and last day an ISO 8601 value covers (``time.date_range``), or None when it is
    not a calendar date."""
    found = date_range(value)
    return (found.start, found.end) if found is not None else None


def _dated(times: tuple[TimeExpr, ...], sent: Span) -> list[TimeExpr]:
    lo, hi = sent.start_char, sent.end_char
    return [
        t
        for t in times
        if lo <= t.start < hi
        and t.value
        and t.type in ("DATE", "TIME")
        and t.granularity in _USABLE
        and period(t.value) is not None
    ]


def _attached(t: TimeExpr, anchors: list[Token], sent: Span) -> bool:
    """True when the time expression's tokens hang (syntactically) below an anchor token."""
    doc = sent.doc
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    head: Token = span.root
    ids = {a.i for a in anchors}
    for _ in range(len(sent)):
        if head.i in ids:
            return True
        if head.head.i == head.i:
            return False
        if head.pos_ == "VERB" and head.i not in ids and head.dep_ in ("ccomp", "advcl", "relcl"):
            return False
        head = head.head
    return False


def event_date(
    times: tuple[TimeExpr, ...],
    sent: Span,
    anchors: list[Token],
    published: str | None,
) -> tuple[str | None, Granularity | None, TimeExpr | None]:
    """(value, granularity, the time expression used or None when the publication date)."""
    dated = _dated(times, sent)
    attached = [t for t in dated if _attached(t, anchors, sent)]
    if attached:
        t = attached[0]
        return t.value, t.granularity or "day", t
    if len(dated) == 1 and not any(_attached(dated[0], [a], sent) for a in _other_verbs(sent)):
        return dated[0].value, dated[0].granularity or "day", dated[0]
    if published and period(published):
        # a publication date may be only a month or a year (a page dated by its copyright)
        return published[:10], _PUBLISHED_UNIT.get(len(published[:10]), "day"), None
    return None, None, None


def _other_verbs(sent: Span) -> list[Token]:
    return [t for t in sent if t.pos_ == "VERB" and t.dep_ in ("ccomp", "relcl", "advcl")]
