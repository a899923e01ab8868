"""Amounts in euro at stated reference rates, so grants in different currencies can be compared.

The rates (data/exchange_rates.csv) are the European Central Bank's euro reference rates,
each with its date, basis and source, which the Funding page shows beside the charts. A
conversion is a reading aid: every amount is also shown in its own currency, which is what
the sources state. An amount the sources don't state is never converted or counted as zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from partnerships.dataset import Dataset, records, records_of
from partnerships.filters import View, programme_lineage
from partnerships.grant_projection import project
from partnerships.i18n import format_amount, locale, t
from partnerships.labels import funder_name, partnership_title, programme_name, theme_label
from partnerships.period import Period

EURO = "EUR"


@dataclass(frozen=True)
class Rate:
    """1 EUR = `units_per_eur` units of `currency`, as published by `source` for `date`."""

    currency: str
    units_per_eur: float
    date: str
    basis: str
    source: str
    url: str


def exchange_rates(dataset: Dataset) -> dict[str, Rate]:
    """Rates by currency, from the dataset's validated exchange_rates table."""
    return {
        record["currency"]: Rate(
            currency=record["currency"],
            units_per_eur=float(record["units_per_eur"]),
            date=record["date"],
            basis=record["basis"],
            source=record["source"],
            url=record["url"],
        )
        for record in records(dataset.exchange_rates)
    }


def to_eur(amount: float | None, currency: str | None, rates: dict[str, Rate]) -> float | None:
    """The amount in euro; None when the amount is not stated or no rate is known for the currency."""
    if amount is None:
        return None
    if currency == EURO:
        return amount
    rate = rates.get(currency)
    return amount / rate.units_per_eur if rate else None


def rate_text(rate: Rate, lang: str) -> str:
    """'1 EUR = 7,4589 DKK' in the reader's number format, with every decimal the source gives."""
    units = format_decimal(rate.units_per_eur, format="#,##0.########", locale=locale(lang))
    return f"1 EUR = {units} {rate.currency}"


@dataclass(frozen=True)
class Grant:
    """One row of funding.csv, ready to chart: own currency, euro, themes and years."""

    funding_id: str
    funder: str
    programme: str
    amount: float | None
    currency: str | None
    amount_text: str
    eur: float | None
    eur_text: str
    themes: tuple[str, ...]
    theme_group: str
    first_year: int | None
    last_year: int | None
    period: str
    # A partnership's share of its programme's grant: listed, never added to a total.
    share: bool
    reported_twice: bool
    # Added to totals (partnerships.grant_projection): a stated amount of a whole grant.
    counted: bool


def grant_themes(dataset: Dataset, record: dict) -> tuple[str, ...]:
    """The themes a grant pays for: its partnership's, or those of its programme and everything under it."""
    if record["partnership"] is not None:
        return tuple(dataset.partnership_by_id[record["partnership"]]["themes"])
    programme = record["programme"]
    under = {p for p in dataset.programme_by_id if programme in programme_lineage(dataset, p)}
    themes: list[str] = []
    for programme_id in under:
        themes += dataset.programme_by_id[programme_id]["themes"]
    for partnership in dataset.partnership_by_id.values():
        if partnership["programme"] in under:
            themes += partnership["themes"]
    order = {theme: index for index, theme in enumerate(dataset.theme_ids)}
    return tuple(sorted(set(themes), key=lambda theme: order.get(theme, len(order))))


def grants(dataset: Dataset, view: View, rates: dict[str, Rate], lang: str) -> list[Grant]:
    """Every funding row of the view, once each (a grant reported by two articles is one row)."""
    found = []
    for record in records_of(view.funding, dataset.funding_by_id):
        projection = project(record)
        amount, currency = projection.amount, projection.currency
        eur = to_eur(amount, currency, rates)
        themes = grant_themes(dataset, record)
        programme = programme_name(dataset, record["programme"], lang)
        if projection.is_share:
            partnership = dataset.partnership_by_id[record["partnership"]]
            programme = f"{programme}: {partnership_title(dataset, partnership, lang)}"
        if amount is None:
            eur_text = t("not_stated", lang)
        elif eur is None:
            eur_text = t("no_rate", lang, currency=currency)
        else:
            eur_text = format_amount(round(eur), EURO, lang)
        period = Period.of(record)
        found.append(
            Grant(
                funding_id=record["id"],
                funder=funder_name(dataset, record["funder"], lang),
                programme=programme,
                amount=amount,
                currency=currency,
                amount_text=format_amount(amount, currency, lang),
                eur=eur,
                eur_text=eur_text,
                themes=themes,
                theme_group=theme_label(dataset, themes[0], lang) if len(themes) == 1 else t("several_themes", lang),
                first_year=period.first_year,
                last_year=period.last_year,
                period=period.format(lang),
                share=projection.is_share,
                reported_twice=projection.reported_twice,
                counted=projection.counted,
            )
        )
    return found


def rates_used(found: list[Grant], rates: dict[str, Rate]) -> list[Rate]:
    """The rates the conversions of these grants rest on, to state beside the charts."""
    currencies = sorted({grant.currency for grant in found if grant.amount is not None and grant.currency != EURO})
    return [rates[currency] for currency in currencies if currency in rates]
