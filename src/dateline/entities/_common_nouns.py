"""Capitalised common nouns the model takes for people: "Brexit", "Grexit".

News coins capitalised nouns for processes and events ("Brexit", "Grexit", "Megxit")
and the model labels many of them PERSON. Such a word is written like a common noun,
which a person's name almost never is:

* with an indefinite article or "no" of its own ("a no-deal Brexit", "a hard Brexit",
  "no Brexit") — one such use is enough;
* as the modifier of a lower-case noun ("the Brexit deadline", "Brexit talks") — a
  surname is that too ("the Obama administration"), so only when most uses of the word
  (at least two, and over half) are such modifiers.

A blend with "exit" ("Brexit", "Grexit", "Megxit") needs no such use: no person bears
such a name. Any sign of a person vetoes the reading: a title, honorific or person noun
before it (in the text or in the cluster: "son Barron"), a fuller person name that
holds the word, a person noun it modifies ("the Clemons brothers"), a first name (in the
cluster, or the word itself being a given name, like "Karen"), a speech verb it is the
subject of ("Brexit said"), or an entry for the word in the actor dictionaries. A word
that passes is no name of a person: its clusters are dropped (the contract's kinds are
all actors and places, and an event is neither), and so are spans such as NORP
"anti-Brexit" that are a lower-case prefix and the word.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from .._data import word_set
from ._cluster import Cluster
from ._dictionaries import ActorDictionary
from ._mentions import is_title_word
from ._names import HONORIFICS, first_name_gender, fold, is_person_noun

__all__ = ["common_noun_clusters"]

_INDEFINITE = word_set("entities/indefinite_words.txt")
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
#: verbs whose subject is a speaker or a mind: only people (and bodies) do these
_SPEECH = word_set("entities/speech_verbs_person.txt")
#: lower-case prefixes joined to a name by a hyphen ("anti-Brexit", "post-Brexit")
_PREFIXES = word_set("entities/name_prefixes.txt")


def _own_modifiers(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.i < tok.i]


def _common_use(tok: Token) -> bool:
    """ "a no-deal Brexit", "no Brexit": the word with an indefinite article of its own
    (a lower-case adjective is not enough: "the 46-year-old Chesnut", "the late Smith")."""
    return any(c.dep_ in ("det", "neg") and c.lower_ in _INDEFINITE for c in _own_modifiers(tok))


def _modifier_use(tok: Token) -> bool:
    """ "the Brexit deadline": the word modifies a lower-case noun."""
    head = tok.head
    return (
        tok.dep_ in _MODIFIER_DEPS
        and head.i > tok.i
        and head.pos_ == "NOUN"
        and head.text[:1].islower()
    )


def _prefixed_token(tok: Token) -> bool:
    """ "anti-Brexit": a lower-case prefix and a hyphen right before the word."""
    doc = tok.doc
    return (
        tok.i >= 2
        and doc[tok.i - 1].text in ("-", "‐")
        and fold(doc[tok.i - 2].text) in _PREFIXES
        and doc[tok.i - 2].text.islower()
    )


def _person_use(tok: Token) -> bool:
    """A title, honorific or person noun before the word ("son Barron"), the word
    modifying a person noun ("the Clemons brothers"), or the word speaking."""
    doc = tok.doc
    if _prefixed_token(tok):
        return False  # "anti-Brexit campaigners": the campaigners are the people
    if tok.dep_ in _MODIFIER_DEPS and tok.head.i > tok.i and is_person_noun(tok.head.lemma_):
        return True
    if tok.i > 0:
        before = doc[tok.i - 1]
        if fold(before.text) in HONORIFICS or (before.text[:1].isupper() and is_title_word(before)):
            return True
    if any(
        fold(c.text) in HONORIFICS or is_title_word(c) or is_person_noun(c.lemma_)
        for c in _own_modifiers(tok)
    ):
        return True
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in _SPEECH


def _is_common_noun(word: str, uses: list[Token], builtin: ActorDictionary | None) -> bool:
    """``uses``: the word's tokens in the text, in order."""
    if first_name_gender(word) is not None:
        return False
    if builtin is not None and (builtin.get(word) is not None or builtin.by_surname(word)):
        return False
    if not uses or any(_person_use(t) for t in uses):
        return False
    if word.lower().endswith("xit") or any(_common_use(t) for t in uses):
        return True  # "Brexit", "Grexit", "Megxit": blends of "exit", never a surname
    modifiers = sum(_modifier_use(t) for t in uses)
    return modifiers >= 2 and modifiers * 2 > len(uses)


def _single_word(cluster: Cluster) -> str | None:
    """The one capitalised word every name mention of an untitled person cluster is."""
    if cluster.kind != "PERSON" or cluster.given:
        return None
    words = {m.text for m in cluster.names}
    if len(words) != 1 or any(m.inner_titles for m in cluster.names):
        return None
    word = next(iter(words))
    if " " in word or not word[:1].isupper() or not word.isalpha():
        return None
    return word


def _prefixed(cluster: Cluster, words: set[str]) -> bool:
    """ "anti-Brexit": every name of the cluster is a lower-case prefix and a dropped word."""
    for m in cluster.names:
        prefix, dash, rest = m.text.partition("-")
        if not dash or fold(prefix) not in _PREFIXES or rest not in words:
            return False
    return bool(cluster.names)


def common_noun_clusters(
    doc: Doc,
    clusters: Sequence[Cluster],
    titled: set[int],
    builtin: ActorDictionary | None,
) -> list[Cluster]:
    """The clusters to drop: person clusters whose one word the text uses as a common
    noun, and prefixed spans of such words. ``titled``: ids of clusters the roles step
    found a title or a dictionary code for (a person for sure)."""
    words: set[str] = set()
    drop: list[Cluster] = []
    # words of fuller person names ("Donald Trump"): a lone "Trump" is that person
    named = {
        w
        for c in clusters
        if c.kind == "PERSON"
        for m in c.names
        if " " in m.text
        for w in m.text.split()
    }
    candidates: list[tuple[Cluster, str]] = []
    for cluster in clusters:
        word = _single_word(cluster)
        if word is None or id(cluster) in titled or word in named:
            continue
        candidates.append((cluster, word))
    # each candidate word's tokens, found in one pass over the text (not one per word)
    uses: dict[str, list[Token]] = {word: [] for _, word in candidates}
    if uses:
        for tok in doc:
            found = uses.get(tok.text)
            if found is not None:
                found.append(tok)
    for cluster, word in candidates:
        if word in words or _is_common_noun(word, uses[word], builtin):
            words.add(word)
            drop.append(cluster)
    if words:
        drop.extend(c for c in clusters if c.kind in ("NORP", "PERSON") and _prefixed(c, words))
    return drop
