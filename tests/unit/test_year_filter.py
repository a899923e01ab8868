"""The year filter: what was running in a year, keeping (and marking) what the sources don't date.

Periods from the articles:
- SKR (27 Feb 2024): SALAR International's projects in Ukraine 2014–2024 (Sida's SEK 250 million
  over the same years); the MSW pre-study runs "fram till mars 2024", start not stated.
- Copenhagen's press release: the friendship agreement from 2023, "en treårig periode".
- Nothing else has a stated period: kept under every year, marked in View.undated.
"""

from __future__ import annotations

import pytest

from partnerships.dataset import Dataset
from partnerships.filters import Filters, apply_filters, filters_from_query_params, years
from partnerships.period import Period

FRIENDSHIP = "copenhagen-kyiv-friendship"
SALAR = "salar-ukraine"
MSW = "msw-prestudy"
SIDA_GRANT = "se-sida-salar"
UNDATED_LINE = "aarhus-lviv"


@pytest.mark.parametrize(
    ("start", "end", "duration", "expected"),
    [
        ("2014", "2024", None, (2014, 2024)),
        ("2023", None, 3, (2023, 2026)),  # spring 2023 + three years reaches into 2026
        (None, "2024-03", None, (None, 2024)),
        ("2023", None, None, (2023, None)),
        (None, None, 4, (None, None)),  # a duration with no start dates nothing
        (None, None, None, (None, None)),
    ],
)
def test_years_a_period_touches(start: str | None, end: str | None, duration: int | None, expected: tuple) -> None:
    period = Period(start, end, duration)
    assert (period.first_year, period.last_year) == expected


@pytest.mark.parametrize(
    ("record", "year", "expected"),
    [
        ({"start": "2014", "end": "2024"}, 2014, True),
        ({"start": "2014", "end": "2024"}, 2013, False),
        ({"start": "2014", "end": "2024"}, 2025, False),
        ({"start": None, "end": "2024-03"}, 2025, False),
        ({"start": None, "end": "2024-03"}, 2020, None),  # could have run then: start not stated
        ({"start": "2023", "end": None}, 2030, None),  # open end
        ({"start": None, "end": None}, 2024, None),
    ],
)
def test_a_period_covers_a_year(record: dict, year: int, expected: bool | None) -> None:
    assert Period.of(record).covers(year) is expected


def test_years_span_the_stated_periods(dataset: Dataset) -> None:
    # 2014 (SALAR International) to 2026 (the friendship agreement's third year).
    assert years(dataset) == list(range(2014, 2027))


def _shown(view) -> set[str]:
    return set(view.partnerships["id"]) | set(view.unlinked_programmes["id"]) | set(view.funding["id"])


def test_no_year_marks_nothing(dataset: Dataset) -> None:
    assert apply_filters(dataset, Filters()).undated == frozenset()


def test_2015_drops_what_had_not_started_and_marks_the_undated(dataset: Dataset) -> None:
    view = apply_filters(dataset, Filters(year=2015))
    assert FRIENDSHIP not in _shown(view)  # from 2023
    assert {SALAR, SIDA_GRANT, UNDATED_LINE} <= _shown(view)
    assert UNDATED_LINE in view.undated  # no period stated: kept and marked, not dropped
    assert MSW in view.undated  # until March 2024, start not stated
    assert SALAR not in view.undated and SIDA_GRANT not in view.undated  # 2014–2024 is stated


def test_2025_drops_what_had_ended(dataset: Dataset) -> None:
    view = apply_filters(dataset, Filters(year=2025))
    assert {SALAR, SIDA_GRANT, MSW}.isdisjoint(_shown(view))
    assert FRIENDSHIP in _shown(view) and FRIENDSHIP not in view.undated


def test_every_row_is_kept_or_ruled_out_by_a_stated_period(dataset: Dataset) -> None:
    everything = _shown(apply_filters(dataset, Filters()))
    for year in years(dataset):
        view = apply_filters(dataset, Filters(year=year))
        dropped = everything - _shown(view)
        assert view.undated <= _shown(view)
        # Only a stated start or end can drop a row; a row with neither is always kept.
        for table in (dataset.partnerships, dataset.programmes, dataset.funding):
            for record in table.to_dict("records"):
                if record["id"] in dropped:
                    assert record["start"] or record["end"], (year, record["id"])


def test_year_combines_with_other_filters(dataset: Dataset) -> None:
    view = apply_filters(dataset, Filters(theme=("waste",), year=2025))
    assert set(view.partnerships["id"]) == {FRIENDSHIP, "ikast-brande-voznesensk"}
    assert MSW not in set(view.unlinked_programmes["id"])


def test_year_in_the_url(dataset: Dataset) -> None:
    assert Filters(year=2024).to_query_params() == {"year": "2024"}
    assert filters_from_query_params({"year": "2024"}, dataset).year == 2024
    # A year outside the data, or not a year, is dropped like an unknown id: the link still opens.
    assert filters_from_query_params({"year": "1999"}, dataset).year is None
    assert filters_from_query_params({"year": "soon"}, dataset).year is None
    assert Filters(year=2024) != Filters() and Filters().is_empty
