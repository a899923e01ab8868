"""The bundled data/ (the public record, which grows) opens on every page without an error.

Every other AppTest runs on the frozen seed dataset; this one runs on what users see.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from partnerships.dataset import DEFAULT_DATA_DIR, load_dataset
from partnerships.filters import Filters, apply_filters
from partnerships.i18n import t
from ui.frame import PAGES


@pytest.mark.parametrize("page", [script for script, *_ in PAGES])
def test_every_page_opens_on_the_bundled_data(open_app: Callable[..., AppTest], page: str) -> None:
    at = open_app(data_dir=DEFAULT_DATA_DIR, page=page)
    assert not at.exception
    assert not at.error, [element.value for element in at.error]


def test_the_map_page_counts_every_bundled_partnership(open_app: Callable[..., AppTest]) -> None:
    dataset = load_dataset(DEFAULT_DATA_DIR)
    view = apply_filters(dataset, Filters())
    at = open_app(data_dir=DEFAULT_DATA_DIR)
    expected = t("shown_count", "en", lines=len(dataset.partnerships), listed=len(view.unlinked_programmes))
    assert expected in [element.value for element in at.markdown]
