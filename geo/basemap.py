"""A basemap that works with no internet: country outlines drawn under the tiles.

The outlines (Natural Earth 1:50m, the world-atlas package pinned in package.json)
go into their own map pane *below* Leaflet's tile pane. When tiles load they
cover the outlines; when they cannot load (offline meeting room) Leaflet keeps
the failed tiles invisible and the outlines show through. No connectivity
detection needed. ``online_tiles=False`` leaves the tiles out altogether so that
tests and the presenter's "offline" mode make no outside request at all.

The browser fetches the TopoJSON file itself, from this app's static folder (its
gzipped copy, unpacked in the browser) or the pinned CDN (geo.assets), and decodes
it with topojson-client: the outlines are a static file it caches, not 400 KB
inside every map message. Only the countries of Europe (polygons whose extent
touches EUROPE_BBOX) are drawn.
"""

from __future__ import annotations

import json

import folium
import xyzservices
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.map import CustomPane
from folium.template import Template

from geo.assets import AssetSource, cdn_url
from geo.verbatim import VerbatimMacroElement

COUNTRIES_FILE = "world-atlas/countries-50m.json"
TOPOJSON_CLIENT = "topojson-client/topojson-client.min.js"
# (lon_min, lat_min, lon_max, lat_max): Iceland and the Azores to the Urals'
# foothills, Crete/Cyprus to North Cape. Countries touching it are kept whole.
EUROPE_BBOX: tuple[float, float, float, float] = (-25.0, 34.0, 45.0, 72.0)

BASEMAP_PANE = "basemap"
# Leaflet's tilePane is 200 and overlayPane 400: 150 puts outlines under both.
BASEMAP_Z_INDEX = 150
COUNTRY_CLASS = "basemap-country"
SEA_COLOUR = "#d4e4ee"
LAND_COLOUR = "#f7f5f0"
BORDER_COLOUR = "#8f969e"
COUNTRY_STYLE = {
    "color": BORDER_COLOUR,
    "weight": 0.7,
    "opacity": 1,
    "fillColor": LAND_COLOUR,
    "fillOpacity": 1,
}


class CountryOutlines(JSCSSMixin, VerbatimMacroElement):
    """Fetch the outlines file, decode it, keep Europe, draw it in the basemap pane.

    The map's container gets ``data-outlines="drawn"`` (or ``"failed"``), which tests
    and the load benchmark wait on. Each country path has the classes
    ``basemap-country basemap-country-<ISO 3166 numeric>``. For the offline export,
    geo.assets.standalone_html sets ``inline_json`` and nothing is fetched.
    """

    fetches_vendor_file = COUNTRIES_FILE
    # The decoder is not one of the map's scripts: streamlit-folium loads those one after
    # another before it draws anything, and only the outlines need it. The script loads it
    # beside the outlines (the map's guard gives a CDN copy its integrity hash); the offline
    # export (geo.assets.standalone_html) puts it in the page instead.
    loads_vendor_script = ("topojson-client", TOPOJSON_CLIENT)

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var box = {{ this.bbox_json }};
            var style = {{ this.style_json }};
            var inline = {{ this.inline_json_safe }};
            var ringBox = function(ring) {
                var b = [Infinity, Infinity, -Infinity, -Infinity];
                ring.forEach(function(p) {
                    b[0] = Math.min(b[0], p[0]); b[1] = Math.min(b[1], p[1]);
                    b[2] = Math.max(b[2], p[0]); b[3] = Math.max(b[3], p[1]);
                });
                return b;
            };
            // Natural Earth keeps Russia's ring across the antimeridian in one piece (180 -> -180);
            // Leaflet would draw a band across the whole map. Move such rings to 0..360.
            var unwrap = function(polygon) {
                var b = ringBox(polygon[0]);
                if (b[2] - b[0] <= 180) { return polygon; }
                return polygon.map(function(ring) {
                    return ring.map(function(p) { return [p[0] < 0 ? p[0] + 360 : p[0], p[1]]; });
                });
            };
            var touchesBox = function(polygon) {
                var b = ringBox(polygon[0]);
                return b[0] <= box[2] && box[0] <= b[2] && b[1] <= box[3] && box[1] <= b[3];
            };
            var europe = function(topology) {
                var countries = topojson.feature(topology, topology.objects.countries).features;
                return countries.reduce(function(kept, country) {
                    var g = country.geometry;
                    if (!g) { return kept; }
                    var polygons = (g.type === "Polygon" ? [g.coordinates] : g.coordinates).map(unwrap).filter(touchesBox);
                    if (polygons.length) {
                        kept.push({type: "Feature", id: country.id, properties: {name: country.properties.name},
                                   geometry: {type: "MultiPolygon", coordinates: polygons}});
                    }
                    return kept;
                }, []);
            };
            var gzipped = {{ this.gzipped_url_json }};
            var fetchJson = function(url, options, unpack) {
                return fetch(url, options).then(function(response) {
                    if (!response.ok) { throw new Error("HTTP " + response.status); }
                    return unpack ? new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json()
                                  : response.json();
                });
            };
            // This app's own copy comes gzipped, unpacked here (browsers older than 2023 lack
            // DecompressionStream and take the plain file).
            var loaded = inline ? Promise.resolve(inline)
                : gzipped && typeof DecompressionStream === "function" ? fetchJson(gzipped, {}, true)
                : fetchJson({{ this.url_json }}, {{ this.fetch_options_json }}, false);
            var decoderUrl = {{ this.decoder_url_json }};
            var decoder = window.topojson ? Promise.resolve() : new Promise(function(resolve, reject) {
                var script = document.createElement("script");
                script.src = decoderUrl;
                script.onload = resolve;
                script.onerror = function() { reject(new Error("could not load " + decoderUrl)); };
                document.head.appendChild(script);
            });
            Promise.all([loaded, decoder]).then(function(results) {
                var topology = results[0];
                L.geoJSON(europe(topology), {
                    pane: {{ this.pane_json }},
                    interactive: false,
                    style: function(feature) {
                        return Object.assign({className: {{ this.class_json }} + " " + {{ this.class_json }} + "-" + feature.id}, style);
                    }
                }).addTo(map);
                map.getContainer().setAttribute("data-outlines", "drawn");
            }).catch(function(error) {
                // Lines and places still draw; only the land under them is missing.
                console.warn("Country outlines could not be loaded:", error);
                map.getContainer().setAttribute("data-outlines", "failed");
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self, url: str, integrity: str = "", gzipped_url: str | None = None, decoder_url: str | None = None
    ) -> None:
        super().__init__()
        self._name = "CountryOutlines"
        self.url_json = json.dumps(url)
        self.decoder_url_json = json.dumps(decoder_url or cdn_url(TOPOJSON_CLIENT))
        self.gzipped_url_json = json.dumps(gzipped_url)
        # integrity makes fetch() check the CDN's bytes, like the guard does for scripts.
        self.fetch_options_json = json.dumps({"integrity": integrity} if integrity else {})
        self.bbox_json = json.dumps(list(EUROPE_BBOX))
        self.style_json = json.dumps(COUNTRY_STYLE)
        self.pane_json = json.dumps(BASEMAP_PANE)
        self.class_json = json.dumps(COUNTRY_CLASS)
        self.inline_json: str | None = None

    @property
    def inline_json_safe(self) -> str:
        """The inlined TopoJSON (offline export) as a JS literal that cannot close its <script>."""
        return "null" if self.inline_json is None else self.inline_json.replace("</", "<\\/")


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


def add_online_tiles(fmap: folium.Map) -> folium.TileLayer:
    """OpenStreetMap tiles (with their attribution) as the map's base layer."""
    # The provider object itself: looking "OpenStreetMap" up by name scans every xyzservices
    # provider on each map build (a measurable share of a rerun).
    return folium.TileLayer(xyzservices.providers.OpenStreetMap.Mapnik, name="OpenStreetMap", max_zoom=19).add_to(fmap)


def add_offline_basemap(fmap: folium.Map, source: AssetSource, online_tiles: bool = True) -> CountryOutlines:
    """Add country outlines under the tiles, the sea colour and (optionally) OSM tiles.

    Create the map with ``folium.Map(tiles=None)``: with ``online_tiles=False``
    any tile layer would be an outside request, so one already present is an
    error; with ``online_tiles=True`` OSM is added unless a tile layer exists.
    The outlines come from ``source`` (this app's files, or the pinned CDN with
    its integrity hash). Returns the outline layer.
    """
    has_tiles = any(isinstance(c, folium.TileLayer) for c in fmap._children.values())
    if has_tiles and not online_tiles:
        raise ValueError(
            "online_tiles=False but the map already has a tile layer: create it with folium.Map(tiles=None)"
        )
    # The pane must exist before the layer that names it is added (render order).
    CustomPane(BASEMAP_PANE, z_index=BASEMAP_Z_INDEX, pointer_events=False).add_to(fmap)
    _MapStyle(SEA_COLOUR).add_to(fmap)
    url = source.url(COUNTRIES_FILE)
    outlines = CountryOutlines(
        url, source.integrity.get(url, ""), source.gzipped_url(COUNTRIES_FILE), source.url(TOPOJSON_CLIENT)
    ).add_to(fmap)
    if online_tiles and not has_tiles:
        add_online_tiles(fmap)
    return outlines
