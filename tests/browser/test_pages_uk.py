"""The explore pages in a real browser, in Ukrainian: screenshots, shared filter state, the table's card.

Screenshots of every page (the map and pages/) go to tests/artifacts/screenshots/uk-*.png for a
human to look at. Every outside request is aborted by the `page` fixture (offline meeting room).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from partnerships.i18n import t

# url path -> (title key, screenshot name)
PAGES = {
    "": ("app_title", "uk-map"),
    "Partnerships": ("page_partnerships", "uk-partnerships"),
    "Funding": ("page_funding", "uk-funding"),
    "Timeline": ("page_timeline", "uk-timeline"),
    "Coverage": ("page_coverage", "uk-coverage"),
    "Sources": ("page_sources", "uk-sources"),
    "About": ("page_about", "uk-about"),
}
UI_TIMEOUT_MS = 30_000


@pytest.fixture
def viewport() -> dict[str, int]:
    # Tall enough that a screenshot shows each page's charts and tables, not only its top.
    return {"width": 1600, "height": 2200}


def _no_error(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def _go(page: Page, wait: Callable[..., None], path: str) -> None:
    """Follow the sidebar navigation's link to /path, as a reader does (found by address, not label,
    so it holds whether the labels are file names or translated titles)."""
    for link in page.get_by_test_id("stSidebar").get_by_role("link").all():
        # Links are relative to the app's root: "Funding?lang=uk", or "?lang=uk" for the map.
        if urlsplit(link.get_attribute("href") or "").path.strip("/") == path.strip("/"):
            link.click()
            wait(page, initial_wait_ms=300)
            return
    raise AssertionError(f"no navigation link to /{path}")


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_in_ukrainian(
    page: Page,
    page_log,
    app_server,
    open_app: Callable[..., Page],
    wait_for_map: Callable,
    screenshot: Callable[[Page, str], Path],
    path: str,
) -> None:
    key, name = PAGES[path]
    open_app(page, app_server, f"/{path}?lang=uk")
    _no_error(page)
    expect(page.locator("h1").first).to_have_text(t(key, "uk"))
    language = page.get_by_test_id("stSidebar").get_by_role("combobox", name=t("language", "uk"))
    expect(language).to_have_value("Українська")
    if not path:
        wait_for_map(page)
    else:
        expect(page).to_have_title(f"{t(key, 'uk')} · {t('app_title', 'uk')}")
        # Screen readers pick their voice from <html lang> (WCAG 3.1.1).
        expect(page.locator("html")).to_have_attribute("lang", "uk")
        page.wait_for_timeout(500)  # Vega charts draw after the script finishes
    screenshot(page, name)
    assert page_log.blocked_code == []


def test_filters_and_language_follow_the_reader_across_pages(
    page: Page, app_server, open_app: Callable[..., Page], wait_for_script_to_finish: Callable[..., None]
) -> None:
    open_app(page, app_server, "/Partnerships?theme=waste&lang=uk")
    expect(page.get_by_text(t("rows_shown", "uk", shown=2, count=2), exact=False)).to_be_visible()

    # Streamlit drops the query string on a page switch; the filters must come along anyway.
    _go(page, wait_for_script_to_finish, "Funding")
    expect(page.locator("h1").first).to_have_text(t("page_funding", "uk"))
    assert "theme=waste" in page.url and "lang=uk" in page.url
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Поводження з відходами")).to_be_visible()

    # A filter changed on one page holds on the next, the map included.
    sidebar.get_by_role("combobox", name=t("year", "uk")).click()
    page.get_by_role("option", name="2025", exact=True).click()
    wait_for_script_to_finish(page, initial_wait_ms=300)
    assert "year=2025" in page.url
    _go(page, wait_for_script_to_finish, "Timeline")
    expect(page.get_by_text(t("selected_year", "uk", year=2025))).to_be_visible()
    _go(page, wait_for_script_to_finish, "")
    expect(page.locator("h1").first).to_have_text(t("app_title", "uk"))
    for part in ("theme=waste", "lang=uk", "year=2025"):
        assert part in page.url
    expect(sidebar.get_by_text("Поводження з відходами")).to_be_visible()


def test_a_selected_row_shows_the_maps_card_here_and_on_the_map(
    page: Page, app_server, open_app: Callable[..., Page], wait_for_script_to_finish: Callable[..., None]
) -> None:
    open_app(page, app_server, "/Partnerships?lang=uk")
    grid = page.get_by_test_id("stDataFrame")
    # Keyboard, as the page's hint says: into the grid, down two rows, Shift+Space selects.
    grid.locator("canvas[data-testid='data-grid-canvas']").first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")
    wait_for_script_to_finish(page, initial_wait_ms=300)
    card = page.locator(".st-key-card-copenhagen-odense-veterans")
    expect(card.locator("h3")).to_have_text("Копенгаген – Оденсе")
    assert "p=copenhagen-odense-veterans" in page.url

    # The mouse: the row's checkbox (row 4 of 8: Odense – Kyiv).
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 35 * 3 + 17)
    wait_for_script_to_finish(page, initial_wait_ms=300)
    expect(page.locator(".st-key-card-odense-kyiv h3")).to_have_text("Оденсе – Київ")

    # The same card on the map page, which opens on the selection.
    _go(page, wait_for_script_to_finish, "")
    expect(page.locator(".st-key-card-odense-kyiv h3")).to_have_text("Оденсе – Київ", timeout=UI_TIMEOUT_MS)


def test_search_narrows_the_table(
    page: Page, app_server, open_app: Callable[..., Page], wait_for_script_to_finish: Callable[..., None]
) -> None:
    open_app(page, app_server, "/Partnerships?lang=uk")
    search = page.get_by_role("textbox", name=t("search", "uk"))
    search.fill("Львів")
    search.press("Enter")
    wait_for_script_to_finish(page, initial_wait_ms=300)
    expect(page.get_by_text(t("rows_shown", "uk", shown=1, count=8), exact=False)).to_be_visible()
