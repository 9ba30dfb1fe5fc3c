"""Time: every date and time expression, resolved against the article's own date."""

from __future__ import annotations

from ._component import TimeStage
from ._find import choose_anchor, find_times, tense_of
from ._ranges import DateRange, date_range

__all__ = ["DateRange", "TimeStage", "choose_anchor", "date_range", "find_times", "tense_of"]
