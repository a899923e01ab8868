"""Links shared before the app had one frame still open the same view.

Each row is a link as people have sent it (ids in the URL, `theme` comma-joined, the page in
the path) and what its reader must see. The map draws from the seed data: eight lines in all,
two for waste (Ikast-Brande–Voznesensk and the Copenhagen–Kyiv friendship agreement).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from partnerships.i18n import t

# (page, the link's query, session state the reader gets, the URL they then see)
OLD_LINKS = [
    pytest.param(
        "", {"theme": "waste,veterans", "lang": "da"},
        {"w_theme": ["waste", "veterans"], "w_lang": "da"}, {"theme": "waste,veterans", "lang": "da"},
        id="themes+da",
    ),
    pytest.param(
        "", {"country": "se", "funder": "sida"},
        {"w_country": "SE", "w_funder": "sida"}, {"country": "SE", "funder": "sida"},
        id="lower-case-country",
    ),
    pytest.param(
        "", {"programme": "prosto", "year": "2024"},
        {"w_programme": "prosto", "w_year": "2024"}, {"programme": "prosto", "year": "2024"},
        id="programme+year",
    ),
    pytest.param("", {"p": "aarhus-lviv"}, {"w_selected": "aarhus-lviv"}, {"p": "aarhus-lviv"}, id="selected"),
    pytest.param("", {"tiles": "off"}, {"w_tiles": False}, {"tiles": "off"}, id="tiles-off"),
    pytest.param(
        "", {"theme": "waste,veterans", "lang": "da", "present": "1", "tour": "aarhus-lviv,odense-kyiv", "step": "2"},
        {"w_present": True, "w_tour": ["aarhus-lviv", "odense-kyiv"], "tour_step": 2, "selected": "odense-kyiv"},
        {"theme": "waste,veterans", "lang": "da", "present": "1", "tour": "aarhus-lviv,odense-kyiv", "step": "2"},
        id="presenter-tour-step",
    ),
    pytest.param(
        "pages/2_Funding.py", {"country": "DK", "lang": "uk"},
        {"w_country": "DK", "w_lang": "uk"}, {"country": "DK", "lang": "uk"},
        id="funding-page",
    ),
    pytest.param(
        "pages/1_Partnerships.py", {"p": "odense-kyiv"},
        {"partnerships_pick": "odense-kyiv"}, {"p": "odense-kyiv"},
        id="partnerships-page",
    ),
    pytest.param(
        "", {"theme": "no-such-theme", "p": "gone", "step": "x"},
        {"w_theme": [], "w_selected": "", "tour_step": 0}, {},
        id="stale-ids-are-dropped",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("page", "link", "state", "url"), OLD_LINKS)
def test_old_link_opens_the_same_view(
    open_app: Callable[..., AppTest], page: str, link: dict[str, str], state: dict[str, object], url: dict[str, str]
) -> None:
    at = open_app(page=page, **link)

    assert not at.exception and not at.error
    for key, value in state.items():
        assert at.session_state[key] == value, key
    assert dict(at.query_params) == url


def test_an_old_page_link_titles_the_page_in_its_language(open_app: Callable[..., AppTest]) -> None:
    at = open_app(page="pages/3_Timeline.py", lang="sv")

    assert at.title[0].value == t("page_timeline", "sv")
