"""The geocoding command: fill missing coordinates in places.csv, or add a place by name.

    python -m geo.geocoding                               # every row lacking lat/lon
    python -m geo.geocoding "Borås" --country SE          # add a place (id "boras")
    python -m geo.geocoding --id voznesensk --pick 2      # settle an ambiguous row

How-to: docs/geocoding.md. Nothing runs at import (see geo/geocoding/__init__.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from geo.geocoding.cache import ResponseCache
from geo.geocoding.places_csv import PlacesTable, Row
from geo.geocoding.rules import Decision, decide
from geo.geocoding.service import (
    DEFAULT_USER_AGENT,
    PUBLIC_ENDPOINT,
    Search,
    ServiceFault,
    check_user_agent,
    make_nominatim,
    make_search,
    parse_endpoint,
)

KINDS = ("municipality", "city", "organisation")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # the data contract's id type
# Letters NFKD does not split into base letter + accent.
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "þ": "th", "ð": "d"})

Ask = Callable[[str], str]  # shows a prompt, returns what the user typed (like input)
Say = Callable[[str], None]


@dataclass
class Outcome:
    written: list[str] = field(default_factory=list)
    not_written: list[str] = field(default_factory=list)
    fault: str | None = None  # a service failure that stopped the run


def slugify(name: str) -> str:
    """'Borås' -> 'boras', 'Ikast-Brande' -> 'ikast-brande'; '' for non-Latin names."""
    folded = unicodedata.normalize("NFKD", name.lower().translate(_FOLD))
    ascii_only = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")


def lacks_coordinates(table: PlacesTable, row: Row) -> bool:
    return not table.get(row, "lat").strip() or not table.get(row, "lon").strip()


def geocode_rows(
    table: PlacesTable,
    rows: Sequence[Row],
    search: Search,
    *,
    source: str,
    today: date,
    pick: int | None = None,
    ask: Ask | None = None,
    hint: str = "rerun with --id {id} --pick N",
    say: Say = print,
) -> Outcome:
    """Geocode `rows` in place in `table` (not on disk); the core, with the geocoder injected.

    A row is changed only when exactly one in-country candidate is chosen; anything else
    leaves it as it was. A service fault stops the run, since the next request would fail
    the same way (and hammering a server that said 403 or 429 is what gets clients banned).
    """
    outcome = Outcome()
    for number, row in enumerate(rows):
        place_id, country = table.get(row, "id"), table.get(row, "country").strip().upper()
        query = table.get(row, "name_local").strip() or table.get(row, "name").strip()
        if not country or not query:
            say(f"{place_id}: needs a name and a country before it can be geocoded; skipped")
            outcome.not_written.append(place_id)
            continue
        try:
            results = search(query, country)
        except ServiceFault as fault:
            outcome.fault = str(fault)
            outcome.not_written.extend(table.get(r, "id") for r in rows[number:])
            break
        decision = decide(results, country, pick)
        if decision.status == "ambiguous":
            _list_candidates(
                decision, f"{place_id}: {len(decision.candidates)} places match {query!r} in {country}", say
            )
            decision = _choose(decision, ask, say) if ask else decision
        if decision.chosen:
            lat, lon = decision.chosen.lat, decision.chosen.lon
            # Four decimals (~10 m), like the hand-typed rows: plenty for a country-scale map.
            for column, value in (
                ("lat", f"{lat:.4f}"),
                ("lon", f"{lon:.4f}"),
                ("geocoded_by", source),
                ("geocoded_on", today.isoformat()),
            ):
                table.set(row, column, value)
            say(f"{place_id}: {lat:.4f}, {lon:.4f}  {decision.chosen.display_name}")
            outcome.written.append(place_id)
            continue
        outcome.not_written.append(place_id)
        _explain(decision, place_id, query, country, pick, hint.format(id=place_id), say)
    return outcome


def _list_candidates(decision: Decision, title: str, say: Say) -> None:
    say(f"{title}:")
    for n, candidate in enumerate(decision.candidates, start=1):
        say(f"  {n}. {candidate.describe()}")


def _choose(decision: Decision, ask: Ask, say: Say) -> Decision:
    count = len(decision.candidates)
    while True:
        try:
            answer = ask(f"Which one? 1-{count}, or Enter to skip: ").strip()
        except EOFError:
            answer = ""
        if not answer:
            return decision
        if answer.isdigit() and 1 <= int(answer) <= count:
            decision.status, decision.chosen = "found", decision.candidates[int(answer) - 1]
            return decision
        say(f"Please type a number from 1 to {count}, or just Enter.")


def _explain(
    decision: Decision, place_id: str, query: str, country: str, pick: int | None, hint: str, say: Say
) -> None:
    if decision.status == "ambiguous":
        say(f"{place_id}: not written, they are about equally likely; {hint}")
    elif decision.status == "bad_pick":
        _list_candidates(decision, f"{place_id}: --pick {pick}, but the candidates in {country} are", say)
        if not decision.candidates:
            say("  (none)")
    elif decision.status == "outside":
        where = "; ".join(c.display_name for c in decision.outside[:2])
        say(f"{place_id}: not written: the only results for {query!r} are outside {country}: {where}")
    else:
        say(
            f"{place_id}: nothing called {query!r} found in {country}; check the spelling, or type lat/lon by hand (geocoded_by: manual)"
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geo.geocoding",
        description="Fill missing lat/lon in places.csv, or add a place by name, using Nominatim (OpenStreetMap).",
        epilog="How-to: docs/geocoding.md",
    )
    parser.add_argument(
        "name", nargs="?", help="add this place (its English name); without it, fill every row lacking lat/lon"
    )
    parser.add_argument("--country", help="ISO 3166-1 alpha-2 code of the new place, e.g. SE (required with a name)")
    parser.add_argument(
        "--kind", choices=KINDS, default="municipality", help="kind of the new place (default: municipality)"
    )
    parser.add_argument(
        "--id",
        dest="place_id",
        metavar="ID",
        help="id of the new place (default: a slug of the name); without a name: geocode only this row",
    )
    parser.add_argument(
        "--name-local", help="the name in the place's own language (default: the name); this is what is searched"
    )
    parser.add_argument(
        "--pick", type=int, metavar="N", help="take candidate N of the numbered list shown for an ambiguous name"
    )
    parser.add_argument(
        "--data",
        default=os.environ.get("PARTNERSHIP_MAP_DATA", "data"),
        help="folder with places.csv (default: $PARTNERSHIP_MAP_DATA or data/)",
    )
    parser.add_argument(
        "--endpoint",
        default=os.environ.get("NOMINATIM_URL", PUBLIC_ENDPOINT),
        help="Nominatim base URL (default: $NOMINATIM_URL or the public server)",
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each answer (default: 10)")
    parser.add_argument(
        "--user-agent",
        default=DEFAULT_USER_AGENT,
        help=f"identifies this application to the server (default: {DEFAULT_USER_AGENT!r})",
    )
    parser.add_argument(
        "--cache",
        default=os.environ.get("GEOCODE_CACHE", ".geocode-cache"),
        help="folder of cached answers (default: $GEOCODE_CACHE or .geocode-cache/)",
    )
    return parser


class UsageError(Exception):
    pass


def _select_rows(args: argparse.Namespace, table: PlacesTable) -> tuple[list[Row], str]:
    """The rows to geocode and the hint for an ambiguous one; [] means nothing to do."""
    if args.name is None:
        if args.pick is not None and not args.place_id:
            raise UsageError("--pick needs the place it is for: --id ID, or the name of a new place")
        if args.place_id:
            row = table.find(args.place_id)
            if row is None:
                raise UsageError(f"no place with id {args.place_id!r} in {table.path}")
            rows = [row]
        else:
            rows = [row for row in table.places() if lacks_coordinates(table, row)]
        return [row for row in rows if lacks_coordinates(table, row)], "rerun with --id {id} --pick N"
    country = (args.country or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise UsageError("a new place needs --country, a two-letter ISO 3166-1 code such as SE, DK or UA")
    place_id = args.place_id or slugify(args.name)
    if not ID_PATTERN.fullmatch(place_id):
        raise UsageError(f"cannot use {place_id!r} as an id (lower-case letters, digits, hyphens); pass --id")
    row = table.find(place_id)
    if row is not None:
        if table.get(row, "country").strip().upper() != country:
            raise UsageError(
                f"{place_id!r} is already in {table.path} with country {table.get(row, 'country')}; pass another --id"
            )
        if not lacks_coordinates(table, row):
            print(f"{place_id} is already in {table.path} at {table.get(row, 'lat')}, {table.get(row, 'lon')}")
            return [], ""
        return [row], "add --pick N to the same command"
    # name_da/name_sv/name_uk stay empty for a person to fill: guessing them from a name
    # typed in another script would put Latin letters where Cyrillic belongs.
    name_local = (args.name_local or args.name).strip()
    values = {
        "id": place_id,
        "name": args.name.strip(),
        "name_local": name_local,
        "country": country,
        "kind": args.kind,
    }
    return [table.append(values)], "add --pick N to the same command"


def main(
    argv: Sequence[str] | None = None,
    *,
    ask: Ask | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    today: date | None = None,
) -> int:
    """The command line. Returns the exit code: 0 done, 1 something not geocoded, 2 usage."""
    args = build_parser().parse_args(argv)
    today = today or date.today()
    if ask is None and sys.stdin.isatty():
        ask = input
    # geopy may log warnings of its own (a malformed Retry-After, say); we print our own one-liners.
    geopy_log = logging.getLogger("geopy")
    geopy_log.propagate = False
    if not geopy_log.handlers:  # with no handler at all, logging would print to stderr anyway
        geopy_log.addHandler(logging.NullHandler())
    path = Path(args.data) / "places.csv"
    try:
        check_user_agent(args.user_agent)
        endpoint = parse_endpoint(args.endpoint)
        table = PlacesTable.read(path)
        rows, hint = _select_rows(args, table)
    except (UsageError, ValueError) as exc:
        return _fail(str(exc), 2)
    except OSError as exc:
        return _fail(f"cannot read {path}: {exc.strerror or exc}", 2)
    if not rows:
        if hint:  # an empty hint: _select_rows has already said why
            print(f"{path}: nothing to geocode, every place has coordinates")
        return 0
    geocoder = make_nominatim(endpoint, user_agent=args.user_agent, timeout=args.timeout)
    search = make_search(
        geocoder, endpoint, cache=ResponseCache(Path(args.cache)), today=today, clock=clock, sleep=sleep
    )
    new_row = rows[0] if not rows[0].raw else None
    try:
        outcome = geocode_rows(
            table, rows, search, source=endpoint.source, today=today, pick=args.pick, ask=ask, hint=hint
        )
        if new_row is not None and outcome.not_written:
            table.rows.remove(new_row)  # a new place is added only with its coordinates
        if outcome.written:
            table.write()
    except KeyboardInterrupt:
        return _fail(f"interrupted: {path} not changed (answers so far are cached; rerun to continue)", 130)
    except OSError as exc:
        return _fail(f"could not write {path}: {exc.strerror or exc}; it was not changed", 1)
    if outcome.fault:
        print(f"error: {outcome.fault}", file=sys.stderr)
    left = len(outcome.not_written)
    if new_row is not None and left:
        print(f"{path}: not changed, {outcome.not_written[0]} not added")
    else:
        print(f"{path}: {len(outcome.written)} geocoded" + (f", {left} left without coordinates" if left else ""))
    return 1 if left else 0


def _fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
