"""The gettext catalogs in locale/: complete, current, compilable, and in step with the code."""

from __future__ import annotations

import string
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from partnerships.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALE_DIR,
    TEMPLATE,
    about_sections,
    catalog_path,
    english,
    t,
)
from partnerships.i18n_check import DYNAMIC_PREFIXES, INDIRECT_KEYS, used_keys

TRANSLATED = sorted(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
PLURAL_FORMS = {
    "da": "nplurals=2; plural=(n != 1);",
    "sv": "nplurals=2; plural=(n != 1);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
}
ABOUT_VALUES = {"sources": 1, "partnerships": 2, "programmes": 3, "funding": 4, "figures": 5, "places": 6, "themes": 7}


def read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def entries(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def texts(value: str | tuple[str, ...] | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.fixture(scope="module", params=TRANSLATED)
def catalog(request: pytest.FixtureRequest) -> Catalog:
    return read(catalog_path(request.param), request.param)


def test_the_template_is_keyed_and_untranslated() -> None:
    template = entries(read(TEMPLATE))
    assert len(template) == len(english()) > 100
    for message in template:
        assert message.context, f"{message.id!r} has no msgctxt (its key)"
        assert not any(texts(message.string)), message.context
        if any(placeholders(text) for text in texts(message.id)):
            assert "python-brace-format" in message.flags, message.context


def test_every_language_has_a_catalog() -> None:
    assert {path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po")} == set(TRANSLATED)


def test_every_entry_is_translated(catalog: Catalog) -> None:
    keys = {message.context for message in entries(catalog)}
    assert keys == set(english()), f"{catalog.locale}: run `make translations`"
    for message in entries(catalog):
        forms = texts(message.string)
        if message.pluralizable:
            assert len(forms) == catalog.num_plurals, (catalog.locale, message.context)
        assert all(form.strip() for form in forms), f"{catalog.locale}: {message.context} is not translated"


def test_no_entry_is_fuzzy_or_obsolete(catalog: Catalog) -> None:
    fuzzy = [message.context for message in entries(catalog) if message.fuzzy]
    assert not fuzzy, f"{catalog.locale}: English changed, check and unmark: {fuzzy}"
    assert not catalog.obsolete, f"{catalog.locale}: obsolete entries {list(catalog.obsolete)}"
    assert "#~" not in catalog_path(str(catalog.locale)).read_text(encoding="utf-8")


def test_the_english_of_each_entry_is_the_templates(catalog: Catalog) -> None:
    for message in entries(catalog):
        assert texts(message.id) == texts(english()[message.context].id), (catalog.locale, message.context)


def test_plural_forms_header(catalog: Catalog) -> None:
    header = dict(catalog.mime_headers)["Plural-Forms"]
    assert header == PLURAL_FORMS[str(catalog.locale)]
    assert catalog.num_plurals == int(header.split(";")[0].split("=")[1])


def test_every_catalog_compiles_cleanly(catalog: Catalog) -> None:
    # What `pybabel compile` checks (plural count, format strings), then the in-memory compile.
    errors = [(message.context, [str(error) for error in found]) for message, found in catalog.check()]
    assert not errors, errors
    compiled = BytesIO()
    write_mo(compiled, catalog)
    assert compiled.getvalue()


def test_translations_keep_the_placeholders(catalog: Catalog) -> None:
    for message in entries(catalog):
        english_names = set().union(*(placeholders(text) for text in texts(message.id)))
        for form in texts(message.string):
            names = placeholders(form)
            # A plural form may leave the count implicit ("один рік"), never add or drop another name.
            assert names - {"count"} == english_names - {"count"}, (catalog.locale, message.context, form)
            assert names <= english_names, (catalog.locale, message.context, form)


def test_every_key_the_code_uses_is_in_the_template() -> None:
    keys, prefixes = used_keys()
    # Guard against an extractor that silently finds nothing.
    assert {"app_title", "not_stated", "funding_heading", "theme", "year_help", "page_map"} <= set(keys)
    assert {"status_", "country_", "kind_"} <= set(prefixes)
    unknown = {key: where for key, where in keys.items() if key not in english()}
    assert not unknown, f"t() keys missing from locale/messages.pot: {unknown}"
    assert set(INDIRECT_KEYS) <= set(english())
    for prefix, where in prefixes.items():
        assert prefix in DYNAMIC_PREFIXES, f"t(f'{prefix}...') in {where}: list the prefix in DYNAMIC_PREFIXES"
        assert any(key.startswith(prefix) for key in english()), (prefix, where)


def test_every_template_key_is_used_by_the_code() -> None:
    keys, _ = used_keys()
    used = set(keys) | set(INDIRECT_KEYS)
    unused = sorted(key for key in english() if key not in used and not key.startswith(DYNAMIC_PREFIXES))
    assert not unused, f"keys no code uses (remove them from locale/, or list a dynamic prefix): {unused}"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_plural_texts_follow_the_count(lang: str) -> None:
    one, few = t("data_error_title", lang, count=1), t("data_error_title", lang, count=3)
    assert "1" in one and "3" in few
    if lang in ("en", "da"):
        assert one.replace("1", "") != few.replace("3", "")


def test_ukrainian_has_three_plural_forms() -> None:
    one, few, many = (t("data_error_title", "uk", count=n) for n in (1, 3, 5))
    assert one.endswith("1 проблему") and few.endswith("3 проблеми") and many.endswith("5 проблем")
    # 21 takes the form of 1, 22 of 3, 11 and 25 of 5.
    assert t("data_error_title", "uk", count=21).endswith("проблему")
    assert t("data_error_title", "uk", count=22).endswith("проблеми")
    assert t("data_error_title", "uk", count=11).endswith("проблем")
    assert [t("for_years", "uk", count=n) for n in (1, 3, 5)] == ["1 рік", "3 роки", "5 років"]


def test_english_plurals() -> None:
    assert t("rows_shown", "en", shown=1, count=1) == "1 of 1 partnership"
    assert t("rows_shown", "en", shown=2, count=8) == "2 of 8 partnerships"
    assert t("for_years", "en", count=1) == "1 year"


def test_an_unknown_language_falls_back_to_english() -> None:
    assert t("app_title", "xx") == t("app_title", "en") == "Ukraine Partnership Map"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_about_page_exists_in_every_language(lang: str) -> None:
    assert (LOCALE_DIR / lang / "about.md").is_file()
    sections = about_sections(lang, **ABOUT_VALUES)
    english_sections = about_sections("en", **ABOUT_VALUES)
    assert len(sections) == len(english_sections) == 4
    assert all(heading and body for heading, body in sections)
    raw = (LOCALE_DIR / lang / "about.md").read_text(encoding="utf-8")
    assert placeholders(raw) == set(ABOUT_VALUES), lang
    assert "make check-data" in sections[2][1]
