"""Benchmark: how the map scales with the number of partnerships.

Prints, for each size, the time to load and validate the CSVs, to filter, to build the folium
map, its HTML size, and (with --browser) the time until Chromium has painted every line of
the exported offline HTML. Figures, not pass/fail: run it before and after a change.

    .venv/bin/python -m bench.bench_map               # 100, 1,000 and 10,000 partnerships
    .venv/bin/python -m bench.bench_map --sizes 500 --browser
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from geo.assets import standalone_html
from mapview.layers import build_map
from partnerships.dataset import load_dataset
from partnerships.filters import Filters, apply_filters
from tests.fixtures.datasets import write_large_dataset

REPO_ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def timed(action, *args, **kwargs):
    """(result, seconds) of one call."""
    started = time.perf_counter()
    result = action(*args, **kwargs)
    return result, time.perf_counter() - started


def paint_seconds(html_path: Path, expected_lines: int) -> float:
    """Seconds from navigation until Chromium shows every `.partnership` path (network blocked)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        context.route("http*://**/*", lambda route: route.abort())
        page = context.new_page()
        started = time.perf_counter()
        page.goto(html_path.as_uri())
        # SVG lines are paths; above the canvas threshold only the container's count says it.
        page.wait_for_function(
            "n => Math.max(document.querySelectorAll('path.partnership').length,"
            " Number((document.querySelector('.leaflet-container') || {dataset: {}}).dataset.linesDrawn || 0)) >= n",
            arg=expected_lines,
            timeout=120_000,
        )
        elapsed = time.perf_counter() - started
        browser.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--browser", action="store_true", help="also time painting in Chromium")
    args = parser.parse_args()
    header = f"{'lines':>7} {'load s':>8} {'filter s':>9} {'build s':>8} {'export s':>9} {'HTML MB':>8}"
    print(header + (f" {'paint s':>8}" if args.browser else ""))
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            data = write_large_dataset(Path(folder) / "data", n_partnerships=size)
            dataset, load_s = timed(load_dataset, data)
            view, filter_s = timed(apply_filters, dataset, Filters())
            fmap, build_s = timed(build_map, dataset, view, "en", online_tiles=False)
            html, render_s = timed(standalone_html, fmap)
            row = f"{len(view.partnerships):>7} {load_s:>8.2f} {filter_s:>9.2f} {build_s:>8.2f} {render_s:>9.2f}"
            row += f" {len(html.encode()) / 1e6:>8.2f}"
            if args.browser:
                page = Path(folder) / "map.html"
                page.write_text(html, encoding="utf-8")
                row += f" {paint_seconds(page, len(view.partnerships)):>8.2f}"
            print(row, flush=True)


if __name__ == "__main__":
    main()
