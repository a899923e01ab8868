"""The view's state lives in the URL, so a link restores exactly what its sender saw.

Filters and language are widgets of the app's frame (ui/frame.py): drawn on every page, they
keep their values across pages by themselves. The map page's own widgets (tour stops,
presenter mode) keep theirs with ``persist_state="session"``. The selected partnership and the
tour step are plain session state: several pages and buttons set them, and pickers mirror them.

Why not Streamlit's ``bind="query-params"``: it writes an option's *displayed label* into the
URL (``?theme=Waste+management``, ``?theme=Affaldshåndtering`` in Danish), so a link would not
survive a change of language and the ids of existing links (``?theme=waste``) are dropped as
invalid (checked in Chromium with Streamlit 1.67). The URL here carries ids, in two steps:

- ``seed_once(dataset)``: a session's first run takes every value from the URL;
- ``sync_url()``: the end of every run writes the URL from the state (only what is not default).
"""

from __future__ import annotations

import streamlit as st

from partnerships import filters as filter_table
from partnerships.dataset import Dataset
from partnerships.filters import Filters, FilterSpec, filters_from_query_params
from partnerships.i18n import DEFAULT_LANGUAGE, normalise_language

LANG_KEY = "w_lang"
TILES_KEY = "w_tiles"
PRESENT_KEY = "w_present"
TOUR_KEY = "w_tour"
# Not widgets: the selected partnership (`?p=`), set by the map, its picker, the Partnerships page
# and the tour; and the tour's step, set by the tour's buttons.
SELECTED_KEY = "selected"
STEP_KEY = "tour_step"
# The map page's table is opened by the reader (its rows are sent only then); `&table=1` in a
# link opens it again.
TABLE_OPEN_KEY = "w_table_open"
_SEEDED_KEY = "_seeded_from_url"
# A step beyond any tour is clamped by the tour; more digits than this is not a step.
_MAX_STEP_DIGITS = 4


def filter_key(spec: FilterSpec) -> str:
    """The widget key of a filter (its URL parameter is `spec.key`)."""
    return f"w_{spec.key}"


def _param(name: str) -> str:
    return st.query_params.get(name, "")


def _step(text: str) -> int:
    # str.isdigit() accepts "²" and other digits int() refuses: only ASCII digits make a step.
    return int(text) if text.isascii() and text.isdigit() and len(text) <= _MAX_STEP_DIGITS else 0


def current_language() -> str:
    if LANG_KEY in st.session_state:
        return normalise_language(st.session_state[LANG_KEY])
    return normalise_language(_param("lang"))


def _param_switched_on(name: str) -> bool:
    """A switch in the URL (`present=1`, `table=true`, ...): on only when it says so."""
    return _param(name) in ("1", "true", "yes")


def seed_once(dataset: Dataset) -> None:
    """On a session's first run, every widget takes its value from the URL (unknown values are dropped)."""
    if st.session_state.get(_SEEDED_KEY):
        return
    filters = filters_from_query_params({name: st.query_params.get_all(name) for name in st.query_params}, dataset)
    for spec in filter_table.FILTERS:
        chosen = filters.get(spec.key)
        st.session_state[filter_key(spec)] = list(chosen) if spec.multiple else (chosen[0] if chosen else "")
    st.session_state[LANG_KEY] = normalise_language(_param("lang"))
    known = set(dataset.partnerships["id"].tolist())
    selected = _param("p")
    st.session_state[SELECTED_KEY] = selected if selected in known else ""
    st.session_state[TILES_KEY] = _param("tiles") != "off"
    st.session_state[PRESENT_KEY] = _param_switched_on("present")
    st.session_state[TOUR_KEY] = list(dict.fromkeys(stop for stop in _param("tour").split(",") if stop in known))
    st.session_state[STEP_KEY] = _step(_param("step"))
    st.session_state[TABLE_OPEN_KEY] = _param_switched_on("table")
    st.session_state[_SEEDED_KEY] = True


def current_filters() -> Filters:
    return Filters(**{spec.key: st.session_state.get(filter_key(spec)) for spec in filter_table.FILTERS})


def url_params() -> dict[str, str]:
    """The URL's query for the current state; defaults are left out so the plain view has a clean URL."""
    params = current_filters().to_query_params()
    state = st.session_state
    if current_language() != DEFAULT_LANGUAGE:
        params["lang"] = current_language()
    # During a tour the step names the partnership; `p` would go stale with every step.
    if state.get(SELECTED_KEY) and not state.get(STEP_KEY):
        params["p"] = state[SELECTED_KEY]
    if not state.get(TILES_KEY, True):
        params["tiles"] = "off"
    if state.get(PRESENT_KEY):
        params["present"] = "1"
    if state.get(TOUR_KEY):
        params["tour"] = ",".join(state[TOUR_KEY])
    if state.get(STEP_KEY):
        params["step"] = str(state[STEP_KEY])
    if state.get(TABLE_OPEN_KEY):
        params["table"] = "1"
    return params


def sync_url() -> None:
    """Write the state into the URL, only when it changed (each write is a message to the browser)."""
    params = url_params()
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def reset_filters() -> None:
    for spec in filter_table.FILTERS:
        st.session_state[filter_key(spec)] = [] if spec.multiple else ""
    st.session_state[SELECTED_KEY] = ""
    st.session_state[STEP_KEY] = 0
