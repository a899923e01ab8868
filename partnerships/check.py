"""`python -m partnerships.check [DATA_DIR]`: validate the CSVs the way the app does."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from partnerships.dataset import DatasetError, data_dir_from_environment, load_dataset, problem_count
from partnerships.validation import Notice


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else data_dir_from_environment()
    try:
        dataset = load_dataset(folder)
    except DatasetError as error:
        print_notices(error.notices)
        print(f"{problem_count(len(error.problems))} in {folder}:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print_notices(dataset.notices)
    print(
        f"{folder}: OK — {len(dataset.partnerships)} partnerships, {len(dataset.programmes)} programmes, "
        f"{len(dataset.places)} places, {len(dataset.funding)} funding rows, {len(dataset.sources)} sources"
    )
    return 0


def print_notices(notices: Iterable[Notice]) -> None:
    """Files read although saved differently from the contract: one line each, before the verdict."""
    for notice in notices:
        print(f"Note: {notice}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
