"""A JSON file of Nominatim answers, so a rerun never asks the service the same thing twice.

Nominatim's usage policy asks clients to cache; it also makes reruns after an interruption
or a --pick instant. Entries are keyed by endpoint, country and query, because a
self-hosted instance may answer differently from the public one.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from geo.geocoding.places_csv import write_atomically

CACHE_FILE = "nominatim.json"


def cache_key(endpoint: str, country: str, query: str) -> str:
    # NFC so "Borås" typed on macOS (decomposed å) and on Linux hit the same entry.
    return f"{endpoint.rstrip('/')} {country.lower()} {unicodedata.normalize('NFC', query.strip())}"


class ResponseCache:
    """Cached raw results by key; `folder=None` turns caching off (nothing read or written)."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / CACHE_FILE if folder else None
        self.entries: dict[str, dict[str, Any]] = {}
        if self.path and self.path.exists():
            try:
                self.entries = json.loads(self.path.read_text(encoding="utf-8"))
            except (ValueError, OSError) as exc:
                # A damaged cache costs only extra requests; it must not stop the run.
                print(f"warning: ignoring unreadable cache {self.path}: {exc}", file=sys.stderr)

    def get(self, key: str) -> list[dict[str, Any]] | None:
        entry = self.entries.get(key)
        return None if entry is None else entry["results"]

    def put(self, key: str, results: list[dict[str, Any]], today: date) -> None:
        self.entries[key] = {"fetched_on": today.isoformat(), "results": results}
        if not self.path:
            return
        # Saved after every answer, so an interrupted run keeps what it already paid for.
        text = json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, [text + "\n"])
        except OSError as exc:  # a cache that cannot be saved costs requests, not the run
            print(f"warning: cannot save the cache {self.path}: {exc.strerror or exc}", file=sys.stderr)
