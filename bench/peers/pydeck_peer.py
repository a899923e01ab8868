"""Peer for bench/bench_live.py: the same partnerships as one deck.gl ArcLayer (`st.pydeck_chart`).

No base map of its own (map_style=None), so it draws offline: deck.gl ships inside Streamlit's
frontend and the arcs are bent on the GPU from their two ends, so only the ends go over the wire.
Streamlit's frontend still asks basemaps.cartocdn.com for a style; offline (and in the
benchmark) that request fails at once and the arcs are drawn all the same.

    PARTNERSHIP_MAP_DATA=data/ streamlit run bench/peers/pydeck_peer.py   # bench_live starts it itself
"""

from __future__ import annotations

import pydeck as pdk
import streamlit as st

from bench.peers.common import MAP_HEIGHT, chosen_themes, pairs, status_caption

st.set_page_config(page_title="pydeck peer", layout="wide")
lines = pairs(chosen_themes())
layer = pdk.Layer(
    "ArcLayer",
    data=lines,
    id="partnerships",  # a stable id: deck.gl updates the layer's data in place instead of a new layer
    get_source_position=["from_lon", "from_lat"],
    get_target_position=["to_lon", "to_lat"],
    get_source_color=[0, 87, 183],
    get_target_color=[255, 215, 0],
    get_width=2,
    get_height=0.3,  # flatter arcs stay inside the view from above
    pickable=True,
)
view = pdk.ViewState(latitude=52.0, longitude=22.0, zoom=3.6)
st.pydeck_chart(
    pdk.Deck(layers=[layer], initial_view_state=view, map_style=None, tooltip={"text": "{id}"}),
    height=MAP_HEIGHT,
    key="map",
)
status_caption(len(lines))
