"""Tables of grants for the Funding page: totals per category, the grant list, grants per theme.

A grant is counted once: shares of a programme's grant and unstated amounts are never added,
and a grant that serves several themes is listed under each theme without being summed there.
"""

from __future__ import annotations

import pandas as pd

from partnerships.dataset import Dataset
from partnerships.exchange import Grant
from partnerships.i18n import format_amount, t
from partnerships.labels import theme_label


def totals(found: list[Grant], column: str, lang: str) -> pd.DataFrame:
    """Stated whole grants summed per category, in euro and per own currency; shares and unstated amounts left out."""
    rows = []
    for key in dict.fromkeys(getattr(grant, column) for grant in found if grant.counted):
        counted = [grant for grant in found if grant.counted and getattr(grant, column) == key]
        own: dict[str, float] = {}
        for grant in counted:
            own[grant.currency] = own.get(grant.currency, 0.0) + grant.amount
        eur = sum(grant.eur for grant in counted if grant.eur is not None)
        own_text = " + ".join(format_amount(amount, currency, lang) for currency, amount in own.items())
        rows.append({"category": key, "eur": eur, "label": f"{own_text} ≈ {format_amount(round(eur), 'EUR', lang)}"})
    return pd.DataFrame(rows, columns=["category", "eur", "label"])


def grants_table(found: list[Grant], dataset: Dataset, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("funder", lang): grant.funder,
            t("programme", lang): grant.programme,
            t("col_own_currency", lang): grant.amount_text,
            t("col_eur", lang): grant.eur_text,
            t("themes", lang): ", ".join(theme_label(dataset, theme, lang) for theme in grant.themes),
            t("period", lang): grant.period,
            t("note", lang): t("funding_counted_once", lang)
            if grant.reported_twice
            else (t("funding_share_note", lang) if grant.share else ""),
        }
        for grant in found
    )


def per_theme(found: list[Grant], dataset: Dataset, lang: str) -> pd.DataFrame:
    """Which grants each theme draws on; a grant appears under each of its themes, so rows don't add up."""
    rows = []
    for theme in dataset.theme_ids:
        using = [grant for grant in found if grant.counted and theme in grant.themes]
        if using:
            rows.append(
                {
                    t("theme", lang): theme_label(dataset, theme, lang),
                    t("axis_grant", lang): "; ".join(f"{grant.programme}: {grant.amount_text}" for grant in using),
                }
            )
    return pd.DataFrame(rows)
