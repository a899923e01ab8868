"""The map page (app.py) run in-process with AppTest: what a reader sees and what the URL says.

Numbers come from the articles: eight partnerships can be drawn (DK Nyt's list of six city
pairs, the Copenhagen-Kyiv friendship agreement and Copenhagen's work with Odense); the eight
Swedish programmes in SKR's article name no Ukrainian city and are listed instead. Waste:
Ikast-Brande-Voznesensk and the friendship agreement are drawn, the MSW pre-study is listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from partnerships.i18n import t
from tests.fixtures.datasets import write_bad_dataset

OpenApp = Callable[..., AppTest]
THEME, FUNDER, COUNTRY, LANGUAGE, SELECTED = "w_theme", "w_funder", "w_country", "w_lang", "w_selected"
WASTE_QUOTE = "Også Ikast-Brande Kommune har folk til stede i Ukraine i byen Voznesensk"
CPH_KYIV_QUOTE = "vi skal nu hjælpe dem med at lave en klimatilpasningsplan og et demonstrationsprojekt i Kyiv"


def page_text(at: AppTest) -> str:
    """The page's visible text, markdown escapes removed and non-breaking spaces made plain."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(element.value) for element in getattr(at, kind)]
    parts += [f"{metric.label} {metric.value}" for metric in at.metric]
    parts += [str(expander.label) for expander in at.expander]
    text = "\n".join(parts).replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\\(.)", r"\1", text)


def assert_drawn_fine(at: AppTest) -> None:
    """No exception, and no error box (the page turns unexpected errors into one)."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def shown_count(at: AppTest, lines: int, listed: int, lang: str = "en") -> bool:
    return t("shown_count", lang, lines=lines, listed=listed) in page_text(at)


def test_default_view_shows_every_partnership(open_app: OpenApp) -> None:
    at = open_app()
    assert_drawn_fine(at)
    assert at.title[0].value == t("app_title", "en")
    assert shown_count(at, lines=8, listed=8)
    assert at.multiselect(key=THEME).value == []
    # The text alternative to the map is there, closed: its rows are sent once it is opened.
    assert t("map_table_show", "en") in page_text(at)
    assert not at.dataframe
    assert at.query_params == {}


def test_a_link_with_the_table_open_shows_one_row_per_line(open_app: OpenApp) -> None:
    at = open_app(table="1")
    assert_drawn_fine(at)
    (table,) = [frame.value for frame in at.dataframe]
    assert len(table) == 8
    # Still open in the link the page gives to share.
    assert at.query_params == {"table": "1"}


def test_choosing_a_theme_changes_the_count_and_the_url(open_app: OpenApp) -> None:
    at = open_app()
    at.multiselect(key=THEME).set_value(["waste"]).run()
    assert_drawn_fine(at)
    assert shown_count(at, lines=2, listed=1)
    assert at.query_params.get("theme") == "waste"
    assert "Support to reforms of the Municipal Solid Waste Sector" in page_text(at)


def test_a_shared_link_restores_the_view_in_danish(open_app: OpenApp) -> None:
    at = open_app(theme="waste", lang="da")
    assert_drawn_fine(at)
    assert at.multiselect(key=THEME).value == ["waste"]
    assert at.selectbox(key=LANGUAGE).value == "da"
    assert at.title[0].value == t("app_title", "da")
    assert shown_count(at, lines=2, listed=1, lang="da")
    assert at.query_params == {"theme": "waste", "lang": "da"}


def test_unknown_ids_in_a_link_are_dropped(open_app: OpenApp) -> None:
    at = open_app(theme="recycling,waste", funder="nobody", country="NO", p="no-such-line")
    assert_drawn_fine(at)
    assert at.multiselect(key=THEME).value == ["waste"]
    assert at.selectbox(key=FUNDER).value == ""
    assert at.selectbox(key=COUNTRY).value == ""
    assert at.selectbox(key=SELECTED).value == ""
    assert shown_count(at, lines=2, listed=1)


def test_country_sweden_draws_no_line_and_lists_the_swedish_programmes(open_app: OpenApp) -> None:
    at = open_app()
    at.selectbox(key=COUNTRY).set_value("SE").run()
    assert_drawn_fine(at)
    assert shown_count(at, lines=0, listed=8)
    assert t("nothing_matches", "en") in page_text(at)
    assert at.query_params.get("country") == "SE"


def test_choosing_a_partnership_shows_its_card_with_a_quote(open_app: OpenApp) -> None:
    at = open_app()
    at.selectbox(key=SELECTED).set_value("copenhagen-kyiv-projects").run()
    assert_drawn_fine(at)
    titles = [header.value for header in at.subheader]
    assert any("Copenhagen" in title and "Kyiv" in title for title in titles), titles
    text = page_text(at)
    assert CPH_KYIV_QUOTE in text
    assert t("not_stated", "en") in text
    assert at.query_params.get("p") == "copenhagen-kyiv-projects"


def test_a_link_to_a_partnership_opens_its_card(open_app: OpenApp) -> None:
    at = open_app(theme="waste", p="ikast-brande-voznesensk")
    assert_drawn_fine(at)
    assert at.selectbox(key=SELECTED).value == "ikast-brande-voznesensk"
    assert WASTE_QUOTE in page_text(at)


def test_reset_clears_the_filters_and_the_url(open_app: OpenApp) -> None:
    at = open_app(theme="waste", country="DK", p="ikast-brande-voznesensk")
    assert shown_count(at, lines=2, listed=0)
    (reset,) = [button for button in at.button if button.label == t("reset_filters", "en")]
    reset.click().run()
    assert_drawn_fine(at)
    assert at.multiselect(key=THEME).value == []
    assert at.selectbox(key=COUNTRY).value == ""
    assert at.selectbox(key=SELECTED).value == ""
    assert at.query_params == {}
    assert shown_count(at, lines=8, listed=8)


def test_funding_panel_in_danish(open_app: OpenApp) -> None:
    at = open_app(lang="da")
    assert_drawn_fine(at)
    text = page_text(at)
    assert t("funding_heading", "da") in text
    # "20 mio. kr." from the Ukraine Fund, written out the Danish way, counted once.
    assert "20.000.000 kr." in text
    assert "Ukrainefonden" in text
    assert t("funding_counted_once", "da") in text
    # Copenhagen's share has no stated amount.
    assert t("not_stated", "da") in text
    assert "250.000.000" in text


def test_bad_data_shows_the_problem_list_not_a_traceback(open_app: OpenApp, tmp_path: Path) -> None:
    expected = write_bad_dataset(tmp_path)
    at = open_app(data_dir=tmp_path)
    assert not at.exception
    assert at.error[0].value == t("data_error_title", "en", count=len(expected))
    (table,) = [frame.value for frame in at.dataframe]
    file, row, column = t("file", "en"), t("row", "en"), t("column", "en")
    shown = {
        (record[file], int(record[row]) if record[row] else None, record[column] or None)
        for record in table.to_dict("records")
    }
    assert shown == set(expected)
    assert "Traceback" not in page_text(at)
    # Nothing of the map is drawn from broken data.
    assert not at.multiselect


def test_bad_data_problem_list_in_danish(open_app: OpenApp, tmp_path: Path) -> None:
    expected = write_bad_dataset(tmp_path)
    at = open_app(data_dir=tmp_path, lang="da")
    assert not at.exception
    assert at.error[0].value == t("data_error_title", "da", count=len(expected))
    (table,) = [frame.value for frame in at.dataframe]
    assert {t("file", "da"), t("row", "da"), t("column", "da")} <= set(table.columns)
