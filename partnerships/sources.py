"""The Sources page's content: every article, and every fact on the map that cites it, with the quote it cites."""

from __future__ import annotations

from dataclasses import dataclass

from partnerships.citations import Citation, citations, source_citation
from partnerships.dataset import Dataset
from partnerships.i18n import format_amount
from partnerships.labels import funder_name, partnership_title, programme_name

# The kinds of fact, each with its table's records, in the order the page lists them.
FACT_TABLES = (
    ("partnership", "partnership_by_id"),
    ("programme", "programme_by_id"),
    ("funding", "funding_by_id"),
    ("figure", "figure_by_id"),
)


@dataclass(frozen=True)
class Fact:
    kind: str  # "partnership", "programme", "funding" or "figure"
    fact_id: str
    label: str
    quote: str
    second_report: bool  # this source is the second to report the fact (also_source, another article)


@dataclass(frozen=True)
class SourceEntry:
    citation: Citation  # title, publisher, date and url; no quote
    language: str
    note: str | None
    facts: list[Fact]


def _fact_label(dataset: Dataset, kind: str, record: dict, lang: str) -> str:
    if kind == "partnership":
        return partnership_title(dataset, record, lang)
    if kind == "programme":
        return programme_name(dataset, record["id"], lang)
    if kind == "funding":
        amount = format_amount(record["amount"], record["currency"], lang)
        return f"{funder_name(dataset, record['funder'], lang)} → {programme_name(dataset, record['programme'], lang)}: {amount}"
    return record.get(f"label_{lang}") or record["label_en"]


def _facts_by_source(dataset: Dataset, lang: str) -> dict[str, list[Fact]]:
    """Every citation in the data, under the source it cites, in the order of FACT_TABLES and of each table."""
    facts: dict[str, list[Fact]] = {source_id: [] for source_id in dataset.source_by_id}
    for kind, table in FACT_TABLES:
        for record in getattr(dataset, table).values():
            for position, citation in enumerate(citations(dataset, record)):
                second = position > 0 and record["source"] != citation.source_id
                label = _fact_label(dataset, kind, record, lang)
                facts[citation.source_id].append(Fact(kind, record["id"], label, citation.quote, second_report=second))
    return facts


def sources_with_facts(dataset: Dataset, lang: str) -> list[SourceEntry]:
    """Every source in the order of sources.csv, with every fact that cites it and the quote it cites."""
    facts = _facts_by_source(dataset, lang)
    return [
        SourceEntry(
            citation=source_citation(source, None),
            language=source["language"],
            note=source["note"],
            facts=facts[source_id],
        )
        for source_id, source in dataset.source_by_id.items()
    ]
