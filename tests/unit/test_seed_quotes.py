"""Every fact on the map is quoted verbatim from its article, and the numbers match the articles.

The articles live outside the repository, in ../shared/seeds/ (sources.csv's `seed_file`).
Without them these tests skip locally and fail in CI.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from geopy.distance import geodesic

from partnerships.dataset import DEFAULT_DATA_DIR, Dataset

QUOTED_FILES = ("partnerships.csv", "programmes.csv", "funding.csv", "figures.csv")
MAX_QUOTE_CHARS = 300
UNUSED_SOURCE = "kk-refugee-agreement"

# City centres, independent of places.csv (Wikipedia/GeoNames, rounded).
REFERENCE_CENTRES = {
    "copenhagen": (55.676, 12.568),
    "odense": (55.396, 10.388),
    "aarhus": (56.157, 10.211),
    "aalborg": (57.048, 9.919),
    "ikast-brande": (56.139, 9.158),  # Ikast, the municipality's seat
    "kyiv": (50.45, 30.52),
    "mykolaiv": (46.975, 31.995),
    "lviv": (49.84, 24.03),
    "voznesensk": (47.57, 31.33),
    "salar-international": (59.33, 18.07),  # Stockholm
}
MAX_KM_FROM_CENTRE = 15


def read_rows(file: str) -> list[dict[str, str]]:
    with (DEFAULT_DATA_DIR / file).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def collapse(text: str) -> str:
    """Line breaks and double spaces in an article are not part of the words."""
    return re.sub(r"\s+", " ", text).strip()


def seed_sources() -> set[str]:
    """Sources with an article in shared/seeds/; the others are public pages cited by address."""
    return {source["id"] for source in read_rows("sources.csv") if source["seed_file"]}


def quotes() -> list[tuple[str, str, str, str]]:
    """(file, row id, source id, quote) for every quote and also_quote from a seed article."""
    found = []
    for file in QUOTED_FILES:
        for row in read_rows(file):
            for source_column, quote_column in (("source", "quote"), ("also_source", "also_quote")):
                if row.get(quote_column) and row[source_column] in seed_sources():
                    found.append((file, row["id"], row[source_column], row[quote_column]))
    return found


@pytest.fixture(scope="module")
def seeds_dir(repo_root: Path, skip_or_fail: Callable[[str], None]) -> Path:
    folder = repo_root.parent / "shared" / "seeds"
    if not folder.is_dir():
        skip_or_fail(f"the seed articles are not at {folder}")
    return folder


@pytest.fixture(scope="module")
def articles(seeds_dir: Path) -> dict[str, str]:
    """Source id -> the article's text, whitespace collapsed."""
    texts = {}
    for source in read_rows("sources.csv"):
        if source["seed_file"]:
            texts[source["id"]] = collapse((seeds_dir / source["seed_file"]).read_text(encoding="utf-8"))
    return texts


def test_every_seed_source_has_its_article(articles: dict[str, str]) -> None:
    assert set(articles) == seed_sources()


@pytest.mark.parametrize(("file", "row_id", "source", "quote"), quotes(), ids=lambda value: str(value)[:40])
def test_quote_is_verbatim_from_its_source(
    articles: dict[str, str], file: str, row_id: str, source: str, quote: str
) -> None:
    assert collapse(quote) in articles[source], f"{file} {row_id}: quote not found in {source}"


@pytest.mark.parametrize(("file", "row_id", "source", "quote"), quotes(), ids=lambda value: str(value)[:40])
def test_quote_is_short(file: str, row_id: str, source: str, quote: str) -> None:
    assert len(quote) <= MAX_QUOTE_CHARS, f"{file} {row_id}: {len(quote)} characters"


def test_quotes_were_found() -> None:
    files = {file for file, *_ in quotes()}
    assert files == set(QUOTED_FILES)


def test_refugee_agreement_is_cited_by_no_fact(dataset: Dataset) -> None:
    """The article on Copenhagen's refugee reception is not about Ukraine: nothing comes from it."""
    assert UNUSED_SOURCE in set(dataset.sources["id"])
    for table in (dataset.partnerships, dataset.programmes, dataset.funding, dataset.figures):
        for column in ("source", "also_source"):
            if column in table.columns:
                assert UNUSED_SOURCE not in set(table[column])


def test_the_danish_20_million_is_one_row(dataset: Dataset) -> None:
    """'20 mio. kr.' (Copenhagen) and '20 millioner kroner' (DK Nyt) are one grant."""
    funding = dataset.funding
    grants = funding[(funding["partnership"] == "") & (funding["currency"] == "DKK")]
    assert grants["amount"].sum() == 20_000_000
    assert len(grants) == 1
    assert grants.iloc[0]["funder"] == "ukraine-fund"


def test_the_swedish_250_million_is_from_sida(dataset: Dataset) -> None:
    """'totalt 250 miljoner kronor ... Samtliga projekt finansieras av Sida-medel.'"""
    funding = dataset.funding
    sek = funding[funding["currency"] == "SEK"]
    assert sek["amount"].sum() == 250_000_000
    assert set(sek["funder"]) == {"sida"}
    assert set(sek["programme"]) == {"salar-ukraine"}


@pytest.mark.parametrize("place_id", sorted(REFERENCE_CENTRES))
def test_place_lies_near_its_city_centre(dataset: Dataset, place_id: str) -> None:
    place = dataset.place_by_id[place_id]
    km = geodesic((place["lat"], place["lon"]), REFERENCE_CENTRES[place_id]).km
    assert km <= MAX_KM_FROM_CENTRE, f"{place_id} is {km:.1f} km from its city centre"


def test_every_place_has_a_reference_centre(dataset: Dataset) -> None:
    unchecked = set(dataset.places["id"]) - set(REFERENCE_CENTRES)
    assert not unchecked, f"add reference coordinates for {sorted(unchecked)} to this test"
