"""The one loader: read every CSV of the data folder, validate it, return typed tables."""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from partnerships.validation import (
    FIRST_DATA_LINE,
    Problem,
    check_cells,
    check_columns,
    check_rules,
    check_unique_ids,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "data"
# The contract belongs to the code, not to whichever folder is being loaded: a fixture
# folder is validated against the same schema as the bundled data.
SCHEMA_PATH = DEFAULT_DATA_DIR / "schema.json"
DATA_DIR_VARIABLE = "PARTNERSHIP_MAP_DATA"


def problem_count(count: int) -> str:
    """'1 problem', '3 problems': the command line's English (the app says it in the reader's language)."""
    return f"{count} problem" if count == 1 else f"{count} problems"


class DatasetError(Exception):
    """The data folder breaks the contract; `problems` lists every problem found."""

    def __init__(self, data_dir: Path, problems: list[Problem]):
        self.data_dir = data_dir
        self.problems = problems
        super().__init__(f"{problem_count(len(problems))} in {data_dir}:\n" + "\n".join(map(str, problems)))


@dataclass(frozen=True)
class Dataset:
    """All tables, typed: ids are strings, theme lists are tuples, amounts are floats.

    The frames are for selecting and counting rows (the filters work on them); a missing
    value there is an empty string or NaN. Values are read from the records (`*_by_id`,
    or `records_of(view_frame, by_id)`), where a value the sources don't state is None.
    """

    places: pd.DataFrame
    partnerships: pd.DataFrame
    programmes: pd.DataFrame
    funding: pd.DataFrame
    funders: pd.DataFrame
    themes: pd.DataFrame
    sources: pd.DataFrame
    figures: pd.DataFrame
    # Reference data, not facts: the euro rates the Funding page converts with.
    exchange_rates: pd.DataFrame

    @cached_property
    def place_by_id(self) -> dict[str, dict]:
        return _records_by_id(self.places)

    @cached_property
    def partnership_by_id(self) -> dict[str, dict]:
        return _records_by_id(self.partnerships)

    @cached_property
    def programme_by_id(self) -> dict[str, dict]:
        return _records_by_id(self.programmes)

    @cached_property
    def funding_by_id(self) -> dict[str, dict]:
        return _records_by_id(self.funding)

    @cached_property
    def figure_by_id(self) -> dict[str, dict]:
        return _records_by_id(self.figures)

    @cached_property
    def funder_by_id(self) -> dict[str, dict]:
        return _records_by_id(self.funders)

    @cached_property
    def source_by_id(self) -> dict[str, dict]:
        return _records_by_id(self.sources)

    @cached_property
    def theme_by_id(self) -> dict[str, dict]:
        return _records_by_id(self.themes)

    @cached_property
    def theme_ids(self) -> list[str]:
        """Theme ids in the order of themes.csv, which also fixes their palette order."""
        return list(self.themes["id"])


def stated(value: object) -> object | None:
    """The value, or None where the sources don't state it (an empty cell, NaN or pd.NA in a frame)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return None if isinstance(value, str) and not value else value


def records(frame: pd.DataFrame) -> list[dict]:
    """A table's rows as dicts, each unstated value None: the one place where missing values are converted."""
    return [{column: stated(value) for column, value in row.items()} for row in frame.to_dict("records")]


def records_of(frame: pd.DataFrame, by_id: Mapping[str, dict]) -> list[dict]:
    """The records of the rows a frame selects (a view's partnerships, funding, ...), in the frame's order."""
    return [by_id[row_id] for row_id in frame["id"]]


def _records_by_id(frame: pd.DataFrame) -> dict[str, dict]:
    """Row lookups by id: the pages look records up thousands of times per view."""
    return {record["id"]: record for record in records(frame)}


def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def contract_files() -> dict[str, dict]:
    """Every file the loader reads: the facts, then the reference tables."""
    contract = schema()
    return contract["files"] | contract.get("reference_files", {}).get("files", {})


def _source_path(folder: Path, file: str) -> Path:
    """The folder's own file; for a reference table it lacks, the bundled one."""
    path = folder / file
    if not path.is_file() and file in schema().get("reference_files", {}).get("files", {}):
        return DEFAULT_DATA_DIR / file
    return path


def data_dir_from_environment() -> Path:
    """The folder named by PARTNERSHIP_MAP_DATA, else the bundled data/."""
    return Path(os.environ.get(DATA_DIR_VARIABLE) or DEFAULT_DATA_DIR)


def read_table(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Read one CSV as strings, reporting unreadable files and ragged rows instead of raising."""
    file = path.name
    if not path.is_file():
        return pd.DataFrame(), [Problem(file, None, None, f"file is missing from {path.parent}")]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        return pd.DataFrame(), [Problem(file, None, None, f"is not UTF-8 text ({error.reason} at byte {error.start})")]
    records = list(csv.reader(text.splitlines()))
    if not records:
        return pd.DataFrame(), [Problem(file, None, None, "is empty: it needs a header row")]
    header = [name.strip() for name in records[0]]
    problems = []
    rows = []
    row_numbers = []
    for offset, record in enumerate(records[1:]):
        if not any(cell.strip() for cell in record):
            continue  # blank lines are harmless, e.g. a trailing newline
        if len(record) != len(header):
            problems.append(
                Problem(
                    file, offset + FIRST_DATA_LINE, None, f"has {len(record)} fields but the header has {len(header)}"
                )
            )
        rows.append([cell.strip() for cell in (record + [""] * len(header))[: len(header)]])
        row_numbers.append(offset + FIRST_DATA_LINE)
    # Indexed by spreadsheet row number, so problems name the row a person sees, blank lines included.
    return pd.DataFrame(rows, columns=header, index=row_numbers, dtype=str), problems


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Load and validate the data folder; raise DatasetError listing every problem."""
    folder = Path(data_dir) if data_dir is not None else data_dir_from_environment()
    files = contract_files()
    contract = {"files": files}
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for file in files:
        table, read_problems = read_table(_source_path(folder, file))
        tables[file] = table
        problems += read_problems
    problems += [
        p for file, table in tables.items() if not table.columns.empty for p in check_columns(file, table, contract)
    ]
    ids = {file: set(table["id"]) for file, table in tables.items() if "id" in table.columns}
    for file, table in tables.items():
        problems += check_unique_ids(file, table, files[file].get("key", "id"))
        problems += check_cells(file, table, contract, ids)
    problems += check_rules(tables)
    if problems:
        raise DatasetError(folder, sorted(set(problems), key=_problem_order))
    return _typed(tables)


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.row or 0, problem.column or "", problem.message)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _typed(tables: dict[str, pd.DataFrame]) -> Dataset:
    def table(file: str) -> pd.DataFrame:
        frame = tables[file].copy()
        for name, spec in contract_files()[file]["columns"].items():
            if name not in frame.columns:
                frame[name] = ""
            if spec["type"] in ("float", "number"):
                frame[name] = pd.to_numeric(frame[name].replace("", None), errors="coerce").astype(float)
            elif spec["type"] == "integer":
                frame[name] = pd.to_numeric(frame[name].replace("", None), errors="coerce").astype("Int64")
            elif spec["type"] == "refs":
                frame[name] = frame[name].map(_split)
        return frame.reset_index(drop=True)

    return Dataset(
        places=table("places.csv"),
        partnerships=table("partnerships.csv"),
        programmes=table("programmes.csv"),
        funding=table("funding.csv"),
        funders=table("funders.csv"),
        themes=table("themes.csv"),
        sources=table("sources.csv"),
        figures=table("figures.csv"),
        exchange_rates=table("exchange_rates.csv"),
    )
