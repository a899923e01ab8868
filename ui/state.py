"""The view's state lives in the URL, so a link restores exactly what its sender saw.

On a session's first run the widgets are seeded from `st.query_params`; afterwards every
widget change writes back to the URL.

Moving to another page (pages/ folder) makes Streamlit drop the query string and reset the
widgets, which are per page. So the widgets are seeded again on every page change: from the
URL when the page was opened with one (a shared link, an `st.page_link` with query_params),
else from the last state written, which is put back into the URL.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from partnerships.dataset import Dataset
from partnerships.filters import Filters, countries, filters_from_query_params, years
from partnerships.i18n import LANGUAGES, normalise_language, t
from partnerships.labels import funder_name, programme_name, theme_label
from ui.navigation import page_links

# Widget keys, one per URL parameter.
WIDGET_KEYS = {
    "theme": "w_theme",
    "funder": "w_funder",
    "country": "w_country",
    "programme": "w_programme",
    "year": "w_year",
}
LANG_KEY = "w_lang"
SELECTED_KEY = "w_selected"
TILES_KEY = "w_tiles"
PRESENT_KEY = "w_present"
TOUR_KEY = "w_tour"
# Not a widget: set by the tour's buttons, so it survives pages that don't draw the tour.
STEP_KEY = "tour_step"
# Not widgets: the page the widgets were seeded on, and the last URL state written.
PAGE_KEY = "_seeded_page"
URL_KEY = "_url_state"


def _int_param(name: str) -> int:
    value = st.query_params.get(name, "")
    return int(value) if value.isdigit() else 0


def current_language() -> str:
    if LANG_KEY in st.session_state:
        return normalise_language(st.session_state[LANG_KEY])
    return normalise_language(st.query_params.get("lang"))


def _page_id() -> str:
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx else ""


def _seed_widgets(dataset: Dataset) -> None:
    if st.session_state.get("_seeded"):
        if st.session_state.get(PAGE_KEY) == _page_id():
            return
        if not st.query_params and st.session_state.get(URL_KEY):
            st.query_params.update(st.session_state[URL_KEY])
    filters = filters_from_query_params(
        st.query_params.to_dict() | {"theme": st.query_params.get_all("theme")}, dataset
    )
    st.session_state[WIDGET_KEYS["theme"]] = list(filters.themes)
    st.session_state[WIDGET_KEYS["funder"]] = filters.funder
    st.session_state[WIDGET_KEYS["country"]] = filters.country
    st.session_state[WIDGET_KEYS["programme"]] = filters.programme
    st.session_state[WIDGET_KEYS["year"]] = "" if filters.year is None else str(filters.year)
    st.session_state[LANG_KEY] = normalise_language(st.query_params.get("lang"))
    selected = st.query_params.get("p", "")
    st.session_state[SELECTED_KEY] = selected if selected in set(dataset.partnerships["id"]) else ""
    st.session_state[TILES_KEY] = st.query_params.get("tiles", "on") != "off"
    st.session_state[PRESENT_KEY] = st.query_params.get("present", "") in ("1", "true", "yes")
    tour = [stop for stop in st.query_params.get("tour", "").split(",") if stop in set(dataset.partnerships["id"])]
    st.session_state[TOUR_KEY] = list(dict.fromkeys(tour))
    st.session_state[STEP_KEY] = _int_param("step")
    st.session_state["_seeded"] = True
    st.session_state[PAGE_KEY] = _page_id()
    st.session_state[URL_KEY] = st.query_params.to_dict()


def widget_filters() -> Filters:
    return Filters(
        themes=tuple(st.session_state[WIDGET_KEYS["theme"]]),
        funder=st.session_state[WIDGET_KEYS["funder"]],
        country=st.session_state[WIDGET_KEYS["country"]],
        programme=st.session_state[WIDGET_KEYS["programme"]],
        year=int(st.session_state[WIDGET_KEYS["year"]]) if st.session_state.get(WIDGET_KEYS["year"]) else None,
    )


def write_url() -> None:
    """Mirror the widgets into the URL; only non-default values appear."""
    params = widget_filters().to_query_params()
    lang = st.session_state[LANG_KEY]
    if lang != "en":
        params["lang"] = lang
    # During a tour the step names the partnership; `p` would go stale with every step.
    if st.session_state.get(SELECTED_KEY) and not st.session_state.get(STEP_KEY):
        params["p"] = st.session_state[SELECTED_KEY]
    if not st.session_state.get(TILES_KEY, True):
        params["tiles"] = "off"
    if st.session_state.get(PRESENT_KEY):
        params["present"] = "1"
    if st.session_state.get(TOUR_KEY):
        params["tour"] = ",".join(st.session_state[TOUR_KEY])
    if st.session_state.get(STEP_KEY):
        params["step"] = str(st.session_state[STEP_KEY])
    st.session_state[URL_KEY] = params
    if dict(st.query_params.to_dict()) != params:
        st.query_params.clear()
        st.query_params.update(params)


def _reset() -> None:
    st.session_state[WIDGET_KEYS["theme"]] = []
    for key in ("funder", "country", "programme"):
        st.session_state[WIDGET_KEYS[key]] = ""
    st.session_state[WIDGET_KEYS["year"]] = ""
    st.session_state[SELECTED_KEY] = ""
    st.session_state[STEP_KEY] = 0
    write_url()


def _one_of(name: str, options: list[str], label: Callable[[str], str], lang: str, help_key: str = "") -> None:
    """A single-choice filter whose empty first option means 'all'."""
    st.selectbox(
        t(name, lang),
        [""] + options,
        format_func=lambda option: label(option) if option else t("all", lang),
        key=WIDGET_KEYS[name],
        on_change=write_url,
        help=t(help_key, lang) if help_key else None,
    )


def sidebar_filters(dataset: Dataset) -> tuple[Filters, str]:
    """Draw language and filter widgets in the sidebar; return the filters and language."""
    _seed_widgets(dataset)
    lang = current_language()
    with st.sidebar:
        page_links(lang, st.session_state.get(URL_KEY, {}))
        st.selectbox(t("language", lang), list(LANGUAGES), format_func=LANGUAGES.get, key=LANG_KEY, on_change=write_url)
        lang = current_language()
        st.header(t("filters", lang))
        st.multiselect(
            t("theme", lang),
            dataset.theme_ids,
            format_func=lambda theme: theme_label(dataset, theme, lang),
            key=WIDGET_KEYS["theme"],
            on_change=write_url,
            placeholder=t("all", lang),
        )
        choices = {
            "funder": (list(dataset.funders["id"]), lambda funder: funder_name(dataset, funder, lang)),
            "country": (countries(dataset), lambda country: t(f"country_{country}", lang)),
            "programme": (list(dataset.programmes["id"]), lambda programme: programme_name(dataset, programme, lang)),
        }
        for name, (options, label) in choices.items():
            _one_of(name, options, label, lang)
        _one_of("year", [str(year) for year in years(dataset)], str, lang, help_key="year_help")
        st.button(t("reset_filters", lang), on_click=_reset, width="stretch")
        st.toggle(t("online_tiles", lang), key=TILES_KEY, help=t("online_tiles_help", lang), on_change=write_url)
    return widget_filters(), lang
