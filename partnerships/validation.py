"""Check raw CSV tables against the data contract (data/datapackage.json, via dataset.contract_files()).

Every problem is collected, never just the first, so a person editing the CSVs
sees the whole list at once with file, row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd
from babel.numbers import list_currencies

from geo.places import within_country

# Only for rules across columns (is this a period at all?); a cell's own pattern comes
# from the Data Package, so the contract has one home.
PERIOD_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
DATE_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
# The Table Schema number type also takes '1e5', 'NaN' and 'INF'; the contract asks for
# plain numbers, which both validators accept.
NUMBER_PATTERN = re.compile(r"^-?\d+(\.\d+)?$")
INTEGER_PATTERN = re.compile(r"^-?\d+$")
# The first data row is line 2 of the file: line 1 is the header.
FIRST_DATA_LINE = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as a person editing the CSV would look for it."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


@dataclass(frozen=True, order=True)
class Notice:
    """A file that was read although it was saved differently from the contract: one line, not a problem."""

    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def row_numbers(table: pd.DataFrame) -> list[int]:
    """Spreadsheet row numbers of a table's records.

    The loader indexes each table by row number (so a blank line in the file still counts);
    a table with a plain 0-based index is numbered as a file without blank lines.
    """
    if isinstance(table.index, pd.RangeIndex) and table.index.start == 0:
        return [offset + FIRST_DATA_LINE for offset in range(len(table))]
    return [int(row) for row in table.index]


def _rows(table: pd.DataFrame) -> list[tuple[int, dict]]:
    """(spreadsheet row number, record) pairs."""
    return list(zip(row_numbers(table), table.to_dict("records"), strict=True))


# What each of our types expects, in words, for a value that does not match its pattern.
EXPECTED = {
    "id": "is not a valid id (lower-case letters, digits and hyphens)",
    "period": "is not a year or date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "currency": "is not an ISO 4217 currency code (e.g. DKK, SEK, EUR)",
    "url": "is not a web address starting with https://",
    "refs": "is not a list of ids separated by ';'",
}


def _matches(value: str, spec: dict) -> bool:
    return "pattern" not in spec or re.fullmatch(spec["pattern"], value) is not None


def _check_value(value: str, spec: dict, ids: dict[str, set[str]]) -> str | None:
    """Return a message when a non-empty value breaks its column's type, else None.

    References into a file that could not be read (not in ``ids``) are not checked: that
    file's own problem says why, and an unknown id on every row would hide it.
    """
    kind = spec["type"]
    if kind in EXPECTED and not _matches(value, spec):
        return f"'{value}' {EXPECTED[kind]}"
    if kind == "enum" and value not in spec["values"]:
        return f"'{value}' is not one of: {', '.join(spec['values'])}"
    if kind == "number":
        if not NUMBER_PATTERN.match(value):
            return f"'{value}' is not a plain number (use e.g. 20000000 or 55.67, no separators)"
        return _check_range(float(value), spec)
    if kind == "integer":
        if not INTEGER_PATTERN.match(value):
            return f"'{value}' is not a whole number"
        return _check_range(int(value), spec)
    if kind == "date" and not _is_date(value):
        return f"'{value}' is not a date (YYYY-MM-DD)"
    if kind == "currency" and value not in _currencies():
        return f"'{value}' is not an ISO 4217 currency code (e.g. DKK, SEK, EUR)"
    if kind == "ref" and spec["to"] in ids and value not in ids[spec["to"]]:
        return f"unknown id '{value}': not in {spec['to']}"
    if kind == "refs" and spec["to"] in ids:
        unknown = [part for part in _split_list(value) if part not in ids[spec["to"]]]
        if unknown:
            return f"unknown id(s) {', '.join(repr(u) for u in unknown)}: not in {spec['to']}"
    return None


def _is_date(value: str) -> bool:
    """YYYY-MM-DD and a real day (no 30 February), as the Table Schema date type asks."""
    if not DATE_PATTERN.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_range(number: float, spec: dict) -> str | None:
    if "min" in spec and number < spec["min"]:
        return f"{number:g} is below the minimum {spec['min']}"
    if "max" in spec and number > spec["max"]:
        return f"{number:g} is above the maximum {spec['max']}"
    return None


def _split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def check_columns(file: str, table: pd.DataFrame, schema: dict) -> list[Problem]:
    """Missing required columns; extra columns are allowed (the contract says add what's useful)."""
    columns = schema["files"][file]["columns"]
    return [
        Problem(file, None, name, "required column is missing")
        for name, spec in columns.items()
        if spec.get("required") and name not in table.columns
    ]


def check_cells(file: str, table: pd.DataFrame, schema: dict, ids: dict[str, set[str]]) -> list[Problem]:
    """Type, requiredness and reference checks, cell by cell."""
    problems: list[Problem] = []
    columns = schema["files"][file]["columns"]
    for row, record in _rows(table):
        for name, spec in columns.items():
            if name not in table.columns:
                continue
            value = str(record[name]).strip()
            if not value:
                if spec.get("required"):
                    problems.append(Problem(file, row, name, "is empty but required"))
                continue
            message = _check_value(value, spec, ids)
            if message:
                problems.append(Problem(file, row, name, message))
    return problems


def check_unique_ids(file: str, table: pd.DataFrame, key: str = "id") -> list[Problem]:
    """Each value of the key column (the id, or e.g. the currency of a rate) appears once."""
    if key not in table.columns:
        return []
    seen: dict[str, int] = {}
    problems = []
    for row, value in zip(row_numbers(table), table[key], strict=True):
        if value in seen:
            problems.append(Problem(file, row, key, f"duplicate {key} '{value}' (first used on row {seen[value]})"))
        elif value:
            seen[value] = row
    return problems


def check_rules(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Rules that span columns or files and that a column type cannot express."""
    problems: list[Problem] = []
    problems += _check_place_coordinates(tables.get("places.csv"))
    for file in ("partnerships.csv", "funding.csv", "programmes.csv"):
        table = tables.get(file)
        if table is None:
            continue
        for row, record in _rows(table):
            problems += _check_record_rules(file, row, record)
    return problems


def _check_place_coordinates(places: pd.DataFrame | None) -> list[Problem]:
    if places is None or not {"lat", "lon", "country"} <= set(places.columns):
        return []
    problems = []
    for row, record in _rows(places):
        lat, lon, country = record["lat"], record["lon"], record["country"]
        if not (NUMBER_PATTERN.match(lat) and NUMBER_PATTERN.match(lon)):
            continue  # already reported as a type problem
        if not within_country(float(lat), float(lon), country):
            problems.append(
                Problem(
                    "places.csv",
                    row,
                    "lat",
                    f"({lat}, {lon}) lies outside {country}: check the coordinates (or swapped lat/lon)",
                )
            )
    return problems


def _check_record_rules(file: str, row: int, record: dict) -> list[Problem]:
    problems = []
    if record.get("also_source") and not record.get("also_quote"):
        problems.append(Problem(file, row, "also_quote", "is empty but also_source is given"))
    if record.get("also_quote") and not record.get("also_source"):
        problems.append(Problem(file, row, "also_source", "is empty but also_quote is given"))
    if file == "partnerships.csv" and record.get("from_place") and record.get("from_place") == record.get("to_place"):
        problems.append(Problem(file, row, "to_place", "a partnership needs two different places"))
    if file == "funding.csv" and record.get("amount") and not record.get("currency"):
        problems.append(Problem(file, row, "currency", "is empty but an amount is given"))
    start, end = record.get("start", ""), record.get("end", "")
    if (
        start
        and end
        and PERIOD_PATTERN.match(start)
        and PERIOD_PATTERN.match(end)
        and end[: len(start)] < start[: len(end)]
    ):
        problems.append(Problem(file, row, "end", f"{end} is before the start {start}"))
    return problems
