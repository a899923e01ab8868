"""What is covered: which themes each place has a partner on, and who funds it.

Coverage answers "which of our themes have no partner yet, and who funds the ones that do?":
for each Ukrainian city, the themes a Nordic partner works on with it (and who pays), and the
themes nobody does; the same the other way round for each Nordic municipality. Programmes
whose sources name no Ukrainian city count for Ukraine as a whole ("no city named"), never
for a city picked by us.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from partnerships.dataset import Dataset, records_of
from partnerships.filters import View, programme_funder
from partnerships.grant_projection import programme_grants_text
from partnerships.i18n import t
from partnerships.labels import funder_name, place_name, programme_name, theme_label

UKRAINE = "UA"
NO_CITY = ""  # the partner of a programme that names no Ukrainian city


@dataclass(frozen=True)
class Link:
    """One partner on one theme: who, through which programme, paid by whom."""

    partner: str  # place id, or NO_CITY
    programme: str
    funder: str  # funder id, or "" when the sources don't name one
    partnership: str  # partnership id, or "" for a programme without partnership rows
    owner: str = ""  # who runs the programme, named when the partner has no place on the map


@dataclass
class PlaceCoverage:
    place: str  # place id, or NO_CITY for "Ukraine, no city named"
    covered: dict[str, list[Link]] = field(default_factory=dict)
    uncovered: list[str] = field(default_factory=list)


def _themes_in_scope(dataset: Dataset, themes: tuple[str, ...]) -> list[str]:
    return [theme for theme in dataset.theme_ids if not themes or theme in themes]


def _ukrainian_side(dataset: Dataset, record: dict) -> tuple[str, str] | None:
    """(Ukrainian place, Nordic place) of a partnership; None when neither side is in Ukraine."""
    places = dataset.place_by_id
    a, b = record["from_place"], record["to_place"]
    if places[b]["country"] == UKRAINE and places[a]["country"] != UKRAINE:
        return b, a
    if places[a]["country"] == UKRAINE and places[b]["country"] != UKRAINE:
        return a, b
    return None


def coverage(dataset: Dataset, view: View, side: str, themes: tuple[str, ...] = ()) -> list[PlaceCoverage]:
    """Per place on one side ("UA": Ukrainian cities, "nordic": Nordic places), its themes with and without a partner.

    `themes` limits the themes looked at (the theme filter); every place of that side is listed,
    so a city with no partner at all shows every theme as uncovered.
    """
    in_scope = _themes_in_scope(dataset, themes)
    ukrainian = side == UKRAINE
    places = [place_id for place_id, place in dataset.place_by_id.items() if (place["country"] == UKRAINE) == ukrainian]
    result = {place: PlaceCoverage(place) for place in places}
    if ukrainian:
        result[NO_CITY] = PlaceCoverage(NO_CITY)

    def add(place: str, theme: str, link: Link) -> None:
        if place in result and theme in in_scope:
            result[place].covered.setdefault(theme, []).append(link)

    for record in records_of(view.partnerships, dataset.partnership_by_id):
        pair = _ukrainian_side(dataset, record)
        if pair is None:
            continue  # a Nordic-Nordic partnership (Copenhagen with Odense) names no Ukrainian partner
        here, there = pair if ukrainian else pair[::-1]
        funder = programme_funder(dataset, record["programme"])
        for theme in record["themes"]:
            add(here, theme, Link(there, record["programme"], funder, record["id"]))
    for record in records_of(view.unlinked_programmes, dataset.programme_by_id):
        funder = programme_funder(dataset, record["id"])
        owner_place = record["owner_place"] or NO_CITY
        here = NO_CITY if ukrainian else owner_place
        there = owner_place if ukrainian else NO_CITY
        for theme in record["themes"]:
            add(here, theme, Link(there, record["id"], funder, "", owner=record["owner"] if ukrainian else ""))
    for entry in result.values():
        entry.uncovered = [theme for theme in in_scope if theme not in entry.covered]
    return list(result.values())


def place_label(dataset: Dataset, place: str, lang: str) -> str:
    return place_name(dataset, place, lang) if place else t("no_city_named", lang)


def partner_label(dataset: Dataset, link: Link, lang: str) -> str:
    """The partner's place; for a Swedish programme placed nowhere on the map, who runs it."""
    if not link.partner and link.owner and not link.partnership:
        return link.owner
    return place_label(dataset, link.partner, lang)


def matrix(dataset: Dataset, entries: list[PlaceCoverage], lang: str) -> pd.DataFrame:
    """Themes as rows, places as columns; a cell names the partners, or says there is none.

    Text, not colour, carries the answer, so it reads the same to everyone and to screen readers.
    """
    themes = sorted(
        {theme for entry in entries for theme in [*entry.covered, *entry.uncovered]},
        key=dataset.theme_ids.index,
    )
    none = t("no_partner", lang)
    columns = {
        place_label(dataset, entry.place, lang): [
            ", ".join(dict.fromkeys(partner_label(dataset, link, lang) for link in entry.covered[theme]))
            if theme in entry.covered
            else none
            for theme in themes
        ]
        for entry in entries
    }
    frame = pd.DataFrame(columns)
    frame.insert(0, t("theme", lang), [theme_label(dataset, theme, lang) for theme in themes])
    return frame


def funders_of_covered(dataset: Dataset, entry: PlaceCoverage, lang: str) -> pd.DataFrame:
    """One row per covered theme and partner: who, through what, funded by whom, and the stated amount."""
    rows = []
    amounts: dict[str, str] = {}  # per programme: a place may have thousands of links
    for theme in sorted(entry.covered, key=dataset.theme_ids.index):
        for link in entry.covered[theme]:
            if link.programme not in amounts:
                amounts[link.programme] = programme_grants_text(dataset, link.programme, lang)
            amount = amounts[link.programme]
            rows.append(
                {
                    t("theme", lang): theme_label(dataset, theme, lang),
                    t("partners", lang): partner_label(dataset, link, lang),
                    t("programme", lang): programme_name(dataset, link.programme, lang),
                    t("funder", lang): funder_name(dataset, link.funder, lang)
                    if link.funder
                    else t("funder_not_stated", lang),
                    t("amount", lang): t("programme_amount", lang, amount=amount) if amount else t("not_stated", lang),
                }
            )
    return pd.DataFrame(rows)
