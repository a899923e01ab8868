"""Ukraine Partnership Map: the map page. Reads widgets, calls the logic, draws."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.assets import missing_assets
from geo.layers import build_map
from partnerships.cards import partnership_card
from partnerships.dataset import Dataset
from partnerships.figures import figures_for_view
from partnerships.filters import apply_filters
from partnerships.funding import funding_by_funder, programmes_without_funder
from partnerships.i18n import t
from partnerships.labels import partnership_title
from partnerships.tables import readable_partnerships
from ui import panels
from ui.loading import dataset_or_stop, run_guarded
from ui.state import SELECTED_KEY, TILES_KEY, current_language, sidebar_filters, write_url

MAP_KEY = "partnership_map"
LAST_CLICK_KEY = "_last_map_click"

st.set_page_config(page_title="Ukraine Partnership Map", page_icon="🗺️", layout="wide")


def take_map_click(clicked: dict | None, visible_ids: set[str]) -> None:
    """A click on a line selects it, once per new click (st_folium keeps returning the last one)."""
    feature = (clicked or {}).get("last_active_drawing") or {}
    clicked_id = (feature.get("properties") or {}).get("id", "")
    if clicked_id and clicked_id != st.session_state.get(LAST_CLICK_KEY) and clicked_id in visible_ids:
        st.session_state[LAST_CLICK_KEY] = clicked_id
        st.session_state[SELECTED_KEY] = clicked_id
        write_url()
        st.rerun()


def main() -> None:
    dataset = dataset_or_stop(current_language())
    filters, lang = sidebar_filters(dataset)
    view = apply_filters(dataset, filters)
    visible_ids = list(view.partnerships["id"])
    if st.session_state.get(SELECTED_KEY) not in visible_ids:
        st.session_state[SELECTED_KEY] = ""

    st.title(t("app_title", lang))
    st.caption(t("app_subtitle", lang))
    missing = missing_assets()
    if missing:
        st.warning(t("assets_missing", lang, files=", ".join(missing)))

    map_column, panel_column = st.columns([3, 2], gap="large")
    with map_column:
        st.markdown(t("shown_count", lang, lines=len(view.partnerships), listed=len(view.unlinked_programmes)))
        if view.partnerships.empty:
            st.info(t("nothing_matches", lang))
        fmap = build_map(
            dataset,
            view,
            lang,
            wanted_themes=filters.themes,
            selected=st.session_state[SELECTED_KEY],
            online_tiles=st.session_state[TILES_KEY],
        )
        clicked = st_folium(
            fmap, key=MAP_KEY, height=620, use_container_width=True, returned_objects=["last_active_drawing"]
        )
        take_map_click(clicked, set(visible_ids))
        st.markdown(f"[{t('map_text_alternative', lang)}](#partnerships-table)")

        st.selectbox(
            t("select_partnership", lang),
            [""] + visible_ids,
            format_func=lambda pid: partnership_title_or_none(dataset, pid, lang),
            key=SELECTED_KEY,
            on_change=write_url,
            help=t("select_hint", lang),
        )
        if st.session_state[SELECTED_KEY]:
            panels.card(partnership_card(dataset, st.session_state[SELECTED_KEY], lang), lang)
        else:
            st.caption(t("select_hint", lang))
        panels.unlinked_programmes(view, dataset, lang)

    with panel_column:
        panels.funding_panel(
            funding_by_funder(dataset, view, lang), programmes_without_funder(dataset, view), dataset, lang
        )
        panels.key_figures(figures_for_view(dataset, view, lang), lang)

    st.subheader(t("map_text_alternative", lang), anchor="partnerships-table")
    st.dataframe(readable_partnerships(dataset, view, lang), hide_index=True, width="stretch")


def partnership_title_or_none(dataset: Dataset, partnership_id: str, lang: str) -> str:
    if not partnership_id:
        return t("none_selected", lang)
    record = dataset.partnerships[dataset.partnerships["id"] == partnership_id].iloc[0].to_dict()
    programme = dataset.programme_by_id[record["programme"]]
    return f"{partnership_title(dataset, record, lang)} · {programme.get(f'name_{lang}') or programme['name']}"


run_guarded(main)
