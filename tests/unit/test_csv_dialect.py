"""The tolerant CSV reader: what a spreadsheet saves is read when it is unambiguous, else one cause."""

from __future__ import annotations

import codecs

import pytest

from partnerships.csv_dialect import decode, read_csv_bytes

PLACES = ["id", "name", "lat", "lon"]
NUMERIC = ["lat", "lon"]


def read(text: str, encoding: str = "utf-8"):
    return read_csv_bytes(text.encode(encoding), expected=PLACES, numeric=NUMERIC)


def test_the_contract_format_is_read_without_a_notice() -> None:
    result = read("id,name,lat,lon\nkyiv,Kyiv,50.4501,30.5234\n")
    assert (result.cause, result.notes) == (None, [])
    assert result.records == [(2, ["kyiv", "Kyiv", "50.4501", "30.5234"])]


def test_danish_excel_semicolons_and_decimal_commas_are_read_with_one_note() -> None:
    result = read("id;name;lat;lon\r\nkyiv;Kyiv;50,4501;30,5234\r\nlviv;Lviv;49,8397;24,0297\r\n", "utf-8-sig")
    assert result.cause is None
    assert result.records[0] == (2, ["kyiv", "Kyiv", "50.4501", "30.5234"])
    assert any("byte order mark" in note for note in result.notes)
    assert any("';'" in note for note in result.notes)
    assert any("decimal commas (4 numbers" in note for note in result.notes)


def test_decimal_commas_only_in_numeric_columns() -> None:
    result = read('id;name;lat;lon\nkyiv;"Kyiv, the capital";50,4501;30,5234\n')
    assert result.records[0][1][1] == "Kyiv, the capital"


def test_three_decimals_in_a_semicolon_file_are_decimals_not_thousands() -> None:
    assert read("id;name;lat;lon\nkyiv;Kyiv;50,450;30,523\n").records[0][1][2:] == ["50.450", "30.523"]


def test_twenty_comma_thousand_alone_is_one_ambiguous_cell() -> None:
    result = read('id,name,lat,lon\nkyiv,Kyiv,"50,450",30.5\n')
    assert result.cause is None
    assert [(row, column) for row, column, _ in result.cell_problems] == [(2, "lat")]


def test_windows_1252_is_read_with_a_note() -> None:
    result = read("id,name,lat,lon\ncopenhagen,København,55.6761,12.5683\n", "cp1252")
    assert result.records[0][1][1] == "København"
    assert result.notes == ["was read as Windows-1252, not UTF-8"]


def test_letters_windows_1252_lost_are_one_cause() -> None:
    data = "id,name,lat,lon\nkyiv,Київ,50.4501,30.5234\nlviv,Львів,49.8397,24.0297\n".encode("cp1252", errors="replace")
    result = read_csv_bytes(data, expected=PLACES, numeric=NUMERIC)
    assert "2 cells hold" in result.cause and "Windows-1252" in result.cause
    assert "row 2, column 'name'" in result.cause
    assert result.records == []


def test_utf16_unicode_text_is_read() -> None:
    result = read_csv_bytes("id\tname\tlat\tlon\nkyiv\tKyiv\t50.45\t30.52\n".encode("utf-16"), PLACES, NUMERIC)
    assert result.records == [(2, ["kyiv", "Kyiv", "50.45", "30.52"])]
    assert any("UTF-16" in note for note in result.notes) and any("tabs" in note for note in result.notes)


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        ("id,name\nkø,".encode() + "København".encode("cp1252"), "mixes UTF-8"),
        (b"id,name\nx,\x81\x8d", "neither UTF-8 nor Windows-1252"),
        (codecs.BOM_UTF8 + b"id,name\nx,\xff", "is not UTF-8"),
    ],
)
def test_undecidable_encodings_are_one_cause(data: bytes, phrase: str) -> None:
    text, notes, cause = decode(data)
    assert text is None and phrase in cause and "CSV UTF-8" in cause


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # One latitude typed with a point in a decimal-comma file: is 49.839 forty-nine thousand?
        ("id;name;lat;lon\nkyiv;Kyiv;50,4501;30,5234\nlviv;Lviv;49.8397;24,0297\n", "mixes decimal commas"),
        # Decimal commas in a comma-separated file: every number became two columns.
        ("id,name,lat,lon\nkyiv,Kyiv,50,4501,30,5234\nlviv,Lviv,49,8397,24,0297\n", "'50,4501'"),
        ("id,name,lat,lon\nkyiv;Kyiv;50,4501;30,5234\nlviv;Lviv;49,8397;24,0297\n", "the other rows by ';'"),
        ("id,name;lat\nkyiv,Kyiv;50\n", "both"),
        ("id,name,lat,lon\nkyiv,Kyiv\nlviv,Lviv\nodesa\n", "3 of 3 rows"),
    ],
)
def test_ambiguous_files_are_one_cause_and_no_rows(text: str, phrase: str) -> None:
    result = read(text)
    assert result.cause is not None and phrase in result.cause, result.cause
    assert result.records == [] and result.cell_problems == []


def test_one_ragged_row_stays_a_row_problem() -> None:
    result = read("id,name,lat,lon\nkyiv,Kyiv,50.45,30.52,extra\nlviv,Lviv,49.83,24.02\nodesa,Odesa,46.48,30.72\n")
    assert result.cause is None
    assert result.ragged == [(2, 5)]


def test_blank_lines_keep_row_numbers() -> None:
    result = read("id,name,lat,lon\n\nkyiv,Kyiv,50.45,30.52\n")
    assert [row for row, _ in result.records] == [3]
