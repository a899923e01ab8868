"""Talking to a Nominatim server through geopy: endpoint, user agent, rate limit, retries.

Every failure leaves this module as a ServiceFault with a one-line message meant for the
person at the terminal; geopy's exception classes stay an implementation detail.
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
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

# geopy's own list of the default and sample user agents it refuses for the public server.
from geopy.geocoders.nominatim import _REJECTED_USER_AGENTS

from geo.geocode_cache import ResponseCache, cache_key

PUBLIC_ENDPOINT = "https://nominatim.openstreetmap.org"
DEFAULT_USER_AGENT = "ukraine-partnership-map/1.0 (+contact in README)"
MIN_DELAY_SECONDS = 1.0  # Nominatim's usage policy: at most one request per second
ERROR_WAIT_SECONDS = 5.0  # back-off before retrying a 429 or a timeout
MAX_RETRIES = 2  # so at most three requests per query
MAX_RETRY_AFTER = 60.0  # a server asking us to wait longer than this: give up, rerun later
RESULT_LIMIT = 5  # enough to show namesakes, few enough to read

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
    """Refuse geopy's default and sample user agents, for any endpoint, as geopy does for the public one."""
    if not user_agent.strip() or user_agent.strip() in _REJECTED_USER_AGENTS:
        raise ValueError(
            f"--user-agent {user_agent!r} is geopy's default or sample user agent; Nominatim's "
            f"usage policy asks for one that names the application, e.g. {DEFAULT_USER_AGENT!r}"
        )


def make_nominatim(endpoint: Endpoint, *, user_agent: str, timeout: float) -> Nominatim:
    check_user_agent(user_agent)
    # requests would otherwise retry on its own (urllib3, 2 retries) behind the RateLimiter's
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
    """A cached, rate-limited search. `clock` and `sleep` are seams so tests never wait."""
    attempt = 0

    def request(query: str, country: str) -> list[dict[str, Any]]:
        nonlocal attempt
        attempt += 1
        retrying = attempt <= max_retries
        try:
            found = geocoder.geocode(
                query,
                exactly_one=False,
                addressdetails=True,
                limit=RESULT_LIMIT,
                country_codes=country.lower(),
            )
        except GeocoderRateLimited as exc:
            asked = float(exc.retry_after or 0)
            if asked > MAX_RETRY_AFTER:
                raise ServiceFault(
                    f"{endpoint.host} is rate-limiting us (HTTP 429) and asks to wait {asked:.0f} s; rerun later"
                ) from exc
            if retrying:
                wait = max(asked, error_wait_seconds)
                _warn(
                    f"{endpoint.host}: HTTP 429 Too Many Requests; retrying in {wait:.0f} s ({attempt}/{max_retries})"
                )
                if wait > error_wait_seconds:  # honour Retry-After; RateLimiter sleeps the rest
                    sleep(wait - error_wait_seconds)
            raise
        except GeocoderTimedOut as exc:
            if retrying:
                # geopy raises this for 503/504 too; its message says which.
                _warn(f"{endpoint.host}: {exc}; retrying in {error_wait_seconds:.0f} s ({attempt}/{max_retries})")
            raise
        except GeocoderServiceError as exc:
            # 403, no network, not Nominatim...: retrying would not help, and after a 403
            # it would be exactly what the usage policy forbids. Not a GeocoderServiceError
            # any more, so the RateLimiter re-raises it at once instead of retrying.
            raise ServiceFault(describe_fault(exc, endpoint, geocoder.timeout, tries=1)) from exc
        return [location.raw for location in found or []]

    limiter = RateLimiter(
        request,
        min_delay_seconds=min_delay_seconds,
        max_retries=max_retries,
        error_wait_seconds=error_wait_seconds,
        swallow_exceptions=False,
    )
    # geopy reads time only through these two methods (its own tests patch them on the
    # class); instance attributes shadow them for this limiter alone.
    limiter._clock = clock
    limiter._sleep = sleep

    def search(query: str, country: str) -> list[dict[str, Any]]:
        nonlocal attempt
        key = cache_key(endpoint.url, country, query)
        cached = cache.get(key)
        if cached is not None:
            return cached
        attempt = 0
        try:
            results = limiter(query, country)
        except GeocoderServiceError as exc:  # retries used up
            raise ServiceFault(describe_fault(exc, endpoint, geocoder.timeout, tries=attempt)) from exc
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
