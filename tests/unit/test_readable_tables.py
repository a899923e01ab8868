"""The readable tables behind the page tables and the CSV downloads: names, not ids; unstated stays empty.

From the articles: the Ukraine Fund's DKK 20 million to the joint Danish programme; Copenhagen's
share of it for its projects with Kyiv, amount not stated; Sida's SEK 250 million, 2014–2024.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from partnerships.dataset import Dataset
from partnerships.filters import Filters, apply_filters
from partnerships.i18n import LANGUAGES, t
from partnerships.tables import FUNDING_COLUMNS, readable_funding, readable_partnerships


@pytest.fixture(scope="module")
def funding(dataset: Dataset):
    return readable_funding(dataset, apply_filters(dataset, Filters()), "en").set_index("id")


def test_funding_columns_in_order(funding) -> None:
    assert list(funding.columns) == [t(key, "en") for key in FUNDING_COLUMNS]


def test_a_share_names_its_partnership_and_leaves_the_amount_empty(funding) -> None:
    share = funding.loc["dk-copenhagen-share"]
    assert share[t("col_partnership", "en")] == "Copenhagen – Kyiv"
    assert math.isnan(share[t("amount", "en")])  # empty in the CSV, never 0
    assert share[t("col_currency", "en")] == ""
    assert share[t("period", "en")] == t("not_stated", "en")


def test_a_whole_grant(funding) -> None:
    grant = funding.loc["se-sida-salar"]
    assert grant[t("col_partnership", "en")] == ""
    assert (grant[t("amount", "en")], grant[t("col_currency", "en")]) == (250_000_000, "SEK")
    assert grant[t("period", "en")] == "2014–2024"
    assert grant[t("source", "en")] == "SKR:s arbete med Ukraina"


def test_an_all_unstated_amount_column_is_still_numbers(dataset: Dataset) -> None:
    view = apply_filters(dataset, Filters())
    only_share = replace(view, funding=view.funding[view.funding["id"] == "dk-copenhagen-share"])
    amounts = readable_funding(dataset, only_share, "en")[t("amount", "en")]
    assert amounts.dtype == float and amounts.isna().all()  # empty cells, not the text "None"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_headings_differ_in_every_language(dataset: Dataset, lang: str) -> None:
    view = apply_filters(dataset, Filters())
    for frame in (readable_funding(dataset, view, lang), readable_partnerships(dataset, view, lang)):
        assert len(set(frame.columns)) == len(frame.columns)


def test_a_link_the_source_does_not_give_is_an_empty_cell(dataset: Dataset) -> None:
    table = readable_partnerships(dataset, apply_filters(dataset, Filters()), "en").set_index("id")
    # Copenhagen's news item is archived without a link.
    assert table.loc["copenhagen-kyiv-projects", t("col_source_url", "en")] == ""
