"""Fixtures for unit tests: the bundled dataset, loaded once."""

from __future__ import annotations

import pytest

from partnerships.dataset import DEFAULT_DATA_DIR, Dataset, load_dataset


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The bundled data/ folder, validated and typed (read-only: do not modify its frames)."""
    return load_dataset(DEFAULT_DATA_DIR)
