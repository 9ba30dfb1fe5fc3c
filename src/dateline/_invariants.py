"""What every ``Analysis`` must satisfy, checked in one place.

``check(result)`` returns the problems found, one line each, starting with a kind in
brackets (``[span]``, ``[quote-speaker-inside]``, ...): offsets inside the text and each
``text`` field equal to the slice it names; referenced ids (quote speakers, event actors,
places and claimants, the dateline's entity) that exist; event triggers inside the sentence
they name; quote speakers and cues outside the quote's content; every entity with at least
one mention; and the `dateline/1` JSON schema.

A kind may be listed in ``KNOWN`` while it is accepted for now (none is: the quote kinds
were fixed in the quotes stage, issue 16); ``unexpected(result)`` gives the problems of the
other kinds: the tests and the bench scripts require it to be empty.

The dateline's place is an entity whose one mention is the dateline itself, which the
structure stage cuts from the text (``result.dateline``): it needs no mention in the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from .types import Analysis, Span

__all__ = ["KNOWN", "check", "kind_of", "unexpected"]

#: Problem kinds seen on real articles and accepted for now, each with what was counted
#: over the 311 Wikinews articles: none.
KNOWN: Final[Mapping[str, str]] = {}


def kind_of(problem: str) -> str:
    """The kind of one problem line: ``"[span] ..."`` -> ``"span"``."""
    return problem[1 : problem.index("]")] if problem.startswith("[") else ""


def unexpected(result: Analysis) -> list[str]:
    """The problems of ``result`` whose kind is not in ``KNOWN``."""
    return [p for p in check(result) if kind_of(p) not in KNOWN]


def check(result: Analysis) -> list[str]:
    """Every problem found in ``result``; an empty list when it is sound."""
    problems: list[str] = []
    _spans(result, problems)
    _references(result, problems)
    _quotes(result, problems)
    _events(result, problems)
    _schema(result, problems)
    return problems


def _bad_span(span: Span, size: int) -> bool:
    start, end = span
    return not (0 <= start <= end <= size)


def _slice(
    text: str, start: int, end: int, expected: str | None, what: str, problems: list[str]
) -> None:
    if not 0 <= start <= end <= len(text):
        problems.append(f"[span] {what}: ({start}, {end}) is outside the text of {len(text)}")
    elif expected is not None and text[start:end] != expected:
        problems.append(f"[text] {what}: text {expected!r} but the slice is {text[start:end]!r}")


def _spans(result: Analysis, problems: list[str]) -> None:
    text = result.text
    previous = 0
    for i, para in enumerate(result.paragraphs):
        _slice(text, para.start, para.end, None, f"paragraph {i}", problems)
        if para.start < previous:
            problems.append(f"[span] paragraph {i} starts before the end of the one before")
        previous = para.end
    for entity in result.entities:
        for mention in entity.mentions:
            what = f"entity {entity.id} mention"
            _slice(text, mention.start, mention.end, mention.text, what, problems)
    for time in result.times:
        _slice(text, time.start, time.end, time.text, "time", problems)


def _ids(kind: str, ids: Iterable[str], problems: list[str]) -> set[str]:
    seen: set[str] = set()
    for one in ids:
        if one in seen:
            problems.append(f"[id] {kind} id {one} is used twice")
        seen.add(one)
    return seen


def _references(result: Analysis, problems: list[str]) -> None:
    entities = _ids("entity", (e.id for e in result.entities), problems)
    quotes = _ids("quote", (q.id for q in result.quotes), problems)
    _ids("event", (e.id for e in result.events), problems)
    place = result.dateline.entity if result.dateline is not None else None
    for entity in result.entities:
        if not entity.mentions and entity.id != place:
            problems.append(f"[entity-without-mention] entity {entity.id} {entity.name!r}")
    if place is not None and place not in entities:
        problems.append(f"[ref] dateline entity {place} does not exist")
    for quote in result.quotes:
        if quote.speaker is not None and quote.speaker not in entities:
            problems.append(f"[ref] quote {quote.id} speaker {quote.speaker} does not exist")
    for event in result.events:
        actors = [*event.source, *event.target]
        actors += [event.location] if event.location is not None else []
        for actor in actors:
            if actor not in entities:
                problems.append(f"[ref] event {event.id} entity {actor} does not exist")
        claimant = event.claimed_by
        if claimant is not None and claimant not in entities and claimant not in quotes:
            problems.append(f"[ref] event {event.id} claimed_by {claimant} does not exist")


def _overlaps(span: Span, spans: Iterable[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _quotes(result: Analysis, problems: list[str]) -> None:
    text = result.text
    for quote in result.quotes:
        if not quote.spans:
            problems.append(f"[quote] quote {quote.id} has no spans")
        for start, end in quote.spans:
            _slice(text, start, end, None, f"quote {quote.id} span", problems)
            if start >= end:
                problems.append(f"[quote] quote {quote.id} has an empty span ({start}, {end})")
        if quote.speaker_span is not None:
            start, end = quote.speaker_span
            what = f"quote {quote.id} speaker"
            _slice(text, start, end, quote.speaker_text, what, problems)
            if _overlaps(quote.speaker_span, quote.spans):
                problems.append(f"[quote-speaker-inside] {what} ({start}, {end}) in the content")
        if quote.cue_span is not None:
            start, end = quote.cue_span
            what = f"quote {quote.id} cue"
            _slice(text, start, end, None, what, problems)
            if _overlaps(quote.cue_span, quote.spans):
                problems.append(f"[quote-cue-inside] {what} ({start}, {end}) in the content")


def _events(result: Analysis, problems: list[str]) -> None:
    size = len(result.text)
    for event in result.events:
        sentence, trigger = event.sentence, event.trigger
        if sentence is not None and _bad_span(sentence, size):
            problems.append(f"[span] event {event.id} sentence {sentence} is outside the text")
        if trigger is not None and _bad_span(trigger, size):
            problems.append(f"[span] event {event.id} trigger {trigger} is outside the text")
        if (
            sentence is not None
            and trigger is not None
            and not sentence[0] <= trigger[0] <= trigger[1] <= sentence[1]
        ):
            problems.append(
                f"[event-outside-sentence] event {event.id} trigger {trigger} is not in "
                f"its sentence {sentence}"
            )


def _schema(result: Analysis, problems: list[str]) -> None:
    import jsonschema

    from .schema import validate

    try:
        validate(result.to_dict())
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "the result"
        problems.append(f"[schema] {where}: {exc.message[:200]}")
