"""The tour's order and story, without Streamlit."""

from __future__ import annotations

import pytest

from partnerships.filters import Filters, apply_filters
from partnerships.tour import clamp_step, default_tour, story


def test_default_tour_groups_by_programme_in_data_order(dataset) -> None:
    stops = default_tour(dataset, apply_filters(dataset, Filters()))
    programmes = [dataset.partnership_by_id[stop]["programme"] for stop in stops]
    # Each programme's stops come together, in the order of programmes.csv.
    order = list(dataset.programmes["id"])
    assert programmes == sorted(programmes, key=order.index)
    assert set(stops) == set(dataset.partnerships["id"])


def test_default_tour_follows_the_filters(dataset) -> None:
    stops = default_tour(dataset, apply_filters(dataset, Filters(theme=("waste",))))
    assert stops == ["ikast-brande-voznesensk", "copenhagen-kyiv-friendship"]


@pytest.mark.parametrize(("step", "stops", "expected"), [(0, 8, 1), (1, 8, 1), (5, 8, 5), (99, 8, 8), (3, 0, 0)])
def test_clamp_step(step: int, stops: int, expected: int) -> None:
    assert clamp_step(step, stops) == expected


def test_story_says_who_what_who_pays_and_when(dataset) -> None:
    told = story(dataset, "aalborg-mykolaiv", "da")
    assert told.headline == "Aalborg samarbejder med Mykolajiv"
    lines = dict(told.lines)
    assert lines["Om"] == "Ungepolitik, Varmeforsyning"
    assert lines["Finansieret af"] == "Ukrainefonden"
    # The partnership's own period is not stated; the programme's four years are shown beside it.
    assert lines["Siden / periode"] == "ikke oplyst (program: 4 år)"
    assert told.quote.startswith("Aalborg Kommune, den sidste deltager")


def test_story_of_the_friendship_agreement_has_no_funder(dataset) -> None:
    lines = dict(story(dataset, "copenhagen-kyiv-friendship", "en").lines)
    assert lines["Funder"] == "not stated"
    assert lines["Since / period"] == "from 2023 (3 years)"
