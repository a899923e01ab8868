"""Whole grant or share: which funding amounts are added up, decided once for every page.

From the articles: the Ukraine Fund's DKK 20 million to the joint Danish programme is one grant
reported by two articles (Copenhagen's news item, then DK Nyt); Copenhagen's share of it is
"afsat" with no amount; Sida's SEK 250 million went to all SALAR International projects
(PROSTO, DSP, ...), split per project not stated, and SKR's article is quoted twice for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from partnerships.dataset import Dataset, load_dataset
from partnerships.grant_projection import (
    programme_grants,
    programme_grants_text,
    project,
    stated_share,
    totals_by_currency,
)
from tests.fixtures.datasets import write_stated_share


def row(**values: object) -> dict[str, object]:
    """A funding record as the loader gives it: whatever is not stated is None."""
    return {"partnership": None, "amount": None, "currency": None, "source": "a", "also_source": None} | values


@pytest.mark.parametrize(
    ("record", "counted", "is_share", "reported_twice"),
    [
        # A whole grant with a stated amount: added up.
        (row(amount=20_000_000.0, currency="DKK"), True, False, False),
        # The same grant reported by a second article: still one grant, added once.
        (row(amount=20_000_000.0, currency="DKK", also_source="b"), True, False, True),
        # One article quoted twice is one report.
        (row(amount=250_000_000.0, currency="SEK", also_source="a"), True, False, False),
        # A grant whose amount is not stated: listed as not stated, never counted as zero.
        (row(), False, False, False),
        # A partnership's share with no amount (Copenhagen's part of the DKK 20 million).
        (row(partnership="copenhagen-kyiv-projects"), False, True, False),
        # A share with a stated amount: shown, but its grant is already counted.
        (row(partnership="copenhagen-kyiv-projects", amount=2_000_000.0, currency="DKK"), False, True, False),
    ],
)
def test_projection(record: dict, counted: bool, is_share: bool, reported_twice: bool) -> None:
    projection = project(record)
    assert (projection.counted, projection.is_share, projection.reported_twice) == (counted, is_share, reported_twice)
    assert (projection.amount, projection.currency) == (record["amount"], record["currency"])


@pytest.mark.parametrize(
    ("records", "totals"),
    [
        ([], {}),
        ([row(amount=20_000_000.0, currency="DKK")], {"DKK": 20_000_000}),
        ([row(amount=20_000_000.0, currency="DKK"), row(amount=5_000_000.0, currency="DKK")], {"DKK": 25_000_000}),
        # Currencies are never converted or mixed.
        (
            [row(amount=20_000_000.0, currency="DKK"), row(amount=1_000_000.0, currency="EUR")],
            {"DKK": 20_000_000, "EUR": 1_000_000},
        ),
        # Shares and unstated amounts add nothing.
        (
            [row(amount=20_000_000.0, currency="DKK"), row(partnership="p", amount=2.0, currency="DKK"), row()],
            {"DKK": 20_000_000},
        ),
    ],
)
def test_totals_by_currency(records: list[dict], totals: dict[str, float]) -> None:
    assert totals_by_currency(records) == totals


@pytest.mark.parametrize(
    ("programme", "grants"),
    [
        ("dk-municipal-ukraine", ["dk-ukraine-fund-grant"]),  # not Copenhagen's share
        ("salar-ukraine", ["se-sida-salar"]),
        # Projects under SALAR International draw on its grant (programmes.csv `parent`).
        ("prosto", ["se-sida-salar"]),
        ("msw-prestudy", ["se-sida-salar"]),
        ("cph-kyiv-friendship", []),  # no money is mentioned
        ("icld-partnerships", []),
    ],
)
def test_grants_a_programme_draws_on(dataset: Dataset, programme: str, grants: list[str]) -> None:
    assert [record["id"] for record in programme_grants(dataset, programme)] == grants


@pytest.mark.parametrize(
    ("programme", "lang", "text"),
    [
        ("dk-municipal-ukraine", "da", "20.000.000 kr."),
        ("prosto", "en", "SEK 250,000,000"),
        ("cph-kyiv-friendship", "en", ""),
    ],
)
def test_grants_text(dataset: Dataset, programme: str, lang: str, text: str) -> None:
    assert programme_grants_text(dataset, programme, lang).replace("\u00a0", " ") == text


def test_the_bundled_rows(dataset: Dataset) -> None:
    projections = {funding_id: project(record) for funding_id, record in dataset.funding_by_id.items()}
    assert {funding_id for funding_id, p in projections.items() if p.counted} == {
        "dk-ukraine-fund-grant",
        "se-sida-salar",
    }
    assert projections["dk-ukraine-fund-grant"].reported_twice
    assert projections["dk-copenhagen-share"].is_share and projections["dk-copenhagen-share"].amount is None
    assert stated_share(dataset, "copenhagen-kyiv-projects") is None  # set aside, amount not stated


def test_a_stated_share_is_the_partnerships_own_amount(tmp_path: Path) -> None:
    dataset = load_dataset(write_stated_share(tmp_path))
    assert stated_share(dataset, "copenhagen-kyiv-projects")["amount"] == 2_000_000
    # The programme's grant is still the one whole grant.
    assert [record["id"] for record in programme_grants(dataset, "dk-municipal-ukraine")] == ["dk-ukraine-fund-grant"]
