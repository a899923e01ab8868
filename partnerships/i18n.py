"""The one translation table, and locale-aware formatting of numbers, amounts and periods.

UI text lives here; labels that belong to the data (themes, figures) live in the CSVs with
one column per language.
"""

from __future__ import annotations

import math
import re

from babel import Locale
from babel.numbers import format_currency, format_decimal

LANGUAGES: dict[str, str] = {"en": "English", "da": "Dansk", "uk": "Українська", "sv": "Svenska"}
DEFAULT_LANGUAGE = "en"
LOCALES = {"en": "en_GB", "da": "da_DK", "uk": "uk_UA", "sv": "sv_SE"}

TRANSLATIONS: dict[str, dict[str, str]] = {
    "app_title": {
        "en": "Ukraine Partnership Map",
        "da": "Ukraine-partnerskabskortet",
        "uk": "Мапа партнерств з Україною",
        "sv": "Karta över partnerskap med Ukraina",
    },
    "app_subtitle": {
        "en": "Who in the Nordics works with whom in Ukraine, on what, and with whose money",
        "da": "Hvem i Norden samarbejder med hvem i Ukraine, om hvad, og for hvis penge",
        "uk": "Хто в Північних країнах співпрацює з ким в Україні, у чому і за чиї кошти",
        "sv": "Vem i Norden samarbetar med vem i Ukraina, om vad och med vems pengar",
    },
    "language": {"en": "Language", "da": "Sprog", "uk": "Мова", "sv": "Språk"},
    "filters": {"en": "Filters", "da": "Filtre", "uk": "Фільтри", "sv": "Filter"},
    "theme": {"en": "Theme", "da": "Tema", "uk": "Тема", "sv": "Tema"},
    "themes": {"en": "Themes", "da": "Temaer", "uk": "Теми", "sv": "Teman"},
    "funder": {"en": "Funder", "da": "Finansieret af", "uk": "Донор", "sv": "Finansiär"},
    "country": {"en": "Country", "da": "Land", "uk": "Країна", "sv": "Land"},
    "programme": {"en": "Programme", "da": "Program", "uk": "Програма", "sv": "Program"},
    "year": {"en": "Year", "da": "År", "uk": "Рік", "sv": "År"},
    "year_help": {
        "en": "Show what was running in this year. Rows whose period the sources don't state are kept and marked.",
        "da": "Vis det, der foregik i dette år. Rækker, hvis periode kilderne ikke oplyser, beholdes og markeres.",
        "uk": "Показати те, що діяло в цьому році. Записи, період яких джерела не вказують, залишаються й позначаються.",
        "sv": "Visa det som pågick det här året. Rader vars period källorna inte anger behålls och markeras.",
    },
    "all": {"en": "All", "da": "Alle", "uk": "Усі", "sv": "Alla"},
    "reset_filters": {"en": "Reset filters", "da": "Nulstil filtre", "uk": "Скинути фільтри", "sv": "Återställ filter"},
    "online_tiles": {
        "en": "Online map tiles when reachable",
        "da": "Online-kortfliser når de kan nås",
        "uk": "Онлайн-підкладка мапи, коли доступна",
        "sv": "Kartbakgrund från nätet när den går att nå",
    },
    "online_tiles_help": {
        "en": "Off: only the built-in country outlines are drawn, and the map makes no outside request.",
        "da": "Fra: kun de indbyggede landegrænser tegnes, og kortet henter intet udefra.",
        "uk": "Вимкнено: показано лише вбудовані контури країн, і мапа не робить жодних зовнішніх запитів.",
        "sv": "Av: bara de inbyggda landsgränserna ritas, och kartan gör inga anrop utåt.",
    },
    "map_heading": {"en": "Map", "da": "Kort", "uk": "Мапа", "sv": "Karta"},
    "map_text_alternative": {
        "en": "The same partnerships as a table (text alternative to the map)",
        "da": "De samme partnerskaber som tabel (tekstalternativ til kortet)",
        "uk": "Ті самі партнерства у вигляді таблиці (текстова альтернатива мапі)",
        "sv": "Samma partnerskap som tabell (textalternativ till kartan)",
    },
    "shown_count": {
        "en": "Drawn on the map: {lines} · listed without a named Ukrainian partner: {listed}",
        "da": "Tegnet på kortet: {lines} · listet uden navngiven ukrainsk partner: {listed}",
        "uk": "Показано на мапі: {lines} · у списку без названого українського партнера: {listed}",
        "sv": "Ritade på kartan: {lines} · listade utan namngiven ukrainsk partner: {listed}",
    },
    "nothing_matches": {
        "en": "No partnership matches these filters.",
        "da": "Ingen partnerskaber passer til disse filtre.",
        "uk": "Жодне партнерство не відповідає цим фільтрам.",
        "sv": "Inget partnerskap matchar filtren.",
    },
    "legend": {"en": "Legend", "da": "Signaturforklaring", "uk": "Легенда", "sv": "Teckenförklaring"},
    "legend_lines": {
        "en": "Lines: colour and dash by first matching theme",
        "da": "Linjer: farve og streg efter første matchende tema",
        "uk": "Лінії: колір і штрих за першою відповідною темою",
        "sv": "Linjer: färg och streckning efter första matchande tema",
    },
    "legend_places": {
        "en": "Places: colour by country",
        "da": "Steder: farve efter land",
        "uk": "Місця: колір за країною",
        "sv": "Orter: färg efter land",
    },
    "select_partnership": {
        "en": "Partnership details",
        "da": "Detaljer om partnerskab",
        "uk": "Подробиці партнерства",
        "sv": "Detaljer om partnerskapet",
    },
    "select_hint": {
        "en": "Click a line on the map or choose a partnership here.",
        "da": "Klik på en linje på kortet, eller vælg et partnerskab her.",
        "uk": "Натисніть на лінію на мапі або виберіть партнерство тут.",
        "sv": "Klicka på en linje på kartan eller välj ett partnerskap här.",
    },
    "none_selected": {
        "en": "(none selected)",
        "da": "(intet valgt)",
        "uk": "(нічого не вибрано)",
        "sv": "(inget valt)",
    },
    "partners": {"en": "Partners", "da": "Parter", "uk": "Партнери", "sv": "Parter"},
    "status": {"en": "Status", "da": "Status", "uk": "Статус", "sv": "Status"},
    "period": {"en": "Period", "da": "Periode", "uk": "Період", "sv": "Period"},
    "amount": {"en": "Amount", "da": "Beløb", "uk": "Сума", "sv": "Belopp"},
    "channel": {"en": "Channel", "da": "Kanal", "uk": "Канал", "sv": "Kanal"},
    "distance": {"en": "Distance", "da": "Afstand", "uk": "Відстань", "sv": "Avstånd"},
    "description": {"en": "What", "da": "Hvad", "uk": "Що", "sv": "Vad"},
    "source": {"en": "Source", "da": "Kilde", "uk": "Джерело", "sv": "Källa"},
    "also_reported_by": {
        "en": "Also reported by",
        "da": "Også omtalt af",
        "uk": "Також повідомляє",
        "sv": "Rapporteras även av",
    },
    "not_stated": {"en": "not stated", "da": "ikke oplyst", "uk": "не вказано", "sv": "inte angivet"},
    "no_link": {"en": "no link known", "da": "intet link kendt", "uk": "посилання невідоме", "sv": "ingen känd länk"},
    "date_unknown": {
        "en": "date not stated",
        "da": "dato ikke oplyst",
        "uk": "дату не вказано",
        "sv": "datum inte angivet",
    },
    "from_year": {"en": "from {start}", "da": "fra {start}", "uk": "з {start}", "sv": "från {start}"},
    "until_year": {"en": "until {end}", "da": "indtil {end}", "uk": "до {end}", "sv": "till {end}"},
    "for_years": {"en": "{years} years", "da": "{years} år", "uk": "{years} р.", "sv": "{years} år"},
    "status_active": {"en": "active", "da": "aktiv", "uk": "активне", "sv": "aktivt"},
    "status_planned": {"en": "planned", "da": "planlagt", "uk": "заплановане", "sv": "planerat"},
    "status_ended": {"en": "ended", "da": "afsluttet", "uk": "завершене", "sv": "avslutat"},
    "status_not-stated": {"en": "not stated", "da": "ikke oplyst", "uk": "не вказано", "sv": "inte angivet"},
    "funding_heading": {"en": "Funding", "da": "Finansiering", "uk": "Фінансування", "sv": "Finansiering"},
    "funding_total": {"en": "Stated total", "da": "Oplyst i alt", "uk": "Вказано загалом", "sv": "Angivet totalt"},
    "funding_counted_once": {
        "en": "Reported by two sources; counted once.",
        "da": "Omtalt i to kilder; talt med én gang.",
        "uk": "Повідомляють два джерела; враховано один раз.",
        "sv": "Rapporteras av två källor; räknas en gång.",
    },
    "funding_none": {
        "en": "No funding rows match these filters.",
        "da": "Ingen finansiering passer til disse filtre.",
        "uk": "Жодне фінансування не відповідає цим фільтрам.",
        "sv": "Ingen finansiering matchar filtren.",
    },
    "funding_unstated_note": {
        "en": "Amounts the sources do not state are shown as not stated and never counted as zero.",
        "da": "Beløb, som kilderne ikke oplyser, vises som ikke oplyst og tælles aldrig som nul.",
        "uk": "Суми, яких джерела не вказують, позначено як «не вказано» й ніколи не враховано як нуль.",
        "sv": "Belopp som källorna inte anger visas som inte angivna och räknas aldrig som noll.",
    },
    "funding_programmes_without": {
        "en": "Funder not stated in the sources",
        "da": "Finansiering ikke oplyst i kilderne",
        "uk": "Донора не вказано в джерелах",
        "sv": "Finansiären anges inte i källorna",
    },
    "key_figures": {"en": "Key figures", "da": "Nøgletal", "uk": "Ключові показники", "sv": "Nyckeltal"},
    "unlinked_heading": {
        "en": "Programmes with no named Ukrainian partner",
        "da": "Programmer uden navngiven ukrainsk partner",
        "uk": "Програми без названого українського партнера",
        "sv": "Program utan namngiven ukrainsk partner",
    },
    "unlinked_help": {
        "en": "The sources describe these without naming a partner city, so they are listed rather than drawn.",
        "da": "Kilderne beskriver disse uden at nævne en partnerby, så de listes i stedet for at blive tegnet.",
        "uk": "Джерела описують їх, не називаючи міста-партнера, тому їх наведено списком, а не лініями на мапі.",
        "sv": "Källorna beskriver dessa utan att nämna någon partnerstad, så de listas i stället för att ritas.",
    },
    "owner": {"en": "Run by", "da": "Drives af", "uk": "Виконавець", "sv": "Drivs av"},
    "part_of": {"en": "Part of", "da": "Del af", "uk": "Частина", "sv": "Del av"},
    "data_error_title": {
        "en": "The data could not be loaded: {count} problem(s) found",
        "da": "Data kunne ikke indlæses: {count} problem(er) fundet",
        "uk": "Не вдалося завантажити дані: знайдено проблем — {count}",
        "sv": "Uppgifterna kunde inte läsas in: {count} problem hittades",
    },
    "data_error_help": {
        "en": "Fix these in the CSV files (rows are counted as in a spreadsheet: the header is row 1), then reload. `make check-data` shows the same list.",
        "da": "Ret disse i CSV-filerne (rækker tælles som i et regneark: overskriften er række 1), og genindlæs. `make check-data` viser samme liste.",
        "uk": "Виправте їх у CSV-файлах (рядки лічаться як в електронній таблиці: заголовок — рядок 1) і перезавантажте сторінку. `make check-data` показує той самий список.",
        "sv": "Rätta dem i CSV-filerna (rader räknas som i ett kalkylblad: rubriken är rad 1) och ladda om sidan. `make check-data` visar samma lista.",
    },
    "data_folder": {"en": "Data folder", "da": "Datamappe", "uk": "Папка даних", "sv": "Datamapp"},
    "file": {"en": "File", "da": "Fil", "uk": "Файл", "sv": "Fil"},
    "row": {"en": "Row", "da": "Række", "uk": "Рядок", "sv": "Rad"},
    "column": {"en": "Column", "da": "Kolonne", "uk": "Стовпець", "sv": "Kolumn"},
    "problem": {"en": "Problem", "da": "Problem", "uk": "Проблема", "sv": "Problem"},
    "map_unavailable": {
        "en": "The map cannot be drawn here: its files are neither installed on this server nor reachable online; the table, funding and other pages still work.",
        "da": "Kortet kan ikke vises her: dets filer er hverken installeret på serveren eller tilgængelige online; tabellen, finansieringen og de andre sider virker stadig.",
        "uk": "Мапу тут не вдається показати: її файли не встановлено на сервері й вони недоступні онлайн; таблиця, фінансування та інші сторінки працюють.",
        "sv": "Kartan kan inte visas här: dess filer är varken installerade på servern eller nåbara online; tabellen, finansieringen och de andra sidorna fungerar ändå.",
    },
    "export_map_unavailable": {
        "en": "Offline map (HTML) is unavailable on this server: it packs the map's files into one page, and they are not installed here (this host loads them from a CDN). Run `make assets` on the server to enable it.",
        "da": "Offline-kort (HTML) er ikke tilgængeligt på denne server: det pakker kortets filer i én side, og de er ikke installeret her (serveren henter dem fra et CDN). Kør `make assets` på serveren for at slå det til.",
        "uk": "Офлайн-мапа (HTML) недоступна на цьому сервері: вона пакує файли мапи в одну сторінку, а їх тут не встановлено (сервер бере їх із CDN). Запустіть `make assets` на сервері, щоб увімкнути її.",
        "sv": "Offlinekarta (HTML) är inte tillgänglig på den här servern: den packar kartans filer i en sida, och de är inte installerade här (servern hämtar dem från ett CDN). Kör `make assets` på servern för att aktivera den.",
    },
    "unexpected_error": {
        "en": "Something went wrong while drawing this view. The details are in the server log.",
        "da": "Noget gik galt under visningen. Detaljerne står i serverloggen.",
        "uk": "Під час побудови цього вигляду сталася помилка. Подробиці — у журналі сервера.",
        "sv": "Något gick fel när vyn ritades. Detaljerna finns i serverloggen.",
    },
    "qualifier_about": {"en": "about {value}", "da": "ca. {value}", "uk": "близько {value}", "sv": "cirka {value}"},
    "qualifier_close-to": {
        "en": "close to {value}",
        "da": "næsten {value}",
        "uk": "майже {value}",
        "sv": "närmare {value}",
    },
    "qualifier_more-than": {
        "en": "more than {value}",
        "da": "mere end {value}",
        "uk": "понад {value}",
        "sv": "mer än {value}",
    },
    "qualifier_estimated": {
        "en": "an estimated {value}",
        "da": "anslået {value}",
        "uk": "орієнтовно {value}",
        "sv": "uppskattningsvis {value}",
    },
    "unit_percent": {"en": "{value} %", "da": "{value} %", "uk": "{value} %", "sv": "{value} %"},
    "country_DK": {"en": "Denmark", "da": "Danmark", "uk": "Данія", "sv": "Danmark"},
    "country_SE": {"en": "Sweden", "da": "Sverige", "uk": "Швеція", "sv": "Sverige"},
    "country_UA": {"en": "Ukraine", "da": "Ukraine", "uk": "Україна", "sv": "Ukraina"},
    "col_partnership": {"en": "Partnership", "da": "Partnerskab", "uk": "Партнерство", "sv": "Partnerskap"},
    "col_from": {"en": "Nordic partner", "da": "Nordisk part", "uk": "Північний партнер", "sv": "Nordisk part"},
    "col_to": {"en": "Ukrainian partner", "da": "Ukrainsk part", "uk": "Український партнер", "sv": "Ukrainsk part"},
    "col_distance_km": {"en": "Distance (km)", "da": "Afstand (km)", "uk": "Відстань (км)", "sv": "Avstånd (km)"},
    "km": {"en": "{value} km", "da": "{value} km", "uk": "{value} км", "sv": "{value} km"},
    "col_source_url": {
        "en": "Source link",
        "da": "Link til kilde",
        "uk": "Посилання на джерело",
        "sv": "Länk till källan",
    },
    "col_quote": {"en": "Quote", "da": "Citat", "uk": "Цитата", "sv": "Citat"},
    "col_currency": {"en": "Currency", "da": "Valuta", "uk": "Валюта", "sv": "Valuta"},
    "tour_headline": {
        "en": "{who} works with {whom}",
        "da": "{who} samarbejder med {whom}",
        "uk": "{who} і {whom}: співпраця",
        "sv": "{who} samarbetar med {whom}",
    },
    "tour_on_what": {"en": "On", "da": "Om", "uk": "Теми", "sv": "Om"},
    "tour_since": {"en": "Since / period", "da": "Siden / periode", "uk": "Відколи / період", "sv": "Sedan / period"},
    "tour_heading": {"en": "Guided tour", "da": "Rundvisning", "uk": "Покроковий огляд", "sv": "Guidad visning"},
    "tour_start": {"en": "Start the tour", "da": "Start rundvisningen", "uk": "Почати огляд", "sv": "Starta visningen"},
    "tour_stop": {
        "en": "End the tour",
        "da": "Afslut rundvisningen",
        "uk": "Завершити огляд",
        "sv": "Avsluta visningen",
    },
    "tour_next": {"en": "Next", "da": "Næste", "uk": "Далі", "sv": "Nästa"},
    "tour_back": {"en": "Back", "da": "Tilbage", "uk": "Назад", "sv": "Tillbaka"},
    "tour_step": {
        "en": "Stop {step} of {total}",
        "da": "Stop {step} af {total}",
        "uk": "Зупинка {step} з {total}",
        "sv": "Stopp {step} av {total}",
    },
    "tour_keys_hint": {
        "en": "Use the ← and → keys or the buttons to move between stops.",
        "da": "Brug tasterne ← og → eller knapperne til at skifte stop.",
        "uk": "Перемикайтеся між зупинками клавішами ← і → або кнопками.",
        "sv": "Använd tangenterna ← och → eller knapparna för att byta stopp.",
    },
    "tour_stops": {
        "en": "Tour stops, in order",
        "da": "Stop på rundvisningen, i rækkefølge",
        "uk": "Зупинки огляду, по порядку",
        "sv": "Stopp i visningen, i ordning",
    },
    "tour_stops_help": {
        "en": "Pick the partnerships to show and the order to show them in. Empty: every partnership, grouped by programme.",
        "da": "Vælg de partnerskaber, der skal vises, og rækkefølgen. Tom: alle partnerskaber, grupperet efter program.",
        "uk": "Виберіть партнерства для показу та їхній порядок. Порожньо: усі партнерства, згруповані за програмою.",
        "sv": "Välj vilka partnerskap som ska visas och i vilken ordning. Tomt: alla partnerskap, grupperade efter program.",
    },
    "tour_empty": {
        "en": "No partnership to tour with these filters.",
        "da": "Ingen partnerskaber at vise med disse filtre.",
        "uk": "Немає партнерств для огляду з цими фільтрами.",
        "sv": "Inga partnerskap att visa med dessa filter.",
    },
    "presenter_mode": {
        "en": "Presenter mode",
        "da": "Præsentationstilstand",
        "uk": "Режим презентації",
        "sv": "Presentationsläge",
    },
    "presenter_help": {
        "en": "Full-width map, large text, no sidebar. Also opens with ?present=1 in the link.",
        "da": "Kort i fuld bredde, stor tekst, ingen sidepanel. Åbner også med ?present=1 i linket.",
        "uk": "Мапа на всю ширину, великий текст, без бічної панелі. Також відкривається з ?present=1 у посиланні.",
        "sv": "Karta i full bredd, stor text, ingen sidopanel. Öppnas också med ?present=1 i länken.",
    },
    "presenter_exit": {
        "en": "Leave presenter mode",
        "da": "Forlad præsentationstilstand",
        "uk": "Вийти з режиму презентації",
        "sv": "Lämna presentationsläget",
    },
    "share_heading": {
        "en": "Share this view",
        "da": "Del denne visning",
        "uk": "Поділитися цим виглядом",
        "sv": "Dela den här vyn",
    },
    "share_help": {
        "en": "This link opens exactly this view: filters, language, presenter mode, tour and step. Use the copy button.",
        "da": "Linket åbner præcis denne visning: filtre, sprog, præsentationstilstand, rundvisning og stop. Brug kopiknappen.",
        "uk": "Це посилання відкриває саме цей вигляд: фільтри, мову, режим презентації, огляд і крок. Скористайтеся кнопкою копіювання.",
        "sv": "Länken öppnar exakt den här vyn: filter, språk, presentationsläge, visning och steg. Använd kopieringsknappen.",
    },
    "export_heading": {"en": "Download", "da": "Download", "uk": "Завантажити", "sv": "Ladda ner"},
    "export_partnerships_csv": {
        "en": "Partnerships (CSV)",
        "da": "Partnerskaber (CSV)",
        "uk": "Партнерства (CSV)",
        "sv": "Partnerskap (CSV)",
    },
    "export_funding_csv": {
        "en": "Funding (CSV)",
        "da": "Finansiering (CSV)",
        "uk": "Фінансування (CSV)",
        "sv": "Finansiering (CSV)",
    },
    "export_map_html": {
        "en": "Offline map (HTML)",
        "da": "Offline-kort (HTML)",
        "uk": "Офлайн-мапа (HTML)",
        "sv": "Offlinekarta (HTML)",
    },
    "export_map_help": {
        "en": "One file that opens from disk with no network: for a laptop in a meeting room.",
        "da": "Én fil, der åbner fra disken uden netværk: til en bærbar i et mødelokale.",
        "uk": "Один файл, що відкривається з диска без мережі: для ноутбука в залі засідань.",
        "sv": "En fil som öppnas från disken utan nätverk: för en bärbar dator i ett mötesrum.",
    },
    # --- Explore pages (issue 4) ---
    "page_map": {"en": "Map", "da": "Kort", "uk": "Мапа", "sv": "Karta"},
    "page_partnerships": {"en": "Partnerships", "da": "Partnerskaber", "uk": "Партнерства", "sv": "Partnerskap"},
    "page_funding": {"en": "Funding", "da": "Finansiering", "uk": "Фінансування", "sv": "Finansiering"},
    "page_timeline": {"en": "Timeline", "da": "Tidslinje", "uk": "Хронологія", "sv": "Tidslinje"},
    "page_coverage": {"en": "Coverage", "da": "Dækning", "uk": "Охоплення", "sv": "Täckning"},
    "page_sources": {"en": "Sources", "da": "Kilder", "uk": "Джерела", "sv": "Källor"},
    "page_about": {"en": "About", "da": "Om", "uk": "Про застосунок", "sv": "Om"},
    "pages_nav": {"en": "Pages", "da": "Sider", "uk": "Сторінки", "sv": "Sidor"},
    "search": {"en": "Search", "da": "Søg", "uk": "Пошук", "sv": "Sök"},
    "search_help": {
        "en": "Matches any column: place, programme, theme, status, period or funder.",
        "da": "Søger i alle kolonner: sted, program, tema, status, periode eller finansiering.",
        "uk": "Шукає в усіх стовпцях: місце, програма, тема, статус, період або фінансування.",
        "sv": "Söker i alla kolumner: ort, program, tema, status, period eller finansiär.",
    },
    "search_placeholder": {
        "en": "e.g. Kyiv, veterans",
        "da": "fx Kyiv, veteraner",
        "uk": "напр. Київ, ветерани",
        "sv": "t.ex. Kyiv, veteraner",
    },
    "rows_shown": {
        "en": "{shown} of {total} partnerships",
        "da": "{shown} af {total} partnerskaber",
        "uk": "{shown} з {total} партнерств",
        "sv": "{shown} av {total} partnerskap",
    },
    "table_hint": {
        "en": "Sort by clicking a column heading. Select a row (keyboard: arrow keys, then Shift+Space), or choose a partnership below, to see its details.",
        "da": "Sortér ved at klikke på en kolonneoverskrift. Vælg en række (tastatur: piletaster, derefter Shift+mellemrum), eller vælg et partnerskab nedenfor, for at se detaljerne.",
        "uk": "Сортуйте, натиснувши на заголовок стовпця. Виберіть рядок (з клавіатури: стрілки, потім Shift+пробіл) або партнерство нижче, щоб побачити подробиці.",
        "sv": "Sortera genom att klicka på en kolumnrubrik. Markera en rad (tangentbord: piltangenter, sedan Skift+blanksteg), eller välj ett partnerskap nedan, för att se detaljerna.",
    },
    "undated_marker": {
        "en": "period not stated: shown for every year",
        "da": "periode ikke oplyst: vises for alle år",
        "uk": "період не вказано: показано для кожного року",
        "sv": "period inte angiven: visas för varje år",
    },
    "undated_note": {
        "en": "Kept for {year} although the sources don't state their period: {items}.",
        "da": "Vist for {year}, selv om kilderne ikke oplyser perioden: {items}.",
        "uk": "Показано для {year}, хоча джерела не вказують період: {items}.",
        "sv": "Visas för {year} trots att källorna inte anger perioden: {items}.",
    },
    "funding_intro": {
        "en": "Every grant once, in its own currency and converted to euro for comparison. Amounts the sources don't state are listed, never counted as zero.",
        "da": "Hver bevilling én gang, i sin egen valuta og omregnet til euro til sammenligning. Beløb, som kilderne ikke oplyser, listes og tælles aldrig som nul.",
        "uk": "Кожен грант один раз, у власній валюті та в перерахунку на євро для порівняння. Суми, яких джерела не вказують, наведено окремо й ніколи не враховано як нуль.",
        "sv": "Varje bidrag en gång, i sin egen valuta och omräknat till euro för jämförelse. Belopp som källorna inte anger listas och räknas aldrig som noll.",
    },
    "funding_by_funder": {
        "en": "By funder",
        "da": "Efter finansieringskilde",
        "uk": "За донором",
        "sv": "Efter finansiär",
    },
    "funding_by_programme": {"en": "By programme", "da": "Efter program", "uk": "За програмою", "sv": "Efter program"},
    "funding_by_theme": {"en": "By theme", "da": "Efter tema", "uk": "За темою", "sv": "Efter tema"},
    "funding_by_year": {"en": "By year", "da": "Efter år", "uk": "За роками", "sv": "Efter år"},
    "axis_eur": {
        "en": "Amount in euro (converted)",
        "da": "Beløb i euro (omregnet)",
        "uk": "Сума в євро (у перерахунку)",
        "sv": "Belopp i euro (omräknat)",
    },
    "axis_year": {"en": "Year", "da": "År", "uk": "Рік", "sv": "År"},
    "axis_grant": {"en": "Grant", "da": "Bevilling", "uk": "Грант", "sv": "Bidrag"},
    "col_own_currency": {
        "en": "Amount (own currency)",
        "da": "Beløb (egen valuta)",
        "uk": "Сума (власна валюта)",
        "sv": "Belopp (egen valuta)",
    },
    "col_eur": {
        "en": "In euro (converted)",
        "da": "I euro (omregnet)",
        "uk": "У євро (перерахунок)",
        "sv": "I euro (omräknat)",
    },
    "several_themes": {
        "en": "Several themes",
        "da": "Flere temaer",
        "uk": "Кілька тем",
        "sv": "Flera teman",
    },
    "funding_theme_note": {
        "en": "A grant that pays for several themes is counted once, under “several themes”, so the bars add up. The table shows which grants each theme draws on; its rows do not add up.",
        "da": "En bevilling, der betaler for flere temaer, tælles én gang under “flere temaer”, så søjlerne kan lægges sammen. Tabellen viser, hvilke bevillinger hvert tema trækker på; dens rækker kan ikke lægges sammen.",
        "uk": "Грант, що фінансує кілька тем, враховано один раз у «кілька тем», тож стовпчики можна додавати. Таблиця показує, на які гранти спирається кожна тема; її рядки не додаються.",
        "sv": "Ett bidrag som betalar för flera teman räknas en gång, under ”flera teman”, så att staplarna går att lägga ihop. Tabellen visar vilka bidrag varje tema bygger på; dess rader går inte att lägga ihop.",
    },
    "funding_year_note": {
        "en": "Each bar spans the grant's stated period. The sources don't give the split per year, so no amount is divided between years.",
        "da": "Hver søjle dækker bevillingens oplyste periode. Kilderne oplyser ikke fordelingen pr. år, så intet beløb fordeles på år.",
        "uk": "Кожен стовпчик охоплює вказаний період гранту. Джерела не подають розподілу за роками, тож жодну суму не поділено між роками.",
        "sv": "Varje stapel sträcker sig över bidragets angivna period. Källorna anger inte fördelningen per år, så inget belopp delas upp på år.",
    },
    "funding_rates_heading": {
        "en": "Exchange rates used",
        "da": "Anvendte valutakurser",
        "uk": "Використані обмінні курси",
        "sv": "Använda växelkurser",
    },
    "funding_rates_note": {
        "en": "Euro amounts are converted at these reference rates for comparison only, whatever year the money was granted. The sources state the amounts in their own currency.",
        "da": "Eurobeløb er omregnet med disse referencekurser alene til sammenligning, uanset hvilket år pengene blev bevilget. Kilderne oplyser beløbene i deres egen valuta.",
        "uk": "Суми в євро перераховано за цими довідковими курсами лише для порівняння, незалежно від року надання коштів. Джерела вказують суми у власній валюті.",
        "sv": "Eurobeloppen är omräknade med dessa referenskurser enbart för jämförelse, oavsett vilket år pengarna beviljades. Källorna anger beloppen i egen valuta.",
    },
    "col_rate": {"en": "Rate", "da": "Kurs", "uk": "Курс", "sv": "Kurs"},
    "col_rate_date": {"en": "Rate date", "da": "Kursdato", "uk": "Дата курсу", "sv": "Kursdatum"},
    "col_rate_basis": {"en": "What the rate is", "da": "Hvad kursen er", "uk": "Що це за курс", "sv": "Vad kursen är"},
    "rate_basis_annual-average": {
        "en": "Average of the daily reference rates over {date}",
        "da": "Gennemsnit af de daglige referencekurser i {date}",
        "uk": "Середнє значення щоденних довідкових курсів за {date}",
        "sv": "Genomsnitt av de dagliga referenskurserna under {date}",
    },
    "rate_basis_daily": {
        "en": "Reference rate of {date}",
        "da": "Referencekurs pr. {date}",
        "uk": "Довідковий курс на {date}",
        "sv": "Referenskurs per {date}",
    },
    "no_rate": {
        "en": "no exchange rate for {currency}",
        "da": "ingen valutakurs for {currency}",
        "uk": "немає курсу для {currency}",
        "sv": "ingen växelkurs för {currency}",
    },
    "funding_not_stated_heading": {
        "en": "Amounts the sources don't state",
        "da": "Beløb, som kilderne ikke oplyser",
        "uk": "Суми, яких джерела не вказують",
        "sv": "Belopp som källorna inte anger",
    },
    "funding_share_note": {
        "en": "A partnership's share of its programme's grant: never added to the total.",
        "da": "Et partnerskabs andel af programmets bevilling: lægges aldrig til totalen.",
        "uk": "Частка партнерства в гранті його програми: ніколи не додається до загальної суми.",
        "sv": "Ett partnerskaps andel av programmets bidrag: läggs aldrig till summan.",
    },
    "funding_grants_table": {
        "en": "Every grant (data of the charts)",
        "da": "Alle bevillinger (diagrammernes data)",
        "uk": "Усі гранти (дані діаграм)",
        "sv": "Alla bidrag (diagrammens data)",
    },
    "funding_no_amounts": {
        "en": "No stated amount matches these filters.",
        "da": "Intet oplyst beløb passer til disse filtre.",
        "uk": "Жодна вказана сума не відповідає цим фільтрам.",
        "sv": "Inget angivet belopp matchar filtren.",
    },
    "programme_amount": {
        "en": "{amount} for the whole programme; this share not stated",
        "da": "{amount} til hele programmet; denne andel ikke oplyst",
        "uk": "{amount} на всю програму; цю частку не вказано",
        "sv": "{amount} till hela programmet; denna andel inte angiven",
    },
    "period_not_stated_list": {
        "en": "Period not stated (not drawn)",
        "da": "Periode ikke oplyst (ikke tegnet)",
        "uk": "Період не вказано (не показано на діаграмі)",
        "sv": "Period inte angiven (inte ritad)",
    },
    "timeline_intro": {
        "en": "Each bar is a period as the sources state it. A faded bar with a dashed outline has a start or end the sources don't state; it runs to the edge of the chart.",
        "da": "Hver søjle er en periode, som kilderne oplyser den. En bleg søjle med stiplet kant har en start eller slutning, som kilderne ikke oplyser; den løber til kanten af diagrammet.",
        "uk": "Кожен стовпчик — це період, як його вказують джерела. Блідий стовпчик із пунктирним контуром має початок або кінець, яких джерела не вказують; він тягнеться до краю діаграми.",
        "sv": "Varje stapel är en period så som källorna anger den. En blek stapel med streckad kant har en början eller ett slut som källorna inte anger; den går till diagrammets kant.",
    },
    "start_not_stated": {
        "en": "start not stated",
        "da": "start ikke oplyst",
        "uk": "початок не вказано",
        "sv": "start inte angiven",
    },
    "end_not_stated": {
        "en": "end not stated",
        "da": "slutning ikke oplyst",
        "uk": "кінець не вказано",
        "sv": "slut inte angivet",
    },
    "legend_period": {"en": "Period", "da": "Periode", "uk": "Період", "sv": "Period"},
    "shape_stated": {"en": "stated", "da": "oplyst", "uk": "вказано", "sv": "angiven"},
    "shape_open-end": {
        "en": "end not stated",
        "da": "slutning ikke oplyst",
        "uk": "кінець не вказано",
        "sv": "slut inte angivet",
    },
    "shape_open-start": {
        "en": "start not stated",
        "da": "start ikke oplyst",
        "uk": "початок не вказано",
        "sv": "start inte angiven",
    },
    "legend_kind": {"en": "Row", "da": "Række", "uk": "Рядок", "sv": "Rad"},
    "col_name": {"en": "Name", "da": "Navn", "uk": "Назва", "sv": "Namn"},
    "kind_programme": {"en": "Programme", "da": "Program", "uk": "Програма", "sv": "Program"},
    "kind_partnership": {"en": "Partnership", "da": "Partnerskab", "uk": "Партнерство", "sv": "Partnerskap"},
    "kind_funding": {"en": "Funding", "da": "Finansiering", "uk": "Фінансування", "sv": "Finansiering"},
    "kind_figure": {"en": "Key figure", "da": "Nøgletal", "uk": "Ключовий показник", "sv": "Nyckeltal"},
    "selected_year": {
        "en": "Selected year: {year}",
        "da": "Valgt år: {year}",
        "uk": "Вибраний рік: {year}",
        "sv": "Valt år: {year}",
    },
    "timeline_table": {
        "en": "The periods as a table",
        "da": "Perioderne som tabel",
        "uk": "Періоди у вигляді таблиці",
        "sv": "Perioderna som tabell",
    },
    "coverage_intro": {
        "en": "Which themes have a partner, and who funds them? Every theme is listed for every place, so the gaps show too. Programmes whose sources name no Ukrainian city count for Ukraine as a whole.",
        "da": "Hvilke temaer har en partner, og hvem finansierer dem? Alle temaer vises for hvert sted, så hullerne også ses. Programmer, hvis kilder ikke nævner en ukrainsk by, tæller for Ukraine som helhed.",
        "uk": "Які теми мають партнера і хто їх фінансує? Для кожного місця наведено всі теми, тож видно й прогалини. Програми, джерела яких не називають українського міста, враховано для України загалом.",
        "sv": "Vilka teman har en partner, och vem finansierar dem? Alla teman visas för varje ort, så att luckorna också syns. Program vars källor inte nämner någon ukrainsk stad räknas för Ukraina som helhet.",
    },
    "coverage_side": {"en": "Look from", "da": "Se fra", "uk": "Погляд з боку", "sv": "Se från"},
    "side_UA": {"en": "Ukrainian cities", "da": "Ukrainske byer", "uk": "Українські міста", "sv": "Ukrainska städer"},
    "side_nordic": {
        "en": "Nordic municipalities and organisations",
        "da": "Nordiske kommuner og organisationer",
        "uk": "Північні муніципалітети й організації",
        "sv": "Nordiska kommuner och organisationer",
    },
    "coverage_place": {"en": "Place", "da": "Sted", "uk": "Місце", "sv": "Ort"},
    "coverage_with": {
        "en": "Themes with a partner, and who funds them",
        "da": "Temaer med en partner, og hvem der finansierer dem",
        "uk": "Теми з партнером і хто їх фінансує",
        "sv": "Teman med en partner, och vem som finansierar dem",
    },
    "coverage_without": {
        "en": "Themes with no partner yet",
        "da": "Temaer uden partner endnu",
        "uk": "Теми, що ще не мають партнера",
        "sv": "Teman utan partner ännu",
    },
    "coverage_all_covered": {
        "en": "Every theme in view has a partner.",
        "da": "Alle viste temaer har en partner.",
        "uk": "Кожна показана тема має партнера.",
        "sv": "Alla visade teman har en partner.",
    },
    "coverage_none_covered": {
        "en": "No partner on any theme in view.",
        "da": "Ingen partner på nogen af de viste temaer.",
        "uk": "Жодна показана тема не має партнера.",
        "sv": "Ingen partner inom något av de visade temana.",
    },
    "coverage_matrix": {
        "en": "Every place and theme",
        "da": "Alle steder og temaer",
        "uk": "Усі місця й теми",
        "sv": "Alla orter och teman",
    },
    "coverage_matrix_help": {
        "en": "A cell names the partners on that theme; “none” means no partner yet.",
        "da": "En celle nævner partnerne inden for temaet; “ingen” betyder ingen partner endnu.",
        "uk": "У клітинці названо партнерів за темою; «немає» означає, що партнера ще немає.",
        "sv": "En cell namnger partnerna inom temat; ”ingen” betyder ingen partner ännu.",
    },
    "no_partner": {"en": "none", "da": "ingen", "uk": "немає", "sv": "ingen"},
    "no_city_named": {
        "en": "Ukraine (no city named)",
        "da": "Ukraine (ingen by nævnt)",
        "uk": "Україна (місто не названо)",
        "sv": "Ukraina (ingen stad nämnd)",
    },
    "funder_not_stated": {
        "en": "funder not stated",
        "da": "finansiering ikke oplyst",
        "uk": "донора не вказано",
        "sv": "finansiär inte angiven",
    },
    "sources_intro": {
        "en": "Every article the data comes from, and every fact that cites it with the passage quoted.",
        "da": "Alle artikler, som data kommer fra, og alle fakta, der henviser til dem, med det citerede uddrag.",
        "uk": "Усі статті, з яких узято дані, і всі факти, що на них посилаються, з цитованим уривком.",
        "sv": "Alla artiklar som uppgifterna kommer från, och alla fakta som hänvisar till dem, med det citerade stycket.",
    },
    "publisher": {"en": "Publisher", "da": "Udgiver", "uk": "Видавець", "sv": "Utgivare"},
    "date": {"en": "Date", "da": "Dato", "uk": "Дата", "sv": "Datum"},
    "link": {"en": "Link", "da": "Link", "uk": "Посилання", "sv": "Länk"},
    "open_article": {
        "en": "Open the article: {title}",
        "da": "Åbn artiklen: {title}",
        "uk": "Відкрити статтю: {title}",
        "sv": "Öppna artikeln: {title}",
    },
    "article_language": {"en": "Language", "da": "Sprog", "uk": "Мова", "sv": "Språk"},
    "note": {"en": "Note", "da": "Note", "uk": "Примітка", "sv": "Anmärkning"},
    "facts_citing": {
        "en": "Facts citing this source ({count})",
        "da": "Fakta, der henviser til kilden ({count})",
        "uk": "Факти, що посилаються на це джерело ({count})",
        "sv": "Fakta som hänvisar till källan ({count})",
    },
    "no_facts": {
        "en": "Nothing in the data cites this source.",
        "da": "Intet i data henviser til denne kilde.",
        "uk": "Жоден запис у даних не посилається на це джерело.",
        "sv": "Inget i uppgifterna hänvisar till den här källan.",
    },
    "second_report": {
        "en": "second report of the same fact",
        "da": "anden omtale af samme faktum",
        "uk": "повторне повідомлення про той самий факт",
        "sv": "andra rapporten om samma faktum",
    },
    "language_name_da": {"en": "Danish", "da": "dansk", "uk": "данська", "sv": "danska"},
    "language_name_sv": {"en": "Swedish", "da": "svensk", "uk": "шведська", "sv": "svenska"},
    "language_name_en": {"en": "English", "da": "engelsk", "uk": "англійська", "sv": "engelska"},
    "language_name_uk": {"en": "Ukrainian", "da": "ukrainsk", "uk": "українська", "sv": "ukrainska"},
    "about_covers_heading": {
        "en": "What the data covers",
        "da": "Hvad data dækker",
        "uk": "Що охоплюють дані",
        "sv": "Vad uppgifterna täcker",
    },
    "about_covers": {
        "en": "Danish and Swedish municipal cooperation with Ukraine as described in {sources} articles: {partnerships} partnerships between named places, {programmes} programmes and agreements, {funding} funding rows, {figures} key figures, {places} places and {themes} themes. Each fact carries a short verbatim quote from its article, shown on the Sources page.",
        "da": "Dansk og svensk kommunalt samarbejde med Ukraine, som det beskrives i {sources} artikler: {partnerships} partnerskaber mellem navngivne steder, {programmes} programmer og aftaler, {funding} finansieringsrækker, {figures} nøgletal, {places} steder og {themes} temaer. Hvert faktum har et kort ordret citat fra sin artikel, vist på siden Kilder.",
        "uk": "Співпраця данських і шведських муніципалітетів з Україною за матеріалами статей (кількість: {sources}). У даних: партнерства між названими місцями — {partnerships}, програми й угоди — {programmes}, записи про фінансування — {funding}, ключові показники — {figures}, місця — {places}, теми — {themes}. Кожен факт має коротку дослівну цитату зі своєї статті, показану на сторінці «Джерела».",
        "sv": "Danskt och svenskt kommunalt samarbete med Ukraina så som det beskrivs i {sources} artiklar: {partnerships} partnerskap mellan namngivna orter, {programmes} program och avtal, {funding} finansieringsrader, {figures} nyckeltal, {places} orter och {themes} teman. Varje faktum har ett kort ordagrant citat ur sin artikel, som visas på sidan Källor.",
    },
    "about_add_heading": {
        "en": "How to add a partnership",
        "da": "Sådan tilføjer du et partnerskab",
        "uk": "Як додати партнерство",
        "sv": "Så lägger du till ett partnerskap",
    },
    "about_add": {
        "en": "The data is a set of CSV files in `data/`; `data/README.md` is the contract (files, columns, types) and `data/schema.json` its machine-readable form.\n\n1. Add new places to `places.csv` (city-centre coordinates; `make geocode` can look them up).\n2. Add the programme to `programmes.csv` if it is new, with its funder if a source names one.\n3. Add a row to `partnerships.csv`: the two places, programme, themes, status, a description, the source and a short verbatim quote.\n4. Add the article to `sources.csv` if it is new.\n5. Run `make check-data`: it lists every problem with file, row and column. The app shows the same list instead of the map when the data breaks the contract.",
        "da": "Data er et sæt CSV-filer i `data/`; `data/README.md` er kontrakten (filer, kolonner, typer) og `data/schema.json` dens maskinlæsbare form.\n\n1. Tilføj nye steder i `places.csv` (koordinater for bymidten; `make geocode` kan slå dem op).\n2. Tilføj programmet i `programmes.csv`, hvis det er nyt, med finansieringskilde, hvis en kilde nævner den.\n3. Tilføj en række i `partnerships.csv`: de to steder, program, temaer, status, en beskrivelse, kilden og et kort ordret citat.\n4. Tilføj artiklen i `sources.csv`, hvis den er ny.\n5. Kør `make check-data`: den viser alle problemer med fil, række og kolonne. Appen viser samme liste i stedet for kortet, når data bryder kontrakten.",
        "uk": "Дані — це набір CSV-файлів у `data/`; `data/README.md` — це контракт (файли, стовпці, типи), а `data/schema.json` — його машинозчитувана форма.\n\n1. Додайте нові місця до `places.csv` (координати центру міста; `make geocode` може їх знайти).\n2. Додайте програму до `programmes.csv`, якщо вона нова, із донором, якщо джерело його називає.\n3. Додайте рядок до `partnerships.csv`: два місця, програма, теми, статус, опис, джерело й коротка дослівна цитата.\n4. Додайте статтю до `sources.csv`, якщо вона нова.\n5. Запустіть `make check-data`: команда покаже всі проблеми з файлом, рядком і стовпцем. Якщо дані порушують контракт, застосунок показує той самий список замість мапи.",
        "sv": "Uppgifterna är en uppsättning CSV-filer i `data/`; `data/README.md` är kontraktet (filer, kolumner, typer) och `data/schema.json` dess maskinläsbara form.\n\n1. Lägg till nya orter i `places.csv` (koordinater för stadskärnan; `make geocode` kan slå upp dem).\n2. Lägg till programmet i `programmes.csv` om det är nytt, med finansiär om en källa nämner den.\n3. Lägg till en rad i `partnerships.csv`: de två orterna, program, teman, status, en beskrivning, källan och ett kort ordagrant citat.\n4. Lägg till artikeln i `sources.csv` om den är ny.\n5. Kör `make check-data`: det listar alla problem med fil, rad och kolumn. Appen visar samma lista i stället för kartan när uppgifterna bryter mot kontraktet.",
    },
    "about_policy_heading": {
        "en": "Facts the articles don't state",
        "da": "Fakta, som artiklerne ikke oplyser",
        "uk": "Факти, яких статті не вказують",
        "sv": "Fakta som artiklarna inte anger",
    },
    "about_policy": {
        "en": "Nothing is filled in by guesswork. A missing amount, date, funder or partner city stays empty and the app says “not stated”; an unstated amount is never counted as zero, and an unknown period is never drawn as if it were known. A grant reported by two articles is one row with two sources and is counted once. Swedish programmes that name no Ukrainian city are listed, not drawn to a city we picked. An article that supports nothing on the map (the Copenhagen refugee agreement, which is not about Ukraine) stays in the source list with a note.",
        "da": "Intet udfyldes med gætværk. Et manglende beløb, en dato, en finansieringskilde eller en partnerby forbliver tom, og appen skriver “ikke oplyst”; et ikke-oplyst beløb tælles aldrig som nul, og en ukendt periode tegnes aldrig, som om den var kendt. En bevilling, der omtales i to artikler, er én række med to kilder og tælles én gang. Svenske programmer, der ikke nævner en ukrainsk by, listes og tegnes ikke til en by, vi har valgt. En artikel, der ikke understøtter noget på kortet (Københavns flygtningeaftale, som ikke handler om Ukraine), står i kildelisten med en note.",
        "uk": "Ніщо не заповнюється здогадками. Відсутня сума, дата, донор чи місто-партнер залишаються порожніми, і застосунок пише «не вказано»; невказану суму ніколи не враховано як нуль, а невідомий період ніколи не показано так, ніби він відомий. Грант, про який повідомляють дві статті, — це один рядок із двома джерелами, і його враховано один раз. Шведські програми, що не називають українського міста, наведено списком, а не проведено лінією до вибраного нами міста. Статтю, яка нічого не підтверджує на мапі (угоду Копенгагена про біженців, що не стосується України), залишено в списку джерел із приміткою.",
        "sv": "Ingenting fylls i genom gissningar. Ett saknat belopp, datum, en finansiär eller en partnerstad lämnas tom och appen skriver ”inte angiven”; ett belopp som inte anges räknas aldrig som noll, och en okänd period ritas aldrig som om den vore känd. Ett bidrag som två artiklar rapporterar är en rad med två källor och räknas en gång. Svenska program som inte nämner någon ukrainsk stad listas i stället för att ritas till en stad vi valt. En artikel som inte stöder något på kartan (Köpenhamns flyktingavtal, som inte handlar om Ukraina) finns kvar i källistan med en anmärkning.",
    },
    "about_languages_heading": {
        "en": "Languages and accessibility",
        "da": "Sprog og tilgængelighed",
        "uk": "Мови та доступність",
        "sv": "Språk och tillgänglighet",
    },
    "about_languages": {
        "en": "The app speaks English, Danish, Ukrainian and Swedish (the language switch in the sidebar, or `?lang=da`, `uk`, `sv` in the link). The filters, the language and the year live in the link, so a shared link opens the same view on every page. Every filter and table can be reached with the keyboard, and the Partnerships page is the map's text alternative.",
        "da": "Appen findes på engelsk, dansk, ukrainsk og svensk (sprogvælgeren i sidepanelet eller `?lang=da`, `uk`, `sv` i linket). Filtre, sprog og år ligger i linket, så et delt link åbner samme visning på alle sider. Alle filtre og tabeller kan nås med tastaturet, og siden Partnerskaber er kortets tekstalternativ.",
        "uk": "Застосунок доступний англійською, данською, українською та шведською (перемикач мови на бічній панелі або `?lang=da`, `uk`, `sv` у посиланні). Фільтри, мова й рік зберігаються в посиланні, тож надіслане посилання відкриває той самий вигляд на кожній сторінці. До всіх фільтрів і таблиць можна дістатися з клавіатури, а сторінка «Партнерства» є текстовою альтернативою мапи.",
        "sv": "Appen finns på engelska, danska, ukrainska och svenska (språkväljaren i sidopanelen, eller `?lang=da`, `uk`, `sv` i länken). Filter, språk och år ligger i länken, så en delad länk öppnar samma vy på varje sida. Alla filter och tabeller nås med tangentbordet, och sidan Partnerskap är kartans textalternativ.",
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
    text = format_currency(amount, currency, format=pattern, locale=locale(lang), currency_digits=False)
    # CLDR's currency spacing, which Babel leaves out: a code made of letters never touches
    # the digits ("DKK 20,000,000", not "DKK20,000,000").
    return re.sub(r"^([A-Za-z]{2,})(?=\d)", "\\1\u00a0", text)
