"""The one filter: what the map, the tables and the panels show for a selection.

The selection lives in the URL (`?theme=waste,veterans&funder=sida&country=DK&programme=prosto`)
so a shared link restores exactly the same view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from partnerships.dataset import Dataset

FILTER_KEYS = ("theme", "funder", "country", "programme")


@dataclass(frozen=True)
class Filters:
    """An empty field means 'all'."""

    themes: tuple[str, ...] = ()
    funder: str = ""
    country: str = ""
    programme: str = ""

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def to_query_params(self) -> dict[str, str]:
        """Only the fields that are set, so the default view has a clean URL."""
        params = {
            "theme": ",".join(self.themes),
            "funder": self.funder,
            "country": self.country,
            "programme": self.programme,
        }
        return {key: value for key, value in params.items() if value}


def _first(value: str | list[str] | None) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return (value or "").strip()


def filters_from_query_params(params: Mapping[str, str | list[str]], dataset: Dataset) -> Filters:
    """Read filters from URL parameters, dropping ids the dataset does not know (a stale link still opens)."""
    theme_ids = set(dataset.theme_ids)
    raw_themes = ",".join(
        params.get("theme", []) if isinstance(params.get("theme"), list) else [_first(params.get("theme"))]
    )
    themes = tuple(dict.fromkeys(t.strip() for t in raw_themes.split(",") if t.strip() in theme_ids))
    funder = _first(params.get("funder"))
    country = _first(params.get("country")).upper()
    programme = _first(params.get("programme"))
    return Filters(
        themes=themes,
        funder=funder if funder in dataset.funder_by_id else "",
        country=country if country in countries(dataset) else "",
        programme=programme if programme in dataset.programme_by_id else "",
    )


def countries(dataset: Dataset) -> list[str]:
    """Countries that appear in the data, in a stable order."""
    return sorted(set(dataset.places["country"]) | set(dataset.programmes["country"]))


@dataclass(frozen=True)
class View:
    """What one selection shows. Every page draws from this and nothing else."""

    partnerships: pd.DataFrame
    # Programmes the sources describe without naming a partner place: listed, not drawn.
    unlinked_programmes: pd.DataFrame
    funding: pd.DataFrame
    places: pd.DataFrame
    programme_ids: frozenset[str]


def programme_lineage(dataset: Dataset, programme_id: str) -> list[str]:
    """The programme and its parents, nearest first (a project under an umbrella programme)."""
    lineage = []
    current = programme_id
    while current and current not in lineage and current in dataset.programme_by_id:
        lineage.append(current)
        current = dataset.programme_by_id[current]["parent"]
    return lineage


def programme_funder(dataset: Dataset, programme_id: str) -> str:
    """A programme's funder, inherited from its parent when it does not name its own."""
    for ancestor in programme_lineage(dataset, programme_id):
        funder = dataset.programme_by_id[ancestor]["funder"]
        if funder:
            return funder
    return ""


def _matches_programme(dataset: Dataset, programme_id: str, selected: str) -> bool:
    return not selected or selected in programme_lineage(dataset, programme_id)


def apply_filters(dataset: Dataset, filters: Filters) -> View:
    """Filter partnerships, unlinked programmes, funding and places by one selection."""
    places = dataset.place_by_id
    wanted_themes = set(filters.themes)

    def partnership_visible(row: pd.Series) -> bool:
        if wanted_themes and not wanted_themes & set(row["themes"]):
            return False
        if filters.funder and programme_funder(dataset, row["programme"]) != filters.funder:
            return False
        if filters.country and filters.country not in {
            places[row["from_place"]]["country"],
            places[row["to_place"]]["country"],
        }:
            return False
        return _matches_programme(dataset, row["programme"], filters.programme)

    linked_programmes = set(dataset.partnerships["programme"])

    def programme_visible(row: pd.Series) -> bool:
        if row["id"] in linked_programmes:
            return False
        if wanted_themes and not wanted_themes & set(row["themes"]):
            return False
        if filters.funder and programme_funder(dataset, row["id"]) != filters.funder:
            return False
        if filters.country and row["country"] != filters.country:
            return False
        return _matches_programme(dataset, row["id"], filters.programme)

    partnerships = _select(dataset.partnerships, partnership_visible)
    unlinked = _select(dataset.programmes, programme_visible)
    shown_programmes = set(partnerships["programme"]) | set(unlinked["id"])
    # Funding given to an umbrella programme also pays for the projects under it.
    funded_programmes = {p for programme in shown_programmes for p in programme_lineage(dataset, programme)}

    def funding_visible(row: pd.Series) -> bool:
        if row["programme"] not in funded_programmes:
            return False
        if filters.funder and row["funder"] != filters.funder:
            return False
        return not row["partnership"] or row["partnership"] in set(partnerships["id"])

    funding = _select(dataset.funding, funding_visible)
    place_ids = (set(partnerships["from_place"]) | set(partnerships["to_place"]) | set(unlinked["owner_place"])) - {""}
    shown_places = dataset.places[dataset.places["id"].isin(place_ids)].reset_index(drop=True)
    return View(partnerships, unlinked, funding, shown_places, frozenset(shown_programmes))


def _select(frame: pd.DataFrame, keep) -> pd.DataFrame:
    if frame.empty:
        return frame
    return frame[frame.apply(keep, axis=1)].reset_index(drop=True)
