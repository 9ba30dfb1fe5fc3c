"""Who did it to whom: argument spans from the dependency parse, mapped to entities.

Step (a) finds the token that heads each argument of a trigger (subject, object,
prepositional object, possessor, agent of a passive, the parties of "talks between X and
Y"); step (b) maps the argument's phrase to entity ids through the mentions the entity
stage found (names, nominals and resolved pronouns), so compound actors ("the US and
Russian diplomats") give every entity the phrase names.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .._data import word_list, word_set
from .._spans import EntityIndex
from ..places import country_code, demonym_country
from ..types import Entity
from ._clauses import matches, matches_at, matches_under

__all__ = [
    "ActorMap",
    "Arguments",
    "governor",
    "is_light",
    "noun_roles",
    "tree_depth",
    "verb_roles",
]

ACTOR_KINDS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
POLITICAL_KINDS = frozenset({"ORG", "GPE", "NORP"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECTS = frozenset({"dobj", "obj", "dative", "iobj", "attr", "oprd"})
# prepositions after a verb that introduce its target, most telling first
TARGET_PREPS = word_list("events/roles/target_preps.txt")
# phrase parts that belong to an actor's phrase ("president of Armenia", "man from Calgary")
PHRASE_PREPS = word_set("events/roles/phrase_preps.txt")
FOREIGN = frozenset({"ccomp", "advcl", "relcl", "parataxis", "punct", "appos"})
CLAUSAL = frozenset(
    {"relcl", "acl", "advcl", "ccomp", "xcomp", "punct", "cc", "conj", "appos", "parataxis"}
)


@dataclass(frozen=True, slots=True)
class Arguments:
    """The parties of one trigger: entity ids of source and target, their head tokens, and
    which parse pattern found them (``how``)."""

    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    source_tokens: tuple[int, ...] = ()  # token indices of the argument heads (evidence)
    target_tokens: tuple[int, ...] = ()
    how: str = "parse"


class ActorMap:
    """Token -> entity for one document, and which entities can act."""

    def __init__(self, entities: tuple[Entity, ...], sent: Span, index: EntityIndex | None = None):
        self.index = index if index is not None else EntityIndex(entities)
        self.by_token: dict[int, Entity] = {}
        doc = sent.doc
        self.doc = doc
        found = self.index.mentions_in(sent.start_char, sent.end_char)
        # the longest phrase wins a token: "United Nations peacekeepers" over "United Nations"
        for mention, entity in sorted(found, key=lambda me: me[0].start - me[0].end):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.by_token.setdefault(tok.i, entity)
        self._demonyms(entities, sent)

    def _demonyms(self, entities: tuple[Entity, ...], sent: Span) -> None:
        """A demonym the entity stage left alone ("Russian diplomats") stands for the
        article's entity of that country, when there is one (a state, else its government)."""
        by_country: dict[str, Entity] = {}
        for e in entities:
            if e.country and e.kind in ("GPE", "ORG"):
                by_country.setdefault(e.country, e)
        if not by_country:
            return
        for tok in sent:
            if tok.i in self.by_token or tok.ent_type_ not in ("NORP", "GPE"):
                continue
            code = demonym_country(tok.text, regions=True) or (
                country_code(tok.text) if tok.ent_type_ == "GPE" else None
            )
            if code and code in by_country:
                self.by_token[tok.i] = by_country[code]

    @staticmethod
    def is_actor(entity: Entity) -> bool:
        return bool(entity.kind in ACTOR_KINDS or entity.country or entity.sector or entity.code)

    @staticmethod
    def is_political(entity: Entity) -> bool:
        return bool(entity.country or entity.sector or entity.code) or (
            entity.kind in POLITICAL_KINDS
        )

    def entity(self, tok: Token) -> Entity | None:
        ent = self.by_token.get(tok.i)
        return ent if ent is not None and self.is_actor(ent) else None

    def political_in(self, sent: Span) -> bool:
        return any(self.is_political(e) for e in self.by_token.values())

    def phrase(self, head: Token) -> list[Entity]:
        """Actor entities named by the noun phrase headed by ``head`` and its conjuncts."""
        found: list[Entity] = []
        parts = [head] + [c for c in head.conjuncts if c.pos_ not in ("VERB", "AUX")]
        for part in parts:
            for ent in self._one_phrase(part):
                if ent not in found:
                    found.append(ent)
        return found

    def _one_phrase(self, head: Token) -> list[Entity]:
        own = self.entity(head)
        if own is not None:
            return [own]
        for child in head.children:  # "the minister's deputy, Jane Roe": the apposition
            if child.dep_ == "appos" and self.entity(child) is not None:
                return self._one_phrase(child)
        found: list[Entity] = []
        stack = [c for c in head.children if self._inside(c)]
        seen = 0
        while stack and seen < 60:
            tok = stack.pop(0)
            seen += 1
            ent = self.entity(tok)
            if ent is not None and ent not in found:
                found.append(ent)
            stack.extend(c for c in tok.children if self._inside(c))
            # "a member of the Syrian parliament, Jane Roe,": the parser hangs the name on the
            # nearer noun; a named person in apposition inside the phrase is the actor
            stack.extend(c for c in tok.children if c.dep_ == "appos" and self._named(c))
        if not found:  # "Security forces in Guinea", "Rebels in the Ivory Coast"
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "in":
                    found.extend(self._pobj_actors(prep, countries_only=True))
        if not found:  # "workers affiliated with the X Union", "militants loyal to X"
            for match in matches_under("affiliation", head, "tie"):
                ally = match["ally"]
                ent = self.entity(ally)
                if ent is not None and self.is_political(ent):
                    found.append(ent)
        return found

    def _pobj_actors(self, prep: Token, countries_only: bool) -> list[Entity]:
        out: list[Entity] = []
        for pobj in prep.children:
            ent = self.entity(pobj)
            if pobj.dep_ != "pobj" or ent is None:
                continue
            if ent.country or (not countries_only and self.is_political(ent)):
                out.append(ent)
        return out

    def _named(self, tok: Token) -> bool:
        ent = self.entity(tok)
        return ent is not None and ent.kind == "PERSON"

    @staticmethod
    def _inside(tok: Token) -> bool:
        if tok.dep_ in CLAUSAL and tok.dep_ != "conj":
            return False
        if tok.dep_ == "conj":
            return True
        if tok.dep_ == "prep":
            return tok.lower_ in PHRASE_PREPS
        return True


def tree_depth(tok: Token) -> int:
    """How many heads lie above the token in its parse tree (at most 200)."""
    depth = 0
    while tok.head.i != tok.i and depth < 200:
        tok = tok.head
        depth += 1
    return depth


def _ids(ents: list[Entity]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.id for e in ents))


# "made no breakthrough at talks": the verb's subject held the talks; not "worried about X"
GOV_PREPS = word_set("events/roles/gov_preps.txt")
LOCATIVE = word_set("events/roles/locative_preps.txt")
PLACES = frozenset({"GPE", "LOC", "FAC"})


def _locative(tok: Token, actors: ActorMap) -> bool:
    """A place named as where something happened ("met in Geneva"), not as an actor."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in LOCATIVE:
        return False
    ent = actors.by_token.get(tok.i)
    return ent is not None and ent.kind in PLACES


def _settlement(ent: Entity) -> bool:
    """A city or region ("the Geneva talks"): where, not who."""
    if ent.kind in ("LOC", "FAC"):
        return True
    feature = ent.geo.feature if ent.geo is not None else None
    return bool(ent.kind == "GPE" and feature and not feature.startswith("PCL"))


def _first_with_actors(
    actors: ActorMap, heads: list[Token], source: list[Entity] | None = None
) -> tuple[list[Entity], list[Token]]:
    """The actors of the first head that names any; with ``source`` given (a target
    search), the source's own entities and instruments are passed over ("reneged on his
    commitment to ...", "withdraw its troops from ...")."""
    for h in heads:
        if _locative(h, actors):
            continue
        ents = actors.phrase(h)
        if source is not None:
            if _own_instrument(h, ents, source, actors):
                continue
            ents = [e for e in ents if e not in source]
        if ents:
            return ents, [h]
    return [], []


OWN_SECTORS = frozenset({"MIL", "COP", "GOV", "SPY"})


def _own_instrument(
    head: Token, ents: list[Entity], source: list[Entity], actors: ActorMap
) -> bool:
    """ "its troops", "their ambassador": a state agent the source possesses is what it
    acts with, not whom it acts on."""
    poss = [c for c in head.children if c.dep_ == "poss" and c.tag_ == "PRP$"]
    if not poss or not ents:
        return False
    owner = actors.by_token.get(poss[0].i)
    if owner is not None and owner not in source:
        return False
    countries = {e.country for e in source if e.country}
    return all(
        e.sector in OWN_SECTORS and (e.country is None or e.country in countries) for e in ents
    )


def _pobjs(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    out: list[Token] = []
    for name in preps:
        for child in tok.children:
            if child.dep_ in ("prep", "agent") and child.lower_ == name:
                out.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
    return out


def _speaker_of(tok: Token, actors: ActorMap) -> tuple[list[Entity], list[Token]]:
    """The subject of the speech verb whose complement holds ``tok`` ("Japan said it ...")."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            break
        if node.dep_ == "ccomp" and node.head.pos_ == "VERB":
            subj = [c for c in node.head.children if c.dep_ == "nsubj"]
            return (actors.phrase(subj[0]), subj[:1]) if subj else ([], [])
        node = node.head
    return [], []


SPEECH_HEADS = word_set("events/roles/speech_heads.txt")
STATIVE_PASSIVES = word_set("events/roles/stative_passives.txt")


def _arguments(verb: Token) -> list[Token]:
    """The verb's children, and those the parser hung on its auxiliary ("Vietnam is
    committed": "Vietnam" attached to "is")."""
    out = list(verb.children)
    for aux in verb.children:
        if aux.dep_ in ("aux", "auxpass") and aux.i < verb.i:
            out.extend(c for c in aux.children if c.dep_ in SUBJECTS)
    return out


# personal pronouns: a subject the entity stage leaves unresolved ("it", "they")
PRONOUNS = word_set("events/roles/pronouns.txt")
# words that open a report's attribution ("according to AFP", "per officials")
ATTRIBUTIONS = word_set("events/roles/attributions.txt")


def _subject_of(verb: Token, actors: ActorMap, depth: int = 0) -> tuple[list[Entity], list[Token]]:
    """The acting entities of a verb: its subject, or a controller up the tree."""
    subj = [c for c in _arguments(verb) if c.dep_ in ("nsubj", "csubj")]
    if not subj and verb.lemma_.lower() in STATIVE_PASSIVES:
        subj = [c for c in _arguments(verb) if c.dep_ == "nsubjpass"]
    if subj:
        ents = actors.phrase(subj[0])
        if not ents and subj[0].lower_ in PRONOUNS:
            return _speaker_of(verb, actors)
        return ents, subj[:1]
    if depth > 3:
        return [], []
    if verb.dep_ == "relcl":
        return actors.phrase(verb.head), [verb.head]
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        ents = actors.phrase(verb.head)
        if not ents and verb.head.dep_ in ("dobj", "obj") and depth <= 3:
            return _subject_of(verb.head.head, actors, depth + 1)  # "issued a call urging"
        return ents, [verb.head]
    if verb.dep_ == "xcomp":
        raised = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        if raised and not any(c.dep_ == "agent" for c in verb.head.children):
            return actors.phrase(raised[0]), raised[:1]  # "Obama is scheduled to attend"
        controlled = matches_at("object-control", verb, "act")  # "urged Iran to stop"
        if controlled:
            actor = controlled[0]["actor"]
            return actors.phrase(actor), [actor]
        return _subject_of(verb.head, actors, depth + 1)
    if verb.dep_ == "pcomp":
        # "resorted to throwing stones", "responded by closing the border"
        for match in matches_at("subject-control", verb, "act"):
            return _subject_of(match["controller"], actors, depth + 1)
        # "X is guilty of violating the truce", "responsible for shelling"
        for match in matches_at("adjective-complement", verb, "act"):
            return _subject_of(match["clause"], actors, depth + 1)
    if verb.dep_ == "conj":
        shared = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if shared:  # "X has been indicted ... and will resign"
            ents = actors.phrase(shared[0])
            if not ents and shared[0].lower_ in PRONOUNS:
                return _speaker_of(verb.head, actors)  # "X said it would ... and would ..."
            return ents, shared[:1]
    if verb.dep_ in ("conj", "advcl", "acomp") and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        if verb.head.lemma_.lower() in SPEECH_HEADS:
            return [], []  # the speaker of a quote is not the actor of what is quoted
        nearer = _closer_clause_subject(verb)
        if nearer is not None:
            return actors.phrase(nearer), [nearer]
        return _subject_of(verb.head, actors, depth + 1)
    if verb.dep_ == "conj" and verb.pos_ == "VERB":
        # "killing two and arresting 30": the parser hung the second act on "two"
        above = next((a for a in verb.ancestors if a.pos_ == "VERB"), None)
        if above is not None and above.lemma_.lower() not in SPEECH_HEADS:
            return _subject_of(above, actors, depth + 1)
    return [], []


def _closer_clause_subject(participle: Token) -> Token | None:
    """ "May appointed him Foreign Secretary, which he served as until 2018, resigning in
    protest": a trailing participle continues the relative clause just before it, so its
    subject is that clause's, not the main clause's."""
    if participle.dep_ != "advcl" or participle.tag_ != "VBG" or participle.i == 0:
        return None
    before = participle.doc[participle.i - 1]
    if before.text != ",":
        return None
    for tok in participle.head.subtree:
        if (
            tok.dep_ == "relcl"
            and tok.i < participle.i
            and tok.right_edge.i == participle.i - 2
            and tok.head.i != participle.head.i
        ):
            subj = [c for c in tok.children if c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT")]
            return subj[0] if subj else None
    return None


def _in_subtree(
    trigger: Token, actors: ActorMap, skip: set[str], source: list[Entity] | None = None
) -> tuple[list[Entity], list[Token]]:
    """The first political actor inside the trigger's own clause (a last resort for targets)."""

    def inside(tok: Token) -> bool:  # "according to AFP" names a source of the report
        return tok.dep_ not in FOREIGN and tok.lower_ not in ATTRIBUTIONS

    stack = [c for c in trigger.children if c.dep_ not in SUBJECTS and inside(c)]
    order: list[Token] = []
    while stack and len(order) < 80:
        tok = stack.pop()
        order.append(tok)
        stack.extend(c for c in tok.children if inside(c))
    for tok in sorted(order, key=lambda t: t.i):
        ent = actors.entity(tok)
        if ent is None or ent.id in skip or not actors.is_political(ent):
            continue
        if any(_locative(t, actors) for t in (tok, tok.head, tok.head.head)):
            continue
        if source is not None and _own_instrument(tok, [ent], source, actors):
            continue  # "withdraw its troops from Lebanon"
        # "blows to the United States and Israel": the conjuncts too
        head = tok
        while head.head.i != head.i and actors.by_token.get(head.head.i) is ent:
            head = head.head  # "United" -> "States"
        ents = [e for e in actors.phrase(head) if e.id not in skip and actors.is_political(e)]
        return (ents if ent in ents else [ent]), [tok]
    return [], []


# prepositions that put an act at, into or out of a place ("demonstrated in Serbia",
# "withdraw its troops from Lebanon", "the delivery of grain to Afghanistan")
PLACE_PREPS = word_set("events/roles/place_preps.txt")
# acts whose place is only where they happen, never their target ("met in Geneva",
# "said in Moscow"); a visit's destination is its host
NO_PLACE_TARGET = SPEECH_HEADS | word_set("events/roles/no_place_target.txt")


#: acts only a state's authorities perform: done to someone in a country with no agent
#: named, the country did them
AUTHORITY_ACTS = word_set("events/roles/authority_acts.txt")


def place_target(
    trigger: Token, actors: ActorMap, skip: set[str], gov: Token | None = None
) -> tuple[list[Entity], list[Token]]:
    """The place an act with no other target is done in, to or from: the country or town
    of a prepositional phrase in the trigger's clause ("demonstrated in Serbia", "imposed
    a curfew in the town of Cizre", "rioted at a jail in northern Israel"), nearest first.
    The PLOVER gold standard codes such a place as the target."""
    if trigger.lemma_.lower() in NO_PLACE_TARGET or (
        gov is not None and gov.lemma_.lower() in NO_PLACE_TARGET
    ):
        return [], []
    roots = [trigger] + ([gov] if gov is not None else [])
    frontier = [(c, 0) for r in roots for c in r.children if c.dep_ not in SUBJECTS]
    found: list[tuple[int, int, Token, Entity]] = []
    seen = 0
    while frontier and seen < 80:
        tok, preps = frontier.pop(0)
        seen += 1
        if tok.dep_ in FOREIGN or tok.lower_ in ATTRIBUTIONS:
            continue
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"):
            continue  # "was arrested in X and waived extradition to Y": another act
        if tok.dep_ == "prep":
            preps += 1
            if preps > 3:
                continue
        ent = actors.by_token.get(tok.i)
        if (
            ent is not None
            and ent.id not in skip
            and ent.country
            and (ent.kind in PLACES or ent.code == ent.country)
            and tok.dep_ in ("pobj", "compound", "conj")
            and _under_place_prep(tok)
        ):
            found.append((preps, tok.i, tok, ent))
            continue
        frontier.extend((c, preps) for c in tok.children)
    if not found:
        return [], []
    _, _, tok, ent = min(found, key=lambda f: (f[0], f[1]))
    return [ent], [tok]


def _under_place_prep(tok: Token) -> bool:
    node = tok
    for _ in range(3):  # "in the town of Cizre", "to Iran and Turkey"
        if node.dep_ == "pobj":
            prep = node.head
            if prep.lower_ in PLACE_PREPS:
                return True
            if prep.lower_ != "of":
                return False
            node = prep.head
            continue
        if node.dep_ in ("conj", "compound", "appos"):
            node = node.head
            continue
        return False
    return False


def _inside_phrase(
    head: Token, actors: ActorMap, skip: set[str]
) -> tuple[list[Entity], list[Token]]:
    """The first political actor inside a noun phrase whose head names none ("a camp for
    Congolese refugees"), clauses left out."""
    for tok in sorted(_phrase_tokens(head), key=lambda t: t.i):
        ent = actors.entity(tok)
        if ent is not None and ent.id not in skip and actors.is_political(ent):
            return [ent], [tok]
    return [], []


def _phrase_tokens(head: Token) -> list[Token]:
    out: list[Token] = []
    stack = [head]
    while stack and len(out) < 40:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSAL or c.dep_ == "conj")
    return out


def _aimed_at(objs: list[Token]) -> list[Token]:
    """ "imposed restrictions against German goods", "launched fire against camps": whom
    the verb's object is aimed at (the aimed-at pattern, prepositions in AIM_PREPS order);
    then "allowed the delivery of grain to Afghanistan": the recipient of what is handed
    over (the handover pattern)."""
    aimed = [
        m["target"]
        for o in objs
        for m in sorted(
            matches_under("aimed-at", o, "prep"), key=lambda m: AIM_PREPS.index(m["prep"].lower_)
        )
    ]
    return aimed + [m["recipient"] for o in objs for m in matches_at("handover", o, "object")]


#: Prepositions that name whom a verb's object is aimed at, most telling first.
AIM_PREPS = word_list("events/roles/aim_preps.txt")


def _pobjs_of(heads: list[Token], preps: tuple[str, ...]) -> list[Token]:
    return [p for h in heads for p in _pobjs(h, preps)]


#: subjects that name a crowd, no actor ("thousands of people", "a crowd")
CROWDS = word_set("events/roles/crowds.txt")


#: The prepositions that name what (whose act) a complaint is about, most telling first
#: (the "complaint" clause pattern binds them).
GRIEVANCE_PREPS = word_list("events/roles/grievance_preps.txt")

#: Subordinators of a condition on someone else's act.
CONDITIONS = word_set("events/roles/conditions.txt")


def _crowd_subject(verb: Token) -> bool:
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subj) and subj[0].lower_ in CROWDS


def _complements(verb: Token) -> list[Token]:
    """The verb's complement clauses, nearest first, and the infinitives they chain to
    ("refused to allow planes to land", "willing to send material to help defend X")."""
    out = [
        c for c in verb.children if c.dep_ in ("ccomp", "xcomp") or _purpose(c) or _for_clause(c)
    ]
    objs = [c for c in verb.children if c.dep_ in OBJECTS]
    out += [c for o in objs for c in o.children if _purpose(c)]  # "send aid to help X"
    # "collecting signatures in a drive to convince parliament": the purpose clause of a
    # noun in the verb's adjunct phrase
    nouns = _pobjs_of(_pobjs(verb, PURPOSE_FRAMES), ("of",)) + _pobjs(verb, PURPOSE_FRAMES)
    out += [
        c for n in nouns if n.lemma_.lower() in PURPOSE_NOUNS for c in n.children if _purpose(c)
    ]
    frontier = list(out)
    for _ in range(2):
        deeper = [
            c
            for comp in frontier
            for c in comp.children
            if c.dep_ == "xcomp" or _purpose(c) or (c.dep_ == "ccomp" and c.tag_ == "VB")
        ]
        out.extend(deeper)
        frontier = deeper
    return out


# "in a bid to", "as part of a drive to", "in an effort to": a noun that carries a purpose
PURPOSE_FRAMES = word_list("events/roles/purpose_frames.txt")
PURPOSE_NOUNS = word_set("events/roles/purpose_nouns.txt")


def _for_clause(comp: Token) -> bool:
    """ "pushing for Germany (to) support its plan": a clause that 'for' introduces."""
    return comp.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ == "for" for m in comp.children
    )


def _purpose(comp: Token) -> bool:
    """An infinitive of purpose ("opened fire to disperse ...", "a strike to protest")."""
    return comp.dep_ in ("advcl", "relcl", "acl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in comp.children
    )


def verb_roles(verb: Token, actors: ActorMap) -> Arguments:
    """Source and target of a verbal trigger (active, passive, relative and control clauses)."""
    misread = _misread_main_verb(verb, actors)
    if misread is not None:
        return misread
    no_subject = not any(c.dep_ in SUBJECTS for c in verb.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ in ("acl", "advcl") and verb.tag_ == "VBN" and no_subject
    )
    if passive and verb.lemma_.lower() in STATIVE_PASSIVES:
        passive = False  # "Vietnam is committed to ...": the subject acts
    if passive:
        subj = [c for c in _arguments(verb) if c.dep_ == "nsubjpass"]
        if subj:
            target, t_tok = actors.phrase(subj[0]), subj[:1]
        elif verb.dep_ in ("acl", "relcl"):
            target, t_tok = actors.phrase(verb.head), [verb.head]
        elif verb.dep_ == "advcl":
            target, t_tok = _subject_of(verb.head, actors)
        else:
            target, t_tok = [], []
        agents = [m["actor"] for m in matches_under("passive-agent", verb, "by")]
        source, s_tok = _first_with_actors(actors, agents)
        target = [e for e in target if e not in source]
        how = "passive"
        if not source and target and verb.lemma_.lower() in AUTHORITY_ACTS:
            # "a missionary was arrested in Lebanon": only a state arrests there
            source, s_tok = place_target(verb, actors, {e.id for e in target})
            how = "passive+place-authority" if source else how
        if not target and subj:  # "a camp for Congolese refugees was attacked"
            target, t_tok = _inside_phrase(subj[0], actors, {e.id for e in source})
        if not target and source:  # a place is a target only of a named actor's act
            target, t_tok = place_target(verb, actors, {e.id for e in source})
            how = "passive+place" if target else how
        return Arguments(_ids(source), _ids(target), _toks(s_tok), _toks(t_tok), how)
    source, s_tok = _subject_of(verb, actors)
    how = "parse"
    if not source and _crowd_subject(verb):
        # "thousands of people blocked streets in Hong Kong": the place's people
        source, s_tok = place_target(verb, actors, set())
        how = "parse+crowd-place" if source else how
    objs = [c for c in verb.children if c.dep_ in OBJECTS]
    heads = objs + _aimed_at(objs) + _pobjs(verb, TARGET_PREPS)
    # "complained to the UN over Israeli air raids": the accused, not the addressee (the
    # prepositions most telling first, as grievance_preps.txt lists them)
    grievances = sorted(
        matches_at("complaint", verb, "complaint"),
        key=lambda m: GRIEVANCE_PREPS.index(m["prep"].lower_),
    )
    heads = [m["grievance"] for m in grievances] + heads
    target, t_tok = _first_with_actors(actors, heads, source)
    if not target:
        # "demanded that the US cancel ...": the subject of the complement clause;
        # "threatened to shell Iraqi towns": the object of the complement; "opened fire
        # to disperse demonstrators": the object of the purpose clause
        for comp in _complements(verb):
            heads = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
            comp_objs = [c for c in comp.children if c.dep_ in OBJECTS]
            # "lifting the sanctions on North Korea is out of the question": the clausal subject's
            # object
            comp_objs += [
                o
                for c in comp.children
                if c.dep_ == "csubj"
                for o in c.children
                if o.dep_ in OBJECTS
            ]
            heads += comp_objs + _aimed_at(comp_objs) + _pobjs(comp, TARGET_PREPS)
            target, t_tok = _first_with_actors(actors, heads, source)
            if target:
                break
    if not target and objs and all(o.pos_ == "NUM" for o in objs):
        # "opened fire to disperse demonstrators, killing one and arresting 12": the 12
        # are of the group the clause above acts on
        for up in [a for a in verb.ancestors if a.pos_ == "VERB"][:3]:
            heads = [c for c in up.children if c.dep_ in OBJECTS]
            heads += [c for comp in _complements(up) for c in comp.children if c.dep_ in OBJECTS]
            target, t_tok = _first_with_actors(actors, heads, source)
            if target:
                how = "parse+numeral-object"
                break
    if not target:
        # "threatened to stop the talks if the United States goes ahead": the one whose
        # act the condition names
        heads = list(
            dict.fromkeys(
                m["actor"]
                for m in matches("condition", verb.doc)
                if m["condition"].i == verb.i or verb.is_ancestor(m["condition"])
            )
        )
        target, t_tok = _first_with_actors(actors, heads, source)
        how = "parse+condition" if target else how
    if not target:
        target, t_tok = _in_subtree(verb, actors, {e.id for e in source}, source)
        how = "parse+subtree" if target else how
    target = [e for e in target if e not in source]
    if not target and source and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        # "would prohibit aid to the rebels and would deny entry to ...": the second act of
        # the same subject is aimed at the same party
        first = verb_roles(verb.head, actors)
        # only a party the first act is aimed at (its object, or "to/against X"), not a
        # topic ("made no breakthrough at talks on Ukraine but agreed to ...")
        heads = [c for c in verb.head.children if c.dep_ in OBJECTS] + _pobjs(
            verb.head, AIMING_PREPS
        )
        inside = all(_aimed_part(verb.doc[i], heads) for i in first.target_tokens)
        if inside and first.source == _ids(source) and first.target:
            target = [e for e in map(actors.index.get, first.target) if e is not None]
            t_tok = [verb.doc[i] for i in first.target_tokens]
            how = "parse+shared-target"
    if not target and source:  # a place is a target only of a named actor's act
        target, t_tok = place_target(verb, actors, {e.id for e in source})
        how = "parse+place" if target else how
    return Arguments(_ids(source), _ids(target), _toks(s_tok), _toks(t_tok), how)


def _misread_main_verb(verb: Token, actors: ActorMap) -> Arguments | None:
    """A finite verb the parser read as an adjective ("Yeltsin on Saturday hosted Japanese
    Prime Minister Hashimoto", parsed as a verbless noun phrase): the sentence's root noun
    acts on the noun the verb was hung on."""
    root = verb.sent.root
    if verb.dep_ != "amod" or verb.tag_ != "VBD" or root.pos_ not in ("NOUN", "PROPN"):
        return None
    if verb.head.i <= verb.i or not _inside_of(verb, root):
        return None
    source = actors.phrase(root)
    if not source:
        return None
    head = verb.head
    while head.dep_ == "compound" and head.head.i > head.i:  # "Prime Minister Hashimoto"
        head = head.head
    target = [e for e in actors.phrase(head) if e not in source]
    return Arguments(_ids(source), _ids(target), (root.i,), (head.i,), "parse+misread-verb")


AIMING_PREPS = word_list("events/roles/aiming_preps.txt")


def _aimed_part(tok: Token, heads: list[Token]) -> bool:
    """Is ``tok`` one of ``heads`` or inside one through the words that name whom it is
    aimed at ("aid to the rebels", "sanctions on Iran"), not a topic or a setting?"""
    node = tok
    for _ in range(8):
        if any(node.i == h.i for h in heads):
            return True
        if node.dep_ == "prep" and node.lower_ not in AIMING_PREPS:
            return False
        if node.dep_ in CLAUSAL - {"conj", "cc", "appos"} or node.head.i == node.i:
            return False
        if node.dep_ == "pobj" and node.head.head.pos_ not in ("NOUN", "PROPN"):
            return any(node.i == h.i for h in heads)
        node = node.head
    return False


def _inside_of(tok: Token, ancestor: Token) -> bool:
    return tok.i != ancestor.i and any(a.i == ancestor.i for a in tok.ancestors)


def governor(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of ("held talks", "made progress at talks")."""
    tok = noun
    for _ in range(3):
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        if tok.dep_ in ("dobj", "obj", "nsubjpass", "attr", "oprd", "dative"):
            return tok.head if tok.head.pos_ in ("VERB", "AUX") else None
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in GOV_PREPS:
            head = tok.head.head
            return head if head.pos_ in ("VERB", "AUX") else None
        return None
    return None


LIGHT_VERBS = word_set("events/roles/light_verbs.txt")


def is_light(verb: Token) -> bool:
    """A light verb, also when the tagger mis-lemmatised its past form ("staged" -> "stag")."""
    lemma = verb.lemma_.lower()
    if lemma in LIGHT_VERBS:
        return True
    low = verb.lower_
    return verb.tag_ in ("VBD", "VBN") and low.endswith("ed") and low[:-1] in LIGHT_VERBS


# verbs whose object is a topic, not an act of the subject ("described the talks")
TOPIC_VERBS = word_set("events/roles/topic_verbs.txt")


def inherits(noun: Token, gov: Token) -> bool:
    """A nominal event takes its governor's subject as actor when the verb only carries it
    ("held talks", "imposed sanctions") or places the subject at it ("made progress at
    talks"), not when the noun is the topic of another act ("described the talks")."""
    return (
        is_light(gov) or noun.dep_ == "pobj" or (noun.dep_ == "conj" and noun.head.dep_ == "pobj")
    )


def noun_roles(noun: Token, actors: ActorMap, consult_like: bool) -> Arguments:
    """Source and target of a nominal trigger ("Russia's demands", "air strikes on X")."""
    source: list[Entity] = []
    s_tok: list[Token] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            ents = actors.phrase(child)
            if child.dep_ != "poss":
                ents = [e for e in ents if not _settlement(e)]
            if ents:
                source += [e for e in ents if e not in source]
                s_tok.append(child)
    owned = any(c.dep_ == "poss" for c in noun.children)  # "its demands from X": X is asked
    for pobj in _pobjs(
        noun, ("by", "between", "among") if owned else ("by", "from", "between", "among")
    ):
        ents = actors.phrase(pobj)
        source += [e for e in ents if e not in source]
        if ents:
            s_tok.append(pobj)
    preps = ("with",) if consult_like else (*TARGET_PREPS, "of")
    if owned and not consult_like:
        preps = (*preps, "from")
    target, t_tok = _first_with_actors(actors, _pobjs(noun, preps), source)
    gov = governor(noun)
    how = "noun"
    if gov is not None and inherits(noun, gov):
        if not source:
            source, s_tok = _subject_of(gov, actors)
            how = "noun+governor"
        if not target:
            gov_preps = ("with",) if consult_like else TARGET_PREPS
            extra = [c for c in gov.children if c.dep_ in ("dative", "iobj")]
            target, t_tok = _first_with_actors(actors, extra + _pobjs(gov, gov_preps), source)
        if not target and not consult_like:
            # "began a hunger strike to protest against Sweden's decision"
            for comp in [*gov.children, *noun.children]:
                if _purpose(comp):
                    objs = [c for c in comp.children if c.dep_ in OBJECTS]
                    heads = objs + _aimed_at(objs) + _pobjs(comp, TARGET_PREPS)
                    target, t_tok = _first_with_actors(actors, heads, source)
                    if target:
                        break
    if not target and not consult_like:
        target, t_tok = _in_subtree(noun, actors, {e.id for e in source}, source)
    target = [e for e in target if e not in source]
    if not source and target and noun.lemma_.lower() in AUTHORITY_NOUNS:
        # "the trial of a former officer has begun in Belgium": only a state tries there
        clause = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else gov  # "... has begun in X"
        source, s_tok = place_target(noun, actors, {e.id for e in target}, clause)
        how = how + "+place-authority" if source else how
    if not target and source and (not consult_like or noun.lemma_.lower() in DESTINATIONS):
        inherit = gov is not None and inherits(noun, gov)
        target, t_tok = place_target(noun, actors, {e.id for e in source}, gov if inherit else None)
        how = how + "+place" if target else how
    return Arguments(_ids(source), _ids(target), _toks(s_tok), _toks(t_tok), how)


#: acts by name only a state performs, on whom "of" names ("the trial of X")
AUTHORITY_NOUNS = word_set("events/roles/authority_nouns.txt")

#: consultations whose destination is their host ("a visit to Amman")
DESTINATIONS = word_set("events/roles/destinations.txt")


def _toks(toks: list[Token]) -> tuple[int, ...]:
    return tuple(t.i for t in toks)


NAMED = frozenset({"NORP", "GPE", "ORG"})


def _names_actor(head: Token, itself: bool = True) -> bool:
    """The phrase headed by ``head`` is a named actor or a nominal one modified by a state,
    nationality or organisation name ("Sudanese government", "NATO troops")."""
    if itself and head.ent_type_ in NAMED:
        return True
    for child in head.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and (
            child.ent_type_ in NAMED or any(g.ent_type_ in NAMED for g in child.children)
        ):
            return True
        if child.dep_ == "conj" and _names_actor(child):
            return True
    return False


def unresolved_actor(trigger: Token, gov: Token | None) -> bool:
    """The acting phrase of a trigger names an actor the entity stage left unresolved."""
    if trigger.pos_ != "VERB" and _names_actor(trigger, itself=False):
        return True
    if gov is not None and not inherits(trigger, gov):
        return False
    verb = gov if gov is not None else trigger
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        heads = [p for c in verb.children if c.dep_ == "agent" for p in c.children]
    else:
        heads = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if (
            not heads
            and verb.pos_ == "VERB"
            and verb.dep_ in ("xcomp", "conj", "acomp")
            and verb.head.i != verb.i
        ):
            return unresolved_actor(verb.head, None)
    if heads and heads[0].lower_ in PRONOUNS:
        node = verb
        for _ in range(6):  # "Afghan rebel leaders said they would meet ..."
            if node.dep_ == "ccomp" and node.head.i != node.i:
                heads = [c for c in node.head.children if c.dep_ == "nsubj"]
                break
            if node.head.i == node.i:
                break
            node = node.head
    return any(_names_actor(h) for h in heads)
