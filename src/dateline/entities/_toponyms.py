"""Place names the model tags as something else, or leaves inside an organisation's name.

The English model reads many local place names as organisations or people ("in Fargo",
"Greer" as a surname) and never splits the place off an organisation named after it
("Fargo Police Department", "Laurel County Fiscal Court"). Both cost a news article its
places. This step, run on the model's name mentions, checks the gazetteer:

* a PERSON, ORG or NORP mention whose whole text is a known place becomes a place when
  it is a state, county or country, or a big city (NORP only), or when the text
  around it says "place": a preposition before it ("in", "near", "from"), or a state or
  country after a comma ("Greer, S.C.") — a town that shares a common word or a surname
  ("Hope", "Jackson") is left alone without such a cue;
* an organisation whose name starts with a known place ("Fargo Police Department",
  "Minnesota Department of Transportation", "Laurel County Fiscal Court") gets a place
  mention for that leading part, alongside its own mention, when the place is a state,
  county or country, or when the rest of the name is a civic body ("Police", "Schools",
  "City Council") — not when it is a common word ("Western", "Superior Court").

Demonyms ("American Airlines", "Russian Foreign Ministry") and initialisms other than a
country's ("UN", "NATO") are never taken for places.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from .. import places
from .._data import word_set
from ..places import AP_STATE_ABBREVIATIONS, Place, PlacePolicy, gazetteer, is_place
from ._mentions import NameMention

__all__ = ["place_mentions"]

#: feature codes of divisions: a name the gazetteer knows as one of these is a place
_DIVISIONS = frozenset({"ADM1", "ADM2", "PCLI", "CONT"})
#: a city this big is taken for itself even without a cue
_BIG_CITY = 100_000
#: words before a name that say it is a place
_PLACE_PREPOSITIONS = word_set("entities/place_prepositions.txt")
#: first words of the rest of an organisation's name that make its leading place literal
_CIVIC = word_set("entities/civic_words.txt")
#: words that name a town somewhere but, leading an organisation's name, are adjectives
#: or common nouns ("Western Boone Education Foundation", "Superior Court", "White House")
_GENERIC_LEADS = word_set("entities/generic_leads.txt")
#: "County", "Parish", ... : the word that makes a county's name
_DIVISION_WORDS = word_set("entities/division_words.txt")
_MAX_PLACE_TOKENS = 4


def _is_name_token(token: Token) -> bool:
    text = token.text
    return bool(text[:1].isupper()) or (len(text) > 1 and text.endswith(".") and text[0].isalpha())


def _known_place(text: str) -> Place | None:
    """The most important place of that name, or None; demonyms are no places."""
    readings = is_place(text, PlacePolicy.MENTION)
    return max(
        (r.place for r in readings),
        key=lambda p: (p.feature in _DIVISIONS, p.population),
        default=None,
    )


def _is_division(place: Place) -> bool:
    return place.feature in _DIVISIONS


#: the prepositions that make a person's name a place: never "to", "from" or "at", which
#: go with people as well ("according to Ham", "a letter from Greer")
_STRICT_PREPOSITIONS = word_set("entities/strict_place_prepositions.txt")


def _cue_before(doc: Doc, start: int, *, strict: bool = False) -> bool:
    """A preposition of place before token ``start``, or the "of" of ", 23, of"."""
    if start == 0:
        return False
    word = doc[start - 1].lower_
    if word == "of":
        return start >= 2 and (doc[start - 2].text == "," or doc[start - 2].like_num)
    return word in (_STRICT_PREPOSITIONS if strict else _PLACE_PREPOSITIONS)


#: lower-case nouns after a town's name that make it the town ("Roselle police", "a
#: Rolling Meadows man"); not "officials" or "council", which organisations have too
_LOCAL_NOUNS = word_set("entities/local_nouns.txt")
_DASHES = frozenset({"-", "--", "---", "—", "–"})


def _headline_dateline(doc: Doc, start: int, end: int) -> bool:
    """A place in capitals opening a line before a dash: "ROSWELL - A man ..."."""
    letters = [ch for ch in doc[start:end].text if ch.isalpha()]
    if len(letters) < 3 or not all(ch.isupper() for ch in letters):
        return False
    if end >= len(doc) or doc[end].text not in _DASHES:
        return False
    return doc[start].is_sent_start or (start > 0 and "\n" in doc[start - 1].text_with_ws)


def _place_cue(doc: Doc, start: int, end: int, *, strict: bool = False) -> bool:
    """A preposition of place before the name, a local noun ("police") or ", <state or
    country>" after it, or a headline dateline."""
    if _cue_before(doc, start, strict=strict) or _headline_dateline(doc, start, end):
        return True
    if end < len(doc) and doc[end].text in _LOCAL_NOUNS:
        return True
    if end + 1 < len(doc) and doc[end].text == ",":
        j = end + 1
        k = j
        while k < len(doc) and k - j < 3 and _is_name_token(doc[k]):
            k += 1
        for stop in range(k, j, -1):
            nxt = _known_place(doc[j:stop].text) or _state_abbreviation(doc[j:stop].text)
            if nxt is not None and _is_division(nxt):
                return True
    return False


def _state_abbreviation(text: str) -> Place | None:
    """The US state an AP abbreviation ("Tenn.", "N.D.", "W. Va.") names."""
    code = AP_STATE_ABBREVIATIONS.get(" ".join(text.split()))
    return gazetteer().admin1.get(f"US.{code}") if code else None


def _surnames(mentions: list[NameMention]) -> set[str]:
    """Words of the article's multi-word PERSON names: a lone "Jackson" may be one."""
    words: set[str] = set()
    for m in mentions:
        if m.label == "PERSON" and len(m.words) > 1:
            words.update(w.lower() for w in m.words)
    return words


def _relabel(doc: Doc, mention: NameMention, surnames: set[str]) -> bool:
    """Whether a PERSON/ORG/NORP mention is a place by its name and context."""
    if mention.label not in {"PERSON", "ORG", "NORP"} or mention.inner_titles:
        return False
    text = mention.text
    if not text[:1].isupper() or mention.tok_end - mention.tok_start > _MAX_PLACE_TOKENS:
        return False
    place = _known_place(text) or _state_abbreviation(text)
    if place is None:
        return False
    if text.lower() in _GENERIC_LEADS:
        return False  # "Western" values, not Sri Lanka's Western Province
    if not _is_division(place) and (
        mention.tok_end < len(doc) and doc[mention.tok_end].text in {"'s", "’s"}
    ):
        return False  # "at McDonald's": a business named after someone, no town
    if text.lower() in surnames:
        return False  # "Jackson" where the article names "Andrew Jackson"
    if mention.label == "PERSON":
        if any(w.lower() in surnames for w in mention.words):
            return False
        return _place_cue(doc, mention.tok_start, mention.tok_end, strict=True)
    if _is_division(place) or (mention.label == "NORP" and place.population >= _BIG_CITY):
        return True
    return _place_cue(doc, mention.tok_start, mention.tok_end)


def _leading_place(doc: Doc, mention: NameMention) -> NameMention | None:
    """A place mention for the place an organisation's name starts with, or None."""
    if mention.label != "ORG" or mention.tok_end - mention.tok_start < 2:
        return None
    start = mention.tok_start
    longest = min(_MAX_PLACE_TOKENS, mention.tok_end - start - 1)
    for stop in range(start + longest, start, -1):
        tokens = doc[start:stop]
        if not all(_is_name_token(t) or t.text in {"-", "'s"} for t in tokens):
            continue
        if doc[stop - 1].is_punct or doc[stop - 1].lower_ in {"of", "the", "and", "'s"}:
            continue
        rest = doc[stop]
        if not rest.text[:1].isupper() or rest.text == "-":
            continue
        if stop - start == 1 and doc[start].lower_ in _GENERIC_LEADS:
            continue
        place = _known_place(tokens.text)
        if place is None:
            continue
        county = doc[stop - 1].lower_ in _DIVISION_WORDS
        civic = rest.lower_ in _CIVIC
        if not (_is_division(place) or county or civic):
            continue
        return NameMention(
            start=tokens.start_char,
            end=tokens.end_char,
            text=tokens.text,
            label="GPE",
            tok_start=start,
            tok_end=stop,
        )
    return None


#: party initials before a legislator's home town or county ("R-Charleston", "DFL-Cook")
_PARTIES = word_set("entities/party_initials.txt")


def _name_run(doc: Doc, start: int) -> int:
    """End of the capitalised words from ``start`` (at most ``_MAX_PLACE_TOKENS``)."""
    end = start
    while end < len(doc) and end - start < _MAX_PLACE_TOKENS and _is_name_token(doc[end]):
        end += 1
    return end


def _new_mention(doc: Doc, start: int, end: int) -> NameMention:
    span = doc[start:end]
    return NameMention(span.start_char, span.end_char, span.text, "GPE", start, end)


def _party_places(doc: Doc) -> list[tuple[int, NameMention]]:
    """Home towns and counties after a party initial: "Sen. X, R-Elbow Lake, said"; each
    with the token where its "R-" starts."""
    found: list[tuple[int, NameMention]] = []
    for token in doc[1:-2]:
        i = token.i
        if (
            token.text not in _PARTIES
            or doc[i + 1].text != "-"
            or doc[i - 1].text not in {",", "("}
        ):
            continue
        end = _name_run(doc, i + 2)
        if end == i + 2 or (end < len(doc) and doc[end].text not in {",", ")", ";", "."}):
            continue
        name = doc[i + 2 : end].text
        if places.country_code(name) is not None:
            continue  # "Cook" is no Cook Islands here
        if _known_place(name) is None and _known_place(name + " County") is None:
            continue
        found.append((i, _new_mention(doc, i + 2, end)))
    return found


def _capitals_dateline(doc: Doc, start: int, taken: set[int]) -> bool:
    """A known place in capitals the model left untagged, opening a line before a dash."""
    end = _name_run(doc, start)
    if any(i in taken for i in range(start, end)) or not _headline_dateline(doc, start, end):
        return False
    return _known_place(doc[start:end].text.title()) is not None


def _cued_places(doc: Doc, taken: set[int], surnames: set[str]) -> list[NameMention]:
    """Known places the model left untagged after a preposition of place ("a bond hearing
    in Rolling Meadows"), after ", 23, of" ("Kalena Horhn, 23, of Grand Prairie"), or
    opening a line in capitals before a dash ("HUDSON -- Officials say")."""
    found: list[NameMention] = []
    for token in doc[:-1]:
        if token.i not in taken and token.is_upper and _capitals_dateline(doc, token.i, taken):
            found.append(_new_mention(doc, token.i, _name_run(doc, token.i)))
            continue
        start = token.i + 1
        if not _cue_before(doc, start):
            continue
        end = _name_run(doc, start)
        if end == start or any(i in taken for i in range(start, end)):
            continue
        if end < len(doc) and (doc[end].text[:1].isupper() or doc[end].text == "-"):
            continue
        while end > start + 1 and doc[end - 1].is_punct:
            end -= 1
        if end - start == 1 and doc[start].lower_ in _GENERIC_LEADS:
            continue
        if doc[start:end].text.lower() in surnames:
            continue  # "according to Ham": the "Gen. Norman Ham" of the article
        if _known_place(doc[start:end].text) is not None and not doc[start].is_sent_start:
            found.append(_new_mention(doc, start, end))
    return found


def place_mentions(doc: Doc, mentions: list[NameMention]) -> list[NameMention]:
    """``mentions`` with places relabelled ``GPE`` in place, the leading places of
    organisations' names and the places the model missed added, in text order."""
    surnames = _surnames(mentions)
    party = _party_places(doc)
    if party:
        covered = {t for i, m in party for t in range(i, m.tok_end)}
        mentions = [
            m for m in mentions if not any(t in covered for t in range(m.tok_start, m.tok_end))
        ]
        mentions.extend(m for _, m in party)
    taken = {t for ent in doc.ents for t in range(ent.start, ent.end)}
    taken.update(t for m in mentions for t in range(m.tok_start, m.tok_end))
    mentions.extend(_cued_places(doc, taken, surnames))
    mentions.sort(key=lambda m: (m.start, m.end))
    out: list[NameMention] = []
    for mention in mentions:
        if _relabel(doc, mention, surnames):
            mention.label = "GPE"
        else:
            inner = _leading_place(doc, mention)
            if inner is not None:
                out.append(inner)
        out.append(mention)
    # one name, one reading: the model's "Fargo tried ..." (ORG) is the "in Fargo" (GPE)
    # of the same article; a name the model reads as a person more often than as a place
    # stays a person ("Welch" the victim, once taken for Welch, W.Va.)
    place_names = Counter(m.text for m in out if m.label in {"GPE", "LOC"})
    people = Counter(m.text for m in out if m.label == "PERSON")
    for mention in out:
        if (
            mention.text in place_names
            and (
                mention.label in {"ORG", "NORP"}
                or (
                    mention.label == "PERSON"
                    and place_names[mention.text] >= people[mention.text]
                    and not mention.inner_titles
                    and mention.text.lower() not in surnames
                )
            )
            and (mention.tok_end >= len(doc) or doc[mention.tok_end].text not in {"'s", "’s"})
            and _known_place(mention.text) is not None
        ):
            mention.label = "GPE"
    return out
