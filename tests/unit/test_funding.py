"""Funding per funder: one grant counted once, currencies never mixed, unstated never zero.

From the articles: the joint Danish programme "har i første omgang modtaget 20 mio. kr. fra den
statslige Ukrainefond" (Copenhagen) and DK Nyt reports "en samlet bevilling på 20 millioner
kroner": one grant, two reports. Copenhagen's share is "afsat" with no amount. SKR: "totalt
250 miljoner kronor" to SALAR International's projects in Ukraine, "Samtliga projekt
finansieras av Sida-medel".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from partnerships.dataset import Dataset, load_dataset
from partnerships.filters import Filters, apply_filters
from partnerships.funding import FunderSummary, funding_by_funder, programmes_without_funder
from partnerships.i18n import t
from tests.fixtures.datasets import copy_seed, read_csv, write_csv, write_stated_share

ALL = Filters()  # no filter: the whole map


def nbsp(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def summaries(dataset: Dataset, filters: Filters = ALL, lang: str = "en") -> dict[str, FunderSummary]:
    return {s.funder_id: s for s in funding_by_funder(dataset, apply_filters(dataset, filters), lang)}


def test_grant_reported_by_two_articles_is_counted_once(dataset: Dataset) -> None:
    fund = summaries(dataset)["ukraine-fund"]
    grants = [line for line in fund.lines if line.amount is not None]
    assert [(line.amount, line.currency) for line in grants] == [(20_000_000, "DKK")]
    (grant,) = grants
    assert grant.counted_once
    assert {c.source_id for c in grant.citations} == {"kk-kyiv-projects", "dknyt-2024-02-07"}
    assert fund.totals == {"DKK": 20_000_000}


def test_one_article_quoted_twice_is_not_two_reports(dataset: Dataset) -> None:
    (line,) = summaries(dataset)["sida"].lines
    assert not line.counted_once


def test_totals_per_currency(dataset: Dataset) -> None:
    by_funder = summaries(dataset)
    assert by_funder["ukraine-fund"].totals == {"DKK": 20_000_000}
    assert by_funder["sida"].totals == {"SEK": 250_000_000}


def test_funders_in_the_order_of_funders_csv(dataset: Dataset) -> None:
    order = [s.funder_id for s in funding_by_funder(dataset, apply_filters(dataset, Filters()), "en")]
    assert order == list(dataset.funders["id"])


def with_extra_funding(tmp_path: Path, rows: list[dict[str, str]]) -> Dataset:
    folder = copy_seed(tmp_path)
    path = folder / "funding.csv"
    header, existing = read_csv(path)
    write_csv(path, header, existing + [[row.get(column, "") for column in header] for row in rows])
    return load_dataset(folder)


EXTRA = {
    "funder": "ukraine-fund",
    "programme": "dk-municipal-ukraine",
    "purpose": "Test row",
    "source": "kk-kyiv-projects",
    "quote": "Samarbejdsprogrammet har i første omgang modtaget 20 mio. kr.",
}


def test_currencies_are_never_added_together(tmp_path: Path) -> None:
    dataset = with_extra_funding(tmp_path, [EXTRA | {"id": "euro-grant", "amount": "1000000", "currency": "EUR"}])
    assert summaries(dataset)["ukraine-fund"].totals == {"DKK": 20_000_000, "EUR": 1_000_000}


def test_a_second_grant_in_the_same_currency_adds_up(tmp_path: Path) -> None:
    dataset = with_extra_funding(tmp_path, [EXTRA | {"id": "second-round", "amount": "5000000", "currency": "DKK"}])
    assert summaries(dataset)["ukraine-fund"].totals == {"DKK": 25_000_000}


def test_a_partnerships_share_is_not_added_to_its_programmes_grant(tmp_path: Path) -> None:
    fund = summaries(load_dataset(write_stated_share(tmp_path)))["ukraine-fund"]
    assert fund.totals == {"DKK": 20_000_000}
    (line,) = [line for line in fund.lines if line.funding_id == "dk-copenhagen-share"]
    assert "2,000,000" in nbsp(line.amount_text)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_unstated_amount_is_shown_as_not_stated_and_not_counted(dataset: Dataset, lang: str) -> None:
    fund = summaries(dataset, lang=lang)["ukraine-fund"]
    (share,) = [line for line in fund.lines if line.partnership == "copenhagen-kyiv-projects"]
    assert share.amount is None
    assert share.amount_text == t("not_stated", lang)
    assert fund.totals == {"DKK": 20_000_000}


def test_not_stated_reads_naturally() -> None:
    assert t("not_stated", "en") == "not stated"
    assert t("not_stated", "da") == "ikke oplyst"


def test_danish_amounts_are_formatted_the_danish_way(dataset: Dataset) -> None:
    fund = summaries(dataset, lang="da")["ukraine-fund"]
    assert "20.000.000 kr." in [nbsp(line.amount_text) for line in fund.lines]
    # Danish readers know the fund by its Danish name.
    assert fund.name == "Ukrainefonden"


@pytest.mark.parametrize(
    ("filters", "funders"),
    [
        (Filters(), {"ukraine-fund", "sida"}),
        (Filters(country="SE"), {"sida"}),
        (Filters(country="DK"), {"ukraine-fund"}),
        (Filters(theme=("waste",)), {"ukraine-fund", "sida"}),
        (Filters(programme="cph-kyiv-friendship"), set()),
    ],
)
def test_funders_shown_follow_the_selection(dataset: Dataset, filters: Filters, funders: set[str]) -> None:
    assert set(summaries(dataset, filters)) == funders


@pytest.mark.parametrize(
    ("filters", "unfunded"),
    [
        (Filters(), {"cph-kyiv-friendship", "icld-partnerships", "cor-alliance", "clrae-governance"}),
        (Filters(theme=("waste",)), {"cph-kyiv-friendship"}),
        (Filters(country="SE"), {"icld-partnerships", "cor-alliance", "clrae-governance"}),
        # SALAR's projects inherit Sida from their umbrella programme.
        (Filters(programme="salar-ukraine"), set()),
        (Filters(funder="ukraine-fund"), set()),
    ],
)
def test_programmes_without_funder_are_listed(dataset: Dataset, filters: Filters, unfunded: set[str]) -> None:
    assert set(programmes_without_funder(dataset, apply_filters(dataset, filters))) == unfunded
