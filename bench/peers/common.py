"""What both peer pages share: the app's data folder, a sidebar "Theme" filter, the pairs to draw.

The peers draw the same partnerships as the app (PARTNERSHIP_MAP_DATA, read by the app's own
loader) and filter them by theme with the app's own filter, so a filter change leaves the same
number of lines on every page and bench/bench_live.py can count them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from partnerships.dataset import Dataset, load_dataset
from partnerships.filters import Filters, apply_filters
from partnerships.labels import theme_label

MAP_HEIGHT = 620  # as the app's map
FILTER_LABEL = "Theme"  # the label bench/bench_live.py finds the widget by, as in the app
RUNS_KEY = "bench_runs"


@st.cache_resource
def dataset() -> Dataset:
    # Once per server, as the app caches its dataset: the peers are floors, not straw men.
    return load_dataset()


@st.cache_data
def pairs(themes: tuple[str, ...]) -> pd.DataFrame:
    """One row per partnership shown: id and both ends' coordinates, for the chosen themes."""
    data = dataset()
    view = apply_filters(data, Filters(theme=themes))
    places = data.place_by_id
    rows = []
    for record in view.partnerships[["id", "from_place", "to_place"]].itertuples(index=False):
        start, end = places[record.from_place], places[record.to_place]
        rows.append((record.id, start["lon"], start["lat"], end["lon"], end["lat"]))
    return pd.DataFrame(rows, columns=["id", "from_lon", "from_lat", "to_lon", "to_lat"])


def chosen_themes() -> tuple[str, ...]:
    """The sidebar multiselect, labelled and worded as the app's (English), empty = all."""
    data = dataset()
    chosen = st.sidebar.multiselect(
        FILTER_LABEL, data.theme_ids, format_func=lambda theme: theme_label(data, theme, "en"), placeholder="All"
    )
    return tuple(chosen)


def status_caption(lines: int) -> None:
    """'8 lines, run 3' below the map: bench_live's sign that this rerun's map has reached the page.

    Called last, so its text changes after the map's element. A fast rerun can go from running to
    finished within one React render, so Streamlit's own script state may never show it.
    """
    st.session_state[RUNS_KEY] = st.session_state.get(RUNS_KEY, 0) + 1
    st.caption(f"{lines} lines, run {st.session_state[RUNS_KEY]}")
