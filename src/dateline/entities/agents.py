"""Generic actors: agent noun phrases ("Sudanese government", "Israeli soldiers", "police").

Names are not the only actors news reports: "Ukrainian lawmakers endorsed the plan" or
"police arrested protesters" name groups and institutions by a role noun. This step turns
such phrases into entities, after the named entities and their references are known:

* an agent phrase is a noun (with its compounds, adjectives and possessor) whose head is a
  role word of the Phoenix agents dictionary ("government", "troops", "lawmakers",
  "police officers") or one of a few role words that dictionary lacks ("officials",
  "authorities", "forces"); its sector is the dictionary's agent code;
* its country comes from a pre-modifier — a demonym, a country name or possessive
  ("Israeli soldiers", "U.S. officials", "Russia's army") — or from "of"/"in" + a country or
  capital ("the government of Sudan", "police in Cairo"); a bare phrase ("the government",
  "police") takes the article's country only when that is unambiguous (the dateline's
  country, else the one country the article mentions), else none;
* "Hungarian and Romanian officials" gives one entity per country, each mentioned by its
  demonym;
* phrases a named entity or a resolved reference already covers are skipped, and so are
  role nouns in apposition to a person ("Olaf Scholz, the finance minister");
* identical phrases (same country, sector and head lemma) are one entity; a later bare
  phrase ("the soldiers") joins the one earlier agent entity with its sector and head;
* a plural demonym used as a noun ("Palestinians protested", "the Russians said") is an
  entity of kind NORP with the country only, as the CAMEO dictionaries code it ("PSE").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc, Token

from .. import countries
from ..spans import doc_text
from ..types import Article, Entity, Mention
from .dictionaries import SECTOR_CODES, agent_dictionary, dict_key

__all__ = ["AgentGroup", "add_agents", "find_agents"]

#: Role words the Phoenix agents dictionary lacks (or misreads), by lemma.
_EXTRA_ROLES = {
    "official": "GOV",
    "authority": "GOV",
    "force": "MIL",
    "negotiator": "GOV",
    "delegation": "GOV",
    "peacekeeper": "MIL",
    "opposition": "OPP",
    "spokesman": "GOV",
    "spokeswoman": "GOV",
    "spokesperson": "GOV",
    "legislator": "LEG",
    "prosecutor": "JUD",
    "officer": "MIL",
    "youth": "CVL",
    "deputy": "LEG",
}
#: Weapons and vehicles that stand for a country's military ("Israeli tanks").
_MILITARY_THINGS = frozenset(
    {"aircraft", "tank", "warplane", "jet", "helicopter", "gunship", "warship", "drone", "navy"}
)
#: Sectors a phrase without a country still makes an actor of.
_BARE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "UAF", "SPY", "REF"})
#: Civilians a phrase without a country names as a group (not "people", "children").
_BARE_CIVILIANS = frozenset({"civilian", "resident", "villager", "citizen", "settler", "voter"})
#: Dictionary heads that are things or states, not actors ("military base").
_NOT_ACTORS = frozenset(
    {
        "base",
        "plane",
        "presence",
        "rule",
        "rebellion",
        "check",
        "post",
        "district",
        "building",
        "machine",
        "operation",
        "intelligence",
        "justice",
        "patrol",
    }
)
_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod"})
_LEADING = frozenset(
    {"the", "a", "an", "some", "all", "many", "several", "both", "its", "their", "his", "her"}
)
_DROP_DEPS = frozenset({"det", "predet", "nummod", "quantmod", "punct", "case", "cc"})


_Key = tuple[str | None, str | None, str]  # country, sector, head lemma


@dataclass
class AgentGroup:
    """One generic actor: its mentions and attributes (frozen by the caller)."""

    name: str
    kind: str
    country: str | None
    sector: str | None
    head: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def code(self) -> str | None:
        if self.country and self.sector:
            return self.country + self.sector
        return self.country or self.sector

    @property
    def first(self) -> int:
        return self.mentions[0].start


@dataclass(frozen=True)
class _Phrase:
    start: int  # char offsets of the phrase without determiners
    end: int
    text: str
    head: str  # head lemma, lower case
    sector: str | None
    countries: tuple[tuple[str, int, int], ...]  # (iso3, char start, char end) of modifiers
    country_after: str | None  # from "of Sudan", "in Cairo"
    kind: str


@cache
def _role_phrases() -> dict[tuple[str, ...], str]:
    """The agents dictionary's phrases ("POLICE OFFICER" -> "COP"), for exact lookups."""
    groups = agent_dictionary()._by_first.values()
    return {phrase: code for group in groups for phrase, code in group}


def _sector_of(words: list[Token], head: Token) -> str | None:
    """The sector of the longest dictionary phrase that ends with the head word (its lemma
    or its own form: "police officers", "gunmen"), else of a role word the dictionary
    lacks; exact words only, so "prisoners" is not read as PRISON."""
    lemma = head.lemma_.lower()
    if lemma in _NOT_ACTORS:
        return None
    if lemma in _EXTRA_ROLES and len(words) == 1:
        return _EXTRA_ROLES[lemma]
    phrases = _role_phrases()
    before = [dict_key(t.text) for t in words[:-1]]
    for k in range(len(before) + 1):
        for last in dict.fromkeys((dict_key(lemma), dict_key(head.text))):
            code = phrases.get((*before[k:], last))
            if code is None:
                continue
            if code[:3] == "PPL":
                return "CVL"
            return code[:3] if code[:3] in SECTOR_CODES else None
    return _EXTRA_ROLES.get(lemma)


def _bare_actor(sector: str, head: Token) -> bool:
    """A role noun that is an actor without a country: "police", "rebels", "civilians"."""
    return sector in _BARE_SECTORS or (sector == "CVL" and head.lemma_.lower() in _BARE_CIVILIANS)


def _token_country(tok: Token) -> str | None:
    code = countries.demonym_country(tok.text)
    if code is None and (tok.ent_type_ in ("GPE", "NORP") or tok.text.isupper()):
        code = countries.country_code(tok.text)
    return code


def _modifier_countries(doc: Doc, start: int, head: int) -> list[tuple[str, int, int]]:
    """Countries the words before the head name, with the character span of each."""
    if start >= head:
        return []
    span = doc[start:head]
    out: list[tuple[str, int, int]] = []
    for s, e, code in countries.mentioned_countries(span.text):
        a, b = span.start_char + s, span.start_char + e
        if countries.is_ambiguous_country(doc_text(doc)[a:b]) and not any(
            t.ent_type_ in ("GPE", "NORP") for t in span if a <= t.idx < b
        ):
            continue
        if code not in (c for c, _, _ in out):
            out.append((code, a, b))
    if not out:
        for tok in span:
            found = _token_country(tok)
            if found and found not in (c for c, _, _ in out):
                out.append((found, tok.idx, tok.idx + len(tok.text)))
    return out


def _country_after(head: Token) -> str | None:
    """ "the government of Sudan", "police in Cairo": the country a prepositional phrase names."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "in", "from"):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            text = pobj.doc[pobj.left_edge.i : pobj.i + 1].text
            found = countries.mentioned_countries(text)
            if found:
                return found[-1][2]
            code = countries.capital_country(pobj.text) if pobj.ent_type_ == "GPE" else None
            if code:
                return code
    return None


def _phrase_start(head: Token) -> int:
    """First token of the phrase: its adjectives, compounds and possessor, no determiner
    or number ("at least three soldiers" -> "soldiers")."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _MODIFIERS:
            start = min(start, child.left_edge.i)
    doc = head.doc
    while start < head.i and (doc[start].lower_ in _LEADING or doc[start].dep_ in _DROP_DEPS):
        start += 1
    return start


def _by_person(head: Token, people: set[int]) -> bool:
    """A role noun that describes a named person ("Olaf Scholz, the finance minister")."""
    if head.dep_ in ("appos", "attr") and head.head.i in people:
        return True
    if head.i + 1 in people and head.doc[head.i + 1].dep_ in ("appos", "compound", "flat"):
        return True
    return any(c.dep_ in ("appos", "compound", "flat") and c.i in people for c in head.children)


def _named_modifier(
    doc: Doc, start: int, head: int, covered: set[int], found: list[tuple[str, int, int]]
) -> bool:
    """A word before the head that a named entity other than a country covers."""
    return any(
        i in covered and not any(a <= doc[i].idx < b for _, a, b in found)
        for i in range(start, head)
    )


def _of_named(head: Token, covered: set[int]) -> bool:
    """ "Leaders of the Azadliq coalition": people of a named actor, left to that actor
    (a country after "of" gives the phrase its country instead)."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.i in covered:
                    return _country_after(head) is None
    return False


def _plural_demonym(tok: Token) -> str | None:
    """ "Palestinians", "the Russians": a demonym standing for a people."""
    if tok.dep_ in ("amod", "compound") or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if countries.country_code(tok.text) is not None:
        return None
    plural = tok.text.endswith("s") or (
        tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the" and tok.text.endswith(("ese", "sh", "ch"))
    )
    return countries.demonym_country(tok.text) if plural and tok.text[:1].isupper() else None


def _phrases(doc: Doc, covered: set[int], people: set[int]) -> list[_Phrase]:
    out: list[_Phrase] = []
    for tok in doc:
        if tok.i in covered or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.dep_ in ("compound", "amod", "npadvmod") and tok.head.pos_ in ("NOUN", "PROPN"):
            continue  # "police officers", "a government-held town"
        if tok.dep_ == "npadvmod" or (tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "–")):
            continue
        demonym = _plural_demonym(tok)
        if demonym is not None:
            start = _phrase_start(tok)
            if any(i in covered for i in range(start, tok.i)):
                start = tok.i
            span = doc[start : tok.i + 1]
            out.append(
                _Phrase(
                    span.start_char,
                    span.end_char,
                    span.text,
                    tok.lemma_.lower(),
                    None,
                    ((demonym, tok.idx, tok.idx + len(tok.text)),),
                    None,
                    "NORP",
                )
            )
            continue
        if _by_person(tok, people) or _of_named(tok, covered):
            continue
        start = _phrase_start(tok)
        if any(i in people for i in range(start, tok.i)):
            continue  # "Macron's aides": the person's, not a group of its own
        found = _modifier_countries(doc, start, tok.i)
        if _named_modifier(doc, start, tok.i, covered, found):
            continue  # "Red Cross officials", "UN peacekeepers": the named actor's people
        words = [t for t in doc[start : tok.i + 1] if not t.is_punct]
        sector = _sector_of(words, tok)
        if sector is None and found and tok.lemma_.lower() in _MILITARY_THINGS:
            sector = "MIL"
        if sector is None:
            continue
        after = _country_after(tok) if not found else None
        if not found and after is None and not _bare_actor(sector, tok):
            continue
        span = doc[start : tok.i + 1]
        out.append(
            _Phrase(
                span.start_char,
                span.end_char,
                span.text,
                tok.lemma_.lower(),
                sector,
                tuple(found),
                after,
                "ORG",
            )
        )
    return out


def _article_country(article: Article, doc: Doc, known: Sequence[str]) -> str | None:
    """The one country a bare "the government" can mean: the dateline's, else the only one."""
    if article.dateline is not None and article.dateline.place.strip():
        place = article.dateline.place.strip()
        code = countries.country_code(place) or countries.capital_country(place)
        if code:
            return code
    seen = set(known)
    seen.update(code for _, _, code in countries.mentioned_countries(doc_text(doc)))
    return next(iter(seen)) if len(seen) == 1 else None


def find_agents(
    article: Article,
    doc: Doc,
    covered: list[tuple[int, int]],
    people: list[tuple[int, int]],
    known_countries: Sequence[str] = (),
) -> list[AgentGroup]:
    """Generic actor groups of the article, in order of first mention.

    ``covered``: character spans of every mention the other steps found (names, nominals,
    pronouns); ``people``: those of person entities; ``known_countries``: the countries
    of the article's entities.
    """
    covered_toks = _tokens_in(doc, covered)
    people_toks = _tokens_in(doc, people)
    home: str | None = None
    home_known = False
    groups: list[AgentGroup] = []
    by_key: dict[_Key, AgentGroup] = {}
    for phrase in _phrases(doc, covered_toks, people_toks):
        if phrase.kind == "NORP":
            iso3, _, _ = phrase.countries[0]
            _add(
                groups,
                by_key,
                phrase,
                (iso3, None, phrase.head),
                phrase.start,
                phrase.end,
                phrase.text,
            )
            continue
        if len(phrase.countries) > 1:  # "Hungarian and Romanian officials"
            for iso3, a, b in phrase.countries:
                if _tokens_in(doc, [(a, b)]) & covered_toks:
                    continue  # "US and Russian diplomats": "US" is the country's own mention
                one: _Key = (iso3, phrase.sector, phrase.head)
                _add(groups, by_key, phrase, one, a, b, doc_text(doc)[a:b], iso3)
            continue
        country = phrase.countries[0][0] if phrase.countries else phrase.country_after
        if country is None:
            same = [g for g in groups if g.sector == phrase.sector and g.head == phrase.head]
            if len({id(g) for g in same}) == 1:
                same[0].mentions.append(_mention(doc, phrase.start, phrase.end))
                continue
            if not home_known:
                home, home_known = _article_country(article, doc, known_countries), True
            country = home
        key: _Key = (country, phrase.sector, phrase.head)
        _add(groups, by_key, phrase, key, phrase.start, phrase.end, phrase.text)
    return sorted(groups, key=lambda g: g.first)


def _add(
    groups: list[AgentGroup],
    by_key: dict[_Key, AgentGroup],
    phrase: _Phrase,
    key: _Key,
    start: int,
    end: int,
    text: str,
    only: str | None = None,
) -> None:
    mention = Mention(start, end, text, "nominal")
    group = by_key.get(key)
    if group is None:
        name = phrase.text
        if only is not None:  # one of several countries: "Hungarian officials"
            words = phrase.text.split()
            name = f"{text} {words[-1]}"
        group = AgentGroup(name, phrase.kind, key[0], key[1], key[2])
        by_key[key] = group
        groups.append(group)
    group.mentions.append(mention)


def _mention(doc: Doc, start: int, end: int) -> Mention:
    return Mention(start, end, doc_text(doc)[start:end], "nominal")


def _tokens_in(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def add_agents(article: Article, doc: Doc, entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """``entities`` and the article's generic actors, numbered ``E1``... in order of first
    mention (an entity without mentions, the dateline's place, stays last)."""
    covered = [(m.start, m.end) for e in entities for m in e.mentions]
    people = [(m.start, m.end) for e in entities if e.kind == "PERSON" for m in e.mentions]
    known = [e.country for e in entities if e.country]
    known += [
        code
        for e in entities
        if e.kind == "GPE" and not e.country
        for code in [countries.capital_country(e.name)]
        if code
    ]
    groups = find_agents(article, doc, covered, people, known)
    if not groups:
        return tuple(entities)
    made = [
        Entity(
            id="",
            kind=g.kind,
            name=g.name,
            mentions=tuple(sorted(set(g.mentions), key=lambda m: (m.start, m.end))),
            country=g.country,
            sector=g.sector,
            code=g.code,
            code_from="text" if g.code else None,
        )
        for g in groups
    ]
    every = [*entities, *made]
    order = sorted(
        range(len(every)),
        key=lambda k: (not every[k].mentions, _first(every[k]), k),
    )
    return tuple(replace(every[k], id=f"E{n}") for n, k in enumerate(order, start=1))


def _first(entity: Entity) -> int:
    """Where the entity is first named (its first mention if it has no name mention)."""
    names = [m.start for m in entity.mentions if m.kind == "name"]
    return min(names or [m.start for m in entity.mentions] or [1 << 30])
