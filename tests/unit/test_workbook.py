"""The workbook round trip: export, edit in Excel, import with the loader's rules, all files or none."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partnerships import workbook as workbook_module
from partnerships.dataset import DATA_DIR_VARIABLE, DEFAULT_DATA_DIR, contract_files
from partnerships.workbook import export_workbook, import_workbook, main
from tests.fixtures.datasets import SEED_DATA_DIR, copy_seed, edit_workbook, write_excel_csv, write_seed_workbook

REPO_ROOT = Path(__file__).resolve().parents[2]


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.csv"))}


@pytest.mark.parametrize("source", [SEED_DATA_DIR, DEFAULT_DATA_DIR], ids=["seed", "bundled"])
def test_round_trip_gives_byte_identical_csvs(tmp_path: Path, source: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for path in source.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    before = folder_bytes(folder)
    book = export_workbook(folder, tmp_path / "data.xlsx")
    # Into an empty folder: every file is written from the workbook alone.
    empty = tmp_path / "empty"
    result = import_workbook(book, empty)
    assert result.problems == []
    assert folder_bytes(empty) == before
    # Into the folder it came from: nothing changed, nothing written.
    assert import_workbook(book, folder).written == []
    assert folder_bytes(folder) == before


def test_workbook_layout(tmp_path: Path) -> None:
    book = load_workbook(write_seed_workbook(tmp_path / "seed.xlsx"))
    assert book.sheetnames == [file.removesuffix(".csv") for file in contract_files()]
    partnerships = book["partnerships"]
    assert partnerships.freeze_panes == "A2"
    header = [cell.value for cell in partnerships[1]]
    assert header[:3] == ["id", "from_place", "to_place"]
    lists = {}
    for validation in partnerships.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            lists[header[cell_range.min_col - 1]] = validation.formula1
    assert "places'!$A$2:" in lists["from_place"] and "places'!$A$2:" in lists["to_place"]
    assert "programmes'!$A$2:" in lists["programme"] and "themes'!$A$2:" in lists["themes"]
    assert lists["kind"] == '"agreement,programme-project,funded-project,platform,intent"'
    assert lists["status"] == '"active,intent,planned,ended,not-stated"'
    places = book["places"]
    country = [cell.value for cell in places[1]].index("country")
    assert any(v.formula1 == '"DK,SE,NO,FI,IS,UA"' for v in places.data_validations.dataValidation)
    # Every cell is text, so Excel keeps "2024-03" a period and "0042" an id.
    assert places.cell(row=2, column=country + 1).number_format == "@"


def test_an_edit_is_written_and_only_its_file(tmp_path: Path) -> None:
    folder = copy_seed(tmp_path / "data")
    book = export_workbook(folder, tmp_path / "data.xlsx")
    edit_workbook(book, "partnerships", "aarhus-lviv", "status", "ended")
    # A Danish Excel user types a decimal comma into a latitude, and a whole number as a number.
    edit_workbook(book, "places", "kyiv", "lat", "50,4502")
    edit_workbook(book, "funding", "dk-ukraine-fund-grant", "amount", 21000000.0)
    before = folder_bytes(folder)
    result = import_workbook(book, folder)
    assert result.problems == []
    assert sorted(result.written) == ["funding.csv", "partnerships.csv", "places.csv"]
    after = folder_bytes(folder)
    assert [file for file in before if before[file] != after[file]] == sorted(result.written)
    assert b",50.4502," in after["places.csv"]
    assert b",21000000," in after["funding.csv"]


def test_problems_name_sheet_row_and_column_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_seed(tmp_path / "data")
    book = export_workbook(folder, tmp_path / "data.xlsx")
    row = edit_workbook(book, "partnerships", "aarhus-lviv", "to_place", "atlantis")
    edit_workbook(book, "places", "odense", "name", "Odense, Fyn")  # a fine edit, not written either
    before = folder_bytes(folder)
    result = import_workbook(book, folder)
    assert [(p.file, p.row, p.column) for p in result.problems] == [("partnerships.csv", row, "to_place")]
    assert folder_bytes(folder) == before
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(folder))
    assert main(["import", str(book)]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err
    assert f"sheet 'partnerships', row {row}, column 'to_place': unknown id 'atlantis'" in err


def test_a_value_right_of_the_header_is_not_lost(tmp_path: Path) -> None:
    book_path = write_seed_workbook(tmp_path / "seed.xlsx")
    book = load_workbook(book_path)
    sheet = book["themes"]
    sheet.cell(row=3, column=sheet.max_column + 2, value="forgotten note")
    book.save(book_path)
    (problem,) = import_workbook(book_path, tmp_path / "out").problems
    assert (problem.file, problem.row) == ("themes.csv", 3)


def test_all_files_or_none_when_a_replace_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_seed(tmp_path / "data")
    book = export_workbook(folder, tmp_path / "data.xlsx")
    edit_workbook(book, "partnerships", "aarhus-lviv", "status", "ended")
    edit_workbook(book, "places", "kyiv", "name", "Kyiv city")
    before = folder_bytes(folder)
    real_replace = os.replace
    calls = []

    def failing_replace(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(workbook_module.os, "replace", failing_replace)
    with pytest.raises(OSError):
        import_workbook(book, folder)
    assert folder_bytes(folder) == before
    assert not [path for path in folder.iterdir() if path.name.endswith(".tmp")]


def test_an_excel_saved_csv_comes_back_in_the_contract_format(tmp_path: Path) -> None:
    """Export reads what the loader reads; the import writes it the way the contract says."""
    folder = write_excel_csv(tmp_path / "data", "places.csv")
    import_workbook(export_workbook(folder, tmp_path / "data.xlsx"), folder)
    assert (folder / "places.csv").read_bytes() == (SEED_DATA_DIR / "places.csv").read_bytes()


def test_make_import_workbook_without_file_says_how() -> None:
    result = subprocess.run(["make", "import-workbook", "FILE="], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert "make import-workbook FILE=" in result.stderr
