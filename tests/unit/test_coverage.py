"""Coverage: themes with and without a partner per place, and who funds them.

From the articles: Aarhus works with Lviv on wastewater only; Aalborg with Mykolaiv on heating and
youth policy; Odense is listed with Kyiv and Mykolaiv (veterans, rehabilitation); Copenhagen–Kyiv has
projects and a friendship agreement. Swedish programmes name no Ukrainian city (SKR); SALAR
International's projects are paid from Sida's SEK 250 million to all of them, split not stated.
"""

from __future__ import annotations

from partnerships.coverage import NO_CITY, coverage, funders_of_covered, matrix
from partnerships.dataset import Dataset
from partnerships.filters import Filters, apply_filters
from partnerships.i18n import format_amount, t
from partnerships.labels import programme_name


def _by_place(dataset: Dataset, side: str, filters: Filters | None = None):
    filters = filters or Filters()
    view = apply_filters(dataset, filters)
    return {entry.place: entry for entry in coverage(dataset, view, side, filters.themes)}


def test_every_ukrainian_city_and_ukraine_as_a_whole(dataset: Dataset) -> None:
    entries = _by_place(dataset, "UA")
    assert set(entries) == {"kyiv", "mykolaiv", "lviv", "voznesensk", NO_CITY}
    for entry in entries.values():
        # Every theme is either covered or uncovered, never both, never missing.
        assert sorted([*entry.covered, *entry.uncovered], key=dataset.theme_ids.index) == dataset.theme_ids


def test_lviv_has_wastewater_only_and_aarhus_is_the_partner(dataset: Dataset) -> None:
    lviv = _by_place(dataset, "UA")["lviv"]
    assert set(lviv.covered) == {"wastewater"}
    (link,) = lviv.covered["wastewater"]
    assert (link.partner, link.funder, link.partnership) == ("aarhus", "ukraine-fund", "aarhus-lviv")
    assert "waste" in lviv.uncovered and "veterans" in lviv.uncovered


def test_mykolaiv_has_two_nordic_partners(dataset: Dataset) -> None:
    mykolaiv = _by_place(dataset, "UA")["mykolaiv"]
    assert set(mykolaiv.covered) == {"veterans", "rehabilitation", "heating", "youth-policy"}
    assert {link.partner for link in mykolaiv.covered["veterans"]} == {"odense"}
    assert {link.partner for link in mykolaiv.covered["heating"]} == {"aalborg"}


def test_a_nordic_nordic_partnership_gives_no_ukrainian_partner(dataset: Dataset) -> None:
    # Copenhagen–Odense (veterans) is between two Danish municipalities.
    odense = _by_place(dataset, "nordic")["odense"]
    assert {link.partner for link in odense.covered["veterans"]} == {"kyiv", "mykolaiv"}
    assert "copenhagen-odense-veterans" not in {link.partnership for link in odense.covered["veterans"]}


def test_swedish_programmes_count_for_no_city(dataset: Dataset) -> None:
    entries = _by_place(dataset, "UA")
    ukraine = entries[NO_CITY]
    assert {"public-services", "decentralisation", "education", "municipal-partnerships"} <= set(ukraine.covered)
    prosto = [link for link in ukraine.covered["public-services"] if link.programme == "prosto"]
    assert prosto and prosto[0].funder == "sida"  # inherited from SALAR International's Sida funding
    # No Swedish programme is attached to a city the sources don't name.
    for city in ("kyiv", "mykolaiv", "lviv", "voznesensk"):
        assert all(link.partnership for links in entries[city].covered.values() for link in links)
    salar = _by_place(dataset, "nordic")["salar-international"]
    assert {link.partner for links in salar.covered.values() for link in links} == {NO_CITY}


def test_filters_narrow_what_counts(dataset: Dataset) -> None:
    entries = _by_place(dataset, "UA", Filters(theme=("waste", "wastewater")))
    assert set(entries["kyiv"].covered) == {"waste"}  # the friendship agreement lists waste
    assert entries["kyiv"].uncovered == ["wastewater"]
    danish_only = _by_place(dataset, "UA", Filters(country="DK"))
    assert not danish_only[NO_CITY].covered


def test_matrix_says_none_in_words(dataset: Dataset) -> None:
    frame = matrix(dataset, coverage(dataset, apply_filters(dataset, Filters()), "UA"), "uk")
    assert list(frame.columns)[:5] == ["Тема", "Київ", "Миколаїв", "Львів", "Вознесенськ"]
    row = frame[frame["Тема"] == "Стічні води"].iloc[0]
    assert row["Львів"] == "Орхус" and row["Київ"] == "немає"


def test_who_funds_each_covered_theme(dataset: Dataset) -> None:
    voznesensk = _by_place(dataset, "UA")["voznesensk"]
    table = funders_of_covered(dataset, voznesensk, "da")
    record = table.iloc[0].to_dict()
    assert record["Finansieret af"] == "Ukrainefonden"
    assert "20.000.000 kr." in record["Beløb"].replace(
        "\u00a0", " "
    )  # the programme's grant; the city's share is not stated


def test_a_project_under_an_umbrella_draws_on_the_umbrellas_grant(dataset: Dataset) -> None:
    # SKR: "totalt 250 miljoner kronor" to all SALAR International projects; PROSTO's part is not stated.
    table = funders_of_covered(dataset, _by_place(dataset, "UA")[NO_CITY], "en")
    prosto = table[table[t("programme", "en")] == programme_name(dataset, "prosto", "en")]
    assert not prosto.empty
    expected = t("programme_amount", "en", amount=format_amount(250_000_000, "SEK", "en"))
    assert set(prosto[t("amount", "en")]) == {expected}
    # A programme nobody states a grant for says so.
    icld = table[table[t("programme", "en")] == programme_name(dataset, "icld-partnerships", "en")]
    assert set(icld[t("amount", "en")]) == {t("not_stated", "en")}
