"""The details card of a partnership, as a reader checks it against the articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from partnerships.cards import Card, partnership_card
from partnerships.dataset import Dataset, load_dataset
from partnerships.i18n import t
from tests.fixtures.datasets import write_stated_share

# Copenhagen-Kyiv as the crow flies: about 1,330 km (great-circle, city centres).
COPENHAGEN_KYIV_KM = 1_330
KM_TOLERANCE = 25


def nbsp(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def field(card: Card, key: str, lang: str) -> str:
    fields = dict(card.fields)
    return nbsp(fields[t(key, lang)])


def kilometres(text: str, lang: str) -> int:
    """The number in '1.332 km' (Danish) or '1,332 km' (English)."""
    number = text.split("km")[0]
    group = "." if lang == "da" else ","
    assert re.fullmatch(rf"\d{{1,3}}(\{group}\d{{3}})*\s*", number), text
    return int(re.sub(r"\D", "", number))


def test_copenhagen_kyiv_projects_card_in_danish(dataset: Dataset) -> None:
    card = partnership_card(dataset, "copenhagen-kyiv-projects", "da")
    assert "København" in card.title and "Kyiv" in card.title
    assert "Ukrainefonden" in field(card, "funder", "da")
    amount = field(card, "amount", "da")
    # Copenhagen's own share is not stated; the programme's grant is given for context.
    assert amount.startswith(t("not_stated", "da"))
    assert "20.000.000 kr." in amount
    assert abs(kilometres(field(card, "distance", "da"), "da") - COPENHAGEN_KYIV_KM) <= KM_TOLERANCE


def test_copenhagen_kyiv_projects_card_in_english(dataset: Dataset) -> None:
    card = partnership_card(dataset, "copenhagen-kyiv-projects", "en")
    assert "Copenhagen" in card.title and "Kyiv" in card.title
    assert "Ukraine Fund" in field(card, "funder", "en")
    amount = field(card, "amount", "en")
    assert amount.startswith("not stated")
    assert "20,000,000" in amount
    assert abs(kilometres(field(card, "distance", "en"), "en") - COPENHAGEN_KYIV_KM) <= KM_TOLERANCE


def test_a_stated_share_is_the_cards_amount(tmp_path: Path) -> None:
    card = partnership_card(load_dataset(write_stated_share(tmp_path)), "copenhagen-kyiv-projects", "en")
    assert field(card, "amount", "en") == "DKK 2,000,000"  # the share itself, not the programme's grant


def test_card_cites_its_sources_with_quotes(dataset: Dataset) -> None:
    card = partnership_card(dataset, "copenhagen-kyiv-projects", "da")
    first, *others = card.citations
    assert first.source_id == "kk-kyiv-projects"
    assert "klimatilpasningsplan" in first.quote
    assert first.title.startswith("København og Kyiv starter samarbejde")
    # DK Nyt reports Copenhagen's veterans work too.
    assert [c.source_id for c in others] == ["dknyt-2024-02-07"]
    assert all(c.quote for c in card.citations)


def test_friendship_agreement_card(dataset: Dataset) -> None:
    card = partnership_card(dataset, "copenhagen-kyiv-friendship", "da")
    # The agreement is from spring 2023, valid for three years at first; no money is mentioned.
    period = field(card, "period", "da")
    assert "2023" in period
    assert t("for_years", "da", count=3) in period
    assert field(card, "funder", "da") == t("not_stated", "da")
    assert field(card, "amount", "da") == t("not_stated", "da")
    assert card.citations[0].source_id == "kk-friendship"


@pytest.mark.parametrize("partnership_id", ["odense-kyiv", "odense-mykolaiv"])
def test_odense_cards_cite_dk_nyt(dataset: Dataset, partnership_id: str) -> None:
    card = partnership_card(dataset, partnership_id, "en")
    assert card.title.startswith("Odense")
    assert {c.source_id for c in card.citations} == {"dknyt-2024-02-07"}
    assert "Odense, Kyiv og Mykolaiv" in [c.quote for c in card.citations]


@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_partnership_has_a_card(dataset: Dataset, lang: str) -> None:
    for partnership_id in dataset.partnerships["id"]:
        card = partnership_card(dataset, partnership_id, lang)
        assert card.title and card.description and card.citations
        labels = [label for label, _ in card.fields]
        for key in ("programme", "themes", "status", "period", "funder", "amount", "distance"):
            assert t(key, lang) in labels
        assert all(value for _, value in card.fields)
