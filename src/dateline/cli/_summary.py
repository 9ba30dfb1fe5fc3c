"""``dateline analyze --format text``: one result as a short briefing an analyst can read.

Entities by name (never their ids), grouped by kind; every event as who did what to whom,
where and when, with its status spelled out, so a summit that is only possible, planned,
denied or claimed by one side never reads as a meeting that happened.
"""

from __future__ import annotations

from .._data import mapping
from ..types import Analysis, Entity, Event

__all__ = ["event_status", "format_text"]

_CAMEO_LABELS = mapping("events/cameo_codes.tsv", "cameo", "label")

_KINDS = (
    ("PERSON", "people"),
    ("ORG", "organisations"),
    ("GPE", "places"),
    ("LOC", "places"),
    ("FAC", "places"),
    ("NORP", "groups"),
)

#: each flag of an event and how the briefing says it, in the order they are listed
_FLAGS = (
    ("negated", "DID NOT HAPPEN (negated)"),
    ("hypothetical", "ONLY POSSIBLE (hypothetical): not reported as having happened"),
    ("future", "NOT YET (future): planned or expected"),
    ("historical", "BACKGROUND (historical): an earlier event"),
    ("question", "ONLY ASKED (question): not reported as having happened"),
    ("obligation", "ONLY DEMANDED (obligation): not reported as done"),
)


def event_status(event: Event, result: Analysis) -> str:
    """The event's status in words: its flags, who claims it, or "reported as happened"."""
    parts = [text for flag, text in _FLAGS if getattr(event, flag)]
    if event.claimed_by:
        parts.append(f"CLAIMED by {_name(result.entity(event.claimed_by))}, not confirmed")
    return "; ".join(parts) if parts else "reported as happened"


def _name(entity: Entity | None) -> str:
    return entity.name if entity else "(unnamed)"


def _names(ids: tuple[str, ...], result: Analysis) -> str:
    return " and ".join(_name(result.entity(i)) for i in ids)


def _when(event: Event) -> str:
    if not event.date:
        return "date not stated"
    if event.date_granularity in (None, "day"):
        return f"on {event.date}"
    return f"in {event.date} ({event.date_granularity})"


def _where(event: Event, result: Analysis) -> str:
    place = result.entity(event.location)
    if place is None:
        return "place not stated"
    country = place.geo.country if place.geo else place.country
    where = f"in {place.name}" + (f" ({country})" if country and country != place.code else "")
    source = getattr(event, "location_from", None)  # written by the event-place stage
    return where + (f", place from the {source}" if source and source != "none" else "")


def _what(event: Event) -> str:
    what: str = event.type or "untyped"
    if event.mode:
        what += f"/{event.mode}"
    if event.cameo:
        label = _CAMEO_LABELS.get(event.cameo)
        what += f" (CAMEO {event.cameo}" + (f" {label})" if label else ")")
    return what


def _event_lines(event: Event, result: Analysis) -> list[str]:
    source = _names(event.source, result) or "(no actor found)"
    target = _names(event.target, result)
    lines = [
        f"  - {source}: {_what(event)}" + (f" -> {target}" if target else ""),
        f"    {_where(event, result)}, {_when(event)}; {event_status(event, result)}",
    ]
    if event.evidence:
        lines.append(f'    "{event.evidence[:100]}"')
    return lines


def _entity_lines(result: Analysis) -> list[str]:
    groups: dict[str, list[str]] = {}
    for ent in result.entities:
        label = dict(_KINDS).get(ent.kind, "other")
        attrs = ", ".join(x for x in (ent.country, ent.sector) if x)
        groups.setdefault(label, []).append(ent.name + (f" ({attrs})" if attrs else ""))
    order = [*dict.fromkeys(label for _, label in _KINDS), "other"]
    return [f"  {label}: " + "; ".join(groups[label]) for label in order if label in groups]


def format_text(result: Analysis) -> str:
    """A short human-readable briefing on one result."""
    lines = [f"# {result.title or '(no title)'}"]
    meta = []
    if result.dateline:
        meta.append(f"dateline {result.dateline.place}")
    if result.published:
        meta.append(f"published {result.published} (from {result.published_from})")
    if result.origin and result.origin.path:
        meta.append(f"from {result.origin.path}")
    if meta:
        lines.append("  " + " | ".join(meta))
    lines.append(
        f"  {len(result.paragraphs)} paragraphs, {len(result.dropped)} dropped, "
        f"{len(result.entities)} entities, {len(result.times)} times, "
        f"{len(result.quotes)} quotes, {len(result.events)} events"
    )
    if result.events:
        lines.append("Events:")
        for event in result.events:
            lines.extend(_event_lines(event, result))
    if result.entities:
        lines.append("Who and where:")
        lines.extend(_entity_lines(result))
    if result.quotes:
        lines.append("Quotes:")
        for q in result.quotes:
            who = result.entity(q.speaker)
            speaker = who.name if who else q.speaker_text or "(unattributed)"
            lines.append(f'  - {speaker} ({q.kind}): "{q.text[:90]}"')
    if result.times:
        lines.append("Dates:")
        for t in result.times:
            value = t.value or "unresolved"
            unit = f" ({t.granularity})" if t.granularity and t.value else ""
            lines.append(f"  - {t.text!r} -> {value}{unit}")
    for block in result.dropped:
        lines.append(f"  dropped {block.kind}: {block.text[:70]}")
    for w in result.warnings:
        lines.append(f"  warning: {w}")
    return "\n".join(lines)
