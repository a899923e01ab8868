"""The sidebar every page shares: language, one widget per declared filter, reset, map tiles."""

from __future__ import annotations

import streamlit as st

from partnerships import filters as filter_table
from partnerships.dataset import Dataset
from partnerships.filters import Filters, FilterSpec
from partnerships.i18n import LANGUAGES, t
from ui.url_state import LANG_KEY, TILES_KEY, current_filters, current_language, filter_key, reset_filters


def _filter_widget(spec: FilterSpec, dataset: Dataset, lang: str) -> None:
    options = list(spec.options(dataset))
    help_text = t(spec.help_key, lang) if spec.help_key else None
    if spec.multiple:
        st.multiselect(
            t(spec.key, lang),
            options,
            format_func=lambda option: spec.label(dataset, option, lang),
            key=filter_key(spec),
            placeholder=t("all", lang),
            help=help_text,
        )
    else:
        # The empty first option means "all".
        st.selectbox(
            t(spec.key, lang),
            ["", *options],
            format_func=lambda option: spec.label(dataset, option, lang) if option else t("all", lang),
            key=filter_key(spec),
            help=help_text,
        )


def draw_sidebar(dataset: Dataset) -> tuple[Filters, str]:
    """Language and filters; returns the selection and the reader's language."""
    with st.sidebar:
        st.selectbox(t("language", current_language()), list(LANGUAGES), format_func=LANGUAGES.get, key=LANG_KEY)
        lang = current_language()
        st.header(t("filters", lang))
        for spec in filter_table.FILTERS:
            _filter_widget(spec, dataset, lang)
        st.button(t("reset_filters", lang), on_click=reset_filters, width="stretch")
        st.toggle(t("online_tiles", lang), key=TILES_KEY, help=t("online_tiles_help", lang))
    return current_filters(), lang
