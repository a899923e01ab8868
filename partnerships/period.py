"""A period as the sources state it, and no further: a start, an end and a duration, each possibly not stated.

Start and end are `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (data/README.md). A stated duration
without an end ("from 2023 for three years") fixes the length from the start, so it reaches
into year start + duration (spring 2023 + 3 years is spring 2026). A duration with no start
dates nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from partnerships.i18n import t


def _day(value: str) -> date:
    parts = [int(part) for part in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _day_after(value: str) -> date:
    """The day after the last day a value covers: '2024' -> 2025-01-01, '2024-03' -> 2024-04-01."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return date(parts[0] + 1, 1, 1)
    if len(parts) == 2:
        return date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
    return date.fromordinal(_day(value).toordinal() + 1)


@dataclass(frozen=True)
class Period:
    """Start and end as stated (None where not stated), and a stated duration in years."""

    start: str | None = None
    end: str | None = None
    duration_years: int | None = None  # stated length, for rows that state no end

    @classmethod
    def of(cls, record: Mapping[str, object]) -> Period:
        """The period of a partnership, programme or funding record (funding rows state no duration)."""
        return cls(record["start"], record["end"], record.get("duration_years"))

    @property
    def is_stated(self) -> bool:
        """True when the sources state anything of the period."""
        return not (self.start is None and self.end is None and self.duration_years is None)

    @property
    def first_year(self) -> int | None:
        return int(self.start[:4]) if self.start else None

    @property
    def last_year(self) -> int | None:
        if self.end:
            return int(self.end[:4])
        if self.start and self.duration_years is not None:
            return int(self.start[:4]) + self.duration_years
        return None

    @property
    def first_day(self) -> date | None:
        return _day(self.start) if self.start else None

    @property
    def end_day(self) -> date | None:
        """The day after the period, None when its end is not stated (exclusive, as bars on a time axis are)."""
        if self.end:
            return _day_after(self.end)
        begin = self.first_day
        if begin is None or self.duration_years is None:
            return None
        year = begin.year + self.duration_years
        # A stated length from a stated start: the span is stated, its last day is not.
        return date(year, 3, 1) if (begin.month, begin.day) == (2, 29) else begin.replace(year=year)

    @property
    def open_end(self) -> bool:
        """A start and nothing that ends it."""
        return self.first_day is not None and self.end_day is None

    @property
    def open_start(self) -> bool:
        """An end and no start."""
        return self.end_day is not None and self.first_day is None

    def covers(self, year: int) -> bool | None:
        """True: the period runs in `year`; False: it is over or not begun; None: not stated enough to tell."""
        first, last = self.first_year, self.last_year
        if (first is not None and year < first) or (last is not None and year > last):
            return False
        return True if first is not None and last is not None else None

    def format(self, lang: str) -> str:
        """'2014–2024', 'from 2023 (3 years)', 'until 2024-03', '4 years' or 'not stated'."""
        duration = t("for_years", lang, count=self.duration_years) if self.duration_years is not None else ""
        if self.start and self.end:
            text = f"{self.start}–{self.end}"
        elif self.start:
            text = t("from_year", lang, start=self.start)
        elif self.end:
            text = t("until_year", lang, end=self.end)
        else:
            return duration or t("not_stated", lang)
        return f"{text} ({duration})" if duration else text
