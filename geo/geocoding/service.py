"""Talking to a Nominatim server through geopy: endpoint, user agent, rate limit, retries.

Every failure leaves this module as a ServiceFault with a one-line message meant for the
person at the terminal; geopy's exception classes stay an implementation detail. Only
geopy's public API is used (tests/unit/test_public_api.py checks): the rate limit and the
retries are ours, so that time enters through one seam, the `clock`/`sleep` pair.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from geopy.adapters import RequestsAdapter, URLLibAdapter
from geopy.exc import (
    GeocoderInsufficientPrivileges,
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.geocoders import Nominatim

from geo.geocoding.cache import ResponseCache, cache_key

PUBLIC_ENDPOINT = "https://nominatim.openstreetmap.org"
DEFAULT_USER_AGENT = "ukraine-partnership-map/1.0 (+contact in README)"
MIN_DELAY_SECONDS = 1.0  # Nominatim's usage policy: at most one request per second
ERROR_WAIT_SECONDS = 5.0  # back-off before retrying a 429 or a timeout
MAX_RETRIES = 2  # so at most three requests per query
MAX_RETRY_AFTER = 60.0  # a server asking us to wait longer than this: give up, rerun later
RESULT_LIMIT = 5  # enough to show namesakes, few enough to read
# geopy's Nominatim refuses, for the public server only, its own default user agent
# "geopy/<version>" (geopy/geocoders/base.py) and the sample agents its docs and examples
# show (the list in geopy/geocoders/nominatim.py, geopy 2.5.0): the usage policy wants an
# agent that names the application, and servers answer sample agents with 403 or 429. That
# list is private to geopy, so we keep our own copy, and refuse every geopy version's default
# by its prefix, for any endpoint.
GEOPY_DEFAULT_AGENT_PREFIX = "geopy/"
SAMPLE_USER_AGENTS = ("my-application", "my_app/1", "my_user_agent/1.0", "specify_your_app_name_here")

# (query, country) -> Nominatim's raw JSON results, best first as the server ranked them.
Search = Callable[[str, str], list[dict[str, Any]]]


class ServiceFault(Exception):
    """The service could not answer; str() is the one-line message for the user."""


@dataclass(frozen=True)
class Endpoint:
    url: str  # normalised, without credentials: for cache keys and messages
    scheme: str
    domain: str  # host[:port][/path], as geopy's Nominatim(domain=...) expects
    host: str  # host[:port], recorded in geocoded_by

    @property
    def source(self) -> str:
        return f"nominatim {self.host}"


def parse_endpoint(url: str) -> Endpoint:
    """Accept what people paste: a bare host, a base URL, or even a full /search URL."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"--endpoint {url!r} is not an http(s) URL of a Nominatim server")
    path = parts.path.rstrip("/")
    if path.endswith("/search"):
        path = path[: -len("/search")]  # geopy appends /search itself
    host = parts.netloc.rsplit("@", 1)[-1]  # never copy credentials into messages or the CSV
    return Endpoint(url=f"{parts.scheme}://{host}{path}", scheme=parts.scheme, domain=parts.netloc + path, host=host)


def check_user_agent(user_agent: str) -> None:
    """Refuse an empty agent and geopy's default and sample ones (see SAMPLE_USER_AGENTS)."""
    agent = user_agent.strip().lower()
    if not agent or agent in SAMPLE_USER_AGENTS or agent.startswith(GEOPY_DEFAULT_AGENT_PREFIX):
        raise ValueError(
            f"--user-agent {user_agent!r} is geopy's default or sample user agent; Nominatim's "
            f"usage policy asks for one that names the application, e.g. {DEFAULT_USER_AGENT!r}"
        )


def make_nominatim(endpoint: Endpoint, *, user_agent: str, timeout: float) -> Nominatim:
    check_user_agent(user_agent)
    # requests would otherwise retry on its own (urllib3, 2 retries) behind make_search's
    # back, sending several requests inside one rate-limit slot; all retries are ours.
    adapter = partial(RequestsAdapter, max_retries=0) if RequestsAdapter.is_available else URLLibAdapter
    return Nominatim(
        domain=endpoint.domain,
        scheme=endpoint.scheme,
        user_agent=user_agent,
        timeout=timeout,
        adapter_factory=adapter,
    )


def make_search(
    geocoder: Nominatim,
    endpoint: Endpoint,
    *,
    cache: ResponseCache,
    today: date,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    min_delay_seconds: float = MIN_DELAY_SECONDS,
    error_wait_seconds: float = ERROR_WAIT_SECONDS,
    max_retries: int = MAX_RETRIES,
) -> Search:
    """A cached, rate-limited search with retries.

    Requests start at least `min_delay_seconds` apart; a 429 or a timeout is retried after
    `error_wait_seconds` (or the server's longer Retry-After), at most `max_retries` times.
    `clock` and `sleep` are the only way time enters, so tests pass a fake pair and never wait.
    """
    last_request: float | None = None

    def send(query: str, country: str) -> list[dict[str, Any]]:
        nonlocal last_request
        if last_request is not None:
            wait = min_delay_seconds - (clock() - last_request)
            if wait > 0:
                sleep(wait)
        last_request = clock()
        found = geocoder.geocode(
            query,
            exactly_one=False,
            addressdetails=True,
            limit=RESULT_LIMIT,
            country_codes=country.lower(),
        )
        return [location.raw for location in found or []]

    def fetch(query: str, country: str) -> list[dict[str, Any]]:
        attempt = 0
        while True:
            attempt += 1
            try:
                return send(query, country)
            except (GeocoderRateLimited, GeocoderTimedOut) as exc:  # geopy maps 503/504 to a timeout
                wait = error_wait_seconds
                if isinstance(exc, GeocoderRateLimited):
                    asked = float(exc.retry_after or 0)
                    if asked > MAX_RETRY_AFTER:
                        raise ServiceFault(
                            f"{endpoint.host} is rate-limiting us (HTTP 429) and asks to wait {asked:.0f} s; rerun later"
                        ) from exc
                    wait = max(asked, error_wait_seconds)  # honour Retry-After
                if attempt > max_retries:
                    raise ServiceFault(describe_fault(exc, endpoint, geocoder.timeout, tries=attempt)) from exc
                what = "HTTP 429 Too Many Requests" if isinstance(exc, GeocoderRateLimited) else str(exc)
                _warn(f"{endpoint.host}: {what}; retrying in {wait:.0f} s ({attempt}/{max_retries})")
                sleep(wait)
            except GeocoderServiceError as exc:
                # 403, no network, not Nominatim...: retrying would not help, and after a 403
                # it would be exactly what the usage policy forbids.
                raise ServiceFault(describe_fault(exc, endpoint, geocoder.timeout, tries=attempt)) from exc

    def search(query: str, country: str) -> list[dict[str, Any]]:
        key = cache_key(endpoint.url, country, query)
        cached = cache.get(key)
        if cached is not None:
            return cached
        results = fetch(query, country)
        cache.put(key, results, today)
        return results

    return search


def describe_fault(exc: GeocoderServiceError, endpoint: Endpoint, timeout: float, *, tries: int) -> str:
    host = endpoint.host
    times = f" ({tries} tries)" if tries > 1 else ""
    detail = str(exc).lower()
    if isinstance(exc, GeocoderInsufficientPrivileges):
        return (
            f"{host} refused the request (HTTP 403 Forbidden): it blocks this user agent or address; "
            "set --user-agent to name this application and read https://operations.osmfoundation.org/policies/nominatim/"
        )
    if isinstance(exc, GeocoderRateLimited):
        return f"{host} kept answering HTTP 429 Too Many Requests{times}; wait a few minutes and rerun"
    if isinstance(exc, GeocoderTimedOut) and "status code" in detail:  # geopy maps 503/504 here
        return f"{host} is temporarily unavailable ({str(exc).strip()}){times}; rerun later"
    if isinstance(exc, GeocoderTimedOut):
        return f"{host} did not answer within {timeout:g} s{times}; rerun later or raise --timeout"
    if isinstance(exc, GeocoderUnavailable):
        reason = "connection refused" if "refused" in detail else "no network or unknown host"
        return f"cannot reach {host} ({reason}); check the network and --endpoint"
    if isinstance(exc, GeocoderParseError):
        return f"{host} did not answer with Nominatim JSON; is --endpoint a Nominatim server?"
    first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return f"{host}: {first_line}"


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)
