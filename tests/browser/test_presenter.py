"""Presenter mode, the guided tour, sharing and the offline export in Chromium at 1920x1080 (issue 3)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.fixtures.datasets import SEED_DATA_DIR

REPO_ROOT = Path(__file__).resolve().parents[2]
MAP_IFRAME = 'iframe[title="streamlit_folium\\.st_folium"]'


@pytest.fixture
def viewport() -> dict[str, int]:
    return {"width": 1920, "height": 1080}


def _rows(name: str) -> list[dict[str, str]]:
    with open(SEED_DATA_DIR / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def default_tour() -> list[str]:
    """The documented order: every partnership, grouped by programme in programmes.csv order."""
    order = [row["id"] for row in _rows("programmes.csv")]
    partnerships = _rows("partnerships.csv")
    return [row["id"] for programme in order for row in partnerships if row["programme"] == programme]


def selected_line(page: Page):
    return page.frame_locator(MAP_IFRAME).locator("path.partnership.selected")


def font_px(locator) -> float:
    return float(locator.evaluate("element => parseFloat(getComputedStyle(element).fontSize)"))


def test_presenter_mode_hides_the_sidebar_and_text_is_large(
    page: Page, app_server, open_app, wait_for_map, screenshot
) -> None:
    open_app(page, app_server, "/?present=1&step=1&tiles=off")
    frame = wait_for_map(page)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    story = page.locator(".st-key-tour_story")
    expect(story).to_be_visible()
    assert font_px(story.locator("li").first) >= 22
    assert font_px(frame.locator(".map-legend")) >= 22
    # Labels are placed anew each time the first framing is corrected (until data-camera is
    # "settled"): a label read before that can be taken off the page between finding and reading it.
    container = frame.locator(".leaflet-container")
    expect(container).to_have_attribute("data-camera", "settled")
    label_px = container.evaluate("map => parseFloat(getComputedStyle(map.querySelector('.place-label')).fontSize)")
    assert label_px >= 22
    screenshot(page, "presenter-tour-stop-1")
    # The Fullscreen control takes the map to the whole screen from inside the Streamlit page.
    frame.locator("a.leaflet-control-zoom-fullscreen").click()
    expect(frame.locator(".leaflet-container")).to_have_js_property("clientWidth", 1920)
    assert frame.locator("body").evaluate("body => document.fullscreenElement !== null")


def test_arrow_keys_move_the_highlight_and_the_link_restores_the_stop(
    page: Page, browser: Browser, app_server, open_app, wait_for_map, wait_for_script_to_finish, screenshot
) -> None:
    stops = default_tour()
    open_app(page, app_server, "/?present=1&step=1&tiles=off")
    wait_for_map(page)
    expect(selected_line(page)).to_have_count(1)
    expect(selected_line(page)).to_have_class(re.compile(rf"partnership-{stops[0]}\b"))
    expect(page.frame_locator(MAP_IFRAME).locator("path.partnership")).to_have_count(len(stops))

    page.get_by_role("heading", name="Ukraine Partnership Map").click()  # focus the page, not the map
    page.keyboard.press("ArrowRight")
    wait_for_script_to_finish(page, initial_wait_ms=400)
    expect(page.get_by_text(f"Stop 2 of {len(stops)}")).to_be_visible()
    expect(selected_line(page)).to_have_class(re.compile(rf"partnership-{stops[1]}\b"))
    page.keyboard.press("ArrowRight")
    wait_for_script_to_finish(page, initial_wait_ms=400)
    expect(selected_line(page)).to_have_class(re.compile(rf"partnership-{stops[2]}\b"))
    page.keyboard.press("ArrowLeft")
    wait_for_script_to_finish(page, initial_wait_ms=400)
    expect(selected_line(page)).to_have_class(re.compile(rf"partnership-{stops[1]}\b"))
    assert "step=2" in page.url and "present=1" in page.url
    # Labels are hidden while the map flies to the stop and placed again where it lands.
    expect(page.frame_locator(MAP_IFRAME).locator(".place-label").first).to_be_visible()
    screenshot(page, "presenter-tour-stop-2")

    # A colleague opens the shared link in their own browser: same lines, same stop.
    shared = page.url
    other = browser.new_context(viewport={"width": 1920, "height": 1080})
    other.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    try:
        second = other.new_page()
        second.goto(shared)
        wait_for_script_to_finish(second)
        frame = second.frame_locator(MAP_IFRAME)
        expect(frame.locator("path.partnership")).to_have_count(len(stops))
        expect(second.get_by_text(f"Stop 2 of {len(stops)}")).to_be_visible()
        expect(selected_line(second)).to_have_class(re.compile(rf"partnership-{stops[1]}\b"))
    finally:
        other.close()


def test_a_custom_tour_from_the_link_keeps_its_order(page: Page, app_server, open_app, wait_for_map) -> None:
    open_app(page, app_server, "/?tour=ikast-brande-voznesensk,aarhus-lviv&step=2&tiles=off")
    wait_for_map(page)
    expect(page.get_by_text("Stop 2 of 2")).to_be_visible()
    expect(selected_line(page)).to_have_class(re.compile(r"partnership-aarhus-lviv\b"))
    expect(page.locator(".st-key-tour_story").get_by_text("Aarhus works with Lviv")).to_be_visible()


def test_the_share_link_is_the_exact_view(page: Page, app_server, open_app, wait_for_map) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_app(page, app_server, "/?theme=waste&lang=da&tiles=off")
    wait_for_map(page)
    field = page.get_by_role("textbox", name="Link til denne visning")
    link = field.input_value()
    assert link.startswith(app_server.url) and "theme=waste" in link and "lang=da" in link

    page.get_by_role("button", name="Kopiér link").click()

    expect(page.get_by_role("status").filter(has_text="Linket er kopieret.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link
    # Opened elsewhere, the copied link shows the same view.
    second = page.context.new_page()
    second.goto(link)
    expect(second.get_by_role("textbox", name="Link til denne visning")).to_have_value(link, timeout=30_000)
    second.close()


def download(page: Page, button: str, path: Path) -> Path:
    """Click a download button as a reader does and keep the file it gives."""
    with page.expect_download() as download_info:
        page.get_by_role("button", name=button).click()
    download_info.value.save_as(path)
    return path


def test_the_exported_map_opens_from_disk_with_no_network(
    page: Page, browser: Browser, app_server, open_app, wait_for_map, tmp_path: Path, screenshot
) -> None:
    open_app(page, app_server, "/?tiles=off")
    wait_for_map(page)
    exported = download(page, "Offline map (HTML)", tmp_path / "map.html")
    html = exported.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=[\"']https?://", html), "a script would need the internet"

    offline = browser.new_context(viewport={"width": 1600, "height": 1000}, offline=True)
    attempts: list[str] = []
    offline.route(
        "**/*",
        lambda route: (
            (attempts.append(route.request.url), route.abort())
            if route.request.url.startswith("http")
            else route.continue_()
        ),
    )
    try:
        local = offline.new_page()
        local.goto(exported.as_uri())
        expect(local.locator("path.partnership")).to_have_count(len(_rows("partnerships.csv")))
        expect(local.locator("path.basemap-country").first).to_be_attached()
        local.screenshot(path=str(REPO_ROOT / "tests" / "artifacts" / "screenshots" / "exported-map-offline.png"))
    finally:
        offline.close()
    assert not [url for url in attempts if not url.startswith("https://tile.")], attempts


def test_csv_downloads_have_readable_names(page: Page, app_server, open_app, wait_for_map, tmp_path: Path) -> None:
    open_app(page, app_server, "/?theme=waste&tiles=off")
    wait_for_map(page)
    path = download(page, "Partnerships (CSV)", tmp_path / "partnerships.csv")
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(row["Nordic partner"], row["Ukrainian partner"]) for row in rows} == {
        ("Ikast-Brande", "Voznesensk"),
        ("Copenhagen", "Kyiv"),
    }
    assert all(row["Quote"] for row in rows)
