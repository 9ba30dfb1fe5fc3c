"""Time: every date and time expression, resolved against the article's own date."""

from __future__ import annotations

from ._component import TimeStage
from ._find import choose_anchor, find_times, tense_of

__all__ = ["TimeStage", "choose_anchor", "find_times", "tense_of"]
