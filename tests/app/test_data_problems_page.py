"""The page that lists data problems shows a file Excel saved ambiguously as one line: its cause."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from partnerships.i18n import t
from tests.fixtures.datasets import write_ambiguous_csv, write_excel_csv

OpenApp = Callable[..., AppTest]


@pytest.mark.parametrize("kind", ["mixed-decimals", "mixed-separators"])
def test_an_ambiguous_file_is_one_line_naming_the_cause(open_app: OpenApp, tmp_path: Path, kind: str) -> None:
    file, phrase = write_ambiguous_csv(tmp_path, kind)
    at = open_app(data_dir=tmp_path)
    assert not at.exception
    assert at.error[0].value == t("data_error_title", "en", count=1)
    (table,) = [frame.value for frame in at.dataframe]
    (record,) = table.to_dict("records")
    assert record[t("file", "en")] == file
    assert phrase in record[t("problem", "en")]
    assert "make import-workbook" in record[t("problem", "en")] or kind == "mixed-separators"


def test_a_notice_is_shown_beside_the_problems_it_does_not_cause(open_app: OpenApp, tmp_path: Path) -> None:
    """Danish Excel's places.csv is read (a notice); another file's real problem still stops the app."""
    write_excel_csv(tmp_path, "places.csv")
    (tmp_path / "figures.csv").unlink()
    at = open_app(data_dir=tmp_path)
    assert at.error[0].value == t("data_error_title", "en", count=1)
    (info,) = [element.value for element in at.info]
    assert info.startswith("places.csv: ") and "';'" in info


def test_an_excel_saved_file_alone_loads_the_map(open_app: OpenApp, tmp_path: Path) -> None:
    write_excel_csv(tmp_path, "places.csv")
    at = open_app(data_dir=tmp_path)
    assert not at.exception and not at.error
