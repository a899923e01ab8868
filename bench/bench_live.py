"""Live benchmark: the running app's map at 0 to 10,000 partnerships, beside two peers (issue 12).

bench/bench_map.py times building and painting the exported HTML; this one times what a reader
feels in the live app, where every filter change reruns the script and sends the map again.
For each dataset size it starts, side by side:

- the app (app.py, or --app of another checkout) with PARTNERSHIP_MAP_DATA on the dataset;
- bench/peers/pydeck_peer.py: the same pairs as one `st.pydeck_chart` ArcLayer (deck.gl);
- bench/peers/folium_peer.py: the same pairs as one GeoJson layer in a bare `st_folium`.
  At 0 partnerships it is the floor: an empty st_folium map;
- bench/peers/layer_peer.py: the app's own map (base map and view layer) on a bare page: the
  map technique without the rest of the app's page.

and measures, in headless Chromium with every request off 127.0.0.1 aborted, in a fresh
browser context per run. The servers of one size stay up for all their runs, which are taken
in turn (run 1 of each, then run 2, ...; each round starts one case further on), so that the
machine's slow moments fall on every case alike:

- first paint: seconds from navigation until the map shows every line;
- websocket bytes received from navigation to the first paint (CDP Network.webSocketFrameReceived);
- filter change: seconds from the click on a theme in the sidebar's "Theme" multiselect until
  the map shows that theme's lines, and the websocket bytes meanwhile;
- whether the map was re-created by the filter change (a marker set on the map's iframe and
  its window, or on the deck canvas, before the click is gone after it);
- zoom: one level is added in the map (Leaflet `window.map` in the iframe) before the click
  and read after it: "kept" or "4→3" (reset). The click waits until that zoom is drawn: a
  canvas painted in a worker (mapview/partnership_canvas.js) paints it after the zoom
  returns, where the page's own canvas painted it before; either way the filter change
  starts from a map at rest;
- the server's peak memory (VmHWM of the streamlit process, over all runs of the case).

It prints the medians over --runs runs and ratios: every case against the floor (the folium
peer at 0 partnerships, always run) and against the pydeck peer at the same size. Figures,
not pass/fail: run it before and after a change, on the same machine (the browser shares the
CPU with the server, so a busy machine slows both).

    .venv/bin/python -m bench.bench_live                              # 0, 8, 100, 1,000, 10,000; 3 runs
    .venv/bin/python -m bench.bench_live --sizes 0 8 1000 --runs 1
    .venv/bin/python -m bench.bench_live --app /elsewhere/app.py      # another checkout's app (its folder is the cwd)

Datasets: 8 is the frozen seed dataset (tests/fixtures/seed_data, the real eight
partnerships); every other size is tests/fixtures/datasets.write_large_dataset(n), 0 included
(its places, programmes and themes, and no partnership). The theme clicked is "Waste
management" when it keeps some but not all lines, else the theme keeping the most lines short
of all; the expected counts come from the app's own partnerships.filters.apply_filters.

When a step counts as done:

- app: the number of lines in the map iframe (or a #map_div in the page, for a component
  drawn without an iframe) equals the expected count. The number is the larger of
  `data-lines-drawn` on the map container (`#map_div` or Leaflet's container: a canvas
  renderer states its count there) and the count of SVG `path.partnership`; a map with no
  Leaflet container and no `data-lines-drawn` counts -1. When the filter leaves the count as it was (0 → 0), the click's rerun must also have
  been seen to start and finish (Streamlit's `data-test-script-state`).
- every subject, once its condition holds: two animation frames pass, so the lines are on
  screen and not only made (the app states its count when its lines are drawn: an SVG view
  or a canvas the page paints as its layer is added, a canvas painted in a worker when its
  first picture is swapped in; the page may still have other work before it paints).
- peers: each ends with a caption "N lines, run K" (bench/peers/common.py), so a rerun is
  seen even when it is too fast for the script state to show. Folium and map-layer peers: the lines as
  for the app, and the caption of a later run with the expected count. pydeck peer: deck.gl
  draws into a WebGL canvas that cannot be counted, so: the deck canvas exists with a size,
  the caption (sent after the chart) shows the expected count from a later run (deck.gl
  draws the data it was given in the two animation frames that follow). Zoom is not read
  there ("n/a"); "re-created" is about the canvas element.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Browser, CDPSession, Page, async_playwright

from bench.load import (
    POLL_MS,
    REPO_ROOT,
    SCRIPT_DONE_JS,
    new_context,
    peak_rss_mb,
    pick_filter_option,
    wait_for_script,
    with_app_static,
)
from partnerships.dataset import load_dataset
from partnerships.filters import Filters, apply_filters
from partnerships.labels import theme_label
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ServerStartError, StreamlitServer, launch_streamlit
from tests.fixtures.datasets import copy_seed, write_large_dataset

PEERS_DIR = REPO_ROOT / "bench" / "peers"
DEFAULT_SIZES = (0, 8, 100, 1_000, 10_000)
SEED_SIZE = 8  # the seed dataset's own eight partnerships, not synthetic ones
PREFERRED_THEME = "waste"  # "Waste management": the theme bench/load.py clicks too
APP, PYDECK, FOLIUM, LAYER = "app", "pydeck peer", "folium peer", "map-layer peer"
PEER_SCRIPTS = {PYDECK: "pydeck_peer.py", FOLIUM: "folium_peer.py", LAYER: "layer_peer.py"}

# --- in-page probes ---------------------------------------------------------------------------

# The map's element: the (same-origin) iframe holding a Leaflet map or a stated line count, so a
# component other than st_folium's still counts; else a #map_div in the page itself (a component
# drawn without an iframe).
FIND_MAP_FRAME_JS = """() => {
  for (const frame of document.querySelectorAll('iframe')) {
    let doc = null;
    try { doc = frame.contentDocument; } catch (error) { continue; }  // cross-origin: not ours
    if (doc && doc.querySelector('#map_div, .leaflet-container, [data-lines-drawn]')) return frame;
  }
  return document.querySelector('#map_div');
}"""
# Lines drawn: max(data-lines-drawn on the map container, SVG path.partnership); -1 before a map
# exists. The container is #map_div or Leaflet's own (mapview/partnership_layer.js writes there).
LINES_DRAWN_JS = """() => {
  const own = (root, selector) => (root.matches && root.matches(selector) ? root : root.querySelector(selector));
  const count = root => {
    const box = own(root, '[data-lines-drawn]');
    const stated = box ? parseInt(box.getAttribute('data-lines-drawn'), 10) : -1;
    const paths = own(root, '.leaflet-container') ? root.querySelectorAll('path.partnership').length : -1;
    return Math.max(stated, paths);
  };
  let best = -1;
  for (const frame of document.querySelectorAll('iframe')) {
    let doc = null;
    try { doc = frame.contentDocument; } catch (error) { continue; }
    if (doc) best = Math.max(best, count(doc));
  }
  const page = document.querySelector('#map_div');
  return best < 0 && page ? count(page) : best;
}"""
DECK_CANVAS = "[data-testid='stDeckGlJsonChart'] canvas"
DECK_CANVAS_JS = f"""() => {{
  const canvas = document.querySelector("{DECK_CANVAS}");
  return canvas && canvas.width > 0 ? canvas : null;
}}"""
# Set before the click: records that a rerun started, so "finished" means this click's rerun.
WATCH_RERUN_JS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  const run = { started: false, href: location.href };
  window.__benchRun = run;
  // Any change counts: the state is notRunning now, and a quick rerun can be over (back to
  // notRunning) by the time the observer's callback reads the attribute.
  new MutationObserver(() => { run.started = true; })
    .observe(app, { attributes: true, attributeFilter: ['data-test-script-state'] });
}"""
# A rerun can also be over within one React render, so that the script state never shows it
# (1 in 10 filter changes at 0 partnerships): the app then tells it by the address, which it
# brings up to date (?theme=...) at the end of every run.
RERUN_DONE_JS = f"""() => {{
  const run = window.__benchRun;
  return !!run && (run.started || location.href !== run.href) && ({SCRIPT_DONE_JS})();
}}"""
# The peers' last element, "8 lines, run 3" (bench/peers/common.py): [lines, run], null on the app.
PEER_STATUS_JS = """() => {
  for (const caption of document.querySelectorAll("[data-testid='stCaptionContainer']")) {
    const match = /^(\\d+) lines, run (\\d+)$/.exec(caption.textContent.trim());
    if (match) return [parseInt(match[1], 10), parseInt(match[2], 10)];
  }
  return null;
}"""
TWO_FRAMES_JS = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# A property on the element and on its window: a new element or a reloaded document loses it.
MARK_MAP_JS = """element => {
  if (!element) return false;
  element.__benchMarker = 1;
  if (element.contentWindow) element.contentWindow.__benchMarker = 1;
  return true;
}"""
# Read on the element found after the change: a replaced iframe is a new element.
MAP_RECREATED_JS = """element => {
  if (!element || !element.__benchMarker) return true;
  if (element.tagName === 'IFRAME') return !element.contentWindow || !element.contentWindow.__benchMarker;
  return false;
}"""
# streamlit-folium sets window.map in its iframe. One level in, without animation, so a reset shows.
ZOOM_IN_JS = """frame => {
  const map = frame && frame.contentWindow && frame.contentWindow.map;
  if (!map || !map.getZoom) return null;
  map.setZoom(map.getZoom() + 1, { animate: false });
  return map.getZoom();
}"""
# After that zoom, the map's canvas has its picture at the new zoom: a canvas painted in a
# worker says data-painting while one is on its way (on the page the zoom paints at once).
# The click comes once the zoom's drawing is done, for every painter alike.
ZOOM_DRAWN_JS = f"""() => {{
  const frame = ({FIND_MAP_FRAME_JS})();
  const doc = frame && frame.contentDocument;
  return !doc || !doc.querySelector('canvas[data-painting]');
}}"""
# The app frames its first view again until the frame has its final size (data-camera
# "settled"). A reader's wheel, drag or key ends that at once; a script's setZoom that lands
# while the frame resizes is taken for the resize, so the zoom check waits for it to settle.
CAMERA_SETTLED_JS = f"""() => {{
  const frame = ({FIND_MAP_FRAME_JS})();
  const doc = frame && frame.contentDocument;
  return !!doc && !!doc.querySelector('[data-camera="settled"]');
}}"""
ZOOM_JS = """frame => {
  const map = frame && frame.contentWindow && frame.contentWindow.map;
  return map && map.getZoom ? map.getZoom() : null;
}"""


# --- what is measured -------------------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    """One dataset and what each page must draw from it."""

    size: int
    data_dir: Path
    lines: int  # drawn with no filter
    theme_label: str  # the option clicked in the sidebar
    filtered: int  # drawn once that theme is chosen


@dataclass
class Run:
    first_paint_s: float | None = None
    first_bytes: int | None = None
    filter_s: float | None = None
    filter_bytes: int | None = None
    recreated: bool | None = None
    zoom: tuple[float, float] | None = None  # (zoomed in to, read after the filter)
    failure: str = ""


@dataclass
class Case:
    subject: str  # APP or a key of PEER_SCRIPTS
    workload: Workload
    runs: list[Run] = field(default_factory=list)
    peak_mb: float | None = None
    failure: str = ""  # the server did not start

    @property
    def name(self) -> str:
        if self.subject == FOLIUM and self.workload.size == 0:
            return "bare st_folium, empty map (floor)"
        return f"{self.subject}, {self.workload.size:,}"

    def median(self, metric: Callable[[Run], float | None]) -> float | None:
        values = [value for run in self.runs if (value := metric(run)) is not None]
        return statistics.median(values) if values else None


class ByteCounter:
    """Websocket bytes received by one page, from CDP's Network.webSocketFrameReceived."""

    def __init__(self) -> None:
        self.total = 0

    def frame(self, params: dict) -> None:
        response = params["response"]
        payload: str = response["payloadData"]
        # Streamlit sends protobuf in binary frames (opcode 2), which CDP hands over as base64.
        self.total += len(base64.b64decode(payload)) if response["opcode"] == 2 else len(payload.encode())


def make_workload(size: int, root: Path) -> Workload:
    """Write the dataset of `size` partnerships and work out the expected line counts."""
    data_dir = root / f"data-{size}"
    if size == SEED_SIZE:
        copy_seed(data_dir)
    else:
        write_large_dataset(data_dir, size)
    dataset = load_dataset(data_dir)

    def shown(*themes: str) -> int:
        return len(apply_filters(dataset, Filters(theme=themes)).partnerships)

    everything = shown()
    theme = PREFERRED_THEME
    # A filter that keeps every line could not be told apart from no change at all.
    if not 0 < shown(theme) < everything and everything:
        counts = {candidate: shown(candidate) for candidate in dataset.theme_ids}
        theme = max((c for c in counts if counts[c] < everything), key=counts.__getitem__)
    return Workload(size, data_dir, everything, theme_label(dataset, theme, "en"), shown(theme))


# --- one run in a fresh browser context -------------------------------------------------------


async def wait_until(page: Page, predicate_js: str, timeout_s: float, arg: object = None) -> None:
    await page.wait_for_function(predicate_js, arg=arg, polling=POLL_MS, timeout=timeout_s * 1000)


def lines_are_js(count: int) -> str:
    return f"() => ({LINES_DRAWN_JS})() === {count}"


def peer_shows_js(lines: int, after_run: int) -> str:
    """The peer's status caption says `lines` lines, from a run later than `after_run`."""
    return f"() => {{ const status = ({PEER_STATUS_JS})(); return !!status && status[0] === {lines} && status[1] > {after_run}; }}"


async def wait_for_map(page: Page, subject: str, lines: int, timeout_s: float, after_run: int | None = None) -> None:
    """Until the map is drawn as the module docstring says; after_run: the peer's run before the click.

    after_run is None for the first paint (any run will do) and for the app, whose reruns are
    told by Streamlit's script state when the line count alone cannot tell (0 → 0).
    """
    if subject == PYDECK:
        await wait_until(page, f"() => !!({DECK_CANVAS_JS})() && ({peer_shows_js(lines, after_run or 0)})()", timeout_s)
    elif subject in (FOLIUM, LAYER):
        await wait_until(
            page, f"() => ({lines_are_js(lines)})() && ({peer_shows_js(lines, after_run or 0)})()", timeout_s
        )
    elif after_run is not None:
        await wait_until(page, f"() => ({RERUN_DONE_JS})() && ({lines_are_js(lines)})()", timeout_s)
    else:
        await wait_until(page, lines_are_js(lines), timeout_s)
    # Then two animation frames, for every subject alike: the lines are on screen, not just
    # made (the app states its count when its lines are drawn, before the page paints; deck.gl
    # draws new data on its next frame).
    await page.evaluate(TWO_FRAMES_JS)


async def map_element(page: Page, subject: str) -> object:
    return await page.evaluate_handle(DECK_CANVAS_JS if subject == PYDECK else FIND_MAP_FRAME_JS)


async def one_run(page: Page, cdp: CDPSession, url: str, subject: str, work: Workload, timeout_s: float) -> Run:
    run = Run()
    received = ByteCounter()
    cdp.on("Network.webSocketFrameReceived", received.frame)
    await cdp.send("Network.enable")
    step = "first paint"
    try:
        started = time.perf_counter()
        await page.goto(url, timeout=timeout_s * 1000)
        await wait_for_map(page, subject, work.lines, timeout_s)
        run.first_paint_s = time.perf_counter() - started
        run.first_bytes = received.total
        # The sidebar is only safe to use once the script has finished its run.
        await wait_for_script(page, timeout_s)

        step = "filter"
        if subject == APP:
            await wait_until(page, CAMERA_SETTLED_JS, timeout_s)
        element = await map_element(page, subject)
        marked = await page.evaluate(MARK_MAP_JS, element)
        zoomed_to = None if subject == PYDECK else await page.evaluate(ZOOM_IN_JS, element)
        if zoomed_to is not None:
            await wait_until(page, ZOOM_DRAWN_JS, timeout_s)
        await page.evaluate(WATCH_RERUN_JS)
        status = await page.evaluate(PEER_STATUS_JS)
        # The app: a changed line count is enough; the same count (0 → 0) needs the rerun seen too.
        after_run = status[1] if status else (0 if work.filtered == work.lines else None)
        bytes_before = received.total
        clicked = await pick_filter_option(page, timeout_s, work.theme_label)
        await wait_for_map(page, subject, work.filtered, timeout_s, after_run)
        run.filter_s = time.perf_counter() - clicked
        run.filter_bytes = received.total - bytes_before
        run.recreated = await page.evaluate(MAP_RECREATED_JS, await map_element(page, subject)) if marked else None
        if zoomed_to is not None:
            after = await page.evaluate(ZOOM_JS, await map_element(page, subject))
            run.zoom = (zoomed_to, after)
    except Exception as error:  # noqa: BLE001 - a failed run is a figure, not a crash
        first_line = (str(error) or type(error).__name__).splitlines()[0]
        run.failure = f"{step}: {first_line[:120]}"
    return run


# --- one case: a server, its runs, always stopped ---------------------------------------------


def start(subject: str, work: Workload, app: Path, launch_dir: Path, log_dir: Path) -> StreamlitServer:
    if subject == APP:
        # cwd = the app's own root: its .streamlit/config.toml (static serving) and its code.
        return launch_streamlit(app, work.data_dir, cwd=app.parent, log_dir=log_dir)
    script = PEERS_DIR / PEER_SCRIPTS[subject]
    linked = launch_dir / script.name
    if not linked.exists():
        with_app_static(script, REPO_ROOT, launch_dir)
    # Peers run from this checkout (bench.peers.common), whichever app is measured.
    return launch_streamlit(linked, work.data_dir, cwd=REPO_ROOT, log_dir=log_dir)


async def measure_size(
    browser: Browser, cases: list[Case], args: argparse.Namespace, launch_dir: Path, log_dir: Path
) -> None:
    """The cases of one dataset size: their servers up together, their runs taken in turn.

    Run 1 of every case, then run 2, and so on, each round starting one case further on: a
    slow minute of the machine falls on every case alike, where case after case it fell on
    whichever case was running (the app and the pydeck peer swapped places from one batch to
    the next by more than the difference between them).
    """
    servers: dict[int, StreamlitServer] = {}
    try:
        for index, case in enumerate(cases):
            try:
                servers[index] = start(case.subject, case.workload, args.app, launch_dir, log_dir)
            except ServerStartError as error:
                case.failure = str(error).splitlines()[0]
        live = list(servers)
        for number in range(1, args.runs + 1):
            first = (number - 1) % len(live) if live else 0
            for index in live[first:] + live[:first]:
                case = cases[index]
                run = await run_in_fresh_context(browser, servers[index].url, case, args.timeout)
                case.runs.append(run)
                print(f"  {case.name}: run {number} {describe(run)}", file=sys.stderr, flush=True)
        for index in live:
            cases[index].peak_mb = peak_rss_mb(servers[index].process.pid)
    finally:
        for server in servers.values():
            server.stop()
    for index, server in servers.items():
        if any(run.failure for run in cases[index].runs):
            print(f"{cases[index].name}: server log {server.log_path}:\n{server.log_tail(20)}", file=sys.stderr)


async def run_in_fresh_context(browser: Browser, url: str, case: Case, timeout_s: float) -> Run:
    context = await new_context(browser)
    try:
        page = await context.new_page()
        cdp = await context.new_cdp_session(page)
        return await one_run(page, cdp, url, case.subject, case.workload, timeout_s)
    finally:
        await context.close()


def describe(run: Run) -> str:
    if run.failure:
        return f"failed ({run.failure})"
    return f"paint {run.first_paint_s:.2f}s, filter {run.filter_s:.2f}s"


async def run_all(args: argparse.Namespace, workloads: dict[int, Workload], root: Path) -> list[Case]:
    cases: list[Case] = []
    for size in args.sizes:
        cases.append(Case(APP, workloads[size]))
        if size in args.peer_sizes:
            cases += [Case(PYDECK, workloads[size]), Case(FOLIUM, workloads[size]), Case(LAYER, workloads[size])]
    if not any(case.subject == FOLIUM and case.workload.size == 0 for case in cases):
        cases.append(Case(FOLIUM, workloads[0]))  # the floor every ratio is taken against
    launch_dir = root / "launch"
    launch_dir.mkdir()
    log_dir = root / "logs"
    async with async_playwright() as playwright:
        # Debian's Chromium: Playwright's own browser download is not possible here.
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            for size in dict.fromkeys(case.workload.size for case in cases):
                of_size = [case for case in cases if case.workload.size == size]
                for case in of_size:
                    print(
                        f"{case.name} ({case.workload.lines} lines, {case.workload.filtered} after filter)",
                        file=sys.stderr,
                    )
                await measure_size(browser, of_size, args, launch_dir, log_dir)
        finally:
            await browser.close()
    return cases


# --- the tables --------------------------------------------------------------------------------


def size_text(count: float | None) -> str:
    if count is None:
        return "–"
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    return f"{count / 1_000:.0f} KB" if count >= 1_000 else f"{count:.0f} B"


def secs(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def yes_no(values: Sequence[bool]) -> str:
    """Per run, so a change that only sometimes re-creates the map shows."""
    if not values:
        return "–"
    if len(set(values)) == 1:
        return "yes" if values[0] else "no"
    return f"{sum(values)} of {len(values)} runs"


def zoom_text(values: Sequence[tuple[float, float]]) -> str:
    if not values:
        return "n/a"
    kept = [after == before for before, after in values]
    if all(kept):
        return "kept"
    before, after = next(value for value, same in zip(values, kept, strict=True) if not same)
    return f"{before:g}→{after:g}" + ("" if not any(kept) else f" ({kept.count(False)} of {len(kept)} runs)")


def results_table(cases: Sequence[Case]) -> str:
    lines = [
        "| case | lines → after filter | first paint | ws bytes, first load | filter change | ws bytes, filter "
        "| map re-created on filter | zoom on filter | server peak MB | failed runs |",
        "|---|---:|---:|---:|---:|---:|---|---|---:|---:|",
    ]
    for case in cases:
        work = case.workload
        failed = sum(1 for run in case.runs if run.failure) if not case.failure else "server"
        lines.append(
            f"| {case.name} | {work.lines:,} → {work.filtered:,} ({work.theme_label}) "
            f"| {secs(case.median(lambda r: r.first_paint_s))} | {size_text(case.median(lambda r: r.first_bytes))} "
            f"| {secs(case.median(lambda r: r.filter_s))} | {size_text(case.median(lambda r: r.filter_bytes))} "
            f"| {yes_no([r.recreated for r in case.runs if r.recreated is not None])} "
            f"| {zoom_text([r.zoom for r in case.runs if r.zoom is not None and r.zoom[1] is not None])} "
            f"| {'–' if case.peak_mb is None else f'{case.peak_mb:.0f}'} | {failed} |"
        )
    return "\n".join(lines)


METRICS: tuple[tuple[str, Callable[[Case], float | None]], ...] = (
    ("first paint", lambda case: case.median(lambda r: r.first_paint_s)),
    ("ws bytes", lambda case: case.median(lambda r: r.first_bytes)),
    ("filter change", lambda case: case.median(lambda r: r.filter_s)),
    ("peak MB", lambda case: case.peak_mb),
)


def ratio(case: Case, base: Case | None, metric: Callable[[Case], float | None]) -> str:
    value, reference = metric(case), metric(base) if base else None
    return "–" if value is None or not reference else f"{value / reference:.2f}×"


def ratio_table(cases: Sequence[Case]) -> str:
    """Each case against the floor, the pydeck peer at its size, and the app's own empty map."""
    floor = next((c for c in cases if c.subject == FOLIUM and c.workload.size == 0), None)
    app_empty = next((c for c in cases if c.subject == APP and c.workload.size == 0), None)
    pydeck = {c.workload.size: c for c in cases if c.subject == PYDECK}
    names = [name for name, _ in METRICS]
    header = (
        "| case | "
        + " | ".join(f"{name} / floor" for name in names)
        + " | "
        + " | ".join(f"{name} / pydeck" for name in names)
        + " | first paint / app at 0 |"
    )
    lines = [header, "|---|" + "---:|" * (2 * len(names) + 1)]
    for case in cases:
        if case is floor:
            continue
        peer = pydeck.get(case.workload.size) if case.subject != PYDECK else None
        cells = [ratio(case, floor, metric) for _, metric in METRICS]
        cells += [ratio(case, peer, metric) for _, metric in METRICS]
        cells.append(ratio(case, app_empty, METRICS[0][1]) if case.subject == APP else "–")
        lines.append(f"| {case.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def failures(cases: Sequence[Case]) -> list[str]:
    lines = [f"- {case.name}: server did not start: {case.failure}" for case in cases if case.failure]
    lines += [
        f"- {case.name}, run {i}: {run.failure}" for case in cases for i, run in enumerate(case.runs, 1) if run.failure
    ]
    return lines


# --- command line -----------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="partnerships per dataset")
    parser.add_argument(
        "--peer-sizes", type=int, nargs="*", help="sizes at which the peers run too (default: every size)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per case; the tables give medians")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per step before a run fails")
    parser.add_argument("--app", type=Path, default=REPO_ROOT / "app.py", help="app to start; its folder is the cwd")
    args = parser.parse_args(argv)
    args.app = args.app.resolve()
    if args.peer_sizes is None:
        args.peer_sizes = list(args.sizes)
    return args


def main() -> None:
    args = parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} not found: run `make chromium`")
    root = Path(tempfile.mkdtemp(prefix="bench-live-"))
    print(f"datasets and server logs: {root}", file=sys.stderr)
    # 0 always: the folium peer's empty map is the floor.
    workloads = {size: make_workload(size, root) for size in sorted({0, *args.sizes})}
    load_before = os.getloadavg()
    started = time.perf_counter()
    cases = asyncio.run(run_all(args, workloads, root))
    minutes = (time.perf_counter() - started) / 60
    print(f"\nLive map benchmark: {args.app}, median of {args.runs} run(s) per case, {os.cpu_count()} CPUs,")
    print(f"headless Chromium on the same machine, outside requests blocked; {minutes:.1f} min.")
    print(f"Load average (1/5/15 min) at the start: {' / '.join(f'{value:.1f}' for value in load_before)}\n")
    print(results_table(cases))
    print("\nRatios (floor: the bare st_folium empty map; pydeck: the peer at the same size):\n")
    print(ratio_table(cases))
    problems = failures(cases)
    if problems:
        print("\nFailures:\n" + "\n".join(problems))


if __name__ == "__main__":
    main()
