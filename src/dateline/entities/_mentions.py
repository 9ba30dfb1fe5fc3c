"""Name mentions from spaCy's entities, with their bounds fixed and mislabels dropped.

* leading "the" and trailing possessive "'s" or punctuation are cut off;
* titles and honorifics inside a PERSON span ("President Putin", "Mr Scholz") are cut off
  and kept as the mention's ``inner_titles``;
* spans that are not names are dropped: photo credits ("ALEX BRANDON / AP"), the "State"
  of "Secretary of State", spans without a letter, and demonyms (NORP "Russian", which
  gives an actor its country instead of being an actor);
* spans the English model cannot read are dropped too: without a Latin letter (the model
  labels Cyrillic, Arabic or Chinese words at random), with control characters, or running
  over a line break or a CJK sentence end ("。");
* a score after a team's name is cut off ("Barcelona 3-1" -> "Barcelona");
* places the model took for people or organisations are relabelled, and the place an
  organisation is named after gets a mention of its own (``toponyms``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .. import places
from .._data import word_list, word_set
from ._dictionaries import agent_dictionary, dict_key
from ._names import HONORIFICS, fold

__all__ = ["NameMention", "find_name_mentions", "is_title_word"]

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_EDGE = r"\s\"“”'‘’()\[\]{},;:!?*–—\-\x00-\x1f\x7f\u200b-\u200f\u2060\ufeff"
_EDGE_PUNCT = re.compile(f"^[{_EDGE}]+|[{_EDGE}]+$")
#: Words after which "State", "Defense", ... complete a title, not name an organisation.
_TITLE_OF = word_set("entities/title_of_words.txt")
_CREDIT = re.compile(r"/|\b(?:" + "|".join(word_list("entities/photo_credits.txt")) + r")\b")
#: a match or game score ("3-1", "102-99", "2:1")
_SCORE = re.compile(r"\d{1,3}[-–:]\d{1,3}")
#: characters that end a sentence or a line, never inside a name
# time-zone abbreviations the model tags ORG or GPE after a clock time
TIME_ZONES = word_set("entities/time_zones.txt")
_BREAKS = frozenset("\n\r\u2028\u2029。！？")


@dataclass
class NameMention:
    """A name found by the model, with token bounds and what it says about the actor."""

    start: int
    end: int
    text: str
    label: str
    tok_start: int
    tok_end: int
    inner_titles: list[str] = field(default_factory=list)
    inner_title_tokens: int = 0  # how many tokens before ``tok_start`` were inner titles

    @property
    def words(self) -> list[str]:
        return self.text.split()


def is_title_word(token: Token) -> bool:
    """A capitalised word that belongs to a title or honorific ("President", "Mr.")."""
    word = fold(token.text)
    if word in HONORIFICS:
        return True
    if not token.text[:1].isupper():
        return False
    return _agent_word(dict_key(token.text))


_AGENT_WORDS: set[str] | None = None


def _agent_word(word: str) -> bool:
    global _AGENT_WORDS
    if _AGENT_WORDS is None:
        found: set[str] = set()
        for group in agent_dictionary()._by_first.values():
            for phrase, code in group:
                if (
                    code[:3] in {"GOV", "MIL", "LEG", "JUD", "COP", "ELI", "IGO"}
                    and len(phrase) <= 3
                ):
                    found.update(w for w in phrase if len(w) > 2)
        found -= {"THE", "AND", "FOR", "NATIONAL", "STATE", "GENERAL", "HOUSE", "WHITE"}
        _AGENT_WORDS = found
    return word in _AGENT_WORDS or (word.endswith("S") and word[:-1] in _AGENT_WORDS)


def _trim(span: Span) -> tuple[int, int]:
    """Token bounds without a leading determiner or trailing possessive/punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _readable(text: str) -> bool:
    """A name the English model can have found: a Latin letter, no control characters,
    no line break or sentence end inside."""
    if any(ch in _BREAKS or unicodedata.category(ch) == "Cc" for ch in text):
        return False
    return any(ch.isalpha() and "LATIN" in unicodedata.name(ch, "") for ch in text)


def _cut_score(doc: Doc, start: int, end: int) -> int:
    """``end`` without trailing score tokens ("Barcelona 3-1", "Lakers 102 - 99")."""
    while end - start > 1:
        tail = doc[end - 1].text
        if _SCORE.fullmatch(tail):
            end -= 1
        elif (
            end - start > 3
            and tail.isdigit()
            and doc[end - 2].text in {"-", "–", ":"}
            and doc[end - 3].text.isdigit()
        ):
            end -= 3
        else:
            break
    return end


def _is_credit(span: Span) -> bool:
    text = span.text
    if "/" in text:
        return True
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and bool(_CREDIT.search(text))


def _state_in_title(doc: Doc, start: int) -> bool:
    """ "State" in "Secretary of State": an ORG span right after "<title> of"."""
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _TITLE_OF


def find_name_mentions(doc: Doc) -> list[NameMention]:
    """Name mentions of PERSON/ORG/GPE/LOC/FAC/NORP entities, in text order, as the
    model tagged them (with fixed bounds); :func:`._toponyms.place_mentions` then finds
    the places among and beside them."""
    out: list[NameMention] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        start, end = _trim(ent)
        end = _cut_score(doc, start, end)
        if start >= end:
            continue
        span = doc[start:end]
        if not any(ch.isalpha() for ch in span.text):
            continue
        if ent.label_ == "PERSON" and _is_credit(span):
            continue
        if ent.label_ == "ORG" and _state_in_title(doc, start):
            continue
        if ent.label_ == "NORP" and places.demonym_country(span.text, regions=True):
            continue
        if span.text in TIME_ZONES:  # "at 10:30 UTC": a clock's zone, no organisation
            continue
        inner: list[str] = []
        skipped = 0
        if ent.label_ == "PERSON":
            while end - start > 1 and (
                is_title_word(doc[start])
                or doc[start].lower_ == "of"
                or places.demonym_country(doc[start].text, regions=True)
                or (doc[start].is_upper and places.country_code(doc[start].text))
            ):
                inner.append(doc[start].text)
                start += 1
                skipped += 1
            while end - start > 1 and doc[start].is_punct:
                start += 1
            span = doc[start:end]
            if not span.text[:1].isalpha() and not span.text[:1].isupper():
                continue
        text = _EDGE_PUNCT.sub("", span.text)
        if not text or not _readable(text):
            continue
        offset = span.text.find(text)
        char_start = span.start_char + offset
        out.append(
            NameMention(
                start=char_start,
                end=char_start + len(text),
                text=text,
                label=ent.label_,
                tok_start=start,
                tok_end=end,
                inner_titles=inner,
                inner_title_tokens=skipped,
            )
        )
    return out
