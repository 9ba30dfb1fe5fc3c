"""The learned event model: a linear classifier that checks each event the rules coded.

For every event the rule coder produced that has a trigger, a multinomial logistic
regression over 17 classes (the 16 PLOVER types and ``NONE``) reads features of the Doc:

- the md model's static vectors: the sentence mean, the trigger word and its governor,
  each L2-normalised;
- hashed sparse cues: the rule coder's own type and rule family, the trigger's lemma, part
  of speech and dependency, its head's and objects' lemmas, prepositions below it, its
  auxiliaries and the lemmas above it (denials, hopes, questions), the event's modal flags.

It also reads the candidates the rule coder passed over (a lexicon trigger in a sentence
that names no political actor, or one whose parties are not political: ``_coder.Candidate``)
with the same features and what the rules saw of them (which filter dropped it, the parties
found and their kinds, the passive shape). A candidate whose most probable class is a
PLOVER type with a probability at or above the promote threshold becomes an event (its
parties whatever the rules found, possibly none; ``rule`` says
``model:plover-linear P (candidate:FILTER RULE)``; ``confidence`` is P).

It then decides: an event whose ``P(NONE)`` reaches the drop threshold is dropped; a typed
event whose most probable type differs from the rules' and reaches the retype threshold is
retyped (its CAMEO code becomes that type's base code, its mode is cleared); ``confidence``
becomes the model's probability of the kept type; ``rule`` gets ``+model`` (kept) or says
``model:plover-linear P`` (retyped). Untyped statements (CAMEO 01/02) are left alone.

The weights, the thresholds and their metadata ship in ``data/events/model/``
(``scripts/train_events.py`` makes them). They load once per process; a missing or corrupt
file, or one made for another format or feature version, is a ``ModelError`` with code
E022. A spaCy pipeline without the vectors the features need (the sm model) codes with the
rules only, after a one-time warning, and says so in each event's ``rule``.
"""

from __future__ import annotations

import io
import json
import warnings
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc, Span, Token

from ..errors import BAD_EVENT_MODEL, ModelError
from ..types import Event, PloverType
from ._coder import MAX_EVENTS_PER_SENTENCE, Candidate

__all__ = [
    "FEATURE_VERSION",
    "FORMAT_VERSION",
    "NONE",
    "EventModel",
    "apply_model",
    "candidate_cues",
    "decide_all",
    "default_model",
    "featurize",
    "has_vectors",
    "load_model",
]

FORMAT_VERSION = 2  # 2: the promote threshold
FEATURE_VERSION = 2  # 2: rule events and passed-over candidates, with candidate cues
NONE = "NONE"
WIDTH = 300  # the md model's static vectors
HASH_BUCKETS = 4096
DENSE = 3 * WIDTH
MODEL_DIR = "events/model"
WEIGHTS = "plover_linear.npz"
META = "plover_linear.json"
RULES_ONLY = "+rules-only(no-vectors)"

Matrix = NDArray[np.float64]


@dataclass(frozen=True)
class EventModel:
    """Weights (features x classes), classes, and the decision thresholds."""

    classes: tuple[str, ...]
    weights: Matrix
    bias: NDArray[np.float64]
    prior: float  # added to the logit of the type the rules chose
    drop: float  # drop an event when P(NONE) >= drop
    retype: float  # retype when another type's P >= retype
    promote: float  # code a candidate when its most probable class is a type with P >= this
    temperature: float
    vectors: str  # the name of the static vectors the features need
    meta: dict[str, Any]

    def probabilities(self, x: Matrix, ruled: Matrix) -> Matrix:
        """Class probabilities of each row of ``x`` (features from ``featurize``);
        ``ruled``: each row's one-hot of the type the rules chose (``rule_types``)."""
        z = (x @ self.weights + self.bias + self.prior * ruled) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        out: Matrix = e / e.sum(axis=1, keepdims=True)
        return out


def _fail(path: Path | str, problem: str) -> ModelError:
    return ModelError(
        f"event model file {path}: {problem}",
        code=BAD_EVENT_MODEL,
        hint="reinstall dateline, or run `make train` to rebuild the weights; "
        "with --no-event-model (Settings(event_model=False)) the rules code alone",
    )


def load_model(folder: Path) -> EventModel:
    """The model in ``folder`` (``plover_linear.json`` + ``plover_linear.npz``).

    Raises ``ModelError`` (E022) naming the file when one is missing, unreadable, corrupt,
    or made for another format or feature version.
    """
    meta_path, weights_path = folder / META, folder / WEIGHTS
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except FileNotFoundError:
        raise _fail(meta_path, "missing") from None
    except (OSError, ValueError) as exc:
        raise _fail(meta_path, f"cannot be read ({exc})") from None
    if not isinstance(meta, dict):
        raise _fail(meta_path, "not a JSON object")
    for key, want in (("format_version", FORMAT_VERSION), ("feature_version", FEATURE_VERSION)):
        if meta.get(key) != want:
            raise _fail(
                meta_path,
                f"{key} {meta.get(key)!r}, this dateline reads {want}: "
                "the weights were made for another version",
            )
    try:
        data = weights_path.read_bytes()
    except FileNotFoundError:
        raise _fail(weights_path, "missing") from None
    except OSError as exc:
        raise _fail(weights_path, f"cannot be read ({exc})") from None
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            weights = np.asarray(npz["weights"], dtype=np.float64)
            bias = np.asarray(npz["bias"], dtype=np.float64)
            prior = float(npz["prior"])
    except Exception as exc:  # a damaged zip, a missing array: numpy raises many kinds
        raise _fail(weights_path, f"corrupt ({type(exc).__name__}: {exc})") from None
    try:
        classes = tuple(str(c) for c in meta["classes"])
        model = EventModel(
            classes=classes,
            weights=weights,
            bias=bias,
            prior=prior,
            drop=float(meta["thresholds"]["drop"]),
            retype=float(meta["thresholds"]["retype"]),
            promote=float(meta["thresholds"]["promote"]),
            temperature=float(meta["temperature"]),
            vectors=str(meta["vectors"]),
            meta=meta,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _fail(meta_path, f"incomplete ({type(exc).__name__}: {exc})") from None
    if weights.shape != (DENSE + HASH_BUCKETS, len(classes)) or bias.shape != (len(classes),):
        raise _fail(
            weights_path,
            f"weights of shape {weights.shape}, expected {(DENSE + HASH_BUCKETS, len(classes))}",
        )
    if NONE not in classes or not np.all(np.isfinite(weights)):
        raise _fail(weights_path, "no NONE class or non-finite weights")
    return model


@cache
def default_model() -> EventModel:
    """The shipped model, loaded once per process."""
    folder = Path(str(files("dateline").joinpath("data", *MODEL_DIR.split("/"))))
    return load_model(folder)


def has_vectors(doc: Doc, name: str) -> bool:
    """Whether the Doc's vocabulary has the static vectors the features need."""
    vectors = doc.vocab.vectors
    return bool(vectors.name == name and vectors.shape[1] == WIDTH and vectors.shape[0] > 0)


_warned: set[str] = set()


def warn_no_vectors(name: str) -> None:
    """Say once per process that the loaded spaCy model cannot feed the event model."""
    if name in _warned:
        return
    _warned.add(name)
    warnings.warn(
        f"the spaCy model has no '{name}' vectors (the sm model?): events are coded by the "
        "rules only; load the md model to use the learned event model",
        stacklevel=3,
    )


# ---------------------------------------------------------------------------- features


def _unit(v: Any) -> NDArray[np.float64]:
    out = np.asarray(v, dtype=np.float64)
    norm = float(np.linalg.norm(out))
    return out / norm if norm > 0 else out


def _bucket(cue: str) -> int:
    return zlib.crc32(cue.encode("utf-8")) % HASH_BUCKETS


_MODAL = frozenset({"will", "would", "could", "may", "might", "should", "must", "can", "shall"})


def candidate_cues(candidate: Candidate) -> tuple[str, ...]:
    """The extra cues of a passed-over candidate's row (a rule event's row has ``kind=rule``)."""
    kind = candidate.event.type or "untyped"
    return (
        "kind=candidate",
        f"cand:drop={candidate.dropped_by}",
        f"cand:type={kind}",
        f"cand:drop|type={candidate.dropped_by}|{kind}",
        *(f"cand:{c}" for c in candidate.cues),
        *(("cand:swallowed",) if candidate.swallowed_by else ()),
    )


RULE_CUES = ("kind=rule",)


def _cues(event: Event, sent: Span, tok: Token) -> list[str]:
    """The sparse cues of one event, as strings to hash."""
    rule = event.rule or ""
    family, *suffixes = rule.split("+")
    lemma = tok.lemma_.lower()
    cues = [
        "bias",
        f"type={event.type or 'untyped'}",
        f"family={family.split(':')[0]}",
        f"rule={family}",
        f"lemma={lemma}",
        f"lemma|type={lemma}|{event.type}",
        f"pos={tok.pos_}",
        f"dep={tok.dep_}",
        f"tag={tok.tag_}",
        f"head={tok.head.lemma_.lower()}",
        f"headdep={tok.dep_}|{tok.head.lemma_.lower()}",
        f"src={bool(event.source)}",
        f"tgt={bool(event.target)}",
    ]
    cues += [f"suffix={s.split(':')[0]}" for s in suffixes]
    for flag in ("negated", "hypothetical", "future", "historical"):
        if getattr(event, flag):
            cues.append(f"flag={flag}")
    if event.claimed_by:
        cues.append("flag=claimed")
    for child in tok.children:
        if child.dep_ in ("dobj", "obj", "pobj", "attr", "nsubj", "nsubjpass"):
            cues.append(f"{child.dep_}={child.lemma_.lower()}")
        elif child.dep_ == "prep":
            cues.append(f"prep={child.lower_}")
            cues += [f"prep|obj={child.lower_}|{g.lemma_.lower()}" for g in child.children][:2]
        elif child.dep_ in ("aux", "auxpass") and child.lower_ in _MODAL:
            cues.append(f"modal={child.lower_}")
        elif child.dep_ in ("neg", "mark", "advmod"):
            cues.append(f"{child.dep_}={child.lower_}")
        elif child.dep_ == "compound":
            cues.append(f"compound={child.lemma_.lower()}")
        elif child.dep_ == "amod":
            cues.append(f"amod={child.lemma_.lower()}")
    up = tok.head
    for _ in range(3):
        if up.i == up.head.i:
            break
        cues.append(f"above={up.lemma_.lower()}")
        up = up.head
    if tok.i != tok.head.i:
        cues.append(f"above={up.lemma_.lower()}")
    text = sent.text.rstrip()
    if text.endswith("?"):
        cues.append("question")
    if any(t.lower_ in ("if", "unless") for t in sent):
        cues.append("conditional")
    ents = {t.ent_type_ for t in sent if t.ent_type_}
    cues += [f"ent={e}" for e in sorted(ents)]
    return cues


def _token_at(doc: Doc, span: tuple[int, int] | None) -> Token | None:
    if span is None:
        return None
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    if found is None or len(found) == 0:
        return None
    return found.root


def featurize(
    doc: Doc,
    events: Sequence[Event],
    extra: Sequence[tuple[str, ...]] | None = None,
) -> tuple[Matrix, list[int]]:
    """The feature rows of the events with a trigger, and the index of each row's event;
    ``extra``: more cues per event (default: a rule event's)."""
    rows: list[Matrix] = []
    index: list[int] = []
    sent_vec: dict[int, NDArray[np.float64]] = {}
    for n, event in enumerate(events):
        tok = _token_at(doc, event.trigger)
        if tok is None:
            continue
        sent = tok.sent
        if sent.start not in sent_vec:
            sent_vec[sent.start] = _unit(sent.vector)
        gov = tok.head if tok.pos_ != "VERB" else tok
        row = np.zeros(DENSE + HASH_BUCKETS)
        row[:WIDTH] = sent_vec[sent.start]
        row[WIDTH : 2 * WIDTH] = _unit(tok.vector)
        row[2 * WIDTH : DENSE] = _unit(gov.vector) if gov.i != tok.i else 0.0
        cues = _cues(event, sent, tok) + list(extra[n] if extra is not None else RULE_CUES)
        weight = 1.0 / np.sqrt(len(cues))  # the hashed part of a row has about unit norm
        for cue in cues:
            row[DENSE + _bucket(cue)] += weight
        rows.append(row)
        index.append(n)
    if not rows:
        return np.zeros((0, DENSE + HASH_BUCKETS)), []
    return np.vstack(rows), index


def coded(
    events: Sequence[Event], candidates: Sequence[Candidate]
) -> tuple[list[Event], list[tuple[str, ...]]]:
    """The rule events then the candidates' events, and each one's extra cues."""
    extra = [RULE_CUES] * len(events) + [candidate_cues(c) for c in candidates]
    return [*events, *(c.event for c in candidates)], extra


def rule_types(
    events: Sequence[Event], index: list[int], classes: tuple[str, ...], rules: int | None = None
) -> Matrix:
    """Per feature row, the one-hot (over ``classes``) of the type its event has; rows of
    events numbered ``rules`` or more (candidates, which the rules did not code) get none."""
    out = np.zeros((len(index), len(classes)))
    for row, n in enumerate(index):
        if rules is not None and n >= rules:
            continue
        kind = events[n].type
        if kind in classes:
            out[row, classes.index(kind)] = 1.0
    return out


# ---------------------------------------------------------------------------- decision


@cache
def base_codes() -> dict[str, str]:
    """The CAMEO code a retyped event takes: the type's shortest code without a mode."""
    from ._lexicon import default_lexicon

    best: dict[str, tuple[int, str]] = {}
    for code, plover in default_lexicon().plover.items():
        if plover.type is None or not code.isdigit():
            continue
        key = (len(code) + (1 if plover.mode else 0), code)
        if plover.type not in best or key < best[plover.type]:
            best[plover.type] = key
    return {t: code for t, (_, code) in best.items()}


def decide(event: Event, p: NDArray[np.float64], model: EventModel) -> Event | None:
    """The event as the model leaves it: None (dropped), retyped, or re-scored."""
    if event.type is None:
        return event  # an untyped statement: the model does not judge it
    classes = model.classes
    none_p = float(p[classes.index(NONE)])
    if none_p >= model.drop:
        return None
    order = np.argsort(-p)
    best = next(classes[int(i)] for i in order if classes[int(i)] != NONE)
    best_p = float(p[classes.index(best)])
    if best != event.type and best_p >= model.retype:
        return _retyped(event, best, best_p, f"model:plover-linear {best_p:.2f} ({event.rule})")
    own = float(p[classes.index(event.type)]) if event.type in classes else 0.0
    return replace(event, rule=f"{event.rule}+model", confidence=round(own, 3))


def promote(candidate: Candidate, p: NDArray[np.float64], model: EventModel) -> Event | None:
    """The candidate as an event when its most probable class is a PLOVER type with a
    probability at or above the promote threshold; else None."""
    event = candidate.event
    top = int(np.argmax(p))
    kind, top_p = model.classes[top], float(p[top])
    if event.type is None or kind == NONE or top_p < model.promote:
        return None
    rule = f"model:plover-linear {top_p:.2f} (candidate:{candidate.dropped_by} {event.rule})"
    if kind == event.type:
        return replace(event, rule=rule, confidence=round(top_p, 3))
    return _retyped(event, kind, top_p, rule)


def _retyped(event: Event, kind: str, p: float, rule: str) -> Event:
    """The event given another PLOVER type: that type's base CAMEO code, no mode or context."""
    new_type: PloverType = kind  # type: ignore[assignment]
    return replace(
        event,
        type=new_type,
        mode=None,
        context=(),
        cameo=base_codes().get(kind, event.cameo),
        rule=rule,
        confidence=round(p, 3),
    )


def _covers(event: Event, new: Event) -> bool:
    """``event`` has ``new``'s type and every party it names: ``new`` adds nothing."""
    return (
        event.type == new.type
        and set(new.source) <= set(event.source)
        and set(new.target) <= set(event.target)
    )


def decide_all(
    events: Sequence[Event],
    candidates: Sequence[Candidate],
    probs: dict[int, NDArray[np.float64]],
    model: EventModel,
    limit: int = MAX_EVENTS_PER_SENTENCE,
) -> tuple[Event, ...]:
    """The rule events checked and the candidates promoted, in sentence order (a sentence's
    promoted events after its rule events), numbered V1, V2, ...

    ``probs``: the class probabilities by number in ``coded(events, candidates)``. A
    candidate is not promoted where an earlier promoted candidate's clause holds it, where
    its sentence already has ``limit`` typed events, or where an event of the sentence has
    its trigger, or its type and every party it names ("A suicide bombing killed three
    soldiers": the killing, coded, is the bombing); a statement on its trigger gives way.
    """
    kept: list[Event] = []
    for n, event in enumerate(events):
        p = probs.get(n)
        decided = decide(event, p, model) if p is not None else event
        if decided is not None:
            kept.append(decided)
    added: list[Event] = []
    promoted: set[int] = set()
    for k, candidate in enumerate(candidates):
        p = probs.get(len(events) + k)
        if p is None or any(j in promoted for j in candidate.swallowed_by):
            continue
        new = promote(candidate, p, model)
        if new is None:
            continue
        same = [e for e in (*kept, *added) if e.sentence == new.sentence]
        if (
            sum(e.type is not None for e in same) >= limit
            or any(e.trigger == new.trigger and e.type is not None for e in same)
            or any(_covers(e, new) for e in same)
        ):
            continue
        added.append(new)
        promoted.add(k)
    if added:
        triggers = {e.trigger for e in added}
        kept = [e for e in kept if e.type is not None or e.trigger not in triggers]
        kept = sorted((*kept, *added), key=lambda e: (e.sentence or (0, 0))[0])
    return tuple(replace(e, id=f"V{n}") for n, e in enumerate(kept, 1))


def apply_model(
    doc: Doc,
    events: tuple[Event, ...],
    model: EventModel,
    candidates: Sequence[Candidate] = (),
    limit: int = MAX_EVENTS_PER_SENTENCE,
) -> tuple[Event, ...]:
    """The rule coder's events checked by the model and the candidates it promotes,
    renumbered V1, V2, ..."""
    if not events and not candidates:
        return events
    if not has_vectors(doc, model.vectors):
        warn_no_vectors(model.vectors)
        return tuple(
            replace(e, rule=f"{e.rule}{RULES_ONLY}") if e.type is not None else e for e in events
        )
    every, extra = coded(events, candidates)
    x, index = featurize(doc, every, extra)
    probs: dict[int, NDArray[np.float64]] = {}
    if index:
        p = model.probabilities(x, rule_types(every, index, model.classes, len(events)))
        probs = {n: p[row] for row, n in enumerate(index)}
    return decide_all(events, candidates, probs, model, limit)
