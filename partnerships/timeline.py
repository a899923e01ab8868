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

from partnerships.dataset import Dataset
from partnerships.filters import View, period_years, years
from partnerships.i18n import format_period, t
from partnerships.labels import partnership_title, programme_name

STATED = "stated"
OPEN_END = "open-end"
OPEN_START = "open-start"


def period_start(value: str) -> date:
    """The first day a period value covers: '2014' -> 2014-01-01, '2024-03' -> 2024-03-01."""
    parts = [int(part) for part in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def period_end(value: str) -> date:
    """The day after the last day a period value covers: '2024' -> 2025-01-01, '2024-03' -> 2024-04-01."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return date(parts[0] + 1, 1, 1)
    if len(parts) == 2:
        return date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
    return date.fromordinal(date(*parts).toordinal() + 1)


@dataclass(frozen=True)
class Bar:
    row_id: str
    kind: str  # "programme" or "partnership"
    label: str
    order: int
    start: date | None
    end: date | None  # exclusive
    shape: str  # STATED, OPEN_END or OPEN_START
    period_text: str


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    # Rows whose period the sources don't state well enough to draw: (kind, row id, label, period text).
    undrawn: list[tuple[str, str, str, str]]
    axis_start: date
    axis_end: date


def _bar_span(
    start: str, end: str, duration: object, axis_start: date, axis_end: date
) -> tuple[date, date, str] | None:
    if start and end:
        return period_start(start), period_end(end), STATED
    if start:
        first, last = period_years(start, "", duration)
        if last is not None:
            # A stated length from a stated start: the span is stated, its last day is not.
            begin = period_start(start)
            return begin, date(begin.year + (last - first), begin.month, begin.day), STATED
        return period_start(start), axis_end, OPEN_END
    if end:
        return axis_start, period_end(end), OPEN_START
    return None


def _period_label(start: str, end: str, duration: object, shape: str, lang: str) -> str:
    text = format_period(start, end, duration, lang)
    if shape == OPEN_END:
        text += f" · {t('end_not_stated', lang)}"
    elif shape == OPEN_START:
        text += f" · {t('start_not_stated', lang)}"
    return text


def timeline(dataset: Dataset, view: View, lang: str) -> Timeline:
    """Bars for the view's programmes, each followed by its partnerships, in the order of programmes.csv."""
    all_years = years(dataset) or [date.today().year]
    axis_start, axis_end = date(all_years[0], 1, 1), date(all_years[-1] + 1, 1, 1)
    rows: list[tuple[str, str, str, dict]] = []
    for programme in dataset.programmes.to_dict("records"):
        if programme["id"] not in view.programme_ids:
            continue
        rows.append(("programme", programme["id"], programme_name(dataset, programme["id"], lang), programme))
        for partnership in view.partnerships.to_dict("records"):
            if partnership["programme"] == programme["id"]:
                rows.append(
                    ("partnership", partnership["id"], partnership_title(dataset, partnership, lang), partnership)
                )
    bars, undrawn = [], []
    seen: set[str] = set()
    for order, (kind, row_id, label, record) in enumerate(rows):
        # A partnership sits under its programme; labels must differ, as they name the chart's rows.
        label = f"↳ {label}" if kind == "partnership" else label
        while label in seen:
            label += "\u2009"
        seen.add(label)
        start, end, duration = record["start"], record["end"], record.get("duration_years")
        span = _bar_span(start, end, duration, axis_start, axis_end)
        if span is None:
            undrawn.append((kind, row_id, label, format_period(start, end, duration, lang)))
            continue
        begin, finish, shape = span
        bars.append(
            Bar(row_id, kind, label, order, begin, finish, shape, _period_label(start, end, duration, shape, lang))
        )
    return Timeline(bars, undrawn, axis_start, axis_end)
