"""Event modes from the parse: negated, hypothetical, future, and who claims the event."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .._data import table, word_set
from .._spans import QuoteIndex
from ._roles import CONDITIONS, ActorMap

__all__ = ["CAMEO_BY_WEAPON", "Modality", "claimed_by", "modality", "threat_code", "weapon_mode"]

# adverbs that negate the verb they modify (the parser's "advmod", not "neg")
NEGATING_ADVERBS = word_set("events/modes/negating_adverbs.txt")
# auxiliaries of a conditional: reported, an announced intention ("said it would"); else
# hypothetical
CONDITIONAL_AUX = word_set("events/modes/conditional_aux.txt")
HYPOTHETICAL_AUX = word_set("events/modes/hypothetical_aux.txt")
FUTURE_AUX = word_set("events/modes/future_aux.txt")
# verbs and adjectives whose complement is an intended or expected act
INTENT_HEADS = word_set("events/modes/intent_heads.txt")
# heads whose "X to do Y" complement is a wish about someone else's act, not an act
DESIRE = word_set("events/modes/desire.txt")
# heads that commit the subject to the act ("wants to attack" is a threat)
RESOLVE_HEADS = word_set("events/modes/resolve_heads.txt")
WILLING = word_set("events/modes/willing.txt")
POSSIBLE = word_set("events/modes/possible.txt")
NEGATORS = word_set("events/modes/negators.txt")
FAILING = word_set("events/modes/failing.txt")
SPEECH = word_set("events/modes/speech.txt")
# "must", "should" and "needs to" lay an obligation on the actor; "asked whether" a question
OBLIGATION_AUX = word_set("events/modes/obligation_aux.txt")
OBLIGATION_HEADS = word_set("events/modes/obligation_heads.txt")
QUESTION_VERBS = word_set("events/modes/question_verbs.txt")


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    intent: bool = False  # the actor commits to the act (will, would in reported speech, ready)
    cue: str | None = None
    explicit: bool = False  # the commitment is spelled out ("willing to", "plans to")
    question: bool = False  # asked, not asserted ("Will the US impose sanctions?")
    obligation: bool = False  # laid on the actor, not done ("Russia must withdraw")


def _chain(trigger: Token, gov: Token | None) -> list[Token]:
    """The trigger and the verbs that embed it in the same clause (xcomp, light verb)."""
    chain = [trigger]
    if gov is not None:
        chain.append(gov)
    tok = chain[-1]
    for _ in range(3):
        if tok.dep_ in ("xcomp", "acomp", "conj") and tok.head.i != tok.i:
            tok = tok.head
            chain.append(tok)
            if tok.dep_ == "acomp":
                continue
        else:
            break
    return chain


def modality(trigger: Token, gov: Token | None) -> Modality:
    chain = _chain(trigger, gov)
    negated = hypothetical = future = intent = explicit = obligation = False
    cue: str | None = None
    for tok in chain:
        for child in tok.children:
            low = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "advmod" and low in NEGATING_ADVERBS):
                negated, cue = True, cue or low
            elif child.dep_ == "aux" and low in OBLIGATION_AUX:
                obligation, cue = True, cue or low
            elif child.dep_ == "aux" and low in HYPOTHETICAL_AUX:
                hypothetical, cue = True, cue or low
            elif child.dep_ == "aux" and low in FUTURE_AUX:
                future = intent = True
                # "the rebels announced they will return the weapons": an announced commitment
                explicit = explicit or _reported(tok)
                cue = cue or low
            elif child.dep_ == "aux" and low in CONDITIONAL_AUX:
                if _reported(tok):  # "Iraq said it would allow ...": an announced intention
                    future = intent = explicit = True
                else:
                    hypothetical = True
                cue = cue or low
            elif child.dep_ == "mark" and low in CONDITIONS:
                hypothetical, cue = True, cue or low
        if tok is not trigger and tok.lemma_ in INTENT_HEADS:
            future, cue = True, cue or tok.lemma_
            intent = intent or tok.lemma_ in RESOLVE_HEADS
            explicit = explicit or tok.lemma_ in RESOLVE_HEADS
        if tok is not trigger and tok.lower_ in WILLING:
            future = intent = explicit = True
            cue = cue or tok.lower_
        if tok is not trigger and tok.lemma_ in FAILING:
            negated, cue = True, cue or tok.lemma_
        if tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children):
            future = True
        if tok is not trigger and tok.lemma_.lower() in OBLIGATION_HEADS and _to_complement(tok):
            obligation, cue = True, cue or tok.lemma_.lower()
    top = chain[-1]
    if (
        top.dep_ == "ccomp"
        and top.head.lemma_.lower() in DESIRE
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in top.children)
    ):
        hypothetical, cue = True, cue or top.head.lemma_.lower()  # "wants Putin to attack"
    if trigger.pos_ in ("NOUN", "PROPN"):
        for child in trigger.children:
            if child.dep_ == "det" and child.lower_ == "no":
                negated, cue = True, cue or "no"
            if child.dep_ == "amod" and child.lower_ in POSSIBLE:
                hypothetical, cue = True, cue or child.lower_
        head = trigger.head
        if trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in POSSIBLE:
            hypothetical, cue = True, cue or head.head.lower_
    question = _asked(trigger, top)
    if question:
        cue = cue or "question"
    if question or obligation:  # neither is an act that happened or is promised
        hypothetical = True
    return Modality(
        negated,
        hypothetical,
        future,
        intent and not hypothetical,
        cue,
        explicit,
        question=question,
        obligation=obligation,
    )


def _to_complement(head: Token) -> bool:
    """ "has to leave", "needs to allow": the head's clausal complement takes "to"."""
    return any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in head.children
    )


def _asked(trigger: Token, top: Token) -> bool:
    """The event is asked about, not asserted: it is in a clause that a question mark ends,
    or the complement of a verb of asking ("asked whether the army would withdraw")."""
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in QUESTION_VERBS:
        return True
    for tok in trigger.sent:
        if tok.text != "?" or tok.i < trigger.i:
            continue
        clause = tok.head
        if trigger.i == clause.i or clause in trigger.ancestors:
            return True
    return False


def _reported(tok: Token) -> bool:
    """True when the clause is the complement of a speech verb ("said it would ...")."""
    for _ in range(3):
        if tok.dep_ == "ccomp" and tok.head.lemma_ in SPEECH:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def claimed_by(
    trigger: Token, quotes: QuoteIndex, actors: ActorMap, source: tuple[str, ...]
) -> str | None:
    """The speaker whose quote (or reported speech) is the only place the event is asserted."""
    for quote in quotes.content_at(trigger.idx):
        if quote.speaker:
            return quote.speaker
    tok = trigger
    for _ in range(8):
        if tok.head.i == tok.i:
            return None
        head = tok.head
        if tok.dep_ in ("ccomp", "parataxis") and head.lemma_ in SPEECH:
            subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            ents = actors.phrase(subj[0]) if subj else []
            if not ents:
                agent = [
                    p
                    for c in head.children
                    if c.dep_ in ("agent", "prep") and c.lower_ == "by"
                    for p in c.children
                ]
                ents = actors.phrase(agent[0]) if agent else []
            return ents[0].id if ents else None
        tok = head
    return None


# ---------------------------------------------------------------- PLOVER ASSAULT modes
# weapon words -> the PLOVER manual's ASSAULT mode, the more specific weapon first


def _weapon_modes() -> tuple[tuple[str, frozenset[str]], ...]:
    modes: dict[str, set[str]] = {}
    for row in table("events/modes/weapon_modes.tsv"):
        modes.setdefault(row["mode"], set()).add(row["word"])
    return tuple((mode, frozenset(words)) for mode, words in modes.items())


WEAPON_MODES: tuple[tuple[str, frozenset[str]], ...] = _weapon_modes()
AIR = word_set("events/modes/air_heads.txt")
# a modifier and its head naming a weapon of the weapon table ("air strike", "tear gas")
WEAPON_COMPOUNDS = tuple(
    (r["modifier"], r["head"], r["word"]) for r in table("events/modes/weapon_compounds.tsv")
)


def _compound_heads(heads: str) -> frozenset[str]:
    return AIR if heads == "air_heads" else frozenset({heads})


# verbs whose object is the weapon of the act in their purpose clause
WIELD = word_set("events/modes/wield.txt")
# CAMEO 19 sub-codes by weapon
CAMEO_BY_WEAPON = {r["mode"]: r["cameo"] for r in table("events/modes/weapon_cameo.tsv")}


def _weapon_words(trigger: Token, gov: Token | None) -> list[Token]:
    """Tokens of the trigger's clause and of its subject (the attacker, its weapon)."""
    heads = [trigger] + ([gov] if gov is not None else [])
    if trigger.dep_ in ("xcomp", "advcl") and trigger.head.lemma_.lower() in WIELD:
        heads.append(trigger.head)  # "used tear gas to disperse them"
    out: list[Token] = []
    for head in heads:
        out.extend(head.subtree if head.dep_ != "ROOT" else _own_clause(head))
    return out[:200]


def _own_clause(verb: Token) -> list[Token]:
    """A main verb's words without its reported or subordinate clauses."""
    out = [verb]
    stack = [c for c in verb.children if c.dep_ not in ("ccomp", "advcl", "parataxis")]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(tok.children)
    return out


def weapon_mode(trigger: Token, gov: Token | None) -> str | None:
    """The ASSAULT mode the weapon named in the event's clause implies ("shelled" ->
    heavy-weapons, "in a bomb attack" -> explosives), or None."""
    words = _weapon_words(trigger, gov)
    lemmas = {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
    for tok in words:
        head = tok.head.lemma_.lower()
        for modifier, heads, word in WEAPON_COMPOUNDS:
            if tok.lower_ != modifier or not (heads == "*" or head in _compound_heads(heads)):
                continue
            if word == "-":
                return None  # "suicide bombing": the phrase has its own code and mode
            lemmas.add(word)
    lemmas.discard("tear")
    lemmas.discard("cannon")
    for mode, cues in WEAPON_MODES:
        if lemmas & cues:
            return mode
    return None


# ---------------------------------------------------------------- CAMEO threats
# the CAMEO 13 code for threatening a given act (longest prefix first)
THREAT_OF = tuple(
    (r["act_cameo"], r["threat_cameo"]) for r in table("events/modes/threat_codes.tsv")
)


def threat_code(cameo: str) -> str | None:
    """The CAMEO code for a threat (or an announced intent) to carry out ``cameo``."""
    for prefix, code in THREAT_OF:
        if cameo.startswith(prefix):
            return code
    return None
