"""Shared helpers for unit, app and browser tests.

Test files cannot import a conftest (tests/ is not a package and every folder's
conftest is a module named ``conftest``), so the helpers are fixtures.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
# Screenshots and server logs: git-ignored, kept after the run for a human to look at.
ARTIFACTS_DIR = REPO_ROOT / "tests" / "artifacts"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _skip_or_fail(reason: str) -> NoReturn:
    if _in_ci():
        pytest.fail(f"{reason} (not skipped: CI is set, set-up is part of the job)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture(scope="session")
def in_ci() -> bool:
    """True on the CI machine (CI=true), where nothing may be skipped for lack of set-up."""
    return _in_ci()


@pytest.fixture(scope="session")
def skip_or_fail() -> Callable[[str], NoReturn]:
    """``skip_or_fail(reason)``: skip locally, fail in CI where set-up is part of the job."""
    return _skip_or_fail


@pytest.fixture(scope="session")
def vendored_assets() -> Path:
    """static/vendor/ with every file installed, else skip (fail in CI): `make assets`."""
    from geo.assets import VENDOR_DIR, missing_assets

    missing = missing_assets()
    if missing:
        _skip_or_fail(f"map assets not installed ({', '.join(missing[:3])}, ...): run `make assets`")
    return VENDOR_DIR
