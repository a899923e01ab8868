"""UI text from the gettext catalogs in locale/, and locale-aware formatting of numbers and amounts.

English is the source: locale/messages.pot holds every text, keyed by its msgctxt. Danish,
Ukrainian and Swedish come from locale/<lang>/LC_MESSAGES/messages.po, compiled in memory once
per process (no .mo files, no build step). Labels that belong to the data (themes, figures)
live in the CSVs with one column per language.
"""

from __future__ import annotations

import gettext
import math
import re
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

LANGUAGES: dict[str, str] = {"en": "English", "da": "Dansk", "uk": "Українська", "sv": "Svenska"}
DEFAULT_LANGUAGE = "en"
LOCALES = {"en": "en_GB", "da": "da_DK", "uk": "uk_UA", "sv": "sv_SE"}

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
TEMPLATE = LOCALE_DIR / "messages.pot"
DOMAIN = "messages"


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


@cache
def english() -> dict[str, Message]:
    """The template's entries by key (msgctxt): English is the source text."""
    return {message.context: message for message in read_catalog(TEMPLATE) if message.id and message.context}


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The language's catalog, compiled in memory; English (or a missing catalog) translates nothing."""
    path = catalog_path(lang)
    if lang == DEFAULT_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    compiled = BytesIO()
    write_mo(compiled, read_catalog(path, lang))
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def normalise_language(lang: str | None) -> str:
    """A supported language code; anything else falls back to English."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str, **values: object) -> str:
    """The UI text for `key` in `lang`, with {placeholders} filled in.

    A text with singular and plural forms is chosen by the `count` value. Anything missing or
    untranslated falls back to English.
    """
    message = english()[key]
    catalog = translations(normalise_language(lang))
    if isinstance(message.id, tuple | list):
        singular, plural = message.id[0], message.id[1]
        text = catalog.npgettext(key, singular, plural, int(values["count"]))  # type: ignore[call-overload]
    else:
        text = catalog.pgettext(key, message.id)
    return text.format(**values) if values else text


def about_sections(lang: str, **values: object) -> list[tuple[str, str]]:
    """The About page from locale/<lang>/about.md: (heading, Markdown body) per `## ` section.

    {placeholders} are filled from `values`; a language without the file gets the English one.
    """
    path = LOCALE_DIR / normalise_language(lang) / "about.md"
    if not path.is_file():
        path = LOCALE_DIR / DEFAULT_LANGUAGE / "about.md"
    text = path.read_text(encoding="utf-8")
    text = text.format(**values) if values else text
    sections = []
    for block in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        heading, _, body = block.partition("\n")
        sections.append((heading.strip(), body.strip()))
    return sections


def locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, LOCALES[DEFAULT_LANGUAGE]))


def format_number(value: float, lang: str) -> str:
    """Group digits as the language does (110.000 in Danish, 110,000 in English)."""
    return format_decimal(value, locale=locale(lang))


def format_amount(amount: float | None, currency: str, lang: str) -> str:
    """A money amount in its own currency, or 'not stated' when the sources don't give one."""
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return t("not_stated", lang)
    pattern = locale(lang).currency_formats["standard"].pattern
    if float(amount).is_integer():
        # Whole amounts read better without ",00" (20.000.000 kr., not 20.000.000,00 kr.).
        pattern = pattern.replace(".00", "")
    text = format_currency(amount, currency, format=pattern, locale=locale(lang), currency_digits=False)
    # CLDR's currency spacing, which Babel leaves out: a code made of letters never touches
    # the digits ("DKK 20,000,000", not "DKK20,000,000").
    return re.sub(r"^([A-Za-z]{2,})(?=\d)", "\\1\u00a0", text)
