"""Key figures from the sources (veterans in Kyiv, service centres, people reached)."""

from __future__ import annotations

from dataclasses import dataclass

from partnerships.citations import Citation, citations
from partnerships.dataset import Dataset
from partnerships.filters import View, programme_lineage
from partnerships.i18n import format_number, t


@dataclass(frozen=True)
class Figure:
    figure_id: str
    value_text: str
    label: str
    citations: list[Citation]


def format_figure_value(value: float, qualifier: str | None, unit: str, lang: str) -> str:
    """110.000, 'about 3,090', 'more than 2,700,000', '6 %'."""
    text = format_number(value, lang)
    if unit == "percent":
        text = t("unit_percent", lang, value=text)
    if qualifier:
        text = t(f"qualifier_{qualifier}", lang, value=text)
    return text


def figures_for_view(dataset: Dataset, view: View, lang: str) -> list[Figure]:
    """Figures about a place or programme that the view shows."""
    places = set(view.places["id"].tolist())
    programmes = {p for programme in view.programme_ids for p in programme_lineage(dataset, programme)}
    shown = []
    for record in dataset.figure_by_id.values():
        if record["place"] in places or record["programme"] in programmes:
            shown.append(
                Figure(
                    figure_id=record["id"],
                    value_text=format_figure_value(record["value"], record["qualifier"], record["unit"], lang),
                    label=record.get(f"label_{lang}") or record["label_en"],
                    citations=citations(dataset, record),
                )
            )
    return shown
