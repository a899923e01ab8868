"""The data folder as one Excel workbook, and back: for the people who keep the data in Excel.

`make export-workbook` writes every table to one sheet of an .xlsx (header row frozen,
drop-down lists for ids, themes, countries, kinds of tie and status, every cell text so
Excel changes nothing: no dates out of periods, no numbers out of ids).
`make import-workbook FILE=...` reads it back, validates it with the loader's own rules
(partnerships.dataset.validate_tables) and writes the CSVs only when nothing is wrong:
all files or none, each through a temporary file and os.replace, in the contract's
format (UTF-8, ',', '\\n'), so an unchanged workbook gives byte-identical CSVs.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from partnerships.csv_dialect import read_decimal_commas
from partnerships.dataset import (
    NUMERIC_TYPES,
    contract_files,
    data_dir_from_environment,
    problem_count,
    read_folder,
    validate_tables,
)
from partnerships.validation import FIRST_DATA_LINE, Problem

DEFAULT_WORKBOOK = Path("partnership-data.xlsx")
# Drop-down lists reach this many rows past the data, so new rows get them too.
SPARE_ROWS = 500
TEXT_FORMAT = "@"  # Excel's "Text": what is typed stays as typed
# Excel allows at most 255 characters in a list typed into the validation itself.
INLINE_LIST_LIMIT = 255


def sheet_name(file: str) -> str:
    """places.csv is the sheet 'places'."""
    return file.removesuffix(".csv")


def export_workbook(folder: Path, out: Path) -> Path:
    """Write every table of ``folder`` to one sheet of ``out``; the folder must be readable."""
    tables, problems, _ = read_folder(folder)
    unreadable = [problem for problem in problems if problem.row is None and problem.column is None]
    if unreadable:
        raise ValueError("cannot export unreadable files: " + "; ".join(map(str, unreadable)))
    files = contract_files()
    workbook = Workbook()
    workbook.remove(workbook.active)
    id_ranges: dict[str, str] = {}
    sizes = {file: len(table) + 1 + SPARE_ROWS for file, table in tables.items()}
    for file, table in tables.items():
        if "id" in table.columns:
            letter = get_column_letter(list(table.columns).index("id") + 1)
            id_ranges[file] = f"{quote_sheetname(sheet_name(file))}!${letter}$2:${letter}${sizes[file]}"
    for file, table in tables.items():
        worksheet = workbook.create_sheet(sheet_name(file))
        worksheet.append(list(table.columns))
        for cells in table.itertuples(index=False):
            worksheet.append(list(cells))
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        worksheet.freeze_panes = "A2"
        for index, name in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            for (cell,) in worksheet.iter_rows(min_row=2, max_row=sizes[file], min_col=index, max_col=index):
                cell.number_format = TEXT_FORMAT
            worksheet.column_dimensions[letter].width = min(60, max(10, len(name) + 2, *_widths(table[name])))
            spec = files[file]["columns"].get(name)
            validation = _drop_down(spec, id_ranges) if spec else None
            if validation is not None:
                worksheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{sizes[file]}")
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)
    return out


def _widths(values: pd.Series) -> list[int]:
    return [len(value) + 2 for value in values[:200]] or [10]


def _drop_down(spec: dict, id_ranges: dict[str, str]) -> DataValidation | None:
    """A list for a column with a closed set of values: an enum, or the ids of another sheet."""
    if spec["type"] == "enum" and len(",".join(spec["values"])) < INLINE_LIST_LIMIT:
        validation = DataValidation(type="list", formula1='"' + ",".join(spec["values"]) + '"', allow_blank=True)
        validation.error = f"Choose one of: {', '.join(spec['values'])}"
        validation.showErrorMessage = True
        return validation
    if spec["type"] in ("ref", "refs") and spec["to"] in id_ranges:
        validation = DataValidation(type="list", formula1=f"={id_ranges[spec['to']]}", allow_blank=True)
        # A list of themes ('waste;veterans') is typed, not picked: the drop-down offers one id,
        # and Excel must accept the list (the import checks every id).
        validation.showErrorMessage = spec["type"] == "ref"
        validation.error = f"Pick an id from the sheet {sheet_name(spec['to'])}"
        return validation
    return None


# --- import ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import found and did: problems (nothing written), or the files written."""

    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def cell_text(value: object) -> str:
    """A cell as the CSV's text: text as typed, whole numbers without '.0', dates as YYYY-MM-DD.

    The export writes text cells; these cases are a person typing into a cell Excel formats
    itself (a number, a date) on a new row.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value).strip()


def read_workbook(path: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every contract table from its sheet, as tables of strings indexed by Excel's row numbers."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    files = contract_files()
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for file, contract in files.items():
        name = sheet_name(file)
        if name not in workbook.sheetnames:
            if not contract["reference"]:
                problems.append(Problem(file, None, None, f"the workbook has no sheet '{name}'"))
            continue
        rows = [[cell_text(value) for value in row] for row in workbook[name].iter_rows(values_only=True)]
        header = rows[0] if rows else []
        while header and not header[-1]:
            header.pop()  # Excel may report formatted but empty columns
        if not header:
            problems.append(Problem(file, None, None, f"sheet '{name}' is empty: it needs a header row"))
            continue
        records = [
            (number, (cells + [""] * len(header))[: len(header)])
            for number, cells in enumerate(rows[1:], start=FIRST_DATA_LINE)
            if any(cells)  # the export's formatted spare rows are empty
        ]
        # A value typed right of the last named column would be lost in the CSV: say so instead.
        problems += [
            Problem(file, number, None, f"has a value in column {get_column_letter(index + 1)}, which has no header")
            for number, cells in enumerate(rows[1:], start=FIRST_DATA_LINE)
            for index in [next((i for i in range(len(header), len(cells)) if cells[i]), None)]
            if index is not None
        ]
        numeric = [column for column, spec in contract["columns"].items() if spec["type"] in NUMERIC_TYPES]
        _, cause, cell_problems = read_decimal_commas(header, records, numeric, comma_locale=False, separate_cells=True)
        if cause:
            problems.append(Problem(file, None, None, cause))
            continue
        problems += [Problem(file, row, column, message) for row, column, message in cell_problems]
        tables[file] = pd.DataFrame(
            [cells for _, cells in records], columns=header, index=[row for row, _ in records], dtype=str
        )
    workbook.close()
    return tables, problems


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The contract's CSV format: UTF-8, ',', quotes only where needed, '\\n' line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(table.columns))
    writer.writerows(table.itertuples(index=False))
    return buffer.getvalue().encode("utf-8")


def import_workbook(path: Path, folder: Path) -> ImportResult:
    """Validate the workbook like the loader validates CSVs; write all CSVs only if nothing is wrong."""
    tables, problems = read_workbook(path)
    full = dict(tables)
    if not any(problem.row is None and problem.column is None for problem in problems):
        problems += validate_tables(_with_bundled_references(full, folder))
    if problems:
        return ImportResult(problems=sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "")))
    contents = {file: csv_bytes(table) for file, table in tables.items()}
    written = [file for file, data in contents.items() if _current(folder / file) != data]
    write_atomically(folder, {file: contents[file] for file in written})
    return ImportResult(written=written, unchanged=[file for file in contents if file not in written])


def _with_bundled_references(tables: dict[str, pd.DataFrame], folder: Path) -> dict[str, pd.DataFrame]:
    """A reference sheet left out of the workbook is the folder's file (or the bundled one), as for the loader."""
    missing = [file for file, contract in contract_files().items() if contract["reference"] and file not in tables]
    if missing:
        folder_tables, _, _ = read_folder(folder)
        tables |= {file: folder_tables[file] for file in missing}
    return tables


def _current(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def write_atomically(folder: Path, contents: dict[str, bytes]) -> None:
    """Write every file or none: all go to temporary files first, then each replaces its file.

    If a replace fails half-way, the files already replaced get their old contents back,
    so the folder is never left half old and half new.
    """
    folder.mkdir(parents=True, exist_ok=True)
    temporary: dict[str, Path] = {}
    try:
        for file, data in contents.items():
            handle, name = tempfile.mkstemp(dir=folder, prefix=f".{file}.", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            temporary[file] = Path(name)
        previous = {file: _current(folder / file) for file in contents}
        replaced: list[str] = []
        try:
            for file, path in temporary.items():
                os.replace(path, folder / file)
                replaced.append(file)
        except OSError:
            for file in replaced:
                old = previous[file]
                if old is None:
                    (folder / file).unlink(missing_ok=True)
                else:
                    (folder / file).write_bytes(old)
            raise
    finally:
        for path in temporary.values():
            path.unlink(missing_ok=True)


# --- command line ----------------------------------------------------------------------------


def where(problem: Problem) -> str:
    """A problem located as the workbook shows it: sheet, row, column."""
    text = f"sheet '{sheet_name(problem.file)}'"
    if problem.row is not None:
        text += f", row {problem.row}"
    if problem.column:
        text += f", column '{problem.column}'"
    return f"{text}: {problem.message}"


def main(argv: list[str] | None = None) -> int:
    """`python -m partnerships.workbook export [FILE]` or `import FILE` (data folder: PARTNERSHIP_MAP_DATA)."""
    args = sys.argv[1:] if argv is None else argv
    folder = data_dir_from_environment()
    if not args or args[0] not in ("export", "import"):
        print("usage: python -m partnerships.workbook export [FILE] | import FILE", file=sys.stderr)
        return 2
    if args[0] == "export":
        out = Path(args[1]) if len(args) > 1 and args[1] else DEFAULT_WORKBOOK
        try:
            export_workbook(folder, out)
        except ValueError as error:
            print(f"{folder}: {error}", file=sys.stderr)
            return 1
        print(f"Wrote {out}: one sheet per table of {folder}. Edit it, then: make import-workbook FILE={out}")
        return 0
    if len(args) < 2 or not args[1]:
        print("Name the workbook to import: make import-workbook FILE=partnership-data.xlsx", file=sys.stderr)
        return 2
    path = Path(args[1])
    if not path.is_file():
        print(f"No workbook at {path}: make export-workbook writes one", file=sys.stderr)
        return 2
    result = import_workbook(path, folder)
    if result.problems:
        print(f"{problem_count(len(result.problems))} in {path}; nothing was written:", file=sys.stderr)
        for problem in result.problems:
            print(f"  {where(problem)}", file=sys.stderr)
        return 1
    written = ", ".join(result.written) or "nothing (no table changed)"
    print(f"{path}: OK. Wrote {written} in {folder}. Check with: make check-data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
