"""The sidebar's page links, in the reader's language, carrying the view's URL state along.

Streamlit's automatic navigation shows file names ("app", "1_Partnerships") in English;
it is switched off (`client.showSidebarNavigation = false`) in favour of these links.
"""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from partnerships.i18n import t

# (script, title key, icon); the map page is the app's entry point.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("app.py", "page_map", ":material/map:"),
    ("pages/1_Partnerships.py", "page_partnerships", ":material/table_rows:"),
    ("pages/2_Funding.py", "page_funding", ":material/payments:"),
    ("pages/3_Timeline.py", "page_timeline", ":material/timeline:"),
    ("pages/4_Coverage.py", "page_coverage", ":material/grid_on:"),
    ("pages/5_Sources.py", "page_sources", ":material/menu_book:"),
    ("pages/6_About.py", "page_about", ":material/info:"),
)


def page_links(lang: str, query_params: dict[str, str]) -> None:
    """One link per page; a link keeps filters, language and the selected partnership."""
    with st.container(key="page_links"):
        for script, title_key, icon in PAGES:
            try:
                st.page_link(script, label=t(title_key, lang), icon=icon, query_params=query_params, width="stretch")
            except StreamlitPageNotFoundError:
                # A page run on its own (AppTest of one page) knows no other pages to link to.
                continue
