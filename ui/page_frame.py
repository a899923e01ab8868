"""The frame every explore page (pages/*.py) shares: data, sidebar filters, title and document language."""

from __future__ import annotations

import json

import streamlit as st

from partnerships.dataset import Dataset
from partnerships.filters import Filters
from partnerships.i18n import t
from ui.loading import dataset_or_stop
from ui.state import current_language, sidebar_filters


def document_language(lang: str) -> None:
    """Tell browsers and screen readers which language the page is in (WCAG 3.1.1): <html lang="uk">."""
    st.html(f"<script>document.documentElement.lang = {json.dumps(lang)};</script>", unsafe_allow_javascript=True)


def open_page(title_key: str) -> tuple[Dataset, Filters, str]:
    """Load the data (or show its problems and stop), draw the shared sidebar, title the page in its language."""
    dataset = dataset_or_stop(current_language())
    filters, lang = sidebar_filters(dataset)
    st.set_page_config(page_title=f"{t(title_key, lang)} · {t('app_title', lang)}")
    document_language(lang)
    st.title(t(title_key, lang), anchor=False)
    return dataset, filters, lang
