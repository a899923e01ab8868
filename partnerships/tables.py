"""Readable tables (names, not ids) of a view, for the page and for downloads."""

from __future__ import annotations

import pandas as pd

from partnerships.cards import funder_text
from partnerships.dataset import Dataset, records_of
from partnerships.filters import View
from partnerships.i18n import t
from partnerships.labels import funder_name, place_name, programme_name, theme_labels
from partnerships.period import Period

# Shown on the page as the map's text alternative; the download has every column.
PAGE_COLUMNS = ("col_from", "col_to", "programme", "themes", "status")


def _source_title(dataset: Dataset, source_id: str) -> str:
    return str(dataset.source_by_id[source_id]["title"]) if source_id else ""


def _source_url(dataset: Dataset, source_id: str) -> str:
    return dataset.source_by_id[source_id]["url"] or "" if source_id else ""


def readable_partnerships(dataset: Dataset, view: View, lang: str) -> pd.DataFrame:
    """One row per drawn partnership, headings in `lang`, with programme, funder, period and source."""
    rows = [
        {
            t("col_from", lang): place_name(dataset, record["from_place"], lang),
            t("col_to", lang): place_name(dataset, record["to_place"], lang),
            t("programme", lang): programme_name(dataset, record["programme"], lang),
            t("themes", lang): theme_labels(dataset, record["themes"], lang),
            t("status", lang): t(f"status_{record['status']}", lang),
            t("period", lang): Period.of(record).format(lang),
            t("funder", lang): funder_text(dataset, record["programme"], lang),
            t("description", lang): record["description"],
            t("source", lang): _source_title(dataset, record["source"]),
            t("col_source_url", lang): _source_url(dataset, record["source"]),
            t("col_quote", lang): record["quote"],
            "id": record["id"],
        }
        for record in records_of(view.partnerships, dataset.partnership_by_id)
    ]
    return pd.DataFrame(rows, columns=_partnership_columns(lang))


def _partnership_columns(lang: str) -> list[str]:
    keys = (*PAGE_COLUMNS, "period", "funder", "description", "source", "col_source_url", "col_quote")
    return [t(key, lang) for key in keys] + ["id"]


def page_columns(lang: str) -> list[str]:
    return [t(key, lang) for key in PAGE_COLUMNS]


def readable_funding(dataset: Dataset, view: View, lang: str) -> pd.DataFrame:
    """One row per funding row in the view; an unstated amount stays empty, never 0."""
    columns = [
        t(key, lang)
        for key in ("funder", "channel", "programme", "col_partnership", "amount", "col_currency", "period")
    ] + [t("description", lang), t("source", lang), t("col_source_url", lang), t("col_quote", lang), "id"]
    rows = []
    for record in records_of(view.funding, dataset.funding_by_id):
        partnership = ""
        if record["partnership"] is not None:
            match = dataset.partnership_by_id[record["partnership"]]
            partnership = (
                f"{place_name(dataset, match['from_place'], lang)} – {place_name(dataset, match['to_place'], lang)}"
            )
        rows.append(
            [
                funder_name(dataset, record["funder"], lang),
                record["channel"] or "",
                programme_name(dataset, record["programme"], lang),
                partnership,
                record["amount"],
                record["currency"] or "",
                Period.of(record).format(lang),
                record["purpose"],
                _source_title(dataset, record["source"]),
                _source_url(dataset, record["source"]),
                record["quote"],
                record["id"],
            ]
        )
    # An all-empty amount column is still a number column: empty cells, never the text "None".
    return pd.DataFrame(rows, columns=columns).astype({t("amount", lang): float})


def search_rows(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows with the query anywhere in their text, ignoring case."""
    query = query.strip().casefold()
    if not query:
        return table
    text = table.drop(columns="id").astype(str).agg(" ".join, axis=1).str.casefold()
    return table[text.str.contains(query, regex=False)].reset_index(drop=True)
