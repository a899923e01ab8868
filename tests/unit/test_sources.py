"""The Sources page: every article, and every fact that cites it with the quote it cites.

The Copenhagen refugee agreement is not about Ukraine: nothing on the map cites it. The Ukraine
Fund's DKK 20 million is reported by Copenhagen's news item and, second, by DK Nyt.
"""

from __future__ import annotations

from partnerships.dataset import Dataset
from partnerships.sources import sources_with_facts


def test_every_source_lists_the_facts_that_cite_it(dataset: Dataset) -> None:
    entries = {entry.citation.source_id: entry for entry in sources_with_facts(dataset, "en")}
    assert list(entries) == list(dataset.sources["id"])
    refugee = entries["kk-refugee-agreement"]
    assert refugee.facts == [] and "not about Ukraine" in refugee.note
    dknyt = entries["dknyt-2024-02-07"]
    grant = [fact for fact in dknyt.facts if fact.fact_id == "dk-ukraine-fund-grant"]
    assert grant and grant[0].second_report and grant[0].quote.startswith("Med en samlet bevilling")
    # Every citation in the data appears under its source, with its quote.
    cited = sum(len(entry.facts) for entry in entries.values())
    expected = sum(
        (record["source"] is not None) + (record.get("also_source") is not None)
        for table in (dataset.partnership_by_id, dataset.programme_by_id, dataset.funding_by_id, dataset.figure_by_id)
        for record in table.values()
    )
    assert cited == expected


def test_a_source_without_publisher_date_or_link_says_none(dataset: Dataset) -> None:
    entries = {entry.citation.source_id: entry for entry in sources_with_facts(dataset, "en")}
    refugee = entries["kk-refugee-agreement"].citation
    # The page words these as "not stated", "date not stated" and "no link known".
    assert (refugee.publisher, refugee.date, refugee.url) == (None, None, None)
    assert refugee.quote is None


def test_facts_keep_their_kind_and_data_order(dataset: Dataset) -> None:
    entries = {entry.citation.source_id: entry for entry in sources_with_facts(dataset, "en")}
    facts = entries["skr-2024-02-27"].facts
    kinds = [fact.kind for fact in facts]
    assert kinds == sorted(kinds, key=["partnership", "programme", "funding", "figure"].index)
    # SKR's 250 million row cites the same article twice: two quotes, neither a second report.
    sida = [fact for fact in facts if fact.fact_id == "se-sida-salar"]
    assert len(sida) == 2 and not any(fact.second_report for fact in sida)
