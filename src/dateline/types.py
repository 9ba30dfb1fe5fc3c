"""The result types of dateline: the `dateline/1` output contract as frozen dataclasses.

Every stage returns these plain values. ``Analysis.to_dict()`` gives the JSON object
described in ``DESIGN.md``; ``Analysis.from_dict()`` reads it back. Offsets are Python
``str`` indices into ``Analysis.text`` (the cleaned body), end-exclusive.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "Article",
    "Dateline",
    "Dropped",
    "Entity",
    "Event",
    "Failure",
    "Geo",
    "Mention",
    "Origin",
    "Paragraph",
    "Quote",
    "RawArticle",
    "Replacement",
    "TimeExpr",
    "from_plain",
    "to_plain",
]

SCHEMA_VERSION = "dateline/1"

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from: a file, and a line, row or WARC offset inside it."""

    path: str | None = None
    line: int | None = None
    offset: int | None = None
    record: str | None = None


@dataclass(frozen=True, slots=True)
class RawArticle:
    """What a reader hands to the structure stage: text or HTML, and what is known of it."""

    origin: Origin
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    byline: str | None = None
    warnings: tuple[str, ...] = ()  # reader problems (e.g. undecodable bytes) for the result


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that could not be read or analysed, with the reason."""

    origin: Origin
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the cleaned text; ``source_start`` indexes the reader's text."""

    start: int
    end: int
    source_start: int | None = None


@dataclass(frozen=True, slots=True)
class Dropped:
    """A block removed from the body, with its kind, never silently lost."""

    kind: str  # headline | dateline | byline | caption | credit | promo | duplicate | boilerplate
    text: str
    source_start: int | None = None
    reason: str | None = None
    duplicate_of: int | None = None  # index of the kept paragraph a duplicate repeats


@dataclass(frozen=True, slots=True)
class Replacement:
    """A character of ``text`` that was normalised: ``original`` is what the input had."""

    offset: int
    original: str


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    entity: str | None = None
    agency: str | None = None
    date: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str = "name"  # name | nominal | pronoun


@dataclass(frozen=True, slots=True)
class Geo:
    lat: float
    lon: float
    geonameid: int | None = None
    name: str | None = None
    country: str | None = None
    feature: str | None = None  # GeoNames feature code: PPLC, PPL, ADM1, PCLI, ...
    admin1: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    kind: str  # PERSON | ORG | GPE | LOC | FAC | NORP
    name: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    titles: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    geo: Geo | None = None
    code_from: str | None = None  # text | dictionary | user-dictionary


@dataclass(frozen=True, slots=True)
class TimeExpr:
    start: int
    end: int
    text: str
    value: str | None
    granularity: str | None  # day|week|month|quarter|year|decade|century|time|duration|set|ref
    type: str = "DATE"  # DATE | TIME | DURATION | SET (TimeML)
    anchor: str | None = None  # published | dateline | absolute | none
    mod: str | None = None  # TimeML mod: START, END, APPROX, BEFORE, AFTER, ...


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    kind: str  # direct | indirect | mixed
    text: str
    spans: tuple[Span, ...]
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str | None  # one of the 16 PLOVER types
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    location: str | None = None
    date: str | None = None
    date_granularity: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    claimed_by: str | None = None
    sentence: Span | None = None
    trigger: Span | None = None
    evidence: str | None = None
    rule: str | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """The structure stage's result: clean body text and everything removed from it."""

    id: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    dropped: tuple[Dropped, ...] = ()
    title: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    published: str | None = None
    published_from: str | None = None  # metadata | html | text
    url: str | None = None
    source: str | None = None
    language: str | None = None
    replacements: tuple[Replacement, ...] = ()
    origin: Origin | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """The whole result for one article: the `dateline/1` object."""

    id: str
    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    title: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    published: str | None = None
    published_from: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    origin: Origin | None = None
    model: str | None = None
    replacements: tuple[Replacement, ...] = ()
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()
    schema: str = field(default=SCHEMA_VERSION)

    def to_dict(self) -> dict[str, Any]:
        out = to_plain(self)
        assert isinstance(out, dict)
        # the schema name leads, as in the contract's example
        return {"schema": out.pop("schema"), **out}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return from_plain(cls, data)

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None."""
        if entity_id is None:
            return None
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def quotes_by(self, speaker: str) -> tuple[Quote, ...]:
        """Quotes whose speaker is the entity id, or an entity whose name or alias matches."""
        wanted = speaker.casefold()
        ids = {
            e.id
            for e in self.entities
            if e.id == speaker or wanted in (a.casefold() for a in (e.name, *e.aliases))
        }
        return tuple(q for q in self.quotes if q.speaker in ids)


# ---------------------------------------------------------------------------- plain data

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """Dataclasses to dicts, tuples to lists, recursively (JSON-ready)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def from_plain(cls: type[T], data: Any) -> T:
    """Build a dataclass from the plain data ``to_plain`` made; unknown keys are ignored."""
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in value)
        return tuple(_convert(a, v) for a, v in zip(args, value, strict=True))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_plain(hint, value)
    if hint is float and isinstance(value, int):
        return float(value)
    return value
