"""Funding per funder for a view: amounts in their own currency, never double-counted.

What is added up and what is only listed (a grant reported twice, a partnership's share, an
unstated amount) is decided by partnerships.grant_projection.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from partnerships.citations import Citation, citations
from partnerships.dataset import Dataset, records_of
from partnerships.filters import View, programme_lineage
from partnerships.grant_projection import project, totals_by_currency
from partnerships.i18n import format_amount
from partnerships.labels import funder_name, partnership_title, programme_name
from partnerships.period import Period


@dataclass(frozen=True)
class FundingLine:
    funding_id: str
    programme: str
    partnership: str | None
    channel: str | None
    period: str
    amount: float | None
    currency: str | None
    amount_text: str
    purpose: str
    citations: list[Citation]
    # Two sources report this one grant: listed once, counted once.
    counted_once: bool


@dataclass
class FunderSummary:
    funder_id: str
    name: str
    lines: list[FundingLine] = field(default_factory=list)
    # Stated totals per currency; amounts are never converted or mixed here.
    totals: dict[str, float] = field(default_factory=dict)


def funding_by_funder(dataset: Dataset, view: View, lang: str) -> list[FunderSummary]:
    """One summary per funder in the view, in the order of funders.csv."""
    summaries: dict[str, FunderSummary] = {}
    by_funder: dict[str, list[dict]] = defaultdict(list)
    for record in records_of(view.funding, dataset.funding_by_id):
        funder = record["funder"]
        summary = summaries.setdefault(funder, FunderSummary(funder, funder_name(dataset, funder, lang)))
        by_funder[funder].append(record)
        programme = programme_name(dataset, record["programme"], lang)
        if record["partnership"] is not None:
            partnership = dataset.partnership_by_id[record["partnership"]]
            programme = f"{programme}: {partnership_title(dataset, partnership, lang)}"
        summary.lines.append(
            FundingLine(
                funding_id=record["id"],
                programme=programme,
                partnership=record["partnership"],
                channel=record["channel"],
                period=Period.of(record).format(lang),
                amount=record["amount"],
                currency=record["currency"],
                amount_text=format_amount(record["amount"], record["currency"], lang),
                purpose=record["purpose"],
                citations=citations(dataset, record),
                counted_once=project(record).reported_twice,
            )
        )
    order = list(dataset.funder_by_id)
    result = sorted(summaries.values(), key=lambda s: order.index(s.funder_id))
    for summary in result:
        summary.totals = totals_by_currency(by_funder[summary.funder_id])
    return result


def programmes_without_funder(dataset: Dataset, view: View) -> list[str]:
    """Programme ids in the view for which no source names a funder."""
    unfunded = []
    for programme in sorted(view.programme_ids):
        if not any(dataset.programme_by_id[p]["funder"] for p in programme_lineage(dataset, programme)):
            unfunded.append(programme)
    return unfunded
