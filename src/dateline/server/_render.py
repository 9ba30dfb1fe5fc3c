"""What the pages draw, computed in Python and rendered (escaped) by the templates.

- ``article_view``: the cleaned text cut into segments, each knowing the entity mention,
  quote and event trigger it belongs to, paragraph by paragraph, with the paragraph's
  events beside it.
- ``day_chart``: events per day (or month, or year, when the time spanned is too long) by
  PLOVER type, as stacked bars on a time axis to scale (a day without events is a gap).
- ``place_points``: event places projected on the world outline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from itertools import pairwise
from typing import Any

from ._world import MAP_HEIGHT, MAP_WIDTH, project

__all__ = ["COLOURS", "article_view", "day_chart", "pair_matrix", "place_points"]

# one colour per PLOVER type, in order of frequency (cycled when there are more)
COLOURS = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#8c564b", "#17becf", "#bcbd22",
    "#7f7f7f", "#aec7e8",
)  # fmt: skip
CHART_WIDTH = 720
CHART_HEIGHT = 220
# the most slots (days, months) an axis of that unit spans before the next unit is used
MAX_SLOTS = {"day": 120, "month": 120}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
MAX_BAR_WIDTH = 48


def _names(ids: list[str], entities: dict[str, dict[str, Any]]) -> str:
    return ", ".join(entities[i]["name"] if i in entities else i for i in ids) or "?"


def _hover(entity: dict[str, Any]) -> str:
    parts = [f"{entity['name']} ({entity['kind']})"]
    for label, key in (("country", "country"), ("sector", "sector"), ("code", "code")):
        if entity.get(key):
            parts.append(f"{label} {entity[key]}")
    if entity.get("lat") is not None and entity.get("lon") is not None:
        parts.append(
            f"place {entity.get('geo_name') or ''} {entity['lat']:.2f}, {entity['lon']:.2f}"
        )
    return "; ".join(parts)


def article_view(data: dict[str, Any], marked: set[tuple[str, str]]) -> dict[str, Any]:
    """The article page's content from ``Corpus.article``'s tables."""
    article = data["article"]
    text: str = article["text"] or ""
    entities = {e["entity_id"]: e for e in data["entities"]}
    actors: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"source": [], "target": []})
    for row in data["event_actors"]:
        actors[row["event_id"]][row["role"]].append(row["entity_id"])
    groups = {m["event_id"]: m for m in data["event_mentions"]}
    quotes = []
    for q in data["quotes"]:
        speaker = entities.get(q["speaker"] or "")
        quotes.append(
            {
                **q,
                "speaker_name": speaker["name"] if speaker else (q["speaker_text"] or "unknown"),
                "marked": ("quote", q["quote_id"]) in marked,
            }
        )
    events = []
    for v in data["events"]:
        place = entities.get(v["location"] or "")
        flags = [k for k in ("negated", "hypothetical", "future", "historical") if v[k]]
        if v["claimed_by"]:
            flags.append(f"claimed by {_names([v['claimed_by']], entities)}")
        events.append(
            {
                **v,
                "source_names": _names(actors[v["event_id"]]["source"], entities),
                "target_names": _names(actors[v["event_id"]]["target"], entities),
                "place": place["name"] if place else None,
                "flags": flags,
                "group": groups.get(v["event_id"]),
                "marked": ("event", v["event_id"]) in marked,
            }
        )

    spans: list[tuple[int, int, str, Any]] = []
    for m in data["mentions"]:
        ent = entities.get(m["entity_id"])
        if ent is not None:
            spans.append((m["start"], m["end"], "entity", ent))
    for q in quotes:
        for i, (start, end) in enumerate(q["spans"] or []):
            spans.append((start, end, "quote", (q, i == 0)))
    for v in events:
        if v["trigger_start"] is not None and v["trigger_end"] is not None:
            spans.append((v["trigger_start"], v["trigger_end"], "trigger", v))

    bounds = [tuple(p) for p in (article["paragraphs"] or [])] or [(0, len(text))]
    paragraphs = []
    for p_start, p_end in bounds:
        inside = [s for s in spans if s[0] < p_end and s[1] > p_start]
        cuts = sorted({p_start, p_end} | {x for s in inside for x in s[:2] if p_start < x < p_end})
        segments = []
        for a, b in pairwise(cuts):
            seg: dict[str, Any] = {"text": text[a:b], "entity": None, "quote": None}
            seg["trigger"] = None
            seg["label"] = None
            for start, end, kind, what in inside:
                if start <= a and end >= b:
                    if kind == "entity" and seg["entity"] is None:
                        seg["entity"] = {**what, "hover": _hover(what)}
                    elif kind == "quote" and seg["quote"] is None:
                        seg["quote"] = what[0]
                        if what[1] and start == a:
                            seg["label"] = what[0]["speaker_name"]
                    elif kind == "trigger" and seg["trigger"] is None:
                        seg["trigger"] = what
            segments.append(seg)
        beside = [
            v
            for v in events
            if v["sentence_start"] is not None and p_start <= v["sentence_start"] < p_end
        ]
        paragraphs.append({"segments": segments, "events": beside})
    placed = {v["event_id"] for p in paragraphs for v in p["events"]}
    located = [
        {"name": e["name"], "lat": e["lat"], "lon": e["lon"], "events": e["n_mentions"] or 1}
        for e in entities.values()
        if e.get("lat") is not None and e.get("lon") is not None
    ]
    return {
        "article": article,
        "map": place_points(located, unit="mentions"),
        "paragraphs": paragraphs,
        "unplaced": [v for v in events if v["event_id"] not in placed],
        "quotes": quotes,
        "events": events,
        "dropped": data["dropped"],
        "entities": list(entities.values()),
        "kinds": sorted({e["kind"] for e in entities.values()}),
    }


def _slot(key: str, unit: str) -> int | None:
    """The day, month or year ``key`` falls in, as a number that counts ``unit``s (so the
    distance between two slots is their distance in time), or None when ``key`` is not
    that precise (a month or an ISO week on a day axis) or not a date."""
    week = _WEEK.match(key)
    if week is not None:
        if unit == "day":
            return None
        try:
            monday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        except ValueError:
            return None
        return monday.year if unit == "year" else monday.year * 12 + monday.month - 1
    match = _DATE.match(key)
    if match is None:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    if unit == "year":
        return int(year)
    if month is None or not 1 <= int(month) <= 12:
        return None
    if unit == "month":
        return int(year) * 12 + int(month) - 1
    if day is None:
        return None
    try:
        return dt.date(int(year), int(month), int(day)).toordinal()
    except ValueError:
        return None


def _label(slot: int, unit: str) -> str:
    if unit == "year":
        return f"{slot:04d}"
    if unit == "month":
        return f"{slot // 12:04d}-{slot % 12 + 1:02d}"
    return dt.date.fromordinal(slot).isoformat()


def _unit(days: list[dict[str, Any]]) -> str:
    """The finest unit whose axis, first slot to last, spans at most ``MAX_SLOTS[unit]``
    and places at least half of the dated events (the rest are less precise)."""
    dated = sum(d["n"] for d in days if _slot(d["day"], "year") is not None)
    for unit in ("day", "month"):
        placed = [(s, d["n"]) for d in days if (s := _slot(d["day"], unit)) is not None]
        slots = [s for s, _ in placed]
        short = bool(slots) and max(slots) - min(slots) < MAX_SLOTS[unit]
        if short and 2 * sum(n for _, n in placed) >= dated:
            return unit
    return "year"


def day_chart(days: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked bars of events per day (or month, or year, when the time spanned is too
    long) by type, on a time axis to scale: ``x`` is proportional to the date, so a day
    without events is a gap. Events dated less precisely than the unit (a month on a day
    axis) are not drawn; ``left_out`` counts them."""
    unit = _unit(days)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    left_out = 0
    for d in days:
        slot = _slot(d["day"], unit)
        if slot is None:
            left_out += d["n"]
            continue
        counts[slot][d["type"]] += d["n"]
        totals[d["type"]] += d["n"]
    types = [t for t, _ in totals.most_common()]
    colour = {t: COLOURS[i % len(COLOURS)] for i, t in enumerate(types)}
    first = min(counts, default=0)
    last = max(counts, default=-1)
    n_slots = last - first + 1
    step = CHART_WIDTH / n_slots if n_slots > 0 else 0.0
    top = max((sum(c.values()) for c in counts.values()), default=0)
    bars = []
    if counts and top:
        width_ = min(max(step - 1, 1), MAX_BAR_WIDTH)
        for slot in sorted(counts):
            y = float(CHART_HEIGHT)
            for t in types:
                n = counts[slot][t]
                if not n:
                    continue
                h = n * (CHART_HEIGHT - 18) / top  # room for the "max" label above
                y -= h
                bars.append(
                    {
                        "x": round((slot - first) * step + (step - width_) / 2, 2),
                        "y": round(y, 1),
                        "w": round(width_, 2),
                        "h": round(h, 1),
                        "colour": colour[t],
                        "title": f"{_label(slot, unit)} {t}: {n}",
                        "slot": _label(slot, unit),
                    }
                )
    every = max(1, -(-n_slots // 8))  # at most 8 labels, evenly spaced in time
    ticks = [
        {"x": round((slot - first) * step + step / 2, 2), "label": _label(slot, unit)}
        for slot in range(first, last + 1, every)
    ]
    return {
        "unit": unit,
        "bars": bars,
        "ticks": ticks,
        "legend": [{"type": t, "colour": colour[t], "n": totals[t]} for t in types],
        "first": _label(first, unit) if counts else None,
        "last": _label(last, unit) if counts else None,
        "slots": max(n_slots, 0),
        "left_out": left_out,
        "top": top,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
    }


def place_points(places: list[dict[str, Any]], unit: str = "events") -> dict[str, Any]:
    points = []
    for p in places:
        x, y = project(float(p["lon"]), float(p["lat"]))
        points.append(
            {
                "x": round(x, 1),
                "y": round(y, 1),
                "r": round(2 + min(p["events"], 100) ** 0.5, 1),
                "title": f"{p['name']}: {p['events']} {unit}",
            }
        )
    return {"points": points, "width": MAP_WIDTH, "height": MAP_HEIGHT}


def pair_matrix(pairs: list[dict[str, Any]]) -> dict[str, Any]:
    """The busiest pairs as a source x target matrix of event counts (shade by count)."""
    sources = list(dict.fromkeys(p["source"] for p in pairs))
    targets = list(dict.fromkeys(p["target"] for p in pairs))
    cells = {(p["source"], p["target"]): p["events"] for p in pairs}
    top = max(cells.values(), default=1)
    rows = [
        {
            "source": s,
            "cells": [
                {"n": cells.get((s, t)), "shade": min(5, round(5 * cells.get((s, t), 0) / top))}
                for t in targets
            ],
        }
        for s in sources
    ]
    return {"targets": targets, "rows": rows}
