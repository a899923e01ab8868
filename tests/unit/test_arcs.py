"""Curved arcs: exact endpoints, parallel arcs visibly apart, great-circle geometry, distances."""

from __future__ import annotations

import math

import pytest

from geo.arcs import arc_points, assign_bends, distance_km, parallel_bends
from mapview.layers import view_data
from partnerships.dataset import Dataset
from partnerships.filters import Filters, apply_filters

COPENHAGEN = (55.6761, 12.5683)
KYIV = (50.4501, 30.5234)


def vector(point: tuple[float, float]) -> tuple[float, float, float]:
    lat, lon = map(math.radians, point)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def side(start: tuple[float, float], end: tuple[float, float], point: tuple[float, float]) -> float:
    """Positive on one side of the great circle start->end, negative on the other."""
    a, b, p = vector(start), vector(end), vector(point)
    normal = (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])
    return sum(n * c for n, c in zip(normal, p, strict=True))


def midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    return points[len(points) // 2]


@pytest.mark.parametrize("bend", [0.0, 0.12, -0.12, 0.36])
def test_endpoints_are_exact(bend: float) -> None:
    points = arc_points(COPENHAGEN, KYIV, bend)
    assert points[0] == COPENHAGEN
    assert points[-1] == KYIV


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # On the equator, half-way in longitude.
        ((0.0, 0.0), (0.0, 90.0), (0.0, 45.0)),
        # Two points on the 45th parallel 90 degrees apart: the great circle rises to
        # atan(sqrt(2)) = 54.7356 degrees, well north of the parallel.
        ((45.0, 0.0), (45.0, 90.0), (math.degrees(math.atan(math.sqrt(2))), 45.0)),
        # Along a meridian.
        ((10.0, 20.0), (50.0, 20.0), (30.0, 20.0)),
    ],
)
def test_unbent_arc_midpoint_is_the_great_circle_midpoint(
    start: tuple[float, float], end: tuple[float, float], expected: tuple[float, float]
) -> None:
    lat, lon = midpoint(arc_points(start, end, bend=0.0))
    assert lat == pytest.approx(expected[0], abs=1e-6)
    assert lon == pytest.approx(expected[1], abs=1e-6)


def test_unbent_arc_is_halved_by_its_midpoint() -> None:
    mid = midpoint(arc_points(COPENHAGEN, KYIV, bend=0.0))
    first, second = distance_km(COPENHAGEN, mid), distance_km(mid, KYIV)
    assert first == pytest.approx(second, rel=0.01)
    assert first + second == pytest.approx(distance_km(COPENHAGEN, KYIV), rel=0.001)
    assert side(COPENHAGEN, KYIV, mid) == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        # One degree of latitude and of longitude at the equator on WGS-84.
        ((0.0, 0.0), (1.0, 0.0), 110.574),
        ((0.0, 0.0), (0.0, 1.0), 111.319),
        # Copenhagen-Kyiv, about 1,330 km.
        (COPENHAGEN, KYIV, 1_330),
    ],
)
def test_distance_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert distance_km(a, b) == pytest.approx(km, rel=0.01)
    assert distance_km(b, a) == pytest.approx(distance_km(a, b))


def test_parallel_bends_alternate_sides_and_grow() -> None:
    bends = parallel_bends(4)
    assert bends[0] > 0 > bends[1]
    assert bends[2] > bends[0] and bends[3] < bends[1]
    assert len(set(bends)) == 4


def test_the_two_copenhagen_kyiv_lines_bend_to_opposite_sides(dataset: Dataset) -> None:
    view = apply_filters(dataset, Filters(theme=("climate-adaptation",)))
    lines = view_data(dataset, view, "en")["lines"]
    assert set(lines["ids"]) == {"copenhagen-kyiv-projects", "copenhagen-kyiv-friendship"}
    # The browser bends each line as arc_points does, by the bend the view sends.
    mids = [midpoint(arc_points(COPENHAGEN, KYIV, bend)) for bend in lines["bend"]]
    sides = [side(COPENHAGEN, KYIV, mid) for mid in mids]
    assert sides[0] * sides[1] < 0
    assert distance_km(mids[0], mids[1]) > 50


def test_lines_in_opposite_directions_between_the_same_places_do_not_coincide() -> None:
    pairs = [("copenhagen", "kyiv"), ("kyiv", "copenhagen"), ("copenhagen", "kyiv")]
    ends = {"copenhagen": COPENHAGEN, "kyiv": KYIV}
    arcs = [arc_points(ends[a], ends[b], bend) for (a, b), bend in zip(pairs, assign_bends(pairs), strict=True)]
    mids = [midpoint(points) for points in arcs]
    for i in range(len(mids)):
        for j in range(i + 1, len(mids)):
            assert distance_km(mids[i], mids[j]) > 50, (pairs[i], pairs[j])


def test_unrelated_pairs_are_not_bent_apart() -> None:
    bends = assign_bends([("aarhus", "lviv"), ("aalborg", "mykolaiv")])
    assert bends[0] == pytest.approx(bends[1])
