"""Peer for bench/bench_live.py: the app's own map on a bare page.

The base map and view layer the app draws (mapview/layers.py: outlines, arcs bent in the
browser, canvas above CANVAS_ABOVE lines, labels, legend) with the same "Theme" multiselect
as the other peers, and nothing else: no filters but that one, no panels, table, sharing or
downloads. Against the pydeck peer it compares the map techniques; against the app, it is
what the rest of the app's page adds to a filter change.

    PARTNERSHIP_MAP_DATA=data/ streamlit run bench/peers/layer_peer.py   # bench_live starts it itself
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from bench.peers.common import MAP_HEIGHT, chosen_themes, dataset, status_caption
from mapview.layers import base_map, layer_of, view_data
from partnerships.filters import Filters, apply_filters


@st.cache_data
def view(themes: tuple[str, ...]) -> dict:
    """The layer's data for these themes, cached per choice as the app caches its map's view."""
    data = dataset()
    return view_data(data, apply_filters(data, Filters(theme=themes)), "en", wanted_themes=themes)


st.set_page_config(page_title="map-layer peer", layout="wide")
shown = view(chosen_themes())
# The same st_folium arguments as the app's map (pages/0_Map.py draw_map).
st_folium(
    base_map("en", online_tiles=False),
    feature_group_to_add=layer_of(shown),
    key="map",
    height=MAP_HEIGHT,
    use_container_width=True,
    returned_objects=["last_active_drawing"],
    render=False,
)
status_caption(len(shown["lines"]["ids"]))
