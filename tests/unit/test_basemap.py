"""geo.basemap: TopoJSON decoding, the Europe cut, and the layer under the tiles."""

from __future__ import annotations

import json
from pathlib import Path

import folium
import pytest
from folium.map import CustomPane

from geo.basemap import (
    BASEMAP_PANE,
    BASEMAP_Z_INDEX,
    COUNTRY_CLASS,
    EUROPE_BBOX,
    SEA_COLOUR,
    add_offline_basemap,
    add_online_tiles,
    clip_features,
    decode_arcs,
    europe_outlines,
    topology_to_geojson,
)


def _square(x: float, y: float, size: float = 1.0) -> list[list[float]]:
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def test_quantized_arcs_are_delta_decoded_and_transformed() -> None:
    topology = {
        "transform": {"scale": [0.5, 2.0], "translate": [10.0, 20.0]},
        "arcs": [[[0, 0], [1, 0], [0, 1], [-1, 0]]],
    }

    assert decode_arcs(topology) == [[[10.0, 20.0], [10.5, 20.0], [10.5, 22.0], [10.0, 22.0]]]


def test_unquantized_arcs_are_positions() -> None:
    assert decode_arcs({"arcs": [[[1, 2], [3.5, 4]]]}) == [[[1.0, 2.0], [3.5, 4.0]]]


def test_polygon_multipolygon_reversed_arcs_and_holes() -> None:
    # Arc 0: the left and top of a square, arc 1: right and bottom; arc 2 a hole.
    topology = {
        "type": "Topology",
        "arcs": [
            [[0, 0], [0, 4], [4, 4]],
            [[4, 4], [4, 0], [0, 0]],
            [[1, 1], [2, 1], [2, 2], [1, 1]],
            [[10, 10], [11, 10], [11, 11], [10, 10]],
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1], [2]], "id": "1", "properties": {"name": "A"}},
                    # ~1 == -2 is arc 1 reversed, then arc 0 reversed: the same ring backwards.
                    {"type": "MultiPolygon", "arcs": [[[~1, ~0]], [[3]]], "id": "2", "properties": {"name": "B"}},
                    {"type": None, "properties": {"name": "Nowhere"}},
                ],
            }
        },
    }

    fc = topology_to_geojson(topology, "countries")

    a, b = fc["features"]
    assert a["id"] == "1" and a["properties"] == {"name": "A"}
    assert a["geometry"] == {
        "type": "Polygon",
        "coordinates": [
            [[0, 0], [0, 4], [4, 4], [4, 0], [0, 0]],  # shared [4, 4] kept once
            [[1, 1], [2, 1], [2, 2], [1, 1]],
        ],
    }
    assert b["geometry"]["type"] == "MultiPolygon"
    assert b["geometry"]["coordinates"][0] == [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]]
    assert b["geometry"]["coordinates"][1] == [[[10, 10], [11, 10], [11, 11], [10, 10]]]


def test_unsupported_geometry_type_is_an_error() -> None:
    topology = {"arcs": [], "objects": {"o": {"geometries": [{"type": "Point", "coordinates": [0, 0]}]}}}
    with pytest.raises(ValueError, match="Point"):
        topology_to_geojson(topology, "o")


def _feature(fid: str, geometry: dict) -> dict:
    return {"type": "Feature", "id": fid, "properties": {"name": fid, "extra": 1}, "geometry": geometry}


def test_clip_keeps_parts_touching_the_box_rounded() -> None:
    inside = [[[10.00041, 50.00049], [11.0, 50.0], [11.0, 51.0], [10.0, 51.0], [10.0004, 50.0004], [10.0, 50.0]]]
    overseas = [_square(-53.0, 4.0)]  # French Guiana
    fc = {
        "type": "FeatureCollection",
        "features": [
            _feature("FR", {"type": "MultiPolygon", "coordinates": [inside, overseas]}),
            _feature("BR", {"type": "Polygon", "coordinates": [_square(-50.0, -10.0)]}),
        ],
    }

    out = clip_features(fc, EUROPE_BBOX, precision=3)

    assert [f["id"] for f in out["features"]] == ["FR"]
    france = out["features"][0]
    assert france["properties"] == {"name": "FR"}
    assert france["geometry"]["type"] == "Polygon"  # one part left
    # Rounded, repeated positions dropped, ring closed.
    assert france["geometry"]["coordinates"] == [[[10.0, 50.0], [11.0, 50.0], [11.0, 51.0], [10.0, 51.0], [10.0, 50.0]]]


def test_clip_drops_rings_that_collapse_when_rounded() -> None:
    tiny_hole = [[20.0001, 50.0001], [20.0002, 50.0001], [20.0001, 50.0002], [20.0001, 50.0001]]
    fc = {"features": [_feature("X", {"type": "Polygon", "coordinates": [_square(20.0, 50.0), tiny_hole]})]}

    out = clip_features(fc, EUROPE_BBOX)

    assert out["features"][0]["geometry"]["coordinates"] == [_square(20.0, 50.0)]


def test_ring_across_the_antimeridian_is_unwrapped() -> None:
    # Like Russia's: Europe to Chukotka in one ring, longitudes jumping 180 -> -180.
    ring = [[30.0, 60.0], [179.9, 65.0], [-170.0, 66.0], [-170.0, 67.0], [30.0, 70.0], [30.0, 60.0]]
    fc = {"features": [_feature("RU", {"type": "Polygon", "coordinates": [ring]})]}

    coordinates = clip_features(fc, EUROPE_BBOX)["features"][0]["geometry"]["coordinates"][0]

    assert [lon for lon, _ in coordinates] == [30.0, 179.9, 190.0, 190.0, 30.0, 30.0]


@pytest.fixture(scope="module")
def outlines(vendored_assets: Path) -> dict:
    return europe_outlines()


def test_europe_outlines_from_natural_earth(outlines: dict) -> None:
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert {"Denmark", "Sweden", "Ukraine", "Norway", "Poland", "Russia"} <= names
    assert {"Brazil", "Japan", "United States of America"}.isdisjoint(names)
    assert 50 <= len(outlines["features"]) <= 80
    ids = [f["id"] for f in outlines["features"]]
    assert len(set(ids)) == len(ids)  # folium would otherwise write ids into the cached dict
    assert europe_outlines() is outlines  # lru_cache: decoded once per process


def test_europe_outlines_are_small_and_rounded(outlines: dict) -> None:
    text = json.dumps(outlines, separators=(",", ":"))
    assert len(text) < 500_000
    for feature in outlines["features"]:
        polygons = feature["geometry"]["coordinates"]
        if feature["geometry"]["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for lon, lat in polygon[0]:
                assert round(lon, 3) == lon and round(lat, 3) == lat
                assert -75 < lon < 200 and 15 < lat < 84  # Algeria reaches 19°N


def _render(fmap: folium.Map) -> str:
    return fmap.get_root().render()


def test_offline_basemap_layer_sits_under_the_tiles(outlines: dict) -> None:
    fmap = folium.Map(tiles=None)

    layer = add_offline_basemap(fmap, online_tiles=False)

    panes = [c for c in fmap._children.values() if isinstance(c, CustomPane)]
    assert [(p.name, p.z_index, p.pointer_events) for p in panes] == [(BASEMAP_PANE, BASEMAP_Z_INDEX, False)]
    assert BASEMAP_Z_INDEX < 200  # Leaflet's tilePane
    assert layer.options == {"pane": BASEMAP_PANE, "interactive": False}
    assert layer.control is False
    assert layer.data is outlines
    assert layer.style_function(outlines["features"][0])["className"] == COUNTRY_CLASS
    # Bounds as folium computes them: [[lat_min, lon_min], [lat_max, lon_max]].
    (lat_min, lon_min), (lat_max, lon_max) = layer.get_bounds()
    assert lat_min < 35 and lat_max > 71 and lon_min < -24 and lon_max > 45

    html = _render(fmap)
    pane_js = html.index(f'createPane(\n                "{BASEMAP_PANE}")')
    assert f".style.zIndex = {BASEMAP_Z_INDEX};" in html
    assert html.index('"pane": "basemap"') > pane_js  # the pane exists before the layer uses it
    assert f"background: {SEA_COLOUR}" in html
    assert html.count('"type": "Feature"') == len(outlines["features"])
    assert '"name": "Ukraine"' in html
    assert "tile.openstreetmap.org" not in html
    assert not [c for c in fmap._children.values() if isinstance(c, folium.TileLayer)]


def test_online_tiles_are_added_with_attribution(vendored_assets: Path) -> None:
    fmap = folium.Map(tiles=None)

    add_offline_basemap(fmap, online_tiles=True)

    tiles = [c for c in fmap._children.values() if isinstance(c, folium.TileLayer)]
    assert len(tiles) == 1
    assert tiles[0].tiles.startswith("https://tile.openstreetmap.org/")
    assert "OpenStreetMap" in tiles[0].options["attribution"]
    assert "tile.openstreetmap.org" in _render(fmap)


def test_existing_tile_layer_is_kept_or_refused(vendored_assets: Path) -> None:
    online = folium.Map()  # folium's default: OpenStreetMap tiles
    add_offline_basemap(online, online_tiles=True)
    assert sum(isinstance(c, folium.TileLayer) for c in online._children.values()) == 1

    with pytest.raises(ValueError, match="tiles=None"):
        add_offline_basemap(folium.Map(), online_tiles=False)


def test_add_online_tiles_returns_the_layer() -> None:
    fmap = folium.Map(tiles=None)
    layer = add_online_tiles(fmap)
    assert isinstance(layer, folium.TileLayer) and layer in fmap._children.values()
