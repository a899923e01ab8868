"""The partnership map: one GeoJSON layer of arcs, one of places, a legend and a basemap.

Lines and places are one `folium.GeoJson` layer each rather than one folium object per
feature: at 10,000 lines that is 13x faster to build and a third of the HTML.
Every text property is HTML-escaped here, because folium's tooltips insert properties
into the page as HTML.
"""

from __future__ import annotations

import json
from html import escape

import folium
from branca.element import MacroElement, Template
from folium.plugins import Fullscreen

from geo.arcs import arc_points, assign_bends
from geo.assets import AssetSource, local_source, use_assets
from geo.basemap import add_offline_basemap
from partnerships.dataset import Dataset, records_of
from partnerships.filters import View
from partnerships.i18n import t
from partnerships.labels import partnership_title, place_name, theme_label, theme_labels
from partnerships.palette import LineStyle, country_colour, theme_styles

LINE_CLASS = "partnership"
PLACE_CLASS = "place"
SELECTED_CLASS = "selected"
LINE_WEIGHT = 4
SELECTED_WEIGHT = 8
DIMMED_OPACITY = 0.2


def primary_theme(themes: tuple[str, ...], wanted: tuple[str, ...]) -> str:
    """The theme a line is coloured by: the first of its themes that the filter asks for, else its first."""
    for theme in themes:
        if theme in wanted:
            return theme
    return themes[0]


def partnership_features(
    dataset: Dataset,
    view: View,
    lang: str,
    wanted_themes: tuple[str, ...] = (),
    selected: str = "",
    dim_others: bool = False,
) -> dict:
    """A GeoJSON FeatureCollection with one curved LineString per partnership in the view."""
    styles = theme_styles(dataset.theme_ids)
    places = dataset.place_by_id
    records = records_of(view.partnerships, dataset.partnership_by_id)
    bends = assign_bends((r["from_place"], r["to_place"]) for r in records)
    features = []
    for record, bend in zip(records, bends, strict=True):
        start, end = places[record["from_place"]], places[record["to_place"]]
        points = arc_points((start["lat"], start["lon"]), (end["lat"], end["lon"]), bend)
        theme = primary_theme(record["themes"], wanted_themes)
        style = styles[theme]
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[round(lon, 4), round(lat, 4)] for lat, lon in points],
                },
                "properties": {
                    "id": record["id"],
                    "pair": escape(partnership_title(dataset, record, lang)),
                    "themes": escape(theme_labels(dataset, record["themes"], lang)),
                    "colour": style.colour,
                    "dash": style.dash,
                    "selected": record["id"] == selected,
                    "dimmed": dim_others and bool(selected) and record["id"] != selected,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def place_features(dataset: Dataset, view: View, lang: str) -> dict:
    """A GeoJSON FeatureCollection with one point per place in the view."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [record["lon"], record["lat"]]},
            "properties": {
                "id": record["id"],
                "name": escape(place_name(dataset, record["id"], lang)),
                "country": escape(t(f"country_{record['country']}", lang)),
                "colour": country_colour(record["country"]),
            },
        }
        for record in records_of(view.places, dataset.place_by_id)
    ]
    return {"type": "FeatureCollection", "features": features}


def _line_style(feature: dict) -> dict:
    properties = feature["properties"]
    classes = [LINE_CLASS, f"{LINE_CLASS}-{properties['id']}"]
    if properties["selected"]:
        classes.append(SELECTED_CLASS)
    return {
        "color": properties["colour"],
        "weight": SELECTED_WEIGHT if properties["selected"] else LINE_WEIGHT,
        # While a tour stop is shown, the other lines step back.
        "opacity": DIMMED_OPACITY if properties["dimmed"] else 0.95,
        "dashArray": properties["dash"] or None,
        "lineCap": "round",
        "className": " ".join(classes),
    }


def _place_style(feature: dict) -> dict:
    return {
        "fill": True,
        "fillColor": feature["properties"]["colour"],
        "color": "#ffffff",
        "weight": 2,
        "fillOpacity": 1.0,
        "radius": 8,
    }


class Legend(MacroElement):
    """A Leaflet control listing line styles by theme and place colours by country, with text labels."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: "topright"});
            legend.onAdd = function() {
                var div = L.DomUtil.create("div", "map-legend");
                div.setAttribute("role", "region");
                div.setAttribute("aria-label", {{ this.title_json }});
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str, html: str):
        super().__init__()
        self._name = "Legend"
        self.title_json = json.dumps(title)
        self.html_json = json.dumps(html)


class PlaceLabels(MacroElement):
    """A permanent name label beside every place marker, decluttered at every zoom.

    folium's GeoJsonTooltip binds one tooltip to the whole layer, so `permanent` would show
    a single label; binding one per marker labels them all (names are escaped upstream).
    Where labels would overlap (five Danish municipalities at the overview zoom), the later
    ones in data order step aside until the map is zoomed in or their marker is hovered.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var layer = {{ this.layer.get_name() }};
            var map = {{ this._parent.get_name() }};
            var overlaps = function(a, b) {
                return !(a.right < b.left || a.left > b.right || a.bottom < b.top || a.top > b.bottom);
            };
            var declutter = function() {
                var placed = [];
                layer.eachLayer(function(marker) {
                    var label = marker.getTooltip() && marker.getTooltip().getElement();
                    if (!label) { return; }
                    label.classList.remove("place-label-hidden");
                    var box = label.getBoundingClientRect();
                    if (placed.some(function(other) { return overlaps(box, other); })) {
                        label.classList.add("place-label-hidden");
                    } else {
                        placed.push(box);
                    }
                });
            };
            layer.eachLayer(function(marker) {
                marker.bindTooltip(marker.feature.properties.name, {
                    permanent: true, direction: "right", offset: [10, 0], className: "place-label"
                });
                marker.on("mouseover", function() {
                    marker.getTooltip().getElement().classList.remove("place-label-hidden");
                });
                marker.on("mouseout", declutter);
            });
            map.on("zoomend moveend", declutter);
            map.whenReady(function() { setTimeout(declutter, 0); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, layer: folium.GeoJson):
        super().__init__()
        self._name = "PlaceLabels"
        self.layer = layer


def legend_entries(dataset: Dataset, features: dict, lang: str) -> list[tuple[str, LineStyle]]:
    """(label, style) for each distinct line style drawn, in palette order."""
    styles = theme_styles(dataset.theme_ids)
    drawn = {(f["properties"]["colour"], f["properties"]["dash"]) for f in features["features"]}
    return [
        (theme_label(dataset, theme, lang), style)
        for theme, style in styles.items()
        if (style.colour, style.dash) in drawn
    ]


def legend_html(dataset: Dataset, lines: dict, places: dict, lang: str) -> str:
    rows = [f"<div class='legend-title'>{escape(t('legend', lang))}</div>"]
    for label, style in legend_entries(dataset, lines, lang):
        dash = f" stroke-dasharray='{style.dash}'" if style.dash else ""
        rows.append(
            "<div class='legend-row'><svg width='34' height='10' aria-hidden='true'>"
            f"<line x1='2' y1='5' x2='32' y2='5' stroke='{style.colour}' stroke-width='4' stroke-linecap='round'{dash}/></svg>"
            f"<span>{escape(label)}</span></div>"
        )
    countries = sorted({(f["properties"]["country"], f["properties"]["colour"]) for f in places["features"]})
    for country, colour in countries:
        rows.append(
            "<div class='legend-row'><svg width='34' height='14' aria-hidden='true'>"
            f"<circle cx='17' cy='7' r='6' fill='{colour}' stroke='#fff' stroke-width='2'/></svg>"
            f"<span>{country}</span></div>"
        )
    return "".join(rows)


LEGEND_CSS = """
<style>
.map-legend { background: rgba(255,255,255,0.94); padding: 8px 10px; border-radius: 6px;
  font: 14px/1.35 system-ui, sans-serif; color: #1a1a1a; box-shadow: 0 1px 4px rgba(0,0,0,0.3); max-width: 320px; }
.map-legend .legend-title { font-weight: 600; margin-bottom: 4px; }
.map-legend .legend-row { display: flex; align-items: center; gap: 6px; }
.leaflet-tooltip.place-label { background: transparent; border: 0; box-shadow: none; font-weight: 600;
  color: #111; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; font-size: 14px; }
.leaflet-tooltip.place-label::before { display: none; }
.leaflet-tooltip.place-label.place-label-hidden { visibility: hidden; }
</style>
"""

# Readable from the back of a room at 1920x1080: every text on the map at least 22 px.
PRESENTER_CSS = """
<style>
.map-legend { font-size: 22px; max-width: 420px; }
.map-legend svg { transform: scale(1.3); }
.leaflet-tooltip, .leaflet-tooltip.place-label, .foliumtooltip, .foliumtooltip th, .foliumtooltip td { font-size: 22px; }
.leaflet-control-scale-line { font-size: 18px; }
</style>
"""


class FlyTo(MacroElement):
    """Fly from the overview to one partnership, so the audience sees where the stop is."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        setTimeout(function() {
            {{ this._parent.get_name() }}.flyToBounds({{ this.bounds_json }}, {padding: [80, 80], duration: 1.2});
        }, 300);
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "FlyTo"
        self.bounds_json = json.dumps(bounds)


def build_map(
    dataset: Dataset,
    view: View,
    lang: str,
    wanted_themes: tuple[str, ...] = (),
    selected: str = "",
    online_tiles: bool = True,
    tour_stop: bool = False,
    presenter: bool = False,
    assets: AssetSource | None = None,
) -> folium.Map:
    """The whole map for one view, drawable offline (local Leaflet, built-in country outlines).

    `selected` highlights one partnership; with `tour_stop` the others are dimmed and the map
    flies to it. `presenter` enlarges every text on the map for a projector. `assets` says
    where the browser gets Leaflet and the outlines (default: this app's own files); if they
    cannot load, the map's frame says so in one sentence instead of staying blank.
    """
    assets = assets or local_source()
    fmap = folium.Map(location=(53.5, 20.0), zoom_start=4, tiles=None, control_scale=True, prefer_canvas=False)
    add_offline_basemap(fmap, assets, online_tiles=online_tiles)
    Fullscreen(position="topleft").add_to(fmap)
    lines = partnership_features(dataset, view, lang, wanted_themes, selected, dim_others=tour_stop)
    places = place_features(dataset, view, lang)
    if lines["features"]:
        folium.GeoJson(
            lines,
            name=t("map_heading", lang),
            style_function=_line_style,
            highlight_function=lambda feature: {"weight": SELECTED_WEIGHT, "opacity": 1.0},
            tooltip=folium.GeoJsonTooltip(
                fields=["pair", "themes"], aliases=[t("partners", lang), t("themes", lang)], sticky=True
            ),
        ).add_to(fmap)
    if places["features"]:
        place_layer = folium.GeoJson(
            places,
            marker=folium.CircleMarker(radius=8, fill=True, className=PLACE_CLASS),
            style_function=_place_style,
        ).add_to(fmap)
        PlaceLabels(place_layer).add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(LEGEND_CSS + (PRESENTER_CSS if presenter else "")))
    Legend(t("legend", lang), legend_html(dataset, lines, places, lang)).add_to(fmap)
    bounds = _bounds(lines, places)
    if bounds:
        # Extra room on the right, where the place labels are drawn.
        fmap.fit_bounds(bounds, padding_top_left=(30, 30), padding_bottom_right=(150, 30))
    stop = [feature for feature in lines["features"] if feature["properties"]["id"] == selected]
    if tour_stop and stop:
        FlyTo(_bounds({"features": stop})).add_to(fmap)
    # Last, so that every element added above (plugins included) loads from `assets`.
    use_assets(fmap, assets, unavailable_message=t("map_unavailable", lang))
    return fmap


def _bounds(*collections: dict) -> list[list[float]] | None:
    coordinates = []
    for collection in collections:
        for feature in collection["features"]:
            geometry = feature["geometry"]
            points = geometry["coordinates"] if geometry["type"] == "LineString" else [geometry["coordinates"]]
            coordinates += points
    if not coordinates:
        return None
    lons, lats = [c[0] for c in coordinates], [c[1] for c in coordinates]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
