"""The contract is a Frictionless Data Package, and the standard's validator agrees with ours.

Both validators run on the same fixtures (tests/fixtures/datasets.py) and must find the
same files broken, except for the rules the Table Schema standard cannot express, which
data/datapackage.json lists under "x-checks" and only our loader applies.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from frictionless import validate

from partnerships.dataset import DATAPACKAGE_PATH, DEFAULT_DATA_DIR, DatasetError, contract_files, load_dataset
from tests.fixtures.datasets import (
    DAMAGES,
    copy_seed,
    write_bad_dataset,
    write_damaged_dataset,
    write_hostile_dataset,
    write_stated_share,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
# Damages that break a rule only our loader checks (data/datapackage.json "x-checks").
ONLY_OURS = {
    "unknown-theme-in-list": "each id of a ';' list is checked against themes (no list foreign keys in the standard)",
    "currency-not-iso": "the pattern checks three capitals; ISO 4217 membership is ours",
    "coordinates-swapped": "a place must lie inside its country",
    "end-before-start": "a rule across two columns",
}


def ours(folder: Path) -> set[str]:
    try:
        load_dataset(folder)
    except DatasetError as error:
        return {problem.file for problem in error.problems}
    return set()


def theirs(folder: Path) -> set[str]:
    shutil.copy(DATAPACKAGE_PATH, folder / "datapackage.json")
    report = validate(str(folder / "datapackage.json"))
    return {task.place for task in report.tasks if not task.valid}


def test_frictionless_validate_passes_on_the_bundled_data() -> None:
    command = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(command), "validate", "data/datapackage.json"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_datapackage_is_the_one_contract() -> None:
    assert not (DEFAULT_DATA_DIR / "schema.json").exists()
    package = json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8"))
    assert [resource["path"] for resource in package["resources"]] == list(contract_files())
    for resource in package["resources"]:
        assert resource["schema"]["primaryKey"], resource["name"]


def test_contract_reads_the_standard_properties() -> None:
    places = contract_files()["places.csv"]["columns"]
    assert places["lat"] == {"type": "number", "required": True, "min": -90, "max": 90}
    assert places["country"]["values"] == ["DK", "SE", "NO", "FI", "IS", "UA"]
    partnerships = contract_files()["partnerships.csv"]["columns"]
    assert partnerships["from_place"]["type"] == "ref" and partnerships["from_place"]["to"] == "places.csv"
    assert partnerships["themes"]["type"] == "refs" and partnerships["themes"]["to"] == "themes.csv"
    assert contract_files()["programmes.csv"]["columns"]["parent"]["to"] == "programmes.csv"
    assert contract_files()["exchange_rates.csv"]["key"] == "currency"
    assert contract_files()["exchange_rates.csv"]["reference"] is True


GOOD: dict[str, Callable[[Path], object]] = {
    "seed": copy_seed,
    "hostile-name": write_hostile_dataset,
    "stated-share": write_stated_share,
}


@pytest.mark.parametrize("fixture", sorted(GOOD))
def test_both_validators_accept_good_fixtures(tmp_path: Path, fixture: str) -> None:
    GOOD[fixture](tmp_path)
    assert ours(tmp_path) == set()
    assert theirs(tmp_path) == set()


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_both_validators_find_the_same_broken_files(tmp_path: Path, damage: str) -> None:
    file = write_damaged_dataset(tmp_path, damage)
    found = ours(tmp_path)
    assert file in found
    if damage in ONLY_OURS:
        assert theirs(tmp_path) == found - {file}, ONLY_OURS[damage]
    else:
        assert theirs(tmp_path) == found


def test_both_validators_on_the_bad_dataset(tmp_path: Path) -> None:
    expected = write_bad_dataset(tmp_path)
    found = ours(tmp_path)
    assert found == {file for file, _, _ in expected}
    # Kyiv's swapped coordinates are the one damage there that only our loader can see.
    assert theirs(tmp_path) == found - {"places.csv"}
