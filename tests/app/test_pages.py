"""The explore pages (pages/*.py) run in-process with AppTest: filters and language change what is shown.

Expectations come from the articles: eight partnerships between named places (DK Nyt, Copenhagen's
press releases); the Ukraine Fund's DKK 20 million (one grant, two articles) and Sida's SEK 250 million
to SALAR International's projects 2014–2024 (SKR); Copenhagen's share of the Danish grant is not
stated; Aarhus works with Lviv on wastewater; the Copenhagen refugee agreement is not about Ukraine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from partnerships.dataset import DATA_DIR_VARIABLE
from partnerships.i18n import LANGUAGES, about_sections, t
from tests.fixtures.datasets import SEED_DATA_DIR, write_bad_dataset

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = {
    "1_Partnerships.py": "page_partnerships",
    "2_Funding.py": "page_funding",
    "3_Timeline.py": "page_timeline",
    "4_Coverage.py": "page_coverage",
    "5_Sources.py": "page_sources",
    "6_About.py": "page_about",
}
THEME, COUNTRY, FUNDER, YEAR, LANGUAGE = "w_theme", "w_country", "w_funder", "w_year", "w_lang"
TIMEOUT_S = 60

OpenPage = Callable[..., AppTest]


@pytest.fixture
def open_page(monkeypatch: pytest.MonkeyPatch) -> OpenPage:
    """``open_page(file, data_dir=None, **query_params)``: the page after its first run, as if opened by a link.

    The app's frame (app.py) runs every page: it loads the data and draws the sidebar.
    """

    def open_(file: str, data_dir: Path | None = None, **query_params: str) -> AppTest:
        monkeypatch.setenv(DATA_DIR_VARIABLE, str(data_dir or SEED_DATA_DIR))
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
        at.query_params.update(query_params)
        at.switch_page(f"pages/{file}")
        return at.run()

    return open_


def text(at: AppTest) -> str:
    """Visible text: headings, markdown, captions, notices, tables and dataframes, markdown escapes removed."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(element.value) for element in getattr(at, kind)]
    parts += [str(expander.label) for expander in at.expander]
    for frame in [*at.table, *at.dataframe]:
        value = frame.value
        parts += [" ".join(map(str, value.columns)), value.to_string()]
    joined = "\n".join(parts).replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\\(.)", r"\1", joined)


def drawn_fine(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("file", list(PAGES))
def test_every_page_opens_in_every_language(open_page: OpenPage, file: str, lang: str) -> None:
    at = open_page(file, lang=lang)
    drawn_fine(at)
    assert at.title[0].value == t(PAGES[file], lang)
    assert at.selectbox(key=LANGUAGE).value == lang


@pytest.mark.parametrize("file", list(PAGES))
def test_bad_data_shows_the_problem_list_not_a_traceback(open_page: OpenPage, file: str, tmp_path: Path) -> None:
    write_bad_dataset(tmp_path)
    at = open_page(file, data_dir=tmp_path)
    assert not at.exception
    assert at.error and "problem" in at.error[0].value


# --- Partnerships -------------------------------------------------------------------------------


def _pairs(at: AppTest) -> set[tuple[str, str]]:
    """The (Nordic partner, Ukrainian partner) rows the table shows: only shown columns are sent."""
    table = at.dataframe[0].value
    assert list(table.columns[:2]) == [t("col_from", "en"), t("col_to", "en")]
    return set(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))


def test_partnerships_table_follows_the_filters_and_the_search(open_page: OpenPage) -> None:
    at = open_page("1_Partnerships.py")
    drawn_fine(at)
    assert len(at.dataframe[0].value) == 8
    at.multiselect(key=THEME).set_value(["waste"]).run()
    assert _pairs(at) == {("Ikast-Brande", "Voznesensk"), ("Copenhagen", "Kyiv")}
    assert at.query_params.get("theme") == "waste"
    at.text_input(key="partnerships_search").input("voznesensk").run()
    assert _pairs(at) == {("Ikast-Brande", "Voznesensk")}
    assert t("rows_shown", "en", shown=1, count=2) in text(at)


def test_choosing_a_partnership_shows_the_maps_card_and_sets_the_link(open_page: OpenPage) -> None:
    at = open_page("1_Partnerships.py", lang="da")
    at.selectbox(key="partnerships_pick").set_value("aarhus-lviv").run()
    drawn_fine(at)
    assert "Aarhus – Lviv" in [header.value for header in at.subheader]
    assert "Aarhus sender løbende eksperter til Lviv" in text(at)  # the quote, as on the map's card
    assert at.query_params.get("p") == "aarhus-lviv"


def test_a_link_with_a_partnership_opens_its_card(open_page: OpenPage) -> None:
    at = open_page("1_Partnerships.py", p="odense-mykolaiv", lang="uk")
    drawn_fine(at)
    assert "Оденсе – Миколаїв" in [header.value for header in at.subheader]


def test_partnerships_in_ukrainian_use_ukrainian_place_names(open_page: OpenPage) -> None:
    at = open_page("1_Partnerships.py")
    assert "Kyiv" in text(at)
    at.selectbox(key=LANGUAGE).set_value("uk").run()
    drawn_fine(at)
    table = at.dataframe[0].value
    assert t("col_from", "uk") in table.columns and "Київ" in set(table[t("col_to", "uk")])
    assert at.query_params.get("lang") == "uk"


def test_year_marks_undated_partnerships(open_page: OpenPage) -> None:
    at = open_page("1_Partnerships.py", year="2025")
    drawn_fine(at)
    table = at.dataframe[0].value

    def period(nordic: str, ukrainian: str, kind: str) -> str:
        row = table[
            (table[t("col_from", "en")] == nordic)
            & (table[t("col_to", "en")] == ukrainian)
            & (table[t("kind", "en")] == t(f"kind_{kind}", "en"))
        ]
        assert len(row) == 1
        return str(row[t("period", "en")].iloc[0])

    assert t("undated_marker", "en") in period("Aarhus", "Lviv", "programme-project")
    assert t("undated_marker", "en") not in period("Copenhagen", "Kyiv", "agreement")


# --- Funding ------------------------------------------------------------------------------------


def _grants(at: AppTest, lang: str = "en"):
    heading = t("col_own_currency", lang)
    return next(frame.value for frame in at.table if heading in frame.value.columns)


def test_funding_lists_each_grant_once_in_own_currency_and_euro(open_page: OpenPage) -> None:
    at = open_page("2_Funding.py", lang="da")
    drawn_fine(at)
    grants = _grants(at, "da")
    assert len(grants) == 3  # the DKK 20 million once, Copenhagen's unstated share, Sida's SEK 250 million
    shown = text(at)
    assert "20.000.000 kr." in shown and "250.000.000 SEK" in shown
    assert "1 EUR = 7,4589 DKK" in shown and "1 EUR = 11,4325 SEK" in shown
    assert "European Central Bank" in shown and t("rate_basis_annual-average", "da", date="2024") in shown
    assert t("funding_counted_once", "da") in shown
    assert "ikke oplyst" in shown  # Copenhagen's share: listed, not zero
    assert len(at.get("vega_lite_chart")) == 4  # by funder, programme, theme and year


def test_funding_follows_funder_and_year(open_page: OpenPage) -> None:
    at = open_page("2_Funding.py")
    at.selectbox(key=FUNDER).set_value("sida").run()
    drawn_fine(at)
    assert [a.replace("\u00a0", " ") for a in _grants(at)[t("col_own_currency", "en")]] == ["SEK 250,000,000"]
    at.selectbox(key=FUNDER).set_value("").run()
    at.selectbox(key=YEAR).set_value("2025").run()  # SALAR International's money ran 2014–2024
    drawn_fine(at)
    assert "SEK" not in " ".join(_grants(at)[t("col_own_currency", "en")])
    assert at.query_params.get("year") == "2025"


def test_funding_in_ukrainian(open_page: OpenPage) -> None:
    at = open_page("2_Funding.py", lang="uk")
    drawn_fine(at)
    shown = text(at)
    assert "20 000 000 DKK" in shown and "не вказано" in shown
    assert t("funding_rates_heading", "uk") in shown


# --- Timeline -----------------------------------------------------------------------------------


def test_timeline_lists_undated_and_follows_the_year(open_page: OpenPage) -> None:
    at = open_page("3_Timeline.py")
    drawn_fine(at)
    shown = text(at)
    assert "SALAR International projects in Ukraine" in shown and "2014–2024" in shown
    assert t("period_not_stated_list", "en") in shown
    at.selectbox(key=YEAR).set_value("2025").run()
    drawn_fine(at)
    shown = text(at)
    assert t("selected_year", "en", year=2025) in shown
    assert "2014–2024" not in shown  # ended before 2025
    assert "Aarhus – Lviv" in shown  # undated: kept and marked


def test_timeline_in_swedish(open_page: OpenPage) -> None:
    at = open_page("3_Timeline.py", lang="sv")
    drawn_fine(at)
    assert t("timeline_intro", "sv") in text(at) and "Köpenhamn" in text(at)


# --- Coverage -----------------------------------------------------------------------------------


def test_coverage_answers_which_themes_have_no_partner(open_page: OpenPage) -> None:
    at = open_page("4_Coverage.py")
    drawn_fine(at)
    at.selectbox(key="coverage_place").set_value("lviv").run()
    drawn_fine(at)
    covered = next(frame.value for frame in at.table if t("funder", "en") in frame.value.columns)
    assert set(covered[t("partners", "en")]) == {"Aarhus"}
    assert set(covered[t("funder", "en")]) == {"Danish state's Ukraine Fund"}
    uncovered = " ".join(str(m.value) for m in at.markdown)
    assert "Waste management" in uncovered and "Veterans" in uncovered


def test_coverage_from_the_nordic_side_and_by_country(open_page: OpenPage) -> None:
    at = open_page("4_Coverage.py", lang="da")
    at.radio(key="coverage_side").set_value("nordic").run()
    drawn_fine(at)
    assert at.selectbox(key="coverage_place").value == "copenhagen"
    at.selectbox(key=COUNTRY).set_value("SE").run()
    drawn_fine(at)
    assert t("coverage_none_covered", "da") in text(at)  # no Swedish programme works with Copenhagen


def test_coverage_matrix_in_ukrainian(open_page: OpenPage) -> None:
    at = open_page("4_Coverage.py", lang="uk")
    drawn_fine(at)
    matrix = at.table[-1].value
    assert {"Київ", "Львів", t("no_city_named", "uk")} <= set(matrix.columns)
    assert matrix.loc["Стічні води", "Львів"] == "Орхус"


# --- Sources and About --------------------------------------------------------------------------


def test_sources_show_every_article_and_the_refugee_agreement_note(open_page: OpenPage) -> None:
    at = open_page("5_Sources.py")
    drawn_fine(at)
    titles = [header.value for header in at.subheader]
    assert len(titles) == 5 and "Ambitiøs aftale for Københavns nye flygtninge" in titles
    assert [info.value for info in at.info] == [t("no_facts", "en")]
    shown = text(at)
    assert "not about Ukraine" in shown
    assert "Samarbejdsprogrammet har i første omgang modtaget 20 mio. kr." in shown
    assert t("date_unknown", "en") in shown and t("no_link", "en") in shown


def test_sources_in_swedish(open_page: OpenPage) -> None:
    at = open_page("5_Sources.py", lang="sv")
    drawn_fine(at)
    assert t("no_facts", "sv") in text(at) and "Utgivare" in text(at)


def test_about_counts_the_data_and_names_the_check(open_page: OpenPage) -> None:
    at = open_page("6_About.py", lang="da")
    drawn_fine(at)
    shown = text(at)
    assert "8 partnerskaber" in shown and "make check-data" in shown
    assert [heading for heading, _ in about_sections("da")][1] in shown
