"""Demonyms as mentions of their country's place: "Russian", "Kenyan", "South Africans".

A country's demonym names the country as much as its name does, so maps and place queries
should count it: each demonym in the text becomes a mention of kind ``demonym`` of the
country's place entity (the GPE entity whose name is the country), and a country only
demonyms name gets a place entity of its own (appended after the others, so no id moves).

What is a demonym: a capitalised word or phrase the model tags NORP or GPE that
:func:`dateline.places.demonym_country` maps to a country (country demonyms only: "Texan"
names Texas, not the United States) and that is not the country's name. One inside the
name of a person, organisation or other place ("American Airlines", "Russian Orthodox
Church", "the Russian Federation") is part of that name, not a mention of the country. A
place entity's own name mention that is a demonym (the model tags some "Ukrainian" GPE)
becomes kind ``demonym`` too.

This runs after the event stage (``dateline_event_places``), so how events and quotes pick
their actors cannot change: "Russian troops" stays the actor it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from .. import places
from .._spans import doc_text
from ..types import Article, Entity, Mention

__all__ = ["add_demonym_mentions", "demonym_at"]

_PLACE_KINDS = frozenset({"GPE", "LOC"})
_LABELS = frozenset({"NORP", "GPE"})


def demonym_at(text: str) -> str | None:
    """The country (ISO3) the words ``text`` are a demonym of, else None ("Bahamas" and
    "Philippines" are the countries' names, though the demonym table holds them too)."""
    if not text[:1].isupper():
        return None
    iso3 = places.demonym_country(text)
    if iso3 is None or places.normalize(text) == places.normalize(places.country_name(iso3) or ""):
        return None
    return iso3


def _country_entity(entities: Sequence[Entity], iso3: str) -> Entity | None:
    """The place entity that is the country itself (not a city standing for it)."""
    for entity in entities:
        if entity.kind in _PLACE_KINDS and places.country_code(entity.name) == iso3:
            return entity
    return None


def _find(doc: Doc, blocked: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, iso3) of every demonym the model tagged NORP or GPE, outside the
    ``blocked`` spans (the demonym table is wide: the model's tag keeps "Alan" out)."""
    text = doc_text(doc)
    found: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in _LABELS:
            continue
        start = ent.start
        while start < ent.end and doc[start].lower_ == "the":
            start += 1
        if start >= ent.end:
            continue
        a, b = doc[start].idx, ent.end_char
        iso3 = demonym_at(text[a:b])
        if iso3 is not None and not any(s < b and a < e for s, e in blocked):
            found.append((a, b, iso3))
    return found


def add_demonym_mentions(
    doc: Doc, article: Article, entities: tuple[Entity, ...]
) -> tuple[Entity, ...]:
    """``entities`` with every country demonym as a ``demonym`` mention of its country's
    place entity; new country entities (geocoded) are appended, numbered after the rest."""
    text = doc_text(doc)
    # a place's own name mention that is a demonym: kind demonym
    entities = tuple(
        replace(
            e,
            mentions=tuple(
                replace(m, kind="demonym")
                if m.kind == "name" and demonym_at(m.text) == places.country_code(e.name)
                else m
                for m in e.mentions
            ),
        )
        if e.kind in _PLACE_KINDS and places.country_code(e.name) is not None
        else e
        for e in entities
    )
    blocked = [
        (m.start, m.end)
        for e in entities
        for m in e.mentions
        if m.kind == "name" or (m.kind == "demonym" and e.kind in _PLACE_KINDS)
    ]
    found = _find(doc, blocked)
    if not found:
        return entities
    by_country: dict[str, list[Mention]] = {}
    for start, end, iso3 in found:
        by_country.setdefault(iso3, []).append(Mention(start, end, text[start:end], "demonym"))
    out = list(entities)
    made: list[Entity] = []
    number = _next_number(entities)
    for iso3, mentions in by_country.items():
        owner = _country_entity(out, iso3)
        if owner is not None:
            merged = tuple(sorted((*owner.mentions, *mentions), key=lambda m: (m.start, m.end)))
            out[out.index(owner)] = replace(owner, mentions=merged)
            continue
        name = places.country_name(iso3)
        if name is None:
            continue
        made.append(
            Entity(
                id=f"E{number}",
                kind="GPE",
                name=name,
                mentions=tuple(mentions),
                country=iso3,
                code=iso3,
                code_from="text",
            )
        )
        number += 1
    if made:
        out.extend(places.locate_entities(made, article))
    return tuple(out)


def _next_number(entities: Sequence[Entity]) -> int:
    numbers = [int(e.id[1:]) for e in entities if e.id[:1] == "E" and e.id[1:].isdigit()]
    return max(numbers, default=0) + 1
