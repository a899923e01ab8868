"""The map page in Chromium, offline: what a stakeholder sees and clicks (issue 2)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import FrameLocator, Page, expect

from tests.fixtures.datasets import SEED_DATA_DIR

REPO_ROOT = Path(__file__).resolve().parents[2]


def partnership_rows() -> list[dict[str, str]]:
    with open(SEED_DATA_DIR / "partnerships.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_partnership_is_a_line_and_waste_shows_two(
    page: Page, page_log, app_server, open_app, wait_for_map: Callable[[Page], FrameLocator], screenshot
) -> None:
    open_app(page, app_server, "/?tiles=off")
    frame = wait_for_map(page)
    expect(frame.locator("path.partnership")).to_have_count(len(partnership_rows()))
    expect(frame.locator("path.place").first).to_be_attached()
    screenshot(page, "map-all")

    open_app(page, app_server, "/?theme=waste&tiles=off")
    frame = wait_for_map(page)
    # The articles: Ikast-Brande teaches Voznesensk waste sorting; the Copenhagen–Kyiv
    # friendship agreement lists waste handling. Nothing else is about waste.
    expect(frame.locator("path.partnership")).to_have_count(2)
    expect(frame.locator("path.partnership-ikast-brande-voznesensk")).to_have_count(1)
    expect(frame.locator("path.partnership-copenhagen-kyiv-friendship")).to_have_count(1)
    # Sweden's waste pre-study names no Ukrainian city: listed, not drawn.
    expect(page.get_by_text("Municipal Solid Waste Sector", exact=False).first).to_be_visible()
    screenshot(page, "map-theme-waste")
    assert page_log.blocked_code == [], "the page tried to load code from the internet"


def test_funding_panel_counts_the_grant_once_in_danish(page: Page, app_server, open_app, wait_for_map) -> None:
    open_app(page, app_server, "/?lang=da&tiles=off")
    wait_for_map(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Finansiering", exact=True).first).to_be_visible()
    # One grant of DKK 20 million, reported by two articles, shown once as the total.
    expect(main.get_by_text("20.000.000 kr.").first).to_be_visible()
    expect(main.get_by_text("Omtalt i to kilder; talt med én gang.")).to_have_count(1)
    expect(main.get_by_text("250.000.000 SEK").first).to_be_visible()
    # Copenhagen's own share of the grant is not stated in the sources.
    expect(main.get_by_text("ikke oplyst").first).to_be_visible()


def test_clicking_a_line_opens_its_card_with_the_source(
    page: Page, app_server, open_app, wait_for_map, wait_for_script_to_finish, screenshot
) -> None:
    open_app(page, app_server, "/?tiles=off")
    frame = wait_for_map(page)
    frame.locator("path.partnership-aarhus-lviv").dispatch_event("click")
    wait_for_script_to_finish(page, initial_wait_ms=300)
    card = page.locator(".st-key-card-aarhus-lviv")
    expect(card).to_be_visible()
    expect(card.get_by_text("Aarhus – Lviv")).to_be_visible()
    expect(card.get_by_text("Aarhus sender løbende eksperter til Lviv", exact=False)).to_be_visible()
    expect(card.get_by_text("km", exact=False).first).to_be_visible()
    assert "p=aarhus-lviv" in page.url
    # The clicked line is highlighted on the map.
    frame = map_frame_after_rerun(page)
    expect(frame.locator("path.partnership-aarhus-lviv.selected")).to_have_count(1)
    # The re-drawn map fetches its country outlines again (from the browser's cache).
    expect(frame.locator(".leaflet-container[data-outlines='drawn']")).to_be_attached()
    screenshot(page, "map-card-aarhus-lviv")


def map_frame_after_rerun(page: Page) -> FrameLocator:
    return page.frame_locator('iframe[title="streamlit_folium\\.st_folium"]')


def test_a_hostile_place_name_is_shown_as_text(
    page: Page, streamlit_app, open_app, wait_for_map, tmp_path: Path
) -> None:
    from tests.fixtures.datasets import HOSTILE_NAME, write_hostile_dataset

    server = streamlit_app(data_dir=write_hostile_dataset(tmp_path / "data"))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, server, "/?tiles=off")
    frame = wait_for_map(page)
    expect(frame.get_by_text(HOSTILE_NAME).first).to_be_attached()
    assert dialogs == [], "text from the data ran as script"


def test_bad_data_shows_the_problem_list_not_a_traceback(page: Page, streamlit_app, open_app, tmp_path: Path) -> None:
    from tests.fixtures.datasets import write_bad_dataset

    expected = write_bad_dataset(tmp_path / "bad")
    server = streamlit_app(data_dir=tmp_path / "bad")
    open_app(page, server)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("The data could not be loaded", exact=False)).to_be_visible()
    expect(main.get_by_test_id("stDataFrame")).to_be_visible()
    assert len(expected) > 3
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(main.get_by_text("Traceback")).to_have_count(0)
