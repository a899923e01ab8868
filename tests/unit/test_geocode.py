"""geo.geocoding against a local Nominatim-compatible server: real HTTP, no internet, no waiting.

geopy is not mocked: it talks over HTTP to tests/fixtures/nominatim_server.py on
127.0.0.1. Only the command's clock and sleep are replaced, so the one-second rate limit
and the back-off are checked without spending the time.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from geo.geocoding.cli import main, slugify
from geo.geocoding.places_csv import PlacesTable, write_atomically
from geo.geocoding.rules import decide
from geo.geocoding.service import parse_endpoint
from tests.fixtures.nominatim_server import RecordedNominatim

# tests/conftest.py puts the repository root on sys.path.
ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 1)
AARHUS_LATLON = "56.1567,10.2108"
VOZNESENSK_LATLON = "47.5667,31.3333"


class FakeClock:
    """Time that passes only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture(autouse=True)
def no_internet_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    # A test that forgot --endpoint must fail against a closed local port, not the public server.
    monkeypatch.setenv("NOMINATIM_URL", "http://127.0.0.1:9")
    monkeypatch.delenv("PARTNERSHIP_MAP_DATA", raising=False)
    monkeypatch.delenv("GEOCODE_CACHE", raising=False)


@pytest.fixture
def server() -> Iterator[RecordedNominatim]:
    with RecordedNominatim() as running:
        yield running


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(ROOT / "data" / "places.csv", folder / "places.csv")
    return folder


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def run(args: list[str], server: RecordedNominatim, data_dir: Path, clock: FakeClock, **kwargs: object) -> int:
    endpoint = ["--endpoint", server.url] if "--endpoint" not in args else []
    return main(
        [*args, *endpoint, "--data", str(data_dir), "--cache", str(data_dir.parent / "cache"), "--timeout", "0.5"],
        clock=clock.clock,
        sleep=clock.sleep,
        today=TODAY,
        **kwargs,
    )


def blank(data_dir: Path, latlon: str) -> bytes:
    """Remove one row's coordinates from the copy; returns the file's new bytes."""
    path = data_dir / "places.csv"
    text = path.read_bytes().replace(latlon.encode(), b",")
    path.write_bytes(text)
    return text


def rows_by_id(data_dir: Path) -> dict[str, dict[str, str]]:
    table = PlacesTable.read(data_dir / "places.csv")
    return {table.get(r, "id"): {c: table.get(r, c) for c in table.columns} for r in table.places()}


# -- found, and everything else preserved -------------------------------------------------


def test_fills_missing_coordinates_and_records_the_source(server, data_dir, clock, capsys):
    before = blank(data_dir, AARHUS_LATLON)

    assert run([], server, data_dir, clock) == 0

    aarhus = rows_by_id(data_dir)["aarhus"]
    assert (aarhus["lat"], aarhus["lon"]) == ("56.1496", "10.2134")
    assert aarhus["geocoded_by"] == f"nominatim {server.url.removeprefix('http://')}"
    assert aarhus["geocoded_on"] == "2026-12-01"
    assert aarhus["note"] == "City centre"
    (request,) = server.searches()
    assert request["q"] == "Aarhus"
    assert (
        request["params"].items()
        >= {"countrycodes": "dk", "addressdetails": "1", "limit": "5", "format": "json"}.items()
    )
    assert request["user_agent"].startswith("ukraine-partnership-map/")
    # Every other line is byte for byte what it was.
    old, new = before.splitlines(keepends=True), (data_dir / "places.csv").read_bytes().splitlines(keepends=True)
    assert len(old) == len(new)
    assert [o for o, n in zip(old, new, strict=True) if o != n] == [line for line in old if line.startswith(b"aarhus,")]
    assert "aarhus: 56.1496, 10.2134" in capsys.readouterr().out


def test_unknown_columns_quoting_and_crlf_survive(server, data_dir, clock):
    path = data_dir / "places.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",wikidata"] + [f"{line},Q{n}" for n, line in enumerate(lines[1:], start=1)]
    lines.append('quoted,Quoted,Quoted,,,,DK,city,55.0,10.0,manual,2026-11-29,"two\nlines, kept",Q99')
    before = "\r\n".join(lines) + "\r\n"
    path.write_bytes(before.replace(AARHUS_LATLON, ",").encode())

    assert run([], server, data_dir, clock) == 0

    source = f"nominatim {server.url.removeprefix('http://')}"
    expected = before.replace(f"{AARHUS_LATLON},manual,2026-11-29", f"56.1496,10.2134,{source},2026-12-01")
    assert expected.count(source) == 1
    assert path.read_bytes() == expected.encode()


# -- not found, outside, ambiguous ---------------------------------------------------------


def test_not_found_leaves_the_file_alone(server, data_dir, clock, capsys):
    before = (data_dir / "places.csv").read_bytes()

    assert run(["Atlantis", "--country", "UA"], server, data_dir, clock) == 1

    assert (data_dir / "places.csv").read_bytes() == before
    out = capsys.readouterr().out
    assert "nothing called 'Atlantis' found in UA" in out
    assert "atlantis not added" in out


def test_result_outside_the_country_is_not_written(server, data_dir, clock, capsys):
    before = (data_dir / "places.csv").read_bytes()

    assert run(["Helsingborg", "--country", "DK"], server, data_dir, clock) == 1

    assert (data_dir / "places.csv").read_bytes() == before
    assert "outside DK: Helsingborg, Helsingborgs kommun, Skåne län, Sverige" in capsys.readouterr().out


def test_ambiguous_name_needs_pick(server, data_dir, clock, capsys):
    before = blank(data_dir, VOZNESENSK_LATLON)

    assert run([], server, data_dir, clock) == 1

    assert (data_dir / "places.csv").read_bytes() == before
    out = capsys.readouterr().out
    assert "voznesensk: 3 places match 'Вознесенськ' in UA:" in out
    assert "  1. Вознесенський район, Миколаївська область, Україна" in out
    assert "  2. Вознесенськ, Вознесенська міська громада" in out
    assert "rerun with --id voznesensk --pick N" in out

    assert run(["--id", "voznesensk", "--pick", "2"], server, data_dir, clock) == 0

    row = rows_by_id(data_dir)["voznesensk"]
    assert (row["lat"], row["lon"]) == ("47.5651", "31.3306")
    assert len(server.searches()) == 1  # the --pick rerun was answered from the cache


def test_ambiguous_name_asks_on_a_terminal(server, data_dir, clock, capsys):
    blank(data_dir, VOZNESENSK_LATLON)
    answers = iter(["7", "2"])  # first an invalid choice, then a valid one

    assert run([], server, data_dir, clock, ask=lambda prompt: next(answers)) == 0

    assert rows_by_id(data_dir)["voznesensk"]["lat"] == "47.5651"
    assert "Please type a number from 1 to 3" in capsys.readouterr().out


def test_pick_out_of_range_writes_nothing(server, data_dir, clock, capsys):
    before = (data_dir / "places.csv").read_bytes()

    assert run(["Voznesensk", "--country", "UA", "--id", "voznesensk-2", "--pick", "9"], server, data_dir, clock) == 1

    assert (data_dir / "places.csv").read_bytes() == before
    assert "--pick 9, but the candidates in UA are" in capsys.readouterr().out


def test_namesake_far_below_the_best_is_not_ambiguous(server, data_dir, clock):
    blank(data_dir, "46.9750,31.9946")  # Mykolaiv; a small Mykolaiv in Lviv oblast also matches

    assert run([], server, data_dir, clock) == 0

    assert rows_by_id(data_dir)["mykolaiv"]["lat"] == "46.9759"


# -- adding a place --------------------------------------------------------------------------


def test_adds_a_new_place_by_name(server, data_dir, clock):
    before = (data_dir / "places.csv").read_bytes()

    assert run(["Borås", "--country", "se"], server, data_dir, clock) == 0

    after = (data_dir / "places.csv").read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].decode() == (
        f"boras,Borås,Borås,,,,SE,municipality,57.7211,12.9400,nominatim {server.url[7:]},2026-12-01,\n"
    )
    assert run(["Borås", "--country", "SE"], server, data_dir, clock) == 0  # already there: no-op
    assert (data_dir / "places.csv").read_bytes() == after


def test_add_with_id_kind_and_local_name(server, data_dir, clock):
    assert (
        run(
            [
                "Mykolaiv (test)",
                "--country",
                "UA",
                "--kind",
                "city",
                "--id",
                "mykolaiv-test",
                "--name-local",
                "Миколаїв",
            ],
            server,
            data_dir,
            clock,
        )
        == 0
    )

    row = rows_by_id(data_dir)["mykolaiv-test"]
    assert (row["name"], row["name_local"], row["kind"], row["lat"]) == (
        "Mykolaiv (test)",
        "Миколаїв",
        "city",
        "46.9759",
    )


def test_name_without_latin_letters_needs_an_id(server, data_dir, clock, capsys):
    assert run(["Київ", "--country", "UA"], server, data_dir, clock) == 2
    assert "pass --id" in capsys.readouterr().err
    assert server.requests == []


def test_slugify():
    assert slugify("Borås") == "boras"
    assert slugify("Køge") == "koge"
    assert slugify("Ikast-Brande") == "ikast-brande"
    assert slugify("SALAR International (SKR)") == "salar-international-skr"
    assert slugify("Київ") == ""


# -- rate limit, retries and faults ----------------------------------------------------------


def test_429_is_retried_after_a_back_off(server, data_dir, clock, capsys):
    server.fail_next("Borås", status=429)

    assert run(["Borås", "--country", "SE"], server, data_dir, clock) == 0

    assert len(server.searches("Borås")) == 2
    assert clock.slept == [5.0]  # the back-off; it also covers the 1 s rate limit
    assert "HTTP 429 Too Many Requests; retrying in 5 s (1/2)" in capsys.readouterr().err


def test_503_is_retried_like_a_timeout(server, data_dir, clock, capsys):
    server.fail_next("Borås", status=503)

    assert run(["Borås", "--country", "SE"], server, data_dir, clock) == 0

    assert len(server.searches("Borås")) == 2
    assert "status code 503; retrying in 5 s (1/2)" in capsys.readouterr().err


def test_429_retry_after_header_is_honoured(server, data_dir, clock):
    server.fail_next("Borås", status=429, retry_after="20")

    assert run(["Borås", "--country", "SE"], server, data_dir, clock) == 0

    assert sum(clock.slept) == 20.0


def test_429_every_time_gives_up_with_one_line(server, data_dir, clock, capsys):
    for _ in range(3):
        server.fail_next("Borås", status=429)
    before = (data_dir / "places.csv").read_bytes()

    assert run(["Borås", "--country", "SE"], server, data_dir, clock) == 1

    assert len(server.searches("Borås")) == 3
    assert (data_dir / "places.csv").read_bytes() == before
    err = capsys.readouterr().err
    assert "error: 127.0.0.1:" in err and "kept answering HTTP 429 Too Many Requests (3 tries)" in err
    assert "Traceback" not in err


def test_requests_are_at_least_one_second_apart(server, data_dir, clock):
    blank(data_dir, AARHUS_LATLON)
    blank(data_dir, VOZNESENSK_LATLON)

    run([], server, data_dir, clock)

    assert len(server.searches()) == 2
    assert clock.slept == [1.0]  # no (fake) time passed between the answers: wait the full second


def test_timeout_is_retried(server, data_dir, clock, capsys):
    server.fail_next("Borås", delay=1.0)  # longer than --timeout 0.5

    assert run(["Borås", "--country", "SE"], server, data_dir, clock) == 0

    assert len(server.searches("Borås")) == 2
    assert "Service timed out; retrying in 5 s (1/2)" in capsys.readouterr().err


def test_timeout_every_time_gives_up_with_one_line(server, data_dir, clock, capsys):
    for _ in range(3):
        server.fail_next("Borås", delay=1.0)

    assert run(["Borås", "--country", "SE"], server, data_dir, clock) == 1

    err = capsys.readouterr().err
    assert "did not answer within 0.5 s (3 tries); rerun later or raise --timeout" in err
    assert "Traceback" not in err


def test_403_is_not_retried(server, data_dir, clock, capsys):
    server.fail_next("Borås", status=403)
    blank(data_dir, AARHUS_LATLON)
    before = (data_dir / "places.csv").read_bytes()

    assert run(["Borås", "--country", "SE"], server, data_dir, clock) == 1

    assert len(server.searches()) == 1
    assert (data_dir / "places.csv").read_bytes() == before
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "refused the request (HTTP 403 Forbidden)" in err[0] and "--user-agent" in err[0]


def test_fault_stops_the_run_and_keeps_what_was_found(server, data_dir, clock, capsys):
    blank(data_dir, AARHUS_LATLON)
    blank(data_dir, VOZNESENSK_LATLON)
    server.fail_next("Вознесенськ", status=403)

    assert run([], server, data_dir, clock) == 1

    rows = rows_by_id(data_dir)
    assert rows["aarhus"]["lat"] == "56.1496"
    assert rows["voznesensk"]["lat"] == ""
    assert "1 geocoded, 1 left without coordinates" in capsys.readouterr().out


def test_no_network_gives_one_line(server, data_dir, clock, capsys):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    assert run(["Borås", "--country", "SE", "--endpoint", f"http://127.0.0.1:{port}"], server, data_dir, clock) == 1

    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: cannot reach 127.0.0.1:{port} (connection refused); check the network and --endpoint"]


@pytest.mark.parametrize(
    "agent", ["geopy/2.5.0", "geopy/1.22.0", "my-application", "My_App/1", "specify_your_app_name_here", " "]
)
def test_sample_user_agents_are_refused(server, data_dir, clock, capsys, agent):
    assert run(["Borås", "--country", "SE", "--user-agent", agent], server, data_dir, clock) == 2
    assert "user agent" in capsys.readouterr().err
    assert server.requests == []


def test_pick_without_a_place_is_a_usage_error(server, data_dir, clock, capsys):
    assert run(["--pick", "2"], server, data_dir, clock) == 2
    assert "--pick needs the place" in capsys.readouterr().err


# -- cache -----------------------------------------------------------------------------------


def test_rerun_is_answered_from_the_cache(server, data_dir, clock, tmp_path):
    assert run(["Borås", "--country", "SE"], server, data_dir, clock) == 0
    second = tmp_path / "second" / "data"
    second.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "places.csv", second / "places.csv")

    assert (
        main(
            [
                "Borås",
                "--country",
                "SE",
                "--data",
                str(second),
                "--endpoint",
                server.url,
                "--cache",
                str(data_dir.parent / "cache"),
            ],
            clock=clock.clock,
            sleep=clock.sleep,
            today=TODAY,
        )
        == 0
    )

    assert len(server.searches()) == 1
    assert rows_by_id(second)["boras"]["lat"] == "57.7211"
    assert list((data_dir.parent / "cache").iterdir()) == [data_dir.parent / "cache" / "nominatim.json"]


def test_cache_is_per_endpoint(server, data_dir, clock):
    assert run(["Borås", "--country", "SE"], server, data_dir, clock) == 0
    with RecordedNominatim() as other:
        shutil.copy(ROOT / "data" / "places.csv", data_dir / "places.csv")
        assert run(["Borås", "--country", "SE"], other, data_dir, clock) == 0
        assert len(other.searches()) == 1


# -- interruption ----------------------------------------------------------------------------


def test_interruption_while_writing_leaves_the_file_whole(server, data_dir, clock, monkeypatch, capsys):
    before = blank(data_dir, AARHUS_LATLON)
    original_render = PlacesTable.render

    def render_then_interrupt(self: PlacesTable) -> Iterator[str]:
        for n, piece in enumerate(original_render(self)):
            if n == 5:  # five rows are already in the temp file
                raise KeyboardInterrupt
            yield piece

    monkeypatch.setattr(PlacesTable, "render", render_then_interrupt)

    assert run([], server, data_dir, clock) == 130

    assert (data_dir / "places.csv").read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["places.csv"]  # no temp file left
    assert "interrupted" in capsys.readouterr().err
    monkeypatch.undo()
    assert run([], server, data_dir, clock) == 0  # the rerun finishes the job from the cache
    assert len(server.searches()) == 1


def test_atomic_write_keeps_the_file_mode(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("old\n")
    os.chmod(path, 0o644)

    write_atomically(path, ["new\n"])

    assert path.read_text() == "new\n"
    assert (path.stat().st_mode & 0o777) == 0o644


# -- pure rules and configuration ------------------------------------------------------------


def _raw(lat: float, lon: float, importance: float, code: str = "dk", name: str = "x") -> dict:
    return {
        "lat": str(lat),
        "lon": str(lon),
        "importance": importance,
        "display_name": name,
        "address": {"country_code": code},
    }


def test_rules_margin_distance_and_bounding_box():
    # Within the margin but 2 km apart: the same place in two shapes.
    assert decide([_raw(56.15, 10.21, 0.60), _raw(56.16, 10.20, 0.58)], "DK").status == "found"
    # Within the margin and 60 km apart: ambiguous.
    assert decide([_raw(56.15, 10.21, 0.60), _raw(55.70, 9.55, 0.58)], "DK").status == "ambiguous"
    # Right country code, coordinates in the sea off Norway: outside.
    assert decide([_raw(59.0, 5.0, 0.6)], "DK").status == "outside"
    # Importance missing (some self-hosted servers): ranked last, no crash.
    raw = _raw(56.15, 10.21, 0.0)
    del raw["importance"]
    assert decide([raw], "DK").status == "found"
    assert decide([], "DK").status == "not_found"


@pytest.mark.parametrize(
    ("url", "scheme", "domain", "host"),
    [
        ("https://nominatim.openstreetmap.org/", "https", "nominatim.openstreetmap.org", "nominatim.openstreetmap.org"),
        ("http://127.0.0.1:8089", "http", "127.0.0.1:8089", "127.0.0.1:8089"),
        ("geo.example.org", "https", "geo.example.org", "geo.example.org"),
        ("https://geo.example.org/nominatim/search?q=x", "https", "geo.example.org/nominatim", "geo.example.org"),
    ],
)
def test_parse_endpoint(url, scheme, domain, host):
    endpoint = parse_endpoint(url)
    assert (endpoint.scheme, endpoint.domain, endpoint.host) == (scheme, domain, host)


def test_importing_sends_nothing():
    # The app imports geo.* while serving pages: importing must not open a socket.
    code = (
        "import socket\n"
        "def refuse(*args, **kwargs): raise AssertionError('network used at import')\n"
        "socket.socket.connect = socket.create_connection = socket.getaddrinfo = refuse\n"
        "import geo.geocoding.__main__, geo.geocoding.cli, geo.geocoding.service\n"
        "import geo.geocoding.cache, geo.geocoding.places_csv, geo.geocoding.rules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
