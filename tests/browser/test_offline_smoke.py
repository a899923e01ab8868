"""The map draws with no internet: Leaflet from static/vendor/, outlines under the tiles.

Every non-local request is aborted by the `page` fixture, as in an offline
meeting room. Two apps: a small one written here (only geo.assets/geo.basemap,
so an infrastructure regression is told apart from an app regression) and the
real app.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import FrameLocator, Page, Response, expect

PROBE_APP = """
import folium
import folium.plugins
import streamlit as st
from streamlit_folium import st_folium

from geo.assets import local_source, use_local_assets
from geo.basemap import add_offline_basemap

online = st.query_params.get("tiles", "on") == "on"
m = folium.Map(location=[52.0, 22.0], zoom_start=4, tiles=None)
add_offline_basemap(m, local_source(), online_tiles=online)
line = {
    "type": "Feature",
    "properties": {"name": "Aarhus - Kharkiv"},
    "geometry": {"type": "LineString", "coordinates": [[10.21, 56.16], [36.23, 49.99]]},
}
folium.GeoJson(
    line,
    style_function=lambda f: {"className": "partnership", "color": "#0057B7", "weight": 5},
    tooltip=folium.GeoJsonTooltip(["name"]),
    popup=folium.GeoJsonPopup(["name"]),
).add_to(m)
# folium.Popup builds its content with jQuery: proves the one library we keep loads.
folium.CircleMarker(
    [49.84, 24.03], radius=8, fill=True, fill_opacity=1, className="place", popup=folium.Popup("Lviv")
).add_to(m)
folium.plugins.Fullscreen().add_to(m)
use_local_assets(m)
st_folium(m, key="map", height=600, use_container_width=True, returned_objects=["last_object_clicked"])
"""


@pytest.fixture(scope="session")
def probe_app(tmp_path_factory: pytest.TempPathFactory, repo_root: Path, vendored_assets: Path) -> Path:
    """PROBE_APP in a temp dir; static/ beside it because Streamlit serves the app's own."""
    folder = tmp_path_factory.mktemp("probe_app")
    (folder / "static").symlink_to(repo_root / "static", target_is_directory=True)
    app = folder / "probe_app.py"
    app.write_text(PROBE_APP, encoding="utf-8")
    return app


def _leaflet_drew(frame: FrameLocator) -> None:
    # The pane holding the outlines is created by geo.basemap (Leaflet names it
    # leaflet-<name>-pane); 60-odd European countries, one path each.
    countries = frame.locator(".leaflet-basemap-pane path.basemap-country")
    expect(countries.first).to_be_attached()
    assert countries.count() > 30
    expect(frame.locator("path.partnership")).to_have_count(1)


def test_local_assets_and_outlines_draw_offline(
    page: Page,
    page_log,
    streamlit_app: Callable[..., object],
    probe_app: Path,
    open_app: Callable[..., Page],
    wait_for_map: Callable[[Page], FrameLocator],
    screenshot: Callable[[Page, str], Path],
) -> None:
    open_app(page, streamlit_app(app=probe_app))
    frame = wait_for_map(page)
    _leaflet_drew(frame)
    # Tiles were requested and refused; Leaflet keeps them hidden, outlines show.
    assert any("openstreetmap" in b.url for b in page_log.blocked_requests)
    expect(frame.locator("img.leaflet-tile-loaded")).to_have_count(0)
    assert page_log.blocked_code == []

    # folium.Popup on a marker (built with jQuery); first, before another
    # popup can cover the marker.
    frame.locator("path.place").click()
    expect(frame.locator(".leaflet-popup-content")).to_have_text("Lviv")
    frame.locator(".leaflet-popup-close-button").click()
    # Tooltip and popup of a GeoJson line: no Bootstrap or Font Awesome needed.
    line = frame.locator("path.partnership")
    line.hover()
    expect(frame.locator(".leaflet-tooltip")).to_contain_text("Aarhus - Kharkiv")
    line.click()
    expect(frame.locator(".leaflet-popup-content")).to_contain_text("Aarhus - Kharkiv")
    expect(frame.locator(".leaflet-control-zoom-fullscreen")).to_be_visible()
    screenshot(page, "probe-offline-tiles-blocked")
    # Only the refused tiles may complain; any script error fails the test.
    errors = [e for e in page_log.console_errors if "ERR_INTERNET_DISCONNECTED" not in e]
    assert errors == []


def test_offline_mode_makes_no_outside_request(
    page: Page,
    page_log,
    streamlit_app: Callable[..., object],
    probe_app: Path,
    open_app: Callable[..., Page],
    wait_for_map: Callable[[Page], FrameLocator],
) -> None:
    open_app(page, streamlit_app(app=probe_app), "/?tiles=off")
    _leaflet_drew(wait_for_map(page))
    assert page_log.blocked_requests == []


def test_app_draws_map_offline(
    page: Page,
    page_log,
    app_server: object,
    open_app: Callable[..., Page],
    wait_for_map: Callable[[Page], FrameLocator],
    screenshot: Callable[[Page, str], Path],
) -> None:
    outlines: list[Response] = []
    page.on("response", lambda response: outlines.append(response) if "world-atlas" in response.url else None)
    open_app(page, app_server)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    frame = wait_for_map(page)
    expect(frame.locator("path.basemap-country").first).to_be_attached()
    expect(frame.locator("path.partnership").first).to_be_attached()
    # The outlines came once, as the gzipped copy the server sends as it is (Streamlit would
    # compress the plain file again for every visitor), and the browser unpacked them.
    assert [
        (urlsplit(r.url).path, r.headers.get("content-type"), r.headers.get("content-encoding")) for r in outlines
    ] == [("/app/static/vendor/world-atlas/countries-50m.json.gz", "application/gzip", None)]
    # Leaflet and every other script/stylesheet came from this server, not a CDN.
    assert page_log.blocked_code == []
    assert not [b.url for b in page_log.blocked_requests if "leaflet" in b.url.lower()]
    screenshot(page, "app-offline")


def test_app_under_a_proxy_path_draws_from_its_own_files(
    page: Page,
    page_log,
    streamlit_app: Callable[..., object],
    vendored_assets: Path,
    open_app: Callable[..., Page],
    wait_for_map: Callable[[Page], FrameLocator],
) -> None:
    # What `BASE_URL_PATH=maps make serve` runs behind a reverse proxy (README "Deploy").
    server = streamlit_app(extra_args=["--server.baseUrlPath", "maps"])
    assert server.url.endswith("/maps")

    open_app(page, server, "/?tiles=off")
    frame = wait_for_map(page)

    expect(frame.locator(".leaflet-container[data-outlines='drawn']")).to_be_attached()
    expect(frame.locator("path.partnership")).to_have_count(8)
    expect(frame.locator("script[src='/maps/app/static/vendor/leaflet/leaflet.js']")).to_have_count(1)
    assert page_log.blocked_requests == []
