"""Periods as bars, drawn only as far as the sources state them.

SKR (27 Feb 2024): SALAR International 2014–2024; the MSW pre-study "pågår fram till mars 2024".
Copenhagen: the friendship agreement from 2023, "en treårig periode". The joint Danish programme is
"et fireårigt samarbejde" with no start stated: its length is known, its place on the axis is not.
"""

from __future__ import annotations

from datetime import date

import pytest

from partnerships.dataset import Dataset
from partnerships.filters import Filters, apply_filters
from partnerships.period import Period
from partnerships.timeline import OPEN_END, OPEN_START, STATED, bar_span, timeline


def _bars(dataset: Dataset, filters: Filters | None = None):
    line = timeline(dataset, apply_filters(dataset, filters or Filters()), "en")
    return line, {bar.row_id: bar for bar in line.bars}, {row.row_id for row in line.undrawn}


def test_stated_periods_are_solid_bars(dataset: Dataset) -> None:
    line, bars, _ = _bars(dataset)
    salar = bars["salar-ukraine"]
    assert (salar.start, salar.end, salar.shape) == (date(2014, 1, 1), date(2025, 1, 1), STATED)
    friendship = bars["cph-kyiv-friendship"]
    assert (friendship.start, friendship.end, friendship.shape) == (date(2023, 1, 1), date(2026, 1, 1), STATED)
    assert "3 years" in friendship.period_text
    assert bars["copenhagen-kyiv-friendship"].shape == STATED  # the partnership row carries the same period
    assert (line.axis_start, line.axis_end) == (date(2014, 1, 1), date(2027, 1, 1))


def test_an_unstated_start_is_drawn_open_and_labelled(dataset: Dataset) -> None:
    line, bars, _ = _bars(dataset)
    msw = bars["msw-prestudy"]
    assert (msw.start, msw.end, msw.shape) == (line.axis_start, date(2024, 4, 1), OPEN_START)
    assert "start not stated" in msw.period_text and "2024-03" in msw.period_text


def test_undated_rows_are_listed_not_drawn(dataset: Dataset) -> None:
    _, bars, undrawn = _bars(dataset)
    # A duration with no start cannot be placed; nor can rows with no period at all.
    assert {"dk-municipal-ukraine", "aarhus-lviv", "odense-kyiv", "prosto", "icld-partnerships"} <= undrawn
    assert undrawn.isdisjoint(bars)


def test_partnerships_follow_their_programme_one_level_down(dataset: Dataset) -> None:
    line = timeline(dataset, apply_filters(dataset, Filters()), "en")
    rows = sorted([*line.bars, *line.undrawn], key=lambda row: row.order)
    order = [row.row_id for row in rows]
    assert order.index("cph-kyiv-friendship") + 1 == order.index("copenhagen-kyiv-friendship")
    assert {row.depth for row in rows if row.kind == "programme"} == {0}
    assert {row.depth for row in rows if row.kind == "partnership"} == {1}
    # Names are plain names: how a row is indented is the page's business.
    assert [row.name for row in rows if row.kind == "partnership"].count("Copenhagen – Kyiv") == 2
    assert not any(row.name.startswith("↳") for row in rows)


EDGE = (date(2014, 1, 1), date(2027, 1, 1))


@pytest.mark.parametrize(
    ("period", "span"),
    [
        (Period("2014", "2024"), (date(2014, 1, 1), date(2025, 1, 1), STATED)),
        (Period("2023", None, 3), (date(2023, 1, 1), date(2026, 1, 1), STATED)),
        (Period("2023"), (date(2023, 1, 1), EDGE[1], OPEN_END)),
        (Period(None, "2024-03"), (EDGE[0], date(2024, 4, 1), OPEN_START)),
        (Period(None, None, 4), None),  # a length with no start cannot be placed
        (Period(), None),
    ],
)
def test_bar_spans(period: Period, span: tuple | None) -> None:
    assert bar_span(period, *EDGE) == span


def test_the_year_filter_drops_bars_outside_it(dataset: Dataset) -> None:
    _, bars, _ = _bars(dataset, Filters(year=2025))
    assert "salar-ukraine" not in bars and "msw-prestudy" not in bars
    assert "cph-kyiv-friendship" in bars


def test_labels_in_ukrainian(dataset: Dataset) -> None:
    line = timeline(dataset, apply_filters(dataset, Filters()), "uk")
    assert any("Київ" in bar.name for bar in line.bars)
