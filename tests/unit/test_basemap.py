"""geo.basemap: the outline layer under the tiles, fetched by the browser from the chosen source."""

from __future__ import annotations

import json
from pathlib import Path

import folium
import pytest
from folium.map import CustomPane

from geo.assets import cdn_source, local_source, standalone_html, use_assets
from geo.basemap import (
    BASEMAP_PANE,
    BASEMAP_Z_INDEX,
    COUNTRIES_FILE,
    COUNTRY_CLASS,
    EUROPE_BBOX,
    SEA_COLOUR,
    TOPOJSON_CLIENT,
    CountryOutlines,
    add_offline_basemap,
    add_online_tiles,
)


def _render(fmap: folium.Map) -> str:
    return fmap.get_root().render()


def _outlines(fmap: folium.Map) -> CountryOutlines:
    (layer,) = [c for c in fmap._children.values() if isinstance(c, CountryOutlines)]
    return layer


def test_offline_basemap_layer_sits_under_the_tiles() -> None:
    fmap = folium.Map(tiles=None)

    layer = add_offline_basemap(fmap, local_source(), online_tiles=False)

    panes = [c for c in fmap._children.values() if isinstance(c, CustomPane)]
    assert [(p.name, p.z_index, p.pointer_events) for p in panes] == [(BASEMAP_PANE, BASEMAP_Z_INDEX, False)]
    assert BASEMAP_Z_INDEX < 200  # Leaflet's tilePane
    assert layer is _outlines(fmap)
    html = _render(fmap)
    pane_js = html.index(f'createPane(\n                "{BASEMAP_PANE}")')
    assert f".style.zIndex = {BASEMAP_Z_INDEX};" in html
    assert html.index(f"pane: {json.dumps(BASEMAP_PANE)}") > pane_js  # the pane exists before the layer uses it
    assert f"background: {SEA_COLOUR}" in html
    assert json.dumps(list(EUROPE_BBOX)) in html
    assert json.dumps(COUNTRY_CLASS) in html
    assert "tile.openstreetmap.org" not in html
    assert not [c for c in fmap._children.values() if isinstance(c, folium.TileLayer)]


def test_outlines_are_a_file_the_browser_fetches_not_data_in_the_map(vendored_assets: Path) -> None:
    fmap = folium.Map(tiles=None)
    add_offline_basemap(fmap, local_source(), online_tiles=False)

    html = _render(fmap)

    # This app's gzipped copy, which Streamlit serves as it is; the plain file for old browsers.
    assert f'var gzipped = "/app/static/vendor/{COUNTRIES_FILE}.gz";' in html
    assert 'new DecompressionStream("gzip")' in html
    assert f'fetchJson("/app/static/vendor/{COUNTRIES_FILE}", {{}}, false)' in html
    assert '"Ukraine"' not in html  # no country geometry rides in the map itself
    assert len(html) < 20_000


def test_outlines_from_the_cdn_carry_their_integrity_hash() -> None:
    source = cdn_source()
    fmap = folium.Map(tiles=None)
    add_offline_basemap(fmap, source, online_tiles=False)

    html = _render(fmap)

    url = source.url(COUNTRIES_FILE)
    assert url == "https://cdn.jsdelivr.net/npm/world-atlas@2.0.2/countries-50m.json"
    assert f"fetchJson({json.dumps(url)}, {json.dumps({'integrity': source.integrity[url]})}, false)" in html
    # The CDN compresses for itself, and a gzipped copy of ours would not match the hash.
    assert "var gzipped = null;" in html


@pytest.mark.parametrize("source", [local_source(), cdn_source()], ids=["local", "cdn"])
def test_topojson_decoder_comes_from_the_same_source(source) -> None:
    fmap = folium.Map(tiles=None)
    add_offline_basemap(fmap, source, online_tiles=False)
    use_assets(fmap, source)

    # Not one of the map's scripts (streamlit-folium loads those one by one before drawing):
    # the outlines' script loads it beside the outlines file.
    assert _outlines(fmap).default_js == []
    assert f"var decoderUrl = {json.dumps(source.url(TOPOJSON_CLIENT))};" in _render(fmap)


def test_inlined_outlines_cannot_close_their_script() -> None:
    layer = CountryOutlines("/unused.json")
    assert layer.inline_json_safe == "null"

    layer.inline_json = '{"name": "</script><script>alert(1)"}'

    assert "</" not in layer.inline_json_safe
    assert json.loads(layer.inline_json_safe) == {"name": "</script><script>alert(1)"}


def test_offline_export_inlines_the_outlines_and_fetches_nothing(vendored_assets: Path) -> None:
    fmap = folium.Map(tiles=None)
    add_offline_basemap(fmap, local_source(), online_tiles=False)

    html = standalone_html(fmap)

    assert "var inline = null" not in html
    assert '"Ukraine"' in html  # the TopoJSON itself, inlined
    assert "topojson.feature" in html and "function(t,n)" in html  # decoder inlined too (minified)
    assert "<script src=" not in html


def test_online_tiles_are_added_with_attribution() -> None:
    fmap = folium.Map(tiles=None)

    add_offline_basemap(fmap, local_source(), online_tiles=True)

    tiles = [c for c in fmap._children.values() if isinstance(c, folium.TileLayer)]
    assert len(tiles) == 1
    assert tiles[0].tiles.startswith("https://tile.openstreetmap.org/")
    assert "OpenStreetMap" in tiles[0].options["attribution"]
    assert "tile.openstreetmap.org" in _render(fmap)


def test_existing_tile_layer_is_kept_or_refused() -> None:
    online = folium.Map()  # folium's default: OpenStreetMap tiles
    add_offline_basemap(online, local_source(), online_tiles=True)
    assert sum(isinstance(c, folium.TileLayer) for c in online._children.values()) == 1

    with pytest.raises(ValueError, match="tiles=None"):
        add_offline_basemap(folium.Map(), local_source(), online_tiles=False)


def test_add_online_tiles_returns_the_layer() -> None:
    fmap = folium.Map(tiles=None)
    layer = add_online_tiles(fmap)
    assert isinstance(layer, folium.TileLayer) and layer in fmap._children.values()
