"""The side panels run in-process with AppTest: what a closed expander sends, and what opening it adds."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from partnerships.i18n import t

# The Ukraine Fund's grant of 20 mio. kr., in the article's words (seed data, funding.csv).
GRANT_QUOTE = "Samarbejdsprogrammet har i første omgang modtaget 20 mio. kr. fra den statslige Ukrainefond"
GRANT_PURPOSE = "Grant to the joint municipal cooperation programme"
SIDA_QUOTE = "Via SALAR International har totalt 250 miljoner kronor gått till projekt i Ukraina"


def funding_panel_of_the_seed_data() -> None:
    """The map page's funding panel for every partnership in the seed data, in English."""
    from partnerships.dataset import load_dataset
    from partnerships.filters import Filters, apply_filters
    from partnerships.funding import funding_by_funder, programmes_without_funder
    from tests.fixtures.datasets import SEED_DATA_DIR
    from ui import panels

    dataset = load_dataset(SEED_DATA_DIR)
    view = apply_filters(dataset, Filters())
    panels.funding_panel(
        funding_by_funder(dataset, view, "en"), programmes_without_funder(dataset, view), dataset, "en"
    )


def markdown_text(at: AppTest) -> str:
    return re.sub(r"\\(.)", r"\1", "\n".join(str(block.value) for block in at.markdown))


def test_a_closed_expander_sends_its_label_and_none_of_its_quotes() -> None:
    at = AppTest.from_function(funding_panel_of_the_seed_data).run()
    assert not at.exception
    assert [expander.label for expander in at.expander] == [t("funding_purposes_sources", "en")] * 2
    assert GRANT_QUOTE not in markdown_text(at)
    assert GRANT_PURPOSE not in markdown_text(at)


def test_opening_a_funders_expander_sends_its_purposes_and_quotes() -> None:
    at = AppTest.from_function(funding_panel_of_the_seed_data).run()
    # What a click on the expander does: its state turns True and the script reruns.
    at.session_state["funding_sources_ukraine-fund"] = True
    at.run()
    assert not at.exception
    text = markdown_text(at)
    assert GRANT_QUOTE in text
    assert GRANT_PURPOSE in text
    # Only that funder's: Sida's expander stays closed.
    assert SIDA_QUOTE not in text
    at.session_state["funding_sources_sida"] = True
    at.run()
    assert SIDA_QUOTE in markdown_text(at)
