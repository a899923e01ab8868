"""Programme and partnership periods as bars over the years, as far as the sources state them.

A period is drawn from what is stated and no further:
- start and end stated (SALAR International 2014–2024): a solid bar;
- start and a duration (the friendship agreement from 2023 for three years): a solid bar of that length;
- start only: a faded bar from the start to the right edge, labelled "end not stated";
- end only (the MSW pre-study until March 2024): a faded bar from the left edge, "start not stated";
- neither (or a duration with no start): not drawn, listed under the chart as "period not stated".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partnerships.dataset import Dataset, records_of
from partnerships.filters import View, years
from partnerships.i18n import t
from partnerships.labels import partnership_title, programme_name
from partnerships.period import Period

STATED = "stated"
OPEN_END = "open-end"
OPEN_START = "open-start"


@dataclass(frozen=True)
class Row:
    """A programme, or a partnership listed under its programme."""

    row_id: str
    kind: str  # "programme" or "partnership"
    name: str
    depth: int  # 0 for a programme, 1 for a partnership under it
    order: int  # position in the list: programmes in data order, each followed by its partnerships
    period_text: str


@dataclass(frozen=True)
class Bar(Row):
    start: date
    end: date  # exclusive
    shape: str  # STATED, OPEN_END or OPEN_START


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    # Rows whose period the sources don't state well enough to draw.
    undrawn: list[Row]
    axis_start: date
    axis_end: date


def bar_span(period: Period, axis_start: date, axis_end: date) -> tuple[date, date, str] | None:
    """Where a bar starts and ends, and its shape; None when the period cannot be placed on the axis."""
    if period.first_day is not None and period.end_day is not None:
        return period.first_day, period.end_day, STATED
    if period.open_end:
        return period.first_day, axis_end, OPEN_END
    if period.open_start:
        return axis_start, period.end_day, OPEN_START
    return None


def _period_label(period: Period, shape: str, lang: str) -> str:
    text = period.format(lang)
    if shape == OPEN_END:
        text += f" · {t('end_not_stated', lang)}"
    elif shape == OPEN_START:
        text += f" · {t('start_not_stated', lang)}"
    return text


def timeline(dataset: Dataset, view: View, lang: str) -> Timeline:
    """Bars for the view's programmes, each followed by its partnerships, in the order of programmes.csv."""
    all_years = years(dataset) or [date.today().year]
    axis_start, axis_end = date(all_years[0], 1, 1), date(all_years[-1] + 1, 1, 1)
    listed: list[tuple[str, str, int, dict]] = []
    partnerships = records_of(view.partnerships, dataset.partnership_by_id)
    for programme in dataset.programme_by_id.values():
        if programme["id"] not in view.programme_ids:
            continue
        listed.append(("programme", programme_name(dataset, programme["id"], lang), 0, programme))
        listed += [
            ("partnership", partnership_title(dataset, partnership, lang), 1, partnership)
            for partnership in partnerships
            if partnership["programme"] == programme["id"]
        ]
    bars, undrawn = [], []
    for order, (kind, name, depth, record) in enumerate(listed):
        period = Period.of(record)
        span = bar_span(period, axis_start, axis_end)
        if span is None:
            undrawn.append(Row(record["id"], kind, name, depth, order, period.format(lang)))
            continue
        begin, finish, shape = span
        bars.append(
            Bar(record["id"], kind, name, depth, order, _period_label(period, shape, lang), begin, finish, shape)
        )
    return Timeline(bars, undrawn, axis_start, axis_end)
