"""Partnership tables on the pages: a row picks the partnership, long tables come in pages.

Streamlit sends a whole dataframe, and every option of a picker, to the browser on each
rerun: at 10,000 partnerships that was 1.7 MB of table and 0.6 MB per picker. Tables
longer than a page show one page at a time (the CSV download has every row), and pickers
with more options than a person can scroll leave the choice to the map and the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import pandas as pd
import streamlit as st

from partnerships.dataset import Dataset
from partnerships.i18n import t
from partnerships.labels import partnership_choice
from ui.url_state import SELECTED_KEY

TABLE_PAGE_ROWS = 500
# A picker longer than this is left out: pick on the map or in the table instead.
MAX_PICKER_OPTIONS = 500


def table_page(table: pd.DataFrame, key: str, lang: str) -> pd.DataFrame:
    """The rows of the page the reader is on (all of them when they fit on one)."""
    if len(table) <= TABLE_PAGE_ROWS:
        return table
    pages = -(-len(table) // TABLE_PAGE_ROWS)
    page = st.number_input(t("table_page", lang, pages=pages), min_value=1, max_value=pages, step=1, key=key)
    first = (int(page) - 1) * TABLE_PAGE_ROWS
    shown = table.iloc[first : first + TABLE_PAGE_ROWS]
    st.caption(t("table_page_rows", lang, first=first + 1, last=first + len(shown), count=len(table)))
    return shown


def _ids_key(table_key: str) -> str:
    return f"_{table_key}_ids"


def _row_selected(table_key: str) -> None:
    """A selected row is the selection everywhere (`?p=`): the map highlights it, the card opens."""
    rows = st.session_state[table_key]["selection"]["rows"]
    if rows:
        st.session_state[SELECTED_KEY] = st.session_state[_ids_key(table_key)][rows[0]]


def selectable_table(shown: pd.DataFrame, table_key: str, columns: Sequence[str], **dataframe_options: object) -> None:
    """`shown` (with an "id" column) as a table whose selected row selects that partnership."""
    st.session_state[_ids_key(table_key)] = shown["id"].tolist()
    # Only the columns shown go to the browser: the rest (descriptions, quotes, addresses)
    # would ride along on every rerun, hidden (a third of a filter change's bytes at 10,000).
    st.dataframe(
        shown[list(columns)],
        key=table_key,
        on_select=partial(_row_selected, table_key),
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        **dataframe_options,
    )


def picker_fits(options: Sequence[object]) -> bool:
    return len(options) <= MAX_PICKER_OPTIONS


def _picked(picker_key: str) -> None:
    st.session_state[SELECTED_KEY] = st.session_state[picker_key]


def partnership_picker(
    dataset: Dataset, ids: Sequence[str], picker_key: str, lang: str, help: str | None = None
) -> str:
    """A picker of `ids` that shows and sets the selection (`?p=`) the map and the tables share.

    Returns the selected id if it is among `ids`, else "". With more ids than a person
    scrolls through, a one-line hint to pick on the map or in the table instead.
    """
    selected = st.session_state.get(SELECTED_KEY, "")
    selected = selected if selected in set(ids) else ""
    options = ["", *ids]
    if not picker_fits(options):
        st.caption(t("pick_in_table", lang))
        return selected
    # The picker mirrors the selection, which a click on the map or another page may have changed.
    st.session_state[picker_key] = selected
    st.selectbox(
        t("select_partnership", lang),
        options,
        format_func=lambda pid: partnership_choice(dataset, pid, lang) if pid else t("none_selected", lang),
        key=picker_key,
        on_change=partial(_picked, picker_key),
        help=help,
    )
    return selected
