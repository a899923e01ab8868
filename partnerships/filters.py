"""The one filter: what the map, the tables and the panels show for a selection.

The selection lives in the URL (`?theme=waste,veterans&funder=sida&country=DK&programme=prosto&year=2024`)
so a shared link restores exactly the same view.

The year filter keeps what was running in that year. A period the sources don't fully state
(no start, or no end) cannot rule a year out, so such a row is kept and marked in
`View.undated` rather than dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from partnerships.dataset import Dataset

FILTER_KEYS = ("theme", "funder", "country", "programme", "year")


@dataclass(frozen=True)
class Filters:
    """An empty field means 'all'."""

    themes: tuple[str, ...] = ()
    funder: str = ""
    country: str = ""
    programme: str = ""
    year: int | None = None

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
            "year": str(self.year) if self.year is not None else "",
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
    year = _first(params.get("year"))
    return Filters(
        themes=themes,
        funder=funder if funder in dataset.funder_by_id else "",
        country=country if country in countries(dataset) else "",
        programme=programme if programme in dataset.programme_by_id else "",
        year=int(year) if year.isdigit() and int(year) in years(dataset) else None,
    )


def countries(dataset: Dataset) -> list[str]:
    """Countries that appear in the data, in a stable order."""
    return sorted(set(dataset.places["country"]) | set(dataset.programmes["country"]))


def period_years(start: str, end: str, duration_years: object = None) -> tuple[int | None, int | None]:
    """The first and last calendar year a period touches; None where the sources don't say.

    A stated duration without an end ("from 2023 for three years") can reach into year
    start + duration (spring 2023 + 3 years is spring 2026).
    """
    first = int(start[:4]) if start else None
    last = int(end[:4]) if end else None
    if last is None and first is not None and str(duration_years) not in ("", "None", "<NA>", "nan"):
        last = first + int(duration_years)
    return first, last


def years(dataset: Dataset) -> list[int]:
    """Every year from the earliest to the latest stated in any period of the data."""
    stated = [
        year
        for table in (dataset.partnerships, dataset.programmes, dataset.funding)
        for record in table.to_dict("records")
        for year in period_years(record["start"], record["end"], record.get("duration_years"))
        if year is not None
    ]
    return list(range(min(stated), max(stated) + 1)) if stated else []


def year_match(record: dict, year: int | None) -> bool | None:
    """True: the period covers `year`; False: it rules it out; None: not stated enough to tell."""
    if year is None:
        return True
    first, last = period_years(record["start"], record["end"], record.get("duration_years"))
    if (first is not None and year < first) or (last is not None and year > last):
        return False
    return True if first is not None and last is not None else None


@dataclass(frozen=True)
class View:
    """What one selection shows. Every page draws from this and nothing else."""

    partnerships: pd.DataFrame
    # Programmes the sources describe without naming a partner place: listed, not drawn.
    unlinked_programmes: pd.DataFrame
    funding: pd.DataFrame
    places: pd.DataFrame
    programme_ids: frozenset[str]
    # Ids of rows kept under a year filter although their period is not (fully) stated.
    undated: frozenset[str] = frozenset()


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
    undated: set[str] = set()

    def in_year(row: pd.Series) -> bool:
        match = year_match(row, filters.year)
        if match is None:
            undated.add(row["id"])
        return match is not False

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
        return _matches_programme(dataset, row["programme"], filters.programme) and in_year(row)

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
        return _matches_programme(dataset, row["id"], filters.programme) and in_year(row)

    partnerships = _select(dataset.partnerships, partnership_visible)
    unlinked = _select(dataset.programmes, programme_visible)
    shown_programmes = set(partnerships["programme"]) | set(unlinked["id"])
    # Funding given to an umbrella programme also pays for the projects under it.
    funded_programmes = {p for programme in shown_programmes for p in programme_lineage(dataset, programme)}

    shown_partnerships = set(partnerships["id"])

    def funding_visible(row: pd.Series) -> bool:
        if row["programme"] not in funded_programmes:
            return False
        if filters.funder and row["funder"] != filters.funder:
            return False
        if row["partnership"] and row["partnership"] not in shown_partnerships:
            return False
        return in_year(row)

    funding = _select(dataset.funding, funding_visible)
    place_ids = (set(partnerships["from_place"]) | set(partnerships["to_place"]) | set(unlinked["owner_place"])) - {""}
    shown_places = dataset.places[dataset.places["id"].isin(place_ids)].reset_index(drop=True)
    return View(partnerships, unlinked, funding, shown_places, frozenset(shown_programmes), frozenset(undated))


def _select(frame: pd.DataFrame, keep) -> pd.DataFrame:
    if frame.empty:
        return frame
    return frame[frame.apply(keep, axis=1)].reset_index(drop=True)
