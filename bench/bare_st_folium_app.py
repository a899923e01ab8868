"""The baseline for bench/load.py: a bare st_folium page with nine lines and one theme filter.

What a Streamlit + st_folium page costs with none of the app's own work (no CSVs, no
GeoJSON layers, no panels), so the app's server CPU per page load can be given as a
ratio to it. It mirrors what the load benchmark drives in the app: a sidebar multiselect
labelled "Theme" with a "Waste management" option (2 of the 9 lines), and one SVG
`path.partnership` per line in the st_folium iframe. Leaflet comes from this app's
/app/static/vendor (geo.assets.use_local_assets), so it draws offline.

    streamlit run bench/bare_st_folium_app.py    # bench/load.py starts it itself
"""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.assets import use_local_assets

WASTE = "Waste management"
# (from, to, theme): nine Nordic–Ukrainian pairs; coordinates are the cities' centres.
LINES: list[tuple[tuple[float, float], tuple[float, float], str]] = [
    ((56.16, 10.20), (49.84, 24.03), "Rehabilitation"),
    ((55.68, 12.57), (50.45, 30.52), WASTE),
    ((56.14, 9.15), (47.81, 31.17), WASTE),
    ((59.33, 18.07), (50.45, 30.52), "Water management"),
    ((57.70, 11.97), (46.48, 30.72), "Urban planning"),
    ((55.40, 10.39), (49.59, 34.55), "District heating"),
    ((57.05, 9.92), (48.92, 24.71), "Education system"),
    ((60.17, 24.94), (50.00, 36.23), "Public services"),
    ((59.91, 10.75), (51.50, 31.29), "Cultural exchange"),
]
THEMES = sorted({theme for _, _, theme in LINES})

st.set_page_config(page_title="Bare st_folium page", layout="wide")
wanted = st.sidebar.multiselect("Theme", THEMES, placeholder="All")
fmap = folium.Map(location=(53.5, 20.0), zoom_start=4)
for start, end, theme in LINES:
    if not wanted or theme in wanted:
        folium.PolyLine([start, end], color="#0057B7", weight=4, tooltip=theme, className="partnership").add_to(fmap)
use_local_assets(fmap)
# The same st_folium arguments as app.py's map.
st_folium(fmap, key="map", height=620, use_container_width=True, returned_objects=["last_active_drawing"])
