"""Curved great-circle arcs between two places, and the distance between them.

Each partnership is drawn as a great circle bent sideways by a small angle, so two
partnerships between the same pair of places (Copenhagen–Kyiv has a friendship agreement
and funded projects) bend to opposite sides instead of lying on top of each other.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from geopy.distance import geodesic

LatLon = tuple[float, float]

# How far an arc bows out, as a fraction of the arc's own angular length.
BASE_BEND = 0.12


def distance_km(a: LatLon, b: LatLon) -> float:
    """Geodesic distance on the WGS-84 ellipsoid, in kilometres."""
    return geodesic(a, b).km


def _to_vector(point: LatLon) -> tuple[float, float, float]:
    lat, lon = map(math.radians, point)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def _to_latlon(vector: Sequence[float]) -> LatLon:
    x, y, z = vector
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


def _cross(u: Sequence[float], v: Sequence[float]) -> tuple[float, float, float]:
    return (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])


def _normalised(v: Sequence[float]) -> tuple[float, float, float]:
    length = math.sqrt(sum(c * c for c in v))
    return (v[0] / length, v[1] / length, v[2] / length)


def arc_points(start: LatLon, end: LatLon, bend: float = BASE_BEND, segments: int = 48) -> list[LatLon]:
    """Points from start to end along a great circle, bowed sideways by `bend` (negative: other side)."""
    a, b = _to_vector(start), _to_vector(end)
    omega = math.acos(max(-1.0, min(1.0, sum(x * y for x, y in zip(a, b, strict=True)))))
    if omega < 1e-9:
        return [start, end]
    normal = _normalised(_cross(a, b))
    points = []
    for step in range(segments + 1):
        t = step / segments
        w_a, w_b = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
        on_circle = tuple(w_a * x + w_b * y for x, y in zip(a, b, strict=True))
        # Tilt towards the great circle's pole: zero at both ends, largest half-way.
        theta = bend * omega * math.sin(math.pi * t)
        bowed = tuple(math.cos(theta) * p + math.sin(theta) * n for p, n in zip(on_circle, normal, strict=True))
        points.append(_to_latlon(bowed))
    points[0], points[-1] = start, end
    return points


def parallel_bends(count: int, base: float = BASE_BEND) -> list[float]:
    """Bends for `count` arcs between the same two places: +b, -b, +2b, -2b, ..."""
    return [base * (1 + index // 2) * (1 if index % 2 == 0 else -1) for index in range(count)]


def assign_bends(pairs: Iterable[tuple[str, str]], base: float = BASE_BEND) -> list[float]:
    """One bend per (from, to) pair so that arcs sharing both ends never coincide.

    Pairs are compared without regard to direction; an arc drawn from the other end
    has its sign flipped so that it still bends to its own side.
    """
    pairs = list(pairs)
    seen: dict[frozenset[str], int] = {}
    bends = []
    for source, target in pairs:
        key = frozenset((source, target))
        index = seen.get(key, 0)
        seen[key] = index + 1
        bend = parallel_bends(index + 1, base)[index]
        bends.append(bend if source <= target else -bend)
    return bends
