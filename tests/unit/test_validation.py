"""The contract's column types and cross-column rules, as tables of (value, accepted?)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.places import within_country
from partnerships.dataset import contract_files
from partnerships.validation import FIRST_DATA_LINE, Problem, check_cells, check_rules, check_unique_ids

IDS = {"themes.csv": {"waste", "veterans"}, "places.csv": {"kyiv", "copenhagen"}}


def contract_spec(kind: str) -> dict:
    """A column spec of this type as the Data Package gives it (with its pattern), so the
    cases below test the contract's own rules, not a copy of them."""
    specs = [spec for file in contract_files().values() for spec in file["columns"].values() if spec["type"] == kind]
    assert specs, f"no column of type {kind} in data/datapackage.json"
    return {key: value for key, value in specs[0].items() if key in ("type", "pattern")}


def cell_problems(spec: dict, value: str) -> list[Problem]:
    if spec["type"] in ("id", "period", "currency", "url", "refs"):
        spec = contract_spec(spec["type"]) | spec
    contract = {"files": {"t.csv": {"columns": {"c": spec}}}}
    return check_cells("t.csv", pd.DataFrame({"c": [value]}, dtype=str), contract, IDS)


@pytest.mark.parametrize(
    ("spec", "value", "accepted"),
    [
        ({"type": "id"}, "ikast-brande", True),
        ({"type": "id"}, "Ikast-Brande", False),
        ({"type": "id"}, "ikast brande", False),
        ({"type": "id"}, "ikast--brande", False),
        ({"type": "number", "min": 0}, "20000000", True),
        ({"type": "number", "min": 0}, "20 mio.", False),
        ({"type": "number", "min": 0}, "20.000.000", False),
        ({"type": "number", "min": 0}, "20,000,000", False),
        ({"type": "number", "min": 0}, "-5", False),
        ({"type": "number", "min": -90, "max": 90}, "55.6761", True),
        ({"type": "number", "min": -90, "max": 90}, "95", False),
        ({"type": "number", "min": -90, "max": 90}, "55,6761", False),
        ({"type": "number"}, "1e5", False),
        ({"type": "number"}, "NaN", False),
        ({"type": "integer", "min": 1, "max": 50}, "3", True),
        ({"type": "integer", "min": 1, "max": 50}, "3.5", False),
        ({"type": "integer", "min": 1, "max": 50}, "0", False),
        ({"type": "period"}, "2023", True),
        ({"type": "period"}, "2024-03", True),
        ({"type": "period"}, "2024-02-27", True),
        ({"type": "period"}, "2024-13", False),
        ({"type": "period"}, "03/2024", False),
        ({"type": "period"}, "spring 2023", False),
        ({"type": "date"}, "2024-02-07", True),
        ({"type": "date"}, "2024-02", False),
        ({"type": "date"}, "7. FEB 2024", False),
        ({"type": "date"}, "2024-02-30", False),
        ({"type": "currency"}, "DKK", True),
        ({"type": "currency"}, "SEK", True),
        ({"type": "currency"}, "EUR", True),
        ({"type": "currency"}, "UAH", True),
        ({"type": "currency"}, "DKR", False),
        ({"type": "currency"}, "kr.", False),
        ({"type": "currency"}, "dkk", False),
        ({"type": "url"}, "https://www.dknyt.dk/artikel/x", True),
        ({"type": "url"}, "www.dknyt.dk/artikel/x", False),
        ({"type": "url"}, "javascript:alert(1)", False),
        ({"type": "enum", "values": ["DK", "SE", "UA"]}, "SE", True),
        ({"type": "enum", "values": ["DK", "SE", "UA"]}, "Sweden", False),
        ({"type": "ref", "to": "places.csv"}, "kyiv", True),
        ({"type": "ref", "to": "places.csv"}, "kiev", False),
        ({"type": "refs", "to": "themes.csv"}, "waste;veterans", True),
        ({"type": "refs", "to": "themes.csv"}, "waste; veterans", True),
        ({"type": "refs", "to": "themes.csv"}, "waste;recycling", False),
        ({"type": "refs", "to": "themes.csv"}, "waste,veterans", False),
        # A reference into a file that could not be read is not checked: that file's own
        # problem says why (no cascade of unknown ids).
        ({"type": "ref", "to": "funders.csv"}, "anything", True),
        ({"type": "text", "required": True}, "anything", True),
        ({"type": "text", "required": True}, "", False),
        ({"type": "text", "required": True}, "   ", False),
        ({"type": "number"}, "", True),
    ],
)
def test_cell_types(spec: dict, value: str, accepted: bool) -> None:
    problems = cell_problems(spec, value)
    assert (problems == []) is accepted, problems
    for problem in problems:
        assert (problem.file, problem.row, problem.column) == ("t.csv", FIRST_DATA_LINE, "c")


def test_first_data_row_is_row_two() -> None:
    """Rows are counted as a spreadsheet shows them: the header is row 1."""
    assert FIRST_DATA_LINE == 2


def test_problem_reads_like_a_location() -> None:
    assert str(Problem("places.csv", 7, "lat", "is wrong")) == "places.csv, row 7, column 'lat': is wrong"
    assert str(Problem("figures.csv", None, None, "is missing")) == "figures.csv: is missing"


def test_duplicate_ids_point_at_the_second_row_and_name_the_first() -> None:
    table = pd.DataFrame({"id": ["kyiv", "lviv", "kyiv"]}, dtype=str)
    (problem,) = check_unique_ids("places.csv", table)
    assert (problem.row, problem.column) == (4, "id")
    assert "row 2" in problem.message


def record_problems(file: str, **record: str) -> set[tuple[int | None, str | None]]:
    return {(p.row, p.column) for p in check_rules({file: pd.DataFrame([record], dtype=str)})}


@pytest.mark.parametrize(
    ("file", "record", "expected"),
    [
        ("funding.csv", {"amount": "20000000", "currency": "DKK"}, set()),
        ("funding.csv", {"amount": "20000000", "currency": ""}, {(2, "currency")}),
        ("funding.csv", {"amount": "", "currency": ""}, set()),
        ("partnerships.csv", {"from_place": "odense", "to_place": "odense"}, {(2, "to_place")}),
        ("partnerships.csv", {"from_place": "odense", "to_place": "kyiv"}, set()),
        ("partnerships.csv", {"also_source": "kk-friendship", "also_quote": ""}, {(2, "also_quote")}),
        ("funding.csv", {"also_source": "", "also_quote": "20 millioner kroner"}, {(2, "also_source")}),
        ("programmes.csv", {"start": "2014", "end": "2024"}, set()),
        ("programmes.csv", {"start": "2024", "end": "2024-03"}, set()),
        ("programmes.csv", {"start": "2024-05", "end": "2024-03"}, {(2, "end")}),
        ("programmes.csv", {"start": "2024", "end": "2014"}, {(2, "end")}),
    ],
)
def test_cross_column_rules(file: str, record: dict, expected: set) -> None:
    assert record_problems(file, **record) == expected


@pytest.mark.parametrize(
    ("lat", "lon", "country", "inside"),
    [
        (50.45, 30.52, "UA", True),  # Kyiv
        (30.52, 50.45, "UA", False),  # Kyiv with lat/lon swapped: Iran
        (55.68, 12.57, "DK", True),  # Copenhagen
        (12.57, 55.68, "DK", False),
        (59.33, 18.07, "SE", True),  # Stockholm
        (47.57, 31.33, "UA", True),  # Voznesensk
        (39.96, -75.16, "UA", False),  # a namesake on another continent
    ],
)
def test_places_must_lie_in_their_country(lat: float, lon: float, country: str, inside: bool) -> None:
    assert within_country(lat, lon, country) is inside
    places = pd.DataFrame([{"lat": str(lat), "lon": str(lon), "country": country}], dtype=str)
    assert bool(check_rules({"places.csv": places})) is not inside


def test_contract_types_are_all_understood() -> None:
    known = {"id", "text", "enum", "integer", "number", "period", "currency", "url", "date", "ref", "refs"}
    files = contract_files()
    for file, spec in files.items():
        for column, column_spec in spec["columns"].items():
            assert column_spec["type"] in known, (file, column)
            if column_spec["type"] in ("ref", "refs"):
                assert column_spec["to"] in files, (file, column)
