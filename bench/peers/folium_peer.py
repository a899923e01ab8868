"""Peer for bench/bench_live.py: a bare `st_folium` with the same partnerships as one GeoJson layer.

Straight two-point lines, one constant style, no outlines, panels or tooltips: what st_folium
itself costs for these lines. With 0 partnerships it is the empty-map floor the app is
compared with. Leaflet comes from the app's /app/static/vendor (bench_live links static/ next
to this file), so it draws offline; every line is an SVG `path.partnership`, as in the app.

    PARTNERSHIP_MAP_DATA=data/ streamlit run bench/peers/folium_peer.py   # bench_live starts it itself
"""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from bench.peers.common import MAP_HEIGHT, chosen_themes, pairs, status_caption
from geo.assets import use_local_assets

st.set_page_config(page_title="folium peer", layout="wide")
lines = pairs(chosen_themes())
fmap = folium.Map(location=(53.5, 20.0), zoom_start=4)
if len(lines):  # folium checks style_function on the first feature, so an empty layer is left out
    features = [
        {
            "type": "Feature",
            "properties": {"id": row.id},
            "geometry": {"type": "LineString", "coordinates": [[row.from_lon, row.from_lat], [row.to_lon, row.to_lat]]},
        }
        for row in lines.itertuples(index=False)
    ]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="partnerships",
        style_function=lambda _: {"color": "#0057B7", "weight": 2, "className": "partnership"},
    ).add_to(fmap)
use_local_assets(fmap)
# The same st_folium arguments as the app's map.
st_folium(fmap, key="map", height=MAP_HEIGHT, use_container_width=True, returned_objects=["last_active_drawing"])
status_caption(len(lines))
