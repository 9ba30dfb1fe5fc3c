"""The event coder: triggers from the lexicon, typed, with actors, modes, place and date."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..spans import EntityIndex, doc_text
from ..types import Article, Entity, Event, Quote, TimeExpr
from .lexicon import Entry, Lexicon, Plover
from .modes import SPEECH, Modality, claimed_by, modality
from .roles import (
    LIGHT_VERBS,
    NAMED,
    ActorMap,
    Roles,
    governor,
    is_light,
    noun_roles,
    unresolved_actor,
    verb_roles,
)
from .when import HISTORICAL_DAYS, event_date, period

__all__ = ["MAX_EVENTS_PER_SENTENCE", "MAX_SENTENCE_TOKENS", "code_document"]

MAX_EVENTS_PER_SENTENCE = 3
MAX_SENTENCE_TOKENS = 400  # longer "sentences" (flattened tables) are cut to their start
# verbs whose CAMEO dictionary patterns misfire in news prose: speech, cognition, receipt
NO_CAMEO = SPEECH | frozenset(
    {"hope", "expect", "decide", "fail", "ensure", "face", "receive", "arrive", "describe"}
    | {"understand", "share", "ask", "see", "think", "know", "feel", "want", "wish"}
)
GENERIC = frozenset(
    [
        "be",
        "have",
        "do",
        "make",
        "take",
        "get",
        "go",
        "come",
        "see",
        "know",
        "think",
        "want",
        "need",
        "use",
        "include",
        "become",
        "remain",
        "seem",
        "leave",
        "put",
        "set",
        "keep",
        "say",
        "tell",
        "find",
        "show",
        "try",
        "let",
        "mean",
        "turn",
        "look",
    ]
)
# speech acts: an accepted trigger of these types swallows events in its complement
FRAMING = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE", "SUPPORT"})
COOPERATIVE_INTENT = {
    "CONSULT": "036",
    "SUPPORT": "032",
    "COOPERATE": "031",
    "AID": "033",
    "CONCEDE": "035",
    "RETREAT": "035",
}
HOSTILE_INTENT = {
    "ASSAULT": "138",
    "COERCE": "130",
    "SANCTION": "130",
    "MOBILIZE": "138",
    "PROTEST": "130",
}
# acts reported in the passive without their agent ("was arrested") that still make an event
AGENTLESS_TYPES = frozenset(
    {"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "AID", "RETREAT", "MOBILIZE", "CONCEDE"}
)
# material acts whose target, when none is named, is the place they hit
PLACE_TARGETS = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"})
LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "within", "on"})
PLACE_KINDS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    entry: Entry
    plover: Plover
    confidence: float


def _context_words(tok: Token, gov: Token | None) -> set[str]:
    """Lemmas and lower-case forms in the trigger's argument phrases (depth 3)."""
    words: set[str] = set()
    frontier = [c for c in tok.children if c.dep_ not in ("nsubj", "nsubjpass", "punct")]
    if gov is not None:
        words.update((gov.lemma_.lower(), gov.lower_))
        frontier += [c for c in gov.children if c.dep_ in ("prt", "dative")]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "figures released by the ministry"
        words.update((tok.head.lemma_.lower(), tok.head.lower_))
    for _ in range(3):
        nxt: list[Token] = []
        for c in frontier:
            words.update((c.lemma_.lower(), c.lower_))
            if c.dep_ not in ("relcl", "advcl", "ccomp", "acl"):
                nxt.extend(c.children)
        frontier = nxt[:40]
    return words


def _subject_lemma(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c.lemma_.lower()
    return None


def _matches(entry: Entry, words: set[str], subject: str | None) -> bool:
    for cue in entry.cues:
        if cue.startswith("subj:"):
            if subject != cue[5:]:
                return False
        elif cue not in words:
            return False
    return True


_PREPOSITIONS = frozenset(
    [
        "about",
        "against",
        "at",
        "between",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "over",
        "to",
        "with",
    ]
)


# "Madrid beat Barcelona 3-1": a match result, not an assault
SPORTS_VERBS = frozenset({"beat", "defeat", "thrash", "rout", "crush", "edge", "down", "hammer"})
_SCORE = re.compile(r"(?<![\d.,])\d{1,3} ?[-\u2013] ?\d{1,3}(?![\d.,])")


def _sports_result(token: Token) -> bool:
    return token.lemma_.lower() in SPORTS_VERBS and bool(_SCORE.search(token.sent.text))


def _choose(
    token: Token, lexicon: Lexicon, gov: Token | None
) -> tuple[Entry, Plover, float] | None:
    lemma = token.lemma_.lower()
    if _sports_result(token):
        return None
    noun = token.pos_ in ("NOUN", "PROPN")
    own = (lexicon.nouns if noun else lexicon.verbs).get(lemma, [])
    if not own and token.pos_ == "PROPN" and lemma.endswith("s"):
        lemma = lemma[:-1]  # "Talks" in a capitalised headline is tagged as a name
        own = lexicon.nouns.get(lemma, [])
    cameo = [] if noun or lemma in NO_CAMEO else lexicon.cameo_verbs.get(lemma, [])
    if not own and not cameo:
        return None
    words = _context_words(token, gov)
    subject = _subject_lemma(token)
    # the own lexicon first (entries with cues, then without); an own entry whose code has
    # no PLOVER type blocks the word ("declined comment")
    own_hits = sorted((e for e in own if _matches(e, words, subject)), key=lambda e: -len(e.cues))
    cameo_hits = sorted(
        (e for e in cameo if e.cues and _matches(e, words, subject)),
        key=lambda e: (-any(c not in _PREPOSITIONS for c in e.cues), -len(e.cues)),
    )
    if own_hits:
        best = own_hits[0]
        plover = lexicon.plover_of(best.cameo)
        if plover is None:
            return None
        score = 0.9 if best.cues else 0.8
        # a more specific CAMEO pattern of the same type refines the code
        for e in cameo_hits:
            refined = lexicon.plover_of(e.cameo)
            if refined is not None and refined.type == plover.type and not best.cues:
                return replace(best, cameo=e.cameo, name=f"{best.name}/{e.name}"), refined, score
        return best, plover, score
    if not lexicon.cameo_fallback:
        return None
    for e in cameo_hits:
        content = any(c not in _PREPOSITIONS for c in e.cues)
        if not content and lemma in LIGHT_VERBS:
            continue
        plover = lexicon.plover_of(e.cameo)
        if plover is not None:
            return e, plover, (0.75 if content else 0.6) + 0.01 * len(e.cues)
        return None
    if lemma in GENERIC or lemma in LIGHT_VERBS:
        return None
    for e in cameo:
        if not e.cues:
            plover = lexicon.plover_of(e.cameo)
            return (e, plover, 0.55) if plover is not None else None
    return None


MUST = frozenset({"must", "should", "ought"})
MUST_HEADS = frozenset(
    {"say", "declare", "announce", "conclude", "insist", "stress", "tell", "warn", "state"}
)


# "issued a reminder to Iraq that it must cooperate"
MUST_NOUNS = frozenset({"reminder", "declaration", "statement", "message", "letter", "warning"})


def _must_clause(tok: Token, lexicon: Lexicon) -> tuple[Entry, Plover, float] | None:
    """'X said Y must do Z' is X's demand on Y (CAMEO 10), whatever Z is."""
    lemma = tok.lemma_.lower()
    # "issued a reminder to Iraq that it must ...": the clause hangs on the light verb
    carried = (
        tok.pos_ == "VERB"
        and is_light(tok)
        and any(c.dep_ == "dobj" and c.lemma_.lower() in MUST_NOUNS for c in tok.children)
    )
    if not (
        (tok.pos_ == "VERB" and (lemma in MUST_HEADS or carried))
        or (tok.pos_ == "NOUN" and lemma in MUST_NOUNS)
    ):
        return None
    for comp in tok.children:
        if comp.dep_ in ("ccomp", "acl") and any(
            c.dep_ == "aux" and c.lower_ in MUST for c in comp.children
        ):
            plover = lexicon.plover_of("100")
            if plover is None:
                return None
            entry = Entry(lemma, tok.pos_, ("must",), "100", "must-clause", "rule")
            return entry, plover, 0.7
    return None


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d


def _inside(tok: Token, ancestor: Token) -> bool:
    return ancestor.i != tok.i and ancestor.is_ancestor(tok)


def _date_range(value: str | None) -> tuple[date, date] | None:
    return period(value)


@dataclass
class _Ctx:
    article: Article
    doc: Doc
    entities: tuple[Entity, ...]
    times: tuple[TimeExpr, ...]
    quotes: tuple[Quote, ...]
    lexicon: Lexicon
    dateline_entity: str | None
    statements: bool = True
    index: EntityIndex | None = None

    def entity_index(self) -> EntityIndex:
        """One index over the entities per document (per sentence would be quadratic)."""
        if self.index is None:
            self.index = EntityIndex(self.entities)
        return self.index


def _dateline_entity(article: Article, entities: tuple[Entity, ...]) -> str | None:
    if article.dateline is None:
        return None
    if article.dateline.entity:
        return article.dateline.entity
    place = article.dateline.place.casefold()
    for e in entities:
        if e.kind in PLACE_KINDS and place in (a.casefold() for a in (e.name, *e.aliases)):
            return e.id
    return None


def _location(trigger: Token, gov: Token | None, actors: ActorMap, used: set[str]) -> str | None:
    anchors = {trigger.i} | ({gov.i} if gov is not None else set())
    best: tuple[int, str] | None = None
    for tok_i, ent in actors.by_token.items():
        if ent.kind not in PLACE_KINDS or ent.id in used:
            continue
        tok = actors_doc_token(actors, tok_i)
        if tok is None or tok.dep_ != "pobj" or tok.head.lower_ not in LOCATION_PREPS:
            continue
        if tok.head.lower_ == "on" and not (ent.kind == "LOC" or ent.kind == "FAC"):
            continue
        head = tok.head.head
        for dist in range(4):
            if head.i in anchors:
                if best is None or dist < best[0]:
                    best = (dist, ent.id)
                break
            if head.head.i == head.i or head.dep_ in ("ccomp", "relcl", "advcl"):
                break
            head = head.head
    return best[1] if best else None


def actors_doc_token(actors: ActorMap, i: int) -> Token | None:
    return actors.doc[i] if 0 <= i < len(actors.doc) else None


def _code_sentence(ctx: _Ctx, sent: Span) -> list[Event]:
    actors = ActorMap(ctx.entities, sent, ctx.entity_index())
    if not actors.political_in(sent) and not any(t.ent_type_ in NAMED for t in sent):
        return []
    tokens = list(sent)[:MAX_SENTENCE_TOKENS]
    found: list[tuple[int, Trigger, Token | None]] = []
    for tok in tokens:
        if tok.pos_ not in ("VERB", "NOUN", "PROPN"):
            continue
        if tok.pos_ != "VERB" and tok.ent_type_ in NAME_TYPES:
            continue  # "the Ceasefire Violations Committee" names a body, not an event
        gov = governor(_anchor(tok)) if tok.pos_ != "VERB" else None
        choice = _must_clause(tok, ctx.lexicon) or _choose(tok, ctx.lexicon, gov)
        if choice is None:
            continue
        choice = _purpose_protest(tok, choice, ctx.lexicon)
        entry, plover, score = choice
        # "staged rallies": the noun is the act of the light verb's clause, as deep as it
        depth = _depth(gov) if gov is not None and is_light(gov) else _depth(tok)
        found.append((depth, Trigger(tok, entry, plover, score), gov))
    noun_types = {f[1].token.i: f[1].plover.type for f in found if f[1].token.pos_ != "VERB"}
    # "A roadside bombing killed ...": the noun is the event; the verb, tried after it, only
    # stands in (with no agent) when the noun found no actors
    same_event = {f[1].token.i for f in found if _subject_is_same_event(f[1], noun_types)}
    found = [(d + 2 if f.token.i in same_event else d, f, g) for d, f, g in found]
    found.sort(
        key=lambda f: (f[0], f[1].plover.type not in FRAMING, -f[1].confidence, f[1].token.i)
    )
    accepted: list[tuple[Trigger, Token | None, Roles]] = []
    for _, trig, gov in found:
        tok = trig.token
        if any(a[0].token.i == tok.i for a in accepted):
            continue
        if _swallowed(tok, gov, accepted, trig.plover.type):
            continue
        if tok.i in same_event and any(
            a[0].token.head.i == tok.i and a[0].token.dep_ in ("nsubj", "nsubjpass")
            for a in accepted
        ):
            continue
        if (
            tok.pos_ == "VERB"
            and is_light(tok)
            and trig.entry.cues == ()
            and any(
                f[1].token.pos_ != "VERB" and f[2] is not None and f[2].i == tok.i for f in found
            )
        ):
            continue  # "hold talks": the noun decides
        consult = trig.plover.type == "CONSULT"
        roles = (
            verb_roles(tok, actors)
            if tok.pos_ == "VERB"
            else noun_roles(_anchor(tok), actors, consult)
        )
        if trig.entry.cameo.startswith("045") and tok.pos_ != "VERB" and gov is not None:
            roles = _mediator(roles, gov, actors)
        ents = [actors.index.get(i) for i in (*roles.source, *roles.target)]
        political = any(e is not None and actors.is_political(e) for e in ents)
        if not (roles.source and political):
            # a state, nationality or organisation named in the acting phrase that the entity
            # stage did not resolve ("Sudanese government"): the event stands, unattributed
            if unresolved_actor(tok, gov) and (political or not roles.target):
                # an unresolved actor acting on a private person is no political event
                roles = replace(roles, source=(), how="unresolved-source")
            elif (
                (roles.how == "passive" or tok.i in same_event or _unnamed_attacker(tok))
                and roles.target
                and political
                and trig.plover.type in AGENTLESS_TYPES
            ):
                roles = replace(roles, how="agentless")  # "X was arrested": by someone unnamed
            elif (
                roles.target
                and political
                and trig.plover.type in UNNAMED_SOURCE_TYPES
                and _common_subject(tok)
            ):
                # "thousands of people blocked streets in defiance of the authorities"
                roles = replace(roles, how="unnamed-source")
            else:
                continue
        accepted.append((trig, gov, roles))
        if len(accepted) >= MAX_EVENTS_PER_SENTENCE:
            break
    accepted.sort(key=lambda a: a[0].token.i)
    if not accepted and ctx.statements:
        statement = _statement(ctx, sent, actors)
        return [statement] if statement is not None else []
    events: list[Event] = []
    seen: set[tuple[str, tuple[str, ...], tuple[str, ...]]] = set()
    for trig, gov, roles in accepted:
        event = _event(ctx, sent, trig, gov, roles, actors)
        key = (event.type or "", event.source, event.target)
        if key in seen:
            continue
        seen.add(key)
        events.append(event)
    return events


# the main predicate of a sentence that is a political actor's public statement and nothing
# else (CAMEO 01 "make public statement"; no PLOVER type)
STATEMENT_VERBS = frozenset(
    {
        "say",
        "state",
        "announce",
        "declare",
        "confirm",
        "tell",
        "add",
        "note",
        "stress",
        "insist",
        "admit",
        "reiterate",
        "remark",
        "comment",
        "speak",
        "point",
        "acknowledge",
        "emphasize",
        "emphasise",
        "unveil",
    }
)

STATEMENT_SKIP_SECTORS = frozenset({"COP"})


def _statement(ctx: _Ctx, sent: Span, actors: ActorMap) -> Event | None:
    """'The ministry said ...' with no typed event: a statement event (type None, CAMEO
    010) when the sentence's main predicate is a speech act of a political actor."""
    root = sent.root
    if root.pos_ != "VERB" or root.lemma_.lower() not in STATEMENT_VERBS:
        return None
    if any(c.dep_ == "neg" for c in root.children):
        return None
    roles = verb_roles(root, actors)
    # a named state's actor, not "authorities said" or "police said" closing a crime report
    if not any(
        e is not None
        and (e.country or (e.code and e.code != e.sector))
        and e.sector not in STATEMENT_SKIP_SECTORS
        for e in (actors.index.get(i) for i in roles.source)
    ):
        return None
    value, granularity, _ = event_date(ctx.times, sent, [root], ctx.article.published)
    trigger = (root.idx, root.idx + len(root.text))
    return Event(
        id="",
        type=None,
        cameo="010",
        source=roles.source,
        target=roles.target,
        date=value,
        date_granularity=granularity,
        sentence=(sent.start_char, sent.end_char),
        trigger=trigger,
        evidence=ctx.article.text[trigger[0] : trigger[1]]
        if ctx.article.text == doc_text(ctx.doc)
        else root.text,
        rule=f"statement:{root.lemma_.lower()}",
        confidence=0.5,
    )


PROMISES = frozenset({"vow", "promise", "pledge", "offer", "commit"})


def _hostile_complement(tok: Token, lexicon: Lexicon) -> str | None:
    """The PLOVER type of a hostile act in the trigger's infinitive complement, if any."""
    for comp in tok.children:
        if comp.dep_ != "xcomp" or comp.pos_ != "VERB":
            continue
        choice = _choose(comp, lexicon, None)
        if choice is not None and choice[1].type in HOSTILE_INTENT:
            return choice[1].type
    return None


# subjects that are a weapon or an unnamed attacker: the act has no political agent, but
# it is an event when its target is political ("a car bomb killed two Iraqi policemen")
UNNAMED_ATTACKERS = frozenset(
    {
        "bomb",
        "blast",
        "explosion",
        "mine",
        "landmine",
        "rocket",
        "missile",
        "shell",
        "mortar",
        "grenade",
        "gunfire",
        "gunman",
        "assailant",
        "attacker",
        "sniper",
        "bomber",
    }
)


# acts of people the entity stage cannot name (crowds, workers, a newspaper) that are
# events when aimed at a political target
UNNAMED_SOURCE_TYPES = frozenset({"PROTEST", "REJECT", "ACCUSE"})


PERSONAL_NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _common_subject(tok: Token) -> bool:
    """The verb's subject is a common noun phrase naming no entity ("people", "a paper")."""
    if tok.pos_ != "VERB":
        return False
    return any(
        c.dep_ == "nsubj" and c.pos_ in ("NOUN", "NUM") and c.ent_type_ not in PERSONAL_NAMES
        for c in tok.children
    )


# named-entity types whose words name a body or a text, not an event
NAME_TYPES = frozenset({"ORG", "FAC", "LAW", "WORK_OF_ART", "PRODUCT"})


def _mediator(roles: Roles, gov: Token, actors: ActorMap) -> Roles:
    """'Norway undertook a mediation between Sudan and Chad': the parties are the targets,
    the mediator is the subject of the verb that carries the mediation."""
    by = verb_roles(gov, actors)
    if not by.source:
        return roles
    parties = tuple(e for e in (*roles.source, *roles.target) if e not in by.source)
    return replace(
        roles,
        source=by.source,
        target=parties,
        source_tokens=by.source_tokens,
        target_tokens=roles.source_tokens + roles.target_tokens,
    )


def _anchor(noun: Token) -> Token:
    """'undertook a mediation mission': a trigger modifying a noun takes that noun's place."""
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
        return noun.head
    return noun


def _purpose_protest(
    tok: Token, choice: tuple[Entry, Plover, float], lexicon: Lexicon
) -> tuple[Entry, Plover, float]:
    """'shunned work to protest at X', 'marched to protest X': a demonstration (CAMEO 141),
    not an official protest, when the protest is the purpose of another act."""
    if tok.lemma_.lower() != "protest" or tok.pos_ != "VERB":
        return choice
    purpose = tok.dep_ in ("advcl", "xcomp", "acl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
    )
    if not purpose or tok.head.lemma_.lower() in MUST_HEADS | NO_CAMEO:
        return choice
    plover = lexicon.plover_of("141")
    if plover is None:
        return choice
    entry = Entry("protest", "VERB", ("to",), "141", "protest-purpose", "rule")
    return entry, plover, choice[2]


def _suicide_attack(tok: Token) -> bool:
    """'A suicide bomber killed five': the act is a suicide bombing whatever its verb."""
    if tok.pos_ != "VERB":
        return False
    return any(
        c.dep_ == "nsubj"
        and c.lemma_.lower() in ("bomber", "attacker", "bombing", "attack")
        and any(m.lower_ == "suicide" for m in c.children)
        for c in tok.children
    )


def _unnamed_attacker(tok: Token) -> bool:
    if tok.pos_ != "VERB":
        return False
    return any(
        c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lemma_.lower() in UNNAMED_ATTACKERS
        for c in tok.children
    )


def _subject_is_same_event(trig: Trigger, noun_types: dict[int, str]) -> bool:
    """'An air strike ... killed ten': the strike is the event, the killing its result."""
    if trig.token.pos_ != "VERB":
        return False
    heads = [c for c in trig.token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(noun_types.get(h.i) == trig.plover.type for h in heads)


def _swallowed(
    tok: Token,
    gov: Token | None,
    accepted: list[tuple[Trigger, Token | None, Roles]],
    kind: str | None = None,
) -> bool:
    """A trigger inside an accepted event's clause is part of it, unless only coordinated."""
    for trig, top_gov, _ in accepted:
        top = trig.token
        if gov is not None and gov.i == top.i:
            return True
        if (
            trig.plover.type in FRAMING
            and top_gov is not None
            and _inside(tok, top_gov)
            and not _inside(tok, top)
            and tok.i > top.i
        ):
            return True  # "issued an ultimatum to Ecuador to halt attacks"
        if not _inside(tok, top):
            continue
        # coordinated verbs ("agreed ... and signed") are events of their own
        node = tok
        while node.head.i != top.i and node.head.i != node.i:
            node = node.head
        if node.dep_ == "conj" and tok.pos_ == "VERB":
            continue
        if (
            node.dep_ == "advcl"
            and node.tag_ == "VBG"
            and tok.pos_ == "VERB"
            and trig.plover.type not in FRAMING
            and kind is not None
            and kind != trig.plover.type
        ):
            continue  # "opened fire, killing one and arresting 12": acts of their own
        if trig.plover.type in FRAMING or node.dep_ in (
            "dobj",
            "prep",
            "xcomp",
            "advcl",
            "pobj",
            "agent",
        ):
            return True
    return False


def _event(
    ctx: _Ctx,
    sent: Span,
    trig: Trigger,
    gov: Token | None,
    roles: Roles,
    actors: ActorMap,
) -> Event:
    tok = trig.token
    mood: Modality = modality(tok, gov)
    plover, cameo = trig.plover, trig.entry.cameo
    rule = trig.entry.rule
    hostile = _hostile_complement(tok, ctx.lexicon)
    if hostile is not None and tok.lemma_.lower() in PROMISES:
        # "vowed to retaliate": a promise of violence is a threat
        cameo = HOSTILE_INTENT.get(hostile, "130")
        plover = ctx.lexicon.plover_of(cameo) or plover
        rule += "+hostile-promise"
    elif (
        mood.intent
        and mood.negated
        and (plover.type in COOPERATIVE_INTENT or plover.type == "AGREE")
    ):
        # "will not accept refugees": an announced refusal
        cameo = "125" if plover.type == "CONSULT" else "120"
        plover = ctx.lexicon.plover_of(cameo) or plover
        rule += "+refusal"
        mood = replace(mood, negated=False)
    elif mood.intent and not mood.negated:
        if plover.type in COOPERATIVE_INTENT and (
            mood.explicit or plover.type not in ("RETREAT", "CONCEDE")
        ):
            cameo = COOPERATIVE_INTENT[plover.type]
            plover = ctx.lexicon.plover_of(cameo) or plover
            rule += "+intent"
        elif plover.type in HOSTILE_INTENT:
            cameo = HOSTILE_INTENT[plover.type]
            plover = ctx.lexicon.plover_of(cameo) or plover
            rule += "+intent"
    if plover.type == "ASSAULT" and _suicide_attack(tok) and not cameo.startswith("18"):
        cameo, rule = "1831", rule + "+suicide-attack"  # CAMEO: suicide bombing
    anchors = [tok] + ([gov] if gov is not None else [])
    value, granularity, texpr = event_date(ctx.times, sent, anchors, ctx.article.published)
    future, historical = mood.future, False
    pub = period(ctx.article.published)
    when = period(value)
    if pub and when and texpr is not None:
        if when[0] > pub[1]:
            future = True
        if (pub[0] - when[1]).days > HISTORICAL_DAYS:
            historical = True
    used = set(roles.source) | set(roles.target)
    location = _location(tok, gov, actors, used)
    if not roles.target and location is not None and plover.type in PLACE_TARGETS:
        # "imposed a curfew in Cizre", "suspended aid deliveries in Baghdad": the place suffers
        roles = replace(roles, target=(location,))
    if (
        location is None
        and ctx.dateline_entity
        and not (future or mood.hypothetical or historical)
        and (texpr is None or (pub is not None and when is not None and when[0] <= pub[1]))
        and ctx.dateline_entity not in used
    ):
        location = ctx.dateline_entity
    claimant = claimed_by(tok, ctx.quotes, actors, roles.source)
    idx = [tok.i, *roles.source_tokens, *roles.target_tokens] + ([gov.i] if gov else [])
    lo = min(ctx.doc[i].left_edge.idx if i != tok.i else ctx.doc[i].idx for i in idx)
    hi_tok = max(idx)
    hi = ctx.doc[hi_tok].idx + len(ctx.doc[hi_tok].text)
    lo, hi = max(lo, sent.start_char), min(max(hi, tok.idx + len(tok.text)), sent.end_char)
    confidence = trig.confidence * (1.0 if roles.source else 0.6)
    if mood.cue:
        rule += f"+{mood.cue}"
    if roles.how in ("unresolved-source", "agentless", "unnamed-source"):
        rule += f"+{roles.how}"
    return Event(
        id="",
        type=plover.type,
        mode=plover.mode,
        context=plover.context,
        cameo=cameo,
        source=roles.source,
        target=roles.target,
        location=location,
        date=value,
        date_granularity=granularity,
        negated=mood.negated,
        hypothetical=mood.hypothetical,
        future=future,
        historical=historical,
        claimed_by=claimant,
        sentence=(sent.start_char, sent.end_char),
        trigger=(tok.idx, tok.idx + len(tok.text)),
        evidence=ctx.article.text[lo:hi] if ctx.article.text == doc_text(ctx.doc) else sent.text,
        rule=rule,
        confidence=round(confidence, 3),
    )


def code_document(
    article: Article,
    doc: Doc,
    entities: tuple[Entity, ...],
    times: tuple[TimeExpr, ...],
    quotes: tuple[Quote, ...],
    lexicon: Lexicon,
    statements: bool = True,
) -> tuple[Event, ...]:
    """Every event of the document, numbered V1, V2, ... in text order."""
    ctx = _Ctx(
        article,
        doc,
        entities,
        times,
        quotes,
        lexicon,
        _dateline_entity(article, entities),
        statements,
    )
    events: list[Event] = []
    for sent in doc.sents:
        events.extend(_code_sentence(ctx, sent))
    return tuple(replace(e, id=f"V{n}") for n, e in enumerate(events, 1))
