"""Partnerships: every partnership in a searchable, sortable table; a selected row shows the map's card."""

from __future__ import annotations

import streamlit as st

from partnerships.cards import partnership_card
from partnerships.filters import apply_filters
from partnerships.i18n import t
from partnerships.tables import page_columns, readable_partnerships, search_rows
from ui import panels
from ui.frame import open_page, run_page
from ui.tables import partnership_picker, selectable_table, table_page

SEARCH_KEY = "partnerships_search"
TABLE_KEY = "partnerships_table"
PICK_KEY = "partnerships_pick"
PAGE_KEY = "partnerships_page"


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

    selected = partnership_picker(dataset, shown["id"].tolist(), PICK_KEY, lang)
    if selected:
        panels.card(partnership_card(dataset, selected, lang), lang)
    panels.unlinked_programmes(view, dataset, lang)


run_page(main)
