"""Coverage: for each place, the themes with a partner (and who funds them) and the themes with none."""

from __future__ import annotations

import streamlit as st

from partnerships.coverage import UKRAINE, coverage, funders_of_covered, matrix, place_label
from partnerships.filters import apply_filters
from partnerships.i18n import t
from partnerships.labels import theme_label
from ui.frame import open_page, run_page
from ui.panels import md

SIDE_KEY = "coverage_side"
PLACE_KEY = "coverage_place"
SIDES = (UKRAINE, "nordic")


def main() -> None:
    dataset, filters, lang = open_page("page_coverage")
    view = apply_filters(dataset, filters)
    st.caption(t("coverage_intro", lang))

    side = st.radio(
        t("coverage_side", lang), SIDES, format_func=lambda s: t(f"side_{s}", lang), key=SIDE_KEY, horizontal=True
    )
    entries = coverage(dataset, view, side, filters.themes)
    places = [entry.place for entry in entries]
    if st.session_state.get(PLACE_KEY) not in places:
        st.session_state[PLACE_KEY] = places[0]
    place = st.selectbox(
        t("coverage_place", lang), places, format_func=lambda p: place_label(dataset, p, lang), key=PLACE_KEY
    )
    entry = entries[places.index(place)]

    with_column, without_column = st.columns([3, 2], gap="large")
    with with_column:
        st.subheader(t("coverage_with", lang), anchor=False)
        if entry.covered:
            st.table(funders_of_covered(dataset, entry, lang))
        else:
            st.info(t("coverage_none_covered", lang))
    with without_column:
        st.subheader(t("coverage_without", lang), anchor=False)
        if entry.uncovered:
            st.markdown("\n".join(f"- {md(theme_label(dataset, theme, lang))}" for theme in entry.uncovered))
        else:
            st.success(t("coverage_all_covered", lang))

    st.subheader(t("coverage_matrix", lang), anchor=False)
    st.caption(t("coverage_matrix_help", lang))
    st.table(matrix(dataset, entries, lang).set_index(t("theme", lang)))


run_page(main)
