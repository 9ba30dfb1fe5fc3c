"""Event modes from the parse: negated, hypothetical, future, and who claims the event."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..types import Quote
from .roles import ActorMap

__all__ = ["Modality", "claimed_by", "modality"]

HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "should", "can"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# verbs and adjectives whose complement is an intended or expected act
INTENT_HEADS = frozenset(
    {"plan", "intend", "expect", "schedule", "prepare", "aim", "hope", "want", "seek", "decide"}
)
# heads that commit the subject to the act ("wants to attack" is a threat)
RESOLVE_HEADS = frozenset({"plan", "intend", "want", "aim", "decide", "seek"})
WILLING = frozenset({"willing", "ready", "prepared", "set", "due", "poised", "determined"})
POSSIBLE = frozenset({"possible", "potential", "proposed", "planned", "possibility", "prospect"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
FAILING = frozenset({"fail", "refuse", "decline", "stop", "cease"})
SPEECH = frozenset(
    {
        "say",
        "tell",
        "state",
        "claim",
        "add",
        "announce",
        "report",
        "quote",
        "confirm",
        "declare",
        "insist",
        "note",
        "stress",
        "assert",
        "allege",
        "argue",
        "write",
        "believe",
        "suggest",
        "indicate",
    }
)


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    intent: bool = False  # the actor commits to the act (will, would in reported speech, ready)
    cue: str | None = None
    explicit: bool = False  # the commitment is spelled out ("willing to", "plans to")


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
    negated = hypothetical = future = intent = explicit = False
    cue: str | None = None
    for tok in chain:
        for child in tok.children:
            low = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "advmod" and low in ("never", "not")):
                negated, cue = True, cue or low
            elif child.dep_ == "aux" and low in HYPOTHETICAL_AUX:
                hypothetical, cue = True, cue or low
            elif child.dep_ == "aux" and low in FUTURE_AUX:
                future = intent = True
                # "the rebels announced they will return the weapons": an announced commitment
                explicit = explicit or _reported(tok)
                cue = cue or low
            elif child.dep_ == "aux" and low in ("would", "'d"):
                if _reported(tok):  # "Iraq said it would allow ...": an announced intention
                    future = intent = explicit = True
                else:
                    hypothetical = True
                cue = cue or low
            elif child.dep_ == "mark" and low in ("if", "unless"):
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
    if trigger.pos_ in ("NOUN", "PROPN"):
        for child in trigger.children:
            if child.dep_ == "det" and child.lower_ == "no":
                negated, cue = True, cue or "no"
            if child.dep_ == "amod" and child.lower_ in POSSIBLE:
                hypothetical, cue = True, cue or child.lower_
        head = trigger.head
        if trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in POSSIBLE:
            hypothetical, cue = True, cue or head.head.lower_
    return Modality(negated, hypothetical, future, intent and not hypothetical, cue, explicit)


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
    trigger: Token, quotes: tuple[Quote, ...], actors: ActorMap, source: tuple[str, ...]
) -> str | None:
    """The speaker whose quote (or reported speech) is the only place the event is asserted."""
    at = trigger.idx
    for quote in quotes:
        if quote.speaker and any(s <= at < e for s, e in quote.spans):
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
