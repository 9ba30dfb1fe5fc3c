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

from ..countries import country_code, demonym_country
from ..spans import EntityIndex
from ..types import Entity

__all__ = ["ActorMap", "Roles", "governor", "is_light", "noun_roles", "verb_roles"]

ACTOR_KINDS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
POLITICAL_KINDS = frozenset({"ORG", "GPE", "NORP"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECTS = frozenset({"dobj", "obj", "dative", "iobj", "attr", "oprd"})
# prepositions after a verb that introduce its target, most telling first
TARGET_PREPS = ("against", "on", "upon", "with", "to", "into", "toward", "towards", "at", "over")
# phrase parts that belong to an actor's phrase ("president of Armenia", "man from Calgary")
PHRASE_PREPS = frozenset({"of", "from"})
FOREIGN = frozenset({"ccomp", "advcl", "relcl", "parataxis", "punct", "appos"})
CLAUSAL = frozenset(
    {"relcl", "acl", "advcl", "ccomp", "xcomp", "punct", "cc", "conj", "appos", "parataxis"}
)


@dataclass(frozen=True, slots=True)
class Roles:
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
        for mention, entity in self.index.mentions_in(sent.start_char, sent.end_char):
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
            code = demonym_country(tok.text) or (
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
                    for pobj in prep.children:
                        ent = self.entity(pobj)
                        if pobj.dep_ == "pobj" and ent is not None and ent.country:
                            found.append(ent)
        return found

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


def _ids(ents: list[Entity]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.id for e in ents))


# "made no breakthrough at talks": the verb's subject held the talks; not "worried about X"
GOV_PREPS = frozenset(
    {"at", "in", "on", "during", "for", "after", "following", "since", "before", "through", "to"}
)
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "within", "across", "around"})
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


def _first_with_actors(actors: ActorMap, heads: list[Token]) -> tuple[list[Entity], list[Token]]:
    for h in heads:
        if _locative(h, actors):
            continue
        ents = actors.phrase(h)
        if ents:
            return ents, [h]
    return [], []


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


SPEECH_HEADS = frozenset({"say", "tell", "add", "state", "claim", "insist", "argue", "note"})
STATIVE_PASSIVES = frozenset({"commit", "determine", "prepare", "resolve", "oblige"})


def _arguments(verb: Token) -> list[Token]:
    """The verb's children, and those the parser hung on its auxiliary ("Vietnam is
    committed": "Vietnam" attached to "is")."""
    out = list(verb.children)
    for aux in verb.children:
        if aux.dep_ in ("aux", "auxpass") and aux.i < verb.i:
            out.extend(c for c in aux.children if c.dep_ in SUBJECTS)
    return out


# prepositions whose gerund takes the verb's subject as its own ("resorted to throwing"); not
# "of", "from", "for", whose gerund often belongs to the object ("accused X of killing")
SUBJECT_CONTROL = frozenset({"to", "by", "after", "before", "without", "while", "through"})
# "confessed to accepting bribes": an admission frames the act; it is not coded as one
ADMISSIONS = frozenset({"confess", "admit", "plead", "object", "deny", "testify"})


def _subject_of(verb: Token, actors: ActorMap, depth: int = 0) -> tuple[list[Entity], list[Token]]:
    """The acting entities of a verb: its subject, or a controller up the tree."""
    subj = [c for c in _arguments(verb) if c.dep_ in ("nsubj", "csubj")]
    if not subj and verb.lemma_.lower() in STATIVE_PASSIVES:
        subj = [c for c in _arguments(verb) if c.dep_ == "nsubjpass"]
    if subj:
        ents = actors.phrase(subj[0])
        if not ents and subj[0].lower_ in ("it", "they", "we", "he", "she"):
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
        objs = [c for c in verb.head.children if c.dep_ in ("dobj", "obj")]
        if objs and verb.head.lemma_ in ("urge", "ask", "call", "order", "force", "press", "help"):
            return actors.phrase(objs[0]), objs[:1]
        return _subject_of(verb.head, actors, depth + 1)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in SUBJECT_CONTROL:
        up = verb.head.head  # "resorted to throwing stones", "responded by closing the border"
        framed = up.lemma_.lower() in SPEECH_HEADS or up.lemma_.lower() in ADMISSIONS
        if verb.head.dep_ == "prep" and up.pos_ == "VERB" and not framed:
            return _subject_of(up, actors, depth + 1)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep":
        up = verb.head.head  # "X is guilty of violating the truce", "responsible for shelling"
        if up.pos_ == "ADJ" and up.dep_ == "acomp" and up.head.pos_ in ("AUX", "VERB"):
            return _subject_of(up.head, actors, depth + 1)
    if verb.dep_ == "conj":
        shared = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if shared:  # "X has been indicted ... and will resign"
            return actors.phrase(shared[0]), shared[:1]
    if verb.dep_ in ("conj", "advcl", "acomp") and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        if verb.head.lemma_.lower() in SPEECH_HEADS:
            return [], []  # the speaker of a quote is not the actor of what is quoted
        return _subject_of(verb.head, actors, depth + 1)
    if verb.dep_ == "conj" and verb.pos_ == "VERB":
        # "killing two and arresting 30": the parser hung the second act on "two"
        above = next((a for a in verb.ancestors if a.pos_ == "VERB"), None)
        if above is not None and above.lemma_.lower() not in SPEECH_HEADS:
            return _subject_of(above, actors, depth + 1)
    return [], []


def _in_subtree(
    trigger: Token, actors: ActorMap, skip: set[str]
) -> tuple[list[Entity], list[Token]]:
    """The first political actor inside the trigger's own clause (a last resort for targets)."""

    def inside(tok: Token) -> bool:  # "according to AFP" names a source of the report
        return tok.dep_ not in FOREIGN and tok.lower_ not in ("according", "per")

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
        return [ent], [tok]
    return [], []


def verb_roles(verb: Token, actors: ActorMap) -> Roles:
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
        source, s_tok = _first_with_actors(actors, _pobjs(verb, ("by",)))
        return Roles(_ids(source), _ids(target), _toks(s_tok), _toks(t_tok), "passive")
    source, s_tok = _subject_of(verb, actors)
    objs = [c for c in verb.children if c.dep_ in OBJECTS]
    target, t_tok = _first_with_actors(actors, objs + _pobjs(verb, TARGET_PREPS))
    if not target:
        # "demanded that the US cancel ...": the subject of the complement clause;
        # "threatened to shell Iraqi towns": the object of the complement
        for comp in verb.children:
            if comp.dep_ in ("ccomp", "xcomp"):
                heads = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
                heads += [c for c in comp.children if c.dep_ in OBJECTS]
                target, t_tok = _first_with_actors(actors, heads + _pobjs(comp, TARGET_PREPS))
                if target:
                    break
    how = "parse"
    if not target:
        target, t_tok = _in_subtree(verb, actors, {e.id for e in source})
        how = "parse+subtree" if target else how
    target = [e for e in target if e not in source]
    return Roles(_ids(source), _ids(target), _toks(s_tok), _toks(t_tok), how)


def _misread_main_verb(verb: Token, actors: ActorMap) -> Roles | None:
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
    return Roles(_ids(source), _ids(target), (root.i,), (head.i,), "parse+misread-verb")


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


LIGHT_VERBS = frozenset(
    [
        "be",
        "have",
        "do",
        "make",
        "take",
        "get",
        "give",
        "hold",
        "conduct",
        "carry",
        "stage",
        "mount",
        "launch",
        "issue",
        "open",
        "impose",
        "lodge",
        "file",
        "reach",
        "begin",
        "start",
        "resume",
        "continue",
        "level",
        "express",
        "voice",
        "raise",
        "announce",
        "step",
        "seek",
        "renew",
        "deliver",
        "call",
        "put",
        "set",
        "keep",
        "go",
        "come",
        "see",
        "include",
        "offer",
        "sign",
        "order",
        "declare",
        "speed",
        "accelerate",
        "undertake",
        "reimpose",
        "reinstate",
        "intensify",
        "escalate",
        "step",
        "wage",
        "organize",
        "organise",
        "hold",
        "complete",
        "extend",
        "tighten",
    ]
)


def is_light(verb: Token) -> bool:
    """A light verb, also when the tagger mis-lemmatised its past form ("staged" -> "stag")."""
    lemma = verb.lemma_.lower()
    if lemma in LIGHT_VERBS:
        return True
    low = verb.lower_
    return verb.tag_ in ("VBD", "VBN") and low.endswith("ed") and low[:-1] in LIGHT_VERBS


# verbs whose object is a topic, not an act of the subject ("described the talks")
TOPIC_VERBS = frozenset(
    [
        "describe",
        "include",
        "consider",
        "mention",
        "recall",
        "discuss",
        "report",
        "cover",
        "follow",
        "review",
        "analyze",
        "expect",
        "watch",
        "see",
        "call",
        "term",
        "dub",
        "label",
        "deem",
        "prevent",
        "block",
        "thwart",
        "foil",
        "stop",
        "postpone",
        "delay",
        "await",
        "welcome",
        "criticize",
        "praise",
        "oppose",
        "cancel",
        "question",
        "doubt",
    ]
)


def inherits(noun: Token, gov: Token) -> bool:
    """A nominal event takes its governor's subject as actor when the verb only carries it
    ("held talks", "imposed sanctions") or places the subject at it ("made progress at
    talks"), not when the noun is the topic of another act ("described the talks")."""
    return (
        is_light(gov) or noun.dep_ == "pobj" or (noun.dep_ == "conj" and noun.head.dep_ == "pobj")
    )


def noun_roles(noun: Token, actors: ActorMap, consult_like: bool) -> Roles:
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
    target, t_tok = _first_with_actors(actors, _pobjs(noun, preps))
    gov = governor(noun)
    how = "noun"
    if gov is not None and inherits(noun, gov):
        if not source:
            source, s_tok = _subject_of(gov, actors)
            how = "noun+governor"
        if not target:
            gov_preps = ("with",) if consult_like else TARGET_PREPS
            extra = [c for c in gov.children if c.dep_ in ("dative", "iobj")]
            target, t_tok = _first_with_actors(actors, extra + _pobjs(gov, gov_preps))
    if not target and not consult_like:
        target, t_tok = _in_subtree(noun, actors, {e.id for e in source})
    target = [e for e in target if e not in source]
    return Roles(_ids(source), _ids(target), _toks(s_tok), _toks(t_tok), how)


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
    if heads and heads[0].lower_ in ("it", "they", "we", "he", "she"):
        node = verb
        for _ in range(6):  # "Afghan rebel leaders said they would meet ..."
            if node.dep_ == "ccomp" and node.head.i != node.i:
                heads = [c for c in node.head.children if c.dep_ == "nsubj"]
                break
            if node.head.i == node.i:
                break
            node = node.head
    return any(_names_actor(h) for h in heads)
