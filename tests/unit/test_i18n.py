"""Keys built from data values, data labels in every language, and locale-aware numbers.

The catalogs themselves (locale/) are checked in test_translations.py.
"""

from __future__ import annotations

import csv

import pytest

from partnerships.dataset import DEFAULT_DATA_DIR, contract_files
from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGES, english, format_amount, format_number, t

# Keys built from a value of the data contract: every allowed value needs a translation.
PREFIX_ENUMS = {
    "status_": ("partnerships.csv", "status"),
    "country_": ("places.csv", "country"),
    "qualifier_": ("figures.csv", "qualifier"),
}


def nbsp(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_default_language_is_offered() -> None:
    assert DEFAULT_LANGUAGE in LANGUAGES
    assert {"en", "da"} <= set(LANGUAGES)


@pytest.mark.parametrize("prefix", sorted(PREFIX_ENUMS))
def test_keys_built_from_data_values_exist(prefix: str) -> None:
    file, column = PREFIX_ENUMS[prefix]
    values = contract_files()[file]["columns"][column]["values"]
    missing = [f"{prefix}{value}" for value in values if f"{prefix}{value}" not in english()]
    assert not missing


@pytest.mark.parametrize("file", ["themes.csv", "figures.csv"])
def test_data_labels_exist_in_every_language(file: str) -> None:
    with (DEFAULT_DATA_DIR / file).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for lang in LANGUAGES:
        empty = [row["id"] for row in rows if not (row.get(f"label_{lang}") or "").strip()]
        assert not empty, f"{file}: no label_{lang} for {empty}"


def test_danish_kroner_are_formatted_the_danish_way() -> None:
    # The articles write "20 mio. kr."; written out in full, Danish groups with dots.
    assert nbsp(format_amount(20_000_000, "DKK", "da")) == "20.000.000 kr."


def test_english_amounts_group_with_commas() -> None:
    text = nbsp(format_amount(250_000_000, "SEK", "en"))
    assert "250,000,000" in text and "SEK" in text


def test_numbers_are_grouped_the_danish_way() -> None:
    # "Det anslås, at der er 110.000 krigsveteraner i Kyiv."
    assert format_number(110_000, "da") == "110.000"
    assert format_number(110_000, "en") == "110,000"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_not_stated_is_never_a_number(lang: str) -> None:
    assert format_amount(None, "DKK", lang) == t("not_stated", lang)
    assert format_amount(float("nan"), "", lang) == t("not_stated", lang)
