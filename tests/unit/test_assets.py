"""geo.assets: folium maps load JS/CSS from this app only, and export to one offline file."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from pathlib import Path

import branca.colormap
import folium
import folium.plugins
import pytest

from geo.assets import (
    DEFAULT_BASE_URL,
    GUARD_NAME,
    LOCAL_ASSETS,
    UNNEEDED_ASSETS,
    UnvendoredAssetError,
    cdn_source,
    cdn_url,
    choose_source,
    gzipped_copies,
    inline_assets,
    local_source,
    missing_assets,
    standalone_html,
    use_assets,
    use_local_assets,
    vendor_files,
)

TAG_URLS = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"', re.IGNORECASE)


def _links(element: folium.elements.JSCSSMixin) -> list[tuple[str, str]]:
    return [*element.default_js, *element.default_css]


def test_map_and_plugin_assets_point_at_base_url() -> None:
    fmap = folium.Map(tiles=None)
    fullscreen = folium.plugins.Fullscreen().add_to(fmap)

    assert use_local_assets(fmap) is fmap

    for element in (fmap, fullscreen):
        assert _links(element)
        for name, url in _links(element):
            assert url == f"{DEFAULT_BASE_URL}/{LOCAL_ASSETS[name]}"
    assert {name for name, _ in _links(fmap)} == {"leaflet", "jquery", "leaflet_css"}
    assert not UNNEEDED_ASSETS & {name for name, _ in _links(fmap)}


def test_rendered_map_names_no_remote_script_or_stylesheet() -> None:
    fmap = folium.Map(tiles=None)
    folium.plugins.Fullscreen().add_to(fmap)
    html = use_local_assets(fmap).get_root().render()

    urls = TAG_URLS.findall(html)
    assert f"{DEFAULT_BASE_URL}/leaflet/leaflet.js" in urls
    assert f"{DEFAULT_BASE_URL}/leaflet.fullscreen/Control.FullScreen.js" in urls
    assert [u for u in urls if not u.startswith(DEFAULT_BASE_URL)] == []


def test_only_this_instance_changes_not_folium_defaults() -> None:
    use_local_assets(folium.Map(tiles=None))
    use_local_assets(folium.Map(tiles=None).add_child(folium.plugins.Fullscreen()))

    assert folium.Map(tiles=None).default_js[0][1].startswith("https://")
    assert folium.plugins.Fullscreen.default_js[0][1].startswith("https://")


def test_idempotent_and_base_url_trailing_slash() -> None:
    fmap = folium.Map(tiles=None)
    use_local_assets(fmap, base_url="/prefix/app/static/vendor/")
    first = _links(fmap)
    use_local_assets(fmap, base_url="/prefix/app/static/vendor")

    assert _links(fmap) == first
    assert ("leaflet", "/prefix/app/static/vendor/leaflet/leaflet.js") in first


def test_plugin_without_local_copy_is_an_error() -> None:
    fmap = folium.Map(tiles=None)
    folium.plugins.MarkerCluster().add_to(fmap)

    with pytest.raises(UnvendoredAssetError, match="MarkerCluster"):
        use_local_assets(fmap)


def test_branca_colormap_is_an_error() -> None:
    # streamlit-folium loads d3 from a CDN for any colormap in the map.
    fmap = folium.Map(tiles=None)
    branca.colormap.LinearColormap(["white", "blue"], vmin=0, vmax=1).add_to(fmap)

    with pytest.raises(UnvendoredAssetError, match="d3"):
        use_local_assets(fmap)


def test_every_local_asset_is_installed_by_the_manifest() -> None:
    assert set(LOCAL_ASSETS.values()) <= set(vendor_files())
    assert "world-atlas/countries-50m.json" in vendor_files()


def test_missing_assets_lists_absent_and_empty_files(tmp_path: Path) -> None:
    assert missing_assets(tmp_path) == list(vendor_files())

    for name in vendor_files():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "leaflet/leaflet.js").write_text("")  # an interrupted copy

    assert missing_assets(tmp_path) == ["leaflet/leaflet.js"]


def test_an_install_without_gzipped_copies_still_draws_from_its_own_files(tmp_path: Path) -> None:
    # Installed before package.json had gzippedCopies: offline it must not turn to the CDN.
    for name in vendor_files():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert gzipped_copies() == ("world-atlas/countries-50m.json",)

    before = choose_source(tmp_path)
    (tmp_path / "world-atlas/countries-50m.json.gz").write_bytes(b"x")
    after = choose_source(tmp_path)

    assert (before.kind, before.gzipped_url("world-atlas/countries-50m.json")) == ("local", None)
    assert after.gzipped_url("world-atlas/countries-50m.json") == "/app/static/vendor/world-atlas/countries-50m.json.gz"


def test_installed_gzipped_copies_hold_the_verified_files(vendored_assets: Path) -> None:
    for name in gzipped_copies():
        assert gzip.decompress((vendored_assets / f"{name}.gz").read_bytes()) == (vendored_assets / name).read_bytes()
    assert local_source().gzipped_url("world-atlas/countries-50m.json") == (
        "/app/static/vendor/world-atlas/countries-50m.json.gz"
    )
    assert cdn_source().gzipped_url("world-atlas/countries-50m.json") is None


@pytest.fixture
def fake_vendor(tmp_path: Path) -> Path:
    (tmp_path / "lib/images").mkdir(parents=True)
    (tmp_path / "lib/lib.js").write_text('var s = "</script>"; window.LIB = 1;')
    (tmp_path / "lib/lib.css").write_text(
        ".a { background: url(images/dot.png); } .b { behavior: url(#default#VML); } .c { background: url(gone.png); }"
    )
    (tmp_path / "lib/images/dot.png").write_bytes(b"\x89PNG fake")
    return tmp_path


def test_inline_assets_embeds_scripts_and_styles(fake_vendor: Path) -> None:
    html = (
        "<head>"
        '<script src="/v/lib/lib.js"></script>'
        '<link rel="stylesheet" href="/v/lib/lib.css"/>'
        '<link rel="icon" href="favicon.ico"/>'
        "</head>"
    )

    out = inline_assets(html, fake_vendor, "/v")

    assert 'var s = "<\\/script>"; window.LIB = 1;' in out
    assert 'url("data:image/png;base64,' in out
    assert "url(#default#VML)" in out  # not a file: left as it was
    assert "url(gone.png)" in out  # missing image: left rather than failing the export
    assert '<link rel="icon" href="favicon.ico"/>' in out
    assert TAG_URLS.findall(out) == ["favicon.ico"]


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ('<script src="https://cdn.example/leaflet.js"></script>', "not a local asset"),
        ('<link rel="stylesheet" href="/v/lib/none.css"/>', "run `make assets`"),
        ('<script src="/v/../outside.js"></script>', "no file"),
    ],
)
def test_inline_assets_refuses_remote_or_missing(fake_vendor: Path, tag: str, message: str) -> None:
    (fake_vendor.parent / "outside.js").write_text("secret")
    with pytest.raises(UnvendoredAssetError, match=re.escape(message)):
        inline_assets(tag, fake_vendor, "/v")


def test_standalone_html_needs_no_network(vendored_assets: Path) -> None:
    fmap = folium.Map(location=(50, 30), zoom_start=5, tiles=None)
    folium.plugins.Fullscreen().add_to(fmap)
    folium.GeoJson(
        {"type": "LineString", "coordinates": [[10.2, 56.2], [36.2, 50.0]]},
        style_function=lambda _: {"className": "partnership"},
    ).add_to(fmap)

    html = standalone_html(fmap)

    assert [u for u in TAG_URLS.findall(html) if re.match(r"(https?:)?//", u)] == []
    assert "<script src=" not in html
    assert "L.control.fullscreen" in html and "partnership" in html
    assert len(html) > (vendored_assets / "leaflet/leaflet.js").stat().st_size


def _sri(path: Path) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode("ascii")


def test_installed_files_are_the_bytes_the_cdn_hashes_pin(vendored_assets: Path) -> None:
    source = cdn_source()
    for name in vendor_files():
        assert source.integrity[source.url(name)] == _sri(vendored_assets / name), name


@pytest.mark.parametrize(
    ("vendor_file", "url"),
    [
        ("leaflet/leaflet.js", "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js"),
        ("jquery/jquery.min.js", "https://cdn.jsdelivr.net/npm/jquery@3.7.1/dist/jquery.min.js"),
        ("world-atlas/countries-50m.json", "https://cdn.jsdelivr.net/npm/world-atlas@2.0.2/countries-50m.json"),
    ],
)
def test_cdn_urls_pin_package_json_versions(vendor_file: str, url: str) -> None:
    assert cdn_url(vendor_file) == url


def test_installed_files_are_chosen_over_the_cdn(tmp_path: Path, vendored_assets: Path) -> None:
    assert choose_source(vendored_assets).is_local
    assert choose_source(vendored_assets, "/maps/app/static/vendor").url("leaflet/leaflet.js") == (
        "/maps/app/static/vendor/leaflet/leaflet.js"
    )
    pip_only = choose_source(tmp_path)  # nothing installed: a pip-only host
    assert not pip_only.is_local
    assert pip_only.url("leaflet/leaflet.js").startswith("https://cdn.jsdelivr.net/npm/leaflet@")


def test_guard_goes_first_and_the_export_drops_it(vendored_assets: Path) -> None:
    fmap = folium.Map(tiles=None)
    folium.plugins.Fullscreen().add_to(fmap)
    use_assets(fmap, cdn_source(), unavailable_message="The map cannot be drawn here.")
    assert [name for name, _ in fmap.default_js][:2] == [GUARD_NAME, "leaflet"]
    use_assets(fmap, cdn_source(), unavailable_message="Again.")
    assert [name for name, _ in fmap.default_js].count(GUARD_NAME) == 1  # idempotent

    html = standalone_html(fmap)

    assert "data:text/javascript" not in html and "partnershipMapGuard" not in html
    assert "cdn.jsdelivr" not in html


def test_export_without_installed_files_names_the_cause(tmp_path: Path) -> None:
    from geo.basemap import add_offline_basemap

    fmap = folium.Map(tiles=None)
    add_offline_basemap(fmap, cdn_source(), online_tiles=False)

    with pytest.raises(UnvendoredAssetError, match=re.escape("make assets")):
        standalone_html(fmap, vendor_dir=tmp_path)
