"""Geocoding: coordinates for places.csv from OpenStreetMap's Nominatim, through geopy.

    cli.py         the command (`python -m geo.geocoding`, `make geocode`): arguments, the run
    rules.py       which of Nominatim's candidates may be written; pure, no network or files
    service.py     the Nominatim server: endpoint, user agent, rate limit, retries, faults
    cache.py       Nominatim's answers on disk, so a rerun never asks the same thing twice
    places_csv.py  places.csv edited in place: untouched rows keep their bytes, writes are atomic

How-to: docs/geocoding.md. Nothing runs at import: the app imports geo.* while serving pages,
and a page view must never send a request to a geocoding service. Knows nothing of
partnerships/: only geo.places (country boxes) from outside this package.
"""
