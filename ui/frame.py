"""The frame every page shares (app.py runs it): data, page config, sidebar, navigation, error guard.

Pages (pages/*.py) get what the frame loaded through `open_page`, draw, and never load data
or draw the sidebar themselves. Each page file ends with `run_page(main)`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

import streamlit as st

from partnerships.dataset import Dataset
from partnerships.filters import Filters
from partnerships.i18n import t
from ui.loading import dataset_or_stop, run_guarded
from ui.sidebar import draw_sidebar
from ui.url_state import current_language, seed_once, sync_url

# (script, title key, icon, URL path): the paths are those of the old pages/ folder, so old links open.
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("pages/0_Map.py", "page_map", ":material/map:", ""),
    ("pages/1_Partnerships.py", "page_partnerships", ":material/table_rows:", "Partnerships"),
    ("pages/2_Funding.py", "page_funding", ":material/payments:", "Funding"),
    ("pages/3_Timeline.py", "page_timeline", ":material/timeline:", "Timeline"),
    ("pages/4_Coverage.py", "page_coverage", ":material/grid_on:", "Coverage"),
    ("pages/5_Sources.py", "page_sources", ":material/menu_book:", "Sources"),
    ("pages/6_About.py", "page_about", ":material/info:", "About"),
)


@dataclass(frozen=True)
class Frame:
    dataset: Dataset
    filters: Filters
    lang: str


# Set while the frame runs a page (same thread, same call stack), so pages reach what it loaded.
_ACTIVE: ContextVar[Frame | None] = ContextVar("partnership_map_frame", default=None)


def document_language(lang: str) -> None:
    """Tell browsers and screen readers which language the page is in (WCAG 3.1.1): <html lang="uk">."""
    st.html(f"<script>document.documentElement.lang = {json.dumps(lang)};</script>", unsafe_allow_javascript=True)


def _navigation(lang: str):  # -> the page the reader asked for (st.navigation's StreamlitPage)
    return st.navigation(
        [
            st.Page(script, title=t(title_key, lang), icon=icon, url_path=path or None, default=not path)
            for script, title_key, icon, path in PAGES
        ]
    )


def _draw(body: Callable[[], None] | None) -> None:
    dataset = dataset_or_stop(current_language())
    seed_once(dataset)
    navigation = _navigation(current_language())
    filters, lang = draw_sidebar(dataset)
    document_language(lang)
    token = _ACTIVE.set(Frame(dataset, filters, lang))
    try:
        if body is None:
            navigation.run()
        else:
            body()
    finally:
        _ACTIVE.reset(token)
        # Last: the page's buttons and pickers may have changed the state in this run.
        sync_url()


def _run(body: Callable[[], None] | None) -> None:
    st.set_page_config(page_icon="🗺️", layout="wide")
    run_guarded(lambda: _draw(body))


def run() -> None:
    """app.py: draw the frame, then the page the reader asked for."""
    _run(None)


def run_page(body: Callable[[], None]) -> None:
    """Every page file ends with this.

    Inside the frame (the page ran from app.py's navigation) it just draws the page. Streamlit
    runs a page file on its own when the process has not yet called st.navigation and a pages/
    folder sits beside app.py (the first request after a start, if it is for a page other than
    the map, and every AppTest rerun); then the frame is drawn here first, and its
    st.navigation call switches Streamlit to app.py's navigation for every later run.
    """
    if _ACTIVE.get() is not None:
        body()
    else:
        _run(body)


def page_link(title_key: str, label: str) -> None:
    """A link to one of PAGES, with its icon: the reader's filters and language come along."""
    script, _, icon, _ = next(page for page in PAGES if page[1] == title_key)
    st.page_link(script, label=label, icon=icon)


def current_frame() -> Frame:
    frame = _ACTIVE.get()
    if frame is None:
        raise RuntimeError("a page drew outside the frame: end the page file with ui.frame.run_page(main)")
    return frame


def open_page(title_key: str, heading: bool = True) -> tuple[Dataset, Filters, str]:
    """This page's data, selection and language from the frame; titles the browser tab (and the page)."""
    frame = current_frame()
    st.set_page_config(page_title=f"{t(title_key, frame.lang)} · {t('app_title', frame.lang)}")
    if heading:
        st.title(t(title_key, frame.lang), anchor=False)
    return frame.dataset, frame.filters, frame.lang
