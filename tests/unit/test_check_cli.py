"""`python -m partnerships.check`: the same validation as the app, for people editing the CSVs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from partnerships.dataset import DATA_DIR_VARIABLE, DEFAULT_DATA_DIR, load_dataset
from tests.fixtures.datasets import write_bad_dataset


def run_check(repo_root: Path, *args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != DATA_DIR_VARIABLE}
    if data_dir is not None:
        env[DATA_DIR_VARIABLE] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "partnerships.check", *args],
        cwd=repo_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_bundled_data_passes(repo_root: Path) -> None:
    result = run_check(repo_root)
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout
    assert f"{len(load_dataset(DEFAULT_DATA_DIR).partnerships)} partnerships" in result.stdout


def test_bad_data_fails_with_the_whole_list(repo_root: Path, tmp_path: Path) -> None:
    expected = write_bad_dataset(tmp_path)
    result = run_check(repo_root, str(tmp_path))
    assert result.returncode == 1
    lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
    for file, row, column in expected:
        where = file + (f", row {row}" if row is not None else "") + (f", column '{column}'" if column else "")
        assert any(line.startswith(where + ":") for line in lines), f"{where} not in:\n{result.stderr}"
    assert f"{len(expected)} problem" in result.stderr
    assert "Traceback" not in result.stderr


def test_data_folder_from_the_environment(repo_root: Path, tmp_path: Path) -> None:
    write_bad_dataset(tmp_path)
    result = run_check(repo_root, data_dir=tmp_path)
    assert result.returncode == 1
    assert "atlantis" in result.stderr
