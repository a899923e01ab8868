"""The folium map as HTML, checked without a browser: lines, places, tooltips, legend, bounds, assets."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import folium
import pytest
from streamlit_folium import _get_feature_group_string, _get_map_string, generate_js_hash

from geo.assets import cdn_source
from mapview.layers import (
    LAYER_SCRIPTS,
    PartnershipLayerCode,
    base_map,
    build_map,
    layer_of,
    legend_entries,
    line_colours,
    view_data,
)
from partnerships.dataset import Dataset, load_dataset, records_of
from partnerships.filters import Filters, apply_filters
from partnerships.i18n import t
from partnerships.kinds import kind_ids
from partnerships.labels import theme_label
from partnerships.palette import KIND_DASHES
from tests.fixtures.datasets import HOSTILE_NAME, HOSTILE_PLACE, write_hostile_dataset

ASSET_TAG = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"', re.IGNORECASE)
VIEW_CALL = re.compile(r"L\.partnershipLayer\((\{.*?\})\)\);", re.DOTALL)

ALL = Filters()  # no filter: the whole map


def render(dataset: Dataset, filters: Filters = ALL, lang: str = "en", online_tiles: bool = False) -> str:
    view = apply_filters(dataset, filters)
    fmap = build_map(dataset, view, lang, wanted_themes=filters.themes, online_tiles=online_tiles)
    return fmap.get_root().render()


def drawn(dataset: Dataset, filters: Filters = ALL, lang: str = "en", **options: object) -> dict:
    """The view the browser's layer receives, read back from the rendered page."""
    (payload,) = VIEW_CALL.findall(render(dataset, filters, lang, **options))
    return json.loads(payload)


def base_script(fmap: folium.Map) -> str:
    """What streamlit-folium keys the map's frame by: the base map's own script."""
    fmap.render()
    return generate_js_hash(_get_map_string(fmap), "map")


@pytest.mark.parametrize(
    ("filters", "lines"),
    [
        (Filters(), 8),
        # Ikast-Brande-Voznesensk and the Copenhagen-Kyiv friendship agreement.
        (Filters(theme=("waste",)), 2),
        (Filters(country="SE"), 0),
        (Filters(kind=("agreement",)), 1),
    ],
)
def test_one_line_per_partnership_of_the_view(dataset: Dataset, filters: Filters, lines: int) -> None:
    data = drawn(dataset, filters)
    assert len(data["lines"]["ids"]) == lines
    assert set(data["lines"]["ids"]) == set(apply_filters(dataset, filters).partnerships["id"])


def test_every_line_joins_two_places_of_the_view(dataset: Dataset) -> None:
    data = drawn(dataset, Filters(theme=("waste",)))
    names = data["places"]["names"]
    pairs = {(names[a], names[b]) for a, b in zip(data["lines"]["from"], data["lines"]["to"], strict=True)}
    assert pairs == {("Ikast-Brande", "Voznesensk"), ("Copenhagen", "Kyiv")}
    # ... and the owner of the waste programme listed without a partner place.
    assert set(names) == {"Copenhagen", "Kyiv", "Ikast-Brande", "Voznesensk", "SALAR International (SKR)"}


def test_lines_are_styled_by_theme_colour_and_kind_dash(dataset: Dataset) -> None:
    data = drawn(dataset)
    kinds = dict(zip(data["lines"]["ids"], data["lines"]["kind"], strict=True))
    dashes = data["kindDashes"]
    assert dashes[kinds["copenhagen-kyiv-friendship"]] == KIND_DASHES["agreement"] == ""
    assert dashes[kinds["aarhus-lviv"]] == KIND_DASHES["programme-project"] != ""
    # Every kind has its own pattern: the kind never depends on colour.
    assert len(set(KIND_DASHES.values())) == len(KIND_DASHES) == len(kind_ids())


def test_two_ties_between_the_same_places_bend_apart(dataset: Dataset) -> None:
    data = drawn(dataset, Filters(theme=("climate-adaptation",)))
    assert len(data["lines"]["ids"]) == 2
    first, second = data["lines"]["bend"]
    assert first * second < 0


def test_lines_of_the_data_get_distinct_colours(dataset: Dataset) -> None:
    colours = line_colours(dataset)
    first_themes = {themes[0] for themes in dataset.partnerships["themes"]}
    assert len({colours[theme] for theme in first_themes}) == len(first_themes)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_place_names_reach_the_browser_as_json_text(tmp_path: Path, lang: str) -> None:
    dataset = load_dataset(write_hostile_dataset(tmp_path))
    assert dataset.place_by_id[HOSTILE_PLACE]["name"] == HOSTILE_NAME
    html = render(dataset, Filters(theme=("waste",)), lang)
    # The layer sets names as text; in the page's script no "<" can close the script element.
    assert HOSTILE_NAME not in html
    (payload,) = VIEW_CALL.findall(html)
    assert HOSTILE_NAME in json.loads(payload)["places"]["names"]


def test_legend_lists_only_the_themes_and_kinds_drawn(dataset: Dataset) -> None:
    filters = Filters(theme=("waste",))
    view = apply_filters(dataset, filters)
    lines = records_of(view.partnerships, dataset.partnership_by_id)
    assert [label for label, _ in legend_entries(dataset, lines, filters.themes, "en")] == ["Waste management"]
    html = drawn(dataset, filters)["legend"]
    assert "Waste management" in html
    # The friendship line also lists veterans and culture, but it is drawn in the waste colour.
    assert "Veterans" not in html and "Cultural exchange" not in html
    assert t("kind_agreement", "en") in html and t("kind_programme-project", "en") in html
    assert t("kind_platform", "en") not in html


def test_legend_of_the_full_map_has_one_entry_per_line_colour(dataset: Dataset) -> None:
    view = apply_filters(dataset, Filters())
    lines = records_of(view.partnerships, dataset.partnership_by_id)
    # Without a theme filter a line is drawn in the colour of its first theme.
    first_themes = {themes[0] for themes in view.partnerships["themes"]}
    labels = [label for label, _ in legend_entries(dataset, lines, (), "en")]
    assert sorted(labels) == sorted(theme_label(dataset, theme, "en") for theme in first_themes)
    assert "District heating" not in drawn(dataset)["legend"]


def test_legend_and_tooltips_speak_the_readers_language(dataset: Dataset) -> None:
    data = drawn(dataset, Filters(theme=("waste",)), "da")
    assert "Affaldshåndtering" in data["legend"]
    assert data["text"]["partners"] == t("partners", "da")
    assert data["kindLabels"][kind_ids().index("agreement")] == t("kind_agreement", "da")


@pytest.mark.parametrize("filters", [Filters(), Filters(theme=("waste",)), Filters(country="SE")])
def test_bounds_cover_every_place_shown(dataset: Dataset, filters: Filters) -> None:
    (south, west), (north, east) = drawn(dataset, filters)["bounds"]
    view = apply_filters(dataset, filters)
    assert not view.places.empty
    for place in view.places.to_dict("records"):
        assert south <= place["lat"] <= north, place["id"]
        assert west <= place["lon"] <= east, place["id"]


def test_a_tour_stop_flies_to_its_two_places_and_dims_the_others(dataset: Dataset) -> None:
    view = apply_filters(dataset, ALL)
    fmap = build_map(dataset, view, "en", selected="copenhagen-odense-veterans", tour_stop=True, online_tiles=False)
    (payload,) = VIEW_CALL.findall(fmap.get_root().render())
    data = json.loads(payload)
    assert data["dimOthers"] and data["selected"] == "copenhagen-odense-veterans"
    (south, west), (north, east) = data["fly"]["bounds"]
    assert (south, north) == (55.3959, 55.6761) and (west, east) == (10.3883, 12.5683)
    # Clamped, so that two nearby places do not fill the screen.
    assert data["fly"]["maxZoom"] <= 8
    # A selection outside a tour highlights without flying.
    plain = view_data(dataset, view, "en", selected="copenhagen-odense-veterans")
    assert plain["fly"] is None and not plain["dimOthers"]


@pytest.mark.parametrize(
    "change",
    [
        {"filters": Filters(theme=("waste",))},
        {"filters": Filters(country="SE")},
        {"lang": "uk"},
        {"selected": "aarhus-lviv", "tour_stop": True},
        {"presenter": True},
    ],
)
def test_the_base_map_is_the_same_for_every_view(dataset: Dataset, change: dict) -> None:
    """streamlit-folium re-creates the map's frame when the base script changes: it must not."""
    before = base_script(base_map("en", online_tiles=False))
    lang = change.get("lang", "en")
    after_map = base_map(lang, online_tiles=False)
    view = apply_filters(dataset, change.get("filters", ALL))
    layer = layer_of(
        view_data(
            dataset,
            view,
            lang,
            selected=change.get("selected", ""),
            tour_stop=change.get("tour_stop", False),
            presenter=change.get("presenter", False),
        )
    )
    after = base_script(after_map)
    assert after == before
    # ... while the layer it swaps in differs from the default view's.
    default = layer_of(view_data(dataset, apply_filters(dataset, ALL), "en"))
    assert _get_feature_group_string(layer, base_map(lang)) != _get_feature_group_string(default, base_map("en"))


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


def test_the_map_loads_only_the_scripts_it_uses(dataset: Dataset) -> None:
    html = render(dataset)
    names = [url.rsplit("/", 1)[-1] for url in ASSET_TAG.findall(html) if not url.startswith("data:")]
    # No folium.Popup on this map, so no jQuery; no Bootstrap or Font Awesome either.
    assert sorted(names) == [
        "Control.FullScreen.css",
        "Control.FullScreen.js",
        "leaflet.css",
        "leaflet.js",
    ]
    assert "$(" not in html


def test_the_layer_and_its_canvas_are_defined_before_the_view_is_drawn(dataset: Dataset) -> None:
    # The export and the live map carry the same code: a large view needs the canvas too.
    html = render(dataset)
    view_call = html.index("L.partnershipLayer({")
    assert -1 < html.find("L.PartnershipLayer = L.FeatureGroup.extend(") < view_call
    assert -1 < html.find("L.PartnershipCanvas = L.Canvas.extend(") < view_call


def test_the_layer_code_travels_without_its_comments_and_indentation() -> None:
    source = "\n".join(script.read_text(encoding="utf-8") for script in LAYER_SCRIPTS)
    code = PartnershipLayerCode().code
    assert len(code) < 0.7 * len(source)
    assert not [line for line in code.splitlines() if line.startswith(("//", " ", "\t")) or not line]
    # (The browser tests run this code: the map, its canvas and its worker.)


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
    assert all(url.startswith("https://cdn.jsdelivr.net/npm/") for url in urls)
    # The decoder the outlines load for themselves: pinned too, and the guard knows its hash.
    decoder = "https://cdn.jsdelivr.net/npm/topojson-client@3.1.0/dist/topojson-client.min.js"
    assert f'var decoderUrl = "{decoder}";' in html
    integrity = _guard_config(fmap)["integrity"]
    assert set(urls) | {decoder} <= set(integrity)
    assert all(value.startswith("sha384-") for value in integrity.values())


def test_template_tags_in_the_data_stay_text_on_every_route(tmp_path: Path) -> None:
    dataset = load_dataset(write_hostile_dataset(tmp_path))
    data = view_data(dataset, apply_filters(dataset, Filters(theme=("waste",))), "en")
    fmap = base_map("en")
    # Through streamlit-folium (the live page) and through folium's own render (the export).
    live = _get_feature_group_string(layer_of(data), fmap)
    exported = build_map(dataset, apply_filters(dataset, Filters(theme=("waste",))), "en").get_root().render()
    for script in (live, exported):
        (payload,) = VIEW_CALL.findall(script)
        assert HOSTILE_NAME in json.loads(payload)["places"]["names"]
        assert "{{" not in payload and "{%" not in payload
