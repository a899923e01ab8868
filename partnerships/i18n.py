"""The one translation table, and locale-aware formatting of numbers, amounts and periods.

UI text lives here; labels that belong to the data (themes, figures) live in the CSVs with
one column per language.
"""

from __future__ import annotations

import math

from babel import Locale
from babel.numbers import format_currency, format_decimal

LANGUAGES: dict[str, str] = {"en": "English", "da": "Dansk"}
DEFAULT_LANGUAGE = "en"
LOCALES = {"en": "en_GB", "da": "da_DK", "uk": "uk_UA", "sv": "sv_SE"}

TRANSLATIONS: dict[str, dict[str, str]] = {
    "app_title": {"en": "Ukraine Partnership Map", "da": "Ukraine-partnerskabskortet"},
    "app_subtitle": {
        "en": "Who in the Nordics works with whom in Ukraine, on what, and with whose money",
        "da": "Hvem i Norden samarbejder med hvem i Ukraine, om hvad, og for hvis penge",
    },
    "language": {"en": "Language", "da": "Sprog"},
    "filters": {"en": "Filters", "da": "Filtre"},
    "theme": {"en": "Theme", "da": "Tema"},
    "themes": {"en": "Themes", "da": "Temaer"},
    "funder": {"en": "Funder", "da": "Finansieret af"},
    "country": {"en": "Country", "da": "Land"},
    "programme": {"en": "Programme", "da": "Program"},
    "all": {"en": "All", "da": "Alle"},
    "reset_filters": {"en": "Reset filters", "da": "Nulstil filtre"},
    "online_tiles": {"en": "Online map tiles when reachable", "da": "Online-kortfliser når de kan nås"},
    "online_tiles_help": {
        "en": "Off: only the built-in country outlines are drawn, and the map makes no outside request.",
        "da": "Fra: kun de indbyggede landegrænser tegnes, og kortet henter intet udefra.",
    },
    "map_heading": {"en": "Map", "da": "Kort"},
    "map_text_alternative": {
        "en": "The same partnerships as a table (text alternative to the map)",
        "da": "De samme partnerskaber som tabel (tekstalternativ til kortet)",
    },
    "shown_count": {
        "en": "Drawn on the map: {lines} · listed without a named Ukrainian partner: {listed}",
        "da": "Tegnet på kortet: {lines} · listet uden navngiven ukrainsk partner: {listed}",
    },
    "nothing_matches": {
        "en": "No partnership matches these filters.",
        "da": "Ingen partnerskaber passer til disse filtre.",
    },
    "legend": {"en": "Legend", "da": "Signaturforklaring"},
    "legend_lines": {
        "en": "Lines: colour and dash by first matching theme",
        "da": "Linjer: farve og streg efter første matchende tema",
    },
    "legend_places": {"en": "Places: colour by country", "da": "Steder: farve efter land"},
    "select_partnership": {"en": "Partnership details", "da": "Detaljer om partnerskab"},
    "select_hint": {
        "en": "Click a line on the map or choose a partnership here.",
        "da": "Klik på en linje på kortet, eller vælg et partnerskab her.",
    },
    "none_selected": {"en": "(none selected)", "da": "(intet valgt)"},
    "partners": {"en": "Partners", "da": "Parter"},
    "status": {"en": "Status", "da": "Status"},
    "period": {"en": "Period", "da": "Periode"},
    "amount": {"en": "Amount", "da": "Beløb"},
    "channel": {"en": "Channel", "da": "Kanal"},
    "distance": {"en": "Distance", "da": "Afstand"},
    "description": {"en": "What", "da": "Hvad"},
    "source": {"en": "Source", "da": "Kilde"},
    "also_reported_by": {"en": "Also reported by", "da": "Også omtalt af"},
    "not_stated": {"en": "not stated", "da": "ikke oplyst"},
    "no_link": {"en": "no link known", "da": "intet link kendt"},
    "date_unknown": {"en": "date not stated", "da": "dato ikke oplyst"},
    "from_year": {"en": "from {start}", "da": "fra {start}"},
    "until_year": {"en": "until {end}", "da": "indtil {end}"},
    "for_years": {"en": "{years} years", "da": "{years} år"},
    "status_active": {"en": "active", "da": "aktiv"},
    "status_planned": {"en": "planned", "da": "planlagt"},
    "status_ended": {"en": "ended", "da": "afsluttet"},
    "status_not-stated": {"en": "not stated", "da": "ikke oplyst"},
    "funding_heading": {"en": "Funding", "da": "Finansiering"},
    "funding_total": {"en": "Stated total", "da": "Oplyst i alt"},
    "funding_counted_once": {
        "en": "Reported by two sources; counted once.",
        "da": "Omtalt i to kilder; talt med én gang.",
    },
    "funding_none": {"en": "No funding rows match these filters.", "da": "Ingen finansiering passer til disse filtre."},
    "funding_unstated_note": {
        "en": "Amounts the sources do not state are shown as not stated and never counted as zero.",
        "da": "Beløb, som kilderne ikke oplyser, vises som ikke oplyst og tælles aldrig som nul.",
    },
    "funding_programmes_without": {
        "en": "Funder not stated in the sources",
        "da": "Finansiering ikke oplyst i kilderne",
    },
    "key_figures": {"en": "Key figures", "da": "Nøgletal"},
    "unlinked_heading": {
        "en": "Programmes with no named Ukrainian partner",
        "da": "Programmer uden navngiven ukrainsk partner",
    },
    "unlinked_help": {
        "en": "The sources describe these without naming a partner city, so they are listed rather than drawn.",
        "da": "Kilderne beskriver disse uden at nævne en partnerby, så de listes i stedet for at blive tegnet.",
    },
    "owner": {"en": "Run by", "da": "Drives af"},
    "part_of": {"en": "Part of", "da": "Del af"},
    "data_error_title": {
        "en": "The data could not be loaded: {count} problem(s) found",
        "da": "Data kunne ikke indlæses: {count} problem(er) fundet",
    },
    "data_error_help": {
        "en": "Fix these in the CSV files (rows are counted as in a spreadsheet: the header is row 1), then reload. `make check-data` shows the same list.",
        "da": "Ret disse i CSV-filerne (rækker tælles som i et regneark: overskriften er række 1), og genindlæs. `make check-data` viser samme liste.",
    },
    "data_folder": {"en": "Data folder", "da": "Datamappe"},
    "file": {"en": "File", "da": "Fil"},
    "row": {"en": "Row", "da": "Række"},
    "column": {"en": "Column", "da": "Kolonne"},
    "problem": {"en": "Problem", "da": "Problem"},
    "assets_missing": {
        "en": "The map's offline files are not installed ({files}). Run `make assets` (or `make run`), then reload.",
        "da": "Kortets offline-filer er ikke installeret ({files}). Kør `make assets` (eller `make run`), og genindlæs.",
    },
    "unexpected_error": {
        "en": "Something went wrong while drawing this view. The details are in the server log.",
        "da": "Noget gik galt under visningen. Detaljerne står i serverloggen.",
    },
    "qualifier_about": {"en": "about {value}", "da": "ca. {value}"},
    "qualifier_close-to": {"en": "close to {value}", "da": "næsten {value}"},
    "qualifier_more-than": {"en": "more than {value}", "da": "mere end {value}"},
    "qualifier_estimated": {"en": "an estimated {value}", "da": "anslået {value}"},
    "unit_percent": {"en": "{value} %", "da": "{value} %"},
    "country_DK": {"en": "Denmark", "da": "Danmark"},
    "country_SE": {"en": "Sweden", "da": "Sverige"},
    "country_UA": {"en": "Ukraine", "da": "Ukraine"},
    "col_partnership": {"en": "Partnership", "da": "Partnerskab"},
    "col_from": {"en": "Nordic partner", "da": "Nordisk part"},
    "col_to": {"en": "Ukrainian partner", "da": "Ukrainsk part"},
    "col_distance_km": {"en": "Distance (km)", "da": "Afstand (km)"},
    "km": {"en": "{value} km", "da": "{value} km"},
    "col_source_url": {"en": "Source link", "da": "Link til kilde"},
    "col_quote": {"en": "Quote", "da": "Citat"},
    "col_currency": {"en": "Currency", "da": "Valuta"},
    "tour_headline": {"en": "{who} works with {whom}", "da": "{who} samarbejder med {whom}"},
    "tour_on_what": {"en": "On", "da": "Om"},
    "tour_since": {"en": "Since / period", "da": "Siden / periode"},
    "tour_heading": {"en": "Guided tour", "da": "Rundvisning"},
    "tour_start": {"en": "Start the tour", "da": "Start rundvisningen"},
    "tour_stop": {"en": "End the tour", "da": "Afslut rundvisningen"},
    "tour_next": {"en": "Next", "da": "Næste"},
    "tour_back": {"en": "Back", "da": "Tilbage"},
    "tour_step": {"en": "Stop {step} of {total}", "da": "Stop {step} af {total}"},
    "tour_keys_hint": {
        "en": "Use the ← and → keys or the buttons to move between stops.",
        "da": "Brug tasterne ← og → eller knapperne til at skifte stop.",
    },
    "tour_stops": {"en": "Tour stops, in order", "da": "Stop på rundvisningen, i rækkefølge"},
    "tour_stops_help": {
        "en": "Pick the partnerships to show and the order to show them in. Empty: every partnership, grouped by programme.",
        "da": "Vælg de partnerskaber, der skal vises, og rækkefølgen. Tom: alle partnerskaber, grupperet efter program.",
    },
    "tour_empty": {
        "en": "No partnership to tour with these filters.",
        "da": "Ingen partnerskaber at vise med disse filtre.",
    },
    "presenter_mode": {"en": "Presenter mode", "da": "Præsentationstilstand"},
    "presenter_help": {
        "en": "Full-width map, large text, no sidebar. Also opens with ?present=1 in the link.",
        "da": "Kort i fuld bredde, stor tekst, ingen sidepanel. Åbner også med ?present=1 i linket.",
    },
    "presenter_exit": {"en": "Leave presenter mode", "da": "Forlad præsentationstilstand"},
    "share_heading": {"en": "Share this view", "da": "Del denne visning"},
    "share_help": {
        "en": "This link opens exactly this view: filters, language, presenter mode, tour and step. Use the copy button.",
        "da": "Linket åbner præcis denne visning: filtre, sprog, præsentationstilstand, rundvisning og stop. Brug kopiknappen.",
    },
    "export_heading": {"en": "Download", "da": "Download"},
    "export_partnerships_csv": {"en": "Partnerships (CSV)", "da": "Partnerskaber (CSV)"},
    "export_funding_csv": {"en": "Funding (CSV)", "da": "Finansiering (CSV)"},
    "export_map_html": {"en": "Offline map (HTML)", "da": "Offline-kort (HTML)"},
    "export_map_help": {
        "en": "One file that opens from disk with no network: for a laptop in a meeting room.",
        "da": "Én fil, der åbner fra disken uden netværk: til en bærbar i et mødelokale.",
    },
}


def normalise_language(lang: str | None) -> str:
    """A supported language code; anything else falls back to English."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str, **values: object) -> str:
    """The UI text for `key` in `lang`, with {placeholders} filled in."""
    entry = TRANSLATIONS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


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
    return format_currency(amount, currency, format=pattern, locale=locale(lang), currency_digits=False)


def format_period(start: str, end: str, duration_years: object, lang: str) -> str:
    """'2014–2024', 'from 2023 (3 years)', 'until 2024-03' or 'not stated'."""
    has_duration = duration_years is not None and str(duration_years) not in ("", "<NA>", "nan")
    duration = t("for_years", lang, years=duration_years) if has_duration else ""
    if start and end:
        text = f"{start}–{end}"
    elif start:
        text = t("from_year", lang, start=start)
    elif end:
        text = t("until_year", lang, end=end)
    else:
        return duration or t("not_stated", lang)
    return f"{text} ({duration})" if duration else text
