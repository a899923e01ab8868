"""The one filter: what the map, the tables and the panels show for a selection.

Each filter is declared once, in FILTERS: its URL key, its options, how an option reads in
the reader's language, and a predicate. The sidebar, the URL, the reset button and
apply_filters are all driven from that table, so a new filter is one FilterSpec.

The selection lives in the URL (`?theme=waste,veterans&kind=agreement&country=DK&programme=prosto&year=2024`)
so a shared link restores exactly the same view.

The year filter keeps what was running in that year. A period the sources don't fully state
(no start, or no end) cannot rule a year out, so such a row is kept and marked in
`View.undated` rather than dropped. Any predicate may answer None ("the sources don't say
enough to tell") with the same effect.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from partnerships.dataset import Dataset, records_of
from partnerships.i18n import t
from partnerships.kinds import kinds_in_data
from partnerships.labels import funder_name, programme_name, theme_label
from partnerships.period import Period


@dataclass(frozen=True)
class Subject:
    """What the filters look at in one row: a partnership, an unlinked programme or a funding row.

    A field that does not apply to the row's kind is None, and filters on it keep the row
    (funding rows have no themes of their own; they follow the programmes shown).
    """

    id: str
    row: Mapping[str, object]
    themes: frozenset[str] | None = None
    funder: str | None = None
    countries: frozenset[str] | None = None
    programmes: tuple[str, ...] | None = None  # the programme and its parents
    period: Period | None = None
    kind: str | None = None  # the kind of tie; "" for a programme (none), None for funding


Verdict = bool | None  # None: kept, but the sources don't say enough to tell


@dataclass(frozen=True)
class FilterSpec:
    """One filter, declared once. `key` is the URL parameter and the translation key of its label."""

    key: str
    options: Callable[[Dataset], Sequence[str]]
    label: Callable[[Dataset, str, str], str]  # (dataset, option, lang) -> text
    keeps: Callable[[Subject, tuple[str, ...]], Verdict]  # called only when something is chosen
    multiple: bool = False
    help_key: str = ""


def _among(value: object, chosen: tuple[str, ...]) -> Verdict:
    return value is None or value in chosen


def _overlaps(values: frozenset[str] | None, chosen: tuple[str, ...]) -> Verdict:
    return values is None or bool(values & set(chosen))


def _in_year(period: Period | None, chosen: tuple[str, ...]) -> Verdict:
    return True if period is None else period.covers(int(chosen[0]))


FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec(
        "theme",
        options=lambda dataset: dataset.theme_ids,
        label=theme_label,
        keeps=lambda subject, chosen: _overlaps(subject.themes, chosen),
        multiple=True,
    ),
    FilterSpec(
        "funder",
        options=lambda dataset: list(dataset.funders["id"]),
        label=funder_name,
        keeps=lambda subject, chosen: _among(subject.funder, chosen),
    ),
    FilterSpec(
        "country",
        options=lambda dataset: countries(dataset),
        label=lambda dataset, country, lang: t(f"country_{country}", lang),
        keeps=lambda subject, chosen: _overlaps(subject.countries, chosen),
    ),
    FilterSpec(
        "kind",
        options=lambda dataset: dataset.derived("kinds", lambda d: kinds_in_data(d.partnerships["kind"].unique())),
        label=lambda dataset, kind, lang: t(f"kind_{kind}", lang),
        keeps=lambda subject, chosen: _among(subject.kind, chosen),
        multiple=True,
    ),
    FilterSpec(
        "programme",
        options=lambda dataset: list(dataset.programmes["id"]),
        label=programme_name,
        # A parent programme includes its projects.
        keeps=lambda subject, chosen: subject.programmes is None or chosen[0] in subject.programmes,
    ),
    FilterSpec(
        "year",
        options=lambda dataset: [str(year) for year in years(dataset)],
        label=lambda dataset, year, lang: year,
        keeps=lambda subject, chosen: _in_year(subject.period, chosen),
        help_key="year_help",
    ),
)


def filter_keys() -> tuple[str, ...]:
    """The keys of FILTERS, read when called (a test may declare one more filter)."""
    return tuple(spec.key for spec in FILTERS)


def _values(value: object) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str | int):
        return (str(value),)
    return tuple(str(item) for item in value if str(item))


@dataclass(frozen=True)
class Filters:
    """A selection: the chosen values of each filter, by FILTERS key. Nothing chosen means 'all'.

    `Filters(theme=("waste",), country="DK", year=2024)`; unknown keys are an error.
    """

    chosen: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __init__(self, **values: object) -> None:
        unknown = set(values) - set(filter_keys())
        if unknown:
            raise TypeError(f"unknown filter(s): {sorted(unknown)}; known: {filter_keys()}")
        chosen = {key: _values(values.get(key)) for key in filter_keys()}
        object.__setattr__(self, "chosen", {key: value for key, value in chosen.items() if value})

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.chosen.items())))

    def get(self, key: str) -> tuple[str, ...]:
        return self.chosen.get(key, ())

    @property
    def themes(self) -> tuple[str, ...]:
        """The themes asked for: the map colours each line by the first of them it has."""
        return self.get("theme")

    @property
    def year(self) -> int | None:
        return int(self.get("year")[0]) if self.get("year") else None

    @property
    def is_empty(self) -> bool:
        return not self.chosen

    def to_query_params(self) -> dict[str, str]:
        """Only the filters that are set, so the default view has a clean URL."""
        return {key: ",".join(values) for key, values in self.chosen.items()}


def filters_from_query_params(params: Mapping[str, str | list[str]], dataset: Dataset) -> Filters:
    """Read filters from URL parameters, dropping values the dataset does not know (a stale link still opens).

    A value may be comma-separated (`theme=waste,veterans`) or repeated (`theme=waste&theme=veterans`);
    a single-choice filter takes the first known value.
    """
    chosen: dict[str, tuple[str, ...]] = {}
    for spec in FILTERS:
        raw = params.get(spec.key) or []
        parts = [part.strip() for item in ([raw] if isinstance(raw, str) else raw) for part in item.split(",")]
        known = set(spec.options(dataset))
        # Country codes are upper case in the data; links written by hand may not be.
        values = [part.upper() if spec.key == "country" else part for part in parts]
        valid = tuple(dict.fromkeys(value for value in values if value in known))
        chosen[spec.key] = valid if spec.multiple else valid[:1]
    return Filters(**chosen)


def countries(dataset: Dataset) -> list[str]:
    """Countries that appear in the data, in a stable order."""
    return sorted(set(dataset.places["country"]) | set(dataset.programmes["country"]))


def years(dataset: Dataset) -> list[int]:
    """Every year from the earliest to the latest stated in any period of the data."""
    return list(dataset.derived("years", _years))


def _years(dataset: Dataset) -> tuple[int, ...]:
    periods = [
        Period.of(record)
        for by_id in (dataset.partnership_by_id, dataset.programme_by_id, dataset.funding_by_id)
        for record in by_id.values()
    ]
    stated = [year for period in periods for year in (period.first_year, period.last_year) if year is not None]
    return tuple(range(min(stated), max(stated) + 1)) if stated else ()


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


def _tie_subject(
    dataset: Dataset, row: Mapping[str, object], programme_id: str, countries: set[str], kind: str
) -> Subject:
    """A partnership, or a programme listed without a partner place: what it is about, who funds it, where."""
    return Subject(
        id=str(row["id"]),
        row=row,
        themes=frozenset(row["themes"] or ()),
        funder=programme_funder(dataset, programme_id),
        countries=frozenset(countries),
        programmes=tuple(programme_lineage(dataset, programme_id)),
        period=Period.of(row),
        kind=kind,
    )


def _partnership_subject(dataset: Dataset, row: Mapping[str, object]) -> Subject:
    places = dataset.place_by_id
    ends = {places[row["from_place"]]["country"], places[row["to_place"]]["country"]}
    return _tie_subject(dataset, row, str(row["programme"]), ends, str(row["kind"] or ""))


def _programme_subject(dataset: Dataset, row: Mapping[str, object]) -> Subject:
    # A programme listed without a partner place is no tie between two places: no kind.
    return _tie_subject(dataset, row, str(row["id"]), {str(row["country"])}, kind="")


def _funding_subject(dataset: Dataset, row: Mapping[str, object]) -> Subject:
    # Themes, countries and programmes reach funding through the programmes shown (apply_filters).
    return Subject(
        id=str(row["id"]),
        row=row,
        funder=row["funder"] or "",
        period=Period.of(row),
    )


def _subjects(dataset: Dataset) -> dict[str, dict[str, Subject]]:
    """What the filters look at in every row: the same for every selection, so made once per dataset."""
    return {
        "partnerships": {pid: _partnership_subject(dataset, row) for pid, row in dataset.partnership_by_id.items()},
        "programmes": {pid: _programme_subject(dataset, row) for pid, row in dataset.programme_by_id.items()},
        "funding": {fid: _funding_subject(dataset, row) for fid, row in dataset.funding_by_id.items()},
    }


def apply_filters(dataset: Dataset, filters: Filters) -> View:
    """Filter partnerships, unlinked programmes, funding and places by one selection."""
    undated: set[str] = set()

    def kept(table: str, frame: pd.DataFrame, also: np.ndarray | None = None) -> pd.DataFrame:
        """The frame's rows every chosen filter keeps (and `also` allows); notes the undated ones."""
        keep, unsure = _verdicts(dataset, table, filters)
        if also is not None:
            keep = keep & also
        undated.update(np.asarray(frame["id"].tolist(), dtype=object)[keep & unsure].tolist())
        return frame[keep].reset_index(drop=True)

    linked_programmes = dataset.derived("linked_programmes", lambda d: set(d.partnerships["programme"].tolist()))
    partnerships = kept("partnerships", dataset.partnerships)
    programme_records = records_of(dataset.programmes, dataset.programme_by_id)
    unlinked = kept(
        "programmes",
        dataset.programmes,
        np.array([record["id"] not in linked_programmes for record in programme_records], dtype=bool),
    )
    shown_programmes = set(partnerships["programme"].tolist()) | set(unlinked["id"].tolist())
    # Funding given to an umbrella programme also pays for the projects under it.
    funded_programmes = {p for programme in shown_programmes for p in programme_lineage(dataset, programme)}
    shown_partnerships = set(partnerships["id"].tolist())
    funding = kept(
        "funding",
        dataset.funding,
        np.array(
            [
                record["programme"] in funded_programmes
                and (not record["partnership"] or record["partnership"] in shown_partnerships)
                for record in records_of(dataset.funding, dataset.funding_by_id)
            ],
            dtype=bool,
        ),
    )
    place_ids = (
        set(partnerships["from_place"].tolist())
        | set(partnerships["to_place"].tolist())
        | set(unlinked["owner_place"].tolist())
    ) - {
        "",
        None,
    }
    shown_places = dataset.places[dataset.places["id"].isin(place_ids)].reset_index(drop=True)
    return View(partnerships, unlinked, funding, shown_places, frozenset(shown_programmes), frozenset(undated))


# What one filter choice says about every row of a table is worked out once per dataset and
# kept (at 10,000 partnerships, asking each row anew took 20 ms of every filter change). Only
# the last VERDICTS_KEPT choices worked out are kept: no sequence of links can grow it for ever.
VERDICTS_KEPT = 256
_verdicts_lock = threading.Lock()


def _verdicts(dataset: Dataset, table: str, filters: Filters) -> tuple[np.ndarray, np.ndarray]:
    """Per row of the table's frame: kept by every chosen filter; kept although one could not tell."""
    rows = len(getattr(dataset, table))
    keep, unsure = np.ones(rows, dtype=bool), np.zeros(rows, dtype=bool)
    for spec in FILTERS:
        chosen = filters.get(spec.key)
        if chosen:
            spec_keeps, spec_unsure = _spec_verdicts(dataset, table, spec, chosen)
            keep &= spec_keeps
            unsure |= spec_unsure
    return keep, unsure


def _spec_verdicts(
    dataset: Dataset, table: str, spec: FilterSpec, chosen: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray]:
    cache: dict = dataset.derived("filter_verdicts", lambda d: {})
    key = (table, spec, chosen)
    with _verdicts_lock:
        found = cache.get(key)
    if found is not None:
        return found
    subjects = dataset.derived("filter_subjects", _subjects)[table]
    verdicts = [spec.keeps(subjects[row_id], chosen) for row_id in getattr(dataset, table)["id"].tolist()]
    found = (
        np.array([verdict is not False for verdict in verdicts], dtype=bool),
        np.array([verdict is None for verdict in verdicts], dtype=bool),
    )
    for shared in found:
        shared.flags.writeable = False  # shared by every later view with this choice
    with _verdicts_lock:
        cache[key] = found
        while len(cache) > VERDICTS_KEPT:
            del cache[next(iter(cache))]
    return found
