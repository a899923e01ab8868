"""The map updates in place (issue 12): a filter change, a tour step or a language switch
redraws the lines in the same map frame, and the reader's zoom stays."""

from __future__ import annotations

import pytest
from playwright.sync_api import FrameLocator, Page, expect

from geo.arcs import arc_points
from partnerships.i18n import t

MAP_IFRAME = 'iframe[title="streamlit_folium\\.st_folium"]'
CONTAINER = ".leaflet-container"


def mark_frame(page: Page) -> None:
    """Leave a mark in the map's window: a re-created frame comes without it."""
    page.locator(MAP_IFRAME).evaluate("frame => { frame.contentWindow.__sameFrame = true; }")


def same_frame(page: Page) -> bool:
    return page.locator(MAP_IFRAME).evaluate("frame => frame.contentWindow.__sameFrame === true")


def zoom(page: Page) -> int:
    return page.locator(MAP_IFRAME).evaluate("frame => frame.contentWindow.map.getZoom()")


def wait_for_update(frame: FrameLocator, updates: int, lines: int) -> None:
    container = frame.locator(CONTAINER)
    expect(container).to_have_attribute("data-view-updates", str(updates))
    expect(container).to_have_attribute("data-lines-drawn", str(lines))


def open_marked_map(page: Page, app_server, open_app, wait_for_map) -> FrameLocator:
    """The seed data's map, every line drawn once, its frame marked (see mark_frame)."""
    open_app(page, app_server, "/?tiles=off")
    frame = wait_for_map(page)
    wait_for_update(frame, updates=1, lines=8)
    mark_frame(page)
    return frame


def choose_theme(page: Page, label: str) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("combobox", name=t("theme", "en")).click()
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")


def test_a_filter_change_redraws_in_the_same_frame_and_keeps_the_zoom(
    page: Page, app_server, open_app, wait_for_map, wait_for_script_to_finish, screenshot
) -> None:
    open_app(page, app_server, "/?tiles=off")
    frame = wait_for_map(page)
    wait_for_update(frame, updates=1, lines=8)
    # The reader zooms in before filtering.
    page.locator(MAP_IFRAME).evaluate("frame => frame.contentWindow.map.setZoom(frame.contentWindow.map.getZoom() + 1)")
    zoomed = zoom(page)
    # The map's own framing (it re-frames once the frame has its final size) leaves it alone.
    expect(frame.locator(CONTAINER)).to_have_attribute("data-camera", "settled")
    assert zoom(page) == zoomed
    mark_frame(page)
    # The reader opens the legend (folded on a map this narrow); it stays open for the next view.
    expect(frame.locator(".map-legend details")).not_to_have_attribute("open", "")
    frame.locator(".map-legend summary").click()
    expect(frame.locator(".map-legend details[open]")).to_have_count(1)

    choose_theme(page, "Waste management")
    wait_for_script_to_finish(page, initial_wait_ms=300)

    wait_for_update(frame, updates=2, lines=2)
    expect(frame.locator("path.partnership")).to_have_count(2)
    expect(frame.locator("path.partnership-ikast-brande-voznesensk")).to_have_count(1)
    assert same_frame(page), "the map's iframe was re-created"
    assert zoom(page) == zoomed
    expect(frame.locator(".map-legend details[open]")).to_have_count(1)
    screenshot(page, "map-in-place-waste")


# In the map's frame, as soon as its first view is drawn (before that view's framing is
# corrected at 200 ms and 1,000 ms): what a filter change does, a new view with other bounds
# in place of the old; then the camera right after it, and whether the map had settled.
SWAP_VIEW_JS = """() => {
  const map = window.map, first = map._partnershipLayer;
  const view = Object.assign({}, first._view, { bounds: [[55.60, 12.45], [55.75, 12.65]], fly: null });
  map.removeLayer(first);
  map.addLayer(L.partnershipLayer(view));
  const centre = map.getCenter();
  return { zoom: map.getZoom(), lat: centre.lat, lng: centre.lng, camera: map.getContainer().getAttribute("data-camera") };
}"""


def test_a_view_drawn_in_the_first_second_keeps_the_camera(page: Page, app_server, open_app, wait_for_map) -> None:
    open_app(page, app_server, "/?tiles=off")
    wait_for_map(page)
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    frame.wait_for_function("() => window.map && window.map._partnershipLayer", polling=10)
    after_swap = frame.evaluate(SWAP_VIEW_JS)
    assert after_swap["camera"] is None, "the map settled before the test could change its view"
    expect(page.frame_locator(MAP_IFRAME).locator(CONTAINER)).to_have_attribute("data-camera", "settled")
    now = frame.evaluate("() => { const c = map.getCenter(); return { zoom: map.getZoom(), lat: c.lat, lng: c.lng }; }")
    assert now["zoom"] == after_swap["zoom"]
    # (Streamlit may still resize the frame, which moves the centre a little: not a reframing.)
    assert now["lat"] == pytest.approx(after_swap["lat"], abs=0.1)
    assert now["lng"] == pytest.approx(after_swap["lng"], abs=0.1)


def test_language_switch_and_tour_steps_keep_the_frame(
    page: Page, app_server, open_app, wait_for_map, wait_for_script_to_finish
) -> None:
    frame = open_marked_map(page, app_server, open_app, wait_for_map)

    open_app(page, app_server, "/?tiles=off")  # a fresh page: a fresh frame
    frame = wait_for_map(page)
    assert not same_frame(page)
    mark_frame(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("combobox", name=t("language", "en")).click()
    page.get_by_role("option", name="Dansk", exact=True).click()
    wait_for_script_to_finish(page, initial_wait_ms=300)
    expect(frame.locator(".map-legend")).to_contain_text(t("legend", "da"))
    assert same_frame(page), "a language switch re-created the map's iframe"

    page.get_by_role("button", name=t("tour_start", "da")).click()
    wait_for_script_to_finish(page, initial_wait_ms=300)
    first = frame.locator(CONTAINER).get_attribute("data-selected")
    assert first
    page.get_by_role("button", name=t("tour_next", "da")).click()
    wait_for_script_to_finish(page, initial_wait_ms=300)
    expect(frame.locator(CONTAINER)).not_to_have_attribute("data-selected", first)
    expect(frame.locator("path.partnership.selected")).to_have_count(1)
    assert same_frame(page), "a tour step re-created the map's iframe"


def test_the_browser_bends_arcs_as_geo_arcs_does(page: Page, app_server, open_app, wait_for_map) -> None:
    open_app(page, app_server, "/?tiles=off")
    wait_for_map(page)
    start, end, bend = (55.6761, 12.5683), (50.4501, 30.5234), 0.12
    in_browser = page.locator(MAP_IFRAME).evaluate(
        "(frame, args) => frame.contentWindow.L.partnershipLayer.arcPoints(args[0], args[1], args[2])",
        [list(start), list(end), bend],
    )
    in_python = arc_points(start, end, bend)
    assert len(in_browser) == len(in_python)
    for (lat, lon), (py_lat, py_lon) in zip(in_browser, in_python, strict=True):
        assert lat == pytest.approx(py_lat, abs=1e-9) and lon == pytest.approx(py_lon, abs=1e-9)


def test_a_link_to_a_tour_stop_frames_the_stop_at_the_frames_final_size(
    page: Page, app_server, open_app, wait_for_map
) -> None:
    open_app(page, app_server, "/?tiles=off&step=2")
    frame = wait_for_map(page)
    container = frame.locator(CONTAINER)
    expect(container).to_have_attribute("data-camera", "settled")
    stop = container.get_attribute("data-selected")
    assert stop
    # Both ends of the stop's line are on screen and named.
    ends = page.locator(MAP_IFRAME).evaluate(
        """(frame, id) => {
          const w = frame.contentWindow, layer = w.map._partnershipLayer, view = layer._view;
          const i = view.lines.ids.indexOf(id);
          const size = w.map.getSize();
          return [view.lines.from[i], view.lines.to[i]].map(p => {
            const pt = w.map.latLngToContainerPoint(view.places.latlon[p]);
            return {inside: pt.x >= 0 && pt.y >= 0 && pt.x <= size.x && pt.y <= size.y, name: view.places.names[p]};
          });
        }""",
        stop,
    )
    labels = frame.locator(".place-label").all_text_contents()
    for end in ends:
        assert end["inside"], end
        assert any(label.startswith(end["name"]) for label in labels), (end, labels)


def test_opening_a_funders_sources_keeps_the_map_and_shows_the_quote(
    page: Page, app_server, open_app, wait_for_map, wait_for_script_to_finish
) -> None:
    frame = open_marked_map(page, app_server, open_app, wait_for_map)
    quote = "Samarbejdsprogrammet har i første omgang modtaget 20 mio. kr. fra den statslige Ukrainefond"
    # Closed, the expander holds no quote at all: its content is made when it is opened.
    expect(page.get_by_text(quote)).to_have_count(0)
    page.get_by_text(t("funding_purposes_sources", "en")).first.click()
    wait_for_script_to_finish(page, initial_wait_ms=300)
    expect(page.get_by_text(quote)).to_be_visible()
    assert same_frame(page), "opening an expander re-created the map's iframe"
    expect(frame.locator("path.partnership")).to_have_count(8)
    # And closing it again leaves the page as it was.
    page.get_by_text(t("funding_purposes_sources", "en")).first.click()
    wait_for_script_to_finish(page, initial_wait_ms=300)
    expect(page.get_by_text(quote)).to_have_count(0)
    # The view did not change, so the map was not sent again.
    expect(frame.locator(CONTAINER)).to_have_attribute("data-view-updates", "1")


def test_the_table_opens_on_request_and_stays_open_through_a_filter_change(
    page: Page, app_server, open_app, wait_for_map, wait_for_script_to_finish
) -> None:
    frame = open_marked_map(page, app_server, open_app, wait_for_map)
    main = page.get_by_test_id("stMain")
    # Closed, the table sends nothing: no grid on the page.
    expect(main.get_by_test_id("stDataFrame")).to_have_count(0)
    main.get_by_text(t("map_table_show", "en"), exact=True).click()
    wait_for_script_to_finish(page, initial_wait_ms=300)
    grid = main.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    # The grid is a canvas; the table behind it gives the row count (and the header row).
    expect(grid.locator("table[role='grid']")).to_have_attribute("aria-rowcount", str(8 + 1))
    assert "table=1" in page.url

    choose_theme(page, "Waste management")
    wait_for_script_to_finish(page, initial_wait_ms=300)
    wait_for_update(frame, updates=2, lines=2)
    expect(grid.locator("table[role='grid']")).to_have_attribute("aria-rowcount", str(2 + 1))
    assert same_frame(page), "opening the table re-created the map's iframe"
