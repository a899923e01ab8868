"""Readable tables (names, not ids) of a view, for the page and for downloads."""

from __future__ import annotations

import pandas as pd

from partnerships.cards import funder_text
from partnerships.dataset import Dataset, records_of
from partnerships.filters import View
from partnerships.i18n import t
from partnerships.labels import funder_name, partnership_title, place_name, programme_name, theme_labels
from partnerships.period import Period

# Shown on the page as the map's text alternative; the download has every column.
PAGE_COLUMNS = ("col_from", "col_to", "kind", "programme", "themes", "status")
FUNDING_COLUMNS = (
    "funder",
    "channel",
    "programme",
    "col_partnership",
    "amount",
    "col_currency",
    "period",
    "description",
    "source",
    "col_source_url",
    "col_quote",
)


def _source_columns(dataset: Dataset, record: dict, lang: str) -> dict[str, str]:
    """The fact's source and quote; a link the sources don't give stays an empty cell."""
    source = dataset.source_by_id[record["source"]]
    return {
        t("source", lang): source["title"],
        t("col_source_url", lang): source["url"] or "",
        t("col_quote", lang): record["quote"],
    }


def readable_partnerships(dataset: Dataset, view: View, lang: str) -> pd.DataFrame:
    """One row per drawn partnership, headings in `lang`, with programme, funder, period and source."""
    # Every row's text depends on the data and the language only: made once per language,
    # then each view picks its rows (a new frame, so callers may change it).
    table, position = dataset.derived(f"readable_partnerships/{lang}", lambda data: _all_partnerships(data, lang))
    return table.iloc[[position[row_id] for row_id in view.partnerships["id"].tolist()]].reset_index(drop=True)


def _all_partnerships(dataset: Dataset, lang: str) -> tuple[pd.DataFrame, dict[str, int]]:
    rows = [
        {
            t("col_from", lang): place_name(dataset, record["from_place"], lang),
            t("col_to", lang): place_name(dataset, record["to_place"], lang),
            t("kind", lang): t(f"kind_{record['kind']}", lang),
            t("programme", lang): programme_name(dataset, record["programme"], lang),
            t("themes", lang): theme_labels(dataset, record["themes"], lang),
            t("status", lang): t(f"status_{record['status']}", lang),
            t("period", lang): Period.of(record).format(lang),
            t("funder", lang): funder_text(dataset, record["programme"], lang),
            t("description", lang): record["description"],
            **_source_columns(dataset, record, lang),
            "id": record["id"],
        }
        for record in dataset.partnership_by_id.values()
    ]
    return pd.DataFrame(rows, columns=_partnership_columns(lang)), {row["id"]: index for index, row in enumerate(rows)}


def _partnership_columns(lang: str) -> list[str]:
    keys = (*PAGE_COLUMNS, "period", "funder", "description", "source", "col_source_url", "col_quote")
    return [t(key, lang) for key in keys] + ["id"]


def page_columns(lang: str) -> list[str]:
    return [t(key, lang) for key in PAGE_COLUMNS]


def _share_of(dataset: Dataset, partnership_id: str | None, lang: str) -> str:
    """The partnership a share is for ('Copenhagen – Kyiv'); empty for a whole grant."""
    return "" if partnership_id is None else partnership_title(dataset, dataset.partnership_by_id[partnership_id], lang)


def readable_funding(dataset: Dataset, view: View, lang: str) -> pd.DataFrame:
    """One row per funding row in the view; an unstated amount stays empty, never 0."""
    rows = [
        {
            t("funder", lang): funder_name(dataset, record["funder"], lang),
            t("channel", lang): record["channel"] or "",
            t("programme", lang): programme_name(dataset, record["programme"], lang),
            t("col_partnership", lang): _share_of(dataset, record["partnership"], lang),
            t("amount", lang): record["amount"],
            t("col_currency", lang): record["currency"] or "",
            t("period", lang): Period.of(record).format(lang),
            t("description", lang): record["purpose"],
            **_source_columns(dataset, record, lang),
            "id": record["id"],
        }
        for record in records_of(view.funding, dataset.funding_by_id)
    ]
    columns = [t(key, lang) for key in FUNDING_COLUMNS] + ["id"]
    # An all-empty amount column is still a number column: empty cells, never the text "None".
    return pd.DataFrame(rows, columns=columns).astype({t("amount", lang): float})


def search_rows(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows with the query anywhere in their text, ignoring case."""
    query = query.strip().casefold()
    if not query:
        return table
    text = table.drop(columns="id").astype(str).agg(" ".join, axis=1).str.casefold()
    return table[text.str.contains(query, regex=False)].reset_index(drop=True)
