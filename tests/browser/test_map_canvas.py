"""The canvas of a large view (mapview/partnership_canvas.js): lines where the map puts them,
counted, hovered and clicked like SVG paths, and painted off the page's thread without a
blank or a jump when the view changes, the map moves or the worker fails."""

from __future__ import annotations

import pytest
from playwright.sync_api import FrameLocator, Locator, Page, expect

from mapview.layers import CANVAS_ABOVE
from partnerships.i18n import t
from tests.browser.canvas_probes import CLOSER_IN_JS, LINE_AND_CLEAR_SPOT_JS, PICTURE_AT_ZOOM_JS, alpha_at_js
from tests.browser.conftest import MAP_IFRAME
from tests.browser.test_map_in_place import CONTAINER, choose_theme


def open_canvas_map(page: Page, server: object, open_app, wait_for_map, painter: str) -> tuple[FrameLocator, Locator]:
    """The server's map, drawn on a canvas painted in `painter` ("worker" or "page") and
    settled, so that nothing moves it but the test: its frame and its container."""
    open_app(page, server, "/?tiles=off")
    frame = wait_for_map(page)
    container = frame.locator(CONTAINER)
    expect(container).to_have_attribute("data-renderer", "canvas")
    expect(container).to_have_attribute("data-camera", "settled")
    expect(frame.locator(f".leaflet-overlay-pane canvas[data-painted-in='{painter}']")).to_have_count(1)
    return frame, container


@pytest.fixture
def canvas_map(page: Page, many_lines_server: object, open_app, wait_for_map) -> tuple[FrameLocator, Locator]:
    """The map of many lines (a server of its own), painted on the page."""
    return open_canvas_map(page, many_lines_server, open_app, wait_for_map, "page")


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


def test_a_line_on_the_canvas_shows_its_tooltip_and_opens_its_card(
    page: Page, canvas_map: tuple[FrameLocator, Locator], wait_for_script_to_finish
) -> None:
    frame, container = canvas_map
    target = page.locator(MAP_IFRAME).evaluate(LINE_AND_CLEAR_SPOT_JS)
    assert target["lineRoom"] > 6, target  # no other line under the pointer

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
    target = page.locator(MAP_IFRAME).evaluate(LONE_PLACE_JS)
    assert target["room"] > 20, target  # one marker under the pointer

    page.mouse.move(target["x"], target["y"])
    expect(frame.locator(".leaflet-tooltip", has_text=target["name"])).to_be_visible()
    expect(frame.locator(".line-tooltip")).to_have_count(0)
    page.mouse.move(target["x"] + 200, target["y"] + 200)
    expect(frame.locator(".leaflet-tooltip", has_text=target["name"])).to_have_count(0)


# ---- painting: where the lines are on the canvas, pixel by pixel ---------------------------

# The lines' canvases: the view's, and the last view's while it stays.
ALPHA_AT_JS = alpha_at_js(".leaflet-overlay-pane canvas")
# The same on the canvas that shows the hovered line, highlighted (and only that).
HIGHLIGHT_ALPHA_AT_JS = alpha_at_js("canvas.partnership-highlight")


def alpha_at(page: Page, *latlngs: list[float]) -> list[int]:
    return page.locator(MAP_IFRAME).evaluate(ALPHA_AT_JS, list(latlngs))


def map_window(page: Page):  # noqa: ANN201 - Playwright's Frame
    return page.locator(MAP_IFRAME).element_handle().content_frame()


# Who paints the canvas: the worker, above PAINT_IN_WORKER_ABOVE lines; the page, below it
# or in a browser without OffscreenCanvas.
PAINTERS = {
    "worker": ("more_lines_server", "", "worker"),
    "page, fewer lines": ("many_lines_server", "", "page"),
    "page, no OffscreenCanvas": ("more_lines_server", "delete window.OffscreenCanvas;", "page"),
}


@pytest.fixture(params=list(PAINTERS))
def painted_map(request: pytest.FixtureRequest, page: Page, open_app, wait_for_map) -> str:
    """A map drawn on a canvas, painted as PAINTERS says. Returns who paints."""
    server_fixture, init_script, painter = PAINTERS[request.param]
    if init_script:
        page.context.add_init_script(init_script)
    open_canvas_map(page, request.getfixturevalue(server_fixture), open_app, wait_for_map, painter)
    return painter


@pytest.fixture
def worker_map(page: Page, more_lines_server: object, open_app, wait_for_map) -> tuple[FrameLocator, Locator]:
    """The map of more lines, painted in a worker."""
    return open_canvas_map(page, more_lines_server, open_app, wait_for_map, "worker")


def closer_in_on_a_lone_line(page: Page) -> dict:
    """Three levels closer in on the line with the most room (there the lines fan out), once
    painted there: LINE_AND_CLEAR_SPOT_JS's line and clear spot at that zoom."""
    frame = map_window(page)
    frame.wait_for_function(PICTURE_AT_ZOOM_JS)
    roomiest = page.locator(MAP_IFRAME).evaluate(LINE_AND_CLEAR_SPOT_JS)["line"]
    frame.evaluate(CLOSER_IN_JS, [roomiest, 3])
    frame.wait_for_function(PICTURE_AT_ZOOM_JS)
    return page.locator(MAP_IFRAME).evaluate(LINE_AND_CLEAR_SPOT_JS)


def test_the_lines_are_painted_where_the_map_puts_them_as_it_moves(page: Page, painted_map: str) -> None:
    frame = map_window(page)
    spots = closer_in_on_a_lone_line(page)
    # A neighbour 4 px wide and over 5 px away paints nothing within a pixel of the point.
    assert spots["lineRoom"] > 5 and spots["clearRoom"] > 10, spots
    line_alpha, clear_alpha = alpha_at(page, spots["line"], spots["clear"])
    assert line_alpha > 200 and clear_alpha == 0, (line_alpha, clear_alpha, spots)

    # A pan: the picture moves with the map at once (before a new one is painted), then the
    # new picture puts the line in the same place: it never jumps.
    moved_with_the_map = page.locator(MAP_IFRAME).evaluate(
        f"""(frame, spots) => {{
          frame.contentWindow.map.panBy([140, 70], {{ animate: false }});
          return ({ALPHA_AT_JS})(frame, [spots.line, spots.clear]);
        }}""",
        spots,
    )
    assert moved_with_the_map[0] > 200 and moved_with_the_map[1] == 0, moved_with_the_map
    frame.wait_for_function(PICTURE_AT_ZOOM_JS)
    assert alpha_at(page, spots["line"], spots["clear"])[0] > 200

    # A zoom (about the line, which stays in view): the new picture is painted at the new
    # scale, not the old one stretched.
    frame.evaluate(
        "latlng => window.map.setZoomAround(latlng, window.map.getZoom() + 1, { animate: false })", spots["line"]
    )
    frame.wait_for_function(PICTURE_AT_ZOOM_JS)
    line_alpha, clear_alpha = alpha_at(page, spots["line"], spots["clear"])
    assert line_alpha > 200 and clear_alpha == 0, (line_alpha, clear_alpha)
    expect(page.frame_locator(MAP_IFRAME).locator(".leaflet-overlay-pane canvas")).to_have_count(1)


# In the map's frame, before the pointer moves: counts animation frames until the highlight
# names a line, and whether the lines' canvas was asked for a new picture meanwhile.
WATCH_THE_HIGHLIGHT_JS = """() => {
  const highlight = document.querySelector('canvas.partnership-highlight');
  const lines = document.querySelector('.leaflet-overlay-pane canvas');
  window.__highlight = { frames: 0, shownAfter: null, pictures: 0 };
  const count = () => { window.__highlight.frames++; if (window.__highlight.frames < 600) requestAnimationFrame(count); };
  requestAnimationFrame(count);
  new MutationObserver(() => {
    if (highlight.hasAttribute('data-line') && window.__highlight.shownAfter === null) window.__highlight.shownAfter = window.__highlight.frames;
  }).observe(highlight, { attributes: true, attributeFilter: ['data-line'] });
  new MutationObserver(() => {
    if (lines.hasAttribute('data-painting')) window.__highlight.pictures++;
  }).observe(lines, { attributes: true, attributeFilter: ['data-painting'] });
}"""


def test_a_hovered_line_is_highlighted_at_once_and_the_rest_of_the_map_is_not_painted_again(
    page: Page, painted_map: str
) -> None:
    frame = map_window(page)
    target = closer_in_on_a_lone_line(page)
    assert target["lineRoom"] > 6, target  # no other line under the pointer
    highlight = page.frame_locator(MAP_IFRAME).locator("canvas.partnership-highlight")
    expect(highlight).to_have_count(1)
    frame.evaluate(WATCH_THE_HIGHLIGHT_JS)

    page.mouse.move(target["x"], target["y"])
    expect(highlight).to_have_attribute("data-line", target["id"])
    watched = frame.evaluate("window.__highlight")
    # Drawn in the next frame or so: a new picture of every line took 100 ms or more in the worker.
    assert watched["shownAfter"] <= 3 and watched["pictures"] == 0, watched
    line_alpha, clear_alpha = page.locator(MAP_IFRAME).evaluate(
        HIGHLIGHT_ALPHA_AT_JS, [target["line"], target["clear"]]
    )
    assert line_alpha > 200 and clear_alpha == 0, (line_alpha, clear_alpha)
    # Under the highlight the lines' own picture is still all there.
    assert alpha_at(page, target["line"])[0] > 200

    box = page.locator(MAP_IFRAME).bounding_box()
    clear = frame.evaluate("latlng => window.map.latLngToContainerPoint(latlng)", target["clear"])
    page.mouse.move(box["x"] + clear["x"], box["y"] + clear["y"])
    expect(highlight).not_to_have_attribute("data-line", target["id"])
    assert page.locator(MAP_IFRAME).evaluate(HIGHLIGHT_ALPHA_AT_JS, [target["line"]]) == [0]
    assert frame.evaluate("window.__highlight.pictures") == 0


# In the map's frame: from now on, one entry per animation frame: whether any of the lines'
# canvases shows anything at all (a 64 x 64 thumbnail of each, any pixel not transparent).
WATCH_FOR_BLANK_FRAMES_JS = """() => {
  const doc = document, thumb = doc.createElement('canvas');
  thumb.width = thumb.height = 64;
  const ctx = thumb.getContext('2d', { willReadFrequently: true });
  window.__shown = [];
  const look = () => {
    let any = false;
    for (const canvas of doc.querySelectorAll('.leaflet-overlay-pane canvas')) {
      if (!canvas.width) continue;
      ctx.clearRect(0, 0, 64, 64);
      ctx.drawImage(canvas, 0, 0, 64, 64);
      const data = ctx.getImageData(0, 0, 64, 64).data;
      for (let k = 3; k < data.length && !any; k += 4) any = data[k] > 0;
    }
    window.__shown.push(any);
    if (window.__shown.length < 2000) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}"""


def test_a_new_view_keeps_the_last_picture_until_its_own_is_painted(
    page: Page, worker_map: tuple[FrameLocator, Locator], wait_for_script_to_finish
) -> None:
    frame = map_window(page)
    frame.evaluate(WATCH_FOR_BLANK_FRAMES_JS)
    container = page.frame_locator(MAP_IFRAME).locator(CONTAINER)
    # A tour step: a new view of the same lines, on a new canvas, while the camera flies.
    page.get_by_role("button", name=t("tour_start", "en")).click()
    expect(container).to_have_attribute("data-view-updates", "2")
    wait_for_script_to_finish(page, initial_wait_ms=300)
    frame.wait_for_function(PICTURE_AT_ZOOM_JS)
    shown = frame.evaluate("() => window.__shown")
    assert len(shown) > 5, shown
    assert all(shown), f"{shown.count(False)} of {len(shown)} frames showed no lines"
    # The last view's canvas is gone once the new one shows its lines.
    expect(page.frame_locator(MAP_IFRAME).locator(".leaflet-overlay-pane canvas")).to_have_count(1)


def test_a_view_drawn_in_svg_takes_the_last_canvas_away(
    page: Page, worker_map: tuple[FrameLocator, Locator], wait_for_script_to_finish
) -> None:
    frame, container = worker_map
    choose_theme(page, "Waste management")
    wait_for_script_to_finish(page, initial_wait_ms=300)
    expect(container).to_have_attribute("data-renderer", "svg")
    drawn = int(container.get_attribute("data-lines-drawn") or 0)
    assert 0 < drawn <= CANVAS_ABOVE
    expect(frame.locator("path.partnership")).to_have_count(drawn)
    expect(frame.locator(".leaflet-overlay-pane canvas")).to_have_count(0)


# In the map's frame: the lines as the reader sees them, every canvas of the overlay pane put
# where it is on screen into one picture the size of the map, as the mean opacity of each
# 8 x 8 px block (a sub-pixel shift of the whole map, as when it settles, changes a block by
# a few steps; lines a few pixels off change many by far more). Kept as window.__blocks;
# called again, it returns the share of blocks whose opacity changed by over 48 of 255.
PICTURE_JS = """() => {
  const doc = document, box = map.getContainer().getBoundingClientRect(), B = 8;
  const picture = doc.createElement('canvas');
  picture.width = Math.floor(box.width / B) * B;
  picture.height = Math.floor(box.height / B) * B;
  const ctx = picture.getContext('2d', { willReadFrequently: true });
  for (const canvas of doc.querySelectorAll('.leaflet-overlay-pane canvas')) {
    const r = canvas.getBoundingClientRect();
    if (r.width && canvas.width) ctx.drawImage(canvas, r.left - box.left, r.top - box.top, r.width, r.height);
  }
  const data = ctx.getImageData(0, 0, picture.width, picture.height).data, across = picture.width / B;
  const blocks = new Float64Array(across * (picture.height / B));
  for (let i = 3; i < data.length; i += 4) {
    const x = ((i - 3) / 4) % picture.width, y = Math.floor((i - 3) / 4 / picture.width);
    blocks[Math.floor(y / B) * across + Math.floor(x / B)] += data[i] / (B * B);
  }
  const before = window.__blocks;
  window.__blocks = blocks;
  if (!before) return null;
  let changed = 0;
  blocks.forEach((value, i) => { if (Math.abs(value - before[i]) > 48) changed++; });
  return changed / blocks.length;
}"""


def test_when_the_worker_fails_the_page_paints_the_same_lines(
    page: Page, worker_map: tuple[FrameLocator, Locator]
) -> None:
    frame, container = worker_map
    window = map_window(page)
    window.wait_for_function(PICTURE_AT_ZOOM_JS)
    window.evaluate(PICTURE_JS)
    # As a worker that cannot paint here reports it (an error event on the worker).
    window.evaluate("() => L.partnershipCanvas.painter.worker.dispatchEvent(new ErrorEvent('error'))")
    expect(frame.locator(".leaflet-overlay-pane canvas")).to_have_count(1)
    expect(frame.locator("canvas[data-painted-in='page']")).to_have_count(1)
    assert window.evaluate("() => L.partnershipCanvas.painter.worker") is None
    # The page paints the very picture the worker did, in the very place (the page's painting
    # is checked against Leaflet's own projection in the tests above).
    changed = window.evaluate(PICTURE_JS)
    assert changed < 0.005, f"{changed:.2%} of the map's blocks changed"
    # And it goes on painting: a zoom is painted at once, at the new scale.
    window.evaluate("() => window.map.setZoom(window.map.getZoom() + 1, { animate: false })")
    assert window.evaluate(PICTURE_AT_ZOOM_JS)
    assert window.evaluate(PICTURE_JS) > 0.05
