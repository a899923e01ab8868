"""A fact's sources, with short verbatim quotes, ready to show."""

from __future__ import annotations

from dataclasses import dataclass

from partnerships.dataset import Dataset


@dataclass(frozen=True)
class Citation:
    source_id: str
    title: str
    # None where the source does not state them.
    publisher: str | None
    date: str | None
    url: str | None
    quote: str | None


def source_citation(source: dict, quote: str | None) -> Citation:
    """A source record as a citation of one quote (None: the source as a whole)."""
    return Citation(
        source_id=source["id"],
        title=source["title"],
        publisher=source["publisher"],
        date=source["date"],
        url=source["url"],
        quote=quote,
    )


def citations(dataset: Dataset, record: dict) -> list[Citation]:
    """The primary source and, where given, the second source reporting the same fact."""
    found = []
    for source_field, quote_field in (("source", "quote"), ("also_source", "also_quote")):
        source_id = record.get(source_field)
        if source_id is None:
            continue
        found.append(source_citation(dataset.source_by_id[source_id], record.get(quote_field)))
    return found
