"""A new filter is one FilterSpec: the sidebar, the URL, the reset and every page follow from it.

The coming "kind of tie" filter is the case this guards. It is rehearsed here with the
partnerships' `status` column (active / ended), declared as one more spec and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

import partnerships.filters
from partnerships.filters import FILTERS, FilterSpec
from partnerships.i18n import t

STATUS = FilterSpec(
    "status",
    options=lambda dataset: ["active", "ended"],
    label=lambda dataset, status, lang: status,
    # Only partnerships have a status; programmes and funding rows are not tied by one.
    keeps=lambda subject, chosen: subject.row.get("status") in chosen if "from_place" in subject.row else True,
)


@pytest.fixture
def with_status_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(partnerships.filters, "FILTERS", (*FILTERS, STATUS))


def _lines(at: AppTest) -> int:
    return len(at.selectbox(key="w_selected").options) - 1  # the picker lists every drawn line


def test_one_spec_gives_a_widget_a_url_parameter_and_a_filtered_map(
    with_status_filter: None, open_app: Callable[..., AppTest]
) -> None:
    at = open_app(status="ended")

    widget = at.selectbox(key="w_status")
    assert widget.label == t("status", "en")
    assert widget.value == "ended"
    assert _lines(at) == 0  # every partnership in the seed data is active
    assert at.query_params["status"] == "ended"

    widget.set_value("active").run()
    assert _lines(at) == 8
    assert at.query_params["status"] == "active"

    (reset,) = [button for button in at.button if button.label == t("reset_filters", "en")]
    reset.click().run()
    assert at.selectbox(key="w_status").value == ""
    assert "status" not in at.query_params


def test_without_the_spec_the_parameter_means_nothing(open_app: Callable[..., AppTest]) -> None:
    at = open_app(status="ended")

    assert _lines(at) == 8
    assert "status" not in at.query_params
    with pytest.raises(KeyError):
        at.selectbox(key="w_status")
