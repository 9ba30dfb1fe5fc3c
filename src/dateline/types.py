"""The result types of dateline: the `dateline/1` output contract as frozen dataclasses.

Every stage returns these plain values. ``Analysis.to_dict()`` gives the JSON object
described in ``DESIGN.md``; ``Analysis.from_dict()`` reads it back. Offsets are Python
``str`` indices into ``Analysis.text`` (the cleaned body), end-exclusive.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias, TypeVar

from .errors import BAD_INPUT, InputError

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "Anchor",
    "Article",
    "CodeFrom",
    "Dateline",
    "Dropped",
    "DroppedKind",
    "Entity",
    "EntityKind",
    "Event",
    "Failure",
    "Geo",
    "Granularity",
    "LocationFrom",
    "Mention",
    "MentionKind",
    "Origin",
    "Paragraph",
    "PloverType",
    "PublishedFrom",
    "Quote",
    "QuoteKind",
    "RawArticle",
    "Replacement",
    "TimeExpr",
    "TimeMod",
    "TimeType",
    "from_plain",
    "to_plain",
]

SCHEMA_VERSION = "dateline/1"

Span = tuple[int, int]

# ---------------------------------------------------------------------------- closed values
# Each field with a fixed set of values names it here, so the generated JSON Schema carries
# an ``enum`` and mypy checks the stage that writes it. Values stay plain strings in JSON.

#: What a removed block was (``Dropped.kind``).
DroppedKind: TypeAlias = Literal[
    "headline", "dateline", "byline", "caption", "credit", "promo", "duplicate", "boilerplate"
]
#: Where ``published`` was read: the reader's metadata, the HTML's tags, or the text.
PublishedFrom: TypeAlias = Literal["metadata", "html", "text"]
#: The entity types kept from the named-entity recogniser (OntoNotes labels).
EntityKind: TypeAlias = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"]
#: A proper name, a common-noun phrase ("the minister"), a pronoun, or a demonym ("Russian",
#: "Kenyan": a mention of the country's place entity).
MentionKind: TypeAlias = Literal["name", "nominal", "pronoun", "demonym"]
#: Which source gave ``Entity.code``: the text around it or a (user) actor dictionary.
CodeFrom: TypeAlias = Literal["text", "dictionary", "user-dictionary"]
#: The unit a time value names; ``ref`` is a reference word ("then"), units below a day
#: (``second`` ... ``hour``) and ``millennium`` only appear on values that stay unresolved.
Granularity: TypeAlias = Literal[
    "second", "minute", "hour", "time", "night", "day", "weekend", "week", "fortnight",
    "month", "season", "quarter", "half", "year", "decade", "century", "millennium",
    "duration", "set", "ref",
]  # fmt: skip
#: The TimeML type of a time expression.
TimeType: TypeAlias = Literal["DATE", "TIME", "DURATION", "SET"]
#: The date a relative time was read against (``absolute``: it needs none; ``none``: none known).
Anchor: TypeAlias = Literal["published", "dateline", "absolute", "none"]
#: The TimeML ``mod`` of a time expression ("early 2021": START).
TimeMod: TypeAlias = Literal[
    "START", "END", "MID", "APPROX", "BEFORE", "AFTER",
    "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS",
]  # fmt: skip
#: A quote in quotation marks, reported speech, or both.
QuoteKind: TypeAlias = Literal["direct", "indirect", "mixed"]
#: Where ``Event.location`` came from: a place in the event's sentence ("in Anbar"), the
#: article's dateline, the article's main place, or none found.
LocationFrom: TypeAlias = Literal["sentence", "dateline", "article", "none"]
#: The 16 PLOVER event types.
PloverType: TypeAlias = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip


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

    def __post_init__(self) -> None:
        """Python API callers get a coded ``InputError`` for a field of the wrong type (a
        date as a number, HTML as bytes), not a bare ``AttributeError`` deep inside a stage;
        a ``datetime.date`` publication date is taken as its ISO form."""
        if isinstance(self.published, _dt.date):
            object.__setattr__(self, "published", self.published.isoformat())
        for name in ("text", "html", "url", "title", "published", "source", "byline"):
            value = getattr(self, name)
            if value is None or isinstance(value, str):
                continue
            kind = type(value).__name__
            hint = "give it as a string"
            if name == "published":
                hint = "give the date as a string such as '2020-01-01', or a datetime.date"
            elif isinstance(value, bytes | bytearray):
                hint = (
                    f"decode the bytes first ({name}=data.decode('utf-8')), or read the file "
                    "with dateline.io.read_inputs, which detects the encoding"
                )
            raise InputError(f"{name} must be a string, not {kind}", hint=hint, code=BAD_INPUT)
        if not isinstance(self.warnings, tuple):
            object.__setattr__(self, "warnings", tuple(self.warnings))


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

    kind: DroppedKind
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
    """The dateline opening the body ("GENEVA (AP) --"): the place as written, its entity."""

    place: str
    entity: str | None = None
    agency: str | None = None
    date: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity: its span in ``text`` and whether it is a name."""

    start: int
    end: int
    text: str
    kind: MentionKind = "name"


@dataclass(frozen=True, slots=True)
class Geo:
    """Where a place entity is: coordinates and the GeoNames record it was resolved to."""

    lat: float
    lon: float
    geonameid: int | None = None
    name: str | None = None
    country: str | None = None
    feature: str | None = None  # GeoNames feature code: PPLC, PPL, ADM1, PCLI, ...
    admin1: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or group, with every mention and its actor code."""

    id: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    titles: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    geo: Geo | None = None
    code_from: CodeFrom | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression and its TimeML value, read against the article's date."""

    start: int
    end: int
    text: str
    value: str | None
    granularity: Granularity | None
    type: TimeType = "DATE"
    anchor: Anchor | None = None
    mod: TimeMod | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct, indirect or mixed quote: its spans, the speaker's entity and the cue verb."""

    id: str
    kind: QuoteKind
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
    """A PLOVER event with its CAMEO code, actors (entity ids), place, date and modality."""

    id: str
    type: PloverType | None
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    location: str | None = None
    location_from: LocationFrom = "none"
    date: str | None = None
    date_granularity: Granularity | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    question: bool = False
    obligation: bool = False
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
    published_from: PublishedFrom | None = None
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
    published_from: PublishedFrom | None = None
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
