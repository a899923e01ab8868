"""The map updates in place (issue 12): a filter change, a tour step or a language switch
redraws the lines in the same map frame, and the reader's zoom stays."""

from __future__ import annotations

import pytest
from playwright.sync_api import FrameLocator, Locator, Page, expect

from geo.arcs import arc_points
from mapview.layers import CANVAS_ABOVE
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


@pytest.fixture
def canvas_map(page: Page, many_lines_server: object, open_app, wait_for_map) -> tuple[FrameLocator, Locator]:
    """The map of many lines (a server of its own), drawn on a canvas: its frame and its container."""
    open_app(page, many_lines_server, "/?tiles=off")
    frame = wait_for_map(page)
    container = frame.locator(CONTAINER)
    expect(container).to_have_attribute("data-renderer", "canvas")
    return frame, container


def test_many_lines_go_to_one_canvas_and_stay_countable(page: Page, canvas_map: tuple[FrameLocator, Locator]) -> None:
    frame, container = canvas_map
    expect(container).to_have_attribute("data-lines-drawn", str(CANVAS_ABOVE + 500))
    expect(frame.locator("path.partnership")).to_have_count(0)
    # The layer's bounds (Leaflet's FeatureGroup asks each child) take in every place and arc.
    outside = page.locator(MAP_IFRAME).evaluate(
        """frame => {
          const layer = frame.contentWindow.map._partnershipLayer, bounds = layer.getBounds();
          const arcs = layer._arcs.map(frame.contentWindow.L.partnershipLayer.latLonPairs);
          const points = layer._view.places.latlon.concat(...arcs);
          return points.filter(point => !bounds.contains(point)).length;
        }"""
    )
    assert outside == 0
    # The canvas projects every point itself (no objects per point): where Leaflet's CRS would.
    farthest = page.locator(MAP_IFRAME).evaluate(CANVAS_OFF_LEAFLET_JS)
    assert farthest < 1e-9, farthest


# In the map's frame: how far (world pixels at zoom 0) the canvas puts any place or arc point
# from where Leaflet's CRS projects it, and any arc from its line's own ends and bend.
CANVAS_OFF_LEAFLET_JS = """frame => {
  const L = frame.contentWindow.L, map = frame.contentWindow.map, crs = map.options.crs;
  const layer = map._partnershipLayer, canvas = layer._canvas, view = layer._view;
  const worst = (latlons, world) => {
    let most = 0;
    for (let i = 0; i < latlons.length; i += 2) {
      const p = crs.latLngToPoint(L.latLng(latlons[i], latlons[i + 1]), 0);
      most = Math.max(most, Math.abs(p.x - world[i]), Math.abs(p.y - world[i + 1]));
    }
    return most;
  };
  const bentAnew = i => [].concat(...L.partnershipLayer.arcPoints(
    view.places.latlon[view.lines.from[i]], view.places.latlon[view.lines.to[i]], view.lines.bend[i]));
  const places = [].concat(...view.places.latlon);
  return Math.max(
    worst(places, canvas._places),
    ...canvas._arcLatLons.map((arc, i) => worst(arc, canvas._arcs[i])),
    ...canvas._arcLatLons.map((arc, i) => Math.max(...bentAnew(i).map((value, j) => Math.abs(value - arc[j])))),
  );
}"""


def test_a_tour_step_on_the_canvas_reuses_the_lines_it_drew(
    page: Page, canvas_map: tuple[FrameLocator, Locator]
) -> None:
    frame, container = canvas_map
    expect(container).to_have_attribute("data-view-updates", "1")
    page.locator(MAP_IFRAME).evaluate(
        "frame => { frame.contentWindow.__firstArcs = frame.contentWindow.map._partnershipLayer._arcs; }"
    )
    page.get_by_role("button", name=t("tour_start", "en")).click()
    expect(container).to_have_attribute("data-view-updates", "2")
    expect(container).not_to_have_attribute("data-selected", "")
    expect(container).to_have_attribute("data-renderer", "canvas")
    # The same lines: none is bent or projected again (a filter change at 10,000 saved 15 ms),
    # and each still runs between its own ends, where Leaflet would put it.
    reused = page.locator(MAP_IFRAME).evaluate(
        """frame => {
          const before = new Set(frame.contentWindow.__firstArcs);
          const arcs = frame.contentWindow.map._partnershipLayer._arcs;
          return [arcs.filter(arc => before.has(arc)).length, arcs.length];
        }"""
    )
    assert reused == [CANVAS_ABOVE + 500, CANVAS_ABOVE + 500]
    farthest = page.locator(MAP_IFRAME).evaluate(CANVAS_OFF_LEAFLET_JS)
    assert farthest < 1e-9, farthest


# In the map's frame: the container point of the middle of the line whose middle is furthest
# from every other line's middle (so the pointer is over that line alone), and the ids of the
# lines that pass within a few pixels of it.
LONE_LINE_MIDDLE_JS = """frame => {
  const w = frame.contentWindow, map = w.map, layer = map._partnershipLayer;
  const arcs = layer._arcs.map(w.L.partnershipLayer.latLonPairs);
  const onScreen = arc => arc.map(point => map.latLngToContainerPoint(point));
  const middles = arcs.map(arc => map.latLngToContainerPoint(arc[Math.floor(arc.length / 2)]));
  const size = map.getSize();
  let best = -1, room = -1;
  middles.forEach((p, i) => {
    if (p.x < 60 || p.y < 60 || p.x > size.x - 60 || p.y > size.y - 60) return;
    let nearest = Infinity;
    arcs.forEach((other, j) => {
      if (j === i) return;
      const points = onScreen(other);
      for (let k = 1; k < points.length; k++) nearest = Math.min(nearest, w.L.LineUtil.pointToSegmentDistance(p, points[k - 1], points[k]));
    });
    if (nearest > room) { room = nearest; best = i; }
  });
  const p = middles[best], box = frame.getBoundingClientRect();
  return {x: box.left + p.x, y: box.top + p.y, id: layer._view.lines.ids[best], room: room};
}"""


def test_a_line_on_the_canvas_shows_its_tooltip_and_opens_its_card(
    page: Page, canvas_map: tuple[FrameLocator, Locator], wait_for_script_to_finish
) -> None:
    frame, container = canvas_map
    expect(container).to_have_attribute("data-camera", "settled")
    target = page.locator(MAP_IFRAME).evaluate(LONE_LINE_MIDDLE_JS)
    assert target["room"] > 6, target  # no other line under the pointer

    page.mouse.move(target["x"], target["y"])
    tooltip = frame.locator(".line-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(t("kind", "en"))
    # A long list of themes wraps inside the tooltip's maximum width instead of running off the map.
    width, max_width = tooltip.evaluate(
        "tip => [tip.getBoundingClientRect().width, parseFloat(getComputedStyle(tip).maxWidth)]"
    )
    assert width <= max_width + 20, (width, max_width)  # + its padding and border

    page.mouse.click(target["x"], target["y"])
    wait_for_script_to_finish(page, initial_wait_ms=300)
    expect(container).to_have_attribute("data-selected", target["id"])
    assert f"p={target['id']}" in page.url


# The place on screen whose marker is furthest from every other place's: its centre and name.
LONE_PLACE_JS = """frame => {
  const w = frame.contentWindow, map = w.map, places = map._partnershipLayer._view.places;
  const points = places.latlon.map(latlon => map.latLngToContainerPoint(latlon)), size = map.getSize();
  let best = -1, room = -1;
  points.forEach((p, i) => {
    if (p.x < 60 || p.y < 60 || p.x > size.x - 60 || p.y > size.y - 60) return;
    const nearest = Math.min(...points.filter((_, j) => j !== i).map(q => p.distanceTo(q)));
    if (nearest > room) { room = nearest; best = i; }
  });
  const p = points[best], box = frame.getBoundingClientRect();
  return {x: box.left + p.x, y: box.top + p.y, name: places.names[best], room: room};
}"""


def test_a_place_on_the_canvas_shows_its_own_name_on_hover(
    page: Page, canvas_map: tuple[FrameLocator, Locator]
) -> None:
    frame, container = canvas_map
    expect(container).to_have_attribute("data-camera", "settled")
    target = page.locator(MAP_IFRAME).evaluate(LONE_PLACE_JS)
    assert target["room"] > 20, target  # one marker under the pointer

    page.mouse.move(target["x"], target["y"])
    expect(frame.locator(".leaflet-tooltip", has_text=target["name"])).to_be_visible()
    expect(frame.locator(".line-tooltip")).to_have_count(0)
    page.mouse.move(target["x"] + 200, target["y"] + 200)
    expect(frame.locator(".leaflet-tooltip", has_text=target["name"])).to_have_count(0)


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
