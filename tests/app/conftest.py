"""AppTest fixtures: run app.py in-process against a chosen data folder and URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from partnerships.dataset import DATA_DIR_VARIABLE
from tests.fixtures.datasets import SEED_DATA_DIR

APP = Path(__file__).resolve().parents[2] / "app.py"
# Generous: the first run imports folium and reads the country outlines; CI machines are slow.
APP_TIMEOUT_S = 120


@pytest.fixture
def open_app(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """``open_app(data_dir=None, page="", **query_params)``: app.py after its first run.

    Like opening a link: the query parameters are the URL's, `page` the page file its path
    names (default: the map), the data folder is what PARTNERSHIP_MAP_DATA names (the
    frozen seed dataset by default).
    """

    def open_(data_dir: Path | None = None, page: str = "", **query_params: str) -> AppTest:
        monkeypatch.setenv(DATA_DIR_VARIABLE, str(data_dir or SEED_DATA_DIR))
        at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT_S)
        at.query_params.update(query_params)
        if page:
            at.switch_page(page)
        return at.run()

    return open_
