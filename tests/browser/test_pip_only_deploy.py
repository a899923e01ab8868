"""A pip-only host (Streamlit Community Cloud): no `make assets`, so no static/vendor/.

A clean copy of the repository (its tracked files, as a fresh clone has them) runs
without the npm-installed files. The browser then takes Leaflet, the fullscreen
control, topojson-client and the country outlines from cdn.jsdelivr.net at the
versions package.json pins. There is no internet here, so Playwright answers those
CDN URLs with the npm-installed copies (the same bytes: their sha384 is pinned) and
aborts everything else.
"""

from __future__ import annotations

import mimetypes
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Page, Route, expect

from geo.assets import VENDOR_DIR, cdn_source
from partnerships.i18n import t
from tests.fixtures.datasets import REPO_ROOT, SEED_DATA_DIR

CDN = "https://cdn.jsdelivr.net/npm/"
# The seed data draws eight partnerships.
SEED_LINES = 8


@pytest.fixture(scope="module")
def clean_copy(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    """The repository's tracked files only: what `git clone` gives a host, without static/vendor/."""
    copy = tmp_path_factory.mktemp("pip_only_host")
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=repo_root, check=True, capture_output=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        source = repo_root / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    assert (copy / "app.py").is_file() and not (copy / "static" / "vendor").exists()
    return copy


@pytest.fixture(scope="module")
def pip_only_server(streamlit_app: Callable[..., object], clean_copy: Path, vendored_assets: Path) -> object:
    seed_copy = clean_copy / SEED_DATA_DIR.relative_to(REPO_ROOT)
    return streamlit_app(app=clean_copy / "app.py", data_dir=seed_copy, cwd=clean_copy)


@pytest.fixture
def cdn_requests(page: Page) -> Iterator[list[str]]:
    """Serve the pinned CDN URLs from the npm-installed files; record what was asked for."""
    files = {url: VENDOR_DIR / name for name, url in cdn_source().urls.items()}
    asked: list[str] = []

    def from_npm(route: Route) -> None:
        url = route.request.url
        asked.append(url)
        path = files.get(url)
        if path is None:
            route.abort("internetdisconnected")
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        # jsdelivr answers with CORS headers; the integrity checks need them.
        route.fulfill(
            body=path.read_bytes(), headers={"content-type": content_type, "access-control-allow-origin": "*"}
        )

    # Registered after the page fixture's "abort everything off this machine", so it wins for the CDN.
    page.context.route(f"{CDN}**", from_npm)
    yield asked


def _outlines_and_lines_drawn(frame: FrameLocator) -> None:
    expect(frame.locator(".leaflet-container[data-outlines='drawn']")).to_be_attached(timeout=30_000)
    countries = frame.locator(".leaflet-basemap-pane path.basemap-country")
    assert countries.count() > 30
    for country in ("804", "208", "752"):  # Ukraine, Denmark, Sweden (ISO 3166 numeric)
        expect(frame.locator(f"path.basemap-country-{country}")).to_have_count(1)
    expect(frame.locator("path.basemap-country-076")).to_have_count(0)  # Brazil: outside Europe
    expect(frame.locator("path.partnership")).to_have_count(SEED_LINES)


def test_pip_only_host_draws_the_whole_map_from_the_cdn(
    page: Page,
    page_log,
    cdn_requests: list[str],
    pip_only_server: object,
    open_app: Callable[..., Page],
    wait_for_map: Callable[[Page], FrameLocator],
    screenshot: Callable[[Page, str], Path],
) -> None:
    open_app(page, pip_only_server, "/?tiles=off")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    frame = wait_for_map(page)
    _outlines_and_lines_drawn(frame)
    expect(frame.locator("#map-unavailable")).to_have_count(0)
    expect(frame.locator(".leaflet-control-zoom-fullscreen")).to_be_visible()

    # Every map file came from the pinned CDN, and every script and stylesheet carried its hash.
    for name in ("leaflet@1.9.4/dist/leaflet.js", "topojson-client@3.1.0/", "world-atlas@2.0.2/countries-50m.json"):
        assert any(url.startswith(CDN + name) for url in cdn_requests), name
    tags = frame.locator(f"script[src^='{CDN}'], link[href^='{CDN}']")
    assert tags.count() >= 5
    expect(frame.locator(f"script[src^='{CDN}']:not([integrity^='sha384-'])")).to_have_count(0)
    expect(frame.locator(f"link[href^='{CDN}']:not([integrity^='sha384-'])")).to_have_count(0)
    assert not [b for b in page_log.blocked_requests if b.url.startswith(CDN)]
    # The offline export needs local files to pack: it says why it is unavailable.
    expect(page.get_by_text("Offline map (HTML) is unavailable on this server")).to_be_visible()
    screenshot(page, "pip-only-cdn")


def test_a_cdn_file_with_other_bytes_is_refused(
    page: Page,
    pip_only_server: object,
    open_app: Callable[..., Page],
    map_frame: Callable[[Page], FrameLocator],
) -> None:
    tampered = cdn_source().url("leaflet/leaflet.js")

    def altered(route: Route) -> None:
        route.fulfill(
            body=b"window.L = {tampered: true};",
            headers={"content-type": "application/javascript", "access-control-allow-origin": "*"},
        )

    page.context.route(tampered, altered)
    open_app(page, pip_only_server, "/?tiles=off")

    expect(map_frame(page).locator("#map-unavailable")).to_have_text(t("map_unavailable", "en"), timeout=30_000)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_no_local_files_and_no_cdn_says_so_in_one_sentence(
    page: Page,
    lang: str,
    pip_only_server: object,
    open_app: Callable[..., Page],
    map_frame: Callable[[Page], FrameLocator],
    screenshot: Callable[[Page, str], Path],
) -> None:
    # The page fixture aborts every request off this machine: the CDN is unreachable.
    open_app(page, pip_only_server, f"/?tiles=off&lang={lang}")

    note = map_frame(page).locator("#map-unavailable")
    expect(note).to_have_text(t("map_unavailable", lang), timeout=30_000)
    expect(note).to_be_visible()
    assert note.bounding_box()["height"] > 20  # the frame grew to show it
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # Everything that is not the map still works: the table, the funding panel, the CSV download.
    expect(page.get_by_role("heading", name=t("map_text_alternative", lang))).to_be_visible()
    page.get_by_text(t("map_table_show", lang), exact=True).click()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(page.get_by_role("heading", name=t("funding_heading", lang))).to_be_visible()
    expect(page.get_by_role("button", name=t("export_partnerships_csv", lang))).to_be_visible()
    screenshot(page, f"pip-only-no-cdn-{lang}")


def test_other_pages_work_without_map_files(page: Page, pip_only_server: object, open_app: Callable[..., Page]) -> None:
    open_app(page, pip_only_server, "/Funding")

    expect(page.get_by_role("heading", name=t("page_funding", "en"))).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
