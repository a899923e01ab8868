"""More partnerships than a person scrolls through: tables come in pages, long pickers give way
to the map and the table (and the page stays small enough to send, issue 12)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from partnerships.dataset import load_dataset
from partnerships.filters import Filters, apply_filters
from partnerships.funding import funding_by_funder
from partnerships.i18n import t
from tests.fixtures.datasets import write_large_dataset
from ui.panels import MAX_LISTED, md
from ui.tables import MAX_PICKER_OPTIONS, TABLE_PAGE_ROWS

LINES = TABLE_PAGE_ROWS + 100


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield write_large_dataset(tmp_path_factory.mktemp("large"), LINES)


# The map page's table pages the same way (ui.tables.table_page), once the reader opens it:
# AppTest cannot keep an expander open from one run to the next, so the browser tests that.
PARTNERSHIPS_PAGE = "pages/1_Partnerships.py"


def test_a_long_table_comes_in_pages(open_app: Callable[..., AppTest], large: Path) -> None:
    table_key, page_key = "partnerships_table", "partnerships_page"
    at = open_app(data_dir=large, page=PARTNERSHIPS_PAGE)
    assert not at.exception
    (table,) = [frame for frame in at.dataframe if frame.key == table_key]
    assert len(table.value) == TABLE_PAGE_ROWS
    assert t("table_page_rows", "en", first=1, last=TABLE_PAGE_ROWS, count=LINES) in [c.value for c in at.caption]

    at.number_input(key=page_key).set_value(2).run()
    (table,) = [frame for frame in at.dataframe if frame.key == table_key]
    assert len(table.value) == LINES - TABLE_PAGE_ROWS
    assert t("table_page_rows", "en", first=TABLE_PAGE_ROWS + 1, last=LINES, count=LINES) in [
        c.value for c in at.caption
    ]


def test_pickers_longer_than_a_person_scrolls_give_way(open_app: Callable[..., AppTest], large: Path) -> None:
    assert LINES > MAX_PICKER_OPTIONS
    at = open_app(data_dir=large)
    assert not at.exception
    with pytest.raises(KeyError):
        at.selectbox(key="w_selected")
    with pytest.raises(KeyError):
        at.multiselect(key="w_tour")
    captions = [c.value for c in at.caption] + [c.value for c in at.sidebar.caption]
    assert t("pick_in_table", "en") in captions
    assert t("tour_too_many", "en") in captions


def test_a_selection_still_opens_its_card_without_the_picker(open_app: Callable[..., AppTest], large: Path) -> None:
    at = open_app(data_dir=large, p="partnership-00042")
    assert not at.exception
    assert at.query_params.get("p") == "partnership-00042"
    assert any(f"> {md('Quote for partnership 42.')}" in block.value for block in at.markdown)


def test_the_seed_data_keeps_its_pickers(open_app: Callable[..., AppTest]) -> None:
    at = open_app()
    assert at.selectbox(key="w_selected")
    assert at.multiselect(key="w_tour")
    assert not [frame for frame in at.number_input if frame.key == "map_table_page"]


@pytest.fixture(scope="module")
def many_grants(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    # Funding rows grow with the partnerships: one share per ten.
    yield write_large_dataset(tmp_path_factory.mktemp("many_grants"), 3_000)


def test_long_funding_lists_show_their_first_rows_and_say_how_many(
    open_app: Callable[..., AppTest], many_grants: Path
) -> None:
    large = many_grants
    dataset = load_dataset(large)
    summaries = funding_by_funder(dataset, apply_filters(dataset, Filters()), "en")
    longest = max(len(summary.lines) for summary in summaries)
    assert longest > MAX_LISTED
    at = open_app(data_dir=large)
    assert t("listed_first", "en", shown=MAX_LISTED, count=longest) in [c.value for c in at.caption]
    # Totals still count every row, and the Funding page lists every grant.
    assert len(at.metric) == len([summary for summary in summaries if summary.totals])
    (see_all,) = at.get("page_link")
    assert see_all.value == t("funding_see_all", "en")
    assert see_all.proto.page == "Funding" and not see_all.proto.external


def test_short_funding_lists_need_no_link_to_the_funding_page(open_app: Callable[..., AppTest]) -> None:
    at = open_app()
    assert not at.exception
    assert not at.get("page_link")


def test_a_filter_that_shortens_the_table_brings_the_reader_back_to_a_page_that_exists(
    open_app: Callable[..., AppTest], many_grants: Path
) -> None:
    at = open_app(data_dir=many_grants, page=PARTNERSHIPS_PAGE)
    at.run()
    pages = -(-3_000 // TABLE_PAGE_ROWS)
    at.number_input(key="partnerships_page").set_value(pages).run()
    assert not at.exception
    # One kind of tie: about a fifth of the rows, so fewer pages than the one the reader is on.
    at.multiselect(key="w_kind").set_value(["agreement"]).run()
    assert not at.exception
    assert not at.error, [element.value for element in at.error]
    (table,) = [frame for frame in at.dataframe if frame.key == "partnerships_table"]
    assert len(table.value) > 0
