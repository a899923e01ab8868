"""geo/ uses only geopy's public API; geo/geocoding/ uses no library's private names and no partnerships/.

A name that starts with "_" is a library's own business: it can change or vanish in any
release without a word in the changelog. geo/geocoding/ used three (geopy's sample user
agents and RateLimiter's clock and sleep); these tests keep such uses from coming back.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GEO = ROOT / "geo"
GEOCODING = GEO / "geocoding"


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def root_name(node: ast.expr) -> str:
    """`a` for a, a.b, a.b(), a[0].c: the local name an expression starts from."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def private_uses(source: str, *, library: str | None) -> list[str]:
    """Private names that `source` imports from, or reads off, `library`.

    library=None is the strict rule: any library's private names, and any private attribute
    read off anything but self or cls (an object a library made, such as a RateLimiter).
    """
    tree = ast.parse(source)

    def from_library(module: str) -> bool:
        top = module.split(".")[0]
        return top == library if library else top not in ("geo", "__future__")

    found: list[str] = []
    bound: set[str] = set()  # local names that stand for the library or something it made
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if from_library(alias.name):
                    bound.add(alias.asname or alias.name.split(".")[0])
                    found += [f"import {alias.name}"] if any(map(is_private, alias.name.split("."))) else []
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and from_library(node.module):
            bound.update(alias.asname or alias.name for alias in node.names)
            found += [
                f"from {node.module} import {alias.name}"
                for alias in node.names
                if is_private(alias.name) or any(map(is_private, node.module.split(".")))
            ]
    for node in ast.walk(tree):  # objects the library made: `limiter = RateLimiter(...)`
        if isinstance(node, ast.Assign) and root_name(node.value) in bound:
            bound.update(target.id for target in node.targets if isinstance(target, ast.Name))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            name = root_name(node.value)
            if name in bound or (library is None and name not in ("self", "cls")):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif (
            library is None
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and is_private(node.args[1].value)
        ):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


@pytest.mark.parametrize("path", modules(GEO), ids=lambda p: str(p.relative_to(ROOT)))
def test_geo_uses_only_geopys_public_api(path: Path) -> None:
    assert private_uses(path.read_text(encoding="utf-8"), library="geopy") == []


@pytest.mark.parametrize("path", modules(GEOCODING), ids=lambda p: str(p.relative_to(ROOT)))
def test_geocoding_uses_no_private_names_of_any_library(path: Path) -> None:
    assert private_uses(path.read_text(encoding="utf-8"), library=None) == []


@pytest.mark.parametrize(
    "source",
    [
        "from geopy.geocoders.nominatim import _REJECTED_USER_AGENTS",
        "import geopy.geocoders.nominatim as n\nn._REJECTED_USER_AGENTS",
        "from geopy.extra.rate_limiter import RateLimiter\nRateLimiter._sleep = print",
        "from geopy.extra.rate_limiter import RateLimiter\nlimiter = RateLimiter(f)\nlimiter._clock = clock",
        "from geopy.geocoders import base\nbase.Geocoder._call_geocoder",
        "import geopy._compat",
    ],
)
def test_the_geopy_check_sees_private_uses(source: str) -> None:
    assert private_uses(source, library="geopy")


@pytest.mark.parametrize(
    "source",
    [
        "limiter = make()\nlimiter._clock = clock",
        "getattr(limiter, '_sleep')",
        "from folium import _private",
        "fmap._children.values()",
    ],
)
def test_the_strict_check_sees_private_uses(source: str) -> None:
    assert private_uses(source, library=None)


def test_the_checks_allow_own_attributes_and_dunders() -> None:
    source = (
        "from geopy.exc import GeocoderServiceError\nself._cache = {}\ncls._seen = set()\nGeocoderServiceError.__name__"
    )
    assert private_uses(source, library=None) == private_uses(source, library="geopy") == []


def test_geocoding_imports_nothing_from_the_app() -> None:
    """geo/ knows no partnerships: geocoding needs places and geopy, never the dataset or the UI."""
    first_party = {
        p.stem for p in ROOT.iterdir() if (p.is_dir() and (p / "__init__.py").exists()) or p.suffix == ".py"
    } - {"geo"}
    assert "partnerships" in first_party
    imported = set()
    for path in modules(GEOCODING):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
    assert imported & first_party == set()
