"""Pure rules for geocoding: which of Nominatim's candidates, if any, may be written.

No network, no files: everything here takes Nominatim's raw JSON results and returns a
decision, so the rules can be tested and reasoned about on their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from geopy.distance import distance

from geo.places import within_country

# Two candidates whose Nominatim `importance` differ by less than this are "about equally
# likely": Nominatim's ranking alone cannot be trusted to tell them apart.
IMPORTANCE_MARGIN = 0.05
# ...unless they are this close: then they are the same place in two shapes (a town's point
# and its municipality's boundary, a city and its railway station), and either will do on a
# map drawn at country scale.
SAME_PLACE_KM = 10.0

Status = Literal["found", "not_found", "ambiguous", "outside", "bad_pick"]


@dataclass(frozen=True)
class Candidate:
    """One Nominatim search result, reduced to what the rules and the user need."""

    lat: float
    lon: float
    display_name: str
    importance: float
    country_code: str  # upper case, "" when the service did not say
    osm_kind: str  # e.g. "place/city", "boundary/administrative"

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> Candidate:
        address = raw.get("address") or {}
        return cls(
            lat=float(raw["lat"]),
            lon=float(raw["lon"]),
            display_name=str(raw.get("display_name", "")),
            # Some self-hosted instances omit importance; rank those last, not crash.
            importance=float(raw.get("importance") or 0.0),
            country_code=str(address.get("country_code", "")).upper(),
            osm_kind=f"{raw.get('class', '?')}/{raw.get('type', '?')}",
        )

    def describe(self) -> str:
        return (
            f"{self.display_name}  [{self.osm_kind}, importance {self.importance:.3f}, {self.lat:.4f}, {self.lon:.4f}]"
        )


@dataclass
class Decision:
    status: Status
    chosen: Candidate | None = None
    # In-country candidates, best first; `--pick N` and the interactive prompt number these.
    candidates: list[Candidate] = field(default_factory=list)
    # Results the service returned that lie outside the place's country.
    outside: list[Candidate] = field(default_factory=list)


def in_country(candidate: Candidate, country: str) -> bool:
    """Both checks must agree: the address's country code, and the country's bounding box.

    The code catches a namesake across a border; the box catches a result whose address
    is right but whose coordinates are not (swapped lat/lon, a bad OSM node).
    """
    if candidate.country_code and candidate.country_code != country.upper():
        return False
    return within_country(candidate.lat, candidate.lon, country.upper())


def decide(raw_results: Sequence[Mapping[str, Any]], country: str, pick: int | None = None) -> Decision:
    """Choose the candidate to write, or say why none may be written.

    `pick` is 1-based into `Decision.candidates`; it overrides the ambiguity rule because
    a person has looked at the list and chosen.
    """
    every = [Candidate.from_raw(raw) for raw in raw_results]
    inside = sorted((c for c in every if in_country(c, country)), key=lambda c: -c.importance)
    outside = [c for c in every if not in_country(c, country)]
    decision = Decision(status="not_found", candidates=inside, outside=outside)
    if pick is not None:
        if not 1 <= pick <= len(inside):
            decision.status = "bad_pick"
            return decision
        decision.status, decision.chosen = "found", inside[pick - 1]
        return decision
    if not inside:
        decision.status = "outside" if outside else "not_found"
        return decision
    best = inside[0]
    rivals = [
        c
        for c in inside[1:]
        if best.importance - c.importance < IMPORTANCE_MARGIN
        and distance((best.lat, best.lon), (c.lat, c.lon)).km > SAME_PLACE_KM
    ]
    if rivals:
        decision.status = "ambiguous"
    else:
        decision.status, decision.chosen = "found", best
    return decision
