"""A basemap that works with no internet: country outlines drawn under the tiles.

The outlines (Natural Earth 1:50m, from the world-atlas npm package installed by
``make assets``) go into their own map pane *below* Leaflet's tile pane. When
tiles load they cover the outlines; when they cannot load (offline meeting
room) Leaflet keeps the failed tiles invisible and the outlines show through.
No connectivity detection needed. ``online_tiles=False`` leaves the tiles out
altogether so that tests and the presenter's "offline" mode make no outside
request at all.

TopoJSON is decoded here in Python (a few dozen lines) rather than in the
browser with topojson-client: the map gets plain GeoJSON, trimmed to Europe and
rounded, so the page stays small and needs no extra script.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import folium
from branca.element import MacroElement
from folium.map import CustomPane
from folium.template import Template

from geo.assets import VENDOR_DIR

COUNTRIES_FILE = VENDOR_DIR / "world-atlas" / "countries-50m.json"
# (lon_min, lat_min, lon_max, lat_max): Iceland and the Azores to the Urals'
# foothills, Crete/Cyprus to North Cape. Countries touching it are kept whole.
EUROPE_BBOX: tuple[float, float, float, float] = (-25.0, 34.0, 45.0, 72.0)
# 3 decimals is ~100 m: finer than the 1:50m source (~250 m quantisation) needs.
PRECISION = 3

BASEMAP_PANE = "basemap"
# Leaflet's tilePane is 200 and overlayPane 400: 150 puts outlines under both.
BASEMAP_Z_INDEX = 150
COUNTRY_CLASS = "basemap-country"
SEA_COLOUR = "#d4e4ee"
LAND_COLOUR = "#f7f5f0"
BORDER_COLOUR = "#8f969e"

Position = list[float]
Ring = list[Position]
BBox = tuple[float, float, float, float]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Absolute [lon, lat] positions of every arc.

    Quantized topologies (with a "transform") store each arc as integer deltas
    from the previous position; unquantized ones store positions directly.
    """
    transform = topology.get("transform")
    if transform is None:
        return [[[float(p[0]), float(p[1])] for p in arc] for arc in topology["arcs"]]
    (kx, ky), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        positions = []
        for point in arc:
            x += point[0]
            y += point[1]
            positions.append([x * kx + tx, y * ky + ty])
        arcs.append(positions)
    return arcs


def _ring(indexes: Iterable[int], arcs: list[Ring]) -> Ring:
    """Join arcs into one ring; ~i (negative) means arc i reversed."""
    ring: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        # Consecutive arcs share their joining position: keep it once.
        ring.extend(arc[1:] if ring else arc)
    return ring


def _geometry(geometry: dict[str, Any], arcs: list[Ring]) -> dict[str, Any] | None:
    kind = geometry.get("type")
    if kind is None:  # TopoJSON's null geometry
        return None
    if kind == "Polygon":
        coordinates: Any = [_ring(r, arcs) for r in geometry["arcs"]]
    elif kind == "MultiPolygon":
        coordinates = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
    else:
        raise ValueError(f"unsupported TopoJSON geometry type for outlines: {kind}")
    return {"type": kind, "coordinates": coordinates}


def topology_to_geojson(topology: dict[str, Any], object_name: str) -> dict[str, Any]:
    """GeoJSON FeatureCollection of one TopoJSON object (Polygon/MultiPolygon)."""
    arcs = decode_arcs(topology)
    features = []
    for item in topology["objects"][object_name]["geometries"]:
        geometry = _geometry(item, arcs)
        if geometry is None:
            continue
        feature: dict[str, Any] = {
            "type": "Feature",
            "properties": dict(item.get("properties") or {}),
            "geometry": geometry,
        }
        if "id" in item:
            feature["id"] = item["id"]
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def _bbox(ring: Sequence[Position]) -> BBox:
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _intersects(a: BBox, b: BBox) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _round_ring(ring: Ring, precision: int) -> Ring | None:
    """Rounded ring without repeated positions; None if it collapses."""
    out: Ring = []
    for lon, lat in ring:
        p = [round(lon, precision), round(lat, precision)]
        if not out or p != out[-1]:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def _unwrap(polygon: list[Ring]) -> list[Ring]:
    """Rings crossing the antimeridian (Russia's, through Chukotka) moved to 0..360.

    Natural Earth keeps such a ring in one piece with longitudes jumping from
    180 to -180; Leaflet would join those with a line across the whole map and
    fill a band along it.
    """
    lon_min, _, lon_max, _ = _bbox(polygon[0])
    if lon_max - lon_min <= 180:
        return polygon
    return [[[lon + 360 if lon < 0 else lon, lat] for lon, lat in ring] for ring in polygon]


def _polygons(geometry: dict[str, Any]) -> list[list[Ring]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def clip_features(collection: dict[str, Any], bbox: BBox, precision: int = PRECISION) -> dict[str, Any]:
    """Polygons whose outer ring's extent touches ``bbox``, rounded.

    Whole polygons are kept (no cutting at the box edge, which would draw false
    borders); overseas parts such as French Guiana are dropped.
    """
    features = []
    for feature in collection["features"]:
        polygons = []
        for polygon in map(_unwrap, _polygons(feature["geometry"])):
            if not _intersects(_bbox(polygon[0]), bbox):
                continue
            rings = [_round_ring(ring, precision) for ring in polygon]
            if rings[0] is None:
                continue
            polygons.append([r for r in rings if r is not None])
        if not polygons:
            continue
        name = feature["properties"].get("name", "")
        features.append(
            {
                "type": "Feature",
                # A unique id per feature stops folium from adding its own
                # (it would write into our cached dict).
                "id": str(feature.get("id", name)),
                "properties": {"name": name},
                "geometry": (
                    {"type": "Polygon", "coordinates": polygons[0]}
                    if len(polygons) == 1
                    else {"type": "MultiPolygon", "coordinates": polygons}
                ),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def europe_outlines(
    path: Path = COUNTRIES_FILE, bbox: BBox = EUROPE_BBOX, precision: int = PRECISION
) -> dict[str, Any]:
    """European country outlines as GeoJSON, decoded once per process.

    The result is shared between callers (and Streamlit reruns): treat it as
    read-only.
    """
    # Positional, normalised arguments: lru_cache keys f() and f(path) apart.
    return _europe_outlines(Path(path).resolve(), tuple(bbox), precision)


@functools.lru_cache(maxsize=4)
def _europe_outlines(path: Path, bbox: BBox, precision: int) -> dict[str, Any]:
    topology = json.loads(path.read_text(encoding="utf-8"))
    return clip_features(topology_to_geojson(topology, "countries"), bbox, precision)


class _MapStyle(MacroElement):
    """Sea colour (where there is neither tile nor land) and no focus box on clicked lines."""

    # Chromium draws a black focus rectangle around an SVG path after a click,
    # which on a projector looks like a drawing error.
    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>
            #{{ this._parent.get_name() }} { background: {{ this.sea_colour }}; }
            #{{ this._parent.get_name() }} path.leaflet-interactive:focus { outline: none; }
            </style>
        {% endmacro %}
        """
    )

    def __init__(self, sea_colour: str) -> None:
        super().__init__()
        self._name = "MapStyle"
        self.sea_colour = sea_colour


def _country_style(_feature: dict[str, Any]) -> dict[str, Any]:
    return {
        "className": COUNTRY_CLASS,
        "color": BORDER_COLOUR,
        "weight": 0.7,
        "opacity": 1,
        "fillColor": LAND_COLOUR,
        "fillOpacity": 1,
    }


def add_online_tiles(fmap: folium.Map) -> folium.TileLayer:
    """OpenStreetMap tiles (with their attribution) as the map's base layer."""
    # folium takes URL and attribution for "OpenStreetMap" from xyzservices.
    return folium.TileLayer("OpenStreetMap", name="OpenStreetMap", max_zoom=19).add_to(fmap)


def add_offline_basemap(fmap: folium.Map, online_tiles: bool = True, path: Path = COUNTRIES_FILE) -> folium.GeoJson:
    """Add country outlines under the tiles, the sea colour and (optionally) OSM tiles.

    Create the map with ``folium.Map(tiles=None)``: with ``online_tiles=False``
    any tile layer would be an outside request, so one already present is an
    error; with ``online_tiles=True`` OSM is added unless a tile layer exists.
    Returns the outline layer.
    """
    has_tiles = any(isinstance(c, folium.TileLayer) for c in fmap._children.values())
    if has_tiles and not online_tiles:
        raise ValueError(
            "online_tiles=False but the map already has a tile layer: create it with folium.Map(tiles=None)"
        )
    # The pane must exist before the layer that names it is added (render order).
    CustomPane(BASEMAP_PANE, z_index=BASEMAP_Z_INDEX, pointer_events=False).add_to(fmap)
    _MapStyle(SEA_COLOUR).add_to(fmap)
    outlines = folium.GeoJson(
        europe_outlines(path),
        name="Country outlines",
        style_function=_country_style,
        control=False,
        pane=BASEMAP_PANE,
        interactive=False,
    ).add_to(fmap)
    if online_tiles and not has_tiles:
        add_online_tiles(fmap)
    return outlines
