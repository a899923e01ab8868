"""Periods as the sources state them, and no further.

From the articles: SALAR International 2014–2024 (SKR); the MSW pre-study "pågår fram till mars
2024", start not stated; the friendship agreement from 2023, "en treårig periode" (Copenhagen);
the joint Danish programme "et fireårigt samarbejde", start not stated.
"""

from __future__ import annotations

from datetime import date

import pytest

from partnerships.dataset import Dataset
from partnerships.i18n import t
from partnerships.period import Period

SALAR = Period("2014", "2024")
MSW = Period(None, "2024-03")
FRIENDSHIP = Period("2023", None, 3)
DANISH = Period(None, None, 4)
OPEN = Period("2023")
NONE = Period()


@pytest.mark.parametrize(
    ("period", "first_year", "last_year", "open_start", "open_end", "is_stated"),
    [
        (SALAR, 2014, 2024, False, False, True),
        (MSW, None, 2024, True, False, True),
        (FRIENDSHIP, 2023, 2026, False, False, True),  # spring 2023 + three years reaches into 2026
        (DANISH, None, None, False, False, True),  # a length with no start dates nothing
        (OPEN, 2023, None, False, True, True),
        (NONE, None, None, False, False, False),
    ],
)
def test_what_a_period_states(
    period: Period, first_year: int | None, last_year: int | None, open_start: bool, open_end: bool, is_stated: bool
) -> None:
    assert (period.first_year, period.last_year) == (first_year, last_year)
    assert (period.open_start, period.open_end, period.is_stated) == (open_start, open_end, is_stated)


@pytest.mark.parametrize(
    ("period", "first_day", "end_day"),
    [
        (Period("2014", "2024"), date(2014, 1, 1), date(2025, 1, 1)),
        (Period("2024-03", "2024-03"), date(2024, 3, 1), date(2024, 4, 1)),
        (Period("2024-12", "2024-12"), date(2024, 12, 1), date(2025, 1, 1)),
        (Period("2024-02-29", "2024-02-29"), date(2024, 2, 29), date(2024, 3, 1)),
        (Period("2023-05-10", None, 3), date(2023, 5, 10), date(2026, 5, 10)),
        (Period("2024-02-29", None, 1), date(2024, 2, 29), date(2025, 3, 1)),
        (MSW, None, date(2024, 4, 1)),
        (DANISH, None, None),
    ],
)
def test_days_a_period_covers(period: Period, first_day: date | None, end_day: date | None) -> None:
    assert (period.first_day, period.end_day) == (first_day, end_day)


@pytest.mark.parametrize(
    ("period", "year", "covers"),
    [
        (SALAR, 2014, True),
        (SALAR, 2013, False),
        (SALAR, 2025, False),
        (MSW, 2025, False),
        (MSW, 2020, None),  # could have run then: start not stated
        (OPEN, 2030, None),  # open end
        (FRIENDSHIP, 2026, True),
        (FRIENDSHIP, 2027, False),
        (NONE, 2024, None),
    ],
)
def test_covers_a_year(period: Period, year: int, covers: bool | None) -> None:
    assert period.covers(year) is covers


@pytest.mark.parametrize(
    ("period", "lang", "text"),
    [
        (SALAR, "en", "2014–2024"),
        (FRIENDSHIP, "en", "from 2023 (3 years)"),
        (FRIENDSHIP, "da", "fra 2023 (3 år)"),
        (MSW, "sv", "till 2024-03"),
        (DANISH, "en", "4 years"),
        (NONE, "uk", t("not_stated", "uk")),
    ],
)
def test_format(period: Period, lang: str, text: str) -> None:
    assert period.format(lang) == text


def test_periods_of_the_data(dataset: Dataset) -> None:
    assert Period.of(dataset.programme_by_id["salar-ukraine"]) == Period("2014", "2024")
    assert Period.of(dataset.partnership_by_id["copenhagen-kyiv-friendship"]) == Period("2023", None, 3)
    assert Period.of(dataset.programme_by_id["dk-municipal-ukraine"]) == Period(None, None, 4)
    # Funding rows state no duration.
    assert Period.of(dataset.funding_by_id["se-sida-salar"]) == Period("2014", "2024")
    assert Period.of(dataset.funding_by_id["dk-ukraine-fund-grant"]) == Period()
