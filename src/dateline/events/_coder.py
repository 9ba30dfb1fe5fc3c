"""The event coder: triggers from the lexicon, typed, with actors, modes, place and date."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import cast

from spacy.tokens import Doc, Span, Token

from .._data import table, word_set
from .._spans import EntityIndex, QuoteIndex, doc_text
from ..types import Article, Entity, Event, PloverType, Quote, TimeExpr
from ._lexicon import Entry, Lexicon, Plover
from ._modes import (
    CAMEO_BY_WEAPON,
    SPEECH,
    Modality,
    claimed_by,
    modality,
    threat_code,
    weapon_mode,
)
from ._roles import (
    LIGHT_VERBS,
    NAMED,
    ActorMap,
    Arguments,
    governor,
    is_light,
    noun_roles,
    tree_depth,
    unresolved_actor,
    verb_roles,
)
from ._when import HISTORICAL_DAYS, event_date, period

__all__ = [
    "MAX_EVENTS_PER_SENTENCE",
    "MAX_SENTENCE_TOKENS",
    "Candidate",
    "Limits",
    "code_document",
]

MAX_EVENTS_PER_SENTENCE = 3
MAX_SENTENCE_TOKENS = 400  # longer "sentences" (flattened tables) are cut to their start


@dataclass(frozen=True, slots=True)
class Limits:
    """The coder's limits a user may tune (``pipeline.Settings`` passes them on)."""

    max_events_per_sentence: int = MAX_EVENTS_PER_SENTENCE
    max_sentence_tokens: int = MAX_SENTENCE_TOKENS
    historical_days: int = HISTORICAL_DAYS  # an event this long before publication is history


# verbs whose CAMEO dictionary patterns misfire in news prose: speech, cognition, receipt
NO_CAMEO = SPEECH | word_set("events/coder/no_cameo.txt")
GENERIC = word_set("events/coder/generic_verbs.txt")
# speech acts: an accepted trigger of these types swallows events in its complement
FRAMING = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE", "SUPPORT"})
_INTENT = table("events/coder/intent_codes.tsv")
COOPERATIVE_INTENT = {r["type"]: r["cameo"] for r in _INTENT if r["intent"] == "cooperative"}
HOSTILE_INTENT = {r["type"]: r["cameo"] for r in _INTENT if r["intent"] == "hostile"}
# "will not accept refugees": the CAMEO code of an announced refusal of an act of this type
REFUSALS = {r["type"]: r["cameo"] for r in table("events/coder/refusal_codes.tsv")}


def _cameo_group(group: str) -> frozenset[str]:
    """The CAMEO codes of one group of ``cameo_groups.tsv``."""
    rows = table("events/coder/cameo_groups.tsv")
    return frozenset(r["cameo"] for r in rows if r["group"] == group)


# CAMEO conventional military force, by weapon or unspecified
MILITARY_FORCE = _cameo_group("military-force")
# threat codes that say nothing of what is threatened
GENERIC_THREATS = _cameo_group("generic-threat")
# acts reported in the passive without their agent ("was arrested") that still make an event
AGENTLESS_TYPES = frozenset(
    {"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "AID", "RETREAT", "MOBILIZE", "CONCEDE"}
)
# material acts (and concessions) whose target, when none is named, is the place they hit
PLACE_TARGETS = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "CONCEDE"})
LOCATION_PREPS = word_set("events/coder/location_preps.txt")
PLACE_KINDS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A lexicon trigger the rules found but did not code, as the event it would have been.

    ``dropped_by``: ``sentence`` (the sentence names no political actor and no name, the
    coder's pre-filter), ``actors`` (no political source found for it), or
    ``sentence+actors`` (both). ``cues``: what the rules saw (the role pattern, whether a
    source and a target were found and what kind of entity they are, the passive shape), for
    the learned model's features. ``swallowed_by``: numbers (in the document's candidate
    list) of earlier candidates of the same sentence whose clause holds this trigger; were
    one of them coded, this one would be part of it.
    """

    event: Event
    dropped_by: str
    cues: tuple[str, ...]
    swallowed_by: tuple[int, ...] = ()


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
            elif c.dep_ == "advcl" and c.head.i == tok.i:
                # "pushing for the US to support": the clause's 'for' belongs to the trigger
                words.update(m.lower_ for m in c.children if m.dep_ == "mark")
        frontier = nxt[:40]
    if not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
        # "will allow refugees who have lived in camps for a decade to return": the parser
        # hangs the object's infinitive on a later noun; it is still the trigger's
        for obj in (c for c in tok.children if c.dep_ in ("dobj", "obj")):
            words.update(
                t.lemma_.lower()
                for t in list(obj.subtree)[:25]
                if t.pos_ == "VERB"
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children)
            )
    return words


def _subject_lemma(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c.lemma_.lower()
    return None


def _subject_words(tok: Token) -> set[str]:
    """Lemmas and lower-case forms of the subject phrase ("NATO peacekeeping troops")."""
    words: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            for t in list(c.subtree)[:30]:
                words.update((t.lemma_.lower(), t.lower_))
    return words


def _matches(
    entry: Entry, words: set[str], subject: str | None, subject_words: set[str] | None = None
) -> bool:
    for cue in entry.cues:
        if cue.startswith("subj:"):
            if subject != cue[5:]:
                return False
        elif cue.startswith("subj~"):
            if subject_words is None or cue[5:] not in subject_words:
                return False
        elif cue not in words:
            return False
    return True


_PREPOSITIONS = word_set("events/coder/cue_preps.txt")


# "Madrid beat Barcelona 3-1": a match result, not an assault
SPORTS_VERBS = word_set("events/coder/sports_verbs.txt")
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
    in_subject = (
        _subject_words(token) if any(c.startswith("subj~") for e in own for c in e.cues) else None
    )
    # the own lexicon first (entries with cues, then without); an own entry whose code has
    # no PLOVER type blocks the word ("declined comment")
    own_hits = sorted(
        (e for e in own if _matches(e, words, subject, in_subject)), key=lambda e: -len(e.cues)
    )
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
            if all(c in _PREPOSITIONS for c in e.cues):
                continue  # "injured in" says nothing of how: keep the own entry's code
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


# "must" demands; "should" and "ought to" advise, which raters code as a statement (01)
MUST = word_set("events/coder/must.txt")
MUST_HEADS = word_set("events/coder/must_heads.txt")


# "a warning that it must cooperate": nouns whose clause says what someone must do
MUST_NOUNS = word_set("events/coder/must_nouns.txt")


def _must_clause(tok: Token, lexicon: Lexicon) -> tuple[Entry, Plover, float] | None:
    """'X said Y must do Z' is X's demand on Y (CAMEO 10), whatever Z is."""
    lemma = tok.lemma_.lower()
    if not (
        (tok.pos_ == "VERB" and lemma in MUST_HEADS) or (tok.pos_ == "NOUN" and lemma in MUST_NOUNS)
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
    limits: Limits = Limits()
    index: EntityIndex | None = None
    quote_index_: QuoteIndex | None = None

    def entity_index(self) -> EntityIndex:
        """One index over the entities per document (per sentence would be quadratic)."""
        if self.index is None:
            self.index = EntityIndex(self.entities)
        return self.index

    def quote_index(self) -> QuoteIndex:
        """One index over the quotes per document, likewise."""
        if self.quote_index_ is None:
            self.quote_index_ = QuoteIndex(self.quotes)
        return self.quote_index_


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


# a photo caption describing an archive picture ("In this Jan. 5, 2020, file photo, ..."),
# not something the article reports as news
_FILE_PHOTO = re.compile(
    r"^\W*(?:FILE\s*(?:PHOTO)?\s*[-\u2013\u2014:]|In this\b.{0,60}?\bfile photo\b)"
)


def _code_sentence(ctx: _Ctx, sent: Span, dropped: list[Candidate] | None = None) -> list[Event]:
    """The sentence's events; ``dropped``: where to put the candidates the rules pass over
    at the pre-filter and the actor filter (None: not wanted, the rules' fast path)."""
    if _FILE_PHOTO.match(sent.text):
        return []
    actors = ActorMap(ctx.entities, sent, ctx.entity_index())
    prefiltered = not actors.political_in(sent) and not any(t.ent_type_ in NAMED for t in sent)
    if prefiltered and dropped is None:
        return []
    passed: list[tuple[Trigger, Token | None, Arguments, str]] = []  # candidates, in order
    tokens = list(sent)[: ctx.limits.max_sentence_tokens]
    found: list[tuple[int, Trigger, Token | None]] = []
    for tok in tokens:
        if tok.pos_ not in ("VERB", "NOUN", "PROPN"):
            continue
        if tok.pos_ != "VERB" and tok.ent_type_ in NAME_TYPES:
            continue  # "the Ceasefire Violations Committee" names a body, not an event
        if tok.pos_ != "VERB" and tok.dep_ == "compound" and tok.head.i in actors.by_token:
            continue  # "riot police", "protest group": the word says what the actor is
        if tok.pos_ != "VERB" and tok.dep_ == "compound" and tok.head.lemma_.lower() in BODIES:
            continue  # "aid agencies", "peace activists": who they are, not what they do
        if tok.pos_ != "VERB" and _topic_modifier(tok):
            continue  # "a murder suspect", "the kidnap trial": the act is what they are about
        gov = governor(_anchor(tok)) if tok.pos_ != "VERB" else None
        choice = _must_clause(tok, ctx.lexicon) or _choose(tok, ctx.lexicon, gov)
        if choice is None:
            continue
        choice = _purpose_protest(tok, choice, ctx.lexicon)
        entry, plover, score = choice
        # "staged rallies": the noun is the act of the light verb's clause, as deep as it
        depth = tree_depth(gov) if gov is not None and is_light(gov) else tree_depth(tok)
        found.append((depth, Trigger(tok, entry, plover, score), gov))
    noun_types = {f[1].token.i: f[1].plover.type for f in found if f[1].token.pos_ != "VERB"}
    # "A roadside bombing killed ...": the noun is the event; the verb, tried after it, only
    # stands in (with no agent) when the noun found no actors
    same_event = {f[1].token.i for f in found if _subject_is_same_event(f[1], noun_types)}
    found = [(d + 2 if f.token.i in same_event else d, f, g) for d, f, g in found]
    found.sort(
        key=lambda f: (f[0], f[1].plover.type not in FRAMING, -f[1].confidence, f[1].token.i)
    )
    accepted: list[tuple[Trigger, Token | None, Arguments]] = []
    routine: list[tuple[Trigger, Token | None, Arguments]] = []  # no events, but they swallow
    for _, trig, gov in found:
        tok = trig.token
        if any(a[0].token.i == tok.i for a in accepted):
            continue
        if _swallowed(tok, gov, accepted + routine, trig.plover.type):
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
        ents = [actors.index.get(i) for i in (*roles.source, *roles.target)]
        political = any(e is not None and actors.is_political(e) for e in ents)
        if not (roles.source and political):
            # a state, nationality or organisation named in the acting phrase that the entity
            # stage did not resolve ("Sudanese government"): the event stands, unattributed
            if unresolved_actor(tok, gov) and (political or not roles.target):
                # an unresolved actor acting on a private person is no political event
                roles = replace(roles, source=(), how="unresolved-source")
            elif (
                (
                    roles.how == "passive"
                    or tok.i in same_event
                    or _unnamed_attacker(tok)
                    or _nominal_assault(tok, trig)
                )
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
                if dropped is not None:
                    passed.append((trig, gov, roles, "actors"))
                continue
        if _routine(trig, roles, actors):
            routine.append((trig, gov, roles))  # "investigating a complaint by ...": one act
            continue
        accepted.append((trig, gov, roles))
        if prefiltered:
            passed.append((trig, gov, roles, "sentence"))
        if len(accepted) >= ctx.limits.max_events_per_sentence:
            break
    if dropped is not None:
        _keep_candidates(ctx, sent, actors, passed, prefiltered, dropped)
    if prefiltered:
        return []
    accepted.sort(key=lambda a: a[0].token.i)
    if not accepted and ctx.statements:
        statement = _statement(ctx, sent, actors)
        return [statement] if statement is not None else []
    events: list[Event] = []
    seen: set[tuple[str, tuple[str, ...], tuple[str, ...], str]] = set()
    for trig, gov, roles in accepted:
        event = _event(ctx, sent, trig, gov, roles, actors)
        # a second act of a coordinated pair ("prohibit aid to X and deny entry to ...") is
        # its own event even where it shares type and parties with the first
        second_act = (event.rule or "") if roles.how == "parse+shared-target" else ""
        key = (event.type or "", event.source, event.target, second_act)
        if key in seen:
            continue
        seen.add(key)
        events.append(event)
    events = _agents_first(events)
    if ctx.statements and events:
        # "X says Y is not discussing Z": what happened is X's statement; it comes first.
        # So it does when the typed events only set the scene of the statement.
        statement = _statement(ctx, sent, actors)
        if statement is not None and (
            not any(_realised(e) for e in events) or _statement_first(events, sent, statement)
        ):
            events.insert(0, statement)
    return events


def _keep_candidates(
    ctx: _Ctx,
    sent: Span,
    actors: ActorMap,
    passed: list[tuple[Trigger, Token | None, Arguments, str]],
    prefiltered: bool,
    dropped: list[Candidate],
) -> None:
    """The passed-over triggers of one sentence as candidates, appended to ``dropped``."""
    first = len(dropped)
    for k, (trig, gov, roles, why) in enumerate(passed):
        if prefiltered and why == "actors":
            why = "sentence+actors"
        elif prefiltered:
            why = "sentence"
        tok = trig.token
        swallowed = tuple(
            first + j
            for j, (other, other_gov, other_roles, _) in enumerate(passed[:k])
            if _swallowed(tok, gov, [(other, other_gov, other_roles)], trig.plover.type)
        )
        event = _event(ctx, sent, trig, gov, roles, actors)
        dropped.append(Candidate(event, why, _candidate_cues(tok, roles, actors), swallowed))


def _candidate_cues(tok: Token, roles: Arguments, actors: ActorMap) -> tuple[str, ...]:
    """What the rules saw of a passed-over trigger: the role pattern, the parties found and
    what they are, the passive and agentless shape."""
    cues = [f"how={roles.how}", f"src={bool(roles.source)}", f"tgt={bool(roles.target)}"]
    for role, ids in (("src", roles.source), ("tgt", roles.target)):
        for eid in ids[:2]:
            ent = actors.index.get(eid)
            if ent is None:
                continue
            cues.append(f"{role}_kind={ent.kind}")
            cues.append(f"{role}_political={actors.is_political(ent)}")
            if ent.sector:
                cues.append(f"{role}_sector={ent.sector}")
    deps = {c.dep_ for c in tok.children}
    passive = "auxpass" in deps or "nsubjpass" in deps or (tok.dep_ == "acl" and tok.tag_ == "VBN")
    if passive:
        cues.append("passive")
        if "agent" not in deps:
            cues.append("passive-agentless")
    if tok.pos_ == "VERB" and not deps & {"nsubj", "nsubjpass", "csubj"}:
        cues.append("no-subject")
    if actors.political_in(tok.sent):
        cues.append("political-sentence")
    return tuple(cues)


@dataclass(frozen=True, slots=True)
class RoutineAct:
    """A row of ``routine_acts.tsv``: an institution's ordinary business, no event."""

    name: str
    prefix: str  # CAMEO code prefix of the trigger ("" for any)
    lemmas: frozenset[str]  # trigger lemmas (empty for any)
    sources: str  # "1": exactly one source; "1+": at least one
    sectors: frozenset[str]  # every source of one of these sectors ...
    name_words: frozenset[str]  # ... or with one of these words in its name
    targets: str  # "none": no target; "not-political": no state or political target
    direct_object: bool  # the trigger may have a direct object


def _words(cell: str) -> frozenset[str]:
    """A cell's space-separated words; "@path" stands for that word file's entries."""
    if cell.startswith("@"):
        return word_set(cell[1:])
    return frozenset(cell.split()) - {"-"}


ROUTINE_ACTS = tuple(
    RoutineAct(
        r["name"],
        r["prefix"].strip("-"),
        _words(r["lemmas"]),
        r["sources"],
        _words(r["sectors"]),
        _words(r["name_words"]),
        r["targets"],
        r["object"] == "any",
    )
    for r in table("events/coder/routine_acts.tsv")
)


def _routine(trig: Trigger, roles: Arguments, actors: ActorMap) -> bool:
    """Acts that are an institution's ordinary business, not political interactions
    (``routine_acts.tsv``): an emergency service investigating a fire or a complaint
    ("Police and firefighters began investigating the fire"). The first row whose trigger
    and number of sources fit decides."""
    sources = [actors.index.get(i) for i in roles.source]
    targets = [actors.index.get(i) for i in roles.target]
    tok = trig.token
    for act in ROUTINE_ACTS:
        if not trig.entry.cameo.startswith(act.prefix):
            continue
        if act.lemmas and tok.lemma_.lower() not in act.lemmas:
            continue
        if not sources or (act.sources == "1" and len(sources) != 1):
            continue
        if not all(
            e is not None
            and (
                e.sector in act.sectors
                or any(w in act.name_words for w in re.findall(r"\w+", e.name.lower()))
            )
            for e in sources
        ):
            return False
        if act.targets == "none" and targets:
            return False
        if act.targets == "not-political" and any(
            e is not None and (e.kind == "GPE" or e.sector in STATEMENT_SECTORS) for e in targets
        ):
            return False
        return act.direct_object or not any(c.dep_ == "dobj" for c in tok.children)
    return False


def _agents_first(events: list[Event]) -> list[Event]:
    """Text order, except that of two events of one type ("were killed ... in a clash with
    suicide bombers"), the one that names its agent comes first: it is the fuller record of
    the act."""
    first: dict[str | None, int] = {}
    for n, e in enumerate(events):
        first.setdefault(e.type, n)
    order = sorted(
        range(len(events)), key=lambda n: (first[events[n].type], not events[n].source, n)
    )
    return [events[n] for n in order]


POLICE_TO_MILITARY = {
    r["police_cameo"]: r["military_cameo"] for r in table("events/coder/police_military.tsv")
}
MILITARY_TO_POLICE = {v: k for k, v in POLICE_TO_MILITARY.items()}


def _force_mobilised(cameo: str, roles: Arguments, ctx: _Ctx) -> str | None:
    """The alert or mobilisation code that fits the force the source is: troops or police."""
    index = ctx.entity_index()
    sectors = {e.sector for e in (index.get(i) for i in roles.source) if e is not None}
    if sectors == {"MIL"} and cameo in POLICE_TO_MILITARY:
        return POLICE_TO_MILITARY[cameo]
    if sectors == {"COP"} and cameo in MILITARY_TO_POLICE:
        return MILITARY_TO_POLICE[cameo]
    return None


# a CAMEO code (prefix) recoded when every source is of one sector: police using force (19)
SOURCE_RECODINGS = table("events/coder/source_recodings.tsv")


def _sources_of(roles: Arguments, ctx: _Ctx, sector: str) -> bool:
    """The event has sources, all of them of ``sector``."""
    index = ctx.entity_index()
    sources = [index.get(e) for e in roles.source]
    return bool(sources) and all(e is not None and e.sector == sector for e in sources)


def _realised(event: Event) -> bool:
    """The event is reported as having happened or happening (not denied, not a mere
    possibility)."""
    return not (event.negated or event.hypothetical)


# the main predicate of a sentence that is a political actor's public statement and nothing
# else (CAMEO 01 "make public statement"; no PLOVER type)
STATEMENT_VERBS = word_set("events/coder/statement_verbs.txt")

# police closing a crime report, companies and newsrooms: their statements are no events
STATEMENT_SKIP_SECTORS = frozenset({"COP", "BUS", "MED"})
# sectors of actors whose public statements are political events
STATEMENT_SECTORS = frozenset(
    {"GOV", "MIL", "LEG", "JUD", "OPP", "REB", "IGO", "NGO", "PTY", "ELI", "SPY", "IMG"}
    | {"UAF", "RAD", "HRI", "LAB", "INS", "SEP"}
)
# token labels that make a speaker phrase a named one ("Chinese authorities", "Joshua Wong")
NAMED_SPEAKER = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# clauses that only modify a word: a speech verb there does not carry the sentence
EMBEDDED = frozenset({"acl", "relcl", "advcl", "amod", "pcomp", "xcomp", "csubj"})
SPEAKER_PHRASE = frozenset({"compound", "amod", "poss", "nmod", "appos", "prep", "pobj", "conj"})


def _speech_verbs(ctx: _Ctx, sent: Span) -> list[Token]:
    """Speech verbs that carry the sentence: its main verb, an attribution the parser hung on
    the main verb ("..., the group said on Thursday"), and the cues of quotes in it."""
    root = sent.root
    found: list[Token] = []
    if root.pos_ == "VERB" and (root.lemma_.lower() in STATEMENT_VERBS or _speech_noun(root)):
        found.append(root)
    for child in root.children:
        if (
            child.dep_ in ("conj", "parataxis")
            and child.i > root.i
            and child.pos_ == "VERB"
            and child.lemma_.lower() in STATEMENT_VERBS
            and (any(c.dep_ == "nsubj" for c in child.children) or _closing_attribution(child))
        ):
            found.append(child)
    for quote in ctx.quote_index().cue_in(sent.start_char, sent.end_char):
        cue = quote.cue_span
        assert cue is not None
        span = ctx.doc.char_span(cue[0], cue[1], alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        if tok.dep_ in EMBEDDED or tok.lemma_.lower() not in STATEMENT_VERBS:
            continue  # "has officials admitting ...": not what the sentence reports
        if all(t.i != tok.i for t in found):
            found.append(tok)
    return [t for t in found if not _conversation(t)]


# what may follow the verb of an attribution that closes a sentence ("said on Thursday")
_ATTRIBUTION_TAIL = frozenset(
    {"prep", "pobj", "npadvmod", "advmod", "det", "amod", "compound", "nummod", "punct"}
)


def _closing_attribution(verb: Token) -> bool:
    """'..., the Syrian Observatory for Human Rights, or SOHR, said on Thursday.': the speech
    verb closes the sentence after a comma and its subject, which the parser hung elsewhere,
    directly precedes it."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "ccomp", "xcomp") for c in verb.children):
        return False
    before = _attribution_subject(verb)
    if before is None or not any(t.lower_ == "," for t in verb.doc[verb.sent.start : before.i]):
        return False
    return all(t.dep_ in _ATTRIBUTION_TAIL for t in verb.doc[verb.i + 1 : verb.sent.end])


def _attribution_subject(verb: Token) -> Token | None:
    """The word just before the verb (commas skipped) when it is a noun."""
    at = verb.i - 1
    while at >= verb.sent.start and verb.doc[at].is_punct:
        at -= 1
    if at < verb.sent.start or verb.doc[at].pos_ not in ("PROPN", "NOUN"):
        return None
    return verb.doc[at]


# "delivered remarks", "issued a statement", "gave a speech": a statement made with a noun
STATEMENT_NOUNS = word_set("events/coder/statement_nouns.txt")
STATEMENT_CARRIERS = word_set("events/coder/statement_carriers.txt")


def _speech_noun(verb: Token) -> bool:
    return verb.lemma_.lower() in STATEMENT_CARRIERS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS for c in verb.children
    )


def _token_at(sent: Span, span: tuple[int, int] | None) -> Token | None:
    return next((t for t in sent if span is not None and t.idx == span[0]), None)


def _statement_first(events: list[Event], sent: Span, statement: Event) -> bool:
    """'X delivers remarks to troops in an unannounced visit': the sentence's main predicate
    is the statement, and every typed event is a noun in an adjunct of it, not in what was
    said; the statement is then the main event."""
    verb = _token_at(sent, statement.trigger)
    if verb is None or verb.dep_ != "ROOT":
        return False
    content = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "parataxis", "dobj")]
    for event in events:
        tok = _token_at(sent, event.trigger)
        if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
            return False
        if any(c.i == tok.i or c.is_ancestor(tok) for c in content):
            return False
        if not verb.is_ancestor(tok):
            return False
    return True


# verbs of a conversation ("speaks with", "talks with"): an interview, not a statement
CONVERSATION_VERBS = word_set("events/coder/conversation_verbs.txt")


def _conversation(verb: Token) -> bool:
    """'X speaks with Y', 'talks with': an interview or a conversation, not a statement."""
    return verb.lemma_.lower() in CONVERSATION_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in verb.children
    )


def _named_speaker(heads: list[Token], entity: Entity) -> bool:
    """The speaker phrase names someone ("Chinese authorities", "the SOHR"), or is a pronoun
    standing for a state's actor; not a bare "officials" or "authorities"."""
    for head in heads:
        if head.pos_ == "PRON":
            if entity.country or (entity.code and entity.code != entity.sector):
                return True
            continue
        if (
            head.tag_ == "NN"
            and entity.country
            and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        ):
            return True  # "the military", "the ministry": one definite institution of a state
        stack, seen = [head], 0
        while stack and seen < 30:
            tok = stack.pop()
            seen += 1
            if tok.pos_ == "PROPN" or tok.ent_type_ in NAMED_SPEAKER:
                return True
            stack.extend(c for c in tok.children if c.dep_ in SPEAKER_PHRASE)
    return False


def _speaker(
    ctx: _Ctx, verb: Token, actors: ActorMap
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(source, target) of a statement when its speaker is a named public actor."""
    roles = verb_roles(verb, actors)
    candidates: list[tuple[str, list[Token]]] = [
        (eid, [ctx.doc[i] for i in roles.source_tokens]) for eid in roles.source
    ]
    if not candidates:  # "Abuja -- The military confirmed": a dateline read as a subject
        for subj in (c for c in verb.children if c.dep_ == "nsubj"):
            candidates.extend((e.id, [subj]) for e in actors.phrase(subj))
    if not candidates and _closing_attribution(verb):
        subject = _attribution_subject(verb)
        if subject is not None:
            candidates.extend((e.id, [subject]) for e in actors.phrase(subject))
    if not candidates:
        for quote in ctx.quote_index().cue_at(verb.idx):
            if quote.speaker is None or quote.speaker_span is None:
                continue
            span = ctx.doc.char_span(*quote.speaker_span, alignment_mode="expand")
            if span is not None:
                candidates.append((quote.speaker, [span.root]))
    for eid, heads in candidates:
        entity = actors.index.get(eid)
        if entity is None or entity.sector in STATEMENT_SKIP_SECTORS:
            continue
        if not (_public_actor(entity) or _affiliated(heads, entity, actors)):
            continue
        if _named_speaker(heads, entity):
            return (eid,), tuple(t for t in roles.target if t != eid)
    return None


def _public_actor(entity: Entity) -> bool:
    """A state, or an actor of a political sector (government, military, legislature,
    opposition, rebels, parties, unions, international bodies ...), or a person of a known
    country; not experts, companies, newsrooms or private people."""
    if entity.sector in STATEMENT_SECTORS:
        return True
    if entity.sector:
        return False
    return entity.kind in ("GPE", "NORP", "PERSON") and bool(entity.country)


def _affiliated(heads: list[Token], entity: Entity, actors: ActorMap) -> bool:
    """'Congress general secretary Jane Roe': a person whose phrase names the political
    organisation they speak for."""
    if entity.kind != "PERSON":
        return False
    for head in heads:
        stack, seen = list(head.children), 0
        while stack and seen < 30:
            tok = stack.pop()
            seen += 1
            other = actors.by_token.get(tok.i)
            if (
                other is not None
                and other.id != entity.id
                and other.kind == "ORG"
                and other.sector in STATEMENT_SECTORS
            ):
                return True
            stack.extend(c for c in tok.children if c.dep_ in SPEAKER_PHRASE)
    return False


# untyped CAMEO 01 acts a public actor performs with a verb and its object: (verbs, objects,
# code, rule name); 015 claim responsibility, 016 deny responsibility, 017 engage in a
# symbolic act, 018 make an empathetic comment
UNTYPED_ACTS = tuple(
    (frozenset(r["verbs"].split()), frozenset(r["objects"].split()), r["cameo"], r["name"])
    for r in table("events/coder/untyped_acts.tsv")
)


def _untyped_acts(sent: Span) -> list[tuple[Token, str, str]]:
    """(verb, CAMEO code, rule name) when the sentence's main verb (or one coordinated with
    it) is an untyped CAMEO 01 act: 'claimed responsibility', 'expressed condolences'."""
    root = sent.root
    verbs = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    found: list[tuple[Token, str, str]] = []
    for verb in verbs:
        if verb.pos_ != "VERB":
            continue
        objects = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
        for lemmas, nouns, code, name in UNTYPED_ACTS:
            if verb.lemma_.lower() in lemmas and objects & nouns:
                found.append((verb, code, name))
                break
    return found


def _statement(ctx: _Ctx, sent: Span, actors: ActorMap) -> Event | None:
    """'The ministry said ...' with no realised typed event: a statement event (type None,
    CAMEO 010) when the sentence is carried by a named public actor's speech act; another
    untyped CAMEO 01 act of one ('the minister expressed condolences', 018) likewise."""
    acts = [(v, "010", "statement") for v in _speech_verbs(ctx, sent)]
    acts += _untyped_acts(sent)
    for verb, code, kind in acts:
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        who = _speaker(ctx, verb, actors)
        if who is None:
            continue
        value, granularity, _ = event_date(ctx.times, sent, [verb], ctx.article.published)
        trigger = (verb.idx, verb.idx + len(verb.text))
        return Event(
            id="",
            type=None,
            cameo=code,
            source=who[0],
            target=who[1] if code != "017" else (),  # a ceremony's place is no target
            date=value,
            date_granularity=granularity,
            sentence=(sent.start_char, sent.end_char),
            trigger=trigger,
            evidence=ctx.article.text[trigger[0] : trigger[1]]
            if ctx.article.text == doc_text(ctx.doc)
            else verb.text,
            rule=f"{kind}:{verb.lemma_.lower()}",
            confidence=0.5,
        )
    return None


PROMISES = word_set("events/coder/promises.txt")


# the object of a threatened act that makes it violence whatever its verb ("deliver
# devastating blows", "resume terrorist activities", "take military action")
VIOLENT_OBJECTS = word_set("events/coder/violent_objects.txt")
VIOLENT_MODIFIERS = word_set("events/coder/violent_modifiers.txt")


def _violent_object(verb: Token) -> bool:
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        if obj.lemma_.lower() in VIOLENT_OBJECTS or any(
            m.dep_ in ("amod", "compound") and m.lower_ in VIOLENT_MODIFIERS for m in obj.children
        ):
            return True
    return False


def _hostile_complement(tok: Token, lexicon: Lexicon) -> tuple[str, str] | None:
    """(PLOVER type, CAMEO code) of a hostile act in the trigger's infinitive complement."""
    for comp in tok.children:
        if comp.dep_ != "xcomp" or comp.pos_ != "VERB":
            continue
        choice = _choose(comp, lexicon, None)
        if choice is not None and choice[1].type in HOSTILE_INTENT:
            return choice[1].type, choice[0].cameo
        if choice is None and _violent_object(comp):
            return "ASSAULT", "190"  # a threat of violence: CAMEO 1384, mode violence
    return None


def _threat(kind: str, cameo: str) -> str:
    """The CAMEO threat code for an intended hostile act of this type and code."""
    return threat_code(cameo) or HOSTILE_INTENT.get(kind, "130")


# subjects that are a weapon or an unnamed attacker: the act has no political agent, but
# it is an event when its target is political ("a car bomb killed two Iraqi policemen")
UNNAMED_ATTACKERS = word_set("events/coder/unnamed_attackers.txt")


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


# heads of "aid agencies", "protest groups": a compound trigger on them names the actor
BODIES = word_set("events/coder/bodies.txt")
# nouns that an event noun compounded with them only describes: the people in a case and the
# proceedings about it ("murder suspect", "kidnap victim", "murder trial", "bombing inquiry")
TOPICS = word_set("events/coder/topics.txt")
# nouns that only measure or group the event noun they govern through "of"
MEASURES = word_set("events/coder/measures.txt")


def _topic_modifier(noun: Token) -> bool:
    """The event noun only says what a case is about ("murder suspect", "kidnap trial"), also
    when the parser took the next word for a verb ("murder suspect Jane Roe")."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in TOPICS:
        return True
    if noun.i + 1 >= len(noun.doc):
        return False
    nxt = noun.doc[noun.i + 1]
    return nxt.lemma_.lower() in TOPICS or nxt.lower_.removesuffix("s") in TOPICS


def _anchor(noun: Token) -> Token:
    """'undertook a mediation mission': a trigger modifying a noun takes that noun's place."""
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
        return noun.head
    prep = noun.head
    if (
        noun.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head.pos_ == "NOUN"
        and prep.head.lemma_.lower() in MEASURES
    ):
        return prep.head  # "launched ten days of war games", "a series of raids"
    return noun


def _purpose_protest(
    tok: Token, choice: tuple[Entry, Plover, float], lexicon: Lexicon
) -> tuple[Entry, Plover, float]:
    """'shunned work to protest at X', 'marched to protest X': a demonstration (CAMEO 141),
    not an official protest, when the protest is the purpose of another act. Seen in:
    "several thousand people rallied at Freedom Plaza ... to protest the results" (Wikinews
    wikinews-2020-violence-breaks-out-in-washington-dc-at-pro-trump-protest), "... to
    protest, some in front of the Supreme Court" (Wikinews
    wikinews-2020-conservative-groups-hold-rally-in-washington-d-c-claiming-u)."""
    if tok.lemma_.lower() != "protest" or tok.pos_ != "VERB":
        return choice
    purpose = tok.dep_ in ("advcl", "xcomp", "acl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
    )
    if not purpose or tok.head.lemma_.lower() in MUST_HEADS | NO_CAMEO:
        return choice
    return _protest_recoded(choice, lexicon, "141", "to", "protest-purpose")


def _protest_recoded(
    choice: tuple[Entry, Plover, float], lexicon: Lexicon, cameo: str, cue: str, name: str
) -> tuple[Entry, Plover, float]:
    """The verb "protest" coded ``cameo`` by a rule (unchanged if the code has no type)."""
    plover = lexicon.plover_of(cameo)
    if plover is None:
        return choice
    return Entry("protest", "VERB", (cue,), cameo, name, "rule"), plover, choice[2]


# event nouns of other codes whose "of" object is an assault's victim ("the killing of")
NOMINAL_ASSAULTS = word_set("events/coder/nominal_assaults.txt")


def _nominal_assault(tok: Token, trig: Trigger) -> bool:
    """'the abduction and torture of a Libyan dissident': an act of violence against people
    named by a noun whose victim follows "of" (or whose first conjunct's victim does); its
    agent unnamed. Not a battle or an invasion: "the battle of X", "an invasion of X"."""
    if tok.pos_ == "VERB" or trig.plover.type != "ASSAULT":
        return False
    if not trig.entry.cameo.startswith(("18", "20")) and tok.lemma_.lower() not in NOMINAL_ASSAULTS:
        return False
    head = tok.head if tok.dep_ == "conj" else tok
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" for o in c.children)
        for c in (*tok.children, *head.children)
    )


def _unnamed_attacker(tok: Token) -> bool:
    if tok.pos_ != "VERB":
        return False
    return any(
        c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lemma_.lower() in UNNAMED_ATTACKERS
        for c in tok.children
    )


def _subject_is_same_event(trig: Trigger, noun_types: dict[int, PloverType]) -> bool:
    """'An air strike ... killed ten': the strike is the event, the killing its result."""
    if trig.token.pos_ != "VERB":
        return False
    heads = [c for c in trig.token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(noun_types.get(h.i) == trig.plover.type for h in heads)


def _swallowed(
    tok: Token,
    gov: Token | None,
    accepted: list[tuple[Trigger, Token | None, Arguments]],
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


@dataclass(frozen=True)
class Recoding:
    """A CAMEO code (prefix) and trigger lemmas whose PLOVER type the codebooks part on."""

    cameo: str
    words: frozenset[str]
    plover_cameo: str
    type: PloverType | None
    mode: str | None
    name: str


def _recodings() -> tuple[Recoding, ...]:
    return tuple(
        Recoding(
            r["cameo"],
            frozenset(r["lemmas"].split()),
            r["plover_cameo"],
            cast(PloverType, r["type"]) if r["type"] else None,
            r["mode"] or None,
            r["name"],
        )
        for r in table("events/coder/plover_recodings.tsv")
    )


# CAMEO 173 verbs that charge rather than detain, CAMEO 0831 verbs of leaving office, ...
PLOVER_RECODINGS = _recodings()


def _event(
    ctx: _Ctx,
    sent: Span,
    trig: Trigger,
    gov: Token | None,
    roles: Arguments,
    actors: ActorMap,
) -> Event:
    tok = trig.token
    mood: Modality = modality(tok, gov)
    plover, cameo = trig.plover, trig.entry.cameo
    rule = trig.entry.rule
    hostile = _hostile_complement(tok, ctx.lexicon)
    if hostile is not None and tok.lemma_.lower() in PROMISES:
        # "vowed to retaliate": a promise of violence is a threat
        cameo = _threat(*hostile)
        plover = ctx.lexicon.plover_of(cameo) or plover
        rule += "+hostile-promise"
    elif hostile is not None and plover.type == "THREATEN" and cameo in GENERIC_THREATS:
        # "threatened to close or suspend" (VOA 6180932), "Threatening to kill the hostages"
        # (VOA 8007760): the threatened act says which threat
        cameo = _threat(*hostile)
        plover = ctx.lexicon.plover_of(cameo) or plover
        rule += "+threatened-act"
    elif mood.intent and mood.negated and plover.type in REFUSALS:
        # "will not accept refugees": an announced refusal
        cameo = REFUSALS[plover.type]
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
            cameo = _threat(plover.type, cameo)
            plover = ctx.lexicon.plover_of(cameo) or plover
            rule += "+intent"
    for recoding in PLOVER_RECODINGS:
        # where the codebooks part: CAMEO 173 joins arrests and charges, PLOVER counts a
        # charge as an accusation; CAMEO counts a resignation as yielding to demands (0831),
        # PLOVER as a retreat
        if cameo.startswith(recoding.cameo) and tok.lemma_.lower() in recoding.words:
            recoded = (
                ctx.lexicon.plover_of(recoding.plover_cameo) if recoding.plover_cameo else None
            )
            plover = recoded or Plover(recoding.type or plover.type, recoding.mode, plover.context)
            rule += f"+{recoding.name}"
            break
    for by_source in SOURCE_RECODINGS:
        # CAMEO 19 is military force; a police shooting or beating is an assault (18)
        if cameo.startswith(by_source["prefix"]) and _sources_of(roles, ctx, by_source["sector"]):
            cameo, rule = by_source["cameo"], rule + "+" + by_source["name"]
            break
    by_force = _force_mobilised(cameo, roles, ctx)
    if by_force is not None:
        # CAMEO 151/153 raise police alert or mobilise police, 152/154 the same for the military
        cameo = by_force
        plover = ctx.lexicon.plover_of(cameo) or plover
    military = cameo in MILITARY_FORCE
    if plover.type == "ASSAULT" and (military or not plover.mode):
        weapon = weapon_mode(tok, gov)
        if weapon is not None:
            # the weapon named decides among CAMEO 193 (small arms), 194 (artillery, tanks)
            # and 195 (aerial weapons), and gives the PLOVER mode of any other assault
            refined = CAMEO_BY_WEAPON.get(weapon) if military else None
            cameo = refined or cameo
            plover = replace(ctx.lexicon.plover_of(cameo) or plover, mode=weapon)
            rule += f"+weapon:{weapon}"
    anchors = [tok] + ([gov] if gov is not None else [])
    value, granularity, texpr = event_date(ctx.times, sent, anchors, ctx.article.published)
    future, historical = mood.future, False
    pub = period(ctx.article.published)
    when = period(value)
    if pub and when and texpr is not None:
        if when[0] > pub[1]:
            future = True
        if (pub[0] - when[1]).days > ctx.limits.historical_days:
            historical = True
    used = set(roles.source) | set(roles.target)
    # a place target reached by "in/at" ("opened fire in Gaza") is also where it happened
    location = _location(tok, gov, actors, set(roles.source))
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
    claimant = claimed_by(tok, ctx.quote_index(), actors, roles.source)
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
        question=mood.question,
        obligation=mood.obligation,
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
    *,
    dateline_entity: str | None,
    limits: Limits = Limits(),
    candidates: list[Candidate] | None = None,
) -> tuple[Event, ...]:
    """Every event of the document, numbered V1, V2, ... in text order.

    ``dateline_entity``: the entity the dateline names (the entity stage's
    ``doc._.dateline_entity``), where an event with no place of its own happened.
    ``candidates``: a list that gets the triggers the rules passed over at the sentence
    pre-filter and the actor filter (for the learned model); the events are the same with
    or without it.
    """
    ctx = _Ctx(article, doc, entities, times, quotes, lexicon, dateline_entity, statements, limits)
    events: list[Event] = []
    for sent in doc.sents:
        events.extend(_code_sentence(ctx, sent, candidates))
    return tuple(replace(e, id=f"V{n}") for n, e in enumerate(events, 1))
