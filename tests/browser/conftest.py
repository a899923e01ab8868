"""Browser tests: a real `streamlit run` driven through Debian's Chromium by Playwright.

Server handling follows streamlit's own e2e suite (poll /_stcore/health, wait on
the app's ``data-test-script-state``) and datasette's fixtures (a session-scoped
server on a free port, always stopped).

Every request that is not to 127.0.0.1/localhost is aborted and recorded: tests
never touch the internet, and the page sees what an offline meeting room sees.

Fixtures
    streamlit_app(app=..., data_dir=..., extra_args=...)  session-scoped factory -> StreamlitServer
    app_server            the repo's app.py with data/ (skipped until app.py exists)
    browser               headless /usr/bin/chromium (session)
    page, page_log        a fresh page per test; page_log.blocked_requests / .console_errors
    viewport              {"width": 1600, "height": 1000}; override in a module to change it
Helpers, as fixtures of the same name (test files cannot import a conftest)
    open_app(page, server)            load the app and wait for its script to finish
    wait_for_script_to_finish(page)   Streamlit finished running the script
    map_frame(page)                   the st_folium iframe (FrameLocator)
    wait_for_map(page)                the iframe once Leaflet has drawn its container
    screenshot(page, name)            PNG under tests/artifacts/screenshots/
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, FrameLocator, Page, Route, expect, sync_playwright

from mapview.layers import CANVAS_ABOVE, PAINT_IN_WORKER_ABOVE
from tests.fixtures.datasets import SEED_DATA_DIR, write_large_dataset

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "tests" / "artifacts"
APP = REPO_ROOT / "app.py"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Verified on these machines (ENVIRONMENT-NOTES.md); the last four stop Chromium's
# own background traffic (updates, sync, field trials), which the page routes don't see.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
STARTUP_TIMEOUT_S = float(os.environ.get("STREAMLIT_STARTUP_TIMEOUT", "60"))
# Script runs and map drawing; generous because CI machines are slower than laptops.
UI_TIMEOUT_MS = 30_000
MAP_IFRAME = 'iframe[title="streamlit_folium\\.st_folium"]'

_SERVERS: list[StreamlitServer] = []


@dataclass
class StreamlitServer:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_tail(self, lines: int = 80) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@dataclass(frozen=True)
class BlockedRequest:
    url: str
    resource_type: str  # Playwright's: "script", "stylesheet", "image", "fetch", ...


@dataclass
class PageLog:
    blocked_requests: list[BlockedRequest] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    @property
    def blocked_code(self) -> list[str]:
        """Blocked scripts, stylesheets and fonts: each one would break or restyle the page."""
        kinds = {"script", "stylesheet", "font"}
        return [b.url for b in self.blocked_requests if b.resource_type in kinds]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class ServerStartError(RuntimeError):
    """`streamlit run` exited or never became healthy; the message holds its log's tail."""


def launch_streamlit(
    app: Path, data_dir: Path, extra_args: Sequence[str] = (), cwd: Path = REPO_ROOT, log_dir: Path | None = None
) -> StreamlitServer:
    """`streamlit run app` on a free port of 127.0.0.1, polled on /_stcore/health until it answers.

    Shared with bench/load.py, so the benchmark runs the server the tests run.
    """
    port = _free_port()
    # Behind a proxy path (--server.baseUrlPath maps) the whole app, health check included, moves under it.
    args = list(extra_args)
    base_path = args[args.index("--server.baseUrlPath") + 1].strip("/") if "--server.baseUrlPath" in args else ""
    url = f"http://127.0.0.1:{port}" + (f"/{base_path}" if base_path else "")
    log_dir = log_dir or ARTIFACTS_DIR / "server-logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{app.stem}-{port}.log"
    env = dict(os.environ)
    env["PARTNERSHIP_MAP_DATA"] = str(data_dir)
    # An app outside the repo (a test's own) can still import geo, partnerships: from `cwd`,
    # which is a clean copy of the repository when a test simulates another host.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(cwd), env.get("PYTHONPATH")]))
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        *extra_args,
    ]  # fmt: skip
    with log_path.open("wb") as log:
        # cwd = the app's root so its .streamlit/config.toml (static serving, theme) applies.
        process = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
    server = StreamlitServer(url, process, log_path)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not _healthy(url):
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            why = f"exited with code {process.returncode}" if process.returncode else "not healthy"
            raise ServerStartError(
                f"streamlit run {app.name} {why} after {STARTUP_TIMEOUT_S:.0f}s at most; "
                f"log {log_path}:\n{server.log_tail()}"
            )
        time.sleep(0.1)  # poll interval, not a settle delay
    return server


def _start_server(app: Path, data_dir: Path, extra_args: Sequence[str], cwd: Path = REPO_ROOT) -> StreamlitServer:
    try:
        server = launch_streamlit(app, data_dir, extra_args, cwd)
    except ServerStartError as error:
        pytest.fail(str(error), pytrace=False)
    _SERVERS.append(server)
    return server


@pytest.fixture(scope="session")
def streamlit_app() -> Iterator[Callable[..., StreamlitServer]]:
    """Factory: ``streamlit_app(app=APP, data_dir=None, extra_args=(), cwd=REPO_ROOT)`` -> running server.

    One server per distinct (app, data_dir, extra_args, cwd) for the whole session;
    all are stopped at the end. ``data_dir`` defaults to the frozen seed dataset;
    ``cwd`` is where Streamlit finds .streamlit/ and static/, and the code it imports.
    """
    started: dict[tuple[str, str, tuple[str, ...], str], StreamlitServer] = {}

    def start(
        app: Path = APP, data_dir: Path | None = None, extra_args: Sequence[str] = (), cwd: Path = REPO_ROOT
    ) -> StreamlitServer:
        data = data_dir or SEED_DATA_DIR
        key = (str(app), str(Path(data).resolve()), tuple(extra_args), str(cwd))
        if key not in started or started[key].process.poll() is not None:
            started[key] = _start_server(Path(app), Path(data).resolve(), extra_args, Path(cwd))
        return started[key]

    try:
        yield start
    finally:
        for server in started.values():
            server.stop()
            if server in _SERVERS:
                _SERVERS.remove(server)


@pytest.fixture(scope="session")
def app_server(streamlit_app: Callable[..., StreamlitServer], vendored_assets: Path) -> StreamlitServer:
    """The real app.py on the frozen seed dataset."""
    if not APP.exists():
        pytest.skip("app.py is not in the repository yet")
    return streamlit_app()


def _synthetic_server(
    streamlit_app: Callable[..., StreamlitServer], tmp_path_factory: pytest.TempPathFactory, name: str, lines: int
) -> StreamlitServer:
    folder = tmp_path_factory.mktemp(name)
    write_large_dataset(folder, lines)
    return streamlit_app(data_dir=folder)


@pytest.fixture(scope="session")
def many_lines_server(
    streamlit_app: Callable[..., StreamlitServer], vendored_assets: Path, tmp_path_factory: pytest.TempPathFactory
) -> StreamlitServer:
    """The app on a synthetic dataset drawn on the map's canvas (CANVAS_ABOVE + 500 lines, 200 places)."""
    return _synthetic_server(streamlit_app, tmp_path_factory, "many_lines", CANVAS_ABOVE + 500)


@pytest.fixture(scope="session")
def more_lines_server(
    streamlit_app: Callable[..., StreamlitServer], vendored_assets: Path, tmp_path_factory: pytest.TempPathFactory
) -> StreamlitServer:
    """The app on a synthetic dataset whose canvas is painted in a worker (PAINT_IN_WORKER_ABOVE + 100 lines)."""
    return _synthetic_server(streamlit_app, tmp_path_factory, "more_lines", PAINT_IN_WORKER_ABOVE + 100)


@pytest.fixture(scope="session")
def browser(skip_or_fail: Callable[[str], None]) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found: run `make chromium` (Debian's chromium package)")
    with sync_playwright() as playwright:
        # Debian's Chromium: Playwright's own browser download is not possible here.
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def viewport() -> dict[str, int]:
    return {"width": 1600, "height": 1000}


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser: Browser, page_log: PageLog, viewport: dict[str, int]) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, service_workers="block")

    def only_local(route: Route) -> None:
        request = route.request
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            page_log.blocked_requests.append(BlockedRequest(request.url, request.resource_type))
            route.abort("internetdisconnected")

    # On the context, so the st_folium iframe's requests are routed too.
    context.route("**/*", only_local)
    new_page = context.new_page()
    new_page.on(
        "console",
        lambda msg: page_log.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    new_page.on("pageerror", lambda exc: page_log.console_errors.append(f"uncaught: {exc}"))
    try:
        yield new_page
    finally:
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """On a failed browser test: screenshot, blocked requests, console errors, server logs."""
    outcome = yield
    report = outcome.get_result()
    funcargs = getattr(item, "funcargs", {})
    if report.when != "call" or not report.failed or "page" not in funcargs:
        return
    page_: Page = funcargs["page"]
    log: PageLog | None = funcargs.get("page_log")
    try:
        path = _screenshot(page_, f"FAILED-{item.name}")
        report.sections.append(("failure screenshot", str(path)))
    except Exception as exc:  # noqa: BLE001 - a report must not raise
        report.sections.append(("failure screenshot", f"not taken: {exc}"))
    if log is not None:
        blocked = "\n".join(f"{b.resource_type} {b.url}" for b in log.blocked_requests)
        report.sections.append(("blocked requests", blocked or "(none)"))
        report.sections.append(("console errors", "\n".join(log.console_errors) or "(none)"))
    for server in _SERVERS:
        report.sections.append((f"streamlit log {server.url}", server.log_tail()))


def wait_for_script_to_finish(page: Page, initial_wait_ms: int = 0) -> None:
    """Wait until Streamlit has connected and finished running the app script.

    The root element carries ``data-test-script-state`` (initial -> running ->
    notRunning) and ``data-test-connection-state``; streamlit's own e2e helpers
    wait on the same. After a click that triggers a rerun pass initial_wait_ms
    (~250): the state still reads notRunning until the rerun request arrives.
    """
    if initial_wait_ms:
        page.wait_for_timeout(initial_wait_ms)
    expect(page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']")).to_be_attached(
        timeout=UI_TIMEOUT_MS
    )
    expect(page.locator("[data-testid='stApp'][data-test-script-state='notRunning']")).to_be_attached(
        timeout=UI_TIMEOUT_MS
    )
    # Elements still loading show as skeletons.
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=UI_TIMEOUT_MS)


def open_app(page: Page, server: StreamlitServer, path: str = "/") -> Page:
    page.goto(server.url + path)
    wait_for_script_to_finish(page)
    return page


def map_frame(page: Page) -> FrameLocator:
    return page.frame_locator(MAP_IFRAME)


def wait_for_map(page: Page) -> FrameLocator:
    """The map iframe once Leaflet has created its container (scripts loaded)."""
    frame = map_frame(page)
    expect(frame.locator(".leaflet-container")).to_be_visible(timeout=UI_TIMEOUT_MS)
    return frame


def _screenshot(page: Page, name: str) -> Path:
    directory = ARTIFACTS_DIR / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    page.screenshot(path=str(path))
    return path


@pytest.fixture(name="wait_for_script_to_finish")
def _wait_for_script_to_finish() -> Callable[..., None]:
    return wait_for_script_to_finish


@pytest.fixture(name="open_app")
def _open_app() -> Callable[..., Page]:
    return open_app


@pytest.fixture(name="map_frame")
def _map_frame() -> Callable[[Page], FrameLocator]:
    return map_frame


@pytest.fixture(name="wait_for_map")
def _wait_for_map() -> Callable[[Page], FrameLocator]:
    return wait_for_map


@pytest.fixture(name="screenshot")
def _screenshot_fixture() -> Callable[[Page, str], Path]:
    """``screenshot(page, name)`` -> tests/artifacts/screenshots/<name>.png."""
    return _screenshot
