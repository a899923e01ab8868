"""Point folium maps at Leaflet files served by this app instead of CDNs.

folium renders ``<script src>``/``<link href>`` tags for every ``default_js`` /
``default_css`` entry of the map and of each element in it (plugins included),
and streamlit-folium's iframe loads those URLs one after another, giving up
(blank map) at the first one that fails. Offline that is the first CDN URL. So
every URL must be local: ``make assets`` installs the files from the npm
registry into ``static/vendor/`` and Streamlit serves them at
``/app/static/vendor/`` (``[server] enableStaticServing``).

What folium 0.20's defaults are really needed (read from folium's templates and
checked in Chromium, see tests/browser/test_offline_smoke.py):

* ``leaflet`` / ``leaflet_css``: everything.
* ``jquery``: kept. ``folium.Popup`` builds its content with ``$(...)``, as do
  ``Map(..., objects_to_stay_in_front=...)`` and ``GeoJson(embed=False)``.
  GeoJson tooltips and popups (``GeoJsonTooltip``/``GeoJsonPopup``) do not use it.
* bootstrap JS/CSS, glyphicons, Font Awesome, awesome-markers: dropped. They only
  serve ``folium.Icon`` markers (``L.AwesomeMarkers``); use ``CircleMarker`` or
  GeoJson ``marker=`` instead, which draw as SVG and need none of them.

Plugins: call :func:`use_local_assets` *after* adding plugins such as
``folium.plugins.Fullscreen`` (or call it again; it is idempotent). It rewrites
the assets of every element already in the map and raises
:class:`UnvendoredAssetError` for any it has no local copy of, so a new plugin
fails loudly in tests instead of blanking the map in a meeting room.
"""

from __future__ import annotations

import base64
import functools
import json
import mimetypes
import re
from collections.abc import Iterator
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
MISSING_ASSETS_HINT = "The map's files are not installed yet: run `make assets`."

# folium asset name -> file under VENDOR_DIR. Names are folium's own keys in
# default_js/default_css (folium/folium.py, folium/plugins/fullscreen.py).
LOCAL_ASSETS: dict[str, str] = {
    "leaflet": "leaflet/leaflet.js",
    "leaflet_css": "leaflet/leaflet.css",
    "jquery": "jquery/jquery.min.js",
    "Control.Fullscreen.js": "leaflet.fullscreen/Control.FullScreen.js",
    "Control.FullScreen.css": "leaflet.fullscreen/Control.FullScreen.css",
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
    """A map element wants a file from the internet that we have no local copy of."""


@functools.lru_cache(maxsize=1)
def vendor_files() -> tuple[str, ...]:
    """Files ``make assets`` installs, relative to VENDOR_DIR (package.json vendorFiles)."""
    manifest = json.loads(PACKAGE_JSON.read_text(encoding="utf-8"))
    return tuple(manifest["vendorFiles"])


def missing_assets(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """Files not installed yet (empty list when the map can draw offline).

    Lets the app say "run make assets" instead of showing a blank map.
    """
    return [
        name for name in vendor_files() if not (vendor_dir / name).is_file() or (vendor_dir / name).stat().st_size == 0
    ]


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _is_remote(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


def _localise(links: list[tuple[str, str]], base_url: str, problems: list[str], owner: str) -> list[tuple[str, str]]:
    local = []
    for name, url in links:
        if name in LOCAL_ASSETS:
            local.append((name, f"{base_url}/{LOCAL_ASSETS[name]}"))
        elif name in UNNEEDED_ASSETS:
            continue
        elif _is_remote(url):
            problems.append(f"{owner}: {name} = {url}")
        else:
            local.append((name, url))
    return local


def use_local_assets(fmap: folium.Map, base_url: str = DEFAULT_BASE_URL) -> folium.Map:
    """Make ``fmap`` and everything in it load JS/CSS from ``base_url`` only.

    Sets instance attributes, never the classes' lists, so other maps (and
    folium's module-level defaults) are untouched. Returns ``fmap`` for chaining.
    Raises UnvendoredAssetError naming any element that would still need a CDN.
    """
    base_url = base_url.rstrip("/")
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
        element.default_js = _localise(element.default_js, base_url, problems, owner)
        element.default_css = _localise(element.default_css, base_url, problems, owner)
    if problems:
        raise UnvendoredAssetError(
            "No local copy of these map assets (add them to package.json "
            "vendorFiles and geo.assets.LOCAL_ASSETS): " + "; ".join(problems)
        )
    return fmap


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
    """One self-contained HTML page of ``fmap`` (Leaflet inlined), for offline export.

    Also points ``fmap`` at the local assets (as the app does anyway). Leaflet's
    default marker icons do not survive inlining; the app draws CircleMarkers.
    """
    use_local_assets(fmap, base_url)
    return inline_assets(fmap.get_root().render(), vendor_dir, base_url)
