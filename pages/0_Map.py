"""The map page: every partnership as a line, the tour, funding and key figures beside it."""

from __future__ import annotations

from functools import partial

import streamlit as st
from streamlit_folium import st_folium

from geo.assets import standalone_html
from mapview.layers import base_map, build_map, layer_of
from partnerships.cards import partnership_card
from partnerships.dataset import Dataset
from partnerships.figures import figures_for_view
from partnerships.filters import Filters, View, apply_filters
from partnerships.funding import funding_by_funder, programmes_without_funder
from partnerships.i18n import t
from partnerships.tables import page_columns, readable_funding, readable_partnerships
from partnerships.tour import default_tour, story
from ui import panels
from ui.frame import open_page, run_page
from ui.loading import data_key, map_assets, map_view_data
from ui.presenter import (
    current_step,
    presenter_css,
    presenter_toggle,
    story_card,
    tour_bar,
    tour_picker,
    tour_stops,
)
from ui.sharing import downloads, share_box
from ui.tables import partnership_picker, picker_fits, selectable_table, table_page
from ui.url_state import PRESENT_KEY, SELECTED_KEY, STEP_KEY, TABLE_OPEN_KEY, TILES_KEY, TOUR_KEY

MAP_KEY = "partnership_map"
LAST_CLICK_KEY = "_last_map_click"
MAP_HEIGHT = 620
PRESENTER_MAP_HEIGHT = 780


def take_map_click(clicked: dict | None, visible_ids: list[str], stops: list[str]) -> None:
    """A click on a line selects it, once per new click (st_folium keeps returning the last one)."""
    feature = (clicked or {}).get("last_active_drawing") or {}
    clicked_id = (feature.get("properties") or {}).get("id", "")
    if not clicked_id or clicked_id == st.session_state.get(LAST_CLICK_KEY) or clicked_id not in visible_ids:
        return
    st.session_state[LAST_CLICK_KEY] = clicked_id
    st.session_state[SELECTED_KEY] = clicked_id
    if st.session_state.get(STEP_KEY):
        # During a tour, clicking a stop jumps to it; clicking another line ends the tour.
        st.session_state[STEP_KEY] = stops.index(clicked_id) + 1 if clicked_id in stops else 0
    st.rerun()


def draw_map(dataset: Dataset, view: View, filters: Filters, lang: str, stops: list[str], tour_stop: bool) -> None:
    present = st.session_state.get(PRESENT_KEY, False)
    data = map_view_data(
        dataset,
        view,
        data_key(),
        tuple(sorted(filters.chosen.items())),
        lang,
        st.session_state.get(SELECTED_KEY, ""),
        tour_stop,
        present,
    )
    clicked = st_folium(
        # The same base map on every rerun, so streamlit-folium keeps its frame (and the
        # reader's zoom and pan); only the view layer is sent again and swapped in place.
        base_map(lang, online_tiles=st.session_state.get(TILES_KEY, True), assets=map_assets()),
        feature_group_to_add=layer_of(data),
        key=MAP_KEY,
        height=PRESENTER_MAP_HEIGHT if present else MAP_HEIGHT,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        # st_folium renders the map itself either way; rendering the whole figure first as well
        # compiles folium's templates twice and gives the same header, script and HTML.
        render=False,
    )
    take_map_click(clicked, view.partnerships["id"].tolist(), stops)


DETAILS_KEY = "w_selected"
TABLE_KEY = "map_table"
TABLE_PAGE_KEY = "map_table_page"


def details(dataset: Dataset, view: View, lang: str) -> None:
    ids = view.partnerships["id"].tolist()
    selected = partnership_picker(dataset, ids, DETAILS_KEY, lang, help=t("select_hint", lang))
    if selected:
        panels.card(partnership_card(dataset, selected, lang), lang)
    elif picker_fits(ids):
        st.caption(t("select_hint", lang))


def main() -> None:
    dataset, filters, lang = open_page("page_map", heading=False)
    view = apply_filters(dataset, filters)
    visible_ids = view.partnerships["id"].tolist()
    presenter_toggle(lang)
    tour_picker(dataset, lang)
    stops = tour_stops(st.session_state.get(TOUR_KEY, []), default_tour(dataset, view))
    step = current_step(stops)
    if step:
        st.session_state[SELECTED_KEY] = stops[step - 1]
    elif st.session_state.get(SELECTED_KEY) not in visible_ids:
        st.session_state[SELECTED_KEY] = ""
    present = st.session_state.get(PRESENT_KEY, False)
    # What comes and goes above the map sits in fixed containers: the map keeps its place in
    # Streamlit's element tree, so its frame (and the reader's zoom) survives every rerun.
    with st.container(key="map_heading"):
        if present:
            presenter_css()
        st.title(t("app_title", lang), anchor=False)
        if not present:
            st.caption(t("app_subtitle", lang))
        tour_bar(stops, lang)

    map_column, panel_column = st.columns([3, 2], gap="large")
    with map_column:
        with st.container(key="map_summary"):
            st.markdown(t("shown_count", lang, lines=len(view.partnerships), listed=len(view.unlinked_programmes)))
            if view.partnerships.empty:
                st.info(t("nothing_matches", lang))
        draw_map(dataset, view, filters, lang, stops, tour_stop=bool(step))
        st.markdown(f"[{t('map_text_alternative', lang)}](#partnerships-table)")
        if not present:
            details(dataset, view, lang)
            panels.unlinked_programmes(view, dataset, lang)
    with panel_column:
        if step:
            story_card(story(dataset, stops[step - 1], lang), lang)
        elif present:
            details(dataset, view, lang)
        panels.funding_panel(
            funding_by_funder(dataset, view, lang), programmes_without_funder(dataset, view), dataset, lang
        )
        panels.key_figures(figures_for_view(dataset, view, lang), lang)

    st.subheader(t("map_text_alternative", lang), anchor="partnerships-table")
    # Made when the table is opened or the CSV downloaded, not on every rerun: at 10,000
    # partnerships it made a filter change's script run 73 ms instead of 42 ms.
    table = partial(readable_partnerships, dataset, view, lang)
    # Opened by the reader: a closed table costs every visitor nothing (its rows, and the
    # browser's grid code, about 25 files, come only when asked for). The Partnerships page
    # shows the same table open.
    panels.when_opened(
        t("map_table_show", lang),
        TABLE_OPEN_KEY,
        lambda: selectable_table(table_page(table(), TABLE_PAGE_KEY, lang), TABLE_KEY, page_columns(lang)),
    )
    share_column, download_column = st.columns(2)
    with share_column:
        share_box(lang)
    with download_column:
        # The export inlines this server's own map files; a pip-only host has none to inline.
        offline_map = (
            None
            if not map_assets().is_local
            else lambda: standalone_html(
                build_map(dataset, view, lang, online_tiles=False, wanted_themes=filters.themes)
            )
        )
        # Callables: the files are made when someone clicks, not on every rerun.
        downloads(
            lambda: table().to_csv(index=False).encode("utf-8"),
            lambda: readable_funding(dataset, view, lang).to_csv(index=False).encode("utf-8"),
            offline_map,
            lang,
            suffix="" if filters.is_empty else "-filtered",
        )


run_page(main)
