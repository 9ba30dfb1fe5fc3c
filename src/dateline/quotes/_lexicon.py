"""The speech-cue lexicon shipped in ``dateline/data/quotes/cues.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .._data import word_set

__all__ = ["FRAMES", "CueWord", "cue_words", "speech_nouns"]

FRAMES = (
    "clause",
    "object_as",
    "object_complement",
    "object_infinitive",
    "object",
    "infinitive",
    "passive",
)


@dataclass(frozen=True, slots=True)
class CueWord:
    """A speech verb: the frame its content takes, and prepositions introducing content."""

    frame: str
    preps: frozenset[str] = frozenset()
    also: frozenset[str] = frozenset()  # further frames: object, infinitive


@lru_cache(maxsize=1)
def cue_words() -> dict[str, CueWord]:
    """Lemma -> its ``CueWord``."""
    raw = resources.files("dateline").joinpath("data/quotes/cues.tsv").read_text("utf-8")
    out: dict[str, CueWord] = {}
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        frames = [f for f in (cols[1].split(",") if len(cols) > 1 else ()) if f in FRAMES]
        preps = frozenset(p for p in (cols[2].split(",") if len(cols) > 2 else ()) if p)
        main = frames[0] if frames else "clause"
        out[cols[0].lower()] = CueWord(main, preps, frozenset(frames[1:]))
    return out


@lru_cache(maxsize=1)
def speech_nouns() -> frozenset[str]:
    """Lemmas of nouns that report speech with a "that" clause ("the claim that ...")."""
    return frozenset(noun.lower() for noun in word_set("quotes/nouns.txt"))
