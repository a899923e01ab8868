"""The one filter, as tables of (selection, lines drawn, programmes listed).

Expectations come from the articles, not from running the code:
- DK Nyt (7 Feb 2024) and Copenhagen's press releases: five Danish municipalities under the
  joint programme funded by the Ukraine Fund, Odense listed with both Kyiv and Mykolaiv,
  Copenhagen also with Odense (veterans), and the Copenhagen-Kyiv friendship agreement, whose
  list includes waste handling ("affaldshåndtering") and veterans.
- SKR (27 Feb 2024): Swedish programmes name no Ukrainian city, so they are listed, not drawn;
  SALAR International's projects (PROSTO, DSP, United4Ukraine, the MSW pre-study) are all
  financed by Sida; ICLD, the Committee of the Regions and CLRAE name no funder.
"""

from __future__ import annotations

import pytest

from partnerships import filters as filters_module
from partnerships.dataset import Dataset
from partnerships.filters import Filters, apply_filters, filters_from_query_params

CPH_KYIV_PROJECTS = "copenhagen-kyiv-projects"
CPH_KYIV_FRIENDSHIP = "copenhagen-kyiv-friendship"
CPH_ODENSE = "copenhagen-odense-veterans"
ODENSE_KYIV = "odense-kyiv"
ODENSE_MYKOLAIV = "odense-mykolaiv"
AALBORG_MYKOLAIV = "aalborg-mykolaiv"
AARHUS_LVIV = "aarhus-lviv"
IKAST_VOZNESENSK = "ikast-brande-voznesensk"

JOINT_DANISH_PROGRAMME = {
    CPH_KYIV_PROJECTS,
    CPH_ODENSE,
    ODENSE_KYIV,
    ODENSE_MYKOLAIV,
    AALBORG_MYKOLAIV,
    AARHUS_LVIV,
    IKAST_VOZNESENSK,
}
ALL_LINES = JOINT_DANISH_PROGRAMME | {CPH_KYIV_FRIENDSHIP}
SALAR = {"salar-ukraine", "prosto", "dsp", "united4ukraine", "msw-prestudy"}
SWEDISH = SALAR | {"icld-partnerships", "cor-alliance", "clrae-governance"}
NONE: set[str] = set()

FILTER_CASES = [
    # (filters, partnerships drawn, programmes listed without a Ukrainian partner)
    pytest.param(Filters(), ALL_LINES, SWEDISH, id="all"),
    pytest.param(
        Filters(theme=("waste",)), {IKAST_VOZNESENSK, CPH_KYIV_FRIENDSHIP}, {"msw-prestudy"}, id="theme=waste"
    ),
    pytest.param(Filters(theme=("wastewater",)), {AARHUS_LVIV}, NONE, id="theme=wastewater"),
    pytest.param(
        Filters(theme=("waste", "wastewater")),
        {IKAST_VOZNESENSK, CPH_KYIV_FRIENDSHIP, AARHUS_LVIV},
        {"msw-prestudy"},
        id="theme=waste,wastewater",
    ),
    pytest.param(
        Filters(theme=("veterans",)),
        {CPH_KYIV_PROJECTS, CPH_KYIV_FRIENDSHIP, CPH_ODENSE, ODENSE_KYIV, ODENSE_MYKOLAIV},
        {"prosto"},
        id="theme=veterans",
    ),
    pytest.param(
        Filters(theme=("rehabilitation",)), {ODENSE_KYIV, ODENSE_MYKOLAIV}, NONE, id="odense-with-kyiv-and-mykolaiv"
    ),
    pytest.param(
        Filters(theme=("climate-adaptation",)),
        {CPH_KYIV_PROJECTS, CPH_KYIV_FRIENDSHIP},
        NONE,
        id="copenhagen-kyiv-agreement-and-projects",
    ),
    pytest.param(Filters(theme=("heating",)), {AALBORG_MYKOLAIV}, NONE, id="theme=heating"),
    pytest.param(Filters(theme=("public-services",)), NONE, {"prosto"}, id="theme=public-services"),
    pytest.param(Filters(country="SE"), NONE, SWEDISH, id="country=SE"),
    pytest.param(Filters(country="DK"), ALL_LINES, NONE, id="country=DK"),
    pytest.param(Filters(country="UA"), ALL_LINES - {CPH_ODENSE}, NONE, id="country=UA"),
    pytest.param(Filters(funder="sida"), NONE, SALAR, id="funder=sida"),
    pytest.param(Filters(funder="ukraine-fund"), JOINT_DANISH_PROGRAMME, NONE, id="funder=ukraine-fund"),
    pytest.param(Filters(programme="salar-ukraine"), NONE, SALAR, id="programme=salar-ukraine-with-children"),
    pytest.param(Filters(programme="prosto"), NONE, {"prosto"}, id="programme=prosto"),
    pytest.param(Filters(programme="cph-kyiv-friendship"), {CPH_KYIV_FRIENDSHIP}, NONE, id="programme=friendship"),
    pytest.param(Filters(programme="dk-municipal-ukraine"), JOINT_DANISH_PROGRAMME, NONE, id="programme=joint-dk"),
    pytest.param(Filters(theme=("waste",), country="SE"), NONE, {"msw-prestudy"}, id="waste+SE"),
    pytest.param(Filters(theme=("waste",), funder="ukraine-fund"), {IKAST_VOZNESENSK}, NONE, id="waste+ukraine-fund"),
    pytest.param(
        Filters(theme=("decentralisation",), funder="sida"), NONE, {"salar-ukraine", "dsp"}, id="decentralisation+sida"
    ),
    pytest.param(
        Filters(theme=("decentralisation",)),
        NONE,
        {"salar-ukraine", "dsp", "cor-alliance", "clrae-governance"},
        id="decentralisation",
    ),
    pytest.param(Filters(country="DK", funder="sida"), NONE, NONE, id="DK+sida"),
    # A programme listed without a partner place is no tie, so a kind filter leaves it out.
    pytest.param(Filters(kind=("agreement",)), {CPH_KYIV_FRIENDSHIP}, NONE, id="kind=agreement"),
    pytest.param(Filters(kind=("programme-project",)), JOINT_DANISH_PROGRAMME, NONE, id="kind=programme-project"),
    pytest.param(Filters(kind=("agreement", "programme-project")), ALL_LINES, NONE, id="kind=both"),
    pytest.param(Filters(kind=("platform",)), NONE, NONE, id="kind=platform-none-in-seed"),
    pytest.param(
        Filters(kind=("agreement",), theme=("climate-adaptation",)), {CPH_KYIV_FRIENDSHIP}, NONE, id="agreement+climate"
    ),
    pytest.param(Filters(country="SE", programme="cph-kyiv-friendship"), NONE, NONE, id="SE+friendship"),
]


@pytest.mark.parametrize(("filters", "lines", "listed"), FILTER_CASES)
def test_apply_filters(dataset: Dataset, filters: Filters, lines: set[str], listed: set[str]) -> None:
    view = apply_filters(dataset, filters)
    assert set(view.partnerships["id"]) == lines
    assert set(view.unlinked_programmes["id"]) == listed
    # Each thing is shown once.
    assert len(view.partnerships) == len(lines)
    assert len(view.unlinked_programmes) == len(listed)


@pytest.mark.parametrize(("filters", "lines", "listed"), FILTER_CASES)
def test_view_places_are_the_ends_of_its_lines_and_owners_of_its_programmes(
    dataset: Dataset, filters: Filters, lines: set[str], listed: set[str]
) -> None:
    view = apply_filters(dataset, filters)
    ends = set(view.partnerships["from_place"]) | set(view.partnerships["to_place"])
    owners = {dataset.programme_by_id[p]["owner_place"] for p in listed} - {None}
    assert set(view.places["id"]) == ends | owners


def test_country_se_draws_no_line_but_shows_salar_international(dataset: Dataset) -> None:
    view = apply_filters(dataset, Filters(country="SE"))
    assert view.partnerships.empty
    assert set(view.places["id"]) == {"salar-international"}


@pytest.mark.parametrize(
    ("filters", "funding_rows"),
    [
        # The Danish grant pays for the joint programme, Sida's for all SALAR projects.
        (Filters(), {"dk-ukraine-fund-grant", "dk-copenhagen-share", "se-sida-salar"}),
        # The Copenhagen share belongs to the projects line, which waste does not draw.
        (Filters(theme=("waste",)), {"dk-ukraine-fund-grant", "se-sida-salar"}),
        # A child project shows the grant of its umbrella programme.
        (Filters(programme="prosto"), {"se-sida-salar"}),
        (Filters(country="SE"), {"se-sida-salar"}),
        (Filters(funder="sida"), {"se-sida-salar"}),
        (Filters(funder="ukraine-fund"), {"dk-ukraine-fund-grant", "dk-copenhagen-share"}),
        (Filters(programme="cph-kyiv-friendship"), set()),
        (Filters(theme=("climate-adaptation",)), {"dk-ukraine-fund-grant", "dk-copenhagen-share"}),
    ],
)
def test_funding_rows_follow_the_selection(dataset: Dataset, filters: Filters, funding_rows: set[str]) -> None:
    assert set(apply_filters(dataset, filters).funding["id"]) == funding_rows


QUERY_CASES = [
    # (URL query parameters, filters read from them)
    ({}, Filters()),
    ({"theme": "waste"}, Filters(theme=("waste",))),
    ({"theme": "waste,veterans"}, Filters(theme=("waste", "veterans"))),
    ({"theme": ["waste", "veterans"]}, Filters(theme=("waste", "veterans"))),
    ({"theme": "waste,waste"}, Filters(theme=("waste",))),
    ({"theme": " waste "}, Filters(theme=("waste",))),
    ({"theme": ""}, Filters()),
    ({"country": "SE"}, Filters(country="SE")),
    ({"country": "se"}, Filters(country="SE")),
    ({"funder": "sida"}, Filters(funder="sida")),
    ({"programme": "salar-ukraine"}, Filters(programme="salar-ukraine")),
    ({"theme": "waste", "lang": "da", "p": "ikast-brande-voznesensk"}, Filters(theme=("waste",))),
    # Unknown ids (a stale or mistyped link) are dropped; the rest still applies.
    ({"theme": "waste,recycling"}, Filters(theme=("waste",))),
    ({"theme": "recycling"}, Filters()),
    ({"country": "NO"}, Filters()),
    ({"funder": "nobody", "country": "DK"}, Filters(country="DK")),
    ({"programme": "no-such-programme"}, Filters()),
    ({"theme": "<script>", "funder": "' OR 1=1", "programme": "../../etc"}, Filters()),
]


@pytest.mark.parametrize(("params", "expected"), QUERY_CASES)
def test_filters_from_query_params(dataset: Dataset, params: dict, expected: Filters) -> None:
    assert filters_from_query_params(params, dataset) == expected


@pytest.mark.parametrize(
    ("params", "lines", "listed"),
    [
        ({"theme": "waste"}, {IKAST_VOZNESENSK, CPH_KYIV_FRIENDSHIP}, {"msw-prestudy"}),
        ({"country": "se"}, NONE, SWEDISH),
        ({"funder": "sida"}, NONE, SALAR),
        ({"programme": "salar-ukraine"}, NONE, SALAR),
        # A link with only unknown ids opens the full map instead of an empty one.
        ({"theme": "recycling", "country": "XX", "funder": "nobody"}, ALL_LINES, SWEDISH),
    ],
)
def test_url_to_view(dataset: Dataset, params: dict, lines: set[str], listed: set[str]) -> None:
    view = apply_filters(dataset, filters_from_query_params(params, dataset))
    assert set(view.partnerships["id"]) == lines
    assert set(view.unlinked_programmes["id"]) == listed


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(theme=("waste",)),
        Filters(theme=("waste", "veterans"), country="DK"),
        Filters(funder="sida", programme="prosto"),
        Filters(theme=("decentralisation",), funder="sida", country="SE", programme="salar-ukraine"),
    ],
)
def test_a_shared_link_restores_the_same_filters(dataset: Dataset, filters: Filters) -> None:
    assert filters_from_query_params(filters.to_query_params(), dataset) == filters


def test_default_view_has_a_clean_url() -> None:
    assert Filters().to_query_params() == {}
    assert Filters().is_empty
    assert Filters(theme=("waste",)).to_query_params() == {"theme": "waste"}
    assert not Filters(country="SE").is_empty


def test_remembered_verdicts_give_the_same_view_and_stay_bounded(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filters_module, "VERDICTS_KEPT", 3)
    selections = [Filters(theme=("waste",)), Filters(country="SE"), Filters(funder="sida"), Filters(year=2024)]
    first = [apply_filters(dataset, filters) for filters in selections]
    # Asked again (some remembered, some pushed out by newer choices): the same rows.
    again = [apply_filters(dataset, filters) for filters in reversed(selections)][::-1]
    for before, after in zip(first, again, strict=True):
        assert before.partnerships["id"].tolist() == after.partnerships["id"].tolist()
        assert before.funding["id"].tolist() == after.funding["id"].tolist()
        assert before.undated == after.undated
    assert len(dataset.derived("filter_verdicts", dict)) <= 3
