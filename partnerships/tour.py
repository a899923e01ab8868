"""The guided tour: which partnerships a presenter steps through, in what order.

The default tour visits every drawn partnership, grouped by programme in the order of
programmes.csv. A presenter may pick stops and their order; the tour and step are kept in
the URL (`&tour=a,b,c&step=2`) so a prepared tour can be bookmarked and resumed.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerships.dataset import Dataset, records_of
from partnerships.filters import View, programme_funder
from partnerships.i18n import t
from partnerships.labels import funder_name, place_name, programme_name, theme_labels
from partnerships.period import Period


def default_tour(dataset: Dataset, view: View) -> list[str]:
    """Every partnership in the view, grouped by programme, each group in data order."""
    place_in_tour = dataset.derived("tour_order", _tour_order)
    return sorted(view.partnerships["id"].tolist(), key=place_in_tour.__getitem__)


def _tour_order(dataset: Dataset) -> dict[str, int]:
    """Every partnership's place in the tour of all of them (worked out once per dataset)."""
    programme_order = {programme: index for index, programme in enumerate(dataset.programme_by_id)}
    records = records_of(dataset.partnerships, dataset.partnership_by_id)
    ordered = sorted(enumerate(records), key=lambda pair: (programme_order[pair[1]["programme"]], pair[0]))
    return {record["id"]: place for place, (_, record) in enumerate(ordered)}


def clamp_step(step: int, stops: int) -> int:
    """A 1-based step inside the tour (a bookmark may outlive a shortened tour)."""
    if stops == 0:
        return 0
    return min(max(step, 1), stops)


@dataclass(frozen=True)
class Story:
    """What a presenter says at one stop, in short lines large enough for the back of a room."""

    headline: str
    lines: list[tuple[str, str]]
    quote: str
    source_title: str
    source_publisher: str | None
    source_url: str | None


def story(dataset: Dataset, partnership_id: str, lang: str) -> Story:
    """Who, with whom, on what, funded by whom, since when, and the source's own words."""
    record = dataset.partnership_by_id[partnership_id]
    programme = dataset.programme_by_id[record["programme"]]
    funder = programme_funder(dataset, record["programme"])
    period, programme_period = Period.of(record), Period.of(programme)
    since = period.format(lang)
    if not period.is_stated and programme_period.is_stated:
        # The partnership's own period is not stated; its programme's gives the context.
        since = f"{since} ({t('programme', lang).lower()}: {programme_period.format(lang)})"
    source = dataset.source_by_id[record["source"]]
    return Story(
        headline=t(
            "tour_headline",
            lang,
            who=place_name(dataset, record["from_place"], lang),
            whom=place_name(dataset, record["to_place"], lang),
        ),
        lines=[
            (t("tour_on_what", lang), theme_labels(dataset, record["themes"], lang)),
            (t("programme", lang), programme_name(dataset, record["programme"], lang)),
            (t("funder", lang), funder_name(dataset, funder, lang) if funder else t("not_stated", lang)),
            (t("tour_since", lang), since),
        ],
        quote=record["quote"],
        source_title=source["title"],
        source_publisher=source["publisher"],
        source_url=source["url"],
    )
