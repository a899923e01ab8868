"""The partnership map: a base map that stays, and a view layer that changes with the selection.

The base map (outlines, tiles, controls, the layer's code) is the same for every view, so
streamlit-folium keeps its iframe: a filter change, a tour step or a language switch sends
only the view layer, and the map keeps its zoom and pan. The view layer is compact data
(places as rows, lines as indexes into them, styles as indexes into small tables) that
mapview/partnership_layer.js bends into arcs and draws: at 10,000 lines it is about 60
bytes a line instead of 1,500.

Text from the data reaches the browser as JSON and is put into the page as text (never as
markup) by the layer; the legend, built here, is escaped here.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

import folium
from branca.element import Template
from folium.plugins import Fullscreen

from geo.arcs import assign_bends
from geo.assets import AssetSource, local_source, use_assets
from geo.basemap import add_offline_basemap
from geo.verbatim import Verbatim, VerbatimMacroElement
from partnerships.dataset import Dataset, records_of
from partnerships.filters import View
from partnerships.i18n import t
from partnerships.kinds import kind_ids, kinds_in_data
from partnerships.labels import place_name, theme_label
from partnerships.palette import country_colour, kind_dash, theme_colours

# The layer's code: the layer, and the canvas it draws large views on.
LAYER_SCRIPTS = tuple(Path(__file__).with_name(name) for name in ("partnership_layer.js", "partnership_canvas.js"))
# Above this many lines the layer draws lines and places on one canvas instead of one SVG
# path each. At 1,049 lines and 859 places as SVG, every update spent 35 ms laying out those
# 1,900 elements and 45 ms making them; the canvas needs neither (bench_live, 10,000 → 1,049).
CANVAS_ABOVE = 500
# Above this many lines the canvas is painted in a worker (partnership_canvas.js). Painted on
# the page, where the browser has no GPU canvas, it keeps the page from answering while it
# draws: 38 ms at 1,049 lines, about 55 ms at 1,500 (past the 50 ms of a "long task") and
# 315 ms at 10,000, on every filter change, pan and zoom. In the worker the page stays free,
# but each picture comes 20-35 ms later (bench/bench_canvas.py): worth it only above this.
PAINT_IN_WORKER_ABOVE = 1_500
# The overview never zooms in past this; a tour stop (two places) not past TOUR_MAX_ZOOM,
# so markers and labels keep their size and the audience still sees where the stop is.
OVERVIEW_MAX_ZOOM = 7
TOUR_MAX_ZOOM = 7
INITIAL_CENTRE = (53.5, 20.0)
INITIAL_ZOOM = 4


def primary_theme(themes: tuple[str, ...], wanted: tuple[str, ...]) -> str:
    """The theme a line is coloured by: the first of its themes that the filter asks for, else its first."""
    for theme in themes:
        if theme in wanted:
            return theme
    return themes[0]


def line_colours(dataset: Dataset) -> dict[str, str]:
    """Theme colours for this dataset: the themes its partnerships have come first.
    Worked out once per dataset: every view and legend asks (4 ms per rerun at 10,000)."""
    return dataset.derived("line_colours", _line_colours)


def _line_colours(dataset: Dataset) -> dict[str, str]:
    in_use = {theme for themes in dataset.partnerships["themes"] for theme in themes}
    return theme_colours(list(dataset.theme_ids), in_use)


# "{{", "{%" and "{#" only occur inside JSON strings (an object's first item is a key, a
# string), where "\u007b" is the same "{": template engines on the way then see no tag.
_TEMPLATE_TAG_START = re.compile(r"\{(?=[{%#])")


def _json_for_script(value: object) -> str:
    """JSON that is safe inside a <script> element whatever the data says ("</script>" included),
    and that no template engine on the way (folium's Jinja, streamlit-folium) reads as a tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return _TEMPLATE_TAG_START.sub(r"\\u007b", text)


def _bounds(latlons: list[tuple[float, float]]) -> list[list[float]] | None:
    if not latlons:
        return None
    lats, lons = [lat for lat, _ in latlons], [lon for _, lon in latlons]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def view_data(
    dataset: Dataset,
    view: View,
    lang: str,
    wanted_themes: tuple[str, ...] = (),
    selected: str = "",
    tour_stop: bool = False,
    presenter: bool = False,
) -> dict:
    """What the layer draws for one view, as compact JSON-ready data (see partnership_layer.js)."""
    place_records = records_of(view.places, dataset.place_by_id)
    place_index = {record["id"]: index for index, record in enumerate(place_records)}
    lines = records_of(view.partnerships, dataset.partnership_by_id)
    themes = list(dataset.theme_ids)
    theme_index = {theme: index for index, theme in enumerate(themes)}
    kinds = list(kind_ids())
    countries = sorted({record["country"] for record in place_records})
    ends = Counter(place for record in lines for place in (record["from_place"], record["to_place"]))
    latlon = [(round(record["lat"], 5), round(record["lon"], 5)) for record in place_records]
    stop = next((record for record in lines if tour_stop and record["id"] == selected), None)
    return {
        "places": {
            "ids": [record["id"] for record in place_records],
            "latlon": latlon,
            "names": [place_name(dataset, record["id"], lang) for record in place_records],
            "country": [countries.index(record["country"]) for record in place_records],
            # The most-connected place of a group names the group first.
            "weight": [ends[record["id"]] for record in place_records],
        },
        "lines": {
            "ids": [record["id"] for record in lines],
            "from": [place_index[record["from_place"]] for record in lines],
            "to": [place_index[record["to_place"]] for record in lines],
            "bend": [round(bend, 4) for bend in assign_bends((r["from_place"], r["to_place"]) for r in lines)],
            "colour": [theme_index[primary_theme(record["themes"], wanted_themes)] for record in lines],
            "kind": [kinds.index(record["kind"]) for record in lines],
            "themes": [[theme_index[theme] for theme in record["themes"]] for record in lines],
        },
        "themeColours": list(line_colours(dataset).values()),
        "themeLabels": [theme_label(dataset, theme, lang) for theme in themes],
        "kindDashes": [kind_dash(kind) for kind in kinds],
        "kindLabels": [t(f"kind_{kind}", lang) for kind in kinds],
        "countryColours": [country_colour(country) for country in countries],
        "selected": selected,
        "dimOthers": bool(stop),
        "fly": None
        if stop is None
        else {
            "id": stop["id"],
            "bounds": _bounds([latlon[place_index[stop["from_place"]]], latlon[place_index[stop["to_place"]]]]),
            "maxZoom": TOUR_MAX_ZOOM,
        },
        "bounds": _bounds(latlon),
        "maxZoom": OVERVIEW_MAX_ZOOM,
        "presenter": presenter,
        "canvasAbove": CANVAS_ABOVE,
        "workerAbove": PAINT_IN_WORKER_ABOVE,
        "legendTitle": t("legend", lang),
        "legend": legend_html(dataset, view, lines, wanted_themes, lang),
        "text": {
            "heading": t("map_heading", lang),
            "partners": t("partners", lang),
            "themes": t("themes", lang),
            "kind": t("kind", lang),
            "more": t("more_places", lang),
        },
    }


def legend_entries(
    dataset: Dataset, lines: list[dict], wanted_themes: tuple[str, ...], lang: str
) -> list[tuple[str, str]]:
    """(theme label, colour) for each line colour drawn, in themes.csv order."""
    drawn = {primary_theme(record["themes"], wanted_themes) for record in lines}
    colours = line_colours(dataset)
    return [(theme_label(dataset, theme, lang), colours[theme]) for theme in dataset.theme_ids if theme in drawn]


def legend_html(dataset: Dataset, view: View, lines: list[dict], wanted_themes: tuple[str, ...], lang: str) -> str:
    """The legend: line colours by theme, dash patterns by kind of tie, place colours by country."""
    # A <details> the reader can fold away; the layer folds it on narrow maps.
    rows = [f"<details open><summary class='legend-title'>{escape(t('legend', lang))}</summary>"]
    for label, colour in legend_entries(dataset, lines, wanted_themes, lang):
        rows.append(
            "<div class='legend-row legend-theme'><svg width='34' height='10' aria-hidden='true'>"
            f"<line x1='2' y1='5' x2='32' y2='5' stroke='{colour}' stroke-width='4'/></svg>"
            f"<span>{escape(label)}</span></div>"
        )
    kinds = kinds_in_data(record["kind"] for record in lines)
    if kinds:
        rows.append(f"<div class='legend-subtitle'>{escape(t('kind', lang))}</div>")
    for kind in kinds:
        dash = kind_dash(kind)
        pattern = f" stroke-dasharray='{dash}'" if dash else ""
        rows.append(
            "<div class='legend-row legend-kind'><svg width='44' height='10' aria-hidden='true'>"
            f"<line x1='2' y1='5' x2='42' y2='5' stroke='#333' stroke-width='3'{pattern}/></svg>"
            f"<span>{escape(t(f'kind_{kind}', lang))}</span></div>"
        )
    for country in sorted(set(view.places["country"])):
        rows.append(
            "<div class='legend-row legend-country'><svg width='34' height='14' aria-hidden='true'>"
            f"<circle cx='17' cy='7' r='6' fill='{country_colour(country)}' stroke='#fff' stroke-width='2'/></svg>"
            f"<span>{escape(t(f'country_{country}', lang))}</span></div>"
        )
    return "".join(rows) + "</details>"


# The same for every view and language: it goes in the base map's header once.
# `.presenter` (set by the layer) makes every text on the map readable from the back of a
# room at 1920x1080: at least 22 px. A line's tooltip wraps (Leaflet's tooltips do not): a
# line with three themes made it wider than a narrow map.
MAP_CSS = """
<style>
.map-legend { background: rgba(255,255,255,0.94); padding: 8px 10px; border-radius: 6px;
  font: 14px/1.35 system-ui, sans-serif; color: #1a1a1a; box-shadow: 0 1px 4px rgba(0,0,0,0.3);
  max-width: 300px; max-height: 60vh; overflow-y: auto; }
.map-legend .legend-title { font-weight: 600; margin-bottom: 4px; cursor: pointer; }
.map-legend .legend-subtitle { font-weight: 600; margin: 6px 0 2px; }
.map-legend .legend-row { display: flex; align-items: center; gap: 6px; }
.place-labels { position: absolute; left: 0; top: 0; }
.place-label { position: absolute; white-space: nowrap; font: 600 14px/1.2 system-ui, sans-serif; color: #111;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; pointer-events: none; }
.place-label-crowded { opacity: 0.85; }
.leaflet-tooltip.line-tooltip { white-space: normal; width: max-content; max-width: 320px; }
.leaflet-tooltip.line-tooltip table th { text-align: left; vertical-align: top; padding-right: 6px; white-space: nowrap; }
.presenter .map-legend { font-size: 22px; max-width: 420px; }
.presenter .map-legend svg { transform: scale(1.3); }
.presenter .place-label, .presenter .leaflet-tooltip, .presenter .foliumtooltip th,
.presenter .foliumtooltip td { font-size: 22px; }
.presenter .leaflet-control-scale-line { font-size: 18px; }
.presenter .leaflet-tooltip.line-tooltip { max-width: 520px; }
</style>
"""


class PartnershipLayerCode(VerbatimMacroElement):
    """Defines L.PartnershipLayer in the map's own script, before any view layer uses it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.code }}
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "PartnershipLayerCode"
        self.code = layer_code()


@functools.cache
def layer_code() -> str:
    """The layer's scripts as they go into the map: read and compacted once per process, not
    on every rerun (the base map is built again on each)."""
    return "\n".join(compact_script(script.read_text(encoding="utf-8")) for script in LAYER_SCRIPTS)


def compact_script(source: str) -> str:
    """The layer's JavaScript without its comment lines and indentation.

    It goes inline into the base map, which st_folium sends again with every rerun: its 28 KB
    of comment lines and indentation (of 67 KB) would cross the websocket each time. Safe for
    this code, which has no multi-line string and no line that starts inside one.
    """
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


class PartnershipView(VerbatimMacroElement):
    """One view of the data, drawn by L.PartnershipLayer into its parent layer group."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.addLayer(L.partnershipLayer({{ this.view_json }}));
        {% endmacro %}
        """
    )

    def __init__(self, data: dict) -> None:
        super().__init__()
        self._name = "PartnershipView"
        self.view_json = _json_for_script(data)


def base_map(lang: str, online_tiles: bool = True, assets: AssetSource | None = None) -> folium.Map:
    """The map every view is drawn on: outlines, tiles, controls and the layer's code.

    The same for every selection and language (its script, not its guard message), so
    streamlit-folium keeps the map's frame; `assets` says where the browser gets Leaflet
    and the outlines, and if they cannot load the frame says so in one sentence in `lang`.
    """
    assets = assets or local_source()
    # Quarter zoom steps: a view framed to its places fills the map instead of snapping out.
    fmap = folium.Map(
        location=INITIAL_CENTRE, zoom_start=INITIAL_ZOOM, tiles=None, control_scale=True, zoom_snap=0.25, zoom_delta=0.5
    )
    add_offline_basemap(fmap, assets, online_tiles=online_tiles)
    Fullscreen(position="topleft").add_to(fmap)
    fmap.get_root().header.add_child(Verbatim(MAP_CSS))
    PartnershipLayerCode().add_to(fmap)
    # jQuery only serves folium.Popup (geo.assets); the layer draws its own tooltips and card
    # links: one request and 87 KB less for every visitor.
    fmap.default_js = [(name, url) for name, url in fmap.default_js if name != "jquery"]
    # Last, so that every element added above (plugins included) loads from `assets`.
    use_assets(fmap, assets, unavailable_message=t("map_unavailable", lang))
    return fmap


def layer_of(data: dict) -> folium.FeatureGroup:
    """The layer for one view (`view_data`'s result, which the page caches): what changes when
    the selection, the tour stop or the language does. It goes to st_folium's feature_group_to_add."""
    layer = folium.FeatureGroup(name=data["text"]["heading"], control=False)
    PartnershipView(data).add_to(layer)
    return layer


def build_map(
    dataset: Dataset,
    view: View,
    lang: str,
    online_tiles: bool = True,
    assets: AssetSource | None = None,
    **view_options: Any,
) -> folium.Map:
    """Base map and view layer in one map: for the offline export and for tests.

    `view_options` are view_data's: `wanted_themes`, `selected` (highlights one
    partnership), `tour_stop` (dims the others and flies to it), `presenter` (every text on
    the map enlarged for a projector).
    """
    fmap = base_map(lang, online_tiles=online_tiles, assets=assets)
    layer_of(view_data(dataset, view, lang, **view_options)).add_to(fmap)
    return fmap
