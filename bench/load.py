"""Load benchmark: N people open the map at once, then each changes a filter (issue 8).

For each number of concurrent sessions it prints the time until every partnership line is
drawn (after opening the page, and after picking "Waste management" in the sidebar's Theme
filter), the failed sessions, the server's CPU seconds per page load and its peak memory.
It does the same for a bare st_folium page (bench/bare_st_folium_app.py) and prints the
app's server CPU per load as a ratio to the bare page's: the goal is at most 1.5x.
Figures, not pass/fail: run it before and after a change.

    .venv/bin/python -m bench.load                          # app.py and the bare page, 1, 10, 25 sessions
    .venv/bin/python -m bench.load --app /elsewhere/app.py  # another checkout (its folder is the cwd)
    .venv/bin/python -m bench.load --url http://127.0.0.1:8080 --pid 123 --pid 456 --no-bare

One page load = one session: open the page, wait for every line, change the filter, wait
for the filtered lines. The first session on each server is a warm-up (it also learns how
many lines to expect) and is not counted; behind a proxy, --warm-up each replica too.
One headless Chromium drives every session, each in its own browser context, on the same
machine as the server: on a small machine the browser's own work slows the server down
too, so compare runs made on the same machine.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Browser, BrowserContext, Page, Route, async_playwright

# The browser tests' server and browser settings, so the benchmark runs what the tests run.
from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LOCAL_HOSTS,
    MAP_IFRAME,
    ServerStartError,
    StreamlitServer,
    launch_streamlit,
)

REPO_ROOT = Path(__file__).resolve().parent.parent

BARE_APP = REPO_ROOT / "bench" / "bare_st_folium_app.py"
DEFAULT_SESSIONS = (1, 10, 25)
VIEWPORT = {"width": 1600, "height": 1000}
# The filter each session changes: present in the app (English) and in the bare page.
FILTER_LABEL = "Theme"
FILTER_OPTION = "Waste management"
# The app's own message for an unexpected error (locale/messages.pot, msgctxt "unexpected_error").
ERROR_TEXT = "Something went wrong"
POLL_MS = 50  # in-page polling of the line count: fine enough for timing, cheap for 25 pages

# Streamlit connected, script finished, nothing still loading (as the browser tests wait).
SCRIPT_DONE_JS = """() =>
  !!document.querySelector("[data-testid='stApp'][data-test-connection-state='CONNECTED']"
                           + "[data-test-script-state='notRunning']")
  && !document.querySelector("[data-testid='stSkeleton']")"""
# Counted from the main page: st_folium replaces its iframe on every rerun that changes the
# map, so a handle on the old frame would go stale. The iframe is same-origin.
LINE_COUNT_JS = """selector => {
  const frame = document.querySelector(selector);
  const doc = frame && frame.contentDocument;
  return doc && doc.querySelector('.leaflet-container') ? doc.querySelectorAll('path.partnership').length : -1;
}"""
LINES_ARE_JS = f"([selector, wanted]) => ({LINE_COUNT_JS})(selector) === wanted"


@dataclass
class SessionResult:
    open_s: float | None = None
    filter_s: float | None = None
    failure: str = ""


@dataclass
class Batch:
    sessions: int
    results: list[SessionResult]
    wall_s: float
    load_average: float  # 1-minute, when the batch started: other work on the machine shows here
    client_cpu_s: float
    cpu_s: list[float] | None  # per server process; None when no PID is known
    peak_mb: list[float] | None

    @property
    def failures(self) -> list[str]:
        return [r.failure for r in self.results if r.failure]


@dataclass
class Target:
    """One server under test: its URL and the PIDs whose CPU and memory are read."""

    name: str
    url: str
    pids: list[int] = field(default_factory=list)
    expected: tuple[int, int] | None = None  # lines after opening, after the filter
    batches: list[Batch] = field(default_factory=list)
    peak_since_start: bool = False


# --- the server -------------------------------------------------------------------------


def start_server(script: Path, cwd: Path, log_dir: Path) -> StreamlitServer:
    """`streamlit run script` as the browser tests start it, cwd = the app's root (its .streamlit/config.toml)."""
    # Relative to cwd, i.e. the app's own data/ unless the caller says otherwise.
    data_dir = cwd / os.environ.get("PARTNERSHIP_MAP_DATA", "data/")
    try:
        return launch_streamlit(script, data_dir, cwd=cwd, log_dir=log_dir)
    except ServerStartError as error:
        sys.exit(str(error))


def with_app_static(script: Path, app_root: Path, launch_dir: Path) -> Path:
    """`script`, reachable through a folder whose static/ is the app's.

    Streamlit serves static/ from next to the script it runs, and the bench pages' maps
    load Leaflet from /app/static/vendor like the app: symlinks give them the app's files
    without copying them into bench/.
    """
    (launch_dir / script.name).symlink_to(script)
    if not (launch_dir / "static").exists():
        (launch_dir / "static").symlink_to(app_root / "static")
    return launch_dir / script.name


def bare_page_script(app_root: Path, launch_dir: Path) -> Path:
    """The bare page, with the app's static/ (see with_app_static)."""
    return with_app_static(BARE_APP, app_root, launch_dir)


# --- /proc: CPU time and peak memory of the servers, CPU time of the browser ------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its waited-for children."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # Fields after the command name, which is in parentheses and may contain spaces.
    fields = stat[stat.rindex(")") + 2 :].split()
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return (utime + stime + cutime + cstime) / os.sysconf("SC_CLK_TCK")


def client_cpu_seconds(servers: Sequence[int]) -> float:
    """CPU seconds of this process and its descendants (Playwright's driver, Chromium), servers left out.

    The browser shares the machine with the server: its CPU per load says how much of the
    waiting is the benchmark's own doing.
    """
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # exited meanwhile
        parent = int(text[text.rindex(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(stat.parent.name))
    total, todo = 0.0, [os.getpid()]
    while todo:
        pid = todo.pop()
        if pid in servers:
            continue
        try:
            total += cpu_seconds(pid)
        except OSError:
            continue
        todo += children.get(pid, [])
    return total


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the highest resident memory since start or since reset_peak."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM in /proc/{pid}/status")


def reset_peak(pid: int) -> bool:
    """Start a new high-water mark (Linux >= 4.0), so each batch reports its own peak."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


# --- one browser session --------------------------------------------------------------------


async def new_context(browser: Browser) -> BrowserContext:
    """A fresh browser profile that can reach 127.0.0.1 only."""
    context = await browser.new_context(viewport=VIEWPORT, service_workers="block")

    async def only_local(route: Route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob") or parts.hostname in LOCAL_HOSTS:
            await route.continue_()
        else:
            await route.abort("internetdisconnected")  # map tiles, fonts: as in a meeting room offline

    # On the context, so the st_folium iframe's requests are routed too.
    await context.route("**/*", only_local)
    return context


async def wait_for_lines(page: Page, count: int, timeout_s: float) -> None:
    await page.wait_for_function(LINES_ARE_JS, arg=[MAP_IFRAME, count], polling=POLL_MS, timeout=timeout_s * 1000)


async def wait_for_script(page: Page, timeout_s: float) -> None:
    await page.wait_for_function(SCRIPT_DONE_JS, polling=POLL_MS, timeout=timeout_s * 1000)


async def pick_filter_option(page: Page, timeout_s: float, choice: str = FILTER_OPTION) -> float:
    """Open the Theme multiselect, type, and click the option; returns when the click was made."""
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name=FILTER_LABEL, exact=True)
    await box.click(timeout=timeout_s * 1000)
    await box.fill(choice)
    option = page.get_by_role("option", name=choice, exact=True)
    await option.wait_for(timeout=timeout_s * 1000)
    clicked = time.perf_counter()
    await option.click(timeout=timeout_s * 1000)
    return clicked


async def page_problem(page: Page) -> str:
    """What the reader would see go wrong: an exception element or the app's error message."""
    if await page.get_by_test_id("stException").count():
        return "exception on the page"
    if await page.get_by_text(ERROR_TEXT).count():
        return f"'{ERROR_TEXT}' on the page"
    return ""


async def connection_state(page: Page) -> str:
    """Streamlit's websocket state, or why there is none: tells a slow server from a starved browser."""
    try:
        state = await page.get_by_test_id("stApp").first.get_attribute("data-test-connection-state", timeout=2000)
    except Exception:  # noqa: BLE001 - the page never got as far as drawing the app
        return "no app element yet"
    return state or "unknown"


async def run_session(page: Page, url: str, expected: tuple[int, int], timeout_s: float) -> SessionResult:
    """Open, time until every line is drawn; change the filter, time until the lines update.

    Each step (open, filter) has timeout_s in all, as a person would wait that long and no longer.
    """
    result = SessionResult()
    step = "open"
    try:
        async with asyncio.timeout(timeout_s):
            started = time.perf_counter()
            await page.goto(url, timeout=timeout_s * 1000)
            await wait_for_lines(page, expected[0], timeout_s)
            result.open_s = time.perf_counter() - started
            # The sidebar is only safe to use once the script has finished its run.
            await wait_for_script(page, timeout_s)
        step = "filter"
        async with asyncio.timeout(timeout_s):
            clicked = await pick_filter_option(page, timeout_s)
            await wait_for_lines(page, expected[1], timeout_s)
            result.filter_s = time.perf_counter() - clicked
            await wait_for_script(page, timeout_s)
    except TimeoutError:
        result.failure = f"{step}: not done within {timeout_s:.0f}s (connection {await connection_state(page)})"
    except Exception as error:  # noqa: BLE001 - a failed session is a figure, not a crash
        first_line = (str(error) or type(error).__name__).splitlines()[0]
        result.failure = f"{step}: {first_line[:90]} (connection {await connection_state(page)})"
    problem = await page_problem(page)
    if problem:
        result.failure = f"{step}: {problem}"
    return result


async def stable_line_count(page: Page, timeout_s: float) -> int:
    """The line count once the map is drawn and the count has not changed for a second.

    Only for calibration, where the count is not known yet; timed runs wait for an exact count.
    """
    await wait_for_script(page, timeout_s)
    deadline = time.monotonic() + timeout_s
    samples: list[int] = []
    while len(samples) < 10 or len(set(samples[-10:])) > 1:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the line count did not settle: {samples[-10:]}")
        samples.append(await page.evaluate(LINE_COUNT_JS, MAP_IFRAME))
        await asyncio.sleep(0.1)
    if samples[-1] < 0:
        raise RuntimeError("the map iframe never drew a Leaflet map")
    return samples[-1]


async def calibrate(browser: Browser, url: str, timeout_s: float) -> tuple[int, int]:
    """Warm-up session that learns how many lines the page draws before and after the filter."""
    context = await new_context(browser)
    try:
        page = await context.new_page()
        await page.goto(url, timeout=timeout_s * 1000)
        opened = await stable_line_count(page, timeout_s)
        await pick_filter_option(page, timeout_s)
        await page.wait_for_timeout(300)  # the script still reads notRunning until the rerun starts
        filtered = await stable_line_count(page, timeout_s)
    finally:
        await context.close()
    if opened == filtered:
        raise RuntimeError(f"the filter left {opened} lines: a timed run could not tell when the map updated")
    return opened, filtered


# --- batches and figures --------------------------------------------------------------------


async def run_batch(browser: Browser, target: Target, sessions: int, timeout_s: float) -> Batch:
    """`sessions` people at once: contexts first, then every session starts together."""
    contexts = [await new_context(browser) for _ in range(sessions)]
    try:
        pages = [await context.new_page() for context in contexts]
        target.peak_since_start |= not all([reset_peak(pid) for pid in target.pids])
        cpu_before = [cpu_seconds(pid) for pid in target.pids]
        client_before = client_cpu_seconds(target.pids)
        assert target.expected is not None
        load_average = os.getloadavg()[0]
        started = time.perf_counter()
        results = await asyncio.gather(*(run_session(page, target.url, target.expected, timeout_s) for page in pages))
        wall_s = time.perf_counter() - started
        cpu = [cpu_seconds(pid) - before for pid, before in zip(target.pids, cpu_before, strict=True)]
        client_cpu_s = client_cpu_seconds(target.pids) - client_before
        peak = [peak_rss_mb(pid) for pid in target.pids]
    finally:
        for context in contexts:
            await context.close()
    return Batch(sessions, list(results), wall_s, load_average, client_cpu_s, cpu or None, peak or None)


def percentile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def seconds(values: list[float], q: float) -> str:
    return f"{percentile(values, q):.2f}" if values else "–"


def cpu_per_load(batch: Batch) -> float | None:
    return sum(batch.cpu_s) / batch.sessions if batch.cpu_s is not None else None


def cpu_cell(batch: Batch) -> str:
    per_load = cpu_per_load(batch)
    if per_load is None:
        return "–"
    cell = f"{per_load:.3f}"
    if batch.cpu_s is not None and len(batch.cpu_s) > 1:
        # Which process did the work: with ip_hash from one machine, all of it is one replica's.
        cell += " (" + " + ".join(f"{cpu / batch.sessions:.3f}" for cpu in batch.cpu_s) + ")"
    return cell


def busy_cell(batch: Batch) -> str:
    """Server CPU over the batch's wall time: near 100% per process means the server was the bottleneck."""
    if batch.cpu_s is None:
        return "–"
    return " / ".join(f"{cpu / batch.wall_s:.0%}" for cpu in batch.cpu_s)


def table(target: Target) -> str:
    assert target.expected is not None
    peak = "peak MB" + (" (since start)" if target.peak_since_start else "")
    lines = [
        f"### {target.name}: {target.url} ({target.expected[0]} lines, {target.expected[1]} after the filter)",
        "",
        f"| sessions | open p50 s | open p95 s | filter p50 s | filter p95 s | failed | server CPU s/load | server busy | {peak} | browser CPU s/load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for batch in target.batches:
        opens = [r.open_s for r in batch.results if r.open_s is not None]
        filters = [r.filter_s for r in batch.results if r.filter_s is not None]
        memory = " / ".join(f"{mb:.0f}" for mb in batch.peak_mb) if batch.peak_mb else "–"
        lines.append(
            f"| {batch.sessions} | {seconds(opens, 0.5)} | {seconds(opens, 0.95)} | {seconds(filters, 0.5)} "
            f"| {seconds(filters, 0.95)} | {len(batch.failures)} | {cpu_cell(batch)} | {busy_cell(batch)} | {memory} "
            f"| {batch.client_cpu_s / batch.sessions:.2f} |"
        )
    loads = ", ".join(f"N={batch.sessions} {batch.load_average:.1f}" for batch in target.batches)
    lines.append(f"\nLoad average (1 min, whole machine) as each batch started: {loads}")
    for batch in target.batches:
        for reason, times in Counter(batch.failures).most_common():
            lines.append(f"- {batch.sessions} sessions, {times}x failed: {reason}")
    return "\n".join(lines)


def ratio_line(app: Target, bare: Target) -> str:
    """The headline: the app's server CPU per load over the bare page's, per N and overall.

    Only batches in which no session failed on either server count: a session that gave up
    early costs the server less and would flatter the ratio.
    """
    parts, app_total, bare_total, loads = [], 0.0, 0.0, 0
    for app_batch, bare_batch in zip(app.batches, bare.batches, strict=True):
        app_cpu, bare_cpu = cpu_per_load(app_batch), cpu_per_load(bare_batch)
        if app_cpu is None or not bare_cpu:
            continue
        if app_batch.failures or bare_batch.failures:
            parts.append(f"N={app_batch.sessions} left out: sessions failed")
            continue
        parts.append(f"N={app_batch.sessions} {app_cpu / bare_cpu:.2f}x")
        app_total += sum(app_batch.cpu_s or [])
        bare_total += sum(bare_batch.cpu_s or []) * app_batch.sessions / bare_batch.sessions
        loads += app_batch.sessions
    if not loads:
        return f"CPU ratio: not measured ({', '.join(parts) or 'no server PID'})"
    overall = app_total / bare_total
    verdict = "meets" if overall <= 1.5 else "misses"
    return (
        f"**Server CPU per page load, app / bare st_folium page: {overall:.2f}x** over {loads} loads "
        f"({verdict} the goal of at most 1.5x; {', '.join(parts)})"
    )


async def measure(browser: Browser, target: Target, sessions: Sequence[int], timeout_s: float) -> None:
    """Warm up while learning the line counts, then one batch per number of sessions."""
    target.expected = await calibrate(browser, target.url, timeout_s)
    for count in sessions:
        target.batches.append(await run_batch(browser, target, count, timeout_s))
        print(f"  {target.name}: {count} sessions done", file=sys.stderr, flush=True)


async def measure_started(
    browser: Browser, name: str, script: Path, cwd: Path, log_dir: Path, page: str, args: argparse.Namespace
) -> Target:
    """Start a server, measure `page` on it, always stop it; print its log tail if sessions failed."""
    server = start_server(script, cwd, log_dir)
    target = Target(name, server.url + page, [server.process.pid])
    try:
        await measure(browser, target, args.sessions, args.timeout)
    except BaseException:
        print(f"{name} server log {server.log_path}:\n{server.log_tail()}", file=sys.stderr)
        raise
    finally:
        server.stop()
    if any(batch.failures for batch in target.batches):
        print(f"{name} server log {server.log_path}:\n{server.log_tail(30)}", file=sys.stderr)
    return target


async def run(args: argparse.Namespace) -> list[Target]:
    app = args.app.resolve()
    app_root = app.parent  # the servers' cwd, so the app's .streamlit/config.toml applies
    targets: list[Target] = []
    async with async_playwright() as playwright:
        # Debian's Chromium: Playwright's own browser download is not possible here.
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            for url in args.warm_up:
                await calibrate(browser, url.rstrip("/") + args.path, args.timeout)
            if args.url:
                targets.append(Target("server at --url", args.url.rstrip("/") + args.path, args.pid))
                await measure(browser, targets[0], args.sessions, args.timeout)
            if args.url and not args.bare:
                return targets
            log_dir = Path(tempfile.mkdtemp(prefix="load-bench-"))
            print(f"server logs: {log_dir}", file=sys.stderr)
            if not args.url:
                targets.append(await measure_started(browser, app.name, app, app_root, log_dir, args.path, args))
            if args.bare:
                script = bare_page_script(app_root, Path(tempfile.mkdtemp(prefix="bare-page-", dir=log_dir)))
                bare = await measure_started(browser, "bare st_folium page", script, app_root, log_dir, "/", args)
                targets.append(bare)
        finally:
            await browser.close()
    return targets


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, default=REPO_ROOT / "app.py", help="app to start; its folder is the cwd")
    parser.add_argument("--url", help="measure this running server or proxy instead of starting the app")
    parser.add_argument("--pid", type=int, action="append", default=[], help="with --url: a server PID (repeatable)")
    parser.add_argument(
        "--warm-up",
        action="append",
        default=[],
        metavar="URL",
        help="open this URL once first, e.g. each replica behind a proxy (repeatable)",
    )
    parser.add_argument("--sessions", type=int, nargs="+", default=list(DEFAULT_SESSIONS))
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per step before a session fails")
    parser.add_argument("--path", default="/", help="page to open, e.g. '/?tiles=off'")
    parser.add_argument("--no-bare", dest="bare", action="store_false", help="skip the bare st_folium page")
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} not found: run `make chromium`")
    targets = asyncio.run(run(args))
    print(f"\nLoad benchmark, {os.cpu_count()} CPUs, browser on the same machine. One page load = open + one")
    print("filter change. Times: until every line is drawn. Server busy: CPU time / batch wall time, per process.")
    print("Browser CPU: Chromium + Playwright, on the same machine as the server.\n")
    for target in targets:
        print(table(target) + "\n")
    if args.bare and len(targets) == 2:
        print(ratio_line(*targets))


if __name__ == "__main__":
    main()
