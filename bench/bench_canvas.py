"""Canvas benchmark: how long a zoom keeps the page busy, painted in a worker or by the page.

Above mapview.layers.CANVAS_ABOVE lines the map draws on one canvas
(mapview/partnership_canvas.js). Where the browser has no GPU canvas (headless Chromium
here, many office machines) painting it is the CPU's work; the canvas does it in a worker
(OffscreenCanvas) and falls back to the page's own thread where a browser has none. This
script starts the app on synthetic datasets (tests/fixtures/datasets.py) and, for each
painter, zooms the map in and out (no animation) and prints medians of:

- page busy: milliseconds from the zoom until the map's page can run anything else (a timer
  set just before the zoom fires): how long clicks, hovers and scrolling wait;
- lines ready: milliseconds from the zoom until the canvas shows the lines painted at the
  new zoom (the worker's picture swapped in; on the page, when the zoom's own work ends);
- hover shown: milliseconds from the pointer's move onto a line until the line shows
  hovered: the first animation frame in which the line under the pointer is painted at full
  opacity on any of the map's canvases. Once per run, after the zooms, HOVER_CLOSER_IN levels
  closer in on the line with the most room (no other line or marker within 5 px).

The app paints in the worker only above mapview.layers.PAINT_IN_WORKER_ABOVE lines: above
it both painters are measured ("page" is the same app in a browser context without
OffscreenCanvas), below it the page alone. Figures, not pass/fail: compare runs made on
the same machine.

    .venv/bin/python -m bench.bench_canvas                    # 1,000, 2,000 and 10,000 lines, 3 runs of 6 zooms
    .venv/bin/python -m bench.bench_canvas --sizes 10000 --runs 5
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from playwright.async_api import Browser, async_playwright

from bench.bench_live import LINES_DRAWN_JS
from bench.load import MAP_IFRAME, REPO_ROOT, new_context
from mapview.layers import PAINT_IN_WORKER_ABOVE
from tests.browser.canvas_probes import CLOSER_IN_JS, LINE_AND_CLEAR_SPOT_JS, PICTURE_AT_ZOOM_JS, alpha_at_js
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ServerStartError, launch_streamlit
from tests.fixtures.datasets import write_large_dataset

PAINTERS = ("worker", "page")
DEFAULT_SIZES = (1_000, 2_000, 10_000)
WITHOUT_OFFSCREEN_CANVAS = "delete window.OffscreenCanvas;"
ZOOMS_PER_RUN = 6
HOVER_CLOSER_IN = 3  # zoom levels in, where the line with most room stands apart
TIMEOUT_S = 120

# In the map's frame: one zoom (in or out, no animation); how long until a timer set just
# before it fires, and until the canvas shows a picture painted at the new zoom.
ZOOM_ONCE_JS = """async zoomIn => {
  const map = window.map, canvas = map._partnershipLayer._canvas;
  const start = performance.now();
  const free = new Promise(done => setTimeout(() => done(performance.now() - start), 0));
  map.setZoom(map.getZoom() + (zoomIn ? 1 : -1), { animate: false });
  // On screen: the first animation frame after the picture is there (on the page, the
  // zoom's own task, which rasterizes the canvas at its end, must be over first).
  const ready = await new Promise(done => {
    const look = () => canvas._zoom === map.getZoom() && !canvas._painting
      ? requestAnimationFrame(() => done(performance.now() - start)) : requestAnimationFrame(look);
    requestAnimationFrame(look);
  });
  return { busy: await free, ready: ready };
}"""


# In the map's frame: the pointer moves onto the line at [lat, lng] (nothing else within
# 5 px); milliseconds until a frame shows the line there at full opacity, as hovered, on any
# of the map's canvases (unhovered it is LINE_OPACITY, 0.95); then the pointer leaves.
HOVER_ONCE_JS = f"""async latlng => {{
  const map = window.map, target = map._partnershipLayer._canvas._container;
  const box = map.getContainer().getBoundingClientRect(), at = map.latLngToContainerPoint(latlng);
  const opaque = () => ({alpha_at_js(".leaflet-pane canvas")})(window.frameElement, [latlng])[0] === 255;
  if (opaque()) return null;  // not a lone line: nothing to see change
  const start = performance.now();
  target.dispatchEvent(new MouseEvent('mousemove', {{ clientX: box.left + at.x, clientY: box.top + at.y, bubbles: true }}));
  const shown = await new Promise(done => {{
    const look = () => opaque() ? done(performance.now() - start) : performance.now() - start > 5000 ? done(null) : requestAnimationFrame(look);
    requestAnimationFrame(look);
  }});
  target.dispatchEvent(new MouseEvent('mouseout', {{ bubbles: true }}));
  return shown;
}}"""


async def one_run(browser: Browser, url: str, painter: str, lines: int) -> list[dict[str, float]]:
    context = await new_context(browser)
    try:
        if painter == "page":
            await context.add_init_script(WITHOUT_OFFSCREEN_CANVAS)
        page = await context.new_page()
        await page.goto(url + "/?tiles=off", timeout=TIMEOUT_S * 1000)
        await page.wait_for_function(f"() => ({LINES_DRAWN_JS})() === {lines}", timeout=TIMEOUT_S * 1000)
        frame = await (await page.locator(MAP_IFRAME).element_handle()).content_frame()
        await frame.wait_for_function(
            "() => map.getContainer().getAttribute('data-camera') === 'settled'", timeout=TIMEOUT_S * 1000
        )
        painted_in = await frame.evaluate("() => map._partnershipLayer._canvas._container.dataset.paintedIn")
        if painted_in != painter:
            sys.exit(f"expected the canvas painted in the {painter}, it is painted in the {painted_in}")
        results = [await frame.evaluate(ZOOM_ONCE_JS, step % 2 == 0) for step in range(ZOOMS_PER_RUN)]
        # Closer in on the line with the most room, where it stands apart, once painted there.
        roomiest = (await page.locator(MAP_IFRAME).evaluate(LINE_AND_CLEAR_SPOT_JS))["line"]
        await frame.evaluate(CLOSER_IN_JS, [roomiest, HOVER_CLOSER_IN])
        await frame.wait_for_function(PICTURE_AT_ZOOM_JS, timeout=TIMEOUT_S * 1000)
        spot = await page.locator(MAP_IFRAME).evaluate(LINE_AND_CLEAR_SPOT_JS)
        results.append({"hover": await frame.evaluate(HOVER_ONCE_JS, spot["line"])})
        return results
    finally:
        await context.close()


async def measure(sizes: Sequence[int], runs: int) -> list[tuple[int, str, list[dict[str, float]]]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-canvas-") as scratch:
        root = Path(scratch)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            for size in sizes:
                data_dir = root / f"data-{size}"
                write_large_dataset(data_dir, size)
                try:
                    server = launch_streamlit(REPO_ROOT / "app.py", data_dir, cwd=REPO_ROOT, log_dir=root)
                except ServerStartError as error:
                    sys.exit(str(error))
                try:
                    painters = PAINTERS if size > PAINT_IN_WORKER_ABOVE else ("page",)
                    zooms: dict[str, list[dict[str, float]]] = {painter: [] for painter in painters}
                    # Painters in turn, so that a slow moment of the machine falls on both.
                    for run in range(runs):
                        turn = run % len(painters)
                        for painter in painters[turn:] + painters[:turn]:
                            zooms[painter] += await one_run(browser, server.url, painter, size)
                    rows += [(size, painter, zooms[painter]) for painter in painters]
                finally:
                    server.stop()
            await browser.close()
    return rows


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.0f}" if values else "–"


def table(rows: list[tuple[int, str, list[dict[str, float]]]]) -> str:
    lines = [
        "| lines | painted in | zooms | page busy (ms) | lines ready (ms) | hovers | hover shown (ms) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for size, painter, results in rows:
        zooms = [result for result in results if "busy" in result]
        hovers = [result["hover"] for result in results if "hover" in result]
        # A hover not seen within 5 s (or on a line not alone) counts as missing, not as fast.
        seen = [hover for hover in hovers if hover is not None]
        lines.append(
            f"| {size:,} | {painter} | {len(zooms)} | {_median([z['busy'] for z in zooms])} "
            f"| {_median([z['ready'] for z in zooms])} | {len(seen)}/{len(hovers)} | {_median(seen)} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(table(asyncio.run(measure(args.sizes, args.runs))))


if __name__ == "__main__":
    main()
