"""places.csv as the geocoder edits it: untouched rows stay byte for byte, writes are atomic.

Rows are kept as the exact text they were read from; only rows the geocoder changes or
adds are serialised again. Re-serialising everything would silently change quoting and
line endings of rows nobody touched, and make every geocoding run a noisy diff.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"
REQUIRED_COLUMNS = ("id", "name", "name_local", "country", "lat", "lon", "geocoded_by", "geocoded_on")


@dataclass
class Row:
    raw: str  # the exact text read, line ending included; "" for rows added in this run
    fields: list[str]
    changed: bool = False


class PlacesTable:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.bom = BOM if text.startswith(BOM) else ""
        text = text[len(self.bom) :]
        self.newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
        rows = list(_split_records(text))
        if not rows or not rows[0].fields:
            raise ValueError(f"{path}: no header row")
        self.header_row, self.rows = rows[0], rows[1:]
        self.columns = {name: i for i, name in enumerate(self.header_row.fields)}
        missing = [c for c in REQUIRED_COLUMNS if c not in self.columns]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")

    @classmethod
    def read(cls, path: Path) -> PlacesTable:
        # newline="" so \r\n and newlines inside quoted fields reach us unchanged.
        with open(path, encoding="utf-8", newline="") as f:
            return cls(path, f.read())

    def places(self) -> Iterator[Row]:
        return (row for row in self.rows if row.fields)  # blank lines are kept but skipped

    def find(self, place_id: str) -> Row | None:
        return next((row for row in self.places() if self.get(row, "id") == place_id), None)

    def get(self, row: Row, column: str) -> str:
        i = self.columns[column]
        return row.fields[i] if i < len(row.fields) else ""

    def set(self, row: Row, column: str, value: str) -> None:
        i = self.columns[column]
        row.fields.extend([""] * (i + 1 - len(row.fields)))  # a short row grows; extra cells survive
        if row.fields[i] != value:
            row.fields[i], row.changed = value, True

    def append(self, values: dict[str, str]) -> Row:
        row = Row(raw="", fields=[""] * len(self.columns), changed=True)
        for column, value in values.items():
            self.set(row, column, value)
        self.rows.append(row)
        return row

    def render(self) -> Iterator[str]:
        """The file's new text, piece by piece (the writer streams it into a temp file)."""
        previous = self.bom + self.header_row.raw
        yield previous
        for row in self.rows:
            if row.changed:
                out = io.StringIO()
                csv.writer(out, lineterminator=self.newline).writerow(row.fields)
                if not previous.endswith("\n"):
                    yield self.newline  # the old last line had no newline; don't glue onto it
                text = out.getvalue()
            else:
                text = row.raw
            yield text
            previous = text

    def write(self) -> None:
        write_atomically(self.path, self.render())


def _split_records(text: str) -> Iterator[Row]:
    """Parse CSV records and remember the exact text of each one.

    csv.reader pulls physical lines one at a time and stops as soon as a record is
    complete, so the lines it pulled for a record are exactly that record's text (a quoted
    field may span several lines).
    """
    pulled: list[str] = []

    def lines() -> Iterator[str]:
        # Split after each "\n" only: str.splitlines would also split inside a field at
        # \u2028, \x0c and friends, and csv would then see two records.
        start = 0
        while start < len(text):
            end = text.find("\n", start)
            end = len(text) if end == -1 else end + 1
            pulled.append(text[start:end])
            yield pulled[-1]
            start = end

    for fields in csv.reader(lines()):
        yield Row(raw="".join(pulled), fields=fields)
        pulled.clear()


def write_atomically(path: Path, pieces: Iterable[str]) -> None:
    """Replace `path` with `pieces` so that readers see the old file or the new, never half.

    The temp file is in the same folder because os.replace is only atomic within one file
    system; fsync before the rename so a power cut cannot leave a renamed but empty file.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            for piece in pieces:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            shutil.copymode(path, tmp)  # mkstemp makes it 0600; keep the file's own mode
        os.replace(tmp, path)
    except BaseException:  # KeyboardInterrupt too: never leave the temp file behind
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable; not possible everywhere
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
