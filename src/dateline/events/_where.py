"""Where each event happened: the best place the article supports, and where it came from.

``place_events`` gives every event a ``location`` (a place entity id) and ``location_from``,
trying in order:

1. ``sentence``: a place the event's own sentence names as where it happened: the place the
   coder found ("opened fire in Gaza"), else a place that is the object of a locative
   preposition (``events/coder/location_preps.txt``: "in Anbar", "near Kabul") or a name
   modifying the trigger ("the Kabul bombing"), in the trigger's own clause or one that
   governs it ("In Anbar, police said gunmen attacked a base" counts; "... rejected it,
   and they might end up in The Hague" does not); the trigger's own clause first, then
   the nearest to the trigger. The event's source is
   never its place, nor a target named as such ("Israel struck Gaza"), but a target
   reached by a locative preposition is ("bombed a compound in Anbar": Anbar suffers it
   and it happened there); a demonym ("Russian troops") is no place of an event.
2. ``dateline``: the article's dateline place, when the event is not future, hypothetical
   or historical (the reporter's place is where today's news happened) and the place is
   not one of its actors;
3. ``article``: the article's main place: the geocoded place entity with the most
   mentions (demonyms aside), on a tie the one named more often as where something is
   ("in Syria"), then the earlier first mention (counting locative mentions first was
   tried: in round-up stories one state named "in Florida" twice took every event, 18 of
   30 right against 24 of 30); a place mentioned once
   is the main place only when it is the article's only geocoded place. As for the
   dateline, only for an event that is not future, hypothetical or historical (a summit
   that may be held, or a war of years ago, is not placed by where today's story is);
4. ``none``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from .._data import word_set
from ..types import Entity, Event, LocationFrom
from ._roles import tree_depth

__all__ = ["main_place", "place_events"]

#: Prepositions whose object is where an event happened (shared with the coder).
LOCATION_PREPS = word_set("events/coder/location_preps.txt")
_PLACE_KINDS = frozenset({"GPE", "LOC", "FAC"})
# dependency labels that open a clause of their own
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "csubj", "parataxis", "xcomp"})
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "poss"})


def main_place(entities: Sequence[Entity], doc: Doc | None = None) -> str | None:
    """The article's main place: the id of the geocoded place entity with the most
    mentions (demonyms aside); on a tie, the one named more often as where something is
    ("in Syria", "near Kabul": with ``doc``), then the first. A country that acts
    ("Turkey said ...") is mentioned as often as the place where the story is, not more."""
    best: tuple[int, int, int, str] | None = None  # (-count, -locative, first offset, id)
    geocoded = [e for e in entities if e.kind in _PLACE_KINDS and e.geo is not None]
    for entity in geocoded:
        own = [m for m in entity.mentions if m.kind != "demonym"]
        if not own:
            continue
        here = sum(1 for m in own if _locative(doc, m.start, m.end)) if doc is not None else 0
        key = (-len(own), -here, min(m.start for m in own), entity.id)
        if best is None or key < best:
            best = key
    if best is None:
        return None
    if -best[0] < 2 and len(geocoded) > 1:
        return None
    return best[3]


def _locative(doc: Doc, start: int, end: int) -> bool:
    toks = _tokens(doc, start, end)
    if not toks:
        return False
    root = _phrase_head(min(toks, key=tree_depth))
    return root.dep_ == "pobj" and root.head.lower_ in LOCATION_PREPS and root.head.lower_ != "on"


def _clause(tok: Token) -> Token:
    while tok.dep_ not in _CLAUSE_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _sentence_place(doc: Doc, event: Event, places: Sequence[Entity]) -> str | None:
    if event.sentence is None or event.trigger is None:
        return None
    trig = _tokens(doc, *event.trigger)
    if not trig:
        return None
    trigger = trig[0]
    lo, hi = event.sentence
    best: tuple[int, int, str] | None = None  # (other clause?, distance, id)
    for entity in places:
        if entity.id in event.source:
            continue
        for mention in entity.mentions:
            if mention.kind == "demonym" or not lo <= mention.start < mention.end <= hi:
                continue
            toks = _tokens(doc, mention.start, mention.end)
            if not toks:
                continue
            root = _phrase_head(min(toks, key=lambda t: tree_depth(t)))
            if root.dep_ == "pobj" and root.head.lower_ in LOCATION_PREPS:
                anchor = root.head.head
                if root.head.lower_ == "on" and entity.kind == "GPE":
                    continue  # "sanctions on Iran", "talks on Syria": a topic, no place
            elif (
                root.dep_ in _MODIFIER_DEPS
                and root.head.i == trigger.i
                and entity.id not in event.target
            ):
                anchor = trigger
            else:
                continue
            clause, home = _clause(anchor), _clause(trigger)
            own = clause.i == home.i or anchor.i == trigger.i
            if not own and not _governs(clause, home):
                continue  # a place of another clause ("... might end up in The Hague")
            key = (0 if own else 1, abs(root.i - trigger.i), entity.id)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def _governs(clause: Token, inner: Token) -> bool:
    """Whether ``inner``'s clause hangs under ``clause`` ("In Kabul, police said a bomber
    attacked ...": "said" governs "attacked")."""
    tok = inner
    for _ in range(50):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i == clause.i:
            return True
    return False


def _phrase_head(tok: Token) -> Token:
    """The head of the noun phrase naming the place: "Anbar province" -> province, "the
    city of Mosul" -> city."""
    for _ in range(3):
        if tok.dep_ in ("compound", "flat", "amod") and tok.head.i > tok.i:
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "pobj":
            tok = tok.head.head
        else:
            break
    return tok


def place_events(
    doc: Doc,
    entities: Sequence[Entity],
    events: Sequence[Event],
    dateline_entity: str | None,
) -> tuple[Event, ...]:
    """``events`` with ``location`` and ``location_from`` set (see the module docstring)."""
    places = [e for e in entities if e.kind in _PLACE_KINDS]
    main = main_place(entities, doc)
    out: list[Event] = []
    for event in events:
        location, origin = _place_of(doc, event, places, dateline_entity, main)
        out.append(replace(event, location=location, location_from=origin))
    return tuple(out)


def _place_of(
    doc: Doc,
    event: Event,
    places: Sequence[Entity],
    dateline_entity: str | None,
    main: str | None,
) -> tuple[str | None, LocationFrom]:
    actors = {*event.source, *event.target}
    if event.location is not None:
        # the coder's own place: from the sentence, or the dateline
        if event.location == dateline_entity and not _in_sentence(event, places):
            return event.location, "dateline"
        return event.location, "sentence"
    found = _sentence_place(doc, event, places)
    if found is not None:
        return found, "sentence"
    current = not (event.future or event.hypothetical or event.historical)
    if dateline_entity is not None and current and dateline_entity not in actors:
        return dateline_entity, "dateline"
    if main is not None and current:
        return main, "article"
    return None, "none"


def _in_sentence(event: Event, places: Sequence[Entity]) -> bool:
    """Whether the event's place has a mention (not a demonym) in its sentence."""
    if event.sentence is None:
        return False
    lo, hi = event.sentence
    return any(
        m.kind != "demonym" and lo <= m.start and m.end <= hi
        for e in places
        if e.id == event.location
        for m in e.mentions
    )
