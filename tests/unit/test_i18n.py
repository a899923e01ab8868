"""Every UI string in every language, every key the code asks for, and locale-aware numbers."""

from __future__ import annotations

import csv
import re
import string
from pathlib import Path

import pytest

from partnerships.dataset import DEFAULT_DATA_DIR, schema
from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATIONS, format_amount, format_number, t

SOURCE_DIRS = ("ui", "pages", "partnerships", "geo")
# t("key", ...) and t('key', ...) with a literal key.
LITERAL_KEY = re.compile(r"""\bt\(\s*(["'])([^"'{}]+)\1""")
# t(f"status_{...}", ...): a key built at run time from a prefix.
PREFIX_KEY = re.compile(r"""\bt\(\s*f(["'])([A-Za-z0-9_\-]*)\{""")
# Keys built from a value of the data contract: every allowed value needs a translation.
PREFIX_ENUMS = {
    "status_": ("partnerships.csv", "status"),
    "country_": ("places.csv", "country"),
    "qualifier_": ("figures.csv", "qualifier"),
}


def nbsp(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def source_files(repo_root: Path) -> list[Path]:
    files = [repo_root / "app.py"]
    for folder in SOURCE_DIRS:
        files += sorted((repo_root / folder).rglob("*.py"))
    return [path for path in files if path.is_file()]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TRANSLATIONS))
def test_every_ui_string_is_translated_into_every_language(key: str) -> None:
    missing = [lang for lang in LANGUAGES if not TRANSLATIONS[key].get(lang, "").strip()]
    assert not missing, f"TRANSLATIONS[{key!r}] has no text for {missing}"


@pytest.mark.parametrize("key", sorted(TRANSLATIONS))
def test_translations_keep_the_placeholders(key: str) -> None:
    english = placeholders(TRANSLATIONS[key][DEFAULT_LANGUAGE])
    for lang, text in TRANSLATIONS[key].items():
        assert placeholders(text) == english, (key, lang)


def test_default_language_is_offered() -> None:
    assert DEFAULT_LANGUAGE in LANGUAGES
    assert {"en", "da"} <= set(LANGUAGES)


def test_every_key_the_code_uses_exists(repo_root: Path) -> None:
    used: dict[str, list[str]] = {}
    prefixes: dict[str, list[str]] = {}
    for path in source_files(repo_root):
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(repo_root))
        for match in LITERAL_KEY.finditer(text):
            used.setdefault(match.group(2), []).append(where)
        for match in PREFIX_KEY.finditer(text):
            prefixes.setdefault(match.group(2), []).append(where)
    # Guard against a regex that silently finds nothing.
    assert {"app_title", "not_stated", "funding_heading"} <= set(used)
    assert "status_" in prefixes
    unknown = {key: files for key, files in used.items() if key not in TRANSLATIONS}
    assert not unknown, f"t() keys with no entry in TRANSLATIONS: {unknown}"
    for prefix, files in prefixes.items():
        assert any(key.startswith(prefix) for key in TRANSLATIONS), (prefix, files)


@pytest.mark.parametrize("prefix", sorted(PREFIX_ENUMS))
def test_keys_built_from_data_values_exist(prefix: str) -> None:
    file, column = PREFIX_ENUMS[prefix]
    values = schema()["files"][file]["columns"][column]["values"]
    missing = [f"{prefix}{value}" for value in values if f"{prefix}{value}" not in TRANSLATIONS]
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
