"""Where the map's JS, CSS and outlines come from: this app's static folder, or a pinned CDN.

folium renders ``<script src>``/``<link href>`` tags for every ``default_js`` /
``default_css`` entry of the map and of each element in it (plugins included),
and streamlit-folium's iframe loads those URLs one after another, giving up
(blank map) at the first one that fails. So every URL is chosen here, from one
:class:`AssetSource`:

* **local** (``make run``, offline meeting rooms): ``make assets`` installs the
  files from the npm registry into ``static/vendor/`` and Streamlit serves them
  at ``/app/static/vendor/`` (``[server] enableStaticServing``). Nothing is
  fetched from outside.
* **CDN** (a host that only ran ``pip install -r requirements.txt``, such as
  Streamlit Community Cloud): the same pinned versions from cdn.jsdelivr.net,
  each checked by the browser against package.json's sha384 ``integrity``
  (Subresource Integrity), which ``make assets`` verifies for the local copy too.

:func:`choose_source` takes local when every file is installed, else the CDN.

What folium 0.20's defaults are really needed (read from folium's templates and
checked in Chromium, see tests/browser/test_offline_smoke.py):

* ``leaflet`` / ``leaflet_css``: everything.
* ``jquery``: kept. ``folium.Popup`` builds its content with ``$(...)``, as do
  ``Map(..., objects_to_stay_in_front=...)`` and ``GeoJson(embed=False)``.
* bootstrap JS/CSS, glyphicons, Font Awesome, awesome-markers: dropped. They only
  serve ``folium.Icon`` markers (``L.AwesomeMarkers``); use ``CircleMarker`` or
  GeoJson ``marker=`` instead, which draw as SVG and need none of them.

Plugins: call :func:`use_assets` *after* adding plugins such as
``folium.plugins.Fullscreen`` (it is idempotent). It rewrites the assets of
every element already in the map and raises :class:`UnvendoredAssetError` for
any it has no pinned copy of, so a new plugin fails loudly in tests instead of
blanking the map in a meeting room.
"""

from __future__ import annotations

import base64
import functools
import json
import mimetypes
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import folium
from branca.colormap import ColorMap
from branca.element import Element
from folium.elements import JSCSSMixin

REPO_ROOT = Path(__file__).resolve().parent.parent
# package.json is the manifest shared with scripts/install_assets.sh.
PACKAGE_JSON = REPO_ROOT / "package.json"
VENDOR_DIR = REPO_ROOT / "static" / "vendor"
# Where Streamlit serves VENDOR_DIR (static/ next to app.py is served at /app/static/).
DEFAULT_BASE_URL = "/app/static/vendor"
CDN_BASE_URL = "https://cdn.jsdelivr.net/npm"
MISSING_ASSETS_HINT = "The map's files are not installed yet: run `make assets`."
# Runs first in the map's frame: adds integrity to CDN tags, and says so when a file cannot load.
GUARD_SCRIPT = Path(__file__).with_name("asset_guard.js")
GUARD_NAME = "asset_guard"

# folium asset name -> file under VENDOR_DIR. Names are folium's own keys in
# default_js/default_css (folium/folium.py, folium/plugins/fullscreen.py) and ours.
LOCAL_ASSETS: dict[str, str] = {
    "leaflet": "leaflet/leaflet.js",
    "leaflet_css": "leaflet/leaflet.css",
    "jquery": "jquery/jquery.min.js",
    "Control.Fullscreen.js": "leaflet.fullscreen/Control.FullScreen.js",
    "Control.FullScreen.css": "leaflet.fullscreen/Control.FullScreen.css",
    "topojson-client": "topojson-client/topojson-client.min.js",
}
# folium defaults the map does not need (see module docstring): left out entirely.
UNNEEDED_ASSETS: frozenset[str] = frozenset(
    {
        "bootstrap",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers",
        "awesome_markers_css",
        "awesome_markers_font_css",
        "awesome_rotate_css",
    }
)


class UnvendoredAssetError(ValueError):
    """A map element wants a file from the internet that we have no pinned copy of."""


@functools.lru_cache(maxsize=1)
def _manifest() -> dict:
    return json.loads(PACKAGE_JSON.read_text(encoding="utf-8"))


def vendor_files() -> tuple[str, ...]:
    """Files ``make assets`` installs, relative to VENDOR_DIR (package.json vendorFiles)."""
    return tuple(_manifest()["vendorFiles"])


def gzipped_copies() -> tuple[str, ...]:
    """Vendor files ``make assets`` also installs as ``<file>.gz`` (package.json gzippedCopies).

    Streamlit serves a ``.gz`` file as application/gzip, which it does not compress again:
    the browser gets the bytes as they are and unpacks them itself (DecompressionStream).
    Every other file under /app/static is gzipped anew on every request.
    """
    return tuple(_manifest().get("gzippedCopies", ()))


def cdn_url(vendor_file: str) -> str:
    """The pinned jsdelivr URL of one vendor file: the package's path at package.json's exact version."""
    manifest = _manifest()
    source = manifest["vendorFiles"][vendor_file]
    parts = source.split("/")
    # Scoped packages ("@scope/name/...") take two path segments.
    size = 2 if parts[0].startswith("@") else 1
    package, inner = "/".join(parts[:size]), "/".join(parts[size:])
    return f"{CDN_BASE_URL}/{package}@{manifest['dependencies'][package]}/{inner}"


@dataclass(frozen=True)
class AssetSource:
    """The URL the browser loads each vendor file from, and the hash it must match (CDN only)."""

    kind: str  # "local" or "cdn"
    urls: Mapping[str, str]
    integrity: Mapping[str, str] = field(default_factory=dict)
    # vendor file -> URL of its gzipped copy (local only: the CDN compresses for itself).
    gzipped_urls: Mapping[str, str] = field(default_factory=dict)

    def url(self, vendor_file: str) -> str:
        return self.urls[vendor_file]

    def gzipped_url(self, vendor_file: str) -> str | None:
        return self.gzipped_urls.get(vendor_file)

    @property
    def is_local(self) -> bool:
        return self.kind == "local"


def local_source(base_url: str = DEFAULT_BASE_URL, vendor_dir: Path = VENDOR_DIR) -> AssetSource:
    """Files served by this app (``make assets``): no outside request.

    A gzipped copy is used where it is installed. An install made before gzipped copies
    existed still draws offline, from the plain files, until ``make assets`` runs again.
    """
    base_url = base_url.rstrip("/")
    return AssetSource(
        "local",
        {name: f"{base_url}/{name}" for name in vendor_files()},
        gzipped_urls={
            name: f"{base_url}/{name}.gz" for name in gzipped_copies() if _installed(vendor_dir / f"{name}.gz")
        },
    )


def cdn_source() -> AssetSource:
    """The same pinned files from jsdelivr, each with its Subresource Integrity hash."""
    integrity = _manifest()["integrity"]
    return AssetSource(
        "cdn",
        {name: cdn_url(name) for name in vendor_files()},
        {cdn_url(name): integrity[name] for name in vendor_files()},
    )


def missing_assets(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """Files not installed yet (empty list when the map can draw offline)."""
    return [name for name in vendor_files() if not _installed(vendor_dir / name)]


def _installed(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def choose_source(vendor_dir: Path = VENDOR_DIR, base_url: str = DEFAULT_BASE_URL) -> AssetSource:
    """Local files when all are installed (``make assets``), else the pinned CDN (pip-only hosts)."""
    return cdn_source() if missing_assets(vendor_dir) else local_source(base_url, vendor_dir)


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _is_remote(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


def _pin(links: list[tuple[str, str]], source: AssetSource, problems: list[str], owner: str) -> list[tuple[str, str]]:
    pinned = []
    for name, url in links:
        if name in LOCAL_ASSETS:
            pinned.append((name, source.url(LOCAL_ASSETS[name])))
        elif name in UNNEEDED_ASSETS or name == GUARD_NAME:
            continue
        elif _is_remote(url):
            problems.append(f"{owner}: {name} = {url}")
        else:
            pinned.append((name, url))
    return pinned


def guard_script_url(source: AssetSource, unavailable_message: str) -> str:
    """The guard as a ``data:`` script: it needs no network, so it runs even when nothing else loads."""
    config = json.dumps({"integrity": dict(source.integrity), "message": unavailable_message})
    code = f"{GUARD_SCRIPT.read_text(encoding='utf-8')}\n(window.partnershipMapGuard)({config});\n"
    return "data:text/javascript;base64," + base64.b64encode(code.encode("utf-8")).decode("ascii")


def use_assets(fmap: folium.Map, source: AssetSource, unavailable_message: str | None = None) -> folium.Map:
    """Make ``fmap`` and everything in it load JS/CSS from ``source`` only.

    With ``unavailable_message``, a guard script goes first in the map's scripts
    (streamlit-folium loads them in order): it adds the CDN's integrity hashes to
    the tags and, if any file fails to load, shows that one sentence where the
    map would be. Without it (the offline export) no guard is added.

    Sets instance attributes, never the classes' lists, so other maps (and
    folium's module-level defaults) are untouched. Returns ``fmap`` for chaining.
    Raises UnvendoredAssetError naming any element that would still need a CDN
    we have not pinned.
    """
    problems: list[str] = []
    for element in _walk(fmap):
        if isinstance(element, ColorMap):
            # streamlit-folium adds d3 from a CDN for any branca colormap it finds.
            problems.append(
                f"{type(element).__name__}: branca colormaps load d3 from a CDN; draw the legend with Streamlit instead"
            )
        if not isinstance(element, JSCSSMixin):
            continue
        owner = type(element).__name__
        element.default_js = _pin(element.default_js, source, problems, owner)
        element.default_css = _pin(element.default_css, source, problems, owner)
    if problems:
        raise UnvendoredAssetError(
            "No pinned copy of these map assets (add them to package.json "
            "vendorFiles and geo.assets.LOCAL_ASSETS): " + "; ".join(problems)
        )
    if unavailable_message is not None:
        fmap.default_js = [(GUARD_NAME, guard_script_url(source, unavailable_message)), *fmap.default_js]
    return fmap


def use_local_assets(fmap: folium.Map, base_url: str = DEFAULT_BASE_URL) -> folium.Map:
    """Shorthand for :func:`use_assets` with this app's own files (no guard)."""
    return use_assets(fmap, local_source(base_url))


# folium renders links as <script src="..."></script> and <link rel="stylesheet" href="..."/>.
_SCRIPT_TAG = re.compile(r'<script\b[^>]*\bsrc="([^"]*)"[^>]*>\s*</script\s*>', re.IGNORECASE)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r'\bhref="([^"]*)"', re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^)'\"]+)\1\s*\)")


def _local_file(url: str, vendor_dir: Path, base_url: str) -> Path:
    prefix = base_url.rstrip("/") + "/"
    if not url.startswith(prefix):
        raise UnvendoredAssetError(f"not a local asset under {prefix}: {url}")
    path = (vendor_dir / url[len(prefix) :]).resolve()
    if not path.is_relative_to(vendor_dir.resolve()) or not path.is_file():
        raise UnvendoredAssetError(f"{url}: no file {path} ({MISSING_ASSETS_HINT})")
    return path


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_css(path: Path) -> str:
    """CSS with its relative url(...) images turned into data: URIs."""

    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        if target.startswith(("data:", "#")) or _is_remote(target):
            return match.group(0)
        image = path.parent / target
        return f'url("{_data_uri(image)}")' if image.is_file() else match.group(0)

    return _CSS_URL.sub(replace, path.read_text(encoding="utf-8"))


def inline_assets(html: str, vendor_dir: Path = VENDOR_DIR, base_url: str = DEFAULT_BASE_URL) -> str:
    """Replace local ``<script src>`` and stylesheet ``<link>`` tags by their contents.

    Raises UnvendoredAssetError for a remote or missing file rather than
    producing a page that silently needs the internet.
    """

    def script(match: re.Match[str]) -> str:
        code = _local_file(match.group(1), vendor_dir, base_url).read_text(encoding="utf-8")
        # A literal "</script" inside the code would end the inline element early.
        code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
        return f"<script>{code}</script>"

    def link(match: re.Match[str]) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if href is None or "stylesheet" not in tag.lower():
            return tag
        css = _inline_css(_local_file(href.group(1), vendor_dir, base_url))
        return f"<style>{css}</style>"

    return _LINK_TAG.sub(link, _SCRIPT_TAG.sub(script, html))


def standalone_html(fmap: folium.Map, vendor_dir: Path = VENDOR_DIR, base_url: str = DEFAULT_BASE_URL) -> str:
    """One self-contained HTML page of ``fmap`` (Leaflet and the outlines inlined), for offline export.

    Points ``fmap`` at the local files first. Elements that fetch a vendor data file
    (``fetches_vendor_file``, such as the country outlines) get its text as
    ``inline_json`` instead, and a script they load for themselves
    (``loads_vendor_script``) is inlined in the page. Raises UnvendoredAssetError when the local files are
    missing (a pip-only host): the export cannot work without them.
    Leaflet's default marker icons do not survive inlining; the app draws CircleMarkers.
    """
    for element in _walk(fmap):
        # A script an element loads for itself in the live map goes into the page here.
        script = getattr(element, "loads_vendor_script", None)
        if script and script not in element.default_js:
            element.default_js = [*element.default_js, script]
    use_local_assets(fmap, base_url)
    for element in _walk(fmap):
        data_file = getattr(element, "fetches_vendor_file", None)
        if data_file:
            path = vendor_dir / data_file
            if not path.is_file():
                raise UnvendoredAssetError(f"{data_file}: no file {path} ({MISSING_ASSETS_HINT})")
            element.inline_json = path.read_text(encoding="utf-8")
    return inline_assets(fmap.get_root().render(), vendor_dir, base_url)
