"""Partnerships: every partnership in a searchable, sortable table; a selected row shows the map's card."""

from __future__ import annotations

import streamlit as st

from partnerships.cards import partnership_card
from partnerships.dataset import Dataset
from partnerships.filters import apply_filters
from partnerships.i18n import t
from partnerships.labels import partnership_title, programme_name
from partnerships.tables import page_columns, readable_partnerships, search_rows
from ui import panels
from ui.frame import open_page, run_page
from ui.tables import picker_fits, selectable_table, table_page
from ui.url_state import SELECTED_KEY

SEARCH_KEY = "partnerships_search"
TABLE_KEY = "partnerships_table"
PICK_KEY = "partnerships_pick"
PAGE_KEY = "partnerships_page"


def _picked() -> None:
    """The selection is the map's too (`?p=`), so the map opens on the same card."""
    st.session_state[SELECTED_KEY] = st.session_state[PICK_KEY]


def _label(dataset: Dataset, partnership_id: str, lang: str) -> str:
    if not partnership_id:
        return t("none_selected", lang)
    record = dataset.partnership_by_id[partnership_id]
    return f"{partnership_title(dataset, record, lang)} · {programme_name(dataset, record['programme'], lang)}"


def main() -> None:
    dataset, filters, lang = open_page("page_partnerships")
    view = apply_filters(dataset, filters)

    table = readable_partnerships(dataset, view, lang)
    period = t("period", lang)
    if filters.year is not None:
        undated = table["id"].isin(view.undated)
        table.loc[undated, period] = table.loc[undated, period] + f" · {t('undated_marker', lang)}"
    query = st.text_input(
        t("search", lang), key=SEARCH_KEY, placeholder=t("search_placeholder", lang), help=t("search_help", lang)
    )
    shown = search_rows(table, query)
    st.caption(f"{t('rows_shown', lang, shown=len(shown), count=len(table))} · {t('table_hint', lang)}")
    if shown.empty:
        st.info(t("nothing_matches", lang))
    selectable_table(
        table_page(shown, PAGE_KEY, lang),
        TABLE_KEY,
        [*page_columns(lang), period, t("funder", lang)],
        column_config={
            t("programme", lang): st.column_config.TextColumn(width="medium"),
            t("themes", lang): st.column_config.TextColumn(width="large"),
        },
    )

    options = [""] + list(shown["id"])
    selected = st.session_state.get(SELECTED_KEY, "")
    if picker_fits(options):
        if st.session_state.get(PICK_KEY) != selected or st.session_state.get(PICK_KEY) not in options:
            st.session_state[PICK_KEY] = selected if selected in options else ""
        st.selectbox(
            t("select_partnership", lang),
            options,
            format_func=lambda pid: _label(dataset, pid, lang),
            key=PICK_KEY,
            on_change=_picked,
        )
        selected = st.session_state[PICK_KEY]
    else:
        st.caption(t("pick_in_table", lang))
        selected = selected if selected in set(options) else ""
    if selected:
        panels.card(partnership_card(dataset, selected, lang), lang)
    panels.unlinked_programmes(view, dataset, lang)


run_page(main)
