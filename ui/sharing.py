"""Share the exact view as a link; download the filtered data and an offline map."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import streamlit as st

from partnerships.i18n import t
from ui.url_state import url_params

DEFAULT_APP_URL = "http://127.0.0.1:8501/"


def share_link() -> str:
    """The app's address plus the current view's state (filters, language, presenter, tour, step).

    Built from the state, not from the URL as the browser sent it: a value the app dropped
    (an unknown language or partnership) must not be passed on in a shared link.
    """
    base = st.context.url or DEFAULT_APP_URL
    query = urlencode(url_params())
    return f"{base}?{query}" if query else base


def share_box(lang: str) -> None:
    st.subheader(t("share_heading", lang))
    # st.code shows a copy-to-clipboard button: the "copy link" action.
    st.code(share_link(), language=None, wrap_lines=True)
    st.caption(t("share_help", lang))


def downloads(
    partnerships_csv: Callable[[], bytes],
    funding_csv: Callable[[], bytes],
    offline_map_html: Callable[[], str] | None,
    lang: str,
    suffix: str,
) -> None:
    """CSV downloads, and the offline map unless this server lacks the files to pack (`offline_map_html` None)."""
    st.subheader(t("export_heading", lang))
    st.download_button(
        t("export_partnerships_csv", lang),
        partnerships_csv,
        f"partnerships{suffix}.csv",
        "text/csv",
        key="dl_partnerships",
    )
    st.download_button(t("export_funding_csv", lang), funding_csv, f"funding{suffix}.csv", "text/csv", key="dl_funding")
    if offline_map_html is None:
        st.caption(t("export_map_unavailable", lang))
        return
    # Built only when clicked: inlining Leaflet and the outlines takes a moment.
    st.download_button(
        t("export_map_html", lang),
        offline_map_html,
        f"partnership-map{suffix}.html",
        "text/html",
        key="dl_map",
        help=t("export_map_help", lang),
    )
