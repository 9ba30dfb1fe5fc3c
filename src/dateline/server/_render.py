"""What the pages draw, computed in Python and rendered (escaped) by the templates.

- ``article_view``: the cleaned text cut into segments, each knowing the entity mention,
  quote and event trigger it belongs to, paragraph by paragraph, with the paragraph's
  events beside it.
- ``day_chart``: events per day (or month, or year, when there are too many days) by
  PLOVER type, as stacked bars.
- ``place_points``: event places projected on the world outline.
"""

from __future__ import annotations

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
MAX_BARS = 60
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


def day_chart(days: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked bars of events per day by type (per month or year when days are too many)."""
    unit, width = "year", 4
    for name, size in (("day", 10), ("month", 7)):
        if len({d["day"][:size] for d in days}) <= MAX_BARS:
            unit, width = name, size
            break
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for d in days:
        counts[d["day"][:width]][d["type"]] += d["n"]
        totals[d["type"]] += d["n"]
    types = [t for t, _ in totals.most_common()]
    colour = {t: COLOURS[i % len(COLOURS)] for i, t in enumerate(types)}
    keys = sorted(counts)
    top = max((sum(c.values()) for c in counts.values()), default=0)
    bars = []
    if keys and top:
        step = CHART_WIDTH / len(keys)
        width_ = min(max(step - 2, 1), MAX_BAR_WIDTH)
        for i, key in enumerate(keys):
            y = float(CHART_HEIGHT)
            for t in types:
                n = counts[key][t]
                if not n:
                    continue
                h = n * (CHART_HEIGHT - 18) / top  # room for the "max" label above
                y -= h
                bars.append(
                    {
                        "x": round(i * step + (step - width_) / 2, 1),
                        "y": round(y, 1),
                        "w": round(width_, 1),
                        "h": round(h, 1),
                        "colour": colour[t],
                        "title": f"{key} {t}: {n}",
                    }
                )
    every = max(1, -(-len(keys) // 8))  # at most 8 labels under the bars
    step = CHART_WIDTH / len(keys) if keys else 0.0
    ticks = [
        {"x": round(i * step + step / 2, 1), "label": key}
        for i, key in enumerate(keys)
        if i % every == 0
    ]
    return {
        "unit": unit,
        "bars": bars,
        "ticks": ticks,
        "legend": [{"type": t, "colour": colour[t], "n": totals[t]} for t in types],
        "first": keys[0] if keys else None,
        "last": keys[-1] if keys else None,
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
