"""A fact's sources, with short verbatim quotes, ready to show."""

from __future__ import annotations

from dataclasses import dataclass

from partnerships.dataset import Dataset


@dataclass(frozen=True)
class Citation:
    source_id: str
    title: str
    publisher: str
    date: str
    url: str
    quote: str


def citations(dataset: Dataset, record: dict) -> list[Citation]:
    """The primary source and, where given, the second source reporting the same fact."""
    found = []
    for source_field, quote_field in (("source", "quote"), ("also_source", "also_quote")):
        source_id = record.get(source_field) or ""
        if not source_id:
            continue
        source = dataset.source_by_id[source_id]
        found.append(
            Citation(
                source_id=source_id,
                title=str(source["title"]),
                publisher=str(source["publisher"]),
                date=str(source["date"]),
                url=str(source["url"]),
                quote=str(record.get(quote_field) or ""),
            )
        )
    return found
