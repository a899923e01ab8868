"""Where countries are, for checking that a place's coordinates are plausible."""

from __future__ import annotations

# (lon_min, lat_min, lon_max, lat_max), generous by a few kilometres so a city on the
# coast or a border is never rejected; tight enough to catch swapped lat/lon or a
# namesake on another continent.
COUNTRY_BOUNDS: dict[str, tuple[float, float, float, float]] = {
    "DK": (8.0, 54.5, 15.3, 57.8),
    "SE": (10.9, 55.3, 24.2, 69.1),
    # Mainland Norway only (Svalbard and Jan Mayen lie outside).
    "NO": (4.4, 57.9, 31.5, 71.3),
    "FI": (19.0, 59.4, 31.7, 70.2),
    "IS": (-25.0, 63.0, -13.0, 67.2),
    "UA": (22.1, 44.3, 40.3, 52.4),
}


def within_country(lat: float, lon: float, country: str) -> bool:
    """True when (lat, lon) lies inside the country's bounding box; unknown countries pass."""
    bounds = COUNTRY_BOUNDS.get(country)
    if bounds is None:
        return True
    lon_min, lat_min, lon_max, lat_max = bounds
    return lon_min <= lon <= lon_max and lat_min <= lat <= lat_max
