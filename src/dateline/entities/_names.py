"""Person names: folding, spelling variants, near-miss typos, gender of given names."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz.distance import Levenshtein

from .._data import mapping, table, word_set

__all__ = [
    "HONORIFICS",
    "NAME_SUFFIXES",
    "first_name_gender",
    "first_names_compatible",
    "fold",
    "is_person_noun",
    "noun_gender",
    "surnames_match",
    "variant_key",
]

#: Honorifics that precede a name, with the gender they imply (None: either).
HONORIFICS: dict[str, str | None] = {
    word: gender or None
    for word, gender in mapping("entities/honorifics.tsv", "honorific", "gender").items()
}

#: Gendered English role nouns that the WordNet lists leave out (they list only words that
#: denote nothing but a man or a woman, and titles such as "king" also name chess pieces).
_GENDERED_ROLES = mapping("entities/gendered_roles.tsv", "noun", "gender")

NAME_SUFFIXES = word_set("entities/name_suffixes.txt")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, periods or apostrophes: ``"Ó'Brien"`` -> ``"obrien"``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("’", "'")
    return re.sub(r"[.']", "", text).strip()


_VARIANTS = tuple(
    (re.compile(row["pattern"]), row["replacement"]) for row in table("entities/name_variants.tsv")
)


@lru_cache(maxsize=65536)
def variant_key(name: str) -> str:
    """A transliteration-insensitive key: Sergey/Sergei, Dmitry/Dmitriy, Aleksandr/Alexandr."""
    key = fold(name)
    for pattern, repl in _VARIANTS:
        key = pattern.sub(repl, key)
    return key


def first_names_compatible(a: str, b: str) -> bool:
    """Whether two given names can be the same person's: equal, variants, or an initial."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return True
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    ka, kb = variant_key(a), variant_key(b)
    if ka == kb:
        return True
    return min(len(ka), len(kb)) >= 5 and Levenshtein.distance(ka, kb) <= 1


def surnames_match(a: str, b: str, *, typo: bool = False) -> bool:
    """Equal surnames (accents, case and transliteration aside), or a near-miss typo.

    Typos are allowed only when ``typo`` is set (the caller has other evidence, such as the
    same given name) and the names are long enough for one edit to be telling: one edit from
    five letters, two from nine.
    """
    fa, fb = fold(a), fold(b)
    if fa == fb or variant_key(a) == variant_key(b):
        return True
    if not typo:
        return False
    shortest = min(len(fa), len(fb))
    if shortest < 5 or fa[0] != fb[0]:
        return False
    limit = 2 if shortest >= 9 else 1
    return Levenshtein.distance(fa, fb, score_cutoff=limit) <= limit


@cache
def _first_names() -> dict[str, str]:
    ref = resources.files("dateline").joinpath("data", "names", "first_names.tsv")
    table: dict[str, str] = {}
    for line in ref.read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, gender = line.partition("\t")
        table[fold(name)] = gender.strip()
    return table


@cache
def _gender_words() -> dict[str, str]:
    table: dict[str, str] = {}
    for gender, name in (("M", "male_words.txt"), ("F", "female_words.txt")):
        ref = resources.files("dateline").joinpath("data", "names", name)
        for word in ref.read_text("utf-8").split():
            if word.islower():
                table.setdefault(word, gender)
    table.update(_GENDERED_ROLES)
    for word, implied in HONORIFICS.items():
        if implied:
            table[word] = implied
    return table


def first_name_gender(name: str) -> str | None:
    """``"M"``/``"F"`` for a given name one sex carries almost only, else None."""
    return _first_names().get(fold(name))


#: Role nouns of news copy that WordNet does not list as person-only ("president" also
#: names an office); with them a subject such as "the president" is known to be a person.
_ROLE_NOUNS = word_set("entities/role_nouns.txt")


@cache
def _person_words() -> frozenset[str]:
    ref = resources.files("dateline").joinpath("data", "names", "person_words.txt")
    return frozenset(ref.read_text("utf-8").split()) | _ROLE_NOUNS


def is_person_noun(lemma: str) -> bool:
    """Whether a common noun denotes a person: "official", "lawyer", "president"."""
    return fold(lemma) in _person_words()


def noun_gender(word: str) -> str | None:
    """Gender a role noun or honorific implies: "spokeswoman" -> F, "Mr" -> M."""
    return _gender_words().get(fold(word))
