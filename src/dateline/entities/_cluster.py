"""Group name mentions into clusters, one per person, organisation or place.

Rules, in the order they are tried for each mention (every lookup is a dict access, so
an article with hundreds of names clusters in linear time):

* people: full name + surname ("Angela Merkel", "Merkel"); spelling variants of the
  given name ("Sergey"/"Sergei"); a near-miss surname only with a compatible given name
  ("Antony Blinke"); a lone given name only when exactly one person carries it. Two people
  who share a given name or a title never merge: the surname decides.
* countries: every spelling that ``places.country_code`` maps to one ISO3 code ("U.S.",
  "US", "United States", "America") is one cluster.
* metonymy: a capital used as an actor — possessor or subject ("Washington's court",
  "Moscow would understand") — joins its country's cluster; a capital used as a place
  ("talks in Moscow") stays a city of its own.
* organisations: same folded name, generic tails aside ("RIA news agency" / "RIA"), and
  acronyms against initials ("NATO" / "North Atlantic Treaty Organization").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.tokens import Doc

from .. import places
from .._data import word_list, word_set
from ._mentions import NameMention
from ._names import (
    HONORIFICS,
    NAME_SUFFIXES,
    first_name_gender,
    first_names_compatible,
    fold,
    surnames_match,
    variant_key,
)

__all__ = ["Cluster", "ClusterMap", "cluster_mentions"]

_ORG_TAILS = word_list("entities/org_tails.txt")
_STOP_INITIALS = word_set("entities/stop_initials.txt")
_PLACE = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class Cluster:
    """One entity under construction (mutable until the stage freezes it into ``Entity``)."""

    kind: str
    names: list[NameMention] = field(default_factory=list)
    given: list[str] = field(default_factory=list)
    surname: str | None = None
    iso3: str | None = None  # set for a country cluster
    government: int = 0  # capital-for-government mentions merged into a country
    labels: Counter[str] = field(default_factory=Counter)
    fixed_name: str | None = None  # for a cluster without mentions (the dateline's place)
    genders: set[str] = field(default_factory=set)  # from given names and honorifics
    government_starts: set[int] = field(default_factory=set)  # capital-for-government mentions

    @property
    def first(self) -> int:
        return self.names[0].start if self.names else 1 << 30

    @property
    def last(self) -> int:
        return self.names[-1].start if self.names else -1

    def add(self, mention: NameMention) -> None:
        self.names.append(mention)
        self.labels[mention.label] += 1

    def final_kind(self) -> str:
        if self.iso3:
            return "GPE"
        if self.kind == "PERSON":
            return "PERSON"
        return self.labels.most_common(1)[0][0] if self.labels else self.kind

    def display_name(self) -> str:
        if self.fixed_name or not self.names:
            return self.fixed_name or ""
        if self.iso3:
            return places.country_name(self.iso3) or self.names[0].text
        texts = [" ".join(m.text.split()) for m in self.names]
        counts = Counter(texts)
        first_seen = {t: i for i, t in reversed(list(enumerate(texts)))}
        if self.kind == "PERSON":
            return max(counts, key=lambda t: (len(t.split()), counts[t], -first_seen[t]))
        return max(counts, key=lambda t: (counts[t], len(t), -first_seen[t]))


_V = TypeVar("_V")


class ClusterMap(MutableMapping[Cluster, _V]):
    """Something per cluster of one article (its roles, its extra mentions), keyed by the
    cluster itself.

    A ``Cluster`` is mutable, so it is no dict key; this map keys it by identity and keeps
    the cluster alongside, so a key never outlives its cluster nor names another one.
    """

    __slots__ = ("_items",)

    def __init__(self) -> None:
        self._items: dict[int, tuple[Cluster, _V]] = {}

    def __getitem__(self, cluster: Cluster) -> _V:
        return self._items[id(cluster)][1]

    def __setitem__(self, cluster: Cluster, value: _V) -> None:
        self._items[id(cluster)] = (cluster, value)

    def __delitem__(self, cluster: Cluster) -> None:
        del self._items[id(cluster)]

    def __iter__(self) -> Iterator[Cluster]:
        return (cluster for cluster, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)


def _person_parts(text: str) -> tuple[str | None, str]:
    words = [w for w in text.split() if fold(w) not in NAME_SUFFIXES]
    words = [w.rstrip(",") for w in words] or text.split() or [text]
    if len(words) == 1:
        return None, words[0]
    return words[0], words[-1]


def _org_key(text: str) -> str:
    key = fold(" ".join(text.split()))
    key = key.removeprefix("the ")
    for tail in _ORG_TAILS:
        if key.endswith(" " + tail):
            key = key[: -len(tail) - 1]
            break
    return key


def _initials(text: str) -> str | None:
    words = [w for w in text.replace("-", " ").split() if fold(w) not in _STOP_INITIALS]
    if len(words) < 2:
        return None
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()


def _acronym(text: str) -> str | None:
    bare = text.replace(".", "")
    return bare if 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper() else None


def _is_metonymic(doc: Doc, mention: NameMention) -> bool:
    """A place name used as an actor: a possessor, or the subject of a clause."""
    last = doc[mention.tok_end - 1]
    if mention.tok_end < len(doc) and doc[mention.tok_end].text in {"'s", "’s"}:
        return True
    root = doc[mention.tok_start : mention.tok_end].root
    if mention.tok_start > 0 and doc[mention.tok_start - 1].pos_ == "ADP":
        return False
    return root.dep_ in {"nsubj", "nsubjpass"} or last.dep_ == "poss"


class _Clusterer:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.clusters: list[Cluster] = []
        self.by_surname: dict[str, list[Cluster]] = {}
        self.by_given: dict[str, list[Cluster]] = {}
        self.by_country: dict[str, Cluster] = {}
        self.by_key: dict[tuple[str, str], Cluster] = {}
        self.by_initials: dict[str, list[Cluster]] = {}
        self.acronyms: dict[str, Cluster] = {}

    def _new(self, kind: str) -> Cluster:
        cluster = Cluster(kind)
        self.clusters.append(cluster)
        return cluster

    # ----------------------------------------------------------------- people

    def _gender(self, mention: NameMention) -> str | None:
        """Gender an honorific ("Mrs. Clinton") or the given name says, else None."""
        words = list(mention.inner_titles)
        if mention.tok_start > 0:
            words.append(self.doc[mention.tok_start - 1].text)
        for word in words:
            gender = HONORIFICS.get(fold(word))
            if gender:
                return gender
        given, _ = _person_parts(mention.text)
        return first_name_gender(given) if given else None

    def _person_for(self, mention: NameMention) -> Cluster | None:
        given, surname = _person_parts(mention.text)
        gender = self._gender(mention)
        found = [
            c
            for c in self.by_surname.get(variant_key(surname), ())
            if (
                given is None
                or not c.given
                or any(first_names_compatible(given, g) for g in c.given)
            )
            and (gender is None or not c.genders or gender in c.genders)
        ]
        if found:
            return max(found, key=lambda c: c.last)
        if given is not None:
            typo = [
                c
                for c in self.by_given.get(variant_key(given), ())
                if c.surname and surnames_match(surname, c.surname, typo=True)
            ]
            if len(typo) == 1:
                return typo[0]
            return None
        by_given = {id(c): c for c in self.by_given.get(variant_key(surname), ())}
        if len(by_given) == 1:
            return next(iter(by_given.values()))
        return None

    def _add_person(self, mention: NameMention, cluster: Cluster | None) -> None:
        given, surname = _person_parts(mention.text)
        if cluster is None:
            cluster = self._new("PERSON")
        cluster.add(mention)
        gender = self._gender(mention)
        if gender:
            cluster.genders.add(gender)
        if cluster.surname is None or (given is not None and not cluster.given):
            if cluster.surname is None:
                cluster.surname = surname
                self.by_surname.setdefault(variant_key(surname), []).append(cluster)
            elif variant_key(cluster.surname) != variant_key(surname) and given is not None:
                # a lone given name seen first ("Hillary", then "Hillary Clinton")
                self.by_surname.setdefault(variant_key(surname), []).append(cluster)
        if given is not None and not any(
            variant_key(g) == variant_key(given) for g in cluster.given
        ):
            cluster.given.append(given)
            self.by_given.setdefault(variant_key(given), []).append(cluster)

    # ----------------------------------------------------------------- others

    def _add_country(self, mention: NameMention, iso3: str, government: bool) -> None:
        cluster = self.by_country.get(iso3)
        if cluster is None:
            cluster = self._new("GPE")
            cluster.iso3 = iso3
            self.by_country[iso3] = cluster
        cluster.add(mention)
        cluster.government += int(government)
        if government:
            cluster.government_starts.add(mention.start)

    def _add_other(self, mention: NameMention) -> None:
        group = "PLACE" if mention.label in _PLACE else mention.label
        key = (group, _org_key(mention.text) if group == "ORG" else fold(mention.text))
        cluster = self.by_key.get(key)
        if cluster is None and group == "ORG":
            acronym = _acronym(mention.text)
            if acronym:
                matches = self.by_initials.get(acronym, [])
                cluster = matches[-1] if matches else None
            else:
                initials = _initials(mention.text)
                cluster = self.acronyms.get(initials) if initials else None
        if cluster is None and group == "NORP" and key[1].endswith("s"):
            cluster = self.by_key.get((group, key[1][:-1]))
        if cluster is None:
            cluster = self._new(mention.label)
        cluster.add(mention)
        self.by_key.setdefault(key, cluster)
        if group == "ORG":
            acronym = _acronym(mention.text)
            if acronym:
                self.acronyms.setdefault(acronym, cluster)
            initials = _initials(mention.text)
            if initials:
                self.by_initials.setdefault(initials, []).append(cluster)

    # ----------------------------------------------------------------- dispatch

    def add(self, mention: NameMention) -> None:
        text = mention.text
        if mention.label == "PERSON":
            self._add_person(mention, self._person_for(mention))
            return
        if mention.label in _PLACE or mention.label == "ORG":
            iso3 = places.country_code(text)
            if iso3 and (mention.label != "ORG" or _acronym(text)):
                self._add_country(mention, iso3, government=False)
                return
        if mention.label == "GPE":
            capital_of = places.capital_country(text)
            if capital_of and _is_metonymic(self.doc, mention):
                self._add_country(mention, capital_of, government=True)
                return
        # a person's surname that the model labelled as something else
        if len(text.split()) <= 2 and not places.capital_country(text):
            _, surname = _person_parts(text)
            if variant_key(surname) in self.by_surname:
                person = self._person_for(mention)
                if person is not None:
                    self._add_person(mention, person)
                    return
        self._add_other(mention)


def cluster_mentions(doc: Doc, mentions: list[NameMention]) -> list[Cluster]:
    """Clusters in order of first mention."""
    clusterer = _Clusterer(doc)
    for mention in mentions:
        clusterer.add(mention)
    return sorted(clusterer.clusters, key=lambda c: c.first)
