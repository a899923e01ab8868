"""The bundled data/ as it grows with the public record (issue 9): cited, short-quoted, placed right.

The seed articles' own checks are in test_seed_quotes.py; these hold for every row, including
the ones cited from public web pages, which have an address instead of a seed file.
"""

from __future__ import annotations

import csv
import json
import math
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from partnerships.dataset import DEFAULT_DATA_DIR, Dataset, load_dataset
from partnerships.figures import figures_for_view
from partnerships.filters import Filters, apply_filters

MAX_QUOTE_WORDS = 25
QUOTED_FILES = ("partnerships.csv", "programmes.csv", "funding.csv", "figures.csv")
OUTLINES = Path("world-atlas") / "countries-50m.json"
# world-atlas keys its countries by ISO 3166-1 numeric code.
ISO_NUMERIC = {"DK": "208", "SE": "752", "UA": "804", "NO": "578", "FI": "246", "IS": "352"}
SKR_FIGURE = "swedish-partner-municipalities"
# The outlines are generalised to 1:50 million: a city centre on the coast may fall a few
# kilometres into the sea.
COAST_KM = 5.0

Ring = list[tuple[float, float]]


def read_rows(file: str) -> list[dict[str, str]]:
    with (DEFAULT_DATA_DIR / file).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def quotes() -> Iterator[tuple[str, str, str, str]]:
    """(file, row id, column, quote) for every quote and also_quote in data/."""
    for file in QUOTED_FILES:
        for row in read_rows(file):
            for column in ("quote", "also_quote"):
                if row.get(column):
                    yield file, row["id"], column, row[column]


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(DEFAULT_DATA_DIR)


def test_every_source_without_a_seed_file_has_an_address() -> None:
    missing = [row["id"] for row in read_rows("sources.csv") if not row["seed_file"] and not row["url"]]
    assert not missing, f"sources with neither a seed file nor a url: {missing}"


@pytest.mark.parametrize(("file", "row_id", "column", "quote"), list(quotes()), ids=lambda value: str(value)[:40])
def test_quote_is_at_most_25_words(file: str, row_id: str, column: str, quote: str) -> None:
    words = len(quote.split())
    assert words <= MAX_QUOTE_WORDS, f"{file} {row_id} {column}: {words} words"


# --- places inside their country, by the Natural Earth outlines the map itself draws ---


def _decoded_arcs(topology: dict) -> list[Ring]:
    """Every arc as (lon, lat) points: undo the quantisation and the delta encoding."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _ring(arc_ids: list[int], arcs: list[Ring]) -> Ring:
    """A ring from its arcs; ~i is arc i reversed, and each arc starts where the last ended."""
    points: Ring = []
    for arc_id in arc_ids:
        arc = arcs[arc_id] if arc_id >= 0 else arcs[~arc_id][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _polygons(geometry: dict, arcs: list[Ring]) -> list[list[Ring]]:
    if geometry["type"] == "Polygon":
        return [[_ring(ring, arcs) for ring in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[_ring(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
    return []


def _crossings(ring: Ring, lon: float, lat: float) -> int:
    """How often a ray from the point towards the east crosses the ring."""
    count = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            count += 1
    return count


def inside(polygons: list[list[Ring]], lon: float, lat: float) -> bool:
    """Even-odd rule over a polygon's outer ring and holes, for any of the polygons."""
    return any(sum(_crossings(ring, lon, lat) for ring in polygon) % 2 == 1 for polygon in polygons)


def km_to_outline(polygons: list[list[Ring]], lon: float, lat: float) -> float:
    """Distance to the nearest edge, on a local flat projection (fine over a few kilometres)."""
    kx, ky = 111.32 * math.cos(math.radians(lat)), 110.57
    nearest = math.inf
    for ring in (ring for polygon in polygons for ring in polygon):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            ax, ay, bx, by = (x1 - lon) * kx, (y1 - lat) * ky, (x2 - lon) * kx, (y2 - lat) * ky
            length = (bx - ax) ** 2 + (by - ay) ** 2
            share = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * (bx - ax) + ay * (by - ay)) / length))
            nearest = min(nearest, math.hypot(ax + share * (bx - ax), ay + share * (by - ay)))
    return nearest


def lies_in(country: str, lon: float, lat: float, polygons: dict[str, list[list[Ring]]]) -> bool:
    """Inside the country's outline, or (a coastal city the 1:50m outline cuts off, such as
    Copenhagen or Stockholm) within COAST_KM of it and inside no other country."""
    if inside(polygons[country], lon, lat):
        return True
    if any(inside(other, lon, lat) for code, other in polygons.items() if code != country):
        return False
    return km_to_outline(polygons[country], lon, lat) <= COAST_KM


@pytest.fixture(scope="module")
def country_polygons(vendored_assets: Path) -> dict[str, list[list[Ring]]]:
    topology = json.loads((vendored_assets / OUTLINES).read_text(encoding="utf-8"))
    arcs = _decoded_arcs(topology)
    by_numeric = {str(g.get("id")): g for g in topology["objects"]["countries"]["geometries"]}
    return {alpha2: _polygons(by_numeric[numeric], arcs) for alpha2, numeric in ISO_NUMERIC.items()}


def test_a_place_abroad_or_at_sea_is_outside(country_polygons: dict[str, list[list[Ring]]]) -> None:
    assert not lies_in("DK", 12.70, 56.05, country_polygons)  # Helsingborg, Sweden, 4 km across the Sound
    assert not lies_in("UA", 31.0, 45.0, country_polygons)  # the Black Sea, 60 km off the coast
    assert not lies_in("SE", 59.33, 18.07, country_polygons)  # Stockholm with latitude and longitude swapped


def test_the_outlines_decode_to_the_right_countries(country_polygons: dict[str, list[list[Ring]]]) -> None:
    """An inland point of each country is inside it and outside the others: the decoding is right."""
    inland = {
        "DK": (9.3, 56.2),
        "SE": (15.0, 60.5),
        "UA": (31.0, 49.5),
        "NO": (9.0, 61.5),
        "FI": (26.0, 63.0),
        "IS": (-19.0, 64.8),
    }
    for country, (lon, lat) in inland.items():
        assert inside(country_polygons[country], lon, lat), country
        for other in inland.keys() - {country}:
            assert not inside(country_polygons[other], lon, lat), (country, other)


def test_every_place_lies_inside_its_country(bundled: Dataset, country_polygons: dict[str, list[list[Ring]]]) -> None:
    outside = [
        f"{place['id']} ({place['lat']}, {place['lon']}) is not inside {place['country']}"
        for place in bundled.place_by_id.values()
        if not lies_in(place["country"], place["lon"], place["lat"], country_polygons)
    ]
    assert not outside, "; ".join(outside)


# --- key figures are the sources' numbers, never counts of what the map draws ---


def test_the_skr_figure_is_the_sources_about_twenty(bundled: Dataset) -> None:
    """The SKR article's 'ett tjugotal' stays as it is, however many Swedish pairs are named elsewhere."""
    figure = bundled.figure_by_id[SKR_FIGURE]
    assert (figure["value"], figure["qualifier"], figure["source"]) == (20, "about", "skr-2024-02-27")
    assert any(
        bundled.place_by_id[row["from_place"]]["country"] == "SE" for row in bundled.partnership_by_id.values()
    ), "the Swedish pairs named on public pages are on the map, beside the figure"


def _rewrite(path: Path, keep: Callable[[dict[str, str]], bool]) -> set[str]:
    """Keep only the rows `keep` accepts; the ids of the rows dropped."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(row for row in rows if keep(row))
    return {row["id"] for row in rows if not keep(row)}


def test_the_shown_figure_does_not_change_with_the_partnerships(tmp_path: Path) -> None:
    """Drop every Swedish partnership: the SKR figure beside the map still says about 20.

    (The number of named Swedish pairs happens to be 20 as well: a count would pass a
    comparison of values, so this test changes the partnerships instead.)
    """
    folder = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    country = {row["id"]: row["country"] for row in read_rows("places.csv")}
    dropped = _rewrite(folder / "partnerships.csv", lambda row: country[row["from_place"]] != "SE")
    _rewrite(folder / "funding.csv", lambda row: row["partnership"] not in dropped)

    def shown(dataset: Dataset) -> str:
        view = apply_filters(dataset, Filters(country="SE"))
        [figure] = [f for f in figures_for_view(dataset, view, "en") if f.figure_id == SKR_FIGURE]
        return figure.value_text

    before, after = load_dataset(DEFAULT_DATA_DIR), load_dataset(folder)
    assert len(after.partnerships) < len(before.partnerships)
    assert shown(before) == shown(after) == "about 20"
