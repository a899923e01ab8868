"""Funding page tables: totals count a grant once, in its own currency and in euro."""

from __future__ import annotations

import pytest

from partnerships.exchange import exchange_rates, grants
from partnerships.filters import Filters, apply_filters
from partnerships.grant_tables import grants_table, per_theme, totals


@pytest.fixture(scope="module")
def found(dataset):
    return grants(dataset, apply_filters(dataset, Filters()), exchange_rates(dataset), "en")


def test_totals_per_funder_count_each_grant_once(found, dataset) -> None:
    frame = totals(found, "funder", "en").set_index("category")
    # The articles: DKK 20 million from the Danish fund (reported twice, one grant);
    # SEK 250 million through SALAR International from Sida.
    danish = frame.loc[[name for name in frame.index if "Ukraine Fund" in name][0]]
    assert danish["label"].startswith("DKK\u00a020,000,000 ≈ ")
    rates = exchange_rates(dataset)
    assert danish["eur"] == pytest.approx(20_000_000 / rates["DKK"].units_per_eur)
    swedish = frame.loc[[name for name in frame.index if name.startswith("Sida")][0]]
    assert swedish["eur"] == pytest.approx(250_000_000 / rates["SEK"].units_per_eur)
    assert len(frame) == 2


def test_unstated_share_is_listed_but_not_summed(found, dataset) -> None:
    from partnerships.i18n import t

    table = grants_table(found, dataset, "en")
    assert "not stated" in set(table[t("col_own_currency", "en")])
    assert sum(grant.counted for grant in found) == 2


def test_per_theme_names_the_grants_each_theme_draws_on(found, dataset) -> None:
    frame = per_theme(found, dataset, "en")
    waste = frame[frame["Theme"] == "Waste management"]
    assert not waste.empty
    text = waste.iloc[0].to_dict()
    assert any("20,000,000" in str(value) for value in text.values())
