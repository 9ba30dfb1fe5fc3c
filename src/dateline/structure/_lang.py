"""Language identification of the cleaned body, with py3langid (offline model)."""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["detect_language"]

_MIN_WORDS = 5
_MIN_PROB = 0.5
_SAMPLE = 4000


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """``(ISO 639-1 code, probability)``; no code for a text too short or too unclear."""
    sample = text[:_SAMPLE]
    if len(sample.split()) < _MIN_WORDS:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    prob = float(prob)
    return (str(lang), prob) if prob >= _MIN_PROB else (None, prob)
