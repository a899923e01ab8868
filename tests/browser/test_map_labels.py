"""Place names on the map, as a presenter sees them (issue 9): on the public record's 67
places, every place on screen is named or counted in a label, and labels neither overlap
each other nor the map's controls (legend, zoom, scale) nor run off the map. On 200 synthetic
places, labels placed in the open overlap no other label or marker, no label covers a
control, and every place is still named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from partnerships.dataset import DEFAULT_DATA_DIR

MAP_IFRAME = 'iframe[title="streamlit_folium\\.st_folium"]'

# Runs inside the map's frame; boxes in the frame's own coordinates.
MEASURE = """() => {
  const container = document.querySelector('.leaflet-container');
  const map = container.getBoundingClientRect();
  const inside = (b) => b.left >= map.left && b.right <= map.right && b.top >= map.top && b.bottom <= map.bottom;
  const overlap = (a, b) => !(a.right <= b.left || a.left >= b.right || a.bottom <= b.top || a.top >= b.bottom);
  const labels = [...document.querySelectorAll('.place-label')].map(l => ({
    box: l.getBoundingClientRect(), places: Number(l.dataset.places), text: l.textContent }));
  const markers = [...document.querySelectorAll('path.place')].map(m => m.getBoundingClientRect());
  const onScreen = markers.filter(m => {
    const x = (m.left + m.right) / 2, y = (m.top + m.bottom) / 2;
    return x >= map.left && x <= map.right && y >= map.top && y <= map.bottom; }).length;
  const pairs = [];
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++)
      if (overlap(labels[i].box, labels[j].box)) pairs.push([labels[i].text, labels[j].text]);
  const controls = [...document.querySelectorAll('.leaflet-control')].map(c => c.getBoundingClientRect());
  return {
    named: labels.reduce((n, l) => n + l.places, 0),
    onScreen,
    overlapping: pairs,
    onControls: labels.filter(l => controls.some(c => overlap(l.box, c))).map(l => l.text),
    outside: labels.filter(l => !inside(l.box)).map(l => l.text),
  };
}"""


@pytest.fixture(scope="module")
def public_record(streamlit_app: Callable[..., object], vendored_assets: Path) -> object:
    return streamlit_app(data_dir=DEFAULT_DATA_DIR)


@pytest.mark.parametrize(
    "viewport", [{"width": 1920, "height": 1080}, {"width": 1366, "height": 768}], ids=["1920", "1366"]
)
@pytest.mark.parametrize("path", ["/?tiles=off", "/?tiles=off&present=1", "/?tiles=off&country=SE"])
def test_every_place_on_screen_is_named_or_counted_without_overlaps(
    page: Page, public_record, open_app, wait_for_map, screenshot, viewport: dict[str, int], path: str
) -> None:
    open_app(page, public_record, path)
    frame = wait_for_map(page)
    expect(frame.locator(".leaflet-container[data-camera='settled']")).to_be_attached()
    seen = page.frame_locator(MAP_IFRAME).locator("body").evaluate(MEASURE)
    screenshot(page, f"labels-{viewport['width']}-{path.strip('/?').replace('&', '-').replace('=', '-')}")
    assert seen["onScreen"] > 0
    assert seen["named"] == seen["onScreen"], seen
    assert seen["overlapping"] == [], seen
    assert seen["onControls"] == [], seen
    assert seen["outside"] == [], seen


# Runs inside the map's frame, in the map container's coordinates: the labels placed in the
# open (not "crowded"), each group's marker square and the map's controls, as _placeLabels sees them.
PLACED_LABELS = """() => {
  const layer = map._partnershipLayer, origin = map.getContainer().getBoundingClientRect();
  const size = map.getSize();
  const relative = b => ({ left: b.left - origin.left, right: b.right - origin.left, top: b.top - origin.top, bottom: b.bottom - origin.top });
  const overlap = (a, b) => !(a.right <= b.left || a.left >= b.right || a.bottom <= b.top || a.top >= b.bottom);
  const labels = [...document.querySelectorAll('.place-label:not(.place-label-crowded)')].map(l => ({
    box: relative(l.getBoundingClientRect()), text: l.textContent }));
  const groups = layer._groups().map(g => ({ p: map.layerPointToContainerPoint(g.point), ids: g.members.map(i => layer._view.places.ids[i]) }))
    .filter(g => g.p.x >= 0 && g.p.y >= 0 && g.p.x <= size.x && g.p.y <= size.y);
  const markers = groups.map(g => ({ left: g.p.x - 9, right: g.p.x + 9, top: g.p.y - 9, bottom: g.p.y + 9 }));
  const controls = [...document.querySelectorAll('.leaflet-control')].map(c => relative(c.getBoundingClientRect()));
  const every = [...document.querySelectorAll('.place-label')].map(l => ({ box: relative(l.getBoundingClientRect()), text: l.textContent }));
  const pairs = [];
  labels.forEach((a, i) => labels.slice(i + 1).forEach(b => { if (overlap(a.box, b.box)) pairs.push([a.text, b.text]); }));
  const named = new Set([...document.querySelectorAll('.place-label')].flatMap(l => l.dataset.placeIds.split(' ')));
  return {
    placed: labels.length,
    overlapping: pairs,
    onMarkers: labels.filter(l => markers.some(m => overlap(l.box, m))).map(l => l.text),
    crowded: every.length - labels.length,
    // Crowded labels too: they may overlap labels, but never a control.
    onControls: every.filter(l => controls.some(c => overlap(l.box, c))).map(l => l.text),
    unnamed: groups.flatMap(g => g.ids).filter(id => !named.has(id)),
  };
}"""


@pytest.mark.parametrize("path", ["/?tiles=off", "/?tiles=off&present=1"], ids=["map", "presenter"])
def test_labels_among_many_places_overlap_nothing_and_lose_no_place(
    page: Page, many_lines_server: object, open_app, wait_for_map, path: str
) -> None:
    # 200 places: labels are fitted around each other, joined ("+2 more") and crowded, and the
    # free spots are found through the grid of taken boxes (TakenBoxes).
    open_app(page, many_lines_server, path)
    frame = wait_for_map(page)
    expect(frame.locator(".leaflet-container[data-camera='settled']")).to_be_attached()
    seen = page.frame_locator(MAP_IFRAME).locator("body").evaluate(PLACED_LABELS)
    assert seen["placed"] > 20, seen
    assert seen["overlapping"] == [], seen
    assert seen["onMarkers"] == [], seen
    assert seen["onControls"] == [], seen
    assert seen["unnamed"] == [], seen
