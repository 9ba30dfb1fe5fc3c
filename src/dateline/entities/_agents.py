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

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import cast

from spacy.tokens import Doc, Token

from .. import places
from .._data import mapping, table, word_set
from .._spans import doc_text
from ..places import place_country
from ..types import Article, Entity, EntityKind, Mention
from ._dictionaries import (
    SECTOR_CODES,
    agent_dictionary,
    builtin_actors,
    dict_key,
    is_region_code,
)

__all__ = ["AgentGroup", "add_agents", "find_agents"]

#: Role words the Phoenix agents dictionary lacks (or misreads), by lemma.
_EXTRA_ROLES = mapping("entities/extra_roles.tsv", "lemma", "sector")
#: Heads that name a group by what its members are ("opposition candidates").
_GROUP_HEADS = word_set("entities/group_heads.txt")
#: Their modifiers that give the group its sector, also read as adjectives ("rebel group").
_GROUP_MODIFIERS = word_set("entities/group_modifiers.txt")
#: Weapons and vehicles that stand for a country's military ("Israeli tanks").
_MILITARY_THINGS = word_set("entities/military_things.txt")
#: Weapons the agents dictionary codes as military; without an owner they are no actor.
_WEAPONS = _MILITARY_THINGS | word_set("entities/weapons.txt")
#: Sectors a phrase without a country still makes an actor of.
_BARE_SECTORS = frozenset(
    {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "UAF", "SPY", "REF", "NGO"}
)
#: Sectors of bodies that belong to no country ("a human rights group"): never the home's.
_STATELESS_SECTORS = frozenset({"NGO", "IGO"})
#: Civilians a phrase without a country names as a group (not "people", "children").
_BARE_CIVILIANS = word_set("entities/bare_civilians.txt")
#: Dictionary heads that are things or states, not actors ("military base").
_NOT_ACTORS = word_set("entities/not_actors.txt")
_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod"})
_LEADING = word_set("entities/leading_words.txt")
#: Heads of a leader's government ("the Obama administration").
_LEADER_GOVERNMENTS = word_set("entities/leader_governments.txt")
#: Prepositions after a role noun whose object gives its country ("the government of Oman").
_ORIGIN_PREPS = word_set("entities/origin_preps.txt")


def _heads(cell: str) -> frozenset[str]:
    """A cell's head lemmas: "@path" is a word file, '-' any head."""
    return word_set(cell[1:]) if cell.startswith("@") else frozenset()


#: The agents dictionary's codes read as another sector, for any head or the heads listed
#: ("PEOPLE" -> CVL; "militants", UAF, -> REB; "rights group", HRI, -> NGO).
_SECTOR_RECODINGS = tuple(
    (r["dict_code"], _heads(r["heads"]), r["sector"])
    for r in table("entities/sector_recodings.tsv")
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
    owner: str | None = None  # the code of the organisation they serve ("UN peacekeepers")

    @property
    def code(self) -> str | None:
        if self.owner:
            return self.owner
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
    owner: str | None = None  # an international organisation's code ("UN peacekeepers")


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
            recoded = next(
                (
                    sector
                    for dict_code, heads, sector in _SECTOR_RECODINGS
                    if code[:3] == dict_code and (not heads or lemma in heads)
                ),
                None,
            )
            if recoded is not None:
                return recoded
            if code[:3] in SECTOR_CODES:
                return code[:3]
            # a religion's code ("CHRISTIAN MISSIONARY" -> CHR): the shorter phrase's sector
    if lemma in _EXTRA_ROLES:
        return _EXTRA_ROLES[lemma]
    if lemma in _GROUP_HEADS:  # "opposition candidates", "a rebel group", "refugee camp"
        for word in reversed(words[:-1]):
            compound = word.pos_ in ("NOUN", "PROPN") and word.dep_ == "compound"
            if compound or word.lower_ in _GROUP_MODIFIERS:
                found = _sector_of([word], word)
                if found is not None:
                    return found
    return None


def _bare_actor(sector: str, head: Token) -> bool:
    """A role noun that is an actor without a country: "police", "rebels", "civilians"."""
    return sector in _BARE_SECTORS or (sector == "CVL" and head.lemma_.lower() in _BARE_CIVILIANS)


def _token_country(tok: Token) -> str | None:
    code = places.demonym_country(tok.text, regions=True)
    if code is None and (tok.ent_type_ in ("GPE", "NORP") or tok.text.isupper()):
        code = places.country_code(tok.text)
    return code


def _modifier_countries(doc: Doc, start: int, head: int) -> list[tuple[str, int, int]]:
    """Countries the words before the head name, with the character span of each."""
    if start >= head:
        return []
    span = doc[start:head]
    out: list[tuple[str, int, int]] = []
    for s, e, code in places.mentioned_countries(span.text, regions=True):
        a, b = span.start_char + s, span.start_char + e
        if places.is_ambiguous_country(doc_text(doc)[a:b]) and not any(
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
        if prep.dep_ != "prep" or prep.lower_ not in _ORIGIN_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            text = pobj.doc[pobj.left_edge.i : pobj.i + 1].text
            found = places.mentioned_countries(text, regions=True)
            if found:
                return found[-1][2]
            if pobj.ent_type_ == "GPE":  # "police in Cairo", "a missionary from Calgary"
                code = places.capital_country(text) or places.town_country(text)
                if code:
                    return _namesake_here(head, text) or code
    return None


#: words between "in" and a country name ("in the north of", "in central Iran")
_PLACE_FILLERS = word_set("entities/place_fillers.txt")


def _country_next(head: Token) -> str | None:
    """The country "in" right after a name (past an acronym in brackets) names, read off
    the words: "Esfahan Uranium Conversion Facilities (UCF) in central Iran"."""
    doc = head.doc
    i = head.i + 1
    if i < len(doc) and doc[i].text == "(":
        close = next((k for k in range(i + 1, min(i + 8, len(doc))) if doc[k].text == ")"), None)
        i = close + 1 if close is not None else i
    if i >= len(doc) or doc[i].lower_ != "in":
        return None
    i += 1
    while i < len(doc) and doc[i].lower_ in _PLACE_FILLERS:
        i += 1
    end = i
    while end < len(doc) and doc[end].ent_type_ == "GPE" and end - i < 4:
        end += 1
    name = doc[i:end].text
    if not name or places.is_ambiguous_country(name):
        return None
    return places.country_code(name)


def _namesake_here(head: Token, town: str) -> str | None:
    """The one country of the sentence that has a town of this name too: "militias in
    Tripoli ... the north Lebanese port" are Lebanon's, not Libya's."""
    named = {code for _, _, code in places.mentioned_countries(head.sent.text, regions=True)}
    here = places.town_countries(town) & named
    if len(here) == 1:
        return next(iter(here))
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
    doc: Doc,
    start: int,
    head: int,
    covered: set[int],
    found: list[tuple[str, int, int]],
    groups: set[int] = frozenset(),  # type: ignore[assignment]
) -> bool:
    """A word before the head that a named entity other than a country or a people
    ("Tamil", "Hutu", "Islamic") covers."""
    return any(
        i in covered and i not in groups and not any(a <= doc[i].idx < b for _, a, b in found)
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
    if places.country_code(tok.text) is not None:
        return None
    plural = tok.text.endswith("s") or (
        tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the" and tok.text.endswith(("ese", "sh", "ch"))
    )
    return (
        places.demonym_country(tok.text, regions=True)
        if plural and tok.text[:1].isupper()
        else None
    )


def _demonym_modifiers(
    doc: Doc, covered: set[int], people: set[int], states: Collection[str] = ()
) -> list[_Phrase]:
    """ "Israeli air raids", "an Indian proposal": a demonym on a noun that is no agent
    and no named actor stands for its state (a NORP entity with the country only), unless
    the article names that state itself (the state's entity stands for it then)."""
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:  # "South African", "Sri Lankan": the model's span
        if ent.label_ in ("NORP", "GPE") and places.demonym_country(ent.text, regions=True):
            spans.append((ent.start, ent.end))
    taken = {i for a, b in spans for i in range(a, b)}
    for tok in doc:
        if (
            tok.i not in taken
            and tok.text[:1].isupper()
            and places.demonym_country(tok.text, regions=True)
        ):
            spans.append((tok.i, tok.i + 1))
    out: list[_Phrase] = []
    for a, b in sorted(spans):
        if any(i in covered for i in range(a, b)):
            continue
        span = doc[a:b]
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i:  # "the Turkish and Greek sides"
            root = root.head
        if root.dep_ not in ("amod", "compound", "nmod") or root.head.pos_ not in ("NOUN", "PROPN"):
            continue
        if _describes_actor(root, covered, people):
            continue
        code = places.demonym_country(span.text, regions=True)
        if code is None or code in states:
            continue
        out.append(
            _Phrase(
                span.start_char,
                span.end_char,
                span.text,
                "",
                None,
                ((code, span.start_char, span.end_char),),
                None,
                "NORP",
            )
        )
    return out


def _describes_actor(modifier: Token, covered: set[int], people: set[int]) -> bool:
    """The modifier belongs to a name or a person's title ("Iraqi President Saddam
    Hussein", "Olaf Scholz, the German finance minister")."""
    node = modifier
    for _ in range(6):
        if node.i in covered or _by_person(node, people):
            return True
        if node.dep_ not in ("amod", "compound", "nmod", "flat") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _leader_government(doc: Doc, start: int, head: Token) -> _Phrase | None:
    """ "The Bush administration": a leader's government, when the actor dictionaries
    know the phrase (they list the US administrations by president)."""
    if head.lemma_.lower() not in _LEADER_GOVERNMENTS:
        return None
    span = doc[start : head.i + 1]
    entry = builtin_actors().get(span.text)
    home = entry.home() if entry is not None else None
    if home is None:
        return None
    return _Phrase(
        span.start_char, span.end_char, span.text, head.lemma_.lower(), "GOV", (), home, "ORG"
    )


def _phrases(
    doc: Doc,
    covered: set[int],
    people: set[int],
    peoples: set[int] = frozenset(),  # type: ignore[assignment]
    states: Collection[str] = (),
    orgs: Mapping[int, str] | None = None,
) -> list[_Phrase]:
    out: list[_Phrase] = []
    orgs = orgs or {}
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
            if span[0].lower_ == "ethnic":  # "ethnic Albanians in south Serbia"
                demonym = _country_after(tok) or demonym
            out.append(
                _Phrase(
                    span.start_char,
                    span.end_char,
                    span.text,
                    tok.lemma_.lower(),
                    "CVL",
                    ((demonym, tok.idx, tok.idx + len(tok.text)),),
                    None,
                    "NORP",
                )
            )
            continue
        start = _phrase_start(tok)
        if any(i in people for i in range(start, tok.i)):
            ruled = _leader_government(doc, start, tok)
            if ruled is not None:
                out.append(ruled)
                continue
        if _by_person(tok, people) or _of_named(tok, covered):
            continue
        if any(i in people for i in range(start, tok.i)):
            continue  # "Macron's aides": the person's, not a group of its own
        found = _modifier_countries(doc, start, tok.i)
        if _named_modifier(doc, start, tok.i, covered, found, peoples):
            # "Red Cross officials": the named actor's people; "UN peacekeepers", an
            # international organisation's armed or police force, are a group of their own
            owner = next((orgs[i] for i in range(start, tok.i) if i in orgs), None)
            words = [t for t in doc[start : tok.i + 1] if not t.is_punct]
            sector = _sector_of(words, tok) if owner else None
            if owner and sector in ("MIL", "COP"):
                span = doc[start : tok.i + 1]
                out.append(
                    _Phrase(
                        span.start_char,
                        span.end_char,
                        span.text,
                        tok.lemma_.lower(),
                        sector,
                        (),
                        None,
                        "ORG",
                        owner,
                    )
                )
            continue
        # "Tamil refugees", "Hutu rebels": people of an ethnic or religious group
        of_people = any(i in peoples for i in range(start, tok.i))
        if of_people and not found:  # "Karen rebels": an ethnic group of one state
            found = [
                (code, doc[i].idx, doc[i].idx + len(doc[i].text))
                for i in range(start, tok.i)
                if i in peoples
                for code in [places.ethnic_group_country(doc[i].text)]
                if code
            ][:1]
        words = [t for t in doc[start : tok.i + 1] if not t.is_punct]
        sector = _sector_of(words, tok)
        if sector is None and found and tok.lemma_.lower() in _MILITARY_THINGS:
            sector = "MIL"
        if sector is None:
            continue
        if tok.lemma_.lower() in _WEAPONS and not found and not of_people:
            continue  # "launched artillery fire": a weapon, an actor only as "Thai artillery"
        after = _country_after(tok) if not found else None
        if not found and after is None and not of_people and not _bare_actor(sector, tok):
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
    inside = {i for p in out for i in _char_tokens(doc, p.start, p.end)}
    out.extend(_demonym_modifiers(doc, covered | inside, people, states))
    return out


def _char_tokens(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _article_country(article: Article, doc: Doc, known: Sequence[str]) -> str | None:
    """The one country a bare "the government" can mean: the dateline's, else the only one."""
    if article.dateline is not None and article.dateline.place.strip():
        place, _, region = article.dateline.place.strip().partition(",")
        code = (
            places.country_code(place)
            or places.capital_country(place)
            or place_country(place, region)
        )
        if code:
            return code
    seen = set(known)
    seen.update(code for _, _, code in places.mentioned_countries(doc_text(doc), regions=True))
    return next(iter(seen)) if len(seen) == 1 else None


def find_agents(
    article: Article,
    doc: Doc,
    covered: list[tuple[int, int]],
    people: list[tuple[int, int]],
    known_countries: Sequence[str] = (),
    peoples: Sequence[tuple[int, int]] = (),
    states: Collection[str] = (),
    organisations: Sequence[tuple[int, int, str]] = (),
) -> list[AgentGroup]:
    """Generic actor groups of the article, in order of first mention.

    ``covered``: character spans of every mention the other steps found (names, nominals,
    pronouns); ``people``: those of person entities; ``known_countries``: the countries
    of the article's entities; ``peoples``: the name mentions of ethnic and religious
    groups (NORP), which may head a group of their people ("Tamil refugees");
    ``states``: the countries a state entity of the article stands for;
    ``organisations``: spans and codes of international organisations' names.
    """
    covered_toks = _tokens_in(doc, covered)
    people_toks = _tokens_in(doc, people)
    peoples_toks = _tokens_in(doc, list(peoples))
    home: str | None = None
    home_known = False
    groups: list[AgentGroup] = []
    by_key: dict[_Key, AgentGroup] = {}
    orgs = {i: code for a, b, code in organisations for i in _tokens_in(doc, [(a, b)])}
    for phrase in _phrases(doc, covered_toks, people_toks, peoples_toks, states, orgs):
        if phrase.owner is not None:
            key: _Key = (phrase.owner, phrase.sector, phrase.head)
            _add(groups, by_key, phrase, key, phrase.start, phrase.end, phrase.text)
            continue
        if phrase.kind == "NORP":
            iso3, _, _ = phrase.countries[0]
            _add(
                groups,
                by_key,
                phrase,
                (iso3, phrase.sector, phrase.head),
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
            if phrase.sector in _STATELESS_SECTORS:
                country = None
            else:
                if not home_known:
                    home, home_known = _article_country(article, doc, known_countries), True
                country = home
        key = (country, phrase.sector, phrase.head)
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
        if phrase.owner is not None:
            group = AgentGroup(name, phrase.kind, None, key[1], key[2], owner=phrase.owner)
        else:
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
        for code in [places.capital_country(e.name)]
        if code
    ]
    peoples = [(m.start, m.end) for e in entities if e.kind == "NORP" for m in e.mentions]
    # "Darfur rebels", "Kashmir militants": a region's people, like "Tamil refugees"
    peoples += [(m.start, m.end) for e in entities if _region(e) for m in e.mentions]
    states = {e.country for e in entities if e.kind == "GPE" and e.country and e.code == e.country}
    organisations = [
        (m.start, m.end, e.code)
        for e in entities
        if e.kind == "ORG" and e.code and e.code[:3] in ("IGO", "NGO") and not e.country
        for m in e.mentions
        if m.kind == "name"
    ]
    groups = find_agents(article, doc, covered, people, known, peoples, states, organisations)
    if not groups:
        return _home_country(article, doc, tuple(entities))
    made = [
        Entity(
            id="",
            kind=cast(EntityKind, g.kind),
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
    numbered = tuple(replace(every[k], id=f"E{n}") for n, k in enumerate(order, start=1))
    return _home_country(article, doc, numbered)


def _region(entity: Entity) -> bool:
    """A named place that is neither a state nor a known town: "Darfur", "Kashmir"."""
    if entity.kind != "GPE" or entity.code or not entity.mentions:
        return False
    name = entity.name
    return not (places.capital_country(name) or places.town_country(name))


#: Peoples and adjectives wider than one country ("Arab", "European"): no home country.
_SUPRANATIONAL = word_set("entities/supranational.txt")
#: Words that make an organisation's name a domestic institution ("Umma party").
_DOMESTIC = word_set("entities/domestic_words.txt")
#: Words that make it an international one ("World Food Programme").
_INTERNATIONAL = word_set("entities/international_words.txt")


def _minorities(doc: Doc, entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """ "Ethnic Albanians" in an article about one other country live there, and the
    CAMEO convention codes a minority with its country of residence."""
    ethnic = [e for e in entities if e.kind == "NORP" and e.name.casefold().startswith("ethnic ")]
    if not ethnic:
        return entities
    named = {e.country for e in entities if e.country and e.kind in ("GPE", "ORG", "PERSON")}
    named.update(code for _, _, code in places.mentioned_countries(doc_text(doc), regions=True))
    out = list(entities)
    for e in ethnic:
        own = places.demonym_country(e.name.split()[-1], regions=True)
        if e.country != own:
            continue  # a country after "in" decided already
        others = named - {own}
        if len(others) == 1:
            home = next(iter(others))
            out[out.index(e)] = replace(e, country=home, code=home + (e.sector or ""))
    return tuple(out)


def _home_country(article: Article, doc: Doc, entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """Actors whose country neither the text nor the dictionaries give, in an article that
    names one country only, are of that country: a person with a title ("President Dos
    Santos", "Judge Rivera"), an ethnic or religious group ("Hutu", "Tamil") and a named
    party, army, court or other domestic institution ("the Umma party")."""
    entities = _domestic(doc, _minorities(doc, entities))
    if not any(_needs_home(e) for e in entities):
        return entities
    known = {e.country for e in entities if e.country}
    known.update(code for _, _, code in places.mentioned_countries(doc_text(doc), regions=True))
    known.update(
        code
        for e in entities
        if e.kind == "GPE" and not e.country
        for code in [places.capital_country(e.name)]
        if code
    )
    if len(known) != 1:
        return entities
    home = next(iter(known))
    return tuple(
        replace(e, country=home, code=home + (e.sector or ""), code_from="text")
        if _needs_home(e)
        else e
        for e in entities
    )


#: Sectors of a state's home institutions: what they act on in a clause is domestic.
_HOME_INSTITUTIONS = frozenset({"GOV", "COP", "JUD", "LEG"})


def _domestic(doc: Doc, entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """A group or place of no known country that a state's own police, government, courts
    or legislature act on in the same clause is of that state: "Turkish police prevented a
    demonstration by students", "the Sudanese government accused Darfur rebels", "Iranian
    authorities imposed a curfew in the town of Cizre". Armed forces are left out: they
    often act abroad. A named organisation "in" or "of" a country or town is that
    country's."""
    at: dict[int, Entity] = {}
    for e in entities:
        for m in e.mentions:
            for i in _char_tokens(doc, m.start, m.end):
                at.setdefault(i, e)
    out = list(entities)
    for k, e in enumerate(entities):
        if not _stateless(e):
            continue
        heads = [
            toks[-1]
            for m in e.mentions
            for toks in [[doc[i] for i in _char_tokens(doc, m.start, m.end)]]
            if toks
        ]
        home = {c for tok in heads for c in [_acting_state(tok, at)] if c}
        if not home and e.kind in ("ORG", "FAC") and e.mentions[0].kind == "name":
            # "the Esfahan plant in central Iran", "the Bus Company of Tehran"
            home = {c for tok in heads[:1] for c in [_country_after(tok)] if c}
            if not home and heads:  # the parser hung "in central Iran" on the verb
                home = {c for c in [_country_next(heads[0])] if c}
        if len(home) == 1:
            code = next(iter(home))
            out[k] = replace(e, country=code, code=code + (e.sector or ""), code_from="text")
    return tuple(out)


def _stateless(entity: Entity) -> bool:
    if entity.country or entity.sector in ("IGO", "NGO", "IMG", "MNC", "ISM"):
        return False
    if entity.code and entity.code != entity.sector and not is_region_code(entity.code[:3]):
        return False
    words = {w.casefold().strip("().,'’") for w in entity.name.split()}
    if words & _SUPRANATIONAL or words & (_INTERNATIONAL - {"united"}):
        return False
    if {"united", "nations"} <= words:
        return False
    if entity.kind == "GPE" and (
        places.capital_country(entity.name) or places.town_countries(entity.name)
    ):
        return False  # a known city is where it is: "arrived in Amman", "in Barcelona"
    return entity.kind in ("GPE", "NORP", "ORG") or (
        entity.kind == "PERSON" and entity.sector is not None
    )


def _acting_state(tok: Token, at: Mapping[int, Entity], depth: int = 0) -> str | None:
    """The country of the home institution that is the subject of the clause ``tok`` is
    an argument of, if any; a participle's clause hands over to the clause of the noun
    it describes ("prevented the demonstration staged by students")."""
    verb = tok
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
    if not subjects and verb.dep_ in ("xcomp", "advcl"):  # "opened fire to disperse ..."
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    own = at.get(tok.i)
    for subj in subjects:
        if subj.dep_ == "agent":
            subj = next((c for c in subj.children if c.dep_ == "pobj"), subj)
        actor = at.get(subj.i)
        if actor is None or not actor.country or actor.sector not in _HOME_INSTITUTIONS:
            continue
        if subj.i != tok.i and (own is None or actor is not own):
            return actor.country
    if depth == 0 and verb.dep_ == "acl" and verb.tag_ == "VBN":
        return _acting_state(verb.head, at, depth + 1)
    return None


def _needs_home(entity: Entity) -> bool:
    if entity.country:
        return False
    if entity.code and is_region_code(entity.code[:3]):
        return True  # "INTREB": the dictionaries' group of no one country
    if entity.code and entity.code != entity.sector:
        return False
    if entity.sector in ("IGO", "NGO", "IMG", "MNC", "ISM"):
        return False
    words = {w.casefold().strip("().,'’") for w in entity.name.split()}
    if entity.kind == "PERSON":
        return bool(entity.titles or entity.sector)
    if entity.kind == "NORP":
        return entity.name.casefold() not in _SUPRANATIONAL and not words & _SUPRANATIONAL
    if entity.kind == "ORG":
        return bool(words & _DOMESTIC) and not words & _INTERNATIONAL
    return False


def _first(entity: Entity) -> int:
    """Where the entity is first named (its first mention if it has no name mention)."""
    names = [m.start for m in entity.mentions if m.kind == "name"]
    return min(names or [m.start for m in entity.mentions] or [1 << 30])
