"""Presenter mode and the guided tour: large, chrome-free, driven by buttons or the keyboard."""

from __future__ import annotations

import streamlit as st

from partnerships.dataset import Dataset
from partnerships.i18n import t
from partnerships.labels import partnership_choice
from partnerships.tour import Story, clamp_step
from ui.panels import md
from ui.tables import picker_fits
from ui.url_state import PRESENT_KEY, STEP_KEY, TOUR_KEY

# Hides Streamlit's chrome and the sidebar, and sets every text in the page to at least 22 px
# so it reads from the back of a room at 1920x1080. Static CSS: nothing from data goes in here.
PRESENTER_PAGE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.75rem 1.5rem 1rem 1.5rem !important; max-width: 100% !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] label,
[data-testid="stMain"] button, [data-testid="stMain"] blockquote, [data-testid="stCaptionContainer"] {
  font-size: 24px !important; line-height: 1.35 !important; }
[data-testid="stMain"] h1 { font-size: 40px !important; padding: 0 !important; }
[data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 32px !important; }
</style>
"""

# The keys a presentation clicker sends; the visible buttons take the arrow keys.
CLICKER_CSS = "<style>.st-key-tour_clicker_next, .st-key-tour_clicker_back { display: none; }</style>"


def presenter_css() -> None:
    st.html(PRESENTER_PAGE_CSS)


def _go(step: int) -> None:
    st.session_state[STEP_KEY] = step


def _leave_presenter() -> None:
    st.session_state[PRESENT_KEY] = False


def presenter_toggle(lang: str) -> None:
    """The sidebar switch; in presenter mode the sidebar is hidden, so a button in the page leaves it."""
    with st.sidebar:
        st.toggle(t("presenter_mode", lang), key=PRESENT_KEY, help=t("presenter_help", lang), persist_state="session")


def leave_presenter_button(lang: str) -> None:
    st.button(t("presenter_exit", lang), key="presenter_exit", on_click=_leave_presenter)


def tour_picker(dataset: Dataset, lang: str) -> None:
    """Sidebar multiselect of stops; its selection order is the tour's order.

    It offers every partnership, not only the visible ones: changing a widget's options
    resets its value, and a filter should hide a stop for now, not delete it from the tour.
    """
    with st.sidebar:
        st.subheader(t("tour_heading", lang))
        if not picker_fits(dataset.partnerships["id"]):
            # Too many to scroll through: the tour follows the map's filters instead.
            st.caption(t("tour_too_many", lang))
            return
        st.multiselect(
            t("tour_stops", lang),
            dataset.partnerships["id"].tolist(),
            format_func=lambda pid: partnership_choice(dataset, pid, lang),
            key=TOUR_KEY,
            persist_state="session",
            on_change=_restart_tour_if_running,
            help=t("tour_stops_help", lang),
            placeholder=t("all", lang),
        )


def tour_stops(picked: list[str], default: list[str]) -> list[str]:
    """The stops to show: the presenter's picks that the filters leave on the map, else the default tour."""
    visible = set(default)
    return [stop for stop in picked if stop in visible] or default


def _restart_tour_if_running() -> None:
    if st.session_state.get(STEP_KEY):
        st.session_state[STEP_KEY] = 1


def current_step(stops: list[str]) -> int:
    """The 1-based step being shown, or 0 when no tour runs."""
    step = st.session_state.get(STEP_KEY, 0)
    return clamp_step(step, len(stops)) if step else 0


def tour_bar(stops: list[str], lang: str) -> None:
    """Start, or Back / Stop n of N / Next / End, with ← → (and a clicker's PageUp/PageDown)."""
    step = current_step(stops)
    # One container whatever the step, so the page below keeps its place in Streamlit's tree
    # and the map's frame is not re-created when a tour starts or ends.
    with st.container(key="tour"):
        _tour_controls(stops, step, lang)


def _tour_controls(stops: list[str], step: int, lang: str) -> None:
    with st.container(horizontal=True, vertical_alignment="center", key="tour_bar"):
        if not stops:
            st.caption(t("tour_empty", lang))
        elif not step:
            st.button(
                t("tour_start", lang),
                key="tour_start",
                type="primary",
                on_click=_go,
                args=(1,),
                icon=":material/play_arrow:",
            )
        else:
            st.button(
                t("tour_back", lang),
                key="tour_back",
                on_click=_go,
                args=(max(step - 1, 1),),
                disabled=step <= 1,
                shortcut="Left",
                icon=":material/arrow_back:",
            )
            st.markdown(f"**{t('tour_step', lang, step=step, total=len(stops))}**")
            st.button(
                t("tour_next", lang),
                key="tour_next",
                type="primary",
                on_click=_go,
                args=(min(step + 1, len(stops)),),
                disabled=step >= len(stops),
                shortcut="Right",
                icon=":material/arrow_forward:",
            )
            st.button(t("tour_stop", lang), key="tour_end", on_click=_go, args=(0,), icon=":material/stop:")
            st.button(
                "next", key="tour_clicker_next", on_click=_go, args=(min(step + 1, len(stops)),), shortcut="PageDown"
            )
            st.button("back", key="tour_clicker_back", on_click=_go, args=(max(step - 1, 1),), shortcut="PageUp")
            st.html(CLICKER_CSS)
        if st.session_state.get(PRESENT_KEY):
            leave_presenter_button(lang)
    if step:
        st.caption(t("tour_keys_hint", lang))


def story_card(story: Story, lang: str) -> None:
    """The large card a presenter talks to at one stop."""
    with st.container(border=True, key="tour_story"):
        st.header(story.headline, anchor=False)
        st.markdown("\n".join(f"- **{md(label)}:** {md(value)}" for label, value in story.lines))
        st.markdown(f"> {md(story.quote)}")
        who = ", ".join(md(part) for part in (story.source_title, story.source_publisher) if part)
        link = f" · [{t('source', lang)}]({story.source_url})" if story.source_url else ""
        st.caption(f"{who}{link}")
