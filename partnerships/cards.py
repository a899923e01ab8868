"""The details card of one partnership: the same content wherever it is shown."""

from __future__ import annotations

from dataclasses import dataclass

from geo.arcs import distance_km
from partnerships.citations import Citation, citations
from partnerships.dataset import Dataset
from partnerships.filters import programme_funder
from partnerships.grant_projection import programme_grants_text, stated_share
from partnerships.i18n import format_amount, format_number, t
from partnerships.labels import funder_name, partnership_title, programme_name, theme_labels
from partnerships.period import Period


@dataclass(frozen=True)
class Card:
    partnership_id: str
    title: str
    fields: list[tuple[str, str]]
    description: str
    citations: list[Citation]


def funder_text(dataset: Dataset, programme: str, lang: str) -> str:
    funder = programme_funder(dataset, programme)
    return funder_name(dataset, funder, lang) if funder else t("not_stated", lang)


def _amount_text(dataset: Dataset, partnership_id: str, programme: str, lang: str) -> str:
    """The partnership's own amount if stated; otherwise 'not stated', with the programme's grant for context."""
    share = stated_share(dataset, partnership_id)
    if share is not None:
        return format_amount(share["amount"], share["currency"], lang)
    text = t("not_stated", lang)
    whole = programme_grants_text(dataset, programme, lang)
    if whole:
        text += f" ({t('programme', lang).lower()}: {whole})"
    return text


def partnership_card(dataset: Dataset, partnership_id: str, lang: str) -> Card:
    """Kind of tie, programme, themes, status, period, funder, amount or 'not stated', distance and sources."""
    record = dataset.partnership_by_id[partnership_id]
    programme = record["programme"]
    places = dataset.place_by_id
    start_place, end_place = places[record["from_place"]], places[record["to_place"]]
    km = distance_km((start_place["lat"], start_place["lon"]), (end_place["lat"], end_place["lon"]))
    fields = [
        (t("kind", lang), t(f"kind_{record['kind']}", lang)),
        (t("programme", lang), programme_name(dataset, programme, lang)),
        (t("themes", lang), theme_labels(dataset, record["themes"], lang)),
        (t("status", lang), t(f"status_{record['status']}", lang)),
        (t("period", lang), Period.of(record).format(lang)),
        (t("funder", lang), funder_text(dataset, programme, lang)),
        (t("amount", lang), _amount_text(dataset, partnership_id, programme, lang)),
        (t("distance", lang), t("km", lang, value=format_number(round(km), lang))),
    ]
    return Card(
        partnership_id=partnership_id,
        title=partnership_title(dataset, record, lang),
        fields=fields,
        description=record["description"],
        citations=citations(dataset, record),
    )
