"""Whether a GPE or LOC name is written as a place: the test for a country by default.

The geo step gives a name the gazetteer does not know the article's main country
(:func:`dateline.geo.article_focus`): right for a hamlet or a region ("clashes in
Darfur", "the Cizre district"), wrong for a word the model took for a place ("the
ancient gods, such as Zeus"). A name is written as a place when one of its mentions is

* the object of a preposition of place ("in", "near", "from", "across", ...), or of
  "of" after a place noun ("the town of X", "the outskirts of X");
* followed by a place noun ("the Darfur region", "X province") or by a comma and a
  country or first-level division ("Cizre, Turkey");
* preceded by a place's possessive ("Sudan's Darfur").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import countries
from ..types import Mention

__all__ = ["written_as_place"]

_LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "across",
        "outside",
        "around",
        "toward",
        "towards",
        "through",
        "throughout",
        "within",
        "inside",
        "via",
        "between",
        "off",
        "along",
        "nearby",
        "beyond",
        "onto",
        "past",
    }
)
#: nouns that name a kind of place ("the Darfur region", "the town of Cizre")
PLACE_NOUNS = frozenset(
    {
        "region",
        "province",
        "district",
        "county",
        "state",
        "village",
        "town",
        "city",
        "valley",
        "area",
        "camp",
        "island",
        "islands",
        "river",
        "mountains",
        "border",
        "governorate",
        "prefecture",
        "municipality",
        "township",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "outskirts",
        "capital",
        "port",
        "enclave",
        "territory",
        "peninsula",
        "coast",
        "desert",
        "highlands",
        "plain",
        "oblast",
        "canton",
        "commune",
        "parish",
        "borough",
        "hamlet",
        "settlement",
        "zone",
        "strip",
        "bank",
    }
)


def _tokens(doc: Doc, mention: Mention) -> list[Token]:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _before(doc: Doc, first: Token) -> Token | None:
    """The word before the name, past "the" and lower-case adjectives ("in the restive")."""
    i = first.i - 1
    while i >= 0 and (doc[i].lower_ == "the" or (doc[i].pos_ == "ADJ" and doc[i].is_lower)):
        i -= 1
    return doc[i] if i >= 0 else None


def _mention_is_place(doc: Doc, toks: list[Token]) -> bool:
    first, last = toks[0], toks[-1]
    before = _before(doc, first)
    if before is not None:
        if before.lower_ in _LOCATIVE:
            return True
        if before.lower_ == "of" and before.i > 0:
            noun = _before(doc, doc[before.i])
            if noun is not None and noun.lemma_.lower() in PLACE_NOUNS:
                return True
        if before.text in ("'s", "’s") and before.i > 0 and doc[before.i - 1].ent_type_ == "GPE":
            return True
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if after is not None and after.is_lower and after.lemma_.lower() in PLACE_NOUNS:
        return True
    if after is not None and after.text == "," and last.i + 2 < len(doc):
        return _is_country_or_region(doc, last.i + 2)
    return False


def _is_country_or_region(doc: Doc, i: int) -> bool:
    """The name at token ``i`` is a country or a first-level division ("Cizre, Turkey",
    "Chapin, South Carolina"), not one more name of a list ("Zeus, Hera")."""
    ent = next((e for e in doc.ents if e.start == i), None)
    if ent is None or ent.label_ not in ("GPE", "LOC"):
        return False
    return bool(countries.country_code(ent.text) or countries.region_country(ent.text))


def written_as_place(doc: Doc, mentions: tuple[Mention, ...]) -> bool:
    """Whether one of the name ``mentions`` is written as a place (see the module)."""
    for mention in mentions:
        if mention.kind != "name":
            continue
        toks = _tokens(doc, mention)
        if toks and _mention_is_place(doc, toks):
            return True
    return False
