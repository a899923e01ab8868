"""WCAG 2.1 AA: axe-core on every page, and every filter and table reachable by keyboard.

axe-core comes from the npm registry with the map's assets (`make assets` puts it in
static/vendor/axe-core/) and is injected by Playwright, so no request leaves the machine.
Every run writes tests/artifacts/axe-report.json: the violations per page by impact, including
the moderate and minor ones the assertions let through, for a person to read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page, expect

from partnerships.i18n import t

AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-core" / "axe.min.js"
REPORT = Path(__file__).resolve().parents[2] / "tests" / "artifacts" / "axe-report.json"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
# Every page, in a state that shows most of what it can: a selected card, a year, open lists.
PAGES = {
    "map": "/?lang={lang}&p=aarhus-lviv",
    "partnerships": "/Partnerships?lang={lang}&p=aarhus-lviv&year=2024",
    "funding": "/Funding?lang={lang}",
    "timeline": "/Timeline?lang={lang}&year=2024",
    "coverage": "/Coverage?lang={lang}",
    "sources": "/Sources?lang={lang}",
    "about": "/About?lang={lang}",
}
RUN_AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ") + " :: " + n.failureSummary.replace(/\\n/g, " "))
    }));
}"""
_results: dict[str, list[dict]] = {}


@pytest.fixture(scope="module", autouse=True)
def axe_report():
    """Write what every axe run found, whatever the assertions decide."""
    yield
    if _results:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        summary = {
            name: {
                "by_impact": {
                    impact: sum(1 for v in found if v["impact"] == impact)
                    for impact in ("critical", "serious", "moderate", "minor")
                },
                "violations": found,
            }
            for name, found in sorted(_results.items())
        }
        REPORT.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def axe_script(skip_or_fail) -> Path:
    if not AXE.is_file():
        skip_or_fail(f"{AXE} missing: run `make assets` (axe-core from the npm registry)")
    return AXE


def run_axe(target: Page | Frame, script: Path) -> list[dict]:
    target.add_script_tag(path=str(script))
    return target.evaluate(RUN_AXE, WCAG_AA)


def _blocking(found: list[dict]) -> list[str]:
    return [f"{v['impact']} {v['id']}: {v['help']} at {v['nodes'][:3]}" for v in found if v["impact"] in BLOCKING]


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_violations(
    page: Page,
    app_server,
    open_app: Callable[..., Page],
    wait_for_map: Callable,
    axe_script: Path,
    name: str,
    lang: str,
) -> None:
    open_app(page, app_server, PAGES[name].format(lang=lang))
    if name == "map":
        wait_for_map(page)
    page.wait_for_timeout(500)  # Vega charts and the data grid draw after the script finishes
    found = run_axe(page, axe_script)
    _results[f"{name} ({lang})"] = found
    assert _blocking(found) == []


def test_map_frame_has_no_serious_or_critical_violations(
    page: Page, app_server, open_app: Callable[..., Page], wait_for_map: Callable, axe_script: Path
) -> None:
    """Inside the map's iframe (mapview/layers.py and folium's template), checked on its own."""
    open_app(page, app_server, "/?lang=uk&tiles=off")
    wait_for_map(page)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    found = run_axe(frame, axe_script)
    _results["map iframe (uk)"] = found
    assert _blocking(found) == []


# --- keyboard ----------------------------------------------------------------------------------

FOCUSED = """() => {
    const e = document.activeElement;
    if (!e) return "";
    const label = e.getAttribute("aria-label") || (e.labels && e.labels[0] ? e.labels[0].innerText : "");
    const kind = e.getAttribute("data-testid") || e.getAttribute("role") || e.tagName.toLowerCase();
    return kind + "|" + label.trim() + "|" + (e.innerText || "").trim().slice(0, 60);
}"""


def tab_through(page: Page, wanted: list[str], limit: int = 160) -> list[str]:
    """Press Tab until every wanted text has been part of a focused element's description; return the rest."""
    page.locator("body").focus()
    return tab_through_from_here(page, wanted, limit)


def tab_through_from_here(page: Page, wanted: list[str], limit: int = 160) -> list[str]:
    """tab_through, from the element that has the focus now."""
    missing = list(wanted)
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        missing = [w for w in missing if w not in focused]
        if not missing:
            break
    return missing


def _filters(lang: str) -> list[str]:
    labels = ["language", "theme", "funder", "country", "programme", "year", "reset_filters"]
    return [f"|{t(key, lang)}|" if key != "reset_filters" else t(key, lang) for key in labels]


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        (
            "/Partnerships?lang=uk",
            ["|" + t("search", "uk") + "|", "data-grid-canvas", "|" + t("select_partnership", "uk") + "|"],
        ),
        # The map page's table opens on request (test_the_map_pages_table_opens_by_keyboard).
        ("/?lang=uk", [t("map_table_show", "uk"), "|" + t("select_partnership", "uk") + "|"]),
        ("/Coverage?lang=uk", ["|" + t("coverage_place", "uk") + "|"]),
    ],
    ids=["partnerships", "map", "coverage"],
)
def test_every_filter_and_the_table_by_keyboard(
    page: Page, app_server, open_app: Callable[..., Page], path: str, extra: list[str]
) -> None:
    open_app(page, app_server, path)
    assert tab_through(page, _filters("uk") + extra) == []


def test_the_map_pages_table_opens_by_keyboard(
    page: Page, app_server, open_app: Callable[..., Page], wait_for_script_to_finish: Callable[..., None]
) -> None:
    open_app(page, app_server, "/?lang=uk")
    assert tab_through(page, [t("map_table_show", "uk")]) == []
    page.keyboard.press("Enter")
    wait_for_script_to_finish(page, initial_wait_ms=300)
    assert "table=1" in page.url
    # The next stop after the expander's own button is the table's grid.
    assert tab_through_from_here(page, ["data-grid-canvas"]) == []


def test_a_filter_works_from_the_keyboard(
    page: Page, app_server, open_app: Callable[..., Page], wait_for_script_to_finish: Callable[..., None]
) -> None:
    open_app(page, app_server, "/Partnerships?lang=uk")
    assert tab_through(page, [f"|{t('country', 'uk')}|"]) == []
    page.keyboard.press("ArrowDown")  # opens the list
    page.keyboard.type("Швеція")
    page.keyboard.press("Enter")
    wait_for_script_to_finish(page, initial_wait_ms=300)
    assert "country=SE" in page.url
    expect(page.get_by_text(t("nothing_matches", "uk"))).to_be_visible()
