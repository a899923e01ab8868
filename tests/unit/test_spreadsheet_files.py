"""Files as Excel saves them, through the one loader and `make check-data`: read with one notice,
or, where ambiguous, one problem that names the cause and the fix, and nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from partnerships.dataset import DATA_DIR_VARIABLE, DatasetError, load_dataset
from tests.fixtures.datasets import (
    AMBIGUOUS,
    SEED_DATA_DIR,
    folder_frames,
    write_ambiguous_csv,
    write_excel_csv,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


def problems_of(folder: Path) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    return caught.value


def test_danish_excel_semicolon_file_reads_as_the_seed(tmp_path: Path) -> None:
    """places.csv from Danish Excel's "CSV UTF-8": ';', decimal commas, CRLF, a byte order mark."""
    folder = write_excel_csv(tmp_path, "places.csv", encoding="utf-8-sig")
    assert b";" in (folder / "places.csv").read_bytes()[:40]
    dataset = load_dataset(folder)
    assert folder_frames(dataset) == folder_frames(load_dataset(SEED_DATA_DIR))
    (notice,) = dataset.notices
    assert notice.file == "places.csv"
    for said in ("';'", "decimal commas", "byte order mark", "make import-workbook"):
        assert said in notice.message
    # One line: a notice is read at a glance.
    assert "\n" not in str(notice)


def test_windows_1252_file_reads_as_the_seed(tmp_path: Path) -> None:
    """sources.csv from Excel's plain "CSV" on Windows: every letter fits Windows-1252."""
    folder = write_excel_csv(tmp_path, "sources.csv", encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        (folder / "sources.csv").read_bytes().decode("utf-8")
    dataset = load_dataset(folder)
    assert folder_frames(dataset) == folder_frames(load_dataset(SEED_DATA_DIR))
    (notice,) = dataset.notices
    assert "Windows-1252" in notice.message


def test_windows_1252_places_lose_ukrainian_letters_one_problem(tmp_path: Path) -> None:
    folder = write_excel_csv(tmp_path, "places.csv", encoding="cp1252")
    error = problems_of(folder)
    (problem,) = error.problems
    assert (problem.file, problem.row, problem.column) == ("places.csv", None, None)
    assert "Windows-1252" in problem.message and "CSV UTF-8" in problem.message


@pytest.mark.parametrize("kind", AMBIGUOUS)
def test_an_ambiguous_file_is_one_problem_not_a_cascade(tmp_path: Path, kind: str) -> None:
    file, phrase = write_ambiguous_csv(tmp_path, kind)
    error = problems_of(tmp_path)
    # Not one problem per row, nor an unknown place on every partnership that names one.
    (problem,) = error.problems
    assert (problem.file, problem.row, problem.column) == (file, None, None)
    assert phrase in problem.message


def test_check_data_prints_the_notice_and_passes(tmp_path: Path) -> None:
    folder = write_excel_csv(tmp_path, "places.csv")
    env = dict(os.environ, **{DATA_DIR_VARIABLE: str(folder)})
    result = subprocess.run(
        [sys.executable, "-m", "partnerships.check"], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Note: places.csv" in result.stderr and "';'" in result.stderr


def test_check_data_prints_one_line_for_an_ambiguous_file(tmp_path: Path) -> None:
    write_ambiguous_csv(tmp_path, "mixed-decimals")
    env = dict(os.environ, **{DATA_DIR_VARIABLE: str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-m", "partnerships.check"], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert len(lines) == 1 and lines[0].strip().startswith("places.csv: column 'lat' mixes decimal commas")
