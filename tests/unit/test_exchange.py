"""Euro conversion at stated reference rates, and the grants the Funding page charts.

From the articles: the Ukraine Fund's DKK 20 million is one grant reported by two articles
(Copenhagen's news item and DK Nyt); Sida's SEK 250 million went to SALAR International's
projects 2014–2024; Copenhagen's share of the Danish grant is not stated.
Rates: the ECB's euro reference rates, 2024 annual averages (1 EUR = 7.4589 DKK = 11.4325 SEK).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from partnerships.dataset import Dataset, DatasetError, load_dataset
from partnerships.exchange import exchange_rates, grant_themes, grants, rate_text, rates_used, to_eur
from partnerships.filters import Filters, apply_filters
from tests.fixtures.datasets import copy_seed

HEADER = "currency,units_per_eur,date,basis,source,url\n"


@pytest.fixture(scope="module")
def rates(dataset: Dataset):
    return exchange_rates(dataset)


def test_bundled_rates_are_the_ecb_2024_averages(rates) -> None:
    assert rates["DKK"].units_per_eur == 7.4589
    assert rates["SEK"].units_per_eur == 11.4325
    for rate in rates.values():
        assert rate.date == "2024" and rate.basis == "annual-average"
        assert "European Central Bank" in rate.source and rate.url.startswith("https://www.ecb.europa.eu/")


def test_conversion(rates) -> None:
    assert to_eur(20_000_000, "DKK", rates) == pytest.approx(2_681_360.52, abs=0.01)
    assert to_eur(250_000_000, "SEK", rates) == pytest.approx(21_867_483.05, abs=0.01)
    assert to_eur(1000, "EUR", rates) == 1000
    # Not stated stays not stated; an unknown currency is not guessed.
    assert to_eur(None, "DKK", rates) is None
    assert to_eur(100, "NOK", rates) is None


def test_rate_text_keeps_every_decimal(rates) -> None:
    assert rate_text(rates["DKK"], "da") == "1 EUR = 7,4589 DKK"
    assert rate_text(rates["SEK"], "en") == "1 EUR = 11.4325 SEK"


def test_a_data_folder_without_rates_uses_the_bundled_ones(tmp_path: Path) -> None:
    folder = copy_seed(tmp_path / "data")
    (folder / "exchange_rates.csv").unlink()
    assert set(exchange_rates(load_dataset(folder))) == {"DKK", "SEK"}


def test_bad_rates_are_reported_all_at_once(tmp_path: Path) -> None:
    folder = copy_seed(tmp_path / "data")
    (folder / "exchange_rates.csv").write_text(
        HEADER
        + "DKK,seven,2024,annual-average,ECB,https://x\nZZZ,1,2024,yearly,ECB,\nDKK,7.4,2024,daily,ECB,https://x\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    where = {(p.row, p.column) for p in caught.value.problems}
    assert {(2, "units_per_eur"), (3, "currency"), (3, "basis"), (3, "url")} <= where


def test_duplicate_currency_is_a_problem(tmp_path: Path) -> None:
    folder = copy_seed(tmp_path / "data")
    (folder / "exchange_rates.csv").write_text(
        HEADER + "DKK,7.4,2024,daily,ECB,https://x\nDKK,7.5,2024,daily,ECB,https://x\n", encoding="utf-8"
    )
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "currency")]


def test_each_grant_once_with_unstated_amounts_listed(dataset: Dataset, rates) -> None:
    found = {grant.funding_id: grant for grant in grants(dataset, apply_filters(dataset, Filters()), rates, "en")}
    assert set(found) == {"dk-ukraine-fund-grant", "dk-copenhagen-share", "se-sida-salar"}
    danish = found["dk-ukraine-fund-grant"]
    assert danish.reported_twice and danish.counted  # two articles, one grant
    share = found["dk-copenhagen-share"]
    assert share.amount is None and share.eur is None and not share.counted
    assert share.amount_text == share.eur_text == "not stated"
    swedish = found["se-sida-salar"]
    assert (swedish.first_year, swedish.last_year) == (2014, 2024)
    counted = [grant for grant in found.values() if grant.counted]
    assert sum(grant.eur for grant in counted) == pytest.approx(2_681_360.52 + 21_867_483.05, abs=0.1)
    assert [rate.currency for rate in rates_used(list(found.values()), rates)] == ["DKK", "SEK"]


def test_grant_themes_come_from_what_the_programme_pays_for(dataset: Dataset) -> None:
    themes = set(grant_themes(dataset, dataset.funding_by_id["dk-ukraine-fund-grant"]))
    # The five municipalities' work (DK Nyt), not the friendship agreement's culture or children.
    assert {"veterans", "rehabilitation", "wastewater", "waste", "heating", "youth-policy"} <= themes
    assert {"culture", "children"}.isdisjoint(themes)
    swedish = dataset.funding_by_id["se-sida-salar"]
    # SALAR International's projects under the umbrella: PROSTO, DSP, United4Ukraine, the MSW pre-study.
    assert {"public-services", "decentralisation", "education", "waste"} <= set(grant_themes(dataset, swedish))


def test_a_grant_with_several_themes_is_grouped_once(dataset: Dataset, rates) -> None:
    for lang, word in (("en", "Several themes"), ("uk", "Кілька тем")):
        for grant in grants(dataset, apply_filters(dataset, Filters()), rates, lang):
            if len(grant.themes) > 1:
                assert grant.theme_group.startswith(word)


def test_amounts_follow_the_locale(dataset: Dataset, rates) -> None:
    view = apply_filters(dataset, Filters(funder="ukraine-fund"))
    danish = next(g for g in grants(dataset, view, rates, "da") if g.funding_id == "dk-ukraine-fund-grant")
    assert danish.amount_text.replace("\u00a0", " ") == "20.000.000 kr."
    ukrainian = next(g for g in grants(dataset, view, rates, "uk") if g.funding_id == "dk-ukraine-fund-grant")
    assert ukrainian.amount_text.replace("\u00a0", " ").replace("\u202f", " ") == "20 000 000 DKK"
