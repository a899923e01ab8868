"""The one loader: read every CSV of the data folder, validate it, return typed tables."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TypeVar

import pandas as pd

from partnerships.csv_dialect import notice_line, read_csv_bytes
from partnerships.validation import (
    Notice,
    Problem,
    check_cells,
    check_columns,
    check_rules,
    check_unique_ids,
)

T = TypeVar("T")
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "data"
# The contract belongs to the code, not to whichever folder is being loaded: a fixture
# folder is validated against the same Data Package as the bundled data.
DATAPACKAGE_PATH = DEFAULT_DATA_DIR / "datapackage.json"
# Column types whose cells are numbers (a spreadsheet may write them with decimal commas).
NUMERIC_TYPES = ("number", "integer")
DATA_DIR_VARIABLE = "PARTNERSHIP_MAP_DATA"


def problem_count(count: int) -> str:
    """'1 problem', '3 problems': the command line's English (the app says it in the reader's language)."""
    return f"{count} problem" if count == 1 else f"{count} problems"


class DatasetError(Exception):
    """The data folder breaks the contract; `problems` lists every problem found.

    `notices` say which files were read although saved differently from the contract
    (a ';'-separated or Windows-1252 file): not problems, but worth saying where they are.
    """

    def __init__(self, data_dir: Path, problems: list[Problem], notices: list[Notice] | None = None):
        self.data_dir = data_dir
        self.problems = problems
        self.notices = list(notices or [])
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
    # Files read although saved differently from the contract (one line each; see csv_dialect).
    notices: tuple[Notice, ...] = field(default=())

    def derived(self, name: str, compute: Callable[[Dataset], T]) -> T:
        """`compute(self)`, worked out once: a dataset is read-only, so what follows from it
        alone (the years it spans, each row's filter subject) need not be recomputed per rerun."""
        cache = self.__dict__.setdefault("_derived", {})
        if name not in cache:
            cache[name] = compute(self)
        return cache[name]

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
    # tolist(): iterating an Arrow-backed column goes through Python per value (17x slower).
    return [by_id[row_id] for row_id in frame["id"].tolist()]


def _records_by_id(frame: pd.DataFrame) -> dict[str, dict]:
    """Row lookups by id: the pages look records up thousands of times per view."""
    return {record["id"]: record for record in records(frame)}


@lru_cache(maxsize=1)
def datapackage() -> dict:
    """data/datapackage.json: the contract as a Frictionless Data Package (read once per process)."""
    return json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def contract_files() -> dict[str, dict]:
    """Every file the loader reads, the facts first, as the rules our checks apply.

    Translated from the Data Package's Table Schemas into one spec per column:
    ``{"type", "required", "values", "min", "max", "pattern", "to"}``, where ``type`` is
    ours (id, text, enum, number, integer, period, date, currency, url, ref, refs): the
    standard's types and constraints, refined by the field's ``x-check`` property where the
    standard has no name for the rule (an id, a period, a list of ids), so that messages
    can say what was expected in words. Each file also has ``key`` (its primary key) and
    ``reference`` (reference data that a folder may leave out: the bundled copy is used).
    """
    return {resource["path"]: _file_contract(resource) for resource in datapackage()["resources"]}


def _file_contract(resource: dict) -> dict:
    table_schema = resource["schema"]
    paths = {other["name"]: other["path"] for other in datapackage()["resources"]}
    references = {}
    for foreign_key in table_schema.get("foreignKeys", []):
        target = foreign_key["reference"]["resource"]
        # An empty resource name is the standard's way to point into the same table.
        for name in foreign_key["fields"]:
            references[name] = paths[target] if target else resource["path"]
    columns = {}
    for spec in table_schema["fields"]:
        constraints = spec.get("constraints", {})
        column: dict = {"type": _column_type(spec, spec["name"] in references)}
        if constraints.get("required"):
            column["required"] = True
        if "enum" in constraints:
            column["values"] = list(constraints["enum"])
        if "minimum" in constraints:
            column["min"] = constraints["minimum"]
        if "maximum" in constraints:
            column["max"] = constraints["maximum"]
        if "pattern" in constraints:
            column["pattern"] = constraints["pattern"]
        if spec["name"] in references:
            column["to"] = references[spec["name"]]
        elif "x-references" in spec:
            column["to"] = paths[spec["x-references"]["resource"]]
        columns[spec["name"]] = column
    key = table_schema.get("primaryKey", ["id"])
    return {
        "key": key[0] if isinstance(key, list) else key,
        "reference": bool(resource.get("x-reference-table")),
        "columns": columns,
    }


def _column_type(spec: dict, is_foreign_key: bool) -> str:
    if spec.get("x-check"):
        return spec["x-check"]
    if is_foreign_key:
        return "ref"
    if spec["type"] == "string":
        return "enum" if "enum" in spec.get("constraints", {}) else "text"
    return spec["type"]  # number, integer, date


def _source_path(folder: Path, file: str) -> Path:
    """The folder's own file; for a reference table it lacks, the bundled one."""
    path = folder / file
    if not path.is_file() and contract_files()[file]["reference"]:
        return DEFAULT_DATA_DIR / file
    return path


def data_dir_from_environment() -> Path:
    """The folder named by PARTNERSHIP_MAP_DATA, else the bundled data/."""
    return Path(os.environ.get(DATA_DIR_VARIABLE) or DEFAULT_DATA_DIR)


def read_table(path: Path, contract: dict | None = None) -> tuple[pd.DataFrame, list[Problem], list[Notice]]:
    """Read one CSV as strings, reporting unreadable files and ragged rows instead of raising.

    With the file's ``contract`` (an entry of contract_files()), a file saved by a
    spreadsheet (';'-separated, decimal commas, Windows-1252, a byte order mark) is read
    too, with one notice; one that cannot be read unambiguously is one problem that names
    the cause, and an empty table, so no follow-on errors are reported for it.
    """
    file = path.name
    if not path.is_file():
        return pd.DataFrame(), [Problem(file, None, None, f"file is missing from {path.parent}")], []
    columns = (contract or {}).get("columns", {})
    numeric = [name for name, spec in columns.items() if spec["type"] in NUMERIC_TYPES]
    read = read_csv_bytes(path.read_bytes(), expected=list(columns), numeric=numeric)
    notices = [Notice(file, notice_line(read.notes))] if read.notes else []
    if read.cause:
        return pd.DataFrame(), [Problem(file, None, None, read.cause)], notices
    header = read.header
    problems = [
        Problem(file, row, None, f"has {fields} fields but the header has {len(header)}") for row, fields in read.ragged
    ]
    problems += [Problem(file, row, column, message) for row, column, message in read.cell_problems]
    # Indexed by spreadsheet row number, so problems name the row a person sees, blank lines included.
    rows = [cells for _, cells in read.records]
    index = [row for row, _ in read.records]
    return pd.DataFrame(rows, columns=header, index=index, dtype=str), problems, notices


def read_folder(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Problem], list[Notice]]:
    """Every contract file of a folder as a table of strings, with what reading it found."""
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    notices: list[Notice] = []
    for file, contract in contract_files().items():
        table, read_problems, read_notices = read_table(_source_path(folder, file), contract)
        tables[file] = table
        problems += read_problems
        notices += read_notices
    return tables, problems, notices


def validate_tables(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """The contract's checks on tables of strings, however they were read (CSV files or a workbook).

    A table that could not be read (empty frame) is skipped, and so are references into
    it: its one problem already says why, and a cascade of unknown ids would hide it.
    """
    files = contract_files()
    contract = {"files": files}
    readable = {file: table for file, table in tables.items() if not table.columns.empty}
    problems: list[Problem] = []
    for file, table in readable.items():
        problems += check_columns(file, table, contract)
    ids = {file: set(table["id"]) for file, table in readable.items() if "id" in table.columns}
    for file, table in readable.items():
        problems += check_unique_ids(file, table, files[file]["key"])
        problems += check_cells(file, table, contract, ids)
    problems += check_rules(readable)
    return sorted(set(problems), key=_problem_order)


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Load and validate the data folder; raise DatasetError listing every problem."""
    folder = Path(data_dir) if data_dir is not None else data_dir_from_environment()
    tables, problems, notices = read_folder(folder)
    problems = sorted(set(problems + validate_tables(tables)), key=_problem_order)
    if problems:
        raise DatasetError(folder, problems, notices)
    return _typed(tables, notices)


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.row or 0, problem.column or "", problem.message)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _typed(tables: dict[str, pd.DataFrame], notices: list[Notice]) -> Dataset:
    def table(file: str) -> pd.DataFrame:
        frame = tables[file].copy()
        for name, spec in contract_files()[file]["columns"].items():
            if name not in frame.columns:
                frame[name] = ""
            if spec["type"] == "number":
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
        notices=tuple(notices),
    )
