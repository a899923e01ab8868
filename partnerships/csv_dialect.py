"""Read a CSV the way a spreadsheet saved it: encoding, separator and decimal commas.

The contract's files are UTF-8, comma-separated, with decimal points. Excel, especially a
Danish one, saves ';'-separated files with decimal commas, in Windows-1252 or UTF-8 with a
byte order mark. Where the file says unambiguously how it was saved, it is read and one
notice says so and how to save it properly; where it does not, one problem names the
cause and the fix instead of a cascade of follow-on errors in every row. Nothing here
writes a file: the app never rewrites data behind a person's back.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Collection
from dataclasses import dataclass, field

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "','", ";": "';'", "\t": "tabs"}
# The one way to get a file the contract expects from a spreadsheet: Danish Excel's own
# "CSV UTF-8" still separates with ';' (the regional list separator), so "save as" is not it.
HOW_TO_SAVE = "to save it as the contract expects, edit it in the workbook (`make export-workbook`, then `make import-workbook FILE=...`)"
# A number with a decimal comma, and one that could as well be digits grouped by commas
# ("20,000" is twenty thousand in English, twenty in Danish).
DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
GROUPED_BY_COMMAS = re.compile(r"^-?\d{1,3}(,\d{3})+$")
DECIMAL_POINT = re.compile(r"^-?\d+\.\d+$")
# Valid UTF-8 sequences of two or more bytes: their presence in a file that is not valid
# UTF-8 means two encodings were mixed (text pasted from elsewhere), not one legacy encoding.
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# What Excel writes for each letter Windows-1252 has no room for (Київ becomes ????).
LOST_LETTERS = re.compile(r"\?{2,}")
AMBIGUOUS_GROUPING = (
    "'{value}' could be a decimal comma or digits grouped by commas: write it without grouping (20000 or 20.5)"
)


@dataclass(frozen=True)
class CsvText:
    """One file as read: its records, what was tolerated (notes) and what stops it (cause).

    ``cause`` is the one-line reason a file cannot be read unambiguously; when it is set
    the records are empty and nothing else about the file should be reported.
    ``cell_problems`` are (row, column, message) for single ambiguous values.
    """

    header: list[str] = field(default_factory=list)
    records: list[tuple[int, list[str]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cause: str | None = None
    cell_problems: list[tuple[int, str, str]] = field(default_factory=list)
    # Rows with more or fewer fields than the header: (row, fields)
    ragged: list[tuple[int, int]] = field(default_factory=list)


def decode(data: bytes) -> tuple[str | None, list[str], str | None]:
    """(text, notes, cause): UTF-8 as the contract says, or the legacy encodings Excel writes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), ["was read as UTF-16 (Excel's 'Unicode Text')"], None
        except UnicodeDecodeError as error:
            return None, [], f"starts like UTF-16 but is not ({error.reason}): save it as 'CSV UTF-8'"
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), ["starts with a byte order mark (read as UTF-8)"], None
        except UnicodeDecodeError as error:
            return None, [], _not_utf8(error)
    try:
        return data.decode("utf-8"), [], None
    except UnicodeDecodeError as error:
        if UTF8_MULTIBYTE.search(data):
            return None, [], f"mixes UTF-8 with another encoding ({_not_utf8(error)})"
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None, [], f"is neither UTF-8 nor Windows-1252 text ({_not_utf8(error)})"
        return text, ["was read as Windows-1252, not UTF-8"], None


def _not_utf8(error: UnicodeDecodeError) -> str:
    return f"byte 0x{error.object[error.start]:02X} at position {error.start} is not UTF-8: save it as 'CSV UTF-8'"


def _parse(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _choose_delimiter(text: str, expected: Collection[str]) -> tuple[str | None, str | None]:
    """(delimiter, cause): the separator whose header names the most of the contract's columns."""
    first_line = text.split("\n", 1)[0]
    scores = {}
    for delimiter in DELIMITERS:
        names = {name.strip() for name in _parse(first_line, delimiter)[0]} if first_line.strip() else set()
        scores[delimiter] = len(names & set(expected)) if expected else (len(names) if len(names) > 1 else 0)
    best = max(scores.values())
    winners = [d for d in DELIMITERS if scores[d] == best]
    if best == 0 or winners == [","]:
        return ",", None
    if len(winners) > 1:
        names = " and ".join(DELIMITER_NAMES[d] for d in winners)
        return None, f"the header row is separated by both {names}: use one separator (',') throughout"
    return winners[0], None


def read_csv_bytes(data: bytes, expected: Collection[str] = (), numeric: Collection[str] = ()) -> CsvText:
    """Decode, find the separator, parse, and read decimal commas in ``numeric`` columns.

    ``expected`` are the contract's column names for this file (they tell the separator
    apart); row numbers are a spreadsheet's (the header is row 1).
    """
    text, notes, cause = decode(data)
    if text is None:
        return CsvText(cause=cause)
    delimiter, cause = _choose_delimiter(text, expected)
    if delimiter is None:
        return CsvText(cause=cause)
    rows = _parse(text, delimiter)
    if not rows or not any(cell.strip() for cell in rows[0]):
        return CsvText(notes=notes, cause="is empty: it needs a header row")
    header = [name.strip() for name in rows[0]]
    records = [
        (offset + 2, [cell.strip() for cell in row])
        for offset, row in enumerate(rows[1:])
        if any(cell.strip() for cell in row)  # blank lines are harmless, e.g. a trailing newline
    ]
    ragged = [(row, len(cells)) for row, cells in records if len(cells) != len(header)]
    cause = _ragged_cause(text, delimiter, header, records, ragged)
    if cause:
        return CsvText(notes=notes, cause=cause)
    if delimiter != ",":
        notes.append(f"is separated by {DELIMITER_NAMES[delimiter]}, not ','")
    records = [(row, (cells + [""] * len(header))[: len(header)]) for row, cells in records]
    converted, cause, cell_problems = read_decimal_commas(header, records, numeric, comma_locale=delimiter == ";")
    if cause:
        return CsvText(notes=notes, cause=cause)
    if converted:
        notes.append(
            f"has decimal commas ({converted} {'number' if converted == 1 else 'numbers'} read as 55,5 = 55.5)"
        )
    # Checked in every file: a file of only ASCII letters and '?' is valid UTF-8 as well.
    lost = [(row, header[i]) for row, cells in records for i, cell in enumerate(cells) if LOST_LETTERS.search(cell)]
    if lost:
        row, column = lost[0]
        cells = "cell holds" if len(lost) == 1 else "cells hold"
        return CsvText(
            notes=notes,
            cause=(
                f"{len(lost)} {cells} '??' where letters were lost (first: row {row}, column '{column}'): it was "
                f"saved in an encoding without Ukrainian letters, such as Windows-1252; save the original "
                f"again as 'CSV UTF-8'"
            ),
        )
    return CsvText(header, records, notes, None, cell_problems, ragged)


def _ragged_cause(
    text: str, delimiter: str, header: list[str], records: list[tuple[int, list[str]]], ragged: list[tuple[int, int]]
) -> str | None:
    """One cause when most rows are ragged: the file's layout is wrong, not each row."""
    if len(ragged) < 2 or len(ragged) * 2 < len(records):
        return None  # one or two bad rows: each is reported where it is
    name = DELIMITER_NAMES[delimiter]
    for other in DELIMITERS:
        if other != delimiter and all(len(cells) == len(header) for cells in _parse_rows(text, other)):
            return (
                f"the header row is separated by {name} but the other rows by {DELIMITER_NAMES[other]}: "
                f"use one separator (',') throughout"
            )
    split_number = _split_decimal_comma(header, records) if delimiter == "," else None
    if split_number:
        return (
            f"is separated by ',' and also has decimal commas (e.g. {split_number}), so its columns cannot be "
            f"told apart: write numbers with a decimal point (55.5), or {HOW_TO_SAVE}"
        )
    return (
        f"{len(ragged)} of {len(records)} rows do not have the header's {len(header)} fields "
        f"(a missing separator or quote?): {HOW_TO_SAVE}"
    )


def _split_decimal_comma(header: list[str], records: list[tuple[int, list[str]]]) -> str | None:
    """'55,6761' as it appears when a decimal comma split a number into two of a row's extra fields."""
    for _, cells in records:
        if len(cells) > len(header):
            for first, second in zip(cells, cells[1:], strict=False):
                if re.fullmatch(r"-?\d+", first) and re.fullmatch(r"\d+", second):
                    return f"'{first},{second}'"
    return None


def _parse_rows(text: str, delimiter: str) -> list[list[str]]:
    return [row for row in _parse(text, delimiter)[1:] if any(cell.strip() for cell in row)]


def read_decimal_commas(
    header: list[str],
    records: list[tuple[int, list[str]]],
    numeric: Collection[str],
    comma_locale: bool,
    separate_cells: bool = False,
) -> tuple[int, str | None, list[tuple[int, str, str]]]:
    """Rewrite decimal commas in numeric columns in place: (how many, file-level cause, cell problems).

    ``comma_locale``: the file comes from a spreadsheet that writes decimal commas (it is
    ';'-separated). Elsewhere '20,000' alone is ambiguous (twenty thousand in English,
    twenty in Danish) unless another value in its column has an unmistakable decimal
    comma. A column with both decimal commas and decimal points is ambiguous as a whole
    ('12.345' may be twelve thousand with a Danish group separator), except where each
    cell was typed on its own (``separate_cells``: a workbook, whose points the export wrote).
    """
    converted = 0
    cell_problems: list[tuple[int, str, str]] = []
    for index, column in enumerate(header):
        if column not in numeric:
            continue
        values = [(row, cells[index]) for row, cells in records]
        commas = [(row, value) for row, value in values if DECIMAL_COMMA.match(value)]
        if not commas:
            continue
        points = [(row, value) for row, value in values if DECIMAL_POINT.match(value)]
        if points and not separate_cells:
            return (
                0,
                (
                    f"column '{column}' mixes decimal commas (row {commas[0][0]}: {commas[0][1]}) and decimal points "
                    f"(row {points[0][0]}: {points[0][1]}), so neither can be trusted: write every number "
                    f"with a decimal point, or {HOW_TO_SAVE}"
                ),
                [],
            )
        decimal = comma_locale or any(not GROUPED_BY_COMMAS.match(value) for _, value in commas)
        for row, cells in records:
            value = cells[index]
            if not DECIMAL_COMMA.match(value):
                continue
            if decimal:
                cells[index] = value.replace(",", ".")
                converted += 1
            else:
                cell_problems.append((row, column, AMBIGUOUS_GROUPING.format(value=value)))
    return converted, None, cell_problems


def notice_line(notes: list[str]) -> str:
    """The notes on one file as one line, with how to save it properly."""
    return "; ".join(notes) + f". It was read all the same; {HOW_TO_SAVE}"
