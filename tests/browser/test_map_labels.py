"""Place names on the map, as a presenter sees them (issue 9): on the public record's 67
places, every place on screen is named or counted in a label, and labels neither overlap
each other nor the legend nor run off the map."""

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
  const legend = document.querySelector('.map-legend').getBoundingClientRect();
  return {
    named: labels.reduce((n, l) => n + l.places, 0),
    onScreen,
    overlapping: pairs,
    onLegend: labels.filter(l => overlap(l.box, legend)).map(l => l.text),
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
    assert seen["onLegend"] == [], seen
    assert seen["outside"] == [], seen
