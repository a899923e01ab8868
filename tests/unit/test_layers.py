"""The folium map as HTML, checked without a browser: lines, places, tooltips, legend, bounds, assets."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import folium
import pytest

from geo.assets import cdn_source
from mapview.layers import Legend, build_map, legend_entries, partnership_features
from partnerships.dataset import Dataset, load_dataset
from partnerships.filters import Filters, apply_filters
from partnerships.i18n import t
from partnerships.labels import theme_label
from tests.fixtures.datasets import HOSTILE_NAME, HOSTILE_PLACE, write_hostile_dataset

LINE_STRING = re.compile(r'"type":\s*"LineString"')
FIT_BOUNDS = re.compile(r"fitBounds\(\s*\[\[\s*([-\d.]+),\s*([-\d.]+)\],\s*\[\s*([-\d.]+),\s*([-\d.]+)\]\]")
ASSET_TAG = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"', re.IGNORECASE)

ALL = Filters()  # no filter: the whole map


def render(dataset: Dataset, filters: Filters = ALL, lang: str = "en", online_tiles: bool = False) -> str:
    view = apply_filters(dataset, filters)
    fmap = build_map(dataset, view, lang, wanted_themes=filters.themes, online_tiles=online_tiles)
    return fmap.get_root().render()


def css_classes(html: str) -> set[str]:
    """Every class named in a Leaflet ``className`` option."""
    return {name for value in re.findall(r'"className":\s*"([^"]*)"', html) for name in value.split()}


def as_javascript_sees_it(html: str) -> str:
    """Undo JSON's \\u escapes: the strings the browser hands to Leaflet's tooltips."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html)


@pytest.mark.parametrize(
    ("filters", "lines"),
    [
        (Filters(), 8),
        # Ikast-Brande-Voznesensk and the Copenhagen-Kyiv friendship agreement.
        (Filters(theme=("waste",)), 2),
        (Filters(country="SE"), 0),
    ],
)
def test_one_line_feature_per_partnership(dataset: Dataset, filters: Filters, lines: int) -> None:
    html = render(dataset, filters)
    assert len(LINE_STRING.findall(html)) == lines


def test_lines_and_places_carry_css_classes(dataset: Dataset) -> None:
    html = render(dataset)
    assert "partnership" in css_classes(html)
    assert "place" in css_classes(html)


def test_every_place_of_the_view_is_drawn(dataset: Dataset) -> None:
    html = as_javascript_sees_it(render(dataset, Filters(theme=("waste",))))
    for name in ("Copenhagen", "Kyiv", "Ikast-Brande", "Voznesensk"):
        assert f'"{name}"' in html
    assert '"Aarhus"' not in html and '"Lviv"' not in html


@pytest.mark.parametrize("lang", ["en", "da"])
def test_tooltip_text_is_html_escaped(tmp_path: Path, lang: str) -> None:
    dataset = load_dataset(write_hostile_dataset(tmp_path))
    assert dataset.place_by_id[HOSTILE_PLACE]["name"] == HOSTILE_NAME
    html = as_javascript_sees_it(render(dataset, Filters(theme=("waste",)), lang))
    assert HOSTILE_NAME not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def legend_of(fmap: folium.Map) -> str:
    (legend,) = [child for child in fmap._children.values() if isinstance(child, Legend)]
    return json.loads(legend.html_json)


def test_legend_lists_only_the_themes_drawn(dataset: Dataset) -> None:
    filters = Filters(theme=("waste",))
    view = apply_filters(dataset, filters)
    features = partnership_features(dataset, view, "en", filters.themes)
    assert [label for label, _ in legend_entries(dataset, features, "en")] == ["Waste management"]
    html = legend_of(build_map(dataset, view, "en", wanted_themes=filters.themes, online_tiles=False))
    assert "Waste management" in html
    # The friendship line also lists veterans and culture, but it is drawn in the waste colour.
    assert "Veterans" not in html and "Cultural exchange" not in html


def test_legend_of_the_full_map_has_one_entry_per_line_colour(dataset: Dataset) -> None:
    view = apply_filters(dataset, Filters())
    features = partnership_features(dataset, view, "en")
    # Without a theme filter a line is drawn in the colour of its first theme.
    first_themes = {themes[0] for themes in view.partnerships["themes"]}
    labels = [label for label, _ in legend_entries(dataset, features, "en")]
    assert sorted(labels) == sorted(theme_label(dataset, theme, "en") for theme in first_themes)
    assert "District heating" not in legend_of(build_map(dataset, view, "en", online_tiles=False))


def test_legend_speaks_the_readers_language(dataset: Dataset) -> None:
    view = apply_filters(dataset, Filters(theme=("waste",)))
    assert "Affaldshåndtering" in legend_of(
        build_map(dataset, view, "da", wanted_themes=("waste",), online_tiles=False)
    )


@pytest.mark.parametrize("filters", [Filters(), Filters(theme=("waste",)), Filters(country="SE")])
def test_bounds_cover_every_place_shown(dataset: Dataset, filters: Filters) -> None:
    html = render(dataset, filters)
    (match,) = FIT_BOUNDS.findall(html)
    south, west, north, east = map(float, match)
    view = apply_filters(dataset, filters)
    assert not view.places.empty
    for place in view.places.to_dict("records"):
        assert south <= place["lat"] <= north, place["id"]
        assert west <= place["lon"] <= east, place["id"]


def test_online_tiles_can_be_switched_off(dataset: Dataset) -> None:
    assert "tile.openstreetmap" in render(dataset, online_tiles=True)
    offline = render(dataset, online_tiles=False)
    assert "tile.openstreetmap" not in offline
    # Nothing at all from the internet.
    assert re.findall(r"https?://", offline) == []


def _guard_config(fmap: folium.Map) -> dict:
    """The config the load guard is called with (decoded from its data: URL)."""
    name, url = fmap.default_js[0]
    assert name == "asset_guard" and url.startswith("data:text/javascript;base64,")
    code = base64.b64decode(url.removeprefix("data:text/javascript;base64,")).decode("utf-8")
    return json.loads(re.search(r"\(window\.partnershipMapGuard\)\((\{.*\})\);", code).group(1))


def test_map_assets_are_served_by_the_app(dataset: Dataset, vendored_assets: Path) -> None:
    html = render(dataset, online_tiles=True)
    urls = [url for url in ASSET_TAG.findall(html) if not url.startswith("data:")]
    assert any(url.endswith("leaflet.js") for url in urls)
    for url in urls:
        assert not re.match(r"(?:https?:)?//", url), url
        assert url.startswith("/app/static/vendor/"), url
        assert (vendored_assets / url.removeprefix("/app/static/vendor/")).is_file(), url
    assert not re.search(r"(?:cdn\.jsdelivr|unpkg\.com|cdnjs|code\.jquery)", html)


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_a_guard_loads_first_and_names_what_still_works(dataset: Dataset, lang: str) -> None:
    fmap = build_map(dataset, apply_filters(dataset, ALL), lang)

    config = _guard_config(fmap)

    assert config == {"integrity": {}, "message": t("map_unavailable", lang)}  # local files: no hashes needed


def test_cdn_map_loads_pinned_versions_with_integrity_hashes(dataset: Dataset) -> None:
    source = cdn_source()
    fmap = build_map(dataset, apply_filters(dataset, ALL), "en", online_tiles=False, assets=source)
    html = fmap.get_root().render()

    urls = [url for url in ASSET_TAG.findall(html) if not url.startswith("data:")]
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js" in urls
    assert "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.js" in urls
    assert "https://cdn.jsdelivr.net/npm/topojson-client@3.1.0/dist/topojson-client.min.js" in urls
    assert all(url.startswith("https://cdn.jsdelivr.net/npm/") for url in urls)
    integrity = _guard_config(fmap)["integrity"]
    assert set(urls) <= set(integrity)
    assert all(value.startswith("sha384-") for value in integrity.values())
