"""The world outline for the map: country shapes from the vendored world-atlas TopoJSON.

TopoJSON stores each shared border once as an "arc" of delta-encoded, quantised points;
a polygon lists arcs by index (a negative index ``~i`` means arc ``i`` reversed). This
module decodes the arcs and draws every country as one SVG path in an equirectangular
projection (x = longitude, y = -latitude), scaled to the map's width and height.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["MAP_HEIGHT", "MAP_WIDTH", "project", "world_path"]

MAP_WIDTH = 720
MAP_HEIGHT = 360
Point = tuple[float, float]


def project(lon: float, lat: float) -> Point:
    """Longitude and latitude to map coordinates."""
    return ((lon + 180.0) * MAP_WIDTH / 360.0, (90.0 - lat) * MAP_HEIGHT / 180.0)


def _arcs(topology: dict[str, Any]) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append(project(x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    points: list[Point] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])  # arcs share their end points
    return points


def _ring_path(points: list[Point]) -> str:
    parts = []
    last_x: float | None = None
    for x, y in points:
        # a ring crossing the antimeridian (Russia, Fiji) jumps across the map: start anew
        op = "M" if last_x is None or abs(x - last_x) > MAP_WIDTH / 2 else "L"
        parts.append(f"{op}{x:.1f},{y:.1f}")
        last_x = x
    return "".join(parts) + "Z"


@cache
def world_path() -> str:
    """Every country's outline as one SVG path ``d`` attribute (numbers and M, L, Z only)."""
    text = files("dateline").joinpath("data", "server", "countries-110m.json").read_text("utf-8")
    topology = json.loads(text)
    arcs = _arcs(topology)
    rings: list[list[int]] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            rings.extend(geometry["arcs"])
        elif geometry["type"] == "MultiPolygon":
            for polygon in geometry["arcs"]:
                rings.extend(polygon)
    return "".join(_ring_path(_ring(arcs, ring)) for ring in rings)
