"""About: what the data covers, how to add a partnership, and the policy for facts the articles don't state."""

from __future__ import annotations

import streamlit as st

from partnerships.i18n import about_sections, t
from ui.frame import open_page, run_page


def main() -> None:
    dataset, _, lang = open_page("page_about")
    st.caption(t("app_subtitle", lang))
    counts = {
        "sources": len(dataset.sources),
        "partnerships": len(dataset.partnerships),
        "programmes": len(dataset.programmes),
        "funding": len(dataset.funding),
        "figures": len(dataset.figures),
        "places": len(dataset.places),
        "themes": len(dataset.themes),
    }
    for heading, body in about_sections(lang, **counts):
        st.subheader(heading, anchor=False)
        st.markdown(body)


run_page(main)
