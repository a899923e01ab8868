"""Whole grant or share: the one rule for which funding amounts add up, wherever amounts are shown.

From the data contract (data/README.md, funding.csv):
- a row is one grant, however many articles report it (the second report is the row's
  `also_source`), so it is counted once;
- a row with `partnership` set is that partnership's share of its programme's grant, which is
  already counted: it is shown, never added;
- an amount the sources don't state is shown as not stated, never counted as zero.

A grant to an umbrella programme pays for the projects under it (programmes.csv `parent`: a
project inherits its parent's funder, the filters show the parent's grant with the project),
so the grants a programme draws on are its own and those of every programme above it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from partnerships.dataset import Dataset
from partnerships.filters import programme_lineage
from partnerships.i18n import format_amount


@dataclass(frozen=True)
class Projection:
    """How one funding row counts."""

    amount: float | None
    currency: str | None
    is_share: bool  # one partnership's share of its programme's grant
    reported_twice: bool  # a second article reports the same grant

    @property
    def counted(self) -> bool:
        """Added to totals: a stated amount of a whole grant."""
        return self.amount is not None and not self.is_share


def project(record: Mapping[str, object]) -> Projection:
    also_source = record.get("also_source")
    return Projection(
        amount=record["amount"],
        currency=record["currency"],
        is_share=record["partnership"] is not None,
        # One article quoted twice (source and also_source the same) is still one report.
        reported_twice=also_source is not None and also_source != record["source"],
    )


def totals_by_currency(records: Iterable[Mapping[str, object]]) -> dict[str, float]:
    """The counted amounts summed per currency; currencies are never converted or mixed."""
    totals: dict[str, float] = defaultdict(float)
    for record in records:
        projection = project(record)
        if projection.counted:
            totals[projection.currency] += projection.amount
    return dict(totals)


def programme_grants(dataset: Dataset, programme_id: str) -> list[dict]:
    """The counted grants a programme draws on: its own and those of the programmes above it, in data order."""
    lineage = set(programme_lineage(dataset, programme_id))
    return [
        record
        for record in dataset.funding_by_id.values()
        if record["programme"] in lineage and project(record).counted
    ]


def programme_grants_text(dataset: Dataset, programme_id: str, lang: str) -> str:
    """'DKK 20,000,000' (several joined by commas); empty when no grant with a stated amount is known."""
    return ", ".join(
        format_amount(record["amount"], record["currency"], lang) for record in programme_grants(dataset, programme_id)
    )


def stated_share(dataset: Dataset, partnership_id: str) -> dict | None:
    """The partnership's own share of its programme's grant, where the sources state its amount."""
    return next(
        (
            record
            for record in dataset.funding_by_id.values()
            if record["partnership"] == partnership_id and record["amount"] is not None
        ),
        None,
    )
