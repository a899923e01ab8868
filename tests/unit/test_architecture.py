"""Imports run one way: geometry, then the domain, then the map view, then the Streamlit glue and pages.

geo/ knows no partnerships; partnerships/ (the domain) may measure with geo/; mapview/ joins the two
into a folium map; ui/ and the pages draw with all of them. Only ui/, pages/ and app.py may use
Streamlit, and none may reach into Streamlit's internals.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# package -> the project packages it may import
ALLOWED: dict[str, set[str]] = {
    "geo": set(),
    "partnerships": {"geo"},
    "mapview": {"geo", "partnerships"},
    "ui": {"geo", "partnerships", "mapview"},
    "pages": {"geo", "partnerships", "mapview", "ui"},
    "app": {"ui"},
}
PURE = ("geo", "partnerships", "mapview")
# Streamlit's public surface: `import streamlit as st` and the streamlit-folium component.
PUBLIC_STREAMLIT = {"streamlit", "streamlit_folium"}


def _files(package: str) -> list[Path]:
    return [ROOT / "app.py"] if package == "app" else sorted((ROOT / package).rglob("*.py"))


def _imports(path: Path) -> list[str]:
    modules = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.append(node.module)
    return modules


@pytest.mark.parametrize("package", list(ALLOWED))
def test_imports_run_one_way(package: str) -> None:
    wrong = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in _files(package)
        for module in _imports(path)
        if module.split(".")[0] in set(ALLOWED) - {"app", package} - ALLOWED[package]
    ]
    assert wrong == []


@pytest.mark.parametrize("package", PURE)
def test_logic_knows_nothing_of_streamlit(package: str) -> None:
    found = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in _files(package)
        for module in _imports(path)
        if module.split(".")[0] in PUBLIC_STREAMLIT
    ]
    assert found == []


def test_no_streamlit_internals_are_imported() -> None:
    found = [
        f"{path.relative_to(ROOT)} imports {module}"
        for package in ALLOWED
        for path in _files(package)
        for module in _imports(path)
        if module.split(".")[0] == "streamlit" and module not in PUBLIC_STREAMLIT
    ]
    assert found == []


def test_every_top_level_package_has_a_place_in_the_layers() -> None:
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert packages <= set(ALLOWED)
