"""The loader: the bundled data loads, and bad data gives every problem at once, located."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from geo.places import within_country
from partnerships.dataset import DATA_DIR_VARIABLE, Dataset, DatasetError, load_dataset, records_of
from tests.fixtures.datasets import (
    HOSTILE_NAME,
    copy_seed,
    read_csv,
    spreadsheet_row,
    write_bad_dataset,
    write_csv,
    write_hostile_dataset,
    write_large_dataset,
)

# "Der er indgået samarbejde mellem: Aalborg og Mykolaiv, Aarhus og Lviv, København og Kyiv,
# Odense, Kyiv og Mykolaiv, Ikast-Brande og Voznesensk" (DK Nyt, 7 Feb 2024).
DK_NYT_PAIRS = {
    ("aalborg", "mykolaiv"),
    ("aarhus", "lviv"),
    ("copenhagen", "kyiv"),
    ("odense", "kyiv"),
    ("odense", "mykolaiv"),
    ("ikast-brande", "voznesensk"),
}


def located(error: DatasetError) -> set[tuple[str, int | None, str | None]]:
    return {(problem.file, problem.row, problem.column) for problem in error.problems}


def load_problems(folder: Path) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    return caught.value


def test_bundled_data_loads(dataset: Dataset) -> None:
    pairs = set(zip(dataset.partnerships["from_place"], dataset.partnerships["to_place"], strict=True))
    assert pairs >= DK_NYT_PAIRS
    # The five seed articles are the five sources.
    assert len(dataset.sources) == 5
    assert len(dataset.partnerships) == 8


def test_loaded_tables_are_typed(dataset: Dataset) -> None:
    waste = dataset.partnerships.set_index("id").loc["ikast-brande-voznesensk"]
    assert waste["themes"] == ("waste",)
    amounts = dataset.funding.set_index("id")["amount"]
    assert amounts["dk-ukraine-fund-grant"] == 20_000_000
    # Unstated is missing, never zero.
    assert math.isnan(amounts["dk-copenhagen-share"])
    kyiv = dataset.place_by_id["kyiv"]
    assert isinstance(kyiv["lat"], float) and isinstance(kyiv["lon"], float)


@pytest.mark.parametrize(
    ("table", "row_id", "column"),
    [
        ("funding_by_id", "dk-copenhagen-share", "amount"),  # a number: NaN in the frame
        ("funding_by_id", "dk-copenhagen-share", "currency"),  # text: an empty cell
        ("programme_by_id", "cph-kyiv-friendship", "end"),
        ("partnership_by_id", "aarhus-lviv", "duration_years"),  # an integer: pd.NA in the frame
        ("source_by_id", "kk-refugee-agreement", "publisher"),
    ],
)
def test_unstated_is_none_in_records(dataset: Dataset, table: str, row_id: str, column: str) -> None:
    assert getattr(dataset, table)[row_id][column] is None


def test_records_hold_no_nan_or_empty_text(dataset: Dataset) -> None:
    tables = ("place_by_id", "partnership_by_id", "programme_by_id", "funding_by_id", "funder_by_id")
    tables += ("source_by_id", "theme_by_id", "figure_by_id")
    for table in tables:
        for record in getattr(dataset, table).values():
            for column, value in record.items():
                assert value is None or (value == value and value is not pd.NA and value != ""), (table, column)
    assert dataset.programme_by_id["cph-kyiv-friendship"]["duration_years"] == 3


def test_records_of_a_view_keep_its_order(dataset: Dataset) -> None:
    frame = dataset.funding.iloc[::-1]
    assert [record["id"] for record in records_of(frame, dataset.funding_by_id)] == list(frame["id"])


def test_data_folder_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_seed(tmp_path / "data")
    path = folder / "partnerships.csv"
    header, rows = read_csv(path)
    write_csv(path, header, rows[:3])
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(folder))
    assert len(load_dataset().partnerships) == 3


def test_every_problem_is_reported_at_once_with_file_row_and_column(tmp_path: Path) -> None:
    expected = write_bad_dataset(tmp_path)
    error = load_problems(tmp_path)
    assert located(error) == set(expected)
    assert len(error.problems) == len(expected)


@pytest.mark.parametrize(
    ("file", "column", "shown_value"),
    [
        ("partnerships.csv", "to_place", "atlantis"),
        ("partnerships.csv", "themes", "space-travel"),
        ("partnerships.csv", "id", "aalborg-mykolaiv"),
        ("funding.csv", "amount", "20 mio."),
        ("funding.csv", "currency", "DKR"),
        ("sources.csv", "date", "7. FEB 2024"),
    ],
)
def test_problem_message_names_the_bad_value(tmp_path: Path, file: str, column: str, shown_value: str) -> None:
    write_bad_dataset(tmp_path)
    error = load_problems(tmp_path)
    (problem,) = [p for p in error.problems if (p.file, p.column) == (file, column)]
    assert shown_value in problem.message
    assert f"{file}, row {problem.row}, column '{column}'" in str(problem)
    # The exception's own text lists every problem, for logs and the command line.
    assert str(problem) in str(error)


def test_swapped_coordinates_are_reported_on_the_place_row(tmp_path: Path) -> None:
    write_bad_dataset(tmp_path)
    header, rows = read_csv(tmp_path / "places.csv")
    error = load_problems(tmp_path)
    (problem,) = [p for p in error.problems if p.file == "places.csv"]
    assert problem.row == spreadsheet_row(rows, header, "kyiv")
    assert "UA" in problem.message


def test_ragged_row_is_reported_without_a_column(tmp_path: Path) -> None:
    write_bad_dataset(tmp_path)
    (problem,) = [p for p in load_problems(tmp_path).problems if p.file == "themes.csv"]
    assert problem.column is None
    assert "6" in problem.message and "5" in problem.message


def test_file_that_is_not_utf8_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    folder = copy_seed(tmp_path)
    places = folder / "places.csv"
    # Saved from a spreadsheet in Windows-1252: "København" becomes the byte 0xF8.
    places.write_bytes(places.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    error = load_problems(folder)
    place_problems = [p for p in error.problems if p.file == "places.csv"]
    assert [(p.row, p.column) for p in place_problems] == [(None, None)]
    assert "UTF-8" in place_problems[0].message


def test_missing_file(tmp_path: Path) -> None:
    folder = copy_seed(tmp_path)
    (folder / "figures.csv").unlink()
    error = load_problems(folder)
    assert located(error) == {("figures.csv", None, None)}
    assert "missing" in error.problems[0].message


def test_missing_required_column(tmp_path: Path) -> None:
    folder = copy_seed(tmp_path)
    path = folder / "partnerships.csv"
    header, rows = read_csv(path)
    drop = header.index("quote")
    write_csv(path, header[:drop] + header[drop + 1 :], [row[:drop] + row[drop + 1 :] for row in rows])
    error = load_problems(folder)
    assert located(error) == {("partnerships.csv", None, "quote")}


def test_extra_columns_are_allowed(tmp_path: Path) -> None:
    folder = copy_seed(tmp_path)
    path = folder / "partnerships.csv"
    header, rows = read_csv(path)
    write_csv(path, header + ["contact_person"], [row + ["someone"] for row in rows])
    loaded = load_dataset(folder)
    assert len(loaded.partnerships) == len(rows)
    assert set(loaded.partnerships["contact_person"]) == {"someone"}


def test_trailing_blank_lines_are_harmless(tmp_path: Path) -> None:
    folder = copy_seed(tmp_path)
    path = folder / "partnerships.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    assert len(load_dataset(folder).partnerships) == 8


def test_row_numbers_match_the_file_after_a_blank_line(tmp_path: Path) -> None:
    """A blank line is a row in a spreadsheet and a line in an editor: later rows keep their numbers."""
    folder = copy_seed(tmp_path)
    path = folder / "partnerships.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "")  # line 3 of the file is now blank
    last = len(lines)  # the Ikast-Brande row is the last line
    assert lines[-1].startswith("ikast-brande-voznesensk,")
    lines[-1] = lines[-1].replace("ikast-brande,voznesensk", "ikast-brande,atlantis")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = load_problems(folder)
    assert located(error) == {("partnerships.csv", last, "to_place")}


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_large_dataset_is_deterministic(tmp_path: Path) -> None:
    first = write_large_dataset(tmp_path / "a", n_partnerships=500, seed=0)
    again = write_large_dataset(tmp_path / "b", n_partnerships=500, seed=0)
    other = write_large_dataset(tmp_path / "c", n_partnerships=500, seed=1)
    assert folder_bytes(first) == folder_bytes(again)
    assert folder_bytes(first) != folder_bytes(other)


def test_large_dataset_is_valid_against_the_contract(tmp_path: Path, dataset: Dataset) -> None:
    large = load_dataset(write_large_dataset(tmp_path))
    assert len(large.partnerships) == 10_000
    assert list(large.themes["id"]) == list(dataset.themes["id"])
    for table in (large.partnerships, large.programmes, large.funding, large.figures):
        assert (table["source"] != "").all() and (table["quote"] != "").all()
    for place in large.places.to_dict("records"):
        assert place["country"] in ("DK", "SE", "UA")
        assert within_country(place["lat"], place["lon"], place["country"]), place["id"]
    countries = large.places.set_index("id")["country"]
    assert set(countries[large.partnerships["from_place"]]) == {"DK", "SE"}
    assert set(countries[large.partnerships["to_place"]]) == {"UA"}


def test_hostile_dataset_loads(tmp_path: Path) -> None:
    hostile = load_dataset(write_hostile_dataset(tmp_path))
    assert HOSTILE_NAME in set(hostile.places["name"])
